"""The numerical kernels the index build and the Monte Carlo share: impute, normalise, aggregate, rank.

Each method is one entry of a registry (:data:`IMPUTERS` and :data:`PANEL_IMPUTERS`,
:data:`NORMALISERS`, :data:`MEANS`) and is named nowhere else: configuration parsing, the index build
and the uncertainty analysis all look methods up here. Kernels are pure numpy functions over arrays
with an optional leading sample axis (``(..., units, indicators)``), working down each column.
"""

from .aggregate import AggregationError, LevelTerms, aggregate_children, aggregate_level, level_terms
from .impute import IMPUTERS, PANEL_IMPUTERS, impute
from .means import BATCHED, MEANS, Mean
from .normalise import NORMALISERS, Columns, describe, normalise
from .ranks import descending_ranks, min_rank
from .specs import AggregateSpec, ImputeSpec, NormaliseSpec

__all__ = [
    "BATCHED",
    "IMPUTERS",
    "MEANS",
    "NORMALISERS",
    "PANEL_IMPUTERS",
    "AggregateSpec",
    "AggregationError",
    "Columns",
    "ImputeSpec",
    "LevelTerms",
    "Mean",
    "NormaliseSpec",
    "aggregate_children",
    "aggregate_level",
    "descending_ranks",
    "describe",
    "impute",
    "level_terms",
    "min_rank",
    "normalise",
]
