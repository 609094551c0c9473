"""Visibility rules: others' scores after one's own submission, feedback after publication, public results."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from kotacerdas.assessment import rules
from kotacerdas.assessment.domain.assignment import run_assignment
from kotacerdas.assessment.domain.progress import round_progress
from kotacerdas.assessment.domain.rounds import close_round, publish_round
from kotacerdas.assessment.domain.scoring import save_draft, submit_scores
from tests.assessment.conftest import CRITERIA, SCORES, assignment_of, score_everything
from tests.assessment.test_results import _finish

pytestmark = pytest.mark.django_db


def _visible_score_owners(user) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {
        (s.assignment.submission.participation.region.code, s.assignment.assessor.user.username)
        for s in rules.visible_scores(user)
    }


def test_other_scores_hidden_until_own_submitted(aworld, users):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    kediri = aworld.submissions["35.71"]
    other = assignment_of(aworld, "35.71", "asesor-2")
    save_draft(actor=other.assessor.user, assignment=other, values={"baseline": 3.9})
    submit_other = dict(zip(CRITERIA, SCORES[("35.71", "asesor-2")], strict=True))
    save_draft(actor=other.assessor.user, assignment=other, values=submit_other)
    submit_scores(actor=other.assessor.user, assignment=other)
    me = users["assessor"]
    mine = assignment_of(aworld, "35.71", "asesor")
    save_draft(actor=me, assignment=mine, values={"baseline": 3.6})
    assert rules.can_see_other_scores(me, kediri) is False
    assert _visible_score_owners(me) == {("35.71", "asesor")}
    save_draft(
        actor=me, assignment=mine, values=dict(zip(CRITERIA, SCORES[("35.71", "asesor")], strict=True))
    )
    submit_scores(actor=me, assignment=mine)
    assert rules.can_see_other_scores(me, kediri) is True
    assert _visible_score_owners(me) == {("35.71", "asesor"), ("35.71", "asesor-2")}
    # a third assessor of another region still sees only their own (none yet)
    assert _visible_score_owners(aworld.assessors["asesor-4"].user) == set()
    assert rules.visible_scores(users["region_team"]).count() == 0
    assert rules.visible_scores(users["secretariat"]).count() == 10


def test_assessors_see_only_their_assignments(aworld, users):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    mine = {a.submission.participation.region.code for a in rules.visible_assignments(users["assessor"])}
    assert mine == {"35.71", "15.71"}
    assert rules.visible_assignments(users["region_team"]).count() == 0
    assert rules.visible_assignments(users["secretariat"]).count() == 8


def test_feedback_and_results_open_at_publication(aworld, users):
    public = AnonymousUser()
    own, other = aworld.submissions["63.71"], aworld.submissions["32.73"]
    _finish(aworld, users)
    assert rules.can_view_results(public, aworld.round) is False
    assert rules.can_view_results(users["secretariat"], aworld.round) is True
    assert rules.can_view_feedback(users["region_team"], own) is False
    assert [r.pk for r in rules.visible_rounds(public)] == []
    publish_round(actor=users["secretariat"], round_=aworld.round)
    aworld.round.refresh_from_db()
    own.refresh_from_db()
    assert rules.can_view_results(public, aworld.round) is True
    assert rules.can_view_feedback(users["region_team"], own) is True
    assert rules.can_view_feedback(users["region_team"], other) is False
    assert rules.can_view_feedback(users["assessor"], own) is False
    assert [r.pk for r in rules.visible_rounds(public)] == [aworld.round.pk]


def test_progress_and_overdue(aworld, users):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    score_everything(aworld, skip=(("63.71", "asesor-4"), ("32.73", "asesor-3")))
    draft = assignment_of(aworld, "32.73", "asesor-3")
    save_draft(actor=draft.assessor.user, assignment=draft, values={"baseline": 3})
    aworld.round.refresh_from_db()
    before = round_progress(aworld.round, today=dt.date(2030, 1, 31))
    assert (before.total, before.submitted, before.draft, before.untouched, before.overdue) == (
        8,
        6,
        1,
        1,
        (),
    )
    late = round_progress(aworld.round, today=dt.date(2030, 2, 1))
    assert late.overdue == ("asesor-3", "asesor-4")
    assert late.percent == 75.0
    close_round(actor=users["secretariat"], round_=aworld.round, override_reason="tenggat")
    aworld.round.refresh_from_db()
    assert round_progress(aworld.round, today=dt.date(2030, 2, 1)).overdue == ()
