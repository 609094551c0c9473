"""Inter-rater agreement: Krippendorff's alpha and the six Shrout–Fleiss intraclass correlations.

Ratings come as a units × raters matrix with ``NaN`` for a missing rating.

References
----------
* Krippendorff, K. (2011). *Computing Krippendorff's Alpha-Reliability*. Annenberg School for
  Communication, University of Pennsylvania (coincidence matrix, difference functions δ² for nominal,
  ordinal, interval and ratio data, and the 4 observers × 12 units worked example with missing data).
* Shrout, P. E. & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater reliability.
  *Psychological Bulletin* 86(2), 420–428 (Table 1 formulas, Table 2 worked example).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from kotacerdas import __version__
from kotacerdas.errors import MethodError

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[Level, ...] = ("nominal", "ordinal", "interval", "ratio")


@dataclass(frozen=True)
class AlphaResult:
    """Krippendorff's alpha with what it was computed from."""

    alpha: float
    level: Level
    observed_disagreement: float
    expected_disagreement: float
    pairable_values: int
    units_used: int
    method: str = "Krippendorff (2011) coincidence-matrix alpha"
    version: str = __version__


@dataclass(frozen=True)
class ICCResult:
    """The six Shrout–Fleiss ICC forms and the ANOVA mean squares behind them."""

    icc1: float
    icc2: float
    icc3: float
    icc1k: float
    icc2k: float
    icc3k: float
    targets: int
    judges: int
    dropped_targets: int
    bms: float
    wms: float
    jms: float
    ems: float
    method: str = "Shrout & Fleiss (1979) ICC(1,1) ICC(2,1) ICC(3,1) ICC(1,k) ICC(2,k) ICC(3,k)"
    version: str = __version__

    @property
    def undefined(self) -> tuple[str, ...]:
        """Forms that are ``NaN`` because their denominator is zero (e.g. every target rated alike)."""
        return tuple(name for name, value in self.as_dict().items() if np.isnan(value))

    def as_dict(self) -> dict[str, float]:
        """The forms keyed ICC1 … ICC3k, the names the CLI prints."""
        return {
            "ICC1": self.icc1,
            "ICC2": self.icc2,
            "ICC3": self.icc3,
            "ICC1k": self.icc1k,
            "ICC2k": self.icc2k,
            "ICC3k": self.icc3k,
        }


def _as_matrix(ratings: ArrayLike) -> NDArray[np.float64]:
    matrix = np.asarray(ratings, dtype=np.float64)
    if matrix.ndim != 2:
        raise MethodError(
            f"ratings must be a units × raters matrix, got {matrix.ndim} dimension(s)",
            code="ratings_not_a_matrix",
            params={"dims": matrix.ndim},
        )
    return matrix


def _delta(values: NDArray[np.float64], counts: NDArray[np.float64], level: Level) -> NDArray[np.float64]:
    """Squared difference δ²(c, k) between every pair of distinct values (Krippendorff 2011, §C)."""
    c = values[:, None]
    k = values[None, :]
    if level == "nominal":
        return np.asarray(c != k, dtype=np.float64)
    if level == "interval":
        return np.asarray((c - k) ** 2, dtype=np.float64)
    if level == "ratio":
        total = c + k
        with np.errstate(invalid="ignore", divide="ignore"):
            out = np.where(total == 0, 0.0, ((c - k) / np.where(total == 0, 1.0, total)) ** 2)
        return np.asarray(out, dtype=np.float64)
    # ordinal: (sum of n_g for g between c and k, minus half of n_c and n_k) squared
    cumulative = np.concatenate(([0.0], np.cumsum(counts)))
    idx = np.arange(len(values))
    lo = np.minimum(idx[:, None], idx[None, :])
    hi = np.maximum(idx[:, None], idx[None, :])
    between = cumulative[hi + 1] - cumulative[lo]
    return np.asarray((between - (counts[lo] + counts[hi]) / 2.0) ** 2, dtype=np.float64)


