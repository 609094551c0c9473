"""``index uncertainty --save-scores`` → ``select --samples``: the chain on the SYNTHETIC demo data.

The saved samples are the engine's per-sample index scores bit for bit (whatever the chunk size), the
file reads back into ``select`` unchanged, and the probabilities of selection over it behave.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest

from kotacerdas.cli import main
from kotacerdas.demo.data import demo_data
from kotacerdas.engine.indicators import build_index
from kotacerdas.engine.uncertainty import ScoreChunk, parse_factors, run_uncertainty
from kotacerdas.engine.uncertainty.adapter import from_index_result
from kotacerdas.io.index_tables import read_table
from kotacerdas.io.selection_inputs import read_samples, read_scores
from kotacerdas.io.uncertainty_output import read_factors

# Weights ±25 % on indicators and pillars; geometric means after minmax 0–100 meet zeros and fail.
FACTORS = """\
weights: {noise: 0.25, levels: [1, 2]}
normalise: [{method: minmax, range: [1, 100]}, {method: minmax, range: [0, 100]}]
aggregate: [{method: arithmetic}, {method: geometric}]
"""
SELECTION = """\
score: Kesiapan
phases: [{name: "2027", size: 25}]
quotas: [{by: island_group, min: 2}]
uncertainty: {marginal: [0.2, 0.8]}
"""
SAMPLES, SEED = 60, 3


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Demo data, factors and selection files, the index built, and the uncertainty run with saved scores."""
    root = tmp_path_factory.mktemp("chain")
    data, meta = demo_data(0)
    data.to_csv(root / "data.csv", index=False)
    meta.to_csv(root / "meta.csv", index=False)
    (root / "factors.yaml").write_text(FACTORS, encoding="utf-8")
    (root / "SELECTION.yaml").write_text(SELECTION, encoding="utf-8")
    assert main(["index", "build", *inputs(root)[:4], "--out", str(root / "idx")]) == 0
    assert main([*uncertainty_args(root), "--out", str(root / "unc")]) == 0
    return root


def inputs(root: Path) -> list[str]:
    return ["--data", str(root / "data.csv"), "--meta", str(root / "meta.csv"), "--factors", str(root / "factors.yaml")]  # fmt: skip


def uncertainty_args(root: Path) -> list[str]:
    return ["index", "uncertainty", *inputs(root), "--samples", str(SAMPLES), "--seed", str(SEED), "--save-scores"]  # fmt: skip


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def engine_samples(root: Path) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """The same run through the engine directly: (units, sample index, samples × units scores)."""
    built = build_index(read_table(str(root / "data.csv")), read_table(str(root / "meta.csv")), None,
                        data_name=str(root / "data.csv"), meta_name=str(root / "meta.csv"), config_name="config")  # fmt: skip
    spec = read_factors(root / "factors.yaml")
    problem = from_index_result(built, reimpute="impute" in spec, treat=spec.get("treat"))
    chunks: list[ScoreChunk] = []
    run_uncertainty(
        problem, parse_factors(spec, problem), samples=SAMPLES, rng=SEED, score_sink=chunks.append
    )
    return (
        problem.units,
        np.concatenate([c.index for c in chunks]),
        np.concatenate([c.scores for c in chunks]),
    )


def test_saved_samples_are_the_engines_scores_exactly(demo: Path) -> None:
    rows = read_rows(demo / "unc" / "score_samples.csv")
    units, index, scores = engine_samples(demo)
    assert rows[0] == ["uCode", *(f"sample_{i}" for i in index.tolist())]
    assert [r[0] for r in rows[1:]] == list(units)
    saved = np.array([[float(v) for v in r[1:]] for r in rows[1:]])
    np.testing.assert_array_equal(saved, scores.T)
    # Seed 3: 16 of the 60 samples fail (geometric mean after minmax 0–100) and are left out.
    assert saved.shape == (514, 44)
    missing = sorted(set(range(SAMPLES)) - {int(h.removeprefix("sample_")) for h in rows[0][1:]})
    assert missing == [5, 7, 9, 13, 14, 16, 20, 24, 25, 27, 31, 32, 47, 49, 51, 56]
    summary = json.loads((demo / "unc" / "summary.json").read_text(encoding="utf-8"))
    assert summary["failed"] == 16
    assert summary["score_samples"] == {
        "file": "score_samples.csv",
        "columns": 44,
        "column_names": "sample_<i>, i = the sample's 0-based position among the 60 samples",
        "failed_left_out": 16,
        "seed": 3,
        "nominal_score_column": "nominal_score",
        "nominal_score_file": "ranks.csv",
        "index_column": "Kesiapan",
    }


@pytest.mark.parametrize("chunk", ["1", "7", "60"])
def test_same_seed_same_file_whatever_the_chunk_size(demo: Path, tmp_path: Path, chunk: str) -> None:
    out = tmp_path / f"unc{chunk}"
    assert main([*uncertainty_args(demo), "--chunk-size", chunk, "--out", str(out)]) == 0
    assert (out / "score_samples.csv").read_bytes() == (demo / "unc" / "score_samples.csv").read_bytes()


