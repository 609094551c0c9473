"""The Monte Carlo entry point: nominal equality, agreement with the naive method, invariance, failures."""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pytest

from kotacerdas.engine.uncertainty import as_generator, parse_factors, run_uncertainty
from kotacerdas.engine.uncertainty.kernel import evaluate, prepare, ranks_of
from kotacerdas.engine.uncertainty.stats import RankAccumulator, summarise_chunk
from kotacerdas.errors import ConfigError

from .factories import ALL_FACTORS, COINR_EXAMPLE, synthetic_problem
from .reference import naive_ranks, naive_scores

ARRAYS = ("median_rank", "q05", "q95", "p_top", "mean_abs_shift", "ranked_samples", "sample_shift")


def assert_same(a: object, b: object) -> None:
    for name in ARRAYS:
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)
    assert {k: v.tolist() for k, v in a.failures.items()} == {k: v.tolist() for k, v in b.failures.items()}  # type: ignore[attr-defined]


def test_one_unperturbed_sample_equals_the_nominal_index() -> None:
    problem = synthetic_problem()
    factors = parse_factors({"weights": {"noise": 0.0}}, problem)
    result = run_uncertainty(problem, factors, samples=1, rng=0, top=5)
    assert result.failed == 0
    np.testing.assert_array_equal(result.median_rank, result.nominal_rank.astype(float))
    np.testing.assert_array_equal(result.q05, result.q95)
    assert result.mean_abs_shift.tolist() == [0.0] * 60
    assert result.p_top.tolist() == (result.nominal_rank <= 5).astype(float).tolist()
    draws = np.full((1, len(prepare(problem, factors).layout.names)), 0.5)
    scores, reasons = naive_scores(problem, factors, draws)
    assert reasons == [None]
    np.testing.assert_allclose(result.nominal_score, scores[0], rtol=1e-13, atol=0)
    assert result.nominal_rank.tolist() == naive_ranks(problem, factors, draws)[0].tolist()


def test_vectorised_kernel_agrees_with_the_naive_rebuild() -> None:
    problem = synthetic_problem()
    factors = parse_factors(ALL_FACTORS, problem)
    prepared = prepare(problem, factors)
    draws = np.random.default_rng(3).random((64, len(prepared.layout.names)))
    scores, reasons = evaluate(prepared, draws)
    expected_scores, expected_reasons = naive_scores(problem, factors, draws)
    assert [r is None for r in reasons] == [r is None for r in expected_reasons]
    assert sum(r is not None for r in reasons) == 7
    ok = [r is None for r in reasons]
    np.testing.assert_allclose(scores[ok], expected_scores[ok], rtol=1e-12, atol=1e-12)
    assert ranks_of(scores, reasons).tolist() == naive_ranks(problem, factors, draws).tolist()


def test_results_do_not_depend_on_chunk_size() -> None:
    problem = synthetic_problem()
    factors = parse_factors(ALL_FACTORS, problem)
    runs = [run_uncertainty(problem, factors, samples=300, rng=11, top=10, chunk_size=c) for c in (1, 7, 300)]
    for other in runs[1:]:
        assert_same(runs[0], other)


def test_failed_samples_are_counted_with_their_reason() -> None:
    problem = synthetic_problem()
    spec = {**COINR_EXAMPLE, "normalise": [{"method": "zscore", "mean": 0, "sd": 1}]}
    result = run_uncertainty(problem, parse_factors(spec, problem), samples=200, rng=0)
    assert list(result.failures) == ["geometric mean of zero or negative values after zscore(0, 1)"]
    assert result.failed == 94
    assert result.ranked_samples.tolist() == [106] * 60
    assert np.isnan(result.sample_shift[result.failures[next(iter(result.failures))]]).all()
    assert result.summary()["failures"] == {
        "geometric mean of zero or negative values after zscore(0, 1)": 94
    }


def test_seed_zero_is_a_seed() -> None:
    problem = synthetic_problem()
    factors = parse_factors(COINR_EXAMPLE, problem)
    a = run_uncertainty(problem, factors, samples=50, rng=0)
    b = run_uncertainty(problem, factors, samples=50, rng=np.random.default_rng(0))
    assert_same(a, b)
    assert as_generator(0).random() == np.random.default_rng(0).random()
    c = run_uncertainty(problem, factors, samples=50, rng=1)
    assert not np.array_equal(a.sample_shift, c.sample_shift)


