"""The settings of the three steps both the index build and the Monte Carlo run: impute, normalise, aggregate.

One family of frozen, comparable dataclasses: ``IndexSettings`` holds them for a build, and the
uncertainty problem and its factors hold the same objects, so a sample that takes the nominal choice
compares equal to it. Which methods exist, and what each does, is in the kernel registries
(:mod:`.impute`, :mod:`.normalise`, :mod:`.means`), not here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ImputeSpec:
    """How missing values are filled: a method and, for group methods, the group column."""

    method: str = "none"
    group: str | None = None

    def label(self) -> str:
        """Short human-readable name, e.g. ``group_mean(region)``."""
        return f"{self.method}({self.group})" if self.group else self.method


@dataclass(frozen=True)
class NormaliseSpec:
    """Normalisation method and its parameters (only those of the chosen method are used)."""

    method: str = "minmax"
    range: tuple[float, float] = (0.0, 100.0)
    mean: float = 0.0
    sd: float = 1.0
    cap: bool = False
    target: float | None = None
    lower: float | None = None
    upper: float | None = None
    scale: float = 100.0
    truncate: bool = True


@dataclass(frozen=True)
class AggregateSpec:
    """Aggregation method and the share of children a unit needs for a score (None = any)."""

    method: str = "arithmetic"
    min_availability: float | None = None

    def label(self) -> str:
        """Short human-readable name."""
        return self.method
