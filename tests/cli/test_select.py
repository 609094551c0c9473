"""``kotacerdas select`` end to end: files written, summary printed, clear errors with exit code 2."""

from __future__ import annotations

import csv
import io

from kotacerdas.cli import main

CONFIG = """\
score: Index
phases: [{name: "2027", size: 2}, {name: "2028", size: 1}]
eligibility: [{column: Index, min: 40}]
exclude: [63.71]
quotas:
  - {by: island_group, max: 1}
"""

SCORES = "code,Index\n63.71,99\n63.72,80\n32.73,70\n32.71,60\n11.01,50\n11.02,30\n"


def setup(tmp_path, config=CONFIG, scores=SCORES):
    (tmp_path / "SELECTION.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "scores.csv").write_text(scores, encoding="utf-8")
    return [
        "select",
        "--scores",
        str(tmp_path / "scores.csv"),
        "--config",
        str(tmp_path / "SELECTION.yaml"),
        "--out",
        str(tmp_path / "out"),
    ]


def test_select_writes_selection_and_prints_summary(tmp_path, capsys):
    assert main(setup(tmp_path)) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("selected 3 of 6 candidates (4 eligible) by flow in ")
    assert "island_group  Kalimantan" in out
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "selection.csv").read_text(encoding="utf-8"))))
    assert {r["code"]: (r["selected"], r["phase"]) for r in rows} == {
        "63.71": ("no", ""),
        "63.72": ("yes", "2027"),
        "32.73": ("yes", "2027"),
        "32.71": ("yes", "2028"),
        "11.01": ("no", ""),
        "11.02": ("no", ""),
    }
    reasons = {r["code"]: r["reason"] for r in rows}
    assert reasons["63.71"] == "excluded: listed under exclude in the configuration"
    assert reasons["11.02"] == "ineligible: Index 30 is 10 below the minimum 40"
    # Jawa's second region waits for 2028: the 2027 Jawa seat is taken by a readier region.
    assert reasons["32.71"] == "selected for phase 2028: score 60, rank 3 of 4 eligible"
    assert reasons["11.01"] == (
        "below the cut-off: score 50 is 10 below the cut-off 60; it would enter with a score above 60"
    )


def test_infeasible_config_exits_2_with_the_conflict_and_writes_nothing(tmp_path, capsys):
    config = CONFIG.replace("max: 1", "min: 2")
    assert main(setup(tmp_path, config=config)) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error [selection_infeasible]: no selection satisfies all rules and quotas: ")
    assert (
        "min 2 per island_group in each phase: 2 × 3 island_group groups = 6 > 2 slots in phase 2027" in err
    )
    assert not (tmp_path / "out").exists()


def test_bad_scores_file_names_row_and_column(tmp_path, capsys):
    assert main(setup(tmp_path, scores=SCORES.replace("32.71,60", "32.71,sixty"))) == 2
    err = capsys.readouterr().err
    assert (
        err.strip()
        == f"Error [not_a_number]: {tmp_path / 'scores.csv'}, row 5, column 'Index': score 'sixty' is not a number"
    )
    assert not (tmp_path / "out").exists()


def test_bad_config_names_the_key(tmp_path, capsys):
    assert main(setup(tmp_path, config=CONFIG.replace("max: 1", "most: 1"))) == 2
    err = capsys.readouterr().err
    assert "SELECTION.yaml: key 'quotas[0].most': unknown key" in err


def test_missing_file_is_a_usage_error(tmp_path, capsys):
    args = setup(tmp_path)
    args[2] = str(tmp_path / "nope.csv")
    assert main(args) == 2
    assert "does not exist" in capsys.readouterr().err


def test_stability_from_noise_flags_marginal_regions(tmp_path, capsys):
    config = CONFIG + "uncertainty: {sd: 15.0, draws: 50, seed: 0, marginal: [0.1, 0.9]}\n"
    assert main(setup(tmp_path, config=config)) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("stability over 50 draws: "))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "decisions.csv").read_text(encoding="utf-8"))))
    marginal = [r["code"] for r in rows if r["marginal"] == "yes"]
    assert line.startswith(
        f"stability over 50 draws: {len(marginal)} marginal regions (selected in 10%–90% of draws)"
    )
    # Seeded noise (seed 0): the probabilities of the four eligible regions sum to the 3 slots.
    assert {r["code"]: r["p_selected"] for r in rows} == {
        "63.71": "",
        "63.72": "1",
        "32.73": "0.92",
        "32.71": "0.72",
        "11.01": "0.36",
        "11.02": "",
    }
    assert marginal == ["32.71", "11.01"]
    assert line.endswith(": 32.71, 11.01")


def test_select_reads_the_scores_of_index_build(tmp_path, capsys):
    """``index build`` writes scores.csv with uCode and one column per aggregate; select takes it as is."""
    from kotacerdas.demo.data import demo_data

    data, meta = demo_data(0)
    data.to_csv(tmp_path / "data.csv", index=False)
    meta.to_csv(tmp_path / "meta.csv", index=False)
    build = [
        "index",
        "build",
        "--data",
        str(tmp_path / "data.csv"),
        "--meta",
        str(tmp_path / "meta.csv"),
        "--out",
        str(tmp_path / "idx"),
    ]
    assert main(build) == 0
    config = "score: Kesiapan\nphases: [{name: '2027', size: 25}]\nquotas: [{by: island_group, min: 2}]\n"
    (tmp_path / "SELECTION.yaml").write_text(config, encoding="utf-8")
    capsys.readouterr()
    args = [
        "select",
        "--scores",
        str(tmp_path / "idx" / "scores.csv"),
        "--config",
        str(tmp_path / "SELECTION.yaml"),
        "--out",
        str(tmp_path / "out"),
    ]
    assert main(args) == 0
    assert capsys.readouterr().out.startswith("selected 25 of 514 candidates (514 eligible) by flow in ")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "summary.csv").read_text(encoding="utf-8"))))
    islands = {r["value"]: int(r["selected"]) for r in rows if r["by"] == "island_group"}
    # Seeded SYNTHETIC demo index (seed 0): Jawa and Sumatera lead, every other group gets its minimum of 2.
    assert islands == {
        "Bali-Nusa Tenggara": 2,
        "Jawa": 9,
        "Kalimantan": 2,
        "Maluku": 2,
        "Papua": 2,
        "Sulawesi": 2,
        "Sumatera": 6,
    }
