"""Uncertainty and sensitivity of a composite index's ranking.

Monte Carlo over weights, normalisation, aggregation, imputation, indicator exclusion and the
aggregation availability threshold, vectorised over samples and chunked; rank intervals per unit;
Sobol indices via SALib; numpy or Dask backend. Entry point: :func:`run_uncertainty`.
"""

from __future__ import annotations

from kotacerdas.engine.kernels import AggregateSpec, ImputeSpec, NormaliseSpec
from kotacerdas.engine.seeding import as_generator

from .analysis import run_uncertainty
from .factors import FACTOR_NAMES, Factors, parse_factors
from .problem import Hierarchy, UncertaintyProblem, make_problem
from .result import RANK_COLUMNS, ScoreChunk, ScoreSink, UncertaintyResult
from .sensitivity import SensitivityTable, check_base_samples, sobol_design, sobol_indices

__all__ = [
    "FACTOR_NAMES",
    "RANK_COLUMNS",
    "AggregateSpec",
    "Factors",
    "Hierarchy",
    "ImputeSpec",
    "NormaliseSpec",
    "ScoreChunk",
    "ScoreSink",
    "SensitivityTable",
    "UncertaintyProblem",
    "UncertaintyResult",
    "as_generator",
    "check_base_samples",
    "make_problem",
    "parse_factors",
    "run_uncertainty",
    "sobol_design",
    "sobol_indices",
]
