"""The profile page: every logged-in user changes their own password and issues or revokes their API token."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kotacerdas.accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["secretariat", "assessor", "region_team"])
def test_every_role_issues_uses_and_revokes_its_own_token(role, users, client_for):
    client = client_for(role)
    page = client.get("/akun/saya/").content.decode()
    assert users[role].username in page and 'id="token-revoke"' not in page
    issued = client.post("/akun/saya/token/", {"action": "issue"}).content.decode()
    key = Token.objects.get(user=users[role]).key
    assert f"<code>{key}</code>" in issued
    assert key not in client.get("/akun/saya/").content.decode()  # shown once
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/datasets/").status_code == 200
    assert client.post("/akun/saya/token/", {"action": "revoke"}).status_code == 302
    assert not Token.objects.filter(user=users[role]).exists()
    assert api.get("/api/datasets/").status_code == 401
    actions = list(
        AuditEvent.objects.filter(target_id=str(users[role].pk), action__startswith="token.").values_list(
            "action", "actor"
        )
    )
    assert actions == [("token.revoke", users[role].pk), ("token.issue", users[role].pk)]


def test_change_password_keeps_the_session_and_refuses_weak_or_wrong(users, client_for):
    client = client_for("region_team")
    wrong = client.post(
        "/akun/saya/sandi/",
        {"old_password": "x", "new_password1": "kopi-tubruk-pagi-7", "new_password2": "kopi-tubruk-pagi-7"},
    )
    assert wrong.status_code == 400 and "kata sandi saat ini salah" in wrong.content.decode()
    weak = client.post(
        "/akun/saya/sandi/",
        {"old_password": "pw-for-tests-123", "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert weak.status_code == 400
    mismatch = client.post(
        "/akun/saya/sandi/",
        {
            "old_password": "pw-for-tests-123",
            "new_password1": "kopi-tubruk-pagi-7",
            "new_password2": "other-1",
        },
    )
    assert mismatch.status_code == 400
    ok = client.post(
        "/akun/saya/sandi/",
        {
            "old_password": "pw-for-tests-123",
            "new_password1": "kopi-tubruk-pagi-7",
            "new_password2": "kopi-tubruk-pagi-7",
        },
    )
    assert ok.status_code == 302
    assert client.get("/akun/saya/").status_code == 200  # still logged in
    users["region_team"].refresh_from_db()
    assert users["region_team"].check_password("kopi-tubruk-pagi-7")


def test_a_user_chooses_the_language_of_their_emails(users, client_for):
    client = client_for("assessor")
    page = client.get("/akun/saya/").content.decode()
    assert 'id="email-language"' in page and '<option value="id" selected>Bahasa Indonesia</option>' in page
    assert client.post("/akun/saya/bahasa/", {"language": "fr"}).status_code == 400
    assert client.post("/akun/saya/bahasa/", {"language": "en"}).status_code == 302
    users["assessor"].refresh_from_db()
    assert users["assessor"].language == "en"
    assert '<dd id="my-language">English</dd>' in client.get("/akun/saya/").content.decode()
    event = AuditEvent.objects.get(action="user.language")
    assert event.actor == users["assessor"] and event.data == {"language": ["id", "en"]}


def test_the_secretariat_sets_a_new_users_email_language(users, client_for):
    from kotacerdas.accounts.models import User

    client = client_for("secretariat")
    assert 'name="language"' in client.get("/akun/baru/").content.decode()
    data = {"username": "jane", "name": "Jane", "email": "jane@x.org", "role": "assessor", "language": "en"}
    assert client.post("/akun/baru/", data).status_code == 302
    assert User.objects.get(username="jane").language == "en"
