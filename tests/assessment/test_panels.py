"""Presentation panels over the round's schedule slots, with conflicts blocking seats."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kotacerdas.accounts.models import AuditEvent
from kotacerdas.assessment.domain.panels import form_presentation_panels
from kotacerdas.errors import InfeasibleError, InputError, PermissionDeniedError

pytestmark = pytest.mark.django_db
SLOTS = [{"day": "2030-01-10", "room": "A"}, {"day": "2030-01-10", "room": "B"}]


def test_panels_respect_conflicts_and_expertise(aworld, users):
    with pytest.raises(InputError, match="tidak memiliki slot presentasi"):
        form_presentation_panels(actor=users["secretariat"], round_=aworld.round, size=1)
    aworld.round.schedule = SLOTS
    aworld.round.save()
    with pytest.raises(PermissionDeniedError):
        form_presentation_panels(actor=users["assessor"], round_=aworld.round, size=1)
    r = form_presentation_panels(actor=users["secretariat"], round_=aworld.round, size=1)
    # slot A presents Banjarmasin and Kediri: asesor, asesor-2 and asesor-3 conflict, only asesor-4 is left;
    # slot B presents Bandung and Jambi: asesor-2 (expertise 0.8) beats asesor-3 (0.6)
    assert r.schedule == [
        {"day": "2030-01-10", "room": "A", "panel": 1, "assessors": ["asesor-4"], "regions": ["63.71", "35.71"],
         "coverage_min": 0.4},
        {"day": "2030-01-10", "room": "B", "panel": 2, "assessors": ["asesor-2"], "regions": ["32.73", "15.71"],
         "coverage_min": 0.8},
    ]  # fmt: skip
    assert AuditEvent.objects.get(action="panels.form").summaries == {
        "id": "2 panel, masing-masing 1 asesor; cakupan keahlian terlemah 0,4",
        "en": "2 panels of 1 assessors each; weakest expertise coverage 0.4",
    }


def test_panels_too_large_for_the_conflicts(aworld, users):
    aworld.round.schedule = SLOTS
    aworld.round.save()
    with pytest.raises(InfeasibleError):
        form_presentation_panels(actor=users["secretariat"], round_=aworld.round, size=2)


def test_dashboard_forms_panels(aworld, client_for):
    aworld.round.schedule = SLOTS
    aworld.round.save()
    client = client_for("secretariat")
    client.post(
        reverse("web:assessment-round-action", kwargs={"pk": aworld.round.pk}),
        {"action": "panels", "size": "1"},
    )
    aworld.round.refresh_from_db()
    assert [s["assessors"] for s in aworld.round.schedule] == [["asesor-4"], ["asesor-2"]]
    page = client.get(reverse("web:assessment-round", kwargs={"pk": aworld.round.pk})).content.decode()
    assert "<td>asesor-2</td><td>32.73, 15.71</td>" in page
