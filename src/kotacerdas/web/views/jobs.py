"""Background jobs: the list, the progress page (and the htmx fragment it polls), retry and cancel."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kotacerdas.errors import InputError, KotaCerdasError
from kotacerdas.jobs import rules
from kotacerdas.jobs.domain.control import cancel_job, retry_job
from kotacerdas.jobs.models import Job
from kotacerdas.web.permissions import deny, guarded
from kotacerdas.web.service_errors import show_refusal


@guarded(rules.can_view_jobs)
def job_list(request: HttpRequest) -> HttpResponse:
    return render(request, "web/jobs.html", {"jobs": Job.objects.all()[:50]})


@guarded(rules.can_view_jobs)
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(Job, pk=pk)
    template = "web/_job_progress.html" if getattr(request, "htmx", False) else "web/job.html"
    return render(request, template, {"job": job, "can_manage": rules.can_manage_jobs(request.user)})


@guarded(rules.can_manage_jobs)
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a failed job again (a new attempt on a worker)."""
    job = get_object_or_404(Job, pk=pk)
    if request.method != "POST":
        deny(request)
    try:
        retry_job(actor=request.user, job=job)
        messages.success(request, _("Pekerjaan diantrekan lagi."))
    except KotaCerdasError as exc:
        show_refusal(request, exc)
    return redirect("web:job", pk=job.pk)


@guarded(rules.can_manage_jobs)
def job_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel a queued, running or failed job (confirmed by a tick box); its uploaded file is removed."""
    job = get_object_or_404(Job, pk=pk)
    if request.method != "POST":
        deny(request)
    try:
        if request.POST.get("confirm") != "yes":
            raise InputError(_("centang kotaknya untuk menegaskan pembatalan"), code="confirmation_required")
        cancel_job(actor=request.user, job=job)
        messages.success(request, _("Pekerjaan dibatalkan."))
    except KotaCerdasError as exc:
        show_refusal(request, exc)
    return redirect("web:job", pk=job.pk)
