"""Models of the assessment app (re-exported for ``assessment.models.X``)."""

from kotacerdas.assessment.models.people import AssessorProfile, Conflict
from kotacerdas.assessment.models.results import Award, ImpactSurvey, Moderation, RegionResult
from kotacerdas.assessment.models.rounds import Round, RubricVersion, Submission
from kotacerdas.assessment.models.scoring import Amendment, Assignment, Score

__all__ = [
    "Amendment",
    "AssessorProfile",
    "Assignment",
    "Award",
    "Conflict",
    "ImpactSurvey",
    "Moderation",
    "RegionResult",
    "Round",
    "RubricVersion",
    "Score",
    "Submission",
]
