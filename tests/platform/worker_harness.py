"""A helper process for the worker reliability tests: JSON commands on stdin, JSON answers on stdout.

It runs with the same environment as the workers under test (their own database and data folder), so
the test process never shares a connection or a transaction with them. Commands (one JSON per line):
``setup``, ``import``, ``uncertainty``, ``job``, ``retry``, ``cancel``, ``datasets``, ``uploads``,
``round`` (an assessment round with one drafted assignment), ``submit`` (the assessor submits;
``hang=true`` stops inside the submission's transaction, after its last write, until the process is
killed) and ``assignment``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any


def _setup() -> dict[str, Any]:
    from django.core.management import call_command

    from kotacerdas.accounts.domain.actors import SYSTEM
    from kotacerdas.accounts.domain.users import create_user
    from kotacerdas.accounts.enums import Role
    from kotacerdas.demo.index import INDEX_SETTINGS, demo_table
    from kotacerdas.regions.domain.datasets import import_dataset
    from kotacerdas.regions.domain.index_build import build_index_run
    from kotacerdas.regions.domain.registry import sync_regions

    call_command("migrate", interactive=False, verbosity=0)
    sync_regions()
    user = create_user(
        actor=SYSTEM, username="sekretariat", password="pw-for-tests-123", role=Role.SECRETARIAT
    )
    content, meta = demo_table(3)
    dataset = import_dataset(
        actor=SYSTEM, name="demo", file_name="demo.csv", content=content, source="s", year=2025, licence="CC0"
    )
    run = build_index_run(actor=SYSTEM, dataset=dataset, name="demo", meta=meta, config=INDEX_SETTINGS)
    return {"user": user.pk, "run": run.pk}


def _wide_table(indicators: int) -> bytes:
    """514 regions × ``indicators`` columns: big enough that its import takes seconds."""
    from kotacerdas.regions.models import Region

    codes = list(Region.objects.order_by("code").values_list("code", flat=True))
    lines = ["code," + ",".join(f"x{i}" for i in range(indicators))]
    lines += [
        c + "," + ",".join(str((r * 7 + i) % 101) for i in range(indicators)) for r, c in enumerate(codes)
    ]
    return "\n".join(lines).encode()


def _job(pk: int) -> dict[str, Any]:
    from django_tasks_db.models import DBTaskResult

    from kotacerdas.jobs.models import Job

    job = Job.objects.get(pk=pk)
    task = DBTaskResult.objects.filter(id=job.task_id).values_list("status", flat=True).first()
    fields = (
        "status",
        "progress",
        "message",
        "messages",
        "error",
        "result",
        "attempt",
        "worker",
        "arguments",
    )
    out = {name: getattr(job, name) for name in fields}
    times = ("heartbeat_at", "finished_at", "started_at")
    out.update({name: getattr(job, name).timestamp() if getattr(job, name) else None for name in times})
    return {**out, "task_status": task}


def _round() -> dict[str, Any]:
    """A yearly-evaluation round on Kota Banjarmasin with one assessor, who has saved a full draft."""
    import datetime as dt

    from kotacerdas.accounts.domain.actors import SYSTEM
    from kotacerdas.accounts.domain.users import create_user
    from kotacerdas.accounts.enums import Role
    from kotacerdas.accounts.models import User
    from kotacerdas.assessment.domain.assignment import run_assignment
    from kotacerdas.assessment.domain.rounds import create_round
    from kotacerdas.assessment.domain.rubrics import store_rubric
    from kotacerdas.assessment.domain.scoring import save_draft
    from kotacerdas.assessment.models import AssessorProfile, Assignment
    from kotacerdas.io.rubric_files import load_rubric
    from kotacerdas.programme.domain.cohorts import create_cohort, create_programme
    from kotacerdas.programme.domain.participation import enrol
    from kotacerdas.programme.lifecycle import State
    from kotacerdas.regions.models import Region

    assessor = create_user(actor=SYSTEM, username="penilai", password="pw-for-tests-123", role=Role.ASSESSOR)
    AssessorProfile.objects.create(user=assessor, affiliation="ITB", home_province_code="32", expertise={})
    programme = create_programme(actor=SYSTEM, slug="gm", name="GM100")
    cohort = create_cohort(actor=SYSTEM, programme=programme, year=2024, name="GM 2024", target_size=1)
    region = Region.objects.get(code="63.71")
    participation = enrol(
        actor=SYSTEM, cohort=cohort, region=region, state=State.SELECTED, on=dt.date(2024, 3, 1)
    )
    round_ = create_round(
        actor=User.objects.get(username="sekretariat"),
        name="Evaluasi uji",
        kind="yearly",
        rubric=store_rubric(actor=SYSTEM, rubric=load_rubric("yearly-evaluation@2")),
        participations=[participation],
        deadline=dt.date(2030, 1, 31),
        assessors_per_submission=1,
        min_load=0,
        max_load=1,
        disagreement_threshold=1.0,
        seed=7,
    )
    run_assignment(actor=User.objects.get(username="sekretariat"), round_=round_)
    assignment = Assignment.objects.get(submission__round=round_)
    values = {"baseline": 3.6, "output": 3.21, "outcome": 3.23, "impact": 3.07, "quick_win": 3.65}
    save_draft(actor=assessor, assignment=assignment, values=values)
    return {"assignment": assignment.pk}


def _submit(assignment_id: int, hang: bool) -> dict[str, Any]:
    """The assessor submits; with ``hang`` the process stops inside the transaction, after its last write."""
    from pathlib import Path

    from kotacerdas.assessment.domain import scoring
    from kotacerdas.assessment.models import Assignment

    if hang:
        original = scoring.record
        marker = Path(os.environ["KOTACERDAS_DATA_DIR"]) / "inside-submission"

        def record_then_hang(**kwargs: Any) -> Any:
            event = original(**kwargs)
            marker.write_text(str(os.getpid()))
            time.sleep(600)  # killed here, with the transaction open
            return event

        scoring.record = record_then_hang  # type: ignore[assignment]
    a = Assignment.objects.select_related("assessor__user").get(pk=assignment_id)
    scoring.submit_scores(actor=a.assessor.user, assignment=a)
    return _assignment(assignment_id)


def _assignment(assignment_id: int) -> dict[str, Any]:
    from kotacerdas.accounts.models import AuditEvent
    from kotacerdas.assessment.models import Assignment

    a = Assignment.objects.get(pk=assignment_id)
    return {
        "state": a.state,
        "submitted_at": a.submitted_at,
        "scores": dict(a.scores.values_list("criterion", "value")),
        "submit_events": AuditEvent.objects.filter(action="score.submit").count(),
    }


def handle(command: dict[str, Any]) -> Any:
    from django.core.files.storage import default_storage

    from kotacerdas.accounts.models import User
    from kotacerdas.demo.index import DEMO_FACTORS
    from kotacerdas.jobs.domain.control import cancel_job, retry_job
    from kotacerdas.jobs.models import Job
    from kotacerdas.regions.domain.datasets import queue_dataset_import
    from kotacerdas.regions.domain.uncertainty_runs import queue_uncertainty
    from kotacerdas.regions.models import Dataset, IndexRun, RankInterval

    name = command["do"]
    if name == "setup":
        return _setup()
    actor = User.objects.get(username="sekretariat")
    if name == "import":
        job = queue_dataset_import(
            actor=actor,
            content=_wide_table(command["indicators"]),
            file_name="wide.csv",
            name="wide",
            source="",
            year=2024,
            licence="",
        )
        return {"job": job.pk, "upload": job.arguments["storage_name"]}
    if name == "uncertainty":
        run = IndexRun.objects.get(pk=command["run"])
        job = queue_uncertainty(
            actor=actor, run=run, factors=DEMO_FACTORS, samples=command["samples"], seed=5
        )
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
    if name == "round":
        return _round()
    if name == "submit":
        return _submit(command["assignment"], command.get("hang", False))
    if name == "assignment":
        return _assignment(command["assignment"])
    if name == "ranked":
        # an analysis is stored as a draft version of the run (its intervals are not public yet)
        return RankInterval.objects.filter(analysis__run_id=command["run"], p_top__isnull=False).count()
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
