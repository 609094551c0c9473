"""Uncertainty analysis of a stored index run: each run stores a new draft version of the analysis.

Per region the version holds the median rank, the 5–95 % interval and p_top; publishing it
(:mod:`kotacerdas.regions.domain.publication`) shows it on the public ranking. A published version is
never overwritten.

The index is rebuilt by the indicator engine from the run's stored dataset, iMeta and settings (so the
nominal ranks are the run's own), then :func:`kotacerdas.engine.uncertainty.run_uncertainty` varies the
factors of ``docs/uncertainty.md``. The same seed gives the same stored numbers.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.actors import is_system, stored_user
from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import Wordable, wording
from kotacerdas.engine.uncertainty import ScoreChunk, UncertaintyResult, parse_factors, run_uncertainty
from kotacerdas.engine.uncertainty.adapter import from_index_result
from kotacerdas.errors import InputError, PermissionDeniedError, StateError
from kotacerdas.jobs.domain.runner import enqueue
from kotacerdas.jobs.models import Job
from kotacerdas.regions import rules
from kotacerdas.regions.domain.index_build import build_result, meta_frame
from kotacerdas.regions.models import IndexRun, IndexScore, RankInterval, UncertaintyAnalysis

Progress = Callable[[float, Wordable], None]
#: index-score draws kept per analysis for selection probabilities (the first successful samples)
KEPT_DRAWS = 256


class DrawKeeper:
    """A score sink that keeps the first :data:`KEPT_DRAWS` successful samples' index scores."""

    def __init__(self, limit: int = KEPT_DRAWS) -> None:
        self.limit = limit
        self.parts: list[np.ndarray] = []
        self.kept = 0

    def __call__(self, chunk: ScoreChunk) -> None:
        if self.kept < self.limit:
            part = np.asarray(chunk.scores[: self.limit - self.kept], dtype=np.float32)
            self.parts.append(part)
            self.kept += len(part)

    def pack(self, units: tuple[str, ...]) -> bytes | None:
        """The kept draws with their region codes as npz bytes (``None`` when no sample succeeded)."""
        if not self.kept:
            return None
        out = io.BytesIO()
        np.savez_compressed(out, codes=np.asarray(units, dtype=str), draws=np.concatenate(self.parts))
        return out.getvalue()


def unpack_draws(blob: bytes | memoryview | None) -> tuple[tuple[str, ...], np.ndarray] | None:
    """(codes, draws × regions) stored by :class:`DrawKeeper`, or ``None`` when the analysis kept none."""
    if not blob:
        return None
    with np.load(io.BytesIO(bytes(blob)), allow_pickle=False) as data:
        return tuple(str(c) for c in data["codes"]), np.asarray(data["draws"], dtype=np.float64)


def _json_ready(value: Any) -> Any:
    """Plain JSON data (tuples → lists, non-string keys → strings), as stored in a JSONField."""
    return json.loads(json.dumps(value, default=str))


def _number(value: Any) -> float | None:
    """A finite float, or None (NaN when every sample failed)."""
    return float(value) if value is not None and math.isfinite(value) else None


def _check(run: IndexRun, factors: object, samples: int, top: int) -> None:
    if run.dataset_id is None or not run.meta:
        raise StateError(
            _("hasil indeks %(name)r tidak dapat dibangun ulang: tidak ada set data dan iMeta yang tersimpan")
            % {"name": run.name},
            hint=_("bangun hasil itu dari set data yang tersimpan lebih dulu"),
            code="not_rebuildable",
        )
    if not isinstance(factors, Mapping) or not factors:
        raise InputError(
            _("faktor harus berupa pemetaan yang tidak kosong"),
            hint=_("mis. {weights: {noise: 0.25}}"),
            code="factors_required",
        )
    if samples < 1 or top < 1:
        raise InputError(
            _("sampel (%(samples)s) dan top (%(top)s) harus sedikitnya 1") % {"samples": samples, "top": top},
            code="at_least_one",
        )


def analyse_index_run(
    *,
    run: IndexRun,
    factors: Mapping[str, Any],
    samples: int,
    seed: int,
    top: int = 10,
    progress: Progress | None = None,
    keeper: DrawKeeper | None = None,
) -> UncertaintyResult:
    """The engine's uncertainty result for a stored run (nothing is stored; ``keeper`` keeps draws)."""
    _check(run, factors, samples, top)
    report = progress or (lambda _f, _m: None)
    report(0.05, wording(gettext_lazy("membangun ulang indeks")))
    assert run.dataset is not None  # checked above
    problem = from_index_result(build_result(run.dataset, meta_frame(run.meta), run.config, run.year))
    parsed = parse_factors(dict(factors), problem)

    def chunk_done(done: int, total: int) -> None:
        report(
            0.1 + 0.8 * done / max(total, 1),
            wording(gettext_lazy("%(done)s dari %(total)s sampel"), done=done, total=total),
        )

    return run_uncertainty(
        problem, parsed, samples=samples, rng=seed, top=top, progress=chunk_done, score_sink=keeper
    )