def krippendorff_alpha(ratings: ArrayLike, level: Level = "interval") -> AlphaResult:
    """Krippendorff's alpha for a units × raters matrix with ``NaN`` as missing.

    Units with fewer than two ratings are not pairable and are left out, as in Krippendorff (2011).
    Alpha = 1 − D_o / D_e from the coincidence matrix; 1 is perfect agreement, 0 chance level.
    """
    if level not in LEVELS:
        raise MethodError(
            f"unknown level of measurement {level!r}",
            hint=f"use one of {', '.join(LEVELS)}",
            code="unknown_alpha_level",
            params={"level": level, "choices": ", ".join(LEVELS)},
        )
    matrix = _as_matrix(ratings)
    present = ~np.isnan(matrix)
    m_u = present.sum(axis=1)
    pairable = m_u >= 2
    matrix, present, m_u = matrix[pairable], present[pairable], m_u[pairable]
    if matrix.size == 0 or not present.any():
        raise MethodError(
            "no unit has two or more ratings, so agreement cannot be computed", code="alpha_no_pairable_units"
        )
    values = np.unique(matrix[present])
    if level == "ratio" and values.min() < 0:
        raise MethodError(
            "ratio-level alpha needs non-negative values",
            hint="use --level interval",
            code="ratio_alpha_negative",
        )
    # per unit, how many times each value occurs: units × values
    code = np.searchsorted(values, np.where(present, matrix, values[0]))
    counts_uv = np.zeros((matrix.shape[0], len(values)))
    rows = np.repeat(np.arange(matrix.shape[0]), matrix.shape[1]).reshape(matrix.shape)
    np.add.at(counts_uv, (rows[present], code[present]), 1.0)
    # coincidences o_ck = Σ_u n_uc n_uk / (m_u − 1), minus self-pairs on the diagonal
    weights = 1.0 / (m_u - 1.0)
    coincidence = (counts_uv * weights[:, None]).T @ counts_uv
    coincidence -= np.diag((counts_uv * weights[:, None]).sum(axis=0))
    n_c = coincidence.sum(axis=1)
    n = float(n_c.sum())
    delta = _delta(values, n_c, level)
    observed = float((coincidence * delta).sum()) / n
    expected = float((np.outer(n_c, n_c) * delta).sum()) / (n * (n - 1.0))
    if expected == 0.0:
        raise MethodError(
            "all pairable ratings are identical, so expected disagreement is zero", code="alpha_no_variation"
        )
    return AlphaResult(
        alpha=1.0 - observed / expected,
        level=level,
        observed_disagreement=observed,
        expected_disagreement=expected,
        pairable_values=int(n),
        units_used=int(matrix.shape[0]),
    )


def shrout_fleiss_icc(ratings: ArrayLike) -> ICCResult:
    """The six Shrout–Fleiss (1979) ICC forms from a targets × judges matrix.

    The ANOVA needs complete rows: targets with a missing rating are dropped and counted in
    ``dropped_targets``. Needs at least two targets and two judges. A form whose denominator is zero
    (e.g. all targets rated alike, so there is no between-target variance) is undefined: ``NaN``.
    """
    matrix = _as_matrix(ratings)
    complete = ~np.isnan(matrix).any(axis=1)
    data = matrix[complete]
    n, k = data.shape
    if n < 2 or k < 2:
        raise MethodError(
            f"ICC needs at least 2 complete targets and 2 judges, got {n} × {k}",
            hint="targets with any missing rating are dropped",
            code="icc_too_few",
            params={"targets": n, "judges": k},
        )
    grand = data.mean()
    ss_total = float(((data - grand) ** 2).sum())
    ss_between = float(k * ((data.mean(axis=1) - grand) ** 2).sum())
    ss_judges = float(n * ((data.mean(axis=0) - grand) ** 2).sum())
    ss_within = ss_total - ss_between
    ss_error = ss_within - ss_judges
    bms = ss_between / (n - 1)
    wms = ss_within / (n * (k - 1))
    jms = ss_judges / (k - 1)
    ems = ss_error / ((n - 1) * (k - 1))
    # A denominator that is zero up to rounding (no variance between targets, or none at all) leaves the
    # form undefined: NaN, listed in ``ICCResult.undefined``, never a division error or a huge ratio.
    scale = float((data**2).mean()) * 1e-12

    def ratio(numerator: float, denominator: float) -> float:
        return numerator / denominator if abs(denominator) > scale else float("nan")

    return ICCResult(
        icc1=ratio(bms - wms, bms + (k - 1) * wms),
        icc2=ratio(bms - ems, bms + (k - 1) * ems + k * (jms - ems) / n),
        icc3=ratio(bms - ems, bms + (k - 1) * ems),
        icc1k=ratio(bms - wms, bms),
        icc2k=ratio(bms - ems, bms + (jms - ems) / n),
        icc3k=ratio(bms - ems, bms),
        targets=n,
        judges=k,
        dropped_targets=int((~complete).sum()),
        bms=bms,
        wms=wms,
        jms=jms,
        ems=ems,
    )
