"""The README's demo walk: each demo login does what the README's "What you can do" table promises it,
on the loaded demo (``load_demo``, as ``make demo`` runs it), logging in with the published passwords."""

from __future__ import annotations

import html
from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, TestCase, override_settings

from kotacerdas.accounts.models import User
from kotacerdas.assessment.models import Assignment, Round
from kotacerdas.demo.assessment import READINESS, READINESS_2018
from kotacerdas.demo.index import OPEN_PHASES
from kotacerdas.demo.loader import DEMO_PDF, DemoSummary, load_demo
from kotacerdas.monitoring.models import KpiActual, MasterplanComment, MasterplanProgramme
from kotacerdas.notifications.models import Notification
from kotacerdas.programme.models import (
    Bimtek,
    Cohort,
    Document,
    DocumentComment,
    DocumentReview,
    Institution,
    Participation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[DemoSummary]:  # type: ignore[no-untyped-def]
    """The demo, loaded once for this module inside a transaction that is rolled back at its end.

    Each test runs in its own savepoint inside it (pytest-django), so the tests do not see each other's
    changes and the database is empty again for the other modules.
    """
    media = tmp_path_factory.mktemp("media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # as under ``make demo`` (autocommit), the services' after-commit notices are delivered
            with TestCase.captureOnCommitCallbacks(execute=True):
                summary = load_demo(seed=2017)
            yield summary
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _login(demo: DemoSummary, username: str) -> Client:
    (password,) = [p for _, u, p in demo.logins if u == username]
    client = Client()
    response = client.post("/masuk/", {"username": username, "password": password})
    assert response.status_code == 302, f"{username} cannot log in with the published password"
    return client


def _page(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def test_everyone_reads_dashboard_map_ranking_region_and_published_results(demo):
    public = Client()
    for url in ("/", "/peta/", "/peringkat/", "/wilayah/63.71/", "/penilaian/"):
        _page(public.get(url))
    assert public.get("/peringkat/?format=csv")["Content-Type"].startswith("text/csv")
    assert "spreadsheetml" in public.get("/peringkat/?format=xlsx")["Content-Type"]
    published = Round.objects.filter(state="published")
    assert published.count() == 3
    for r in published:
        assert r.name in _page(public.get(f"/penilaian/hasil/{r.pk}/"))


def test_the_secretariat_manages_users_audit_pipeline_selection_data_and_rounds(demo):
    client = _login(demo, "sekretariat")
    _page(client.get("/akun/"))
    created = client.post(
        "/akun/baru/", {"username": "dewi", "name": "Dewi", "email": "dewi@ui.ac.id", "role": "assessor"}
    )
    assert created.status_code == 302 and User.objects.filter(username="dewi").exists()
    assert "user.create" in _page(client.get("/audit/"))
    cohort = demo.cohort_id
    assert "Kota" in _page(client.get(f"/kohort/{cohort}/"))
    _page(client.get(f"/kohort/{cohort}/seleksi/"))
    _page(client.get(f"/kohort/{cohort}/keputusan/"))
    _page(client.get("/data/impor/"))
    readiness = Round.objects.get(name=READINESS)
    assert 'id="conflicts"' in _page(client.get(f"/penilaian/putaran/{readiness.pk}/"))
    assert client.post(f"/penilaian/putaran/{readiness.pk}/aksi/", {"action": "conflicts"}).status_code == 302


def test_the_assessor_scores_an_own_assignment_as_a_draft_then_submits_once(demo):
    client = _login(demo, "asesor")
    inbox = _page(client.get("/penilaian/tugas/"))
    mine = Assignment.objects.filter(assessor__user__username="asesor", active=True, state="assigned")
    assert mine.exists() and READINESS in inbox
    assignment = mine.select_related("submission__round__rubric").first()
    criteria = [c.id for c in assignment.submission.round.rubric.rubric().criteria]
    form = _page(client.get(f"/penilaian/tugas/{assignment.pk}/"))
    assert all(f'name="score-{c}"' in form for c in criteria)
    client.post(f"/penilaian/tugas/{assignment.pk}/", {f"score-{criteria[0]}": "3"})
    assignment.refresh_from_db()
    assert assignment.state == "draft"
    values = {f"score-{c}": "3" for c in criteria} | {"action": "submit"}
    client.post(f"/penilaian/tugas/{assignment.pk}/", values)
    assignment.refresh_from_db()
    assert assignment.state == "submitted"
    again = client.post(f"/penilaian/tugas/{assignment.pk}/", values, follow=True)
    assert "skor ini sudah dikirim" in _page(again)
    others = Assignment.objects.exclude(assessor__user__username="asesor").filter(active=True).first()
    assert client.get(f"/penilaian/tugas/{others.pk}/").status_code == 404


def test_the_region_team_uploads_a_book_records_bimtek_and_decree_updates_a_quick_win_and_reads_feedback(
    demo,
):
    client = _login(demo, "tim-banjarmasin")
    participation = Participation.objects.get(region__code="63.71")
    assert participation.state == "guidance"
    page = _page(client.get("/wilayah/63.71/"))
    assert f"/partisipasi/{participation.pk}/dokumen/" in page
    assert f"/partisipasi/{participation.pk}/bimtek/" in page
    pdf = SimpleUploadedFile("buku-1.pdf", DEMO_PDF, content_type="application/pdf")
    client.post(f"/partisipasi/{participation.pk}/dokumen/", {"book": "1", "file": pdf})
    assert Document.objects.filter(participation=participation, book=1).exists()
    client.post(
        f"/partisipasi/{participation.pk}/bimtek/",
        {"stage": "3", "start": "2018-05-30", "end": "2018-05-31", "attendees": "40"},
    )
    assert Bimtek.objects.filter(participation=participation, stage=3).exists()
    client.post(
        f"/partisipasi/{participation.pk}/sk/",
        {"kind": "team", "decree_number": "188.45/77/2018", "decree_date": "2018-06-01", "members": "A\nB"},
    )
    assert Institution.objects.filter(participation=participation, kind="team").exists()
    quick_win = MasterplanProgramme.objects.filter(
        masterplan__region__code="63.71", quick_win=True, status="running"
    ).first()
    assert quick_win is not None
    client.post(f"/quick-win/{quick_win.pk}/status/", {"status": "done", "on": "2020-06-01"})
    quick_win.refresh_from_db()
    assert quick_win.status == "done"
    interview = Round.objects.get(name=READINESS_2018, state="published")
    results = _page(client.get(f"/penilaian/hasil/{interview.pk}/"))
    feedback = f"/penilaian/hasil/{interview.pk}/umpan-balik/63.71.pdf"
    assert feedback in results
    report = client.get(feedback)
    assert report.status_code == 200 and report["Content-Type"] == "application/pdf"
    assert client.get(f"/penilaian/hasil/{interview.pk}/umpan-balik/32.73.pdf").status_code in (403, 404)
    assert _page(client.get("/akun/saya/"))


def test_the_2027_cohort_is_open_at_screening_with_a_published_run_and_no_invitations(demo):
    cohort = Cohort.objects.get(pk=demo.open_cohort_id)
    assert (cohort.year, cohort.name, cohort.target_size, cohort.historical) == (
        2027,
        "GM100 2027 (demo SINTETIS, tahap penyaringan)",
        50,
        False,
    )
    assert sum(p["size"] for p in OPEN_PHASES) == cohort.target_size
    if hasattr(cohort, "phases"):  # the cohort model's phases (the funnel's field) take the demo's
        assert cohort.phases == OPEN_PHASES
    assert not cohort.participations.exists() and cohort.selection == {}
    run = cohort.selection_run
    assert run is not None and run.published and run.scores.count() == 514
    assert run.dataset.synthetic and "SINTETIS" in run.name and "SINTETIS" in run.dataset.name
    assert run.scores.filter(rank_q05__isnull=False).count() == 514  # with its rank intervals
    client = _login(demo, "sekretariat")
    board = client.get("/kohort/", follow=True)  # the newest cohort first, with a link to every other
    assert board.redirect_chain[-1][0] == f"/kohort/{cohort.pk}/"
    assert cohort.name in _page(board) and f'href="/kohort/{demo.cohort_id}/"' in _page(board)
    assert cohort.name in _page(client.get("/wilayah/63.71/"))  # open: a region can be enrolled in it
    assert load_demo(seed=2017).open_cohort_id == cohort.pk  # loading again keeps it


def test_guidance_data_of_the_historical_cohorts_is_synthetic_and_reaches_the_inboxes(demo):
    comments = DocumentComment.objects.select_related("document__participation__cohort")
    years = {c.document.participation.cohort.year for c in comments}
    assert comments.exists() and years <= {2017, 2018, 2019}
    assert all(c.text.startswith("[sintetis]") for c in comments)
    statuses = set(DocumentReview.objects.values_list("status", flat=True))
    assert {"revision", "answered", "accepted"} <= statuses
    decided = DocumentReview.objects.exclude(status="answered")  # "answered" is set by the upload, no reason
    assert all(r.startswith("[sintetis]") for r in decided.values_list("reason", flat=True))
    actuals = KpiActual.objects.select_related("kpi__programme__masterplan__region")
    assert actuals.exists() and not actuals.filter(synthetic=False).exists()
    talk = MasterplanComment.objects.filter(masterplan__region__code="63.71").order_by("id")
    assert [c.author.username for c in talk] == ["asesor", "tim-banjarmasin"]
    assert all(c.text.startswith("[sintetis]") for c in talk)
    team = set(
        Notification.objects.filter(recipient__username="tim-banjarmasin").values_list("kind", flat=True)
    )
    assert {"lifecycle", "selection", "reporting_window", "masterplan_comment"} <= team
    assert {"book_review", "masterplan_comment"} <= set(
        Notification.objects.filter(recipient__username="asesor").values_list("kind", flat=True)
    )
    inbox = _page(_login(demo, "tim-banjarmasin").get("/notifikasi/"))
    assert 'id="unread-count"' in inbox
    assert "asesor mengomentari masterplan Kota Banjarmasin." in inbox
