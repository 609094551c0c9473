"""Invalid problems fail before the solver, naming the culprit."""

from __future__ import annotations

import numpy as np
import pytest

from kotacerdas.engine.selection import (
    EligibilityRule,
    Phase,
    Quota,
    SelectionProblem,
    make_candidates,
    select,
)
from kotacerdas.engine.selection.eligibility import check_rule
from kotacerdas.errors import ConfigError, InputError

from .factories import problem


def test_unknown_quota_column():
    with pytest.raises(ConfigError, match="quota refers to unknown column 'fiscal'"):
        select(problem([1, 2], ["A", "B"], sizes=(1,), quotas=[Quota("fiscal", max=1)]))


def test_missing_score_names_the_region():
    cands = make_candidates(["11.01", "11.02"], [1.0, np.nan], {"province": ["A", "B"]})
    with pytest.raises(InputError, match=r"score .score. is missing or not finite for 11\.02"):
        select(SelectionProblem(cands, (Phase("P", 1),)))


def test_duplicate_codes_and_bad_phases():
    cands = make_candidates(["11.01", "11.01"], [1.0, 2.0])
    with pytest.raises(InputError, match=r"duplicate candidate codes: 11\.01"):
        select(SelectionProblem(cands, (Phase("P", 1),)))
    with pytest.raises(ConfigError, match="no phases given"):
        select(SelectionProblem(make_candidates(["11.01"], [1.0]), ()))


def test_expected_score_needs_samples():
    with pytest.raises(ConfigError, match="needs uncertainty samples"):
        select(problem([1, 2], ["A", "B"], sizes=(1,), objective="expected_score"))


def test_flow_method_refused_when_quotas_cross():
    p = problem(
        [1, 2, 3],
        ["A", "A", "B"],
        types=["kota", "kabupaten", "kota"],
        sizes=(1,),
        quotas=[Quota("province", max=1), Quota("type", value="kota", max=1)],
    )
    with pytest.raises(ConfigError, match="not nested"):
        select(p, method="flow")


def test_ordinal_rule_reports_classes_short():
    rule = EligibilityRule("fiscal", min="sedang", order=("rendah", "sedang", "tinggi"))
    assert check_rule(rule, "tinggi") is None
    failure = check_rule(rule, "rendah")
    assert failure is not None
    assert (failure.text, failure.shortfall) == (
        "fiscal 'rendah' is below the minimum 'sedang' (1 class short)",
        1,
    )
    assert check_rule(EligibilityRule("x", allowed=("a",)), "b").text == "x 'b' is not one of ['a']"


def test_numeric_classes_match_text_labels():
    rule = EligibilityRule("ekppd", min="3", order=("1", "2", "3", "4"))
    assert check_rule(rule, 4.0) is None
    assert check_rule(rule, 2.0).text == "ekppd '2' is below the minimum '3' (1 class short)"
