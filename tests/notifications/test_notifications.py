"""Notifications: each event reaches the right people, after commit only, by e-mail unless opted out."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone, translation

from kotacerdas.accounts.enums import Role
from kotacerdas.assessment.domain.assignment import override_assignment, run_assignment
from kotacerdas.assessment.domain.notices import send_deadline_reminders
from kotacerdas.assessment.domain.rounds import close_round, publish_round
from kotacerdas.assessment.models import Assignment, Moderation
from kotacerdas.notifications.domain.email import RETRY_AFTER, send_pending_emails
from kotacerdas.notifications.domain.inbox import mark_all_read, set_email_kinds, unread_count
from kotacerdas.notifications.models import EmailDelivery, EmailStatus, Notification
from kotacerdas.programme.domain.participation import transition
from kotacerdas.programme.domain.reviews import open_thread, reply_to_thread
from kotacerdas.programme.lifecycle import State
from tests.assessment.conftest import score_everything
from tests.platform.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(users):  # type: ignore[no-untyped-def]
    person = users["region_team"]
    person.email = "tim@banjarmasin.go.id"
    person.save(update_fields=["email"])
    return person


def kinds(user) -> list[str]:  # type: ignore[no-untyped-def]
    return list(Notification.objects.filter(recipient=user).order_by("id").values_list("kind", flat=True))


def test_a_step_is_notified_after_commit_only(world: World, team, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as pending:
        transition(actor=users["secretariat"], participation=world.own, to=State.WITHDRAWN, reason="mundur")
    assert kinds(team) == [] and len(pending) == 1  # written only when the change commits
    pending[0]()
    notice = Notification.objects.get(recipient=team)
    assert notice.kind == "lifecycle" and notice.url == "/wilayah/63.71/"
    assert notice.text == "Kota Banjarmasin di GM100 2024 kini berada pada tahap: Mengundurkan diri."
    with translation.override("en"):
        assert notice.text == "Kota Banjarmasin in GM100 2024 is now at the stage: Withdrawn."


def test_a_refused_change_notifies_nobody(world: World, team, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        transition(actor=users["secretariat"], participation=world.own, to=State.WITHDRAWN)
        raise RuntimeError("the change is rolled back")
    assert kinds(team) == []


def test_selection_decision_comment_and_email(world: World, team, users, django_capture_on_commit_callbacks):
    from tests.platform import factories as f

    invited = f.participation("63.72", state=State.ASSESSED)  # Banjarbaru: nobody on its team
    with django_capture_on_commit_callbacks(execute=True):
        transition(
            actor=users["secretariat"], participation=invited, to=State.SELECTED, reason="skor tertinggi"
        )
        thread = open_thread(actor=users["assessor"], document=world.doc_own, text="Lengkapi bab 2")
        reply_to_thread(actor=team, thread=thread, text="Sudah kami lengkapi")  # the team's reply
    assert Notification.objects.filter(kind="selection").count() == 0  # Banjarbaru has no team account
    assert kinds(team) == ["book_comment"]  # own reply is not notified back (it goes to the assessor)
    assert (
        Notification.objects.get(recipient=team).text
        == "asesor mengomentari Buku 1 versi 1 Kota Banjarmasin."
    )
    assert send_pending_emails() == (1, 0)
    message = mail.outbox[0]
    assert (
        message.to == ["tim@banjarmasin.go.id"]
        and message.subject == "[Kota Cerdas] Komentar pada buku masterplan"
    )
    assert "asesor mengomentari Buku 1" in message.body and "commented" not in message.body
    assert "http://127.0.0.1:8000/wilayah/63.71/" in message.body


def test_each_recipient_reads_the_email_in_their_own_language(
    world: World, team, users, django_capture_on_commit_callbacks
):
    """One event, two team members: the Indonesian reader and the English one each get their language,
    whatever language the secretariat's request had."""
    from tests.platform import factories as f

    english = f.user(Role.REGION_TEAM, "tim-banjarmasin-2", world.own.region.code)
    english.email, english.language = "dua@banjarmasin.go.id", "en"
    english.save(update_fields=["email", "language"])
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):  # the sender's request
        transition(actor=users["secretariat"], participation=world.own, to=State.WITHDRAWN)
    assert send_pending_emails() == (2, 0)  # on the worker: no request, no active language of its own
    by_address = {m.to[0]: m for m in mail.outbox}
    indonesian, in_english = by_address["tim@banjarmasin.go.id"], by_address["dua@banjarmasin.go.id"]
    assert indonesian.subject == "[Kota Cerdas] Tahap daerah berubah"
    assert "Kota Banjarmasin di GM100 2024 kini berada pada tahap: Mengundurkan diri." in indonesian.body
    assert "is now at the stage" not in indonesian.body
    assert in_english.subject == "[Kota Cerdas] Region's stage changed"
    assert "Kota Banjarmasin in GM100 2024 is now at the stage: Withdrawn." in in_english.body
    assert "kini berada" not in in_english.body