def test_histogram_and_stored_rank_accumulators_match_numpy_quantiles() -> None:
    rng = np.random.default_rng(5)
    ranks = np.stack([rng.permutation(9) + 1 for _ in range(40)]).astype(np.int32)
    nominal = np.arange(1, 10, dtype=np.int32)
    out = []
    for keep in (True, False):
        acc = RankAccumulator(9, keep_ranks=keep)
        for start in range(0, 40, 16):
            block = ranks[start : start + 16]
            acc.add(
                summarise_chunk(
                    start, block, [None] * len(block), nominal, 3, np.ones(len(block), bool), keep
                )
            )
        out.append(acc.quantiles())
    np.testing.assert_array_equal(out[0], out[1])
    np.testing.assert_allclose(out[0], np.quantile(ranks, [0.05, 0.5, 0.95], axis=0), rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"weigths": {"noise": 0.2}}, "unknown factor 'weigths'"),
        ({"weights": {"noise": 1.2}}, "makes weights negative"),
        ({"weights": {"noise": 0.2, "levels": [4]}}, "level 4 has no weights"),
        (
            {"normalise": [{"method": "softmax"}]},
            r"normalise\[1\]\.method: 'softmax' is not one of none, minmax",
        ),
        (
            {"normalise": [{"method": "minmax", "range": [5, 1]}]},
            r"normalise\[1\]\.range: lower 5.0 must be below",
        ),
        ({"aggregate": [{"method": "median"}]}, r"aggregate\[1\]\.method: 'median' is not one of arithmetic"),
        (
            {"aggregate": [{"method": "mazziotta_pareto"}]},
            "mazziotta_pareto cannot be varied sample by sample",
        ),
        ({"aggregate": [{"method": "geometric", "min_availability": 0.5}]}, "min_availability factor"),
        ({"impute": [{"method": "latest"}]}, "latest fills panel data"),
        ({"exclude": ["NOPE"]}, "unknown indicator 'NOPE'"),
        ({"treat": {"winmax": [2]}}, "no treated data for winmax=2"),
        ({"treat": {"winmax": 3}}, "treat needs"),
        ({"impute": [{"method": "group_mean", "group": "island"}]}, "needs group"),
    ],
)
def test_bad_factors_are_config_errors(spec: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_factors(spec, synthetic_problem())


def test_bad_arguments_are_config_errors() -> None:
    problem = synthetic_problem()
    factors = parse_factors(COINR_EXAMPLE, problem)
    with pytest.raises(ConfigError, match="not a power of two") as err:
        run_uncertainty(problem, factors, samples=1000, rng=0, sensitivity=True)
    assert err.value.hint == "use 512 or 1024"
    with pytest.raises(ConfigError, match="top must be between 1 and the number of units"):
        run_uncertainty(problem, factors, samples=10, rng=0, top=61)


def test_sobol_indices_of_the_rank_shift() -> None:
    problem = synthetic_problem()
    spec = {**COINR_EXAMPLE, "normalise": [{"method": "minmax", "range": [1, 100]}, {"method": "rank"}]}
    result = run_uncertainty(
        problem, parse_factors(spec, problem), samples=256, rng=0, sensitivity=True, bootstrap=200
    )
    table = result.sensitivity
    assert table is not None
    assert result.samples == 256 * 5
    assert result.ranked_samples.tolist() == [512] * 60
    assert table.factors == ("weights", "normalise", "aggregate")
    assert [row["factor"] for row in result.sensitivity_rows()] == ["weights", "normalise", "aggregate"]
    assert np.all(table.total_order + table.total_order_conf >= table.first_order - table.first_order_conf)
    assert np.all((table.total_order > 0) & (table.total_order < 1.2))


def test_progress_callback_sees_every_sample() -> None:
    seen: list[tuple[int, int]] = []
    problem = synthetic_problem()
    run_uncertainty(
        problem,
        parse_factors(COINR_EXAMPLE, problem),
        samples=25,
        rng=0,
        chunk_size=10,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(10, 25), (20, 25), (25, 25)]


def test_result_records_method_and_versions() -> None:
    problem = synthetic_problem()
    result = run_uncertainty(problem, parse_factors(COINR_EXAMPLE, problem), samples=8, rng=4)
    assert result.method["factors"] == ("weights", "normalise", "aggregate")
    assert result.method["seed"] == 4
    assert set(result.method["versions"]) == {"kotacerdas", "numpy", "scipy", "SALib"}
    assert [f.name for f in fields(result)][:3] == ["units", "nominal_score", "nominal_rank"]
    assert [row["nominal_rank"] for row in result.rank_rows()] == sorted(result.nominal_rank.tolist())
