"""Rubric model and scoring rules (the shipped templates are tested in tests/io)."""

from __future__ import annotations

import dataclasses

import pytest

from kotacerdas.engine.review.rubrics import (
    Criterion,
    Group,
    Level,
    Predicate,
    Rubric,
    Scale,
    check_entry,
    in_english,
    score_rubric,
)
from kotacerdas.errors import InputError

SCALE = Scale(0, 5, 0.5, (Level(0, "no evidence"), Level(3, "documented and used"), Level(5, "evaluated")))


def _rubric(aggregation="weighted_mean"):
    return Rubric(
        id="demo",
        version="1",
        title="Demo",
        scale=SCALE,
        groups=(Group("a", "A"), Group("b", "B")),
        criteria=(
            Criterion("a1", "A1", "a", 1),
            Criterion("a2", "A2", "a", 3),
            Criterion("b1", "B1", "b", 4),
        ),
        aggregation=aggregation,
        predicates=(Predicate(0, "low"), Predicate(2.5, "mid"), Predicate(4, "high")),
    )


def test_weighted_mean_and_groups():
    result = score_rubric(_rubric(), {"a1": 1.0, "a2": 3.0, "b1": 4.5})
    assert result.score == pytest.approx((1 + 9 + 18) / 8, abs=1e-15)
    assert result.groups == {"a": pytest.approx(2.5, abs=1e-15), "b": pytest.approx(4.5, abs=1e-15)}
    assert result.predicate == "mid"
    assert result.rubric == "demo@1"


def test_bands_and_their_english():
    bilingual = dataclasses.replace(
        _rubric(), predicates=(Predicate(0, "rendah", "low"), Predicate(2.5, "sedang"))
    )
    assert bilingual.band(3.0) == Predicate(2.5, "sedang")
    assert bilingual.band(-1) is None and bilingual.predicate(-1) is None
    english = in_english(bilingual)
    assert [p.label for p in english.predicates] == ["low", "sedang"]  # no English: the label stays
    assert [p.minimum for p in english.predicates] == [0, 2.5]
    assert score_rubric(english, {"a1": 1.0, "a2": 1.0, "b1": 1.0}).predicate == "low"


def test_total_rule():
    assert score_rubric(_rubric("total"), {"a1": 1.0, "a2": 3.0, "b1": 4.5}).score == pytest.approx(
        28.0, abs=1e-12
    )


def test_validation_names_the_problem():
    rubric = _rubric()
    with pytest.raises(InputError, match="unknown criterion 'zz'"):
        check_entry(rubric, "zz", 1)
    with pytest.raises(InputError, match="outside the scale 0–5"):
        check_entry(rubric, "a1", 6)
    with pytest.raises(InputError, match=r"only half points"):
        check_entry(rubric, "a1", 2.25)
    with pytest.raises(InputError, match="no score for criterion b1"):
        score_rubric(rubric, {"a1": 1.0, "a2": 3.0})


def test_anchor_lookup_and_immutability():
    assert SCALE.anchor_for(3.5) == "documented and used"
    rubric = _rubric()
    with pytest.raises(AttributeError):
        rubric.version = "2"  # type: ignore[misc]


def test_bad_rubric_is_refused():
    with pytest.raises(InputError, match="unknown group"):
        Rubric("x", "1", "X", SCALE, (Group("a", "A"),), (Criterion("c", "C", "zz", 1),))
