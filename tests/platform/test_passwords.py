"""The password validators run on every path that creates or changes a password."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.domain.users import change_password, create_user
from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import AuditEvent, User
from kotacerdas.errors import InputError, StateError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def indonesian():  # type: ignore[no-untyped-def]
    """The validators' messages are translated; these tests read the Indonesian ones."""
    from django.utils import translation

    with translation.override("id"):
        yield


@pytest.mark.parametrize("weak", ["1", "password", "short7!", "sekretariat-1"])
def test_domain_create_user_refuses_weak_passwords(weak):
    with pytest.raises(InputError, match="kata sandi untuk 'sekretariat' ditolak"):
        create_user(actor=SYSTEM, username="sekretariat", password=weak, role=Role.SECRETARIAT)
    assert not User.objects.exists()


def test_manager_refuses_weak_passwords():
    with pytest.raises(ValidationError):
        User.objects.create_user("budi", password="1")
    with pytest.raises(ValidationError):
        User.objects.create_superuser("root", password="12345678")
    assert User.objects.create_user("nopass", password=None).has_usable_password() is False
    assert User.objects.create_user("budi", password="kopi-tubruk-pagi-hari").check_password(
        "kopi-tubruk-pagi-hari"
    )


def test_createsuperuser_noinput_refuses_weak_password(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "1")
    with pytest.raises(CommandError, match="terlalu pendek"):
        call_command("createsuperuser", "--noinput", "--username", "root", "--email", "r@example.org")
    assert not User.objects.filter(username="root").exists()


def test_change_password_validates_and_audits():
    user = create_user(actor=SYSTEM, username="budi", password="kopi-tubruk-pagi-hari", role=Role.ASSESSOR)
    with pytest.raises(InputError, match="terlalu pendek"):
        change_password(actor=user, user=user, password="1")
    user.refresh_from_db()
    assert user.check_password("kopi-tubruk-pagi-hari")
    change_password(actor=user, user=user, password="teh-manis-sore-hari")
    user.refresh_from_db()
    assert user.check_password("teh-manis-sore-hari")
    assert AuditEvent.objects.filter(action="user.password", target_id=str(user.pk)).count() == 1


def test_demo_logins_skip_the_validators_only_outside_production(settings):
    user = create_user(
        actor=SYSTEM,
        username="tim-banjarmasin",
        password="demo-tim-banjarmasin-2026",
        role=Role.ASSESSOR,
        demo=True,
    )
    assert user.check_password("demo-tim-banjarmasin-2026")
    with pytest.raises(InputError, match="terlalu mirip"):
        create_user(
            actor=SYSTEM, username="tim-balikpapan", password="demo-tim-balikpapan-2026", role=Role.ASSESSOR
        )
    settings.KOTACERDAS_MODE = "production"
    with pytest.raises(StateError, match="ditolak dalam mode produksi"):
        create_user(actor=SYSTEM, username="x-demo", password="demo-x-2026", role=Role.ASSESSOR, demo=True)
