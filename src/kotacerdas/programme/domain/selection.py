"""Selecting a cohort with the selection engine from an index run's scores and a SELECTION.yaml mapping.

The mapping follows the ``SELECTION.yaml`` contract of ``docs/selection.md``; ``phases`` may be left out
(the cohort is one phase: its year and target size). Candidates are the run's scored regions with their
registry attributes (``name, province_code, province, island_group, type``). The decisions (status,
reason, threshold, selection probability) are stored on the cohort and the selected regions are
enrolled as ``selected`` with the engine's reason.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from django.db import transaction

from kotacerdas.accounts.domain.audit import record
from kotacerdas.engine.selection import Candidates, SelectionProblem, SelectionResult, select
from kotacerdas.errors import ConfigError, InputError, KotaCerdasError, Location, StateError
from kotacerdas.io.selection_config import SelectionConfig, build_problem, load_selection_config
from kotacerdas.jobs.domain.runner import enqueue
from kotacerdas.jobs.models import Job
from kotacerdas.programme.domain.participation import enrol, transition
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Cohort, Participation
from kotacerdas.regions.models import IndexRun, Region

Progress = Callable[[float, str], None]
ATTRIBUTES = ("name", "province_code", "province", "island_group", "type")
#: earlier participations that do not make a region an alumnus (it may be selected again)
NOT_ALUMNI = (State.WITHDRAWN, State.CANCELLED, State.SUBSTITUTED, State.NOT_SELECTED)
CONFIG_NAME = "SELECTION.yaml"


def parse_config(cohort: Cohort, mapping: Mapping[str, Any]) -> SelectionConfig:
    """Validate a SELECTION.yaml mapping for ``cohort`` (one phase: its year and target size by default)."""
    if not isinstance(mapping, Mapping):
        raise ConfigError("the selection configuration must be a mapping", location=Location(CONFIG_NAME))
    data = dict(mapping)
    if data.get("units", "regions") != "regions":
        raise ConfigError(
            "key 'units': a cohort selects kabupaten/kota",
            location=Location(CONFIG_NAME),
            hint="leave units out",
        )
    data.setdefault("score", "score")
    data.setdefault("phases", [{"name": str(cohort.year), "size": cohort.target_size}])
    if not isinstance(data["phases"], list) or len(data["phases"]) != 1:
        raise ConfigError(
            "key 'phases': a cohort is one phase", location=Location(CONFIG_NAME), hint="leave phases out"
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / CONFIG_NAME
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        try:
            return load_selection_config(path)
        except KotaCerdasError as exc:  # name the contract, not the temporary file
            where = Location(CONFIG_NAME, exc.location.row, exc.location.column)
            raise type(exc)(exc.message, location=where, hint=exc.hint, code=exc.code) from None


def run_candidates(run: IndexRun, score_name: str) -> Candidates:
    """The run's scored regions, with their registry attributes, in code order."""
    rows = list(
        run.scores.select_related("region")
        .order_by("region__code")
        .values_list("region__code", "score", *(f"region__{a}" for a in ATTRIBUTES))
    )
    if not rows:
        raise InputError(f"index run {run.name!r} has no scores")
    attributes = {a: tuple(str(r[2 + i]) for r in rows) for i, a in enumerate(ATTRIBUTES)}
    return Candidates(
        tuple(r[0] for r in rows), np.asarray([r[1] for r in rows], dtype=np.float64), attributes, score_name
    )


def alumni(cohort: Cohort) -> dict[str, str]:
    """Regions already in another cohort of the programme (not withdrawn, cancelled, substituted, …)."""
    earlier = (
        Participation.objects.filter(cohort__programme=cohort.programme)
        .exclude(cohort=cohort)
        .exclude(state__in=NOT_ALUMNI)
        .select_related("cohort", "region")
        .order_by("cohort__year")
    )
    return {p.region.code: f"already in an earlier cohort ({p.cohort.name})" for p in earlier}


def build_cohort_problem(
    *, cohort: Cohort, run: IndexRun, config: Mapping[str, Any], exclude_alumni: bool = False
) -> tuple[SelectionConfig, SelectionProblem]:
    """The engine problem of a cohort's selection (nothing is stored)."""
    parsed = parse_config(cohort, config)
    candidates = run_candidates(run, parsed.score)
    problem = build_problem(parsed, candidates)
    if exclude_alumni:
        codes = set(candidates.codes)
        extra = {c: r for c, r in alumni(cohort).items() if c in codes}
        problem = replace(problem, excluded={**extra, **problem.excluded})
    return parsed, problem


def check_selectable(cohort: Cohort) -> None:
    """Raise :class:`StateError` with the reason if ``cohort`` may not be selected (now)."""
    if cohort.historical:
        raise StateError(f"{cohort.name} was recorded from public facts; it is not selected here")
    progressed = cohort.participations.exclude(state=State.INVITED).select_related("region")
    if progressed.exists():
        first = progressed.first()
        assert first is not None
        raise StateError(
            f"{cohort.name} already has {progressed.count()} participations beyond invited "
            f"(e.g. {first.region.name}: {first.state}); a selection would overwrite them",
            hint="run the selection on a cohort whose regions are at most invited",
        )


