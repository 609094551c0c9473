"""Invitations and password reset: a one-time link by e-mail, the user sets their own (validated) password."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client

from kotacerdas.accounts.domain import reset_limits
from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.domain.invitations import invite_users
from kotacerdas.accounts.domain.users import create_user
from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import AuditEvent, User
from kotacerdas.errors import PermissionDeniedError, StateError
from kotacerdas.jobs.models import Job
from kotacerdas.jobs.worker import run_queued

pytestmark = pytest.mark.django_db


def _logs_in(username: str, password: str) -> bool:
    """Log in through the login form (as a person would, past django-axes)."""
    return Client().post("/masuk/", {"username": username, "password": password}).status_code == 302


def _link(message) -> str:  # type: ignore[no-untyped-def]
    return re.search(r"https?://[^/\s]+(/akun/sandi/\S+/)", message.body).group(1)


def test_a_created_user_is_invited_and_sets_a_password_once(
    users, settings, django_capture_on_commit_callbacks
):
    settings.KOTACERDAS_BASE_URL = "https://kotacerdas.example.id"
    with django_capture_on_commit_callbacks(execute=True):
        member = create_user(
            actor=users["secretariat"], username="dewi", role=Role.ASSESSOR, email="dewi@ui.ac.id"
        )
    assert mail.outbox == []  # not in the request: the worker sends it
    (job,) = Job.objects.filter(function="notifications.invitations")
    assert job.arguments == {"user_ids": [member.pk]} and job.created_by == users["secretariat"]
    assert run_queued() == 1
    (message,) = mail.outbox
    assert message.to == ["dewi@ui.ac.id"]
    assert "sebagai Asesor dengan nama pengguna dewi" in message.body  # Indonesian: the default language
    assert "as Assessor" not in message.body and message.subject.startswith("[Kota Cerdas] Undangan")
    assert "https://kotacerdas.example.id/akun/sandi/" in message.body
    link = _link(message)
    client = Client()
    form = client.get(link, follow=True)
    assert 'id="set-password"' in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    weak = client.post(set_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200 and not User.objects.get(pk=member.pk).has_usable_password()
    done = client.post(
        set_url, {"new_password1": "kopi-tubruk-pagi-7", "new_password2": "kopi-tubruk-pagi-7"}
    )
    assert done.status_code == 302 and done["Location"] == "/akun/sandi/selesai/"
    assert _logs_in("dewi", "kopi-tubruk-pagi-7")
    assert 'id="invalid-link"' in Client().get(link, follow=True).content.decode()  # one time only
    assert [e.action for e in AuditEvent.objects.filter(target_id=str(member.pk)).order_by("id")] == [
        "user.create",
        "user.invite",
        "user.password",
    ]


def test_no_invitation_without_e_mail_or_with_a_password_and_none_after_a_rollback(
    users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        create_user(actor=SYSTEM, username="a", role=Role.ASSESSOR)
        create_user(
            actor=SYSTEM, username="b", role=Role.ASSESSOR, email="b@x.id", password="kopi-tubruk-pagi-7"
        )
    run_queued()
    assert mail.outbox == []
    assert not Job.objects.filter(function="notifications.invitations").exists()
    with transaction.atomic():  # an invitation in a change that rolls back queues nothing
        create_user(actor=SYSTEM, username="z", role=Role.ASSESSOR, email="z@x.id")
        transaction.set_rollback(True)
    assert not Job.objects.filter(function="notifications.invitations").exists()
    with pytest.raises(StateError, match="sudah menetapkan kata sandi"):
        invite_users(actor=users["secretariat"], users=[User.objects.get(username="b")])
    with pytest.raises(StateError, match="tidak memiliki alamat e-mail"):
        invite_users(actor=users["secretariat"], users=[User.objects.get(username="a")])
    with pytest.raises(PermissionDeniedError):
        invite_users(actor=users["assessor"], users=[User.objects.get(username="a")])


def test_secretariat_resends_an_invitation_from_the_user_page(
    users, client_for, django_capture_on_commit_callbacks
):
    member = create_user(actor=SYSTEM, username="c", role=Role.ASSESSOR, email="c@x.id")
    mail.outbox.clear()
    client = client_for("secretariat")
    assert 'id="user-invite"' in client.get(f"/akun/{member.pk}/").content.decode()
    run_queued()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/akun/{member.pk}/undang/").status_code == 302
    assert mail.outbox == [] and run_queued() == 1
    assert [m.to for m in mail.outbox] == [["c@x.id"]]


def test_password_reset_from_the_login_page(users):
    assert 'href="/akun/sandi/lupa/"' in Client().get("/masuk/").content.decode()
    users["assessor"].email = "asesor@x.id"
    users["assessor"].save()
    client = Client()
    response = client.post("/akun/sandi/lupa/", {"email": "nobody@x.id"})
    assert response["Location"] == "/akun/sandi/terkirim/" and mail.outbox == []  # no hint either way
    client.post("/akun/sandi/lupa/", {"email": "asesor@x.id"})
    (message,) = mail.outbox
    assert "untuk akun asesor" in message.body and "for the account asesor" not in message.body
    set_url = client.get(_link(message), follow=True).redirect_chain[-1][0]
    client.post(set_url, {"new_password1": "kopi-tubruk-pagi-7", "new_password2": "kopi-tubruk-pagi-7"})
    assert _logs_in("asesor", "kopi-tubruk-pagi-7")
    assert AuditEvent.objects.filter(action="user.password", actor=users["assessor"]).count() == 1


def test_invitation_and_reset_mails_are_in_the_recipients_language(users, django_capture_on_commit_callbacks):
    """The secretariat works in Indonesian; an English-speaking expert gets English mails, and the
    Indonesian assessor gets Indonesian ones even when the reset is asked for from an English page."""
    with django_capture_on_commit_callbacks(execute=True):
        create_user(
            actor=users["secretariat"], username="jane", role=Role.ASSESSOR, email="jane@x.org", language="en"
        )
    assert run_queued() == 1
    (invitation,) = mail.outbox
    assert invitation.subject == "[Kota Cerdas] Invitation: set your password"
    assert "as Assessor with the username jane" in invitation.body and "diundang" not in invitation.body
    jane = User.objects.get(username="jane")
    jane.set_password("kopi-tubruk-pagi-7")  # Django sends reset links only to accounts with a password
    jane.save()
    users["assessor"].email = "asesor@x.id"
    users["assessor"].save()
    Client(HTTP_ACCEPT_LANGUAGE="en").post("/akun/sandi/lupa/", {"email": "asesor@x.id"})
    Client().post("/akun/sandi/lupa/", {"email": "jane@x.org"})
    indonesian, english = mail.outbox[1:]
    assert indonesian.subject == "[Kota Cerdas] Atur ulang kata sandi"
    assert "untuk akun asesor" in indonesian.body and "for the account" not in indonesian.body
    assert english.subject == "[Kota Cerdas] Reset your password"
    assert "for the account jane" in english.body and "untuk akun" not in english.body


def test_password_reset_is_limited_per_e_mail_and_per_address_without_revealing_accounts(
    users, settings, monkeypatch
):
    settings.KOTACERDAS_RESET_PER_EMAIL, settings.KOTACERDAS_RESET_PER_ADDRESS = 2, 4
    # the counters live in fixed windows of the clock (an hour): the whole test runs at one instant in the
    # middle of a window, so a window turning over mid-test cannot empty them (302 instead of 429)
    middle = 490_000 * settings.KOTACERDAS_RESET_WINDOW + settings.KOTACERDAS_RESET_WINDOW / 2
    monkeypatch.setattr(reset_limits, "time", SimpleNamespace(time=lambda: middle))
    users["assessor"].email = "asesor@x.id"
    users["assessor"].save()
    client = Client()
    for _ in range(2):
        assert (
            client.post("/akun/sandi/lupa/", {"email": "asesor@x.id"})["Location"] == "/akun/sandi/terkirim/"
        )
        assert (
            client.post("/akun/sandi/lupa/", {"email": "nobody@x.id"})["Location"] == "/akun/sandi/terkirim/"
        )
    assert len(mail.outbox) == 2
    known = client.post("/akun/sandi/lupa/", {"email": "asesor@x.id"})
    unknown = client.post("/akun/sandi/lupa/", {"email": "NOBODY@x.id"})  # same address, other case
    assert known.status_code == unknown.status_code == 429 and len(mail.outbox) == 2
    assert int(known["Retry-After"]) > 0
    page = known.content.decode()
    assert 'id="reset-limited"' in page and "Terlalu banyak permintaan tautan kata sandi" in page

    def same(html: str) -> str:  # the page without its per-response CSRF tokens and nonce
        return re.sub(r'(value|nonce)="[^"]+"|"X-CSRFToken": "[^"]+"', "", html)

    assert same(page) == same(unknown.content.decode())
    # another client address may still ask for another e-mail address; this one has used its four
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post("/akun/sandi/lupa/", {"email": "third@x.id"}).status_code == 302
    assert client.post("/akun/sandi/lupa/", {"email": "fourth@x.id"}).status_code == 429
    limited = Client(REMOTE_ADDR="10.0.0.9", HTTP_ACCEPT_LANGUAGE="en")
    for _ in range(2):
        limited.post("/akun/sandi/lupa/", {"email": "fifth@x.id"})
    text = limited.post("/akun/sandi/lupa/", {"email": "fifth@x.id"}).content.decode()
    assert "Too many password-reset requests" in text


def test_invitations_are_sent_by_the_worker_and_skip_who_set_a_password_meanwhile(users):
    a = create_user(actor=users["secretariat"], username="a", role=Role.ASSESSOR, email="a@x.id")
    b = create_user(actor=users["secretariat"], username="b", role=Role.ASSESSOR, email="b@x.id")
    b.set_password("kopi-tubruk-pagi-7")
    b.save()
    assert run_queued() == 2 and [m.to for m in mail.outbox] == [["a@x.id"]]
    results = sorted(
        job.result["skipped"] for job in Job.objects.filter(function="notifications.invitations")
    )
    assert results == [0, 1] and a.has_usable_password() is False
