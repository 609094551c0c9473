"""The secretariat manages users: services, web pages and REST API share the same rules and audit."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.domain.users import (
    change_own_password,
    create_user,
    issue_token,
    revoke_token,
    set_active,
    update_user,
)
from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import AuditEvent, User
from kotacerdas.errors import InputError, PermissionDeniedError, StateError
from tests.platform import factories as f

pytestmark = pytest.mark.django_db


def _logs_in(username: str, password: str) -> bool:
    """Log in through the login form (as a person would, past django-axes)."""
    return Client().post("/masuk/", {"username": username, "password": password}).status_code == 302


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action))


def test_only_the_secretariat_creates_users(users):
    for role in ("assessor", "region_team"):
        with pytest.raises(PermissionDeniedError):
            create_user(actor=users[role], username="x", role=Role.ASSESSOR, email="x@example.org")
    user = create_user(
        actor=users["secretariat"],
        username="penilai-baru",
        role=Role.ASSESSOR,
        email="p@example.org",
        name="Siti Aminah",
    )
    assert (user.first_name, user.has_usable_password()) == ("Siti Aminah", False)
    (event,) = AuditEvent.objects.filter(action="user.create", target_id=str(user.pk))
    assert (event.actor, event.target_id, event.data["role"]) == (
        users["secretariat"],
        str(user.pk),
        "assessor",
    )


def test_region_required_for_region_teams_only_and_duplicates_refused(users):
    banjarmasin = users["region_team"].region
    with pytest.raises(InputError, match="daerah wajib untuk tim daerah") as info:
        create_user(actor=SYSTEM, username="tim-x", role=Role.REGION_TEAM)
    assert info.value.location.column == "region"
    with pytest.raises(InputError, match="daerah wajib untuk tim daerah"):
        create_user(actor=SYSTEM, username="asesor-x", role=Role.ASSESSOR, region=banjarmasin)
    with pytest.raises(InputError, match="sudah ada"):
        create_user(actor=SYSTEM, username="asesor", role=Role.ASSESSOR)
    create_user(actor=SYSTEM, username="a1", role=Role.ASSESSOR, email="Same@example.org")
    with pytest.raises(InputError, match="milik pengguna lain") as info:
        create_user(actor=SYSTEM, username="a2", role=Role.ASSESSOR, email="same@EXAMPLE.org")
    assert info.value.location.column == "email"
    with pytest.raises(InputError, match="tidak dikenal"):
        create_user(actor=SYSTEM, username="a3", role="admin")


@pytest.mark.parametrize("name", ["G»\x17Ê\xa0Ý", "dua kata", "tab\tnama", "x" * 151])
def test_usernames_that_django_refuses_are_refused_by_the_service_too(users, name):
    # found by the Schemathesis run: the API created a user the schema (and Django's forms) forbid
    with pytest.raises(InputError) as info:
        create_user(actor=SYSTEM, username=name, role=Role.ASSESSOR)
    assert info.value.location.column == "username"
    with pytest.raises(InputError, match="email"):
        create_user(actor=SYSTEM, username="sah", role=Role.ASSESSOR, email="bukan-surel")
    assert not User.objects.filter(username__in=[name, "sah"]).exists()


def test_every_password_goes_through_the_validators(users):
    with pytest.raises(InputError) as info:
        create_user(
            actor=SYSTEM, username="tim-banjarmasin-2", role=Role.ASSESSOR, password="tim-banjarmasin-2!"
        )
    assert info.value.location.column == "password"
    with pytest.raises(InputError):
        create_user(actor=SYSTEM, username="b", role=Role.ASSESSOR, password="password")  # common
    with pytest.raises(InputError):
        create_user(actor=SYSTEM, username="c", role=Role.ASSESSOR, password="k7#q")  # short
    assert not User.objects.filter(username__in=["tim-banjarmasin-2", "b", "c"]).exists()
    me = users["assessor"]
    with pytest.raises(InputError, match="kata sandi saat ini salah"):
        change_own_password(actor=me, user=me, old_password="nope", new_password="a-much-better-secret-42")
    with pytest.raises(InputError):
        change_own_password(actor=me, user=me, old_password="pw-for-tests-123", new_password="12345678")
    with pytest.raises(PermissionDeniedError):
        change_own_password(
            actor=users["secretariat"],
            user=me,
            old_password="pw-for-tests-123",
            new_password="a-much-better-secret-42",
        )
    change_own_password(
        actor=me, user=me, old_password="pw-for-tests-123", new_password="a-much-better-secret-42"
    )
    me.refresh_from_db()
    assert me.check_password("a-much-better-secret-42")
    assert len(_events("user.password")) == 1


def test_update_audits_old_and_new_values_and_checks_the_region_rule(users):
    member = users["assessor"]
    region = f.region("32.73")
    with pytest.raises(InputError, match="daerah wajib untuk tim daerah"):
        update_user(actor=users["secretariat"], user=member, role=Role.REGION_TEAM)
    with pytest.raises(PermissionDeniedError):
        update_user(actor=users["region_team"], user=member, name="X")
    update_user(actor=users["secretariat"], user=member, role=Role.REGION_TEAM, region=region, name="Budi")
    member.refresh_from_db()
    assert (member.role, member.region, member.first_name) == ("region_team", region, "Budi")
    (event,) = _events("user.update")
    assert event.data == {
        "role": ["assessor", "region_team"],
        "region": [None, "32.73"],
        "name": ["", "Budi"],
    }
    update_user(actor=users["secretariat"], user=member, name="Budi")  # no change, no event
    assert len(_events("user.update")) == 1
    with pytest.raises(InputError, match="tidak dapat diubah"):
        update_user(actor=users["secretariat"], user=member, is_superuser=True)


def test_deactivate_never_deletes_and_revokes_the_token(users):
    member = users["assessor"]
    issue_token(actor=member, user=member)
    with pytest.raises(StateError, match="akun Anda sendiri"):
        set_active(actor=users["secretariat"], user=users["secretariat"], active=False)
    set_active(actor=users["secretariat"], user=member, active=False)
    member.refresh_from_db()
    assert not member.is_active and not Token.objects.filter(user=member).exists()
    assert _logs_in("asesor", "pw-for-tests-123") is False
    with pytest.raises(StateError, match="nonaktif"):
        issue_token(actor=users["secretariat"], user=member)
    set_active(actor=users["secretariat"], user=member, active=True)
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="user.").order_by("id")][-2:] == [
        "user.deactivate",
        "user.reactivate",
    ]


def test_tokens_belong_to_their_user_or_the_secretariat(users):
    me, other = users["assessor"], users["region_team"]
    with pytest.raises(PermissionDeniedError):
        issue_token(actor=other, user=me)
    key = issue_token(actor=me, user=me)
    assert Token.objects.get(user=me).key == key
    with pytest.raises(PermissionDeniedError):
        revoke_token(actor=other, user=me)
    assert revoke_token(actor=me, user=me) is True
    assert revoke_token(actor=me, user=me) is False
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="token.")] == [
        "token.revoke",
        "token.issue",
    ]


def test_secretariat_creates_edits_and_deactivates_in_the_browser(users, client_for):
    client = client_for("secretariat")
    page = client.get("/akun/?role=region_team").content.decode()
    assert "tim-banjarmasin" in page and ">asesor<" not in page
    response = client.post(
        "/akun/baru/",
        {"username": "tim-bandung", "name": "Tim Bandung", "email": "t@bandung.go.id", "role": "region_team"},
    )
    assert response.status_code == 400 and "daerah wajib untuk tim daerah" in response.content.decode()
    region = f.region("32.73")
    response = client.post(
        "/akun/baru/",
        {
            "username": "tim-bandung",
            "name": "Tim Bandung",
            "email": "t@bandung.go.id",
            "role": "region_team",
            "region": region.pk,
        },
    )
    member = User.objects.get(username="tim-bandung")
    assert response.status_code == 302 and response["Location"] == f"/akun/{member.pk}/"
    assert (member.region, member.first_name) == (region, "Tim Bandung")
    response = client.post(
        f"/akun/{member.pk}/",
        {
            "username": "tim-bandung",
            "name": "Tim Kota Bandung",
            "email": "t@bandung.go.id",
            "role": "region_team",
            "region": region.pk,
        },
    )
    assert response.status_code == 302
    assert 'value="Tim Kota Bandung"' in client.get(f"/akun/{member.pk}/").content.decode()
    assert client.post(f"/akun/{member.pk}/aktif/", {"active": "0"}).status_code == 302
    member.refresh_from_db()
    assert member.is_active is False
    assert "tim-bandung" in client.get("/akun/?active=0").content.decode()
    assert "tim-bandung" not in client.get("/akun/?active=1").content.decode()
    assert [e.action for e in AuditEvent.objects.filter(target_id=str(member.pk)).order_by("id")] == [
        "user.create",
        "user.invite",
        "user.update",
        "user.deactivate",
    ]


def test_secretariat_manages_users_through_the_api(users):
    api = APIClient()
    api.force_authenticate(users["secretariat"])
    response = api.post(
        "/api/users/",
        {"username": "tim-bdg", "email": "x@bdg.id", "role": "region_team", "region": "32.73"},
        format="json",
    )
    assert response.status_code == 400 and response.json()["code"] in ("invalid", "input")
    f.region("32.73")
    response = api.post(
        "/api/users/",
        {"username": "tim-bdg", "email": "x@bdg.id", "role": "region_team", "region": "32.73"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["region"], body["role"], body["is_active"]) == ("32.73", "region_team", True)
    assert body["language"] == "id"  # e-mails in Indonesian unless chosen otherwise
    response = api.patch(f"/api/users/{body['id']}/", {"language": "en"}, format="json")
    assert (response.status_code, response.json()["language"]) == (200, "en")
    assert api.patch(f"/api/users/{body['id']}/", {"language": "fr"}, format="json").status_code == 400
    response = api.post("/api/users/", {"username": "a", "role": "region_team"}, format="json")
    assert (response.status_code, response.json()["column"]) == (400, "region")
    pk = body["id"]
    response = api.patch(
        f"/api/users/{pk}/", {"role": "assessor", "region": None, "name": "Dewi"}, format="json"
    )
    assert (response.status_code, response.json()["region"], response.json()["name"]) == (200, None, "Dewi")
    assert api.post(f"/api/users/{pk}/deactivate/").json()["is_active"] is False
    assert [u["username"] for u in api.get("/api/users/?is_active=false").json()["results"]] == ["tim-bdg"]
    assert {u["username"] for u in api.get("/api/users/?role=assessor").json()["results"]} == {
        "asesor",
        "tim-bdg",
    }
    outsider = APIClient()
    outsider.force_authenticate(users["assessor"])
    assert outsider.get("/api/users/").status_code == 403
    assert outsider.patch(f"/api/users/{pk}/", {"name": "Y"}, format="json").status_code == 403
