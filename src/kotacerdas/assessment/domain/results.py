"""Computing a round's results with the engine: weighted scores, calibration, agreement, ranks, awards."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.assessment.domain.guards import locked, require_secretariat, require_state
from kotacerdas.assessment.domain.scoring import assignment_result
from kotacerdas.assessment.domain.survey import survey_score
from kotacerdas.assessment.enums import ReviewState, RoundState
from kotacerdas.assessment.models import Award, Moderation, RegionResult, Round, Submission
from kotacerdas.engine.review.agreement import krippendorff_alpha, shrout_fleiss_icc
from kotacerdas.engine.review.calibration import calibrate
from kotacerdas.engine.review.ranking import awards, rank_with_uncertainty, rank_within
from kotacerdas.engine.review.rounding import group_means
from kotacerdas.errors import MethodError, StateError

BOOTSTRAP_SAMPLES = 1000


@dataclass
class Ratings:
    """The round's submitted ratings in long format, as the engine takes them."""

    submissions: list[Submission] = field(default_factory=list)
    assessors: list[str] = field(default_factory=list)
    region: list[int] = field(default_factory=list)
    assessor: list[int] = field(default_factory=list)
    score: list[float] = field(default_factory=list)
    groups: list[dict[str, float]] = field(default_factory=list)


def collect_ratings(round_: Round) -> Ratings:
    """Every active submitted assignment's weighted score (amendments applied), in a stable order."""
    rubric = round_.rubric.rubric()
    out = Ratings()
    index: dict[str, int] = {}
    submissions = round_.submissions.select_related("participation__region").order_by("pk")
    for submission in submissions:
        done = submission.assignments.filter(active=True, state=ReviewState.SUBMITTED).select_related(
            "assessor__user"
        )
        rows = sorted(done, key=lambda a: a.assessor.user.username)
        if not rows:
            continue
        out.submissions.append(submission)
        for a in rows:
            name = a.assessor.user.username
            if name not in index:
                index[name] = len(out.assessors)
                out.assessors.append(name)
            result = assignment_result(a, rubric)
            out.region.append(len(out.submissions) - 1)
            out.assessor.append(index[name])
            out.score.append(result.score)
            out.groups.append(result.groups)
    return out


def _note(exc: MethodError) -> dict[str, Any]:
    """Why a figure is missing: the engine's English (as before) plus its code and params, so the results
    page words it in the reader's language (``{{ figure|note_text }}``)."""
    return {"note": exc.message, "note_code": exc.code, "note_params": dict(exc.params)}


def agreement_figures(ratings: Ratings) -> dict[str, Any]:
    """Krippendorff's alpha (interval, assessors as raters) and the Shrout–Fleiss ICCs (rater slots)."""
    n = len(ratings.submissions)
    wide = np.full((n, len(ratings.assessors)), np.nan)
    slots: list[list[float]] = [[] for _i in range(n)]
    for r, a, y in zip(ratings.region, ratings.assessor, ratings.score, strict=True):
        wide[r, a] = y
        slots[r].append(y)
    width = max(len(s) for s in slots)
    slot_matrix = np.array([s + [np.nan] * (width - len(s)) for s in slots])
    figures: dict[str, Any] = {}
    try:
        alpha = krippendorff_alpha(wide, "interval")
        figures["alpha"] = {"value": alpha.alpha, "level": alpha.level, "method": alpha.method}
    except MethodError as exc:
        figures["alpha"] = {"value": None, **_note(exc)}
    try:
        icc = shrout_fleiss_icc(slot_matrix)
        figures["icc"] = {**icc.as_dict(), "targets": icc.targets, "judges": icc.judges, "method": icc.method}
    except MethodError as exc:
        figures["icc"] = _note(exc)
    return figures


