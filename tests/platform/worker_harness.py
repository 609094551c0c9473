"""A helper process for the worker reliability tests: JSON commands on stdin, JSON answers on stdout.

It runs with the same environment as the workers under test (their own database and data folder), so
the test process never shares a connection or a transaction with them. Commands (one JSON per line):
``setup``, ``import``, ``uncertainty``, ``job``, ``retry``, ``cancel``, ``datasets``, ``uploads``.
"""

from __future__ import annotations

import json
import sys
from typing import Any


def _setup() -> dict[str, Any]:
    from django.core.management import call_command
    from kotacerdas.demo.index import INDEX_SETTINGS, demo_table

    from kotacerdas.accounts.domain.users import create_user
    from kotacerdas.accounts.enums import Role
    from kotacerdas.regions.domain.datasets import import_dataset
    from kotacerdas.regions.domain.index_build import build_index_run
    from kotacerdas.regions.domain.registry import sync_regions

    call_command("migrate", interactive=False, verbosity=0)
    sync_regions()
    user = create_user(actor=None, username="sekretariat", password="pw-for-tests-123", role=Role.SECRETARIAT)
    content, meta = demo_table(3)
    dataset = import_dataset(
        actor=None, name="demo", file_name="demo.csv", content=content, source="s", year=2025, licence="CC0"
    )
    run = build_index_run(actor=None, dataset=dataset, name="demo", meta=meta, config=INDEX_SETTINGS)
    return {"user": user.pk, "run": run.pk}


def _wide_table(indicators: int) -> bytes:
    """514 regions × ``indicators`` columns: big enough that its import takes seconds."""
    from kotacerdas.regions.models import Region

    codes = list(Region.objects.order_by("code").values_list("code", flat=True))
    lines = ["code," + ",".join(f"x{i}" for i in range(indicators))]
    lines += [c + "," + ",".join(str((r * 7 + i) % 101) for i in range(indicators)) for r, c in enumerate(codes)]
    return "\n".join(lines).encode()


def _job(pk: int) -> dict[str, Any]:
    from django_tasks_db.models import DBTaskResult

    from kotacerdas.jobs.models import Job

    job = Job.objects.get(pk=pk)
    task = DBTaskResult.objects.filter(id=job.task_id).values_list("status", flat=True).first()
    fields = ("status", "progress", "message", "error", "result", "attempt", "worker", "arguments")
    out = {name: getattr(job, name) for name in fields}
    times = ("heartbeat_at", "finished_at", "started_at")
    out.update({name: getattr(job, name).timestamp() if getattr(job, name) else None for name in times})
    return {**out, "task_status": task}


def handle(command: dict[str, Any]) -> Any:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from kotacerdas.demo.index import DEMO_FACTORS

    from kotacerdas.accounts.models import User
    from kotacerdas.jobs.domain.control import cancel_job, retry_job
    from kotacerdas.jobs.models import Job
    from kotacerdas.regions.domain.datasets import queue_dataset_import
    from kotacerdas.regions.domain.uncertainty_runs import queue_uncertainty
    from kotacerdas.regions.models import Dataset, IndexRun

    name = command["do"]
    if name == "setup":
        return _setup()
    actor = User.objects.get(username="sekretariat")
    if name == "import":
        stored = default_storage.save("uploads/wide.csv", ContentFile(_wide_table(command["indicators"])))
        job = queue_dataset_import(
            actor=actor, storage_name=stored, file_name="wide.csv", name="wide", source="", year=2024, licence=""
        )
        return {"job": job.pk, "upload": stored}
    if name == "uncertainty":
        run = IndexRun.objects.get(pk=command["run"])
        job = queue_uncertainty(actor=actor, run=run, factors=DEMO_FACTORS, samples=command["samples"], seed=5)
        return {"job": job.pk}
    if name == "job":
        return _job(command["job"])
    if name in ("retry", "cancel"):
        service = retry_job if name == "retry" else cancel_job
        service(actor=actor, job=Job.objects.get(pk=command["job"]))
        return _job(command["job"])
    if name == "datasets":
        return Dataset.objects.filter(name="wide").count()
    if name == "uploads":
        return sorted(default_storage.listdir("uploads")[1]) if default_storage.exists("uploads") else []
    if name == "ranked":
        return IndexRun.objects.get(pk=command["run"]).scores.filter(p_top__isnull=False).count()
    raise ValueError(f"unknown command {name!r}")


def main() -> None:
    from kotacerdas.cli.webapp import setup

    setup()
    for line in sys.stdin:
        try:
            answer = {"ok": handle(json.loads(line))}
        except Exception as exc:  # the test shows it; the helper keeps serving
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(answer, default=str), flush=True)


if __name__ == "__main__":
    main()