def test_a_day_in_a_notice_is_written_in_the_readers_language(world: World, team):
    from kotacerdas.notifications.domain.notify import stored_params
    from kotacerdas.notifications.kinds import Kind

    with translation.override("en"):  # the sender's language must not fix the month's name
        params = stored_params({"round": "Putaran 1", "deadline": dt.date(2026, 8, 17), "open": 2, "days": 3})
    notice = Notification(recipient=team, kind=Kind.DEADLINE_SOON, params=params)
    assert "(17 Agustus 2026)" in notice.text
    with translation.override("en"):
        assert "(17 August 2026)" in notice.text


def test_opting_out_of_email_keeps_the_inbox(world: World, team, users, django_capture_on_commit_callbacks):
    set_email_kinds(actor=team, kinds=["book_comment"])
    with django_capture_on_commit_callbacks(execute=True):
        transition(actor=users["secretariat"], participation=world.own, to=State.WITHDRAWN)
    assert kinds(team) == ["lifecycle"]
    assert EmailDelivery.objects.count() == 0
    assert unread_count(team) == 1 and mark_all_read(actor=team) == 1 and unread_count(team) == 0


def test_a_failed_email_is_retried_then_shown_as_failed(
    world: World, team, users, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.notifications.test_notifications.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        transition(actor=users["secretariat"], participation=world.own, to=State.WITHDRAWN)
    world.own.refresh_from_db()
    assert world.own.state == "withdrawn"  # the change stands whatever the mail server does
    now = timezone.now()
    for attempt, pause in enumerate(RETRY_AFTER, start=1):
        assert send_pending_emails(now=now) == (0, 1)
        delivery = EmailDelivery.objects.get()
        assert (delivery.status, delivery.attempts) == (EmailStatus.PENDING, attempt)
        assert delivery.next_attempt_at == now + pause
        assert send_pending_emails(now=now) == (0, 0)  # not due yet
        now += pause
    assert send_pending_emails(now=now) == (0, 1)
    delivery = EmailDelivery.objects.get()
    assert delivery.status == EmailStatus.FAILED and "SMTPServerDisconnected" in delivery.last_error


class BrokenBackend:
    """An e-mail backend whose server always hangs up."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        pass

    def send_messages(self, messages):  # type: ignore[no-untyped-def]
        raise smtplib.SMTPServerDisconnected("connection closed")


def test_assignments_and_deadline_reminders(aworld, users, django_capture_on_commit_callbacks):
    sec = users["secretariat"]
    with django_capture_on_commit_callbacks(execute=True):
        run_assignment(actor=sec, round_=aworld.round)
    asesor = users["assessor"]
    assert kinds(asesor) == ["assignment", "assignment"]  # Kediri and Jambi (OPTIMUM)
    assert (
        "Evaluasi tahunan uji (tenggat 31 Januari 2030)"
        in Notification.objects.filter(recipient=asesor)[0].text
    )
    # reminders: 7 days, 1 day, passed; each once however often the worker runs
    deadline = aworld.round.deadline
    for day in (
        deadline - dt.timedelta(days=8),
        deadline - dt.timedelta(days=6),
        deadline - dt.timedelta(days=5),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            send_deadline_reminders(day)
    assert kinds(asesor).count("deadline_soon") == 1
    with django_capture_on_commit_callbacks(execute=True):
        send_deadline_reminders(deadline - dt.timedelta(days=1))
        send_deadline_reminders(deadline + dt.timedelta(days=1))
        send_deadline_reminders(deadline + dt.timedelta(days=2))
    assert kinds(asesor).count("deadline_soon") == 2 and kinds(asesor).count("deadline_passed") == 1
    assert kinds(sec) == ["deadline_passed"]
    # a reassignment tells the new assessor
    moved = Assignment.objects.get(
        submission=aworld.submissions["15.71"], assessor=aworld.assessors["asesor-2"]
    )
    third = aworld.assessors["asesor-3"].user
    before = kinds(third)
    with django_capture_on_commit_callbacks(execute=True):
        override_assignment(actor=sec, assignment=moved, assessor=aworld.assessors["asesor-3"], reason="cuti")
    assert kinds(third) == [*before, "assignment"]
    assert "Kota Jambi" in Notification.objects.filter(recipient=third).order_by("id").last().text


def test_publication_reaches_assessors_and_region_teams(aworld, users, django_capture_on_commit_callbacks):
    sec = users["secretariat"]
    run_assignment(actor=sec, round_=aworld.round)
    # publication reaches the assessors and the regions' teams
    score_everything(aworld)
    close_round(actor=sec, round_=aworld.round)
    for m in Moderation.objects.all():
        from kotacerdas.assessment.domain.moderation import moderate

        moderate(actor=sec, moderation=m, outcome="dikonfirmasi")
    from kotacerdas.assessment.domain.results import compute_results

    compute_results(actor=sec, round_=aworld.round)
    with django_capture_on_commit_callbacks(execute=True):
        publish_round(actor=sec, round_=aworld.round)
    assert kinds(users["region_team"]).count("round_published") == 1
    assert kinds(users["assessor"])[-1] == "round_published"


def test_inbox_page_badge_mark_read_and_preferences(
    world: World, team, users, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        transition(actor=users["secretariat"], participation=world.own, to=State.WITHDRAWN)
    client = client_for("region_team")
    html = client.get("/notifikasi/").content.decode()
    assert (
        'class="badge rounded-pill text-bg-warning" id="unread-count"' in html and "Mengundurkan diri" in html
    )
    notice = Notification.objects.get(recipient=team)
    response = client.post(f"/notifikasi/{notice.pk}/baca/", {"open": "1"})
    assert response["Location"] == "/wilayah/63.71/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert 'id="unread-count"' not in client.get("/notifikasi/").content.decode()
    assert client_for("secretariat").post(f"/notifikasi/{notice.pk}/baca/").status_code == 404  # not theirs
    client.post("/notifikasi/pengaturan/", {"kinds": ["selection", "round_published"]})
    from kotacerdas.notifications.domain.inbox import email_kinds

    assert email_kinds(team) == {"selection", "round_published"}
    assert client.post("/notifikasi/pengaturan/", {"kinds": ["nonsense"]}).status_code == 400


def test_the_worker_sends_emails_and_reminders_periodically(
    world: World, team, users, django_capture_on_commit_callbacks
):
    from kotacerdas.jobs.scheduler import run_due

    with django_capture_on_commit_callbacks(execute=True):
        transition(actor=users["secretariat"], participation=world.own, to=State.WITHDRAWN)
    assert EmailDelivery.objects.get().status == EmailStatus.PENDING
    ran = run_due()
    assert {"notifications.email", "assessment.deadline_reminders"} <= set(ran)
    assert EmailDelivery.objects.get().status == EmailStatus.SENT and len(mail.outbox) == 1
    assert "notifications.email" not in run_due()  # not due again within the minute
