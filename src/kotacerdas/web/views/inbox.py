"""The personal inbox: notifications, marking them read, and the e-mail preferences."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.notifications import rules
from kotacerdas.notifications.domain.inbox import (
    email_kinds,
    inbox,
    mark_all_read,
    mark_read,
    set_email_kinds,
)
from kotacerdas.notifications.forms import EmailKindsForm
from kotacerdas.notifications.models import Notification
from kotacerdas.web.permissions import guarded


@guarded(rules.can_read_inbox)
def inbox_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(inbox(request.user), 50).get_page(request.GET.get("page"))
    form = EmailKindsForm(initial={"kinds": sorted(email_kinds(request.user))})
    return render(request, "web/inbox.html", {"page": page, "form": form})


@require_POST
@guarded(rules.can_read_inbox)
def read_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read, then follow its link (or go back to the inbox)."""
    notice = get_object_or_404(Notification, pk=pk, recipient=request.user.pk)
    mark_read(actor=request.user, notification=notice)
    target = notice.url if request.POST.get("open") and notice.url else ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("web:inbox")


@require_POST
@guarded(rules.can_read_inbox)
def read_all_view(request: HttpRequest) -> HttpResponse:
    count = mark_all_read(actor=request.user)
    messages.success(request, _("%(n)s notifikasi ditandai sudah dibaca.") % {"n": count})
    return redirect("web:inbox")


@require_POST
@guarded(rules.can_read_inbox)
def preferences_view(request: HttpRequest) -> HttpResponse:
    form = EmailKindsForm(request.POST)
    if not form.is_valid():
        page = Paginator(inbox(request.user), 50).get_page(1)
        return render(request, "web/inbox.html", {"page": page, "form": form}, status=400)
    set_email_kinds(actor=request.user, kinds=form.cleaned_data["kinds"])
    messages.success(request, _("Pilihan e-mail disimpan."))
    return redirect("web:inbox")
