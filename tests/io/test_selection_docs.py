"""Every SELECTION.yaml example in docs/selection.md parses and solves on registry candidates."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from kotacerdas.engine.selection import select
from kotacerdas.io.registry import load_registry
from kotacerdas.io.selection_config import build_problem, load_selection_config
from kotacerdas.io.selection_inputs import read_scores

DOC = Path(__file__).resolve().parents[2] / "docs" / "selection.md"
EXAMPLES = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
FISCAL = ["sangat rendah", "rendah", "sedang", "tinggi", "sangat tinggi"]
EKPPD = ["rendah", "sedang", "tinggi", "sangat tinggi"]


def scores_file(tmp_path: Path, score: str) -> Path:
    """All 514 regions with a seeded score and the attribute columns the examples use."""
    rng = np.random.default_rng(0)
    lines = [f"code,{score},fiscal_class,ekppd_status,invited"]
    for r in load_registry():
        lines.append(
            f"{r.code},{rng.uniform(30, 100):.2f},{FISCAL[2 + rng.integers(3)]},{EKPPD[2 + rng.integers(2)]},"
            f"{'yes' if rng.random() < 0.7 else 'no'}"
        )
    path = tmp_path / "scores.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_doc_has_the_documented_examples():
    assert len(EXAMPLES) == 4


@pytest.mark.parametrize("text", EXAMPLES, ids=["issue", "2018", "maxmin", "expected"])
def test_doc_example_parses_and_solves(tmp_path, text):
    (tmp_path / "SELECTION.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "cohort_2017.csv").write_text("code,year\n32.73,2017\n", encoding="utf-8")
    config = load_selection_config(tmp_path / "SELECTION.yaml")
    problem = build_problem(config, read_scores(scores_file(tmp_path, config.score), config.score))
    result = select(problem, thresholds=False)
    assert len(result.selected) == problem.slots
    assert all(d.reason for d in result.decisions)
