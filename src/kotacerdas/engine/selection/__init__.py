"""Cohort selection: choose each phase's regions under eligibility rules and equity quotas, exactly,
and explain every decision. Pure computation (numpy, scipy, HiGHS); see ``docs/selection.md``."""

from kotacerdas.engine.selection.problem import (
    OBJECTIVES,
    Candidates,
    EligibilityRule,
    Objective,
    Phase,
    Quota,
    SelectionProblem,
    make_candidates,
)
from kotacerdas.engine.selection.result import Decision, SelectionResult, Status
from kotacerdas.engine.selection.solve import select
from kotacerdas.engine.selection.stability import sample_scores

__all__ = [
    "OBJECTIVES",
    "Candidates",
    "Decision",
    "EligibilityRule",
    "Objective",
    "Phase",
    "Quota",
    "SelectionProblem",
    "SelectionResult",
    "Status",
    "make_candidates",
    "sample_scores",
    "select",
]
