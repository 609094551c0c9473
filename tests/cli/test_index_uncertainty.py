"""``kotacerdas index uncertainty`` on the ASEM example: files, columns, and clean failures."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kotacerdas.cli import main

FACTORS = """\
weights: {noise: 0.25, levels: [2, 3]}   # each weight × U(1 − noise, 1 + noise), as COINr's get_noisy_weights
normalise:                               # one option drawn uniformly per sample
  - {method: minmax, range: [1, 100]}
  - {method: zscore, mean: 10, sd: 2}
aggregate: [{method: arithmetic}, {method: geometric}]
"""
CONFIG = """\
denominate: true
impute: {method: group_mean, group: EurAsia_group}
screen: {min_availability: 0.9}
treat: {method: winsorise, winmax: 5, skew: 2.0, kurtosis: 3.5, fallback: log}
normalise: {method: minmax, range: [0, 100]}
aggregate: {method: arithmetic}
"""


@pytest.fixture
def inputs(shared_data: Path, tmp_path: Path) -> list[str]:
    (tmp_path / "factors.yaml").write_text(FACTORS, encoding="utf-8")
    (tmp_path / "config.yaml").write_text(CONFIG, encoding="utf-8")
    asem = shared_data / "asem"
    return ["index", "uncertainty", "--data", str(asem / "ASEM_iData.csv"), "--meta", str(asem / "ASEM_iMeta.csv"),
            "--config", str(tmp_path / "config.yaml"), "--factors", str(tmp_path / "factors.yaml"), "--seed", "0"]  # fmt: skip


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_issue_example_writes_ranks_sensitivity_plot_and_summary(inputs: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main([*inputs, "--samples", "256", "--sensitivity", "--top", "5", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "rank_intervals.png", "rank_intervals.svg", "ranks.csv", "sensitivity.csv", "summary.json",
    ]  # fmt: skip
    ranks = read_csv(out / "ranks.csv")
    assert list(ranks[0])[:6] == ["uCode", "nominal_rank", "median_rank", "q05", "q95", "p_top"]
    assert len(ranks) == 51
    assert [r["nominal_rank"] for r in ranks][:3] == ["1", "2", "3"]
    assert ranks[0]["uCode"] == "CHE" and ranks[0]["p_top"] == "1.0"
    sens = read_csv(out / "sensitivity.csv")
    assert [r["factor"] for r in sens] == ["weights", "normalise", "aggregate"]
    assert list(sens[0])[:3] == ["factor", "first_order", "total_order"]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["samples"] == 256 * 5 and summary["failed"] == 0 and summary["top"] == 5
    assert (out / "rank_intervals.png").read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in (out / "rank_intervals.svg").read_bytes()[:400]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out-")]


def test_same_seed_same_files_with_the_vignettes_winmax_factor(inputs: list[str], tmp_path: Path) -> None:
    (tmp_path / "factors.yaml").write_text(FACTORS + "treat: {winmax: [1, 2, 3, 4, 5]}\n", encoding="utf-8")
    for name in ("a", "b"):
        assert main([*inputs, "--samples", "300", "--out", str(tmp_path / name)]) == 0
    assert (tmp_path / "a" / "ranks.csv").read_bytes() == (tmp_path / "b" / "ranks.csv").read_bytes()
    summary = json.loads((tmp_path / "a" / "summary.json").read_text(encoding="utf-8"))
    assert summary["method"]["factors"] == ["weights", "normalise", "aggregate", "treat"]


@pytest.mark.parametrize(
    ("factors", "extra", "message"),
    [
        ("weigths: {noise: 0.2}\n", [], "unknown factor 'weigths'"),
        ("weights: {noise: 1.5, levels: [2]}\n", [], "makes weights negative"),
        (FACTORS, ["--sensitivity"], "not a power of two, which Sobol sampling needs (use 512 or 1024)"),
        (
            FACTORS,
            ["--scheduler", "tcp://127.0.0.1:9"],
            "cannot reach the Dask scheduler at tcp://127.0.0.1:9",
        ),
    ],
)
def test_bad_input_exits_non_zero_and_writes_nothing(
    inputs: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    factors: str,
    extra: list[str],
    message: str,
) -> None:
    (tmp_path / "factors.yaml").write_text(factors, encoding="utf-8")
    out = tmp_path / "out"
    assert main([*inputs, "--samples", "1000", *extra, "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.yaml", "factors.yaml"]
