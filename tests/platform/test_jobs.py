"""Background jobs run on a worker thread and report progress, results and errors."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.errors import InputError
from kotacerdas.jobs.domain.runner import run, submit
from kotacerdas.jobs.models import Job
from kotacerdas.regions.models import Dataset
from tests.platform import factories as f


@pytest.fixture(autouse=True)
def join_workers():  # type: ignore[no-untyped-def]
    """Let every worker thread finish before the database is flushed (a slow machine must not race it)."""
    yield
    for thread in threading.enumerate():
        if thread.name.startswith("kotacerdas-job-"):
            thread.join(timeout=60)


def _wait(pk: int) -> Job:
    for _ in range(1200):
        job = Job.objects.get(pk=pk)
        if job.status in (Job.Status.DONE, Job.Status.FAILED):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {pk} did not finish")


@pytest.mark.django_db(transaction=True)
def test_dataset_import_runs_in_the_background(users, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    f.region("63.71")
    f.region("63.72")
    upload = SimpleUploadedFile("ipm.csv", b"code,ipm\n63.71,70\n63.72,71\n")
    response = client_for("secretariat").post(
        "/data/impor/", {"name": "ipm", "source": "BPS", "year": "2024", "licence": "CC-BY", "file": upload}
    )
    job_id = int(response["Location"].rstrip("/").split("/")[-1])
    job = _wait(job_id)
    assert (job.status, job.progress, job.kind) == ("done", 1.0, "dataset_import")
    dataset = Dataset.objects.get()
    assert job.result == {"dataset": dataset.pk, "version": 1, "warnings": []}
    assert list(tmp_path.joinpath("uploads").iterdir()) == []  # the upload is removed after the import
    page = client_for("secretariat").get(f"/pekerjaan/{job_id}/", HTTP_HX_REQUEST="true").content.decode()
    assert page.startswith('<div id="job-progress" data-status="done">')


@pytest.mark.django_db(transaction=True)
def test_failed_job_keeps_the_error_with_its_location(users, settings, tmp_path):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    settings.MEDIA_ROOT = tmp_path
    f.region("63.71")
    stored = default_storage.save("uploads/bad.csv", ContentFile(b"code,ipm\n63.71,oops\n"))
    job, thread = submit(
        actor=users["secretariat"],
        kind="dataset_import",
        function="kotacerdas.regions.domain.datasets.import_stored_dataset",
        arguments={
            "actor_id": users["secretariat"].pk,
            "storage_name": stored,
            "file_name": "bad.csv",
            "name": "ipm",
            "source": "BPS",
            "year": 2024,
            "licence": "CC",
        },
    )
    assert thread is not None
    thread.join(timeout=60)
    job.refresh_from_db()
    assert (job.status, job.error["row"], job.error["column"], job.error["message"]) == (
        "failed",
        2,
        "ipm",
        "'oops' is not a number",
    )
    assert Dataset.objects.count() == 0


@pytest.mark.django_db
def test_run_synchronously_and_refuse_foreign_functions(users):
    f.region("63.71")
    job, thread = submit(
        actor=SYSTEM,
        kind="sync",
        function="kotacerdas.regions.domain.registry.sync_regions",
        arguments={},
        start=False,
    )
    assert thread is None
    with pytest.raises(InputError, match=r"'os\.system' is not a Kota Cerdas domain service"):
        submit(actor=SYSTEM, kind="x", function="os.system", arguments={})
    finished = run(job.pk)
    assert (finished.status, finished.error["message"]) == (
        "failed",
        "sync_regions() got an unexpected keyword argument 'progress'",
    )
