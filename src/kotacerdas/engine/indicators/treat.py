"""Outlier treatment, COINr's default exactly: winsorise, then a log transform as fallback.

An indicator fails when |skewness| ≥ ``skew`` AND kurtosis ≥ ``kurtosis`` (sample estimators of
e1071 type 2, as COINr). While it fails and fewer than ``winmax`` points have been winsorised, the
most extreme value(s) on the skewed side are set to the next value in. If it still fails, the
winsorisation is discarded and the original column is log-transformed instead (COINr's ``log_CT``:
log(x − min + 0.01·(max − min))). Every changed point is reported.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np

from kotacerdas.engine.kernels.extended import c_log, ext_mean, ext_sum
from kotacerdas.errors import MethodError

from .settings import TreatSpec
from .source import DataSource
from .table import Block

TREATED_POINT_COLUMNS = ("uCode", "iCode", "treatment", "before", "after")


def moments(x: np.ndarray) -> tuple[float, float]:
    """Sample skewness G1 and excess kurtosis G2 (e1071 type 2, as COINr); NaN for n < 3 / n < 4."""
    n = x.size
    if n < 3:
        return float("nan"), float("nan")
    d = x - float(ext_mean(x))
    d2 = d * d
    m2 = float(ext_sum(d2))
    if m2 == 0:
        return float("nan"), float("nan")
    skew = np.sqrt(n) * float(ext_sum(d2 * d)) / m2**1.5 * np.sqrt(n * (n - 1)) / (n - 2)
    if n < 4:
        return float(skew), float("nan")
    r = n * float(ext_sum(d2 * d2)) / (m2 * m2)
    kurt = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return float(skew), float(kurt)


def skewness(x: np.ndarray) -> float:
    """Sample skewness G1 (e1071 type 2), NaN with fewer than 3 values."""
    return moments(x)[0]


def kurtosis(x: np.ndarray) -> float:
    """Sample excess kurtosis G2 (e1071 type 2), NaN with fewer than 4 values."""
    return moments(x)[1]


def _verdict(sk: float, kt: float, spec: TreatSpec) -> bool | None:
    if np.isnan(sk) or np.isnan(kt):
        return None
    return bool(abs(sk) < spec.skew or kt < spec.kurtosis)


def passes(x: np.ndarray, spec: TreatSpec) -> bool | None:
    """True if the column needs no treatment, None if skew/kurtosis cannot be computed."""
    return _verdict(*moments(x), spec)


def winsorise(x: np.ndarray, spec: TreatSpec) -> tuple[np.ndarray, int]:
    """COINr's winsorisation loop on the non-missing values; returns the values and points changed."""
    v = x.copy()
    nwin = 0
    last_hi = last_lo = 0
    sk, kt = moments(v)
    while _verdict(sk, kt, spec) is False and nwin < spec.winmax:
        high = sk >= 0
        edge = v.max() if high else v.min()
        idx = np.flatnonzero(v == edge)
        if idx.size == v.size:
            break
        rest = np.delete(v, idx)
        v[idx] = rest.max() if high else rest.min()
        if high:
            last_hi = idx.size
        else:
            last_lo = idx.size
        nwin = last_hi + last_lo  # COINr counts the points moved at the latest step on each side
        sk, kt = moments(v)
    return v, nwin


def log_shifted(x: np.ndarray) -> np.ndarray:
    """COINr's ``log_CT``: log(x − min + 0.01·(max − min)), defined for any sign of the data."""
    lo, hi = x.min(), x.max()
    return c_log(x - lo + 0.01 * (hi - lo))


@dataclass(frozen=True)
class ColumnTreatment:
    """What happened to one indicator: statistics before/after and the treatment applied."""

    iCode: str
    skew_before: float
    kurtosis_before: float
    winsorised: int
    transformed: str
    skew_after: float
    kurtosis_after: float
    passed: bool | None


