"""The reassignment dropdowns of a round preselect nobody and offer only assessors who may take the work:
not already on the region's panel and without a recorded conflict of interest with it."""

from __future__ import annotations

import pytest

from kotacerdas.assessment.domain.assignment import run_assignment
from kotacerdas.assessment.models import AssessorProfile, Assignment
from tests.platform.html_forms import selects

pytestmark = pytest.mark.django_db


def test_reassignment_offers_no_default_and_only_assessors_free_of_the_region(aworld, users, client_for):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    html = client_for("secretariat").get(f"/penilaian/putaran/{aworld.round.pk}/").content.decode()
    names = {str(p.pk): p.user.username for p in AssessorProfile.objects.select_related("user")}
    offered = {}
    for select in selects(html, "assessor", "/ganti/"):
        a = Assignment.objects.get(pk=int(select.attrs["id"].removeprefix("ganti-")))
        assert select.required and select.options[0] == ("", "— pilih asesor —")
        offered[(a.submission.participation.region.code, a.assessor.user.username)] = [
            names[v] for v in select.values[1:]
        ]
    # the conflicts of tests/assessment/conftest.py: Banjarmasin's consultant is ITB (asesor), asesor-2's home
    # province is 63, asesor-3's is 35, asesor is from province 32 and asesor-4 mentors Jambi (15.71)
    assert offered == {
        ("63.71", "asesor-3"): [],
        ("63.71", "asesor-4"): [],
        ("32.73", "asesor-2"): ["asesor-4"],
        ("32.73", "asesor-3"): ["asesor-4"],
        ("35.71", "asesor"): ["asesor-4"],
        ("35.71", "asesor-2"): ["asesor-4"],
        ("15.71", "asesor"): ["asesor-3"],
        ("15.71", "asesor-2"): ["asesor-3"],
    }
