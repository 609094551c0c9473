"""Background jobs go through the task queue; the worker loop runs them (here in-process, once)."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from django_tasks_db.models import DBTaskResult

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.error_text import from_dict
from kotacerdas.accounts.models import AuditEvent
from kotacerdas.errors import InputError, PermissionDeniedError, StateError
from kotacerdas.jobs.domain.control import cancel_job, retry_job
from kotacerdas.jobs.domain.lease import JobStopped, Lease
from kotacerdas.jobs.domain.runner import enqueue, run, submit
from kotacerdas.jobs.domain.sweep import expire_failed, remove_orphan_uploads, sweep_stale
from kotacerdas.jobs.models import Job, PeriodicRun
from kotacerdas.jobs.scheduler import run_due
from kotacerdas.jobs.worker import run_queued
from kotacerdas.regions.models import Dataset
from tests.platform import factories as f


def drain() -> None:
    """Run every queued job in this thread with the worker's task runner (no threads, no processes)."""
    assert run_queued() >= 1


def _import(users, name: str, content: bytes) -> Job:  # type: ignore[no-untyped-def]
    stored = default_storage.save(f"uploads/{name}", ContentFile(content))
    return enqueue(
        actor=users["secretariat"],
        function="dataset_import",
        arguments={
            "actor_id": users["secretariat"].pk,
            "storage_name": stored,
            "file_name": name,
            "name": "ipm",
            "source": "BPS",
            "year": 2024,
            "licence": "CC",
        },
    )