def test_without_the_flag_no_samples_file_is_written(demo: Path, tmp_path: Path) -> None:
    args = [a for a in uncertainty_args(demo) if a != "--save-scores"]
    assert main([*args, "--out", str(tmp_path / "plain")]) == 0
    assert not (tmp_path / "plain" / "score_samples.csv").exists()
    summary = json.loads((tmp_path / "plain" / "summary.json").read_text(encoding="utf-8"))
    assert "score_samples" not in summary
    ranks = read_rows(tmp_path / "plain" / "ranks.csv")
    assert ranks == read_rows(demo / "unc" / "ranks.csv")


def test_samples_round_trip_into_select(demo: Path) -> None:
    candidates = read_scores(demo / "idx" / "scores.csv", "Kesiapan")
    draws = read_samples(demo / "unc" / "score_samples.csv", candidates)
    units, _, scores = engine_samples(demo)
    position = {code: i for i, code in enumerate(units)}
    np.testing.assert_array_equal(draws, scores[:, [position[c] for c in candidates.codes]])


def test_select_with_the_samples_gives_probabilities_and_flags(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sel"
    args = ["select", "--scores", str(demo / "idx" / "scores.csv"), "--config", str(demo / "SELECTION.yaml"),
            "--samples", str(demo / "unc" / "score_samples.csv"), "--out", str(out), "--no-thresholds"]  # fmt: skip
    capsys.readouterr()
    assert main(args) == 0
    printed = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO((out / "decisions.csv").read_text(encoding="utf-8"))))
    p = {r["code"]: float(r["p_selected"]) for r in rows}
    assert len(p) == 514 and all(0.0 <= v <= 1.0 for v in p.values())
    # Every draw selects exactly 25 regions (decisions.csv rounds p to 6 significant digits).
    assert sum(p.values()) == pytest.approx(25.0, abs=1e-5)
    selected = [r["code"] for r in rows if r["selected"] == "yes"]
    assert len(selected) == 25
    mean_in = np.mean([p[c] for c in selected])
    mean_out = np.mean([v for c, v in p.items() if c not in selected])
    assert mean_in > mean_out
    # The nominal 25 have by far the highest probabilities on average (seed 3, 44 draws).
    assert (round(float(mean_in), 6), round(float(mean_out), 6)) == (0.825454, 0.008924)
    top25 = sorted(p, key=lambda c: (-p[c], c))[:25]
    assert len(set(top25) & set(selected)) == 24  # 24 of the 25 most often selected are the nominal 25
    marginal = {r["code"]: r["p_selected"] for r in rows if r["marginal"] == "yes"}
    for r in rows:
        assert (r["marginal"] == "yes") == (0.2 < float(r["p_selected"]) < 0.8), r["code"]
    assert marginal == {
        "11.74": "0.681818", "12.71": "0.613636", "13.11": "0.522727", "33.01": "0.295455", "33.29": "0.272727",
        "34.71": "0.522727", "35.07": "0.409091", "35.26": "0.363636", "36.73": "0.613636", "53.01": "0.386364",
        "53.02": "0.613636", "62.11": "0.25", "63.10": "0.340909", "63.72": "0.636364", "64.11": "0.75",
        "74.01": "0.318182", "74.03": "0.386364", "74.09": "0.681818", "74.71": "0.272727", "75.71": "0.25",
        "95.01": "0.386364", "95.05": "0.613636",
    }  # fmt: skip
    assert "stability over 44 draws: 22 marginal regions (selected in 20%–80% of draws)" in printed


def test_samples_option_replaces_configured_noise(demo: Path, tmp_path: Path) -> None:
    config = tmp_path / "SELECTION.yaml"
    config.write_text(
        SELECTION.replace("{marginal: [0.2, 0.8]}", "{sd: 5.0, draws: 7, marginal: [0.2, 0.8]}")
    )
    args = ["select", "--scores", str(demo / "idx" / "scores.csv"), "--config", str(config),
            "--samples", str(demo / "unc" / "score_samples.csv"), "--out", str(tmp_path / "sel"), "--no-thresholds"]  # fmt: skip
    assert main(args) == 0
    # The 44 draws come from the file, not from the configured noise (7 draws).
    rows = list(csv.DictReader(io.StringIO((tmp_path / "sel" / "decisions.csv").read_text(encoding="utf-8"))))
    assert {r["code"]: r["p_selected"] for r in rows}["64.11"] == "0.75"
    assert sum(r["marginal"] == "yes" for r in rows) == 22


def test_a_draw_that_is_not_a_number_is_refused(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = (demo / "unc" / "score_samples.csv").read_text(encoding="utf-8").splitlines()
    cells = lines[3].split(",")
    cells[2] = "nan"
    lines[3] = ",".join(cells)
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["select", "--scores", str(demo / "idx" / "scores.csv"), "--config", str(demo / "SELECTION.yaml"),
            "--samples", str(bad), "--out", str(tmp_path / "sel")]  # fmt: skip
    assert main(args) == 2
    assert "bad.csv" in capsys.readouterr().err
    assert not (tmp_path / "sel").exists()
