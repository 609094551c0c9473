"""The funnel's web pages and API actions: a new cohort, invitations (confirmed), the interview round."""

from __future__ import annotations

import datetime as dt
import math
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.models import AuditEvent
from kotacerdas.assessment.models import Round
from kotacerdas.programme.models import Cohort
from kotacerdas.regions.domain.index_runs import record_index_run
from kotacerdas.regions.domain.registry import sync_regions
from kotacerdas.regions.models import Region
from tests.platform import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def run():
    sync_regions()
    codes = sorted(Region.objects.values_list("code", flat=True))
    scores = {c: round(50 + 40 * math.sin(int(c.replace(".", ""))), 6) for c in codes}
    return record_index_run(actor=SYSTEM, name="skrining", scores=scores, settings={}, published=True)


def test_the_secretariat_creates_a_cohort_with_phases(client_for):
    programme = f.programme()
    client = client_for("secretariat")
    assert 'id="cohort-form"' in client.get("/kohort/baru/").content.decode()
    data = {"programme": programme.pk, "name": "GM100 2027", "year": "2027", "target_size": "50"}
    bad = client.post("/kohort/baru/", {**data, "phases": "Tahap 1: 20, Tahap 2: 20"})
    assert bad.status_code == 400
    assert "ukuran tahap berjumlah 40, ukuran sasaran 50" in bad.content.decode()
    done = client.post("/kohort/baru/", {**data, "phases": "Tahap 1: 25, Tahap 2: 25"})
    cohort = Cohort.objects.get(name="GM100 2027")
    assert done["Location"] == f"/kohort/{cohort.pk}/"
    assert (cohort.year, cohort.target_size, cohort.phases) == (
        2027,
        50,
        [{"name": "Tahap 1", "size": 25}, {"name": "Tahap 2", "size": 25}],
    )
    assert AuditEvent.objects.filter(action="cohort.create", target_id=str(cohort.pk)).exists()


def test_a_new_cohort_proposes_next_year_by_the_calendar_in_jakarta(client_for, monkeypatch):
    """At 18:00 UTC on 31 December it is already the new year in Jakarta: the form proposes the year after."""
    new_year_eve = dt.datetime(2026, 12, 31, 18, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: new_year_eve)
    html = client_for("secretariat").get("/kohort/baru/").content.decode()
    assert re.search(r'name="year"[^>]*value="2028"', html), re.findall(r"<input[^>]*year[^>]*>", html)