def decision_rows(result: SelectionResult, names: Mapping[str, str]) -> list[dict[str, Any]]:
    """One JSON-ready row per candidate: the engine's decision and the region's name."""
    rows = [{**asdict(d), "name": names.get(d.code, d.code)} for d in result.decisions]
    return json.loads(json.dumps(rows, default=float))  # type: ignore[no-any-return]


def _record_decisions(
    *, actor: Any, cohort: Cohort, result: SelectionResult, regions: Mapping[str, Region]
) -> None:
    current = {p.region.code: p for p in cohort.participations.select_related("region", "cohort")}
    for d in result.decisions:
        p = current.get(d.code)
        if p is not None:
            transition(actor=actor, participation=p, to=State.ASSESSED, reason="selection run")
            target = State.SELECTED if d.selected else State.NOT_SELECTED
            transition(actor=actor, participation=p, to=target, reason=d.reason[:300])
        elif d.selected:
            previous = (
                Participation.objects.filter(region__code=d.code, state__in=NOT_ALUMNI)
                .exclude(state=State.NOT_SELECTED)
                .order_by("-cohort__year")
                .first()
            )
            enrol(
                actor=actor,
                cohort=cohort,
                region=regions[d.code],
                state=State.SELECTED,
                previous=previous,
                reason=d.reason[:300],
            )


def run_selection(
    *,
    actor: Any,
    cohort: Cohort,
    run: IndexRun,
    config: Mapping[str, Any],
    exclude_alumni: bool = False,
    thresholds: bool = True,
    progress: Progress | None = None,
) -> SelectionResult:
    """Select ``cohort`` from ``run``'s scores under ``config``; store the decisions and enrol the selected.

    ``thresholds`` computes each left-out region's "what it would take" (the slow part: one re-solve
    per region, seconds for 514 regions).

    Refused (:class:`StateError`) on a historical cohort or one with participations beyond ``invited``.
    Invited regions move to ``assessed`` and then ``selected`` or ``not_selected``; other selected regions
    are enrolled as ``selected`` (pointing to an earlier withdrawn/cancelled/substituted participation).
    """
    report = progress or (lambda _f, _m: None)
    check_selectable(cohort)
    parsed, problem = build_cohort_problem(
        cohort=cohort, run=run, config=config, exclude_alumni=exclude_alumni
    )
    report(0.2, "solving")
    marginal = parsed.uncertainty.marginal if parsed.uncertainty else (0.1, 0.9)

    def stage(name: str, done: int, total: int) -> None:
        report(0.2 + 0.6 * done / max(total, 1), f"{name}: {done} of {total}")

    result = select(problem, thresholds=thresholds, marginal=marginal, progress=stage)
    report(0.9, "storing the decisions")
    return store_selection(
        actor=actor, cohort=cohort, run=run, config=config, result=result, exclude_alumni=exclude_alumni
    )


@transaction.atomic
def store_selection(
    *,
    actor: Any,
    cohort: Cohort,
    run: IndexRun,
    config: Mapping[str, Any],
    result: SelectionResult,
    exclude_alumni: bool = False,
) -> SelectionResult:
    """Write the decisions on the cohort and enrol the selected regions (all or nothing)."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    check_selectable(cohort)
    regions = {s.region.code: s.region for s in run.scores.select_related("region")}
    cohort.selection_run = run
    cohort.selection = {
        "settings": {**dict(config), "exclude_alumni": exclude_alumni},
        "index_run": run.pk,
        "method": result.method,
        "solver": result.solver,
        "version": result.version,
        "objective": result.objective,
        "cutoff": result.cutoff,
        "provenance": json.loads(json.dumps(result.provenance(), default=str)),
        "decisions": decision_rows(result, {c: r.name for c, r in regions.items()}),
    }
    cohort.save(update_fields=["selection_run", "selection"])
    _record_decisions(actor=actor, cohort=cohort, result=result, regions=regions)
    record(
        actor=actor,
        action="cohort.select",
        target=cohort,
        summary=f"{cohort.name}: {len(result.selected)} selected from {run.name}",
        data={"index_run": run.pk, "selected": sorted(result.selected)},
    )
    return result


def queue_selection(
    *,
    actor: Any,
    cohort: Cohort,
    run: IndexRun,
    config: dict[str, Any],
    exclude_alumni: bool = False,
    thresholds: bool = True,
) -> Job:
    """Check the cohort can be selected, then queue :func:`kotacerdas.programme.tasks.selection`.

    The UI and the API both call this.
    """
    check_selectable(cohort)
    from kotacerdas.programme import tasks  # local import: tasks.py wraps this module's services

    return enqueue(
        actor=actor,
        function=tasks.selection,
        arguments={
            "actor_id": getattr(actor, "pk", None),
            "cohort_id": cohort.pk,
            "run_id": run.pk,
            "config": config,
            "exclude_alumni": exclude_alumni,
            "thresholds": thresholds,
        },
    )
