"""Agreement statistics against published worked examples."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kotacerdas.engine.review.agreement import krippendorff_alpha, shrout_fleiss_icc
from kotacerdas.errors import MethodError

NA = np.nan
#: Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section E: 4 observers
#: (rows A–D) × 12 units with missing data. Transposed below to units × raters.
KRIPPENDORFF_2011 = np.array(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3],
        [NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA],
    ]
).T

#: Shrout & Fleiss (1979), Table 2: 6 targets × 4 judges.
SHROUT_FLEISS_1979 = np.array(
    [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]], dtype=float
)


@pytest.mark.parametrize(
    ("level", "published", "computed"),
    [
        ("nominal", 0.743, 0.7434210526315789),
        ("ordinal", 0.815, 0.8153875037548813),
        ("interval", 0.849, 0.8491071428571428),
        ("ratio", 0.797, 0.7974027747116121),
    ],
)
def test_krippendorff_2011_worked_example(level, published, computed):
    result = krippendorff_alpha(KRIPPENDORFF_2011, level)
    assert round(result.alpha, 3) == published
    assert result.alpha == pytest.approx(computed, abs=1e-12)
    # unit 12 has a single value and is not pairable; 40 pairable values remain
    assert result.units_used == 11
    assert result.pairable_values == 40


def test_krippendorff_nominal_exact_fraction():
    # Krippendorff (2011): alpha = 1 - (n - 1) * 4 / 608 with n = 40 pairable values (sums over c < k)
    result = krippendorff_alpha(KRIPPENDORFF_2011, "nominal")
    assert result.alpha == pytest.approx(1 - 39 * 4 / 608, abs=1e-15)
    assert result.observed_disagreement * 40 == pytest.approx(8.0, abs=1e-12)
    assert result.expected_disagreement * 40 * 39 == pytest.approx(1216.0, abs=1e-9)


@pytest.mark.parametrize(
    ("form", "published"),
    [("icc1", 0.17), ("icc2", 0.29), ("icc3", 0.71), ("icc1k", 0.44), ("icc2k", 0.62), ("icc3k", 0.91)],
)
def test_shrout_fleiss_1979_table_2(form, published):
    result = shrout_fleiss_icc(SHROUT_FLEISS_1979)
    assert round(getattr(result, form), 2) == published


def test_shrout_fleiss_mean_squares():
    result = shrout_fleiss_icc(SHROUT_FLEISS_1979)
    # Shrout & Fleiss (1979) Table 2 ANOVA: BMS 11.24, WMS 6.26, JMS 32.49, EMS 1.02
    assert (round(result.bms, 2), round(result.wms, 2), round(result.jms, 2), round(result.ems, 2)) == (
        11.24,
        6.26,
        32.49,
        1.02,
    )
    assert result.as_dict()["ICC3k"] == result.icc3k


def test_icc_drops_incomplete_targets():
    data = np.vstack([SHROUT_FLEISS_1979, [1, NA, 2, 3]])
    result = shrout_fleiss_icc(data)
    assert result.dropped_targets == 1
    assert result.icc1 == pytest.approx(shrout_fleiss_icc(SHROUT_FLEISS_1979).icc1, abs=1e-15)


def test_alpha_errors_are_method_errors():
    with pytest.raises(MethodError, match="unknown level"):
        krippendorff_alpha(KRIPPENDORFF_2011, "cardinal")  # type: ignore[arg-type]
    with pytest.raises(MethodError, match="identical"):
        krippendorff_alpha([[1, 1], [1, 1]], "nominal")
    with pytest.raises(MethodError, match="no unit"):
        krippendorff_alpha([[1, NA], [NA, 2]], "nominal")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(st.integers(1, 5), min_size=3, max_size=3), min_size=3, max_size=12),
    st.permutations([1, 2, 3, 4, 5]),
)
def test_nominal_alpha_ignores_labels(rows, perm):
    data = np.array(rows, dtype=float)
    assume(len(np.unique(data)) >= 2)  # alpha is undefined when every rating is the same
    relabelled = np.vectorize(lambda v: perm[int(v) - 1])(data).astype(float)
    assert krippendorff_alpha(relabelled, "nominal").alpha == pytest.approx(
        krippendorff_alpha(data, "nominal").alpha, abs=1e-12
    )


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 9), min_size=2, max_size=15, unique=True))
def test_perfect_agreement_gives_alpha_one(values):
    data = np.array([[v, v, v] for v in values], dtype=float)
    for level in ("nominal", "ordinal", "interval"):
        assert krippendorff_alpha(data, level).alpha == 1.0


def test_icc_forms_with_a_zero_denominator_are_undefined_not_a_division_error():
    """Each rater constant (A always 3, B always 4): no between-target variance."""
    icc = shrout_fleiss_icc([[3, 4], [3, 4], [3, 4]])
    assert icc.undefined == ("ICC3", "ICC1k", "ICC3k")
    assert (icc.icc1, icc.icc2, icc.icc2k) == (-1.0, 0.0, 0.0)
    assert all(np.isnan(v) for v in (icc.icc3, icc.icc1k, icc.icc3k))


def test_icc_rounding_noise_in_a_constant_matrix_is_still_undefined():
    icc = shrout_fleiss_icc(np.full((4, 3), 0.1) + np.array([0.0, 1e-17, 0.0]))
    assert icc.undefined == ("ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k")


def test_icc_of_the_worked_example_has_no_undefined_form():
    assert shrout_fleiss_icc([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6]]).undefined == ()