def test_invitations_are_confirmed_then_recorded_with_their_reasons(run, client_for):
    cohort = f.cohort(2027, target=25)
    client = client_for("secretariat")
    page = client.post(
        f"/kohort/{cohort.pk}/undang/",
        {"index_run": run.pk, "method": "top", "n": "5", "note": "daftar panjang"},
    )
    html = page.content.decode()
    assert page.status_code == 200 and "Undang 5 daerah" in html
    assert cohort.participations.count() == 0  # nothing before the confirmation
    picks = [v for k, v in _hidden(html) if k == "pick"]
    unticked = client.post(f"/kohort/{cohort.pk}/undang/", dict(_hidden(html)) | {"pick": picks})
    assert unticked.status_code == 302 and cohort.participations.count() == 0
    confirmed = client.post(
        f"/kohort/{cohort.pk}/undang/", {**dict(_hidden(html)), "pick": picks, "confirm": "on"}
    )
    assert confirmed["Location"] == f"/kohort/{cohort.pk}/"
    first = run.scores.order_by("rank").first()
    p = cohort.participations.get(region=first.region)
    change = p.changes.get()
    assert (
        change.reason.startswith("5 teratas dari skrining: peringkat 1, skor")
        and "daftar panjang" in change.reason
    )
    assert change.reason_code == "invited" and change.reason_params["note"] == "daftar panjang"
    region_page = client.get(f"/wilayah/{first.region.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "top 5 of skrining: rank 1, score" in region_page and "teratas dari" not in region_page
    assert cohort.participations.count() == 5


def test_a_csv_upload_names_the_bad_row(run, client_for):
    cohort = f.cohort(2027, target=25)
    client = client_for("secretariat")
    upload = SimpleUploadedFile("undangan.csv", b"code\n63.71\n99.99\n", content_type="text/csv")
    bad = client.post(f"/kohort/{cohort.pk}/undang/", {"index_run": run.pk, "method": "csv", "file": upload})
    assert bad.status_code == 400
    assert "daerah: 99.99 tidak memiliki skor di skrining" in bad.content.decode()
    missing = client.post(f"/kohort/{cohort.pk}/undang/", {"index_run": run.pk, "method": "list"})
    assert missing.status_code == 400 and "Wajib diisi untuk cara memilih ini." in missing.content.decode()


def test_one_action_creates_the_interview_round(run, client_for):
    cohort = f.cohort(2027, target=25)
    for code in ("63.71", "32.73"):
        f.participation(code, state="invited", the_cohort=cohort)
    client = client_for("secretariat")
    form = client.get(f"/kohort/{cohort.pk}/wawancara/").content.decode()
    assert "untuk 2 daerah yang diundang" in form
    done = client.post(
        f"/kohort/{cohort.pk}/wawancara/",
        {"name": "Wawancara 2027", "deadline": "2030-01-31", "assessors_per_submission": 2, "max_load": 12},
    )
    round_ = Round.objects.get(name="Wawancara 2027")
    assert done["Location"] == f"/penilaian/putaran/{round_.pk}/"
    assert (round_.kind, round_.submissions.count()) == ("readiness", 2)
    # sized to the assessor pool: two assessors cannot give each region three ratings
    assert (round_.assessors_per_submission, round_.max_load) == (2, 12)


def test_api_invite_and_interview_round(run, client_for):
    cohort = f.cohort(2027, target=25)
    client = client_for("secretariat")
    body = {"index_run": run.pk, "method": "csv", "csv": "code,reason\n63.71,usulan\n32.73,\n"}
    unconfirmed = client.post(f"/api/cohorts/{cohort.pk}/invite/", body, content_type="application/json")
    assert (unconfirmed.status_code, unconfirmed.json()["code"]) == (400, "confirmation_required")
    assert "2 daerah diundang ke GM100 2027" in unconfirmed.json()["message"]
    done = client.post(
        f"/api/cohorts/{cohort.pk}/invite/", {**body, "confirm": True}, content_type="application/json"
    )
    assert (done.status_code, done.json()) == (201, {"invited": ["63.71", "32.73"], "skipped": []})
    again = client.post(
        f"/api/cohorts/{cohort.pk}/invite/",
        {"index_run": run.pk, "method": "list", "codes": ["63.71"], "confirm": True},
        content_type="application/json",
    )
    assert again.json() == {"invited": [], "skipped": ["63.71"]}
    created = client.post(
        f"/api/cohorts/{cohort.pk}/interview-round/",
        {"name": "Wawancara API", "deadline": "2030-01-31"},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert {k: created.json()[k] for k in ("kind", "state", "regions")} == {
        "kind": "readiness",
        "state": "draft",
        "regions": 2,
    }
    selecting = client.post(
        f"/api/cohorts/{cohort.pk}/select/", {"index_run": run.pk}, content_type="application/json"
    )
    assert (selecting.status_code, selecting.json()["message"]) == (
        409,
        "GM100 2027 tidak memiliki putaran wawancara kesiapan yang sudah diumumkan",
    )
    assessor = client_for("assessor").post(
        f"/api/cohorts/{cohort.pk}/invite/", {**body, "confirm": True}, content_type="application/json"
    )
    assert assessor.status_code == 403


def _hidden(html: str) -> list[tuple[str, str]]:
    return [
        (m[0], m[1].replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", '"'))
        for m in re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', html)
        if m[0] != "csrfmiddlewaretoken"
    ]
