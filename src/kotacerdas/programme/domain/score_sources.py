"""Where a cohort's selection takes its scores from: a published screening run, a published
interview round (built in :mod:`kotacerdas.assessment.domain.funnel`), or several combined with weights.

A source is plain data: a score per region code, optionally score draws (draws × regions) from the
uncertainty analysis, a label for people and a reference for the stored record. Combining rescales each
source to 0–100 over the regions every source scores (min–max), then takes the weighted mean, so a
0–5 interview score and a 1–100 index weigh what their weights say.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from kotacerdas.errors import InputError, StateError
from kotacerdas.regions.domain.uncertainty_runs import unpack_draws
from kotacerdas.regions.models import IndexRun


@dataclass(frozen=True)
class ScoreSource:
    """Scores by region code; ``draws`` aligned with ``draw_codes`` when the source has uncertainty."""

    label: str
    scores: Mapping[str, float]
    reference: Mapping[str, Any] = field(default_factory=dict)
    draw_codes: tuple[str, ...] = ()
    draws: np.ndarray | None = None
    note: str = ""

    def samples_for(self, codes: Sequence[str]) -> np.ndarray | None:
        """Draws × ``codes`` (``None`` when the source has no draws or misses one of ``codes``)."""
        if self.draws is None:
            return None
        where = {c: i for i, c in enumerate(self.draw_codes)}
        if any(c not in where for c in codes):
            return None
        return self.draws[:, [where[c] for c in codes]]


def index_run_source(run: IndexRun, *, require_published: bool = True) -> ScoreSource:
    """The scores of a screening run, with the draws kept by its published uncertainty analysis."""
    if require_published and not run.published:
        raise StateError(
            _("hasil indeks %(run)r masih draf") % {"run": run.name},
            hint=_("umumkan hasil indeks sebelum memilih darinya"),
            code="run_not_published",
        )
    scores = dict(run.scores.values_list("region__code", "score"))
    if not scores:
        raise InputError(_("hasil indeks %(run)r tidak memiliki skor") % {"run": run.name}, code="no_scores")
    analysis = run.analyses.filter(published=True).first()
    kept = unpack_draws(analysis.draws) if analysis is not None else None
    note = "" if kept else "no_draws"
    return ScoreSource(
        label=run.name,
        scores=scores,
        reference={"kind": "index_run", "id": run.pk, "analysis": getattr(analysis, "pk", None)},
        draw_codes=kept[0] if kept else (),
        draws=kept[1] if kept else None,
        note=note,
    )


def _rescale(values: np.ndarray, low: float, high: float) -> np.ndarray:
    span = high - low
    return np.full_like(values, 50.0) if span <= 0 else 100.0 * (values - low) / span


def combine(parts: Sequence[tuple[ScoreSource, float]]) -> ScoreSource:
    """The weighted mean of min–max rescaled sources over the regions all of them score.

    Draws: a source with draws contributes its (equally rescaled) draws, one without contributes its
    point score in every draw; with no draws anywhere the combination has none.
    """
    if any(not math.isfinite(float(w)) for _s, w in parts):
        raise InputError(_("bobot harus berupa bilangan terhingga"), code="not_finite")
    parts = [(s, float(w)) for s, w in parts if w]
    if not parts:
        raise InputError(_("beri bobot positif pada paling sedikit satu sumber skor"), code="weight_required")
    if any(w < 0 for _s, w in parts):
        raise InputError(_("bobot tidak boleh negatif"), code="negative_weight")
    if len(parts) == 1:
        return parts[0][0]
    codes = sorted(set.intersection(*(set(s.scores) for s, _w in parts)))
    if not codes:
        raise InputError(_("sumber-sumber skor tidak memiliki daerah yang sama"), code="no_common_regions")
    total = sum(w for _s, w in parts)
    point = np.zeros(len(codes))
    with_draws = [s.samples_for(codes) for s, _w in parts]
    n = min((len(d) for d in with_draws if d is not None), default=0)
    draws = np.zeros((n, len(codes))) if n else None
    for (source, weight), own in zip(parts, with_draws, strict=True):
        values = np.asarray([source.scores[c] for c in codes], dtype=np.float64)
        low, high = float(values.min()), float(values.max())
        point += weight / total * _rescale(values, low, high)
        if draws is not None:
            rows = own[:n] if own is not None else np.broadcast_to(values, (n, len(codes)))
            draws += weight / total * _rescale(rows, low, high)
    label = " + ".join(f"{w / total:.0%} {s.label}" for s, w in parts)
    return ScoreSource(
        label=label,
        scores=dict(zip(codes, (float(v) for v in point), strict=True)),
        reference={"kind": "combined", "parts": [{**s.reference, "weight": w} for s, w in parts]},
        draw_codes=tuple(codes) if draws is not None else (),
        draws=draws,
        note="" if draws is not None else "no_draws",
    )