@pytest.fixture
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_dataset_import_is_queued_then_run_by_the_worker(users, client_for, media):
    f.region("63.71")
    f.region("63.72")
    upload = SimpleUploadedFile("ipm.csv", b"code,ipm\n63.71,70\n63.72,71\n")
    response = client_for("secretariat").post(
        "/data/impor/", {"name": "ipm", "source": "BPS", "year": "2024", "licence": "CC-BY", "file": upload}
    )
    job = Job.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    assert (job.status, job.function) == ("queued", "dataset_import")
    assert DBTaskResult.objects.get(id=job.task_id).status == "READY"
    assert Dataset.objects.count() == 0  # nothing runs inside the web request
    drain()
    job.refresh_from_db()
    assert (job.status, job.progress, job.attempt) == ("done", 1.0, 1)
    dataset = Dataset.objects.get()
    assert job.result == {"dataset": dataset.pk, "version": 1, "warnings": []}
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"
    assert list(media.joinpath("uploads").iterdir()) == []  # the upload is removed once imported
    page = client_for("secretariat").get(f"/pekerjaan/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert page.startswith('<div id="job-progress" data-status="done">')


def test_failed_import_keeps_its_error_and_its_file_until_cancelled(users, media):
    f.region("63.71")
    job = _import(users, "bad.csv", b"code,ipm\n63.71,oops\n")
    drain()
    job.refresh_from_db()
    assert (job.status, job.error["row"], job.error["column"], job.error["message"]) == (
        "failed",
        2,
        "ipm",
        "'oops' is not a number",
    )
    assert Dataset.objects.count() == 0
    assert default_storage.exists("uploads/bad.csv")  # kept: the job may be retried
    cancel_job(actor=users["secretariat"], job=job)
    job.refresh_from_db()
    assert job.status == "cancelled"
    assert not default_storage.exists("uploads/bad.csv")
    assert AuditEvent.objects.filter(action="job.cancel").count() == 1


def test_unregistered_functions_are_refused_and_bugs_are_stored(users):
    with pytest.raises(InputError, match=r"'os\.system' bukan fungsi pekerjaan yang terdaftar"):
        submit(actor=SYSTEM, kind="x", function="os.system", arguments={})
    job, nothing = submit(actor=SYSTEM, kind="x", function="index_build", arguments={}, start=False)
    assert nothing is None
    finished = run(job.pk)
    assert (finished.status, finished.error["code"]) == ("failed", "internal")
    assert finished.error["message"] == (
        "index_build() missing 3 required keyword-only arguments: 'actor_id', 'dataset_id', and 'name'"
    )


@pytest.mark.parametrize("gone", ["deleted", "deactivated"])
def test_a_job_of_a_user_who_is_gone_fails_instead_of_running_as_the_system(gone, users, media):
    f.region("63.71")
    clerk = f.user(Role.SECRETARIAT, "clerk")
    stored = default_storage.save("uploads/ok.csv", ContentFile(b"code,ipm\n63.71,70\n"))
    args = {"storage_name": stored, "file_name": "ok.csv", "name": "ipm", "source": "", "year": 2024}
    job = enqueue(
        actor=SYSTEM, function="dataset_import", arguments={**args, "licence": "", "actor_id": clerk.pk}
    )
    if gone == "deleted":
        clerk.delete()
    else:
        clerk.is_active = False
        clerk.save()
    drain()
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error["message"] == (
        f"the user #{job.arguments['actor_id']} who queued this work no longer exists or is deactivated"
    )
    assert job.error["code"] == "permission"
    assert Dataset.objects.count() == 0


def _lost(job: Job, seconds_ago: float, now: dt.datetime) -> None:
    """Make ``job`` look like it runs on a worker that last renewed its lease ``seconds_ago`` before ``now``."""
    then = now - dt.timedelta(seconds=seconds_ago)
    Job.objects.filter(pk=job.pk).update(
        status="running", worker="w-dead", started_at=then, heartbeat_at=then
    )
    DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING")


def test_the_sweep_fails_jobs_whose_lease_expired_and_a_retry_runs_them(users, media, settings):
    settings.JOB_LEASE = 10
    f.region("63.71")
    dead = _import(users, "a.csv", b"code,ipm\n63.71,70\n")
    alive = _import(users, "b.csv", b"code,ipm\n63.71,71\n")
    now = timezone.now()  # one clock for the heartbeats and the sweep: a slow machine moves neither
    _lost(dead, 11, now)
    _lost(alive, 9, now)
    assert sweep_stale(now) == [dead.pk]
    dead.refresh_from_db()
    assert (dead.status, dead.error["code"]) == ("failed", "worker_lost")
    assert dead.message.startswith(
        "pekerja w-dead berhenti memperbarui sewa pekerjaan ini (tanpa detak selama 10"
    )
    assert dead.messages["en"].startswith(
        "the worker w-dead stopped renewing the job's lease (no heartbeat for 10 s)"
    )
    lost = AuditEvent.objects.get(action="job.lost")
    assert lost.summaries["en"] == dead.messages["en"] and lost.summary == dead.message
    with translation.override("id"):  # the job page words the stored error by its code, for its reader
        assert from_dict(dead.error).startswith("pekerja w-dead berhenti memperbarui sewa pekerjaan ini")
    with translation.override("en"):
        assert from_dict(dead.error) == (
            "the worker w-dead stopped renewing the job's lease (no heartbeat for 10 s): it died or was killed "
            "(retry the job, or cancel it to remove its files)"
        )
    assert DBTaskResult.objects.get(id=dead.task_id).status == "FAILED"
    assert Job.objects.get(pk=alive.pk).status == "running"
    retried = retry_job(actor=users["secretariat"], job=dead)
    assert (retried.status, retried.attempt, retried.error) == ("queued", 2, None)
    assert retried.task_id != dead.task_id
    drain()
    retried.refresh_from_db()
    assert (retried.status, retried.result["version"]) == ("done", 1)
    assert not default_storage.exists("uploads/a.csv")
    assert AuditEvent.objects.filter(action__in=["job.lost", "job.retry"]).count() == 2


def test_retry_and_cancel_are_refused_when_they_make_no_sense(users, media):
    f.region("63.71")
    job = _import(users, "a.csv", b"code,ipm\n63.71,70\n")
    with pytest.raises(StateError, match=rf"pekerjaan #{job.pk} berstatus Antre; hanya pekerjaan yang gagal"):
        retry_job(actor=users["secretariat"], job=job)
    with pytest.raises(PermissionDeniedError, match="hanya sekretariat yang boleh membatalkan pekerjaan"):
        cancel_job(actor=users["assessor"], job=job)
    Job.objects.filter(pk=job.pk).update(status="failed")
    default_storage.delete("uploads/a.csv")
    with pytest.raises(StateError, match=r"berkasnya 'uploads/a\.csv' sudah tidak ada"):
        retry_job(actor=users["secretariat"], job=job)
    cancel_job(actor=users["secretariat"], job=job)
    with pytest.raises(
        StateError, match="hanya pekerjaan yang antre, berjalan atau gagal yang dapat dibatalkan"
    ):
        cancel_job(actor=users["secretariat"], job=job)


def test_a_cancelled_queued_job_is_never_run(users, media):
    f.region("63.71")
    job = _import(users, "a.csv", b"code,ipm\n63.71,70\n")
    cancel_job(actor=users["secretariat"], job=job)
    drain()
    assert Job.objects.get(pk=job.pk).status == "cancelled"
    assert Dataset.objects.count() == 0


def test_the_lease_writes_progress_and_stops_a_job_that_is_no_longer_its_own(users):
    job, _ = submit(actor=SYSTEM, kind="x", function="index_build", arguments={}, start=False)
    Job.objects.filter(pk=job.pk).update(status="running")
    lease = Lease(job.pk, job.attempt, seconds=40)
    lease.report(0.5, wording(gettext_lazy("%(done)s dari %(total)s sampel"), done=1500, total=3000))
    lease._renew()  # what the lease thread does every 10 s, or at once after a report
    job.refresh_from_db()
    assert (job.progress, job.message, job.heartbeat_at is not None) == (0.5, "1.500 dari 3.000 sampel", True)
    assert job.messages == {"id": "1.500 dari 3.000 sampel", "en": "1,500 of 3,000 samples"}
    cancel_job(actor=users["secretariat"], job=job)
    lease._renew()
    with pytest.raises(JobStopped):
        lease.report(0.6, "")


def test_periodic_tasks_run_when_due_on_one_worker_at_a_time(db, settings):
    settings.JOB_LEASE = 8  # the sweep runs every 2 s
    now = timezone.now()
    assert "jobs.sweep" in run_due(now)
    assert run_due(now + dt.timedelta(seconds=1)) == []  # claimed, not due yet
    assert run_due(now + dt.timedelta(seconds=2)) == ["jobs.sweep"]  # the others run hourly, every minute
    assert PeriodicRun.objects.get(name="jobs.sweep").last_error == ""


def test_orphan_uploads_and_old_failures_are_removed(users, media):
    f.region("63.71")
    failed = _import(users, "kept.csv", b"code,ipm\n63.71,70\n")
    Job.objects.filter(pk=failed.pk).update(status="failed", finished_at=timezone.now())
    orphan = default_storage.save("uploads/orphan.csv", ContentFile(b"x"))
    young = default_storage.save("uploads/young.csv", ContentFile(b"x"))
    old = (timezone.now() - dt.timedelta(hours=2)).timestamp()
    for name in (orphan, "uploads/kept.csv"):
        os.utime(default_storage.path(name), (old, old))
    assert remove_orphan_uploads() == [orphan]
    assert default_storage.exists("uploads/kept.csv") and default_storage.exists(young)
    assert expire_failed(timezone.now() + dt.timedelta(days=8)) == [failed.pk]
    assert not default_storage.exists("uploads/kept.csv")
    expired = Job.objects.get(pk=failed.pk)
    assert (expired.status, expired.messages) == (
        "cancelled",
        {"id": "tidak diulang dalam 7 hari", "en": "not retried within 7 days"},
    )


def test_retry_and_cancel_through_the_web_and_the_api(users, client_for, media):
    f.region("63.71")
    job = _import(users, "a.csv", b"code,ipm\n63.71,70\n")
    secretariat = client_for("secretariat")
    assert secretariat.post(f"/api/jobs/{job.pk}/retry/").json()["code"] == "not_retryable"
    assert client_for("assessor").post(f"/api/jobs/{job.pk}/cancel/").status_code == 403
    Job.objects.filter(pk=job.pk).update(status="failed")
    page = secretariat.get(f"/pekerjaan/{job.pk}/").content.decode()
    assert 'id="job-retry"' in page and 'id="job-cancel"' in page
    assert secretariat.post(f"/pekerjaan/{job.pk}/ulangi/")["Location"] == f"/pekerjaan/{job.pk}/"
    assert Job.objects.get(pk=job.pk).attempt == 2
    secretariat.post(f"/pekerjaan/{job.pk}/batalkan/")  # not confirmed: nothing happens
    assert Job.objects.get(pk=job.pk).status == "queued"
    body = secretariat.post(f"/api/jobs/{job.pk}/cancel/").json()
    assert (body["status"], body["attempt"]) == ("cancelled", 2)
    assert not default_storage.exists("uploads/a.csv")


def test_a_jobs_messages_are_stored_in_each_language_and_read_in_the_readers(users, client_for, media):
    f.region("63.71")
    job = _import(users, "a.csv", b"code,ipm\n63.71,70\n")
    run(job.pk)  # inline: every progress report is written at once, the last one stays
    job.refresh_from_db()
    assert (job.status, job.message) == ("done", "1/1 nilai tersimpan")  # Indonesian, for older readers
    assert job.messages == {"id": "1/1 nilai tersimpan", "en": "1/1 values stored"}
    secretariat = client_for("secretariat")
    assert secretariat.get(f"/api/jobs/{job.pk}/").json()["message"] == "1/1 nilai tersimpan"
    english = secretariat.get(f"/api/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["message"] == "1/1 values stored"
    page = secretariat.get(f"/pekerjaan/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1/1 values stored" in page and "nilai tersimpan" not in page
    assert "1/1 nilai tersimpan" in secretariat.get(f"/pekerjaan/{job.pk}/").content.decode()
    Job.objects.filter(pk=job.pk).update(messages={}, message="old text")  # written before per-language
    with translation.override("en"):
        assert Job.objects.get(pk=job.pk).message_text == "old text"


def test_cancelling_words_the_message_and_the_audit_summary_in_each_language(users, media):
    f.region("63.71")
    job = _import(users, "a.csv", b"code,ipm\n63.71,70\n")
    cancel_job(actor=users["secretariat"], job=job)
    job.refresh_from_db()
    name = users["secretariat"].username
    assert job.messages == {
        "id": f"dibatalkan oleh {name} (sebelumnya Antre)",
        "en": f"cancelled by {name} (was Queued)",
    }
    event = AuditEvent.objects.get(action="job.cancel")
    assert event.summaries == {"id": "impor dataset dibatalkan (sebelumnya Antre)",
                               "en": "dataset import cancelled (was Queued)"}  # fmt: skip
    submitted = AuditEvent.objects.get(action="job.submit")
    assert (submitted.summaries, submitted.data) == (
        {"id": "impor dataset diantrekan", "en": "dataset import queued"},
        {"function": "dataset_import"},
    )


def test_the_job_list_and_page_name_a_jobs_kind_in_the_readers_language(users, client_for, media):
    job = _import(users, "a.csv", b"code,ipm\n63.71,70\n")
    secretariat = client_for("secretariat")
    assert "<td>impor dataset</td>" in secretariat.get("/pekerjaan/").content.decode()
    english = secretariat.get("/pekerjaan/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<td>dataset import</td>" in english
    page = secretariat.get(f"/pekerjaan/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"#{job.pk}: dataset import</h1>" in page
    unregistered, _ = submit(actor=SYSTEM, kind="x", function="index_build", arguments={}, start=False)
    assert unregistered.kind_label == "x"  # a kind no function is registered as reads as it is


def test_a_failed_jobs_message_is_its_error_worded_in_each_language(users, media):
    f.region("63.71")
    job = _import(users, "bad.csv", b"code,ipm\n63.71,oops\n")
    drain()
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.messages["en"].startswith("bad.csv, row 2, column 'ipm': 'oops' is not a number (")
    assert job.message == job.messages["id"]
    assert job.message.startswith("bad.csv, baris 2, kolom 'ipm': 'oops' bukan angka (")
