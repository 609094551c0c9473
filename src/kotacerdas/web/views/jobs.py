"""Background jobs: the progress page and the htmx fragment it polls."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from kotacerdas.jobs import rules
from kotacerdas.jobs.models import Job
from kotacerdas.web.permissions import guarded


@guarded(rules.can_view_jobs)
def job_list(request: HttpRequest) -> HttpResponse:
    return render(request, "web/jobs.html", {"jobs": Job.objects.all()[:50]})


@guarded(rules.can_view_jobs)
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(Job, pk=pk)
    template = "web/_job_progress.html" if getattr(request, "htmx", False) else "web/job.html"
    return render(request, template, {"job": job})
