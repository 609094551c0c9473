"""The system actor: loaders that no person triggers act as ``SYSTEM``, never as ``None``.

``None`` used to mean "the system, skip the checks"; now it is refused everywhere, the audit log says
``system`` for the platform's own work, and a job whose user was deleted fails instead of running as
the system.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from kotacerdas.accounts.domain.actors import SYSTEM, actor_from_id
from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.models import AuditEvent
from kotacerdas.assessment.domain.guards import require_secretariat
from kotacerdas.errors import PermissionDeniedError
from kotacerdas.jobs.domain.runner import run, submit
from kotacerdas.programme.domain.cohorts import create_programme
from kotacerdas.regions.models import Dataset
from tests.platform import factories as f

pytestmark = pytest.mark.django_db


def test_system_work_is_audited_as_the_system():
    programme = create_programme(actor=SYSTEM, slug="gm", name="GM")
    event = AuditEvent.objects.get(target_id=str(programme.pk), action="programme.create")
    assert (event.actor, event.by_system, event.actor_label) == (None, True, "system")


def test_a_person_is_audited_as_that_person(users):
    programme = create_programme(actor=users["secretariat"], slug="gm", name="GM")
    event = AuditEvent.objects.get(target_id=str(programme.pk), action="programme.create")
    assert (event.actor, event.by_system, event.actor_label) == (users["secretariat"], False, "sekretariat")


def test_none_is_no_actor():
    with pytest.raises(PermissionDeniedError, match=r"programme\.create: no actor given \(None\)"):
        create_programme(actor=None, slug="gm", name="GM")
    with pytest.raises(PermissionDeniedError, match="hanya sekretariat yang boleh membuat putaran"):
        require_secretariat(None, "create rounds")
    require_secretariat(SYSTEM, "create rounds")  # the platform itself may
    region = f.region("63.71")
    with pytest.raises(PermissionDeniedError):
        record(actor=None, action="x", target=region, summary="x")
    assert AuditEvent.objects.count() == 0


def test_actor_from_id(users):
    assert actor_from_id(None) is SYSTEM
    assert actor_from_id(users["assessor"].pk) == users["assessor"]
    with pytest.raises(
        PermissionDeniedError, match=r"the user #999999 who queued this work no longer exists"
    ):
        actor_from_id(999999)


def test_job_of_a_deleted_user_fails_instead_of_running_as_the_system(users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    f.region("63.71")
    leaver = f.user(users["secretariat"].role, "leaver")
    stored = default_storage.save("uploads/ipm.csv", ContentFile(b"code,ipm\n63.71,70\n"))
    job, _ = submit(
        actor=users["secretariat"],
        kind="dataset_import",
        function="dataset_import",
        arguments={
            "actor_id": leaver.pk,
            "storage_name": stored,
            "file_name": "ipm.csv",
            "name": "ipm",
            "source": "BPS",
            "year": 2024,
            "licence": "CC",
        },
        start=False,
    )
    leaver.delete()
    done = run(job.pk)
    assert (done.status, done.error["code"]) == ("failed", "permission")
    assert "no longer exists" in done.error["message"]
    assert Dataset.objects.count() == 0
