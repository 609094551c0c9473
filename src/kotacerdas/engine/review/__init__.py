"""Assessment engine: assessor assignment, panels, calibration, agreement, rubrics, ranking, awards.

Pure computation (numpy, scipy, HiGHS); no Django, no files, no printing. Each module has one
validating entry point returning a frozen result object that records the method and version.
"""

from kotacerdas.engine.review.agreement import AlphaResult, ICCResult, krippendorff_alpha, shrout_fleiss_icc
from kotacerdas.engine.review.assignment import AssignmentResult, assign
from kotacerdas.engine.review.calibration import CalibrationResult, calibrate
from kotacerdas.engine.review.expertise import Labels, assign_by_expertise
from kotacerdas.engine.review.panels import PanelResult, form_panels
from kotacerdas.engine.review.ranking import (
    Award,
    RankingResult,
    awards,
    competition_rank,
    rank_with_uncertainty,
    rank_within,
)
from kotacerdas.engine.review.rubrics import (
    Criterion,
    Group,
    Level,
    Predicate,
    Rubric,
    RubricScore,
    Scale,
    check_entry,
    score_rubric,
)

__all__ = [
    "AlphaResult",
    "AssignmentResult",
    "Award",
    "CalibrationResult",
    "Criterion",
    "Group",
    "ICCResult",
    "Labels",
    "Level",
    "PanelResult",
    "Predicate",
    "RankingResult",
    "Rubric",
    "RubricScore",
    "Scale",
    "assign",
    "assign_by_expertise",
    "awards",
    "calibrate",
    "check_entry",
    "competition_rank",
    "form_panels",
    "krippendorff_alpha",
    "rank_with_uncertainty",
    "rank_within",
    "score_rubric",
    "shrout_fleiss_icc",
]
