"""The secretariat reads the audit log: filtered by actor, action, object type and dates, paginated, CSV
export (which keeps the action and object type codes)."""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kotacerdas.accounts.domain.audit import actions, search, target_types
from kotacerdas.accounts.forms import AuditFilterForm
from kotacerdas.accounts.models import AuditEvent
from kotacerdas.accounts.rules import can_manage_users
from kotacerdas.web.exports import csv_response
from kotacerdas.web.permissions import guarded

HEADER = (
    _("Waktu"),
    _("Pelaku"),
    pgettext_lazy("kolom", "Tindakan"),
    _("Jenis objek"),
    _("ID objek"),
    _("Ringkasan"),
    _("Data"),
)


def _filtered(request: HttpRequest) -> tuple[AuditFilterForm, QuerySet[AuditEvent]]:
    form = AuditFilterForm(request.GET or None, actions=actions(), target_types=target_types())
    if form.is_bound and not form.is_valid():
        return form, AuditEvent.objects.none()
    criteria = form.cleaned_data if form.is_bound else {}
    return form, search(**{k: v for k, v in criteria.items() if v})


@guarded(can_manage_users)
def audit_log(request: HttpRequest) -> HttpResponse:
    form, events = _filtered(request)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    status = 400 if form.errors else 200
    return render(
        request, "web/audit.html", {"form": form, "page": page, "query": query.urlencode()}, status=status
    )


@guarded(can_manage_users)
def audit_csv(request: HttpRequest) -> HttpResponse:
    """The filtered events as CSV (cells that a spreadsheet would run as formulas are neutralised)."""
    _, events = _filtered(request)
    rows = [
        (
            timezone.localtime(e.at).isoformat(timespec="seconds"),
            e.actor_label,
            e.action,
            e.target_type,
            e.target_id,
            e.summary_text,
            json.dumps(e.data, ensure_ascii=False, sort_keys=True),
        )
        for e in events.iterator()
    ]
    return csv_response("audit", HEADER, rows)
