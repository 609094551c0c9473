"""What a region's feedback report says: its scores, the assessors' comments and how to improve."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kotacerdas.assessment.domain.rubrics import for_reader, predicate_names
from kotacerdas.assessment.domain.scoring import effective_value
from kotacerdas.assessment.enums import ReviewState
from kotacerdas.assessment.models import Submission
from kotacerdas.engine.review.rounding import exact_mean
from kotacerdas.engine.review.rubrics import Rubric


@dataclass(frozen=True)
class CriterionFeedback:
    """One criterion: mean score, the anchor reached, the next anchor to aim for, comments."""

    id: str
    name: str
    group: str
    mean: float
    reached: str
    next_step: str
    comments: tuple[str, ...]


@dataclass(frozen=True)
class Feedback:
    region: str
    code: str
    round: str
    rubric: str
    aggregation: str
    raw: float | None
    calibrated: float | None
    rank: int | None
    regions: int
    predicate: str
    awards: tuple[str, ...]
    criteria: tuple[CriterionFeedback, ...] = field(default_factory=tuple)


def _next_anchor(rubric: Rubric, value: float) -> str:
    above = [lv for lv in rubric.scale.levels if lv.value > value + 1e-9]
    return min(above, key=lambda lv: lv.value).anchor if above else "—"


def build_feedback(submission: Submission) -> Feedback:
    """Collect the feedback of one region from its submitted (and amended) scores."""
    round_ = submission.round
    stored = round_.rubric.rubric()
    rubric = for_reader(stored)  # anchors in the reader's language
    scores: dict[str, list[float]] = {c.id: [] for c in rubric.criteria}
    comments: dict[str, list[str]] = {c.id: [] for c in rubric.criteria}
    for a in submission.assignments.filter(active=True, state=ReviewState.SUBMITTED):
        for s in a.scores.all():
            scores[s.criterion].append(effective_value(s))
            if s.comment.strip():
                comments[s.criterion].append(s.comment.strip())
    items = []
    for c in rubric.criteria:
        values = scores[c.id]
        mean = float(exact_mean(values)) if values else 0.0
        items.append(
            CriterionFeedback(
                id=c.id,
                name=c.name,
                group=c.group,
                mean=mean,
                reached=rubric.scale.anchor_for(mean) or "—",
                next_step=_next_anchor(rubric, mean),
                comments=tuple(comments[c.id]),
            )
        )
    result = getattr(submission, "result", None)
    groups = {g.id: g.name for g in rubric.groups}
    return Feedback(
        region=submission.participation.region.name,
        code=submission.participation.region.code,
        round=round_.name,
        rubric=rubric.key,
        aggregation=rubric.aggregation,
        raw=result.raw if result else None,
        calibrated=result.calibrated if result else None,
        rank=result.rank if result else None,
        regions=round_.submissions.filter(result__isnull=False).count(),
        predicate=predicate_names(stored).get(result.predicate, result.predicate) if result else "",
        awards=tuple(
            f"{groups.get(a.category, _('Keseluruhan'))} #{a.place}" for a in submission.awards.all()
        ),
        criteria=tuple(items),
    )