@transaction.atomic
def store_uncertainty(
    *,
    actor: Any,
    run: IndexRun,
    result: UncertaintyResult,
    factors: Mapping[str, Any],
    draws: bytes | None = None,
) -> UncertaintyAnalysis:
    """Store the result as the run's next analysis version, a draft (published ones never change).

    Per region: median rank, 5–95 % interval and p_top; for the run: failures and the method record.
    """
    rows = {row["uCode"]: row for row in result.rank_rows()}
    locked = IndexRun.objects.select_for_update().get(pk=run.pk)
    regions = dict(IndexScore.objects.filter(run=locked).values_list("region__code", "region_id"))
    missing = sorted(code for code in regions if code not in rows)
    if missing:
        raise StateError(
            _("hasil ketidakpastian tidak memiliki peringkat untuk %(codes)s")
            % {"codes": ", ".join(missing[:5])},
            code="ranks_missing",
        )
    summary = result.summary()
    latest = locked.analyses.aggregate(v=Max("version"))["v"] or 0
    analysis = UncertaintyAnalysis.objects.create(
        run=locked,
        version=latest + 1,
        record=_json_ready(
            {
                "factors": dict(factors),
                "samples": result.samples,
                "seed": summary["method"].get("seed"),
                "top": result.top,
                "failed": summary["failed"],
                "failures": summary["failures"],
                "method": summary["method"],
            }
        ),
        draws=draws,
        created_by=stored_user(actor),
    )
    RankInterval.objects.bulk_create(
        (
            RankInterval(
                analysis=analysis,
                region_id=region_id,
                median_rank=_number(rows[code]["median_rank"]),
                rank_q05=_number(rows[code]["q05"]),
                rank_q95=_number(rows[code]["q95"]),
                p_top=_number(rows[code]["p_top"]),
            )
            for code, region_id in regions.items()
        ),
        batch_size=500,
    )
    record(
        actor=actor,
        action="index_run.uncertainty",
        target=analysis,
        summary=wording(
            gettext_lazy(
                "%(run)s v%(version)s: %(samples)s sampel, %(failed)s gagal, %(top)s teratas (draf)"
            ),
            run=run.name,
            version=str(analysis.version),
            samples=result.samples,
            failed=result.failed,
            top=result.top,
        ),
        data={"factors": analysis.record["factors"], "seed": analysis.record["seed"]},
    )
    return analysis


def run_uncertainty_analysis(
    *,
    actor: Any,
    run: IndexRun,
    factors: Mapping[str, Any],
    samples: int,
    seed: int,
    top: int = 10,
    progress: Progress | None = None,
) -> UncertaintyAnalysis:
    """Analyse ``run`` under ``factors`` (``docs/uncertainty.md``); store a new draft analysis version."""
    keeper = DrawKeeper()
    result = analyse_index_run(
        run=run, factors=factors, samples=samples, seed=seed, top=top, progress=progress, keeper=keeper
    )
    (progress or (lambda _f, _m: None))(0.95, wording(gettext_lazy("menyimpan interval peringkat")))
    return store_uncertainty(
        actor=actor, run=run, result=result, factors=factors, draws=keeper.pack(result.units)
    )


def queue_uncertainty(
    *, actor: Any, run: IndexRun, factors: dict[str, Any], samples: int, seed: int, top: int = 10
) -> Job:
    """Queue :func:`kotacerdas.regions.tasks.uncertainty` for ``run`` (the UI and API call this)."""
    if not (is_system(actor) or rules.can_manage_index_runs(actor)):
        raise PermissionDeniedError(
            _("hanya sekretariat yang boleh menjalankan analisis ketidakpastian"), code="secretariat_only"
        )
    from kotacerdas.regions import tasks  # local import: tasks.py wraps this module's services

    return enqueue(
        actor=actor,
        function=tasks.uncertainty,
        arguments={
            "actor_id": getattr(actor, "pk", None),
            "run_id": run.pk,
            "factors": factors,
            "samples": samples,
            "seed": seed,
            "top": top,
        },
    )