def treat_column(
    code: str, values: np.ndarray, spec: TreatSpec, source: DataSource, units: Sequence[Hashable]
) -> tuple[np.ndarray, np.ndarray, ColumnTreatment]:
    """Treat one column (NaN kept in place); returns values, a label per point and a summary."""
    mask = ~np.isnan(values)
    x = values[mask]
    before = moments(x)
    verdict = _verdict(*before, spec)
    result, nwin, transformed = x, 0, ""
    if spec.method == "winsorise" and verdict is None:
        warnings.warn(
            f"{code}: too few distinct values to compute skew/kurtosis, left untreated", stacklevel=4
        )
    elif spec.method == "winsorise" and verdict is False:
        result, nwin = winsorise(x, spec)
        if passes(result, spec) is False and spec.fallback != "none":
            present = [units[i] for i in np.flatnonzero(mask).tolist()]
            result, transformed = _fallback(code, x, spec.fallback, source, present), spec.fallback
        _refuse_collapse(code, x, result, nwin, source)
    out = values.copy()
    out[mask] = result
    pos = np.flatnonzero(mask)
    marks = np.full(values.size, "", dtype=object)
    if transformed:
        marks[pos] = transformed
    else:
        marks[pos[result < x]] = "winsorised_high"
        marks[pos[result > x]] = "winsorised_low"
    labels = marks
    after = moments(result)
    summary = ColumnTreatment(
        code, before[0], before[1], 0 if transformed else nwin, transformed, after[0], after[1],
        _verdict(*after, spec),
    )  # fmt: skip
    return out, labels, summary


def _refuse_collapse(code: str, x: np.ndarray, result: np.ndarray, nwin: int, source: DataSource) -> None:
    """Winsorisation that leaves every unit on one value has destroyed the indicator: say so.

    COINr carries on and the normalisation then yields NaN for every unit; an explicit error naming the
    indicator and the step is more useful than an index silently missing one of its inputs.
    """
    if result.size and np.all(result == result[0]) and not np.all(x == x[0]):
        raise MethodError(
            f"outlier treatment of {code!r} winsorised {nwin} point(s) and left every unit with the same "
            "value, so the indicator would carry no information",
            location=source.at(None, code),
            hint=f"treat {code!r} with method: none in overrides, or lower treat.winmax",
            code="treatment_collapses",
            params={"code": code, "count": nwin},
        )


def _fallback(
    code: str, x: np.ndarray, kind: str, source: DataSource, units: Sequence[Hashable]
) -> np.ndarray:
    if kind == "log":
        return log_shifted(x)
    bad = np.flatnonzero(x <= 0)
    if bad.size:
        raise MethodError(
            f"log transform of {code!r} needs positive values, found {x[bad[0]]:g}",
            location=source.at(units[bad[0]], code),
            hint="use fallback: log (shifted, COINr's log_CT) or treat this indicator with method: none",
            code="log_needs_positive",
            params={"code": code, "value": f"{x[bad[0]]:g}"},
        )
    return c_log(x)


@dataclass(frozen=True)
class TreatedPoints:
    """The log of treated points, column by column (``time``: each point's year, for panel data)."""

    unit: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    treatment: list[str] = field(default_factory=list)
    before: list[float] = field(default_factory=list)
    after: list[float] = field(default_factory=list)
    time: list[int] | None = None

    def __len__(self) -> int:
        return len(self.unit)

    def columns(self) -> dict[str, list[object]]:
        """Column name → values, in the order of the written table."""
        out: dict[str, list[object]] = {"uCode": list(self.unit), "iCode": list(self.code),
                                        "treatment": list(self.treatment), "before": list(self.before),
                                        "after": list(self.after)}  # fmt: skip
        if self.time is not None:
            out["Time"] = list(self.time)
        return out


def treat(
    frame: Block, specs: dict[str, TreatSpec], source: DataSource
) -> tuple[Block, TreatedPoints, list[ColumnTreatment]]:
    """Treat every column by its spec; return treated data, the treated-point log and per-column details."""
    out = frame.values.copy()
    keys = frame.units.keys
    points = TreatedPoints()
    details: list[ColumnTreatment] = []
    for at, code in enumerate(frame.codes):
        spec = specs[code]
        if spec.method == "none":
            continue
        before = frame.values[:, at].copy()
        after, labels, summary = treat_column(code, before, spec, source, keys)
        out[:, at] = after
        details.append(summary)
        idx = np.flatnonzero(labels != "").tolist()
        points.unit.extend(frame.units.codes[i] for i in idx)
        points.code.extend([code] * len(idx))
        points.treatment.extend(labels[idx].tolist())
        points.before.extend(before[idx].tolist())
        points.after.extend(after[idx].tolist())
    return frame.replace(out), points, details
