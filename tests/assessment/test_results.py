"""Results stored by compute_results are exactly the engine's outputs on the same ratings."""

from __future__ import annotations

import numpy as np
import pytest

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.assessment.domain.assignment import run_assignment
from kotacerdas.assessment.domain.moderation import moderate
from kotacerdas.assessment.domain.results import BOOTSTRAP_SAMPLES, compute_results
from kotacerdas.assessment.domain.rounds import close_round
from kotacerdas.assessment.domain.survey import record_impact_survey, survey_score
from kotacerdas.assessment.models import Award, Moderation, RegionResult
from kotacerdas.engine.review import (
    awards,
    calibrate,
    krippendorff_alpha,
    rank_with_uncertainty,
    rank_within,
    score_rubric,
    shrout_fleiss_icc,
)
from kotacerdas.errors import InputError, StateError
from kotacerdas.io.rubric_files import load_rubric
from tests.assessment.conftest import CODES, CRITERIA, OPTIMUM, SCORES, score_everything

pytestmark = pytest.mark.django_db


def _finish(world, users):  # type: ignore[no-untyped-def]

    sec = users["secretariat"]
    run_assignment(actor=sec, round_=world.round)
    score_everything(world)
    close_round(actor=sec, round_=world.round)
    for m in Moderation.objects.all():
        moderate(actor=sec, moderation=m, outcome="dikonfirmasi")
    compute_results(actor=sec, round_=world.round)
    world.round.refresh_from_db()


def _engine_inputs():  # type: ignore[no-untyped-def]
    rubric = load_rubric("yearly-evaluation@2")
    region, assessor, score, groups, names = [], [], [], [], []
    for i, code in enumerate(CODES):
        for name in sorted(OPTIMUM[code]):
            if name not in names:
                names.append(name)
            result = score_rubric(rubric, dict(zip(CRITERIA, SCORES[(code, name)], strict=True)))
            region.append(i)
            assessor.append(names.index(name))
            score.append(result.score)
            groups.append(result.groups)
    return rubric, region, assessor, np.array(score), groups, names


def test_results_reproduce_the_engine_exactly(aworld, users):
    _finish(aworld, users)
    rubric, region, assessor, score, groups, names = _engine_inputs()
    cal = calibrate(region, assessor, score, n_regions=4, n_assessors=4)
    ranking = rank_with_uncertainty(
        region, cal.rating_calibrated, n_regions=4, samples=BOOTSTRAP_SAMPLES, top=3, rng=7
    )
    stored = [RegionResult.objects.get(submission=aworld.submissions[c]) for c in CODES]
    assert [r.raw for r in stored] == cal.region_raw.tolist()
    assert [r.calibrated for r in stored] == cal.region_calibrated.tolist()
    assert [r.rank for r in stored] == ranking.rank.tolist()
    assert [r.median_rank for r in stored] == ranking.median_rank.tolist()
    assert [(r.rank_q05, r.rank_q95, r.p_top) for r in stored] == list(
        zip(ranking.q05.tolist(), ranking.q95.tolist(), ranking.p_top.tolist(), strict=True)
    )
    peers = rank_within(ranking.score, ["kota"] * 4)
    assert [(r.peer_group, r.peer_rank) for r in stored] == [("kota", int(p)) for p in peers]
    assert [r.predicate for r in stored] == [rubric.predicate(v) for v in cal.region_calibrated]
    assert aworld.round.figures["calibration"]["effects"] == dict(
        zip(names, cal.assessor_effect.tolist(), strict=True)
    )
    wide = np.full((4, 4), np.nan)
    for r, a, y in zip(region, assessor, score, strict=True):
        wide[r, a] = y
    assert aworld.round.figures["alpha"]["value"] == krippendorff_alpha(wide, "interval").alpha
    slots = np.array([score[0:2], score[2:4], score[4:6], score[6:8]])
    assert aworld.round.figures["icc"]["ICC1"] == shrout_fleiss_icc(slots).icc1
    dims = np.array(
        [[(groups[2 * i][g.id] + groups[2 * i + 1][g.id]) / 2 for g in rubric.groups] for i in range(4)]
    )
    expected = awards(
        dims, [g.id for g in rubric.groups], overall=ranking.score, overall_places=3, region_ids=CODES
    )
    got = [
        (a.category, a.submission.participation.region.code, a.place, a.score, a.tie_unresolved)
        for a in Award.objects.filter(round=aworld.round).order_by("id")
    ]
    assert got == [(a.category, CODES[a.region], a.place, a.score, a.tie_unresolved) for a in expected]


