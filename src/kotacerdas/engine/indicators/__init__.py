"""Composite-indicator engine: COINr-compatible, typed, with its provenance in one result object.

Entry point: :func:`build_index`. Pure computation on numpy (pandas frames made on request); no files, no
printing.
"""

from kotacerdas.engine.kernels import aggregate_children

from .build import build_index, rebuild_index
from .coherence import Coherence, coherence
from .framework import Framework
from .normalise import normalise_column
from .profiles import UnitProfile
from .result import IndexResult, rank_scores
from .settings import IndexSettings
from .tree import aggregate_tree, child_weights
from .weights import ahp, pca_weights

__all__ = [
    "Coherence",
    "Framework",
    "IndexResult",
    "IndexSettings",
    "UnitProfile",
    "aggregate_children",
    "aggregate_tree",
    "ahp",
    "build_index",
    "child_weights",
    "coherence",
    "normalise_column",
    "pca_weights",
    "rank_scores",
    "rebuild_index",
]
