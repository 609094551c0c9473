"""The index build and the Monte Carlo run the same kernels, and the reference really is independent."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kotacerdas.engine.indicators import build_index
from kotacerdas.engine.uncertainty import parse_factors, run_uncertainty
from kotacerdas.engine.uncertainty.adapter import from_index_result
from kotacerdas.engine.uncertainty.kernel import evaluate, prepare

from .factories import synthetic_problem
from .reference import naive_scores

NORMALISATIONS = [
    {"method": "minmax", "range": [1, 100]},
    {"method": "zscore", "mean": 10, "sd": 2},
    {"method": "rank"},
    {"method": "percentile_rank"},
    {"method": "distance_to_target", "cap": True},
    {"method": "goalposts", "lower": -1, "upper": 8, "scale": 100},
]


def small_index(normalise: dict[str, object]) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, object]]:
    rng = np.random.default_rng(8)
    values = rng.lognormal(size=(25, 6))
    values[rng.random(values.shape) < 0.1] = np.nan
    data = pd.DataFrame(values, columns=[f"i{j}" for j in range(6)])
    data.insert(0, "Region_group", ["a", "b", "c", "d", "e"] * 5)
    data.insert(0, "uCode", [f"U{k:02d}" for k in range(25)])
    rows = [{"iCode": f"i{j}", "Level": 1, "Parent": f"P{j % 2}", "Type": "Indicator",
             "Direction": -1 if j == 3 else 1, "Weight": 1 + j % 3, "Target": 9.0 if j % 2 else -0.5}
            for j in range(6)]  # fmt: skip
    rows += [
        {"iCode": f"P{k}", "Level": 2, "Parent": "Idx", "Type": "Aggregate", "Weight": 1} for k in range(2)
    ]
    rows.append({"iCode": "Idx", "Level": 3, "Type": "Aggregate", "Weight": 1})
    rows.append({"iCode": "Region_group", "Type": "Group"})
    config = {"impute": {"method": "group_mean", "group": "Region_group"}, "normalise": normalise}
    return data, pd.DataFrame(rows), config


@pytest.mark.parametrize("normalise", NORMALISATIONS, ids=lambda n: str(n["method"]))
def test_the_monte_carlo_normalises_as_the_build_does_bit_for_bit(normalise: dict[str, object]) -> None:
    data, meta, config = small_index(normalise)
    built = build_index(data, meta, config)
    problem = replace(from_index_result(built), normalised=None)  # the Monte Carlo normalises itself
    factors = parse_factors({"weights": {"noise": 0.0}}, problem)
    mine = prepare(problem, factors).variants[0, 0, 0]
    assert not isinstance(mine, str)
    np.testing.assert_array_equal(mine, built.normalised.reindex(columns=list(problem.indicators)).to_numpy())
    result = run_uncertainty(problem, factors, samples=1, rng=0)
    assert result.nominal_rank.tolist() == built.ranks.reindex(list(problem.units)).tolist()


@pytest.mark.parametrize("normalise", NORMALISATIONS, ids=lambda n: str(n["method"]))
def test_every_normalisation_can_vary_and_agrees_with_the_reference(normalise: dict[str, object]) -> None:
    problem = replace(synthetic_problem(), targets=np.full(12, 9.0))
    spec = {"weights": {"noise": 0.3}, "normalise": [{"method": "minmax", "range": [1, 100]}, normalise],
            "impute": [{"method": "mean"}, {"method": "group_median", "group": "region"}]}  # fmt: skip
    factors = parse_factors(spec, problem)
    prepared = prepare(problem, factors)
    draws = np.random.default_rng(6).random((24, len(prepared.layout.names)))
    scores, reasons = evaluate(prepared, draws)
    expected, expected_reasons = naive_scores(problem, factors, draws)
    assert [r is None for r in reasons] == [r is None for r in expected_reasons]
    ok = [r is None for r in reasons]
    np.testing.assert_allclose(scores[ok], expected[ok], rtol=1e-11, atol=1e-11)


def test_the_reference_imports_nothing_of_the_engine() -> None:
    tree = ast.parse((Path(__file__).parent / "reference.py").read_text(encoding="utf-8"))
    imported = {
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in ([a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""])
    }
    assert imported <= {"__future__", "typing", "numpy", "numpy.typing"}
