"""The selection problem as typed, immutable data: candidates, rules, quotas, phases, objective.

Nothing here solves or validates; :mod:`.validation` checks a problem and :func:`.solve.select` solves it.
A problem is pure data so the CLI, the web platform and a notebook can all build one the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import NDArray

Objective = Literal["max_score", "maxmin_island_group", "expected_score", "max_probability"]
OBJECTIVES: tuple[str, ...] = ("max_score", "maxmin_island_group", "expected_score", "max_probability")

FloatArray = NDArray[np.float64]
Value = str | float


@dataclass(frozen=True)
class Candidates:
    """Regions that may be chosen: a code, a score and named attribute columns (one value per region).

    ``attributes`` holds any column, e.g. ``province``, ``island_group``, ``type``, ``fiscal_class``.
    Text columns hold ``str``; numeric columns hold ``float`` (``nan`` = missing).
    """

    codes: tuple[str, ...]
    scores: FloatArray
    attributes: Mapping[str, tuple[Value, ...]] = field(default_factory=dict)
    score_name: str = "score"

    def __len__(self) -> int:
        return len(self.codes)

    def column(self, name: str) -> tuple[Value, ...]:
        """Values of an attribute column, or the scores when ``name`` is the score column."""
        if name == self.score_name:
            return tuple(float(s) for s in self.scores)
        return self.attributes[name]


@dataclass(frozen=True)
class EligibilityRule:
    """A region is eligible only if ``column`` lies within [min, max] (ordinal via ``order``) or in ``allowed``."""

    column: str
    min: Value | None = None
    max: Value | None = None
    order: tuple[str, ...] | None = None
    allowed: tuple[Value, ...] | None = None

    def describe(self) -> str:
        """The rule in words, e.g. ``fiscal_class ≥ sedang``."""
        parts = []
        if self.min is not None:
            parts.append(f"{self.column} ≥ {self.min}")
        if self.max is not None:
            parts.append(f"{self.column} ≤ {self.max}")
        if self.allowed is not None:
            parts.append(f"{self.column} in {{{', '.join(map(str, self.allowed))}}}")
        return " and ".join(parts)


@dataclass(frozen=True)
class Quota:
    """Bounds on how many selected regions share an attribute value.

    ``by`` names the attribute; ``value`` restricts the quota to one value (else it applies to every value
    present among the candidates). ``min``/``max`` are counts, ``min_share``/``max_share`` fractions of the
    slots. ``over="phase"`` applies the bounds in each phase, ``over="all"`` to the whole plan.
    """

    by: str
    min: int | None = None
    max: int | None = None
    value: Value | None = None
    min_share: float | None = None
    max_share: float | None = None
    over: Literal["phase", "all"] = "phase"

    def describe(self) -> str:
        """The quota in words, e.g. ``max 4 per province in each phase``."""
        bounds = []
        if self.min is not None:
            bounds.append(f"min {self.min}")
        if self.max is not None:
            bounds.append(f"max {self.max}")
        if self.min_share is not None:
            bounds.append(f"min share {self.min_share:g}")
        if self.max_share is not None:
            bounds.append(f"max share {self.max_share:g}")
        target = f"{self.by} = {self.value}" if self.value is not None else f"per {self.by}"
        scope = "in each phase" if self.over == "phase" else "over all phases"
        return f"{' and '.join(bounds)} {target} {scope}"


@dataclass(frozen=True)
class Phase:
    """One cohort of the plan: a name (e.g. ``2027``) and how many regions it takes."""

    name: str
    size: int


@dataclass(frozen=True)
class SelectionProblem:
    """Everything the optimiser needs. ``samples`` (draws × candidates) feeds the expected-score
    objectives and the stability analysis; ``excluded`` maps a code to the reason it is excluded."""

    candidates: Candidates
    phases: tuple[Phase, ...]
    rules: tuple[EligibilityRule, ...] = ()
    quotas: tuple[Quota, ...] = ()
    excluded: Mapping[str, str] = field(default_factory=dict)
    objective: Objective = "max_score"
    samples: FloatArray | None = None
    equity_column: str = "island_group"

    @property
    def slots(self) -> int:
        """Total regions the plan selects."""
        return sum(p.size for p in self.phases)


def make_candidates(
    codes: Sequence[str],
    scores: Sequence[float] | FloatArray,
    attributes: Mapping[str, Sequence[Value]] | None = None,
    score_name: str = "score",
) -> Candidates:
    """Build :class:`Candidates` from plain sequences (convenience for callers and tests)."""
    attrs = {k: tuple(v) for k, v in (attributes or {}).items()}
    return Candidates(tuple(codes), np.asarray(scores, dtype=np.float64), attrs, score_name)
