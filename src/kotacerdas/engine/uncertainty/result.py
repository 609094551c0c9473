"""The result of an uncertainty analysis: per-unit rank statistics, failures, Sobol indices, provenance."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .sensitivity import SensitivityTable

FloatArray = NDArray[np.float64]

RANK_COLUMNS: tuple[str, ...] = (
    "uCode",
    "nominal_rank",
    "median_rank",
    "q05",
    "q95",
    "p_top",
    "mean_abs_shift",
    "nominal_score",
    "ranked_samples",
)


@dataclass(frozen=True)
class ScoreChunk:
    """The index scores of one chunk's successful random samples, handed to a score sink in sample order.

    ``index`` holds the positions of the samples in the draw matrix (0-based, increasing; failed samples
    and, with Sobol sensitivity, the design's mixed rows are left out); ``scores`` is samples × units,
    aligned with ``UncertaintyResult.units``.
    """

    index: NDArray[np.int64]
    scores: FloatArray


ScoreSink = Callable[[ScoreChunk], None]


@dataclass(frozen=True)
class UncertaintyResult:
    """Per-unit rank distribution under the uncertain factors, plus how it was obtained.

    Arrays are aligned with ``units``. ``failures`` maps each failure reason to the indices of the
    samples that failed with it; those samples take no part in the statistics and are counted here.
    """

    units: tuple[str, ...]
    nominal_score: FloatArray
    nominal_rank: NDArray[np.int32]
    median_rank: FloatArray
    q05: FloatArray
    q95: FloatArray
    p_top: FloatArray
    mean_abs_shift: FloatArray
    ranked_samples: NDArray[np.int64]
    top: int
    samples: int
    failures: Mapping[str, NDArray[np.int64]]
    sample_shift: FloatArray
    sensitivity: SensitivityTable | None = None
    sensitivity_note: str | None = None
    method: Mapping[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        """Number of failed samples."""
        return int(sum(len(v) for v in self.failures.values()))

    def rank_rows(self) -> list[dict[str, Any]]:
        """One dict per unit with the ``ranks.csv`` columns (:data:`RANK_COLUMNS`), by nominal rank."""
        order = np.lexsort((np.arange(len(self.units)), self.nominal_rank))
        return [
            {
                "uCode": self.units[i],
                "nominal_rank": int(self.nominal_rank[i]),
                "median_rank": float(self.median_rank[i]),
                "q05": float(self.q05[i]),
                "q95": float(self.q95[i]),
                "p_top": float(self.p_top[i]),
                "mean_abs_shift": float(self.mean_abs_shift[i]),
                "nominal_score": float(self.nominal_score[i]),
                "ranked_samples": int(self.ranked_samples[i]),
            }
            for i in order
        ]

    def sensitivity_rows(self) -> list[dict[str, Any]]:
        """One dict per factor: ``factor, first_order, total_order`` and the confidence bounds."""
        table = self.sensitivity
        if table is None:
            return []
        return [
            {
                "factor": name,
                "first_order": float(table.first_order[j]),
                "total_order": float(table.total_order[j]),
                "first_order_low": float(table.first_order[j] - table.first_order_conf[j]),
                "first_order_high": float(table.first_order[j] + table.first_order_conf[j]),
                "total_order_low": float(table.total_order[j] - table.total_order_conf[j]),
                "total_order_high": float(table.total_order[j] + table.total_order_conf[j]),
            }
            for j, name in enumerate(table.factors)
        ]

    def summary(self) -> dict[str, Any]:
        """A JSON-ready summary: sample counts, failures by reason, method and parameters."""
        return {
            "samples": self.samples,
            "failed": self.failed,
            "failures": {reason: len(idx) for reason, idx in self.failures.items()},
            "top": self.top,
            "sensitivity_note": self.sensitivity_note,
            "method": dict(self.method),
        }