@transaction.atomic
def compute_results(*, actor: Any, round_: Round) -> Round:
    """Calibrate, measure agreement, rank (national and peer group) and award; replaces earlier results."""
    require_secretariat(actor, "compute results")
    r = locked(round_)
    require_state(r, RoundState.CLOSED, action="compute results")
    if Moderation.objects.filter(submission__round=r, decided_at__isnull=True).exists():
        raise StateError(
            _("masih ada tanda perbedaan penilaian yang terbuka"),
            hint=_("catat hasil moderasinya lebih dulu"),
            code="open_flags",
        )
    rubric = r.rubric.rubric()
    ratings = collect_ratings(r)
    n, m = len(ratings.submissions), len(ratings.assessors)
    raw = np.asarray(ratings.score)
    region_raw = np.array(group_means(ratings.region, ratings.score, n))  # decimal means (rounding rule)
    try:
        cal = calibrate(ratings.region, ratings.assessor, raw, n_regions=n, n_assessors=m)
        calibrated, rating_cal = cal.region_calibrated, cal.rating_calibrated
        calibration = {
            "method": cal.method,
            "residual_sd": cal.residual_sd,
            "effects": dict(zip(ratings.assessors, cal.assessor_effect.tolist(), strict=True)),
        }
    except MethodError as exc:
        rating_cal = raw
        calibrated = region_raw
        calibration = {"method": "none (raw means)", **_note(exc), "effects": {}}
    top = min(3, n)
    ranking = rank_with_uncertainty(
        ratings.region, rating_cal, n_regions=n, samples=BOOTSTRAP_SAMPLES, top=top, rng=r.seed
    )
    peers = [s.participation.region.type for s in ratings.submissions]
    peer_rank = rank_within(ranking.score, peers)
    group_ids = [g.id for g in rubric.groups]
    dims = np.zeros((n, len(group_ids)))
    counts = np.bincount(ratings.region, minlength=n)
    for reg, groups in zip(ratings.region, ratings.groups, strict=True):
        dims[reg] += [groups.get(g, 0.0) for g in group_ids]
    dims /= counts[:, None]
    codes = [s.participation.region.code for s in ratings.submissions]
    won = awards(dims, group_ids, overall=ranking.score, overall_places=top, region_ids=codes)
    RegionResult.objects.filter(submission__round=r).delete()
    Award.objects.filter(round=r).delete()
    for i, s in enumerate(ratings.submissions):
        RegionResult.objects.create(
            submission=s,
            raw=float(region_raw[i]),
            calibrated=float(calibrated[i]),
            rank=int(ranking.rank[i]),
            peer_group=peers[i],
            peer_rank=int(peer_rank[i]),
            median_rank=float(ranking.median_rank[i]),
            rank_q05=float(ranking.q05[i]),
            rank_q95=float(ranking.q95[i]),
            p_top=float(ranking.p_top[i]),
            groups=dict(zip(group_ids, dims[i].tolist(), strict=True)),
            predicate=rubric.predicate(float(calibrated[i])) or "",
            ratings=int(counts[i]),
            impact_survey=survey_score(s),
        )
    for award in won:
        Award.objects.create(
            round=r,
            category=award.category,
            submission=ratings.submissions[award.region],
            place=award.place,
            score=award.score,
            tie_unresolved=award.tie_unresolved,
        )
    r.figures = {
        **agreement_figures(ratings),
        "calibration": calibration,
        "ranking": {"method": ranking.method, "samples": ranking.samples, "seed": r.seed, "top": top},
        "ratings": len(ratings.score),
        "assessors": m,
        "computed_at": timezone.now().isoformat(),
    }
    r.save(update_fields=["figures"])
    record(
        actor=actor,
        action="round.compute",
        target=r,
        summary=wording(
            gettext_lazy("%(round)s: %(regions)s daerah, %(ratings)s penilaian, %(awards)s penghargaan"),
            round=r.name,
            regions=n,
            ratings=len(ratings.score),
            awards=len(won),
        ),
    )
    return r
