"""Assessors declare their own conflicts of interest (web form and API, one service), the secretariat
sees who declared what, and a declared conflict keeps the assessor off the submission."""

from __future__ import annotations

import html

import pytest
from rest_framework.test import APIClient

from kotacerdas.accounts.models import AuditEvent
from kotacerdas.assessment.domain.assignment import override_assignment, run_assignment
from kotacerdas.assessment.domain.conflicts import assigned_despite_conflict, declare_conflict
from kotacerdas.assessment.models import Assignment, Conflict
from kotacerdas.errors import StateError
from tests.assessment.conftest import assignment_of

pytestmark = pytest.mark.django_db


def _page(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(response.content.decode())


def _api(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_an_assessor_declares_on_their_page_and_is_never_assigned_there(aworld, users, client_for):
    kediri = aworld.submissions["35.71"]
    client = client_for("assessor")
    assert 'href="/penilaian/konflik-saya/"' in _page(client.get("/penilaian/tugas/"))
    page = _page(client.get("/penilaian/konflik-saya/"))
    assert 'id="own-conflict-form"' in page and "Evaluasi tahunan uji — Kota Kediri" in page
    empty = client.post("/penilaian/konflik-saya/", {"submission": kediri.pk, "reason": " "})
    assert empty.status_code == 400 and not Conflict.objects.filter(rule="declared").exists()
    done = client.post(
        "/penilaian/konflik-saya/",
        {"submission": kediri.pk, "reason": "adik saya kepala Bappeda"},
        follow=True,
    )
    assert "Konflik kepentingan tercatat." in _page(done) and "adik saya kepala Bappeda" in _page(done)
    conflict = Conflict.objects.get(rule="declared")
    assert (conflict.assessor, conflict.submission, conflict.declared_by) == (
        aworld.assessors["asesor"],
        kediri,
        users["assessor"],
    )
    assert conflict.declared_at is not None
    event = AuditEvent.objects.get(action="conflict.declare")
    assert (event.actor, event.data["own"], event.data["already_assigned"]) == (
        users["assessor"],
        True,
        False,
    )
    again = client.post("/penilaian/konflik-saya/", {"submission": kediri.pk, "reason": "lagi"})
    assert again.status_code == 400 and "sudah menyatakan konflik" in _page(again)
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    assert not Assignment.objects.filter(submission=kediri, assessor=aworld.assessors["asesor"], active=True)
    dashboard = _page(client_for("secretariat").get(f"/penilaian/putaran/{aworld.round.pk}/"))
    assert "adik saya kepala Bappeda" in dashboard and "asesor (asesor sendiri)" in dashboard
    assert "masih ditugaskan" not in dashboard


def test_the_api_declares_for_oneself_the_secretariat_for_anyone_and_lists_by_role(aworld, users):
    kediri, jambi = aworld.submissions["35.71"], aworld.submissions["15.71"]
    mine = _api(users["assessor"]).post(
        "/api/assessment-conflicts/", {"submission": kediri.pk, "reason": "kerabat"}, format="json"
    )
    assert mine.status_code == 201, mine.json()
    assert (mine.json()["assessor"], mine.json()["declared_by"], mine.json()["region"]) == (
        "asesor",
        "asesor",
        "35.71",
    )
    other = _api(users["assessor"]).post(
        "/api/assessment-conflicts/",
        {"submission": jambi.pk, "reason": "x", "assessor": "asesor-2"},
        format="json",
    )
    assert other.status_code == 403 and other.json()["code"] == "secretariat_only"
    by_sec = _api(users["secretariat"]).post(
        "/api/assessment-conflicts/",
        {"submission": jambi.pk, "reason": "konsultan Jambi", "assessor": "asesor-2"},
        format="json",
    )
    assert by_sec.status_code == 201 and by_sec.json()["declared_by"] == "sekretariat"
    own = _api(users["assessor"]).get("/api/assessment-conflicts/").json()
    rows = own["results"] if isinstance(own, dict) else own
    assert {r["assessor"] for r in rows} == {"asesor"}
    assert {(r["region"], r["rule"]) for r in rows} >= {("35.71", "declared")}
    everything = _api(users["secretariat"]).get("/api/assessment-conflicts/").json()
    rows = everything["results"] if isinstance(everything, dict) else everything
    assert {(r["assessor"], r["declared_by"]) for r in rows if r["rule"] == "declared"} == {
        ("asesor", "asesor"),
        ("asesor-2", "sekretariat"),
    }
    no_profile = _api(users["secretariat"]).post(
        "/api/assessment-conflicts/", {"submission": jambi.pk, "reason": "x"}, format="json"
    )
    assert no_profile.status_code == 409 and "tidak memiliki profil asesor" in no_profile.json()["message"]


def test_declared_after_assignment_is_flagged_for_replacement_and_refused_once_closed(
    aworld, users, client_for
):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    held = assignment_of(aworld, "35.71", "asesor")
    conflict = declare_conflict(
        actor=users["assessor"],
        assessor=aworld.assessors["asesor"],
        submission=held.submission,
        reason="kerabat",
    )
    assert assigned_despite_conflict(aworld.round) == {conflict.pk}
    assert AuditEvent.objects.get(action="conflict.declare").data["already_assigned"] is True
    dashboard = _page(client_for("secretariat").get(f"/penilaian/putaran/{aworld.round.pk}/"))
    assert "masih ditugaskan: ganti asesor" in dashboard
    replaced = override_assignment(
        actor=users["secretariat"], assignment=held, assessor=aworld.assessors["asesor-4"], reason="konflik"
    )
    assert replaced.active and assigned_despite_conflict(aworld.round) == set()
    with pytest.raises(StateError, match="konflik kepentingan"):
        override_assignment(
            actor=users["secretariat"], assignment=replaced, assessor=aworld.assessors["asesor"], reason="x"
        )
    aworld.round.state = "closed"
    aworld.round.save(update_fields=["state"])
    late = _api(users["assessor"]).post(
        "/api/assessment-conflicts/",
        {"submission": aworld.submissions["15.71"].pk, "reason": "baru ingat"},
        format="json",
    )
    assert (
        late.status_code == 409
        and "konflik dinyatakan saat persiapan atau penilaian" in late.json()["message"]
    )
    page = _page(client_for("assessor").get("/penilaian/konflik-saya/"))
    assert 'id="nothing-to-declare"' in page and "kerabat" in page
