"""Under CI every property test runs the project's derandomised profile, in which nothing is timed.

The profile states its deadline and health checks itself: it used to inherit them from the profile
Hypothesis loads when it detects CI, which a change of Hypothesis or of the CI variables could undo."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


@pytest.mark.skipif(not os.environ.get("CI"), reason="the ci profile is loaded under CI only")
def test_the_ci_profile_replays_the_same_examples_and_times_nothing() -> None:
    active = settings()
    assert active.derandomize is True and active.database is None
    assert active.deadline is None  # the default 200 ms per example fails a correct test on a loaded machine
    assert HealthCheck.too_slow in active.suppress_health_check


@pytest.mark.skipif(not os.environ.get("CI"), reason="the ci profile is loaded under CI only")
def test_a_test_that_sets_only_its_example_count_keeps_the_profile() -> None:
    @settings(max_examples=3)
    @given(st.integers())
    def inner(_: int) -> None:
        pass

    chosen = inner._hypothesis_internal_use_settings  # type: ignore[attr-defined]
    assert chosen.derandomize is True and chosen.deadline is None
