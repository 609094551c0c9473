"""Reassignment goes through one page per assignment (linked from each row of the round dashboard): its
dropdown preselects nobody and offers only assessors who may take the work — not already on the region's
panel and without a recorded conflict of interest with it; the service's refusals show on that form."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from kotacerdas.assessment.domain.assignment import run_assignment
from kotacerdas.assessment.models import AssessorProfile, Assignment, Round
from tests.assessment.conftest import assignment_of
from tests.platform.html_forms import selects

pytestmark = pytest.mark.django_db


def _override_links(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'href="/penilaian/penugasan/(\d+)/ganti/"', html)]


def test_reassignment_offers_no_default_and_only_assessors_free_of_the_region(aworld, users, client_for):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    client = client_for("secretariat")
    html = client.get(f"/penilaian/putaran/{aworld.round.pk}/").content.decode()
    names = {str(p.pk): p.user.username for p in AssessorProfile.objects.select_related("user")}
    links = _override_links(html)
    assert sorted(links) == sorted(Assignment.objects.filter(active=True).values_list("pk", flat=True))
    offered = {}
    for pk in links:
        page = client.get(reverse("web:assessment-override", args=[pk]))
        assert page.status_code == 200
        [select] = selects(page.content.decode(), "assessor", f"/penugasan/{pk}/ganti/")
        assert select.required and select.options[0] == ("", "— pilih asesor —")
        a = Assignment.objects.get(pk=pk)
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


def test_the_override_page_says_what_happens_and_replaces_through_the_service(aworld, users, client_for):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    client = client_for("secretariat")
    old = assignment_of(aworld, "35.71", "asesor")
    url = reverse("web:assessment-override", args=[old.pk])
    page = client.get(url).content.decode()
    assert "Ganti asesor asesor di Kota Kediri" in page and 'id="consequences"' in page
    assert '<label class="form-label" for="id_assessor">Asesor pengganti</label>' in page
    assert '<label class="form-label" for="id_reason">' in page
    replacement = aworld.assessors["asesor-4"]
    response = client.post(url, {"assessor": replacement.pk, "reason": "sakit"})
    assert response.status_code == 302 and response.url == f"/penilaian/putaran/{aworld.round.pk}/"
    old.refresh_from_db()
    assert old.active is False
    new = assignment_of(aworld, "35.71", "asesor-4")
    assert new.source == "override"


def test_the_override_form_refuses_an_assessor_outside_its_choices_and_a_missing_reason(
    aworld, users, client_for
):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    client = client_for("secretariat")
    old = assignment_of(aworld, "63.71", "asesor-4")
    url = reverse("web:assessment-override", args=[old.pk])
    conflicted = aworld.assessors["asesor-2"]  # home province 63: a conflict with Banjarmasin
    response = client.post(url, {"assessor": conflicted.pk, "reason": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Asesor itu tidak dapat menggantikan di daerah ini." in page
    assert "Tulis alasan penggantian." in page
    assert 'id="no-replacement"' in page  # nobody may take Banjarmasin
    old.refresh_from_db()
    assert old.active is True


def test_a_refusal_of_the_service_is_shown_on_the_override_form(aworld, users, client_for):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    client = client_for("secretariat")
    old = assignment_of(aworld, "15.71", "asesor")
    url = reverse("web:assessment-override", args=[old.pk])
    assert client.get(url).status_code == 200
    Round.objects.filter(pk=aworld.round.pk).update(state="closed")  # closed while the page was open
    again = client.post(url, {"assessor": aworld.assessors["asesor-3"].pk, "reason": "sakit"})
    page = again.content.decode()
    assert again.status_code == 409
    refusal = page.split('id="override-refusal">')[1].split("</p>")[0]
    assert "Evaluasi tahunan uji" in html.unescape(refusal), refusal  # the service names the closed round
    old.refresh_from_db()
    assert old.active is True
