"""The funnel screening → invitation → readiness interview → selection (programme + assessment services).

The regression of issue 11 §3: six regions invited and interviewed all ended ``not_selected`` while
regions never invited were selected. Now the invited and interviewed are the candidates, and regions
never invited are selected only when the secretariat says so.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from django.utils import translation

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.models import AuditEvent
from kotacerdas.assessment.domain.funnel import SourceSpec, create_interview_round, select_cohort
from kotacerdas.assessment.enums import RoundKind, RoundState
from kotacerdas.assessment.models import RegionResult, Round
from kotacerdas.engine.uncertainty import ScoreChunk
from kotacerdas.errors import InputError, PermissionDeniedError, StateError
from kotacerdas.programme.domain.invitations import Pick, codes_from_csv, invite, pick
from kotacerdas.programme.domain.participation import transition
from kotacerdas.programme.domain.score_sources import ScoreSource, combine, index_run_source
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Participation
from kotacerdas.regions.domain.index_runs import record_index_run
from kotacerdas.regions.domain.registry import sync_regions
from kotacerdas.regions.domain.uncertainty_runs import DrawKeeper
from kotacerdas.regions.models import Region, UncertaintyAnalysis
from tests.platform import factories as f

pytestmark = pytest.mark.django_db
NO_QUOTAS: dict[str, object] = {}


@pytest.fixture
def run():
    """Every region scored by a fixed rule of its code (no ties), published."""
    sync_regions()
    codes = sorted(Region.objects.values_list("code", flat=True))
    scores = {c: round(50 + 40 * math.sin(int(c.replace(".", ""))), 6) for c in codes}
    return record_index_run(actor=SYSTEM, name="skrining", scores=scores, settings={}, published=True)


def ranked(run) -> list[str]:  # type: ignore[no-untyped-def]
    return list(run.scores.order_by("rank", "region__code").values_list("region__code", flat=True))


def interviewed_round(cohort, scores: dict[str, float]) -> Round:  # type: ignore[no-untyped-def]
    """A readiness round over the cohort's invited regions, published with calibrated ``scores``.

    The round is created by the service; its results (normally computed from assessors' ratings, tested
    in tests/assessment) are written here as the computed rows they would be.
    """
    round_ = create_interview_round(
        actor=SYSTEM, cohort=cohort, name=f"Wawancara {cohort.name}", deadline=dt.date(2030, 1, 1)
    )
    for i, sub in enumerate(round_.submissions.select_related("participation__region")):
        code = sub.participation.region.code
        if code in scores:
            RegionResult.objects.create(
                submission=sub,
                raw=scores[code],
                calibrated=scores[code],
                rank=i + 1,
                peer_group="all",
                peer_rank=i + 1,
                median_rank=i + 1,
                rank_q05=i + 1,
                rank_q95=i + 1,
                p_top=0.5,
                ratings=3,
            )
    Round.objects.filter(pk=round_.pk).update(state=RoundState.PUBLISHED)
    round_.refresh_from_db()
    return round_


def states(cohort) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return dict(cohort.participations.values_list("region__code", "state"))


def test_invited_and_interviewed_are_selected_never_invited_are_not(run):
    """Regression (issue 11 §3): the six interviewed regions, all from the bottom half, are selected."""
    order = ranked(run)
    six, top3 = order[300:306], order[:3]
    cohort = f.cohort(2027, target=9)
    invite(actor=SYSTEM, cohort=cohort, run=run, picks=pick(run=run, method="list", codes=six), method="list")
    round_ = interviewed_round(cohort, {c: 3.0 + i / 10 for i, c in enumerate(six)})
    assert round_.kind == RoundKind.READINESS
    result = select_cohort(
        actor=SYSTEM, cohort=cohort, spec=SourceSpec(index_run=run.pk), config=NO_QUOTAS, thresholds=False
    )
    assert sorted(result.selected) == sorted(six)
    assert states(cohort) == dict.fromkeys(six, State.SELECTED)
    assert not Participation.objects.filter(region__code__in=top3).exists()
    cohort.refresh_from_db()
    assert cohort.selection["settings"]["eligibility"] == "interviewed"
    assert {d["code"] for d in cohort.selection["decisions"]} == set(six)


def test_interview_scores_decide_among_the_interviewed(run):
    order = ranked(run)
    four = order[100:104]
    cohort = f.cohort(2027, target=2)
    invite(
        actor=SYSTEM, cohort=cohort, run=run, picks=pick(run=run, method="list", codes=four), method="list"
    )
    # the interview reverses the screening order: the last two get the best interview scores
    round_ = interviewed_round(cohort, dict(zip(four, (2.0, 2.5, 4.5, 4.0), strict=True)))
    result = select_cohort(
        actor=SYSTEM, cohort=cohort, spec=SourceSpec(round=round_.pk), config=NO_QUOTAS, thresholds=False
    )
    assert sorted(result.selected) == sorted(four[2:])
    assert states(cohort) == {
        four[0]: State.NOT_SELECTED,
        four[1]: State.NOT_SELECTED,
        four[2]: State.SELECTED,
        four[3]: State.SELECTED,
    }
    cohort.refresh_from_db()
    assert cohort.selection["source"] == {"kind": "round", "id": round_.pk, "label": round_.name}


def test_regions_not_interviewed_keep_waiting(run):
    order = ranked(run)
    four = order[:4]
    cohort = f.cohort(2027, target=4)
    invite(actor=SYSTEM, cohort=cohort, run=run, picks=pick(run=run, method="top", n=4), method="top")
    interviewed_round(cohort, {c: 3.0 for c in four[1:]})
    select_cohort(
        actor=SYSTEM, cohort=cohort, spec=SourceSpec(index_run=run.pk), config=NO_QUOTAS, thresholds=False
    )
    assert states(cohort) == {four[0]: State.INVITED, **dict.fromkeys(four[1:], State.SELECTED)}
    cohort.refresh_from_db()
    row = next(d for d in cohort.selection["decisions"] if d["code"] == four[0])
    assert (row["status"], row["reason"]) == (
        "excluded",
        "excluded: not interviewed in a published readiness round",
    )


def test_interviewed_eligibility_needs_a_published_round(run):
    cohort = f.cohort(2027, target=4)
    invite(actor=SYSTEM, cohort=cohort, run=run, picks=pick(run=run, method="top", n=4), method="top")
    with pytest.raises(StateError, match="tidak memiliki putaran wawancara kesiapan yang sudah diumumkan"):
        select_cohort(actor=SYSTEM, cohort=cohort, spec=SourceSpec(index_run=run.pk), config=NO_QUOTAS)
    assert set(states(cohort).values()) == {State.INVITED}


def test_never_invited_only_when_asked_and_audited(run):
    order = ranked(run)
    cohort = f.cohort(2027, target=3)
    invite(
        actor=SYSTEM,
        cohort=cohort,
        run=run,
        picks=pick(run=run, method="list", codes=order[200:201]),
        method="list",
    )
    select_cohort(
        actor=SYSTEM,
        cohort=cohort,
        spec=SourceSpec(index_run=run.pk),
        config=NO_QUOTAS,
        eligibility="invited",
        include_uninvited=True,
        thresholds=False,
    )
    assert states(cohort) == {**dict.fromkeys(order[:3], "selected"), order[200]: "not_selected"}
    entry = AuditEvent.objects.filter(action="cohort.select").latest("id")
    assert entry.data["include_uninvited"] is True
    assert (
        entry.summary
        == "GM100 2027: 3 daerah terpilih dari skrining (daerah yang belum pernah diundang diizinkan)"
    )
    assert entry.summaries["en"] == "GM100 2027: 3 selected from skrining (regions never invited allowed)"
    invited = AuditEvent.objects.get(action="cohort.invite")
    assert invited.summaries == {
        "id": "GM100 2027: 1 daerah diundang dari skrining (dipilih manual)",
        "en": "GM100 2027: 1 region invited from skrining (hand-picked)",
    }


def test_a_withdrawal_frees_a_slot_and_held_regions_count_against_quotas(run):
    order = ranked(run)
    regions = {r.code: r for r in Region.objects.all()}
    cohort = f.cohort(2027, target=2)
    invite(actor=SYSTEM, cohort=cohort, run=run, picks=pick(run=run, method="top", n=2), method="top")
    select_cohort(
        actor=SYSTEM,
        cohort=cohort,
        spec=SourceSpec(index_run=run.pk),
        config=NO_QUOTAS,
        eligibility="invited",
        thresholds=False,
    )
    first, second = order[0], order[1]
    assert states(cohort) == {first: "selected", second: "selected"}
    transition(actor=SYSTEM, participation=cohort.participations.get(region__code=first), to=State.WITHDRAWN)
    # two reserves: the better one shares the province of the region still holding a slot
    province = regions[second].province_code
    same = next(c for c in order[2:] if regions[c].province_code == province)
    other = next(c for c in order[order.index(same) + 1 :] if regions[c].province_code != province)
    invite(
        actor=SYSTEM,
        cohort=cohort,
        run=run,
        picks=pick(run=run, method="list", codes=[same, other]),
        method="list",
    )
    result = select_cohort(
        actor=SYSTEM,
        cohort=cohort,
        spec=SourceSpec(index_run=run.pk),
        config={"quotas": [{"by": "province_code", "max": 1}]},
        eligibility="invited",
        thresholds=False,
    )
    assert list(result.selected) == [other]
    assert states(cohort) == {first: "withdrawn", second: "selected", same: "not_selected", other: "selected"}
    cohort.refresh_from_db()
    assert len(cohort.selection["earlier"]) == 1
    with pytest.raises(StateError, match="penuh"):
        select_cohort(
            actor=SYSTEM,
            cohort=cohort,
            spec=SourceSpec(index_run=run.pk),
            config=NO_QUOTAS,
            eligibility="invited",
        )


def _id(score: float) -> str:
    """``score`` as the platform writes it in Indonesian (decimal comma)."""
    return f"{score:.6g}".replace(".", ",")


def test_invitation_methods_and_reasons(run):
    order = ranked(run)
    cohort = f.cohort(2027, target=25)
    top = pick(run=run, method="top", n=3, note="daftar panjang")
    score = run.scores.get(region__code=order[0]).score
    assert str(top[0].reason) == f"3 teratas dari skrining: peringkat 1, skor {_id(score)} — daftar panjang"
    with translation.override("en"):
        assert top[0].reason.text() == f"top 3 of skrining: rank 1, score {score:.6g} — daftar panjang"
    above = pick(run=run, method="threshold", threshold=89.9)
    assert [p.code for p in above] == [
        s.region.code for s in run.scores.filter(score__gte=89.9).order_by("rank")
    ]
    rows = codes_from_csv(b"code,reason\n63.71,usulan provinsi\n32.73,\n", "undangan.csv")
    picks = pick(run=run, method="csv", rows=rows)
    assert [(p.code, str(p.reason)[:18]) for p in picks] == [
        ("63.71", "usulan provinsi"),
        ("32.73", "daftar unggahan da"),
    ]
    assert Pick.from_token(picks[1].token()) == picks[1]  # through the confirmation page and back
    done = invite(actor=SYSTEM, cohort=cohort, run=run, picks=picks, method="csv")
    again = invite(actor=SYSTEM, cohort=cohort, run=run, picks=picks[:1] + top[:1], method="list")
    assert (done.invited, again.invited, again.skipped) == (("63.71", "32.73"), (order[0],), ("63.71",))
    p = cohort.participations.get(region__code="63.71")
    assert p.changes.get().reason == "usulan provinsi" and p.changes.get().reason_code == ""  # as typed
    change = cohort.participations.get(region__code="32.73").changes.get()
    assert change.reason_code == "invited" and change.reason.startswith("daftar unggahan dari skrining")
    with translation.override("en"):
        assert change.reason_text.startswith("uploaded list of skrining: rank")
    assert AuditEvent.objects.filter(action="cohort.invite").count() == 2


def test_bad_invitations_name_the_culprit(run):
    cohort = f.cohort(2027, target=25)
    with pytest.raises(InputError, match=r"daerah: 99\.99 tidak memiliki skor di skrining"):
        pick(run=run, method="list", codes=["63.71", "99.99"])
    with pytest.raises(InputError) as caught:
        codes_from_csv(b"kode_daerah\n63.71\n", "x.csv")
    assert (caught.value.location.file, caught.value.location.row) == ("x.csv", 1)
    with pytest.raises(InputError, match="kode daerah kosong"):
        codes_from_csv(b"code,reason\n63.71,a\n,b\n", "x.csv")
    draft = record_index_run(actor=SYSTEM, name="draf", scores={"63.71": 1.0}, settings={})
    with pytest.raises(StateError, match="masih draf"):
        pick(run=draft, method="top", n=1)
    with pytest.raises(PermissionDeniedError):
        invite(
            actor=f.user("assessor", "a1"),
            cohort=cohort,
            run=run,
            picks=pick(run=run, method="top", n=1),
            method="top",
        )
    assert cohort.participations.count() == 0


def test_combined_sources_rescale_then_weigh():
    a = ScoreSource("A", {"x": 0.0, "y": 50.0, "z": 100.0})
    b = ScoreSource("B", {"x": 5.0, "y": 1.0, "z": 3.0, "w": 4.0})
    both = combine([(a, 3.0), (b, 1.0)])
    assert both.scores == {"x": 0.75 * 0 + 0.25 * 100, "y": 0.75 * 50 + 0.25 * 0, "z": 0.75 * 100 + 0.25 * 50}
    assert both.label == "75% A + 25% B"
    with pytest.raises(InputError, match="tidak memiliki daerah yang sama"):
        combine([(a, 1.0), (ScoreSource("C", {"q": 1.0}), 1.0)])


def test_selection_probability_from_the_kept_draws(run):
    order = ranked(run)
    cohort = f.cohort(2027, target=2)
    invite(actor=SYSTEM, cohort=cohort, run=run, picks=pick(run=run, method="top", n=4), method="top")
    assert index_run_source(run).note == "no_draws"
    scores = np.asarray([run.scores.get(region__code=c).score for c in order])
    keeper = DrawKeeper(limit=40)
    rng = np.random.default_rng(3)

    draws = scores + rng.normal(0, 0.5, size=(40, len(order)))
    draws[:, 0] += 100  # the first is selected in every draw, the fourth in none
    draws[:, 3] -= 100
    keeper(ScoreChunk(index=np.arange(40), scores=draws))
    keeper(ScoreChunk(index=np.arange(40, 50), scores=np.zeros((10, len(order)))))  # beyond the limit
    UncertaintyAnalysis.objects.create(
        run=run, version=1, record={}, published=True, draws=keeper.pack(tuple(order))
    )
    source = index_run_source(run)
    assert source.draws is not None and source.draws.shape == (40, 514)
    select_cohort(
        actor=SYSTEM,
        cohort=cohort,
        spec=SourceSpec(index_run=run.pk),
        config=NO_QUOTAS,
        eligibility="invited",
        thresholds=False,
    )
    cohort.refresh_from_db()
    p = {d["code"]: d["p_selected"] for d in cohort.selection["decisions"]}
    assert set(p) == set(order[:4]) and all(v is not None for v in p.values())
    assert (p[order[0]], p[order[3]], round(sum(p.values()), 9)) == (1.0, 0.0, 2.0)
    assert cohort.selection["draws"] is True


def test_interview_round_on_the_invited(run):
    cohort = f.cohort(2027, target=25)
    invite(actor=SYSTEM, cohort=cohort, run=run, picks=pick(run=run, method="top", n=5), method="top")
    round_ = create_interview_round(
        actor=SYSTEM, cohort=cohort, name="Wawancara 2027", deadline=dt.date(2030, 1, 1)
    )
    assert (round_.kind, round_.state, round_.rubric.key, round_.submissions.count()) == (
        "readiness",
        "draft",
        "readiness-interview@1",
        5,
    )
    empty = f.cohort(2028, target=5)
    with pytest.raises(StateError, match="tidak memiliki daerah undangan untuk diwawancarai"):
        create_interview_round(actor=SYSTEM, cohort=empty, name="Kosong", deadline=dt.date(2030, 1, 1))


def test_csv_size_limit():
    with pytest.raises(InputError, match="lebih besar dari 256 KB"):
        codes_from_csv(b"code\n" + b"63.71\n" * 50_000, "besar.csv")