def test_known_values(aworld, users):
    """Pinned figures of the small world (Kediri's first assessor gives the published 3.315)."""
    _finish(aworld, users)
    raw = {r.submission.participation.region.code: round(r.raw, 4) for r in RegionResult.objects.all()}
    assert raw == {"63.71": 3.095, "32.73": 4.14, "35.71": 3.4625, "15.71": 2.3275}
    calibrated = {
        r.submission.participation.region.code: round(r.calibrated, 4) for r in RegionResult.objects.all()
    }
    assert calibrated == {"63.71": 3.5875, "32.73": 4.2975, "35.71": 2.97, "15.71": 1.835}
    effects = {k: round(v, 4) for k, v in aworld.round.figures["calibration"]["effects"].items()}
    assert effects == {"asesor-3": -0.3075, "asesor-4": -0.6775, "asesor-2": -0.0075, "asesor": 0.9925}
    # calibration lifts Banjarmasin (scored by the two severe assessors) above Kediri
    ranks = {r.submission.participation.region.code: r.rank for r in RegionResult.objects.all()}
    assert ranks == {"32.73": 1, "63.71": 2, "35.71": 3, "15.71": 4}
    overall = [
        (a.place, a.submission.participation.region.code)
        for a in Award.objects.filter(round=aworld.round, category="overall")
    ]
    assert overall == [(1, "32.73"), (2, "63.71"), (3, "35.71")]


def test_impact_survey_needs_50_respondents_and_feeds_results(aworld, users):
    sub = aworld.submissions["63.71"]
    with pytest.raises(InputError, match="paling sedikit 50"):
        record_impact_survey(
            actor=SYSTEM, submission=sub, dimension="living", sub_dimension="mobility",
            programme="Sungai Digital", respondents=49, mean_score=4.0, name="Smart Living / Transportasi",
        )  # fmt: skip
    with pytest.raises(InputError, match="skor rata-rata 5,5 di luar 0–5"):  # a decimal with a comma
        record_impact_survey(
            actor=SYSTEM, submission=sub, dimension="living", sub_dimension="mobility",
            programme="Sungai Digital", respondents=60, mean_score=5.5, name="-",
        )  # fmt: skip
    with pytest.raises(InputError, match="tidak dikenal"):
        record_impact_survey(
            actor=SYSTEM, submission=sub, dimension="health", sub_dimension="x",
            programme="P", respondents=60, mean_score=4.0, name="-",
        )  # fmt: skip
    dims = ("governance", "branding", "economy", "living", "society", "environment")
    for d in dims:
        for k in range(3):
            assert survey_score(sub) is None
            record_impact_survey(
                actor=SYSTEM, submission=sub, dimension=d, sub_dimension=f"s{k}",
                programme=f"{d} {k}", respondents=50 + k, mean_score=3.0 + k / 2, name=d,
            )  # fmt: skip
    assert survey_score(sub) == 3.5
    _finish(aworld, users)
    assert RegionResult.objects.get(submission=sub).impact_survey == 3.5
    assert RegionResult.objects.get(submission=aworld.submissions["32.73"]).impact_survey is None


def test_survey_only_in_yearly_rounds(aworld):
    aworld.round.kind = "closing"
    aworld.round.save()
    with pytest.raises(StateError, match="evaluasi tahunan"):
        record_impact_survey(
            actor=SYSTEM, submission=aworld.submissions["63.71"], dimension="living", sub_dimension="m",
            programme="P", respondents=60, mean_score=4.0, name="-",
        )  # fmt: skip
