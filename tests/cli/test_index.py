"""``kotacerdas index build``: the ASEM example end to end, and every bad input of issue 2 §5 as one
clear error naming file, row and column, exit code 2, and nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from kotacerdas.cli import main

ASEM_CONFIG = """\
denominate: true
impute: {method: group_mean, group: EurAsia_group}
screen: {min_availability: 0.9}
treat: {method: winsorise, winmax: 5, skew: 2.0, kurtosis: 3.5, fallback: log}
normalise: {method: minmax, range: [0, 100]}
weights: meta
aggregate: {method: arithmetic}
"""
COINR_A = Path(__file__).parents[1] / "engine" / "indicators" / "data" / "coinr_A_aggregated.csv"


def test_cli_rebuilds_the_asem_example(shared_data, tmp_path, capsys):
    cfg = tmp_path / "asem.yaml"
    cfg.write_text(ASEM_CONFIG)
    out = tmp_path / "out"
    asem = shared_data / "asem"
    code = main(["index", "build", "--data", str(asem / "ASEM_iData.csv"), "--meta", str(asem / "ASEM_iMeta.csv"),
                 "--config", str(cfg), "--out", str(out), "--top", "3"])  # fmt: skip
    assert code == 0
    assert "CHE" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == [
        "imputed.csv", "normalised.csv", "provenance.json", "scores.csv", "treated.csv", "treated_points.csv",
    ]  # fmt: skip
    scores = pd.read_csv(out / "scores.csv").set_index("uCode")
    assert list(scores.columns) == ["Physical", "ConEcFin", "Political", "Instit", "P2P", "Environ", "Social",
                                    "SusEcFin", "Conn", "Sust", "Index", "Rank"]  # fmt: skip
    ref = pd.read_csv(COINR_A).set_index("uCode")
    assert (scores["Index"] - ref.loc[scores.index, "Index"]).abs().max() == 0.0  # repr round-trips doubles
    assert scores.loc["CHE", "Rank"] == 1
    prov = json.loads((out / "provenance.json").read_text())
    assert prov["settings"]["impute"] == {"method": "group_mean", "group": "EurAsia_group"}
    assert prov["treated_points"] == 35


def write(tmp_path: Path, data: pd.DataFrame, meta: pd.DataFrame) -> tuple[str, str]:
    d, m = tmp_path / "data.csv", tmp_path / "meta.csv"
    data.to_csv(d, index=False)
    meta.to_csv(m, index=False)
    return str(d), str(m)


def tiny() -> tuple[pd.DataFrame, pd.DataFrame]:
    data = pd.DataFrame({"uCode": ["U1", "U2", "U3", "U4"], "a": [1.0, 2.0, 3.0, 5.0], "b": [2.0, 1.0, 4.0, 3.0],
                         "pop": [1.0, 2.0, 3.0, 4.0]})  # fmt: skip
    meta = pd.DataFrame({"iCode": ["a", "b", "P", "pop"], "Level": [1, 1, 2, None], "Parent": ["P", "P", None, None],
                         "Direction": [1, 1, 1, None], "Weight": [1, 1, 1, None],
                         "Type": ["Indicator", "Indicator", "Aggregate", "Denominator"]})  # fmt: skip
    return data, meta


def run_error(tmp_path, data, meta, capsys, config: str | None = None) -> str:
    d, m = write(tmp_path, data, meta)
    out = tmp_path / "out"
    args = ["index", "build", "--data", d, "--meta", m, "--out", str(out)]
    if config is not None:
        (tmp_path / "c.yaml").write_text(config)
        args += ["--config", str(tmp_path / "c.yaml")]
    assert main(args) == 2
    assert not out.exists()  # nothing half-written
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out-")]
    err = capsys.readouterr().err
    assert err.count("\n") == 1  # one clear line
    return err


def test_duplicate_unit(tmp_path, capsys):
    data, meta = tiny()
    data.loc[2, "uCode"] = "U1"
    err = run_error(tmp_path, data, meta, capsys)
    assert "data.csv, row 4, column 'uCode': duplicate unit 'U1'" in err


def test_non_numeric_cell(tmp_path, capsys):
    data, meta = tiny()
    data["b"] = data["b"].astype(object)
    data.loc[1, "b"] = "n/a?"
    err = run_error(tmp_path, data, meta, capsys)
    assert "data.csv, row 3, column 'b': 'n/a?' is not a number" in err


def test_indicator_in_data_not_in_meta(tmp_path, capsys):
    data, meta = tiny()
    err = run_error(tmp_path, data.assign(extra=1.0), meta, capsys)
    assert "data.csv, row 1, column 'extra': column 'extra' is in the data but not in the metadata" in err


def test_indicator_in_meta_not_in_data(tmp_path, capsys):
    data, meta = tiny()
    err = run_error(tmp_path, data.drop(columns="b"), meta, capsys)
    assert "meta.csv, row 3, column 'iCode': 'b' is in the metadata but not in the data" in err


def test_cycle_in_hierarchy(tmp_path, capsys):
    data, meta = tiny()
    meta = pd.concat(
        [meta, pd.DataFrame({"iCode": ["Q"], "Level": [3], "Parent": ["P"], "Type": ["Aggregate"]})]
    )
    meta.loc[meta["iCode"] == "P", "Parent"] = "Q"
    err = run_error(tmp_path, data, meta, capsys)
    assert "meta.csv, row 4, column 'Parent': cycle in the hierarchy: P → Q → P" in err


def test_orphan_in_hierarchy(tmp_path, capsys):
    data, meta = tiny()
    meta.loc[1, "Parent"] = "Nowhere"
    err = run_error(tmp_path, data, meta, capsys)
    assert "meta.csv, row 3, column 'Parent'" in err and "orphan" in err


def test_non_positive_value_before_geometric_mean(tmp_path, capsys):
    data, meta = tiny()
    err = run_error(tmp_path, data, meta, capsys, "aggregate: geometric\n")
    assert "data.csv, row 2, column 'a': geometric mean needs positive values, found 0" in err


def test_non_positive_value_before_log(tmp_path, capsys):
    data, meta = tiny()
    values = [-1.0, *[1.0 + i / 100 for i in range(30)], 1000.0, 2000.0, 4000.0]
    data = pd.DataFrame({"uCode": [f"U{i}" for i in range(len(values))], "a": values,
                         "b": range(len(values)), "pop": 1.0})  # fmt: skip
    cfg = "treat: {method: winsorise, winmax: 1, fallback: log_plain}\n"
    err = run_error(tmp_path, data, meta, capsys, cfg)
    assert "data.csv, row 2, column 'a': log transform of 'a' needs positive values, found -1" in err


def test_all_missing_indicator(tmp_path, capsys):
    data, meta = tiny()
    err = run_error(tmp_path, data.assign(b=float("nan")), meta, capsys)
    assert "data.csv, column 'b': indicator 'b' has no values" in err


def test_zero_variance_under_zscore(tmp_path, capsys):
    data, meta = tiny()
    err = run_error(tmp_path, data.assign(b=7.0), meta, capsys, "normalise: {method: zscore}\n")
    assert "data.csv, column 'b': 'b' has zero variance" in err


def test_unknown_config_key(tmp_path, capsys):
    data, meta = tiny()
    err = run_error(tmp_path, data, meta, capsys, "normalize: minmax\n")
    assert "c.yaml: config.normalize: unknown key" in err


def test_unknown_region_code_in_native_form(tmp_path, capsys):
    fw = tmp_path / "framework.yaml"
    fw.write_text("code: Idx\nchildren:\n  - {code: a}\n  - {code: b}\n")
    data = pd.DataFrame({"code": ["63.71", "99.99"], "a": [1.0, 2.0], "b": [2.0, 1.0]})
    data.to_csv(tmp_path / "data.csv", index=False)
    out = tmp_path / "out"
    assert (
        main(["index", "build", "--data", str(tmp_path / "data.csv"), "--meta", str(fw), "--out", str(out)])
        == 2
    )
    assert not out.exists()
    assert "data.csv, row 3, column 'code': unknown kabupaten/kota code '99.99'" in capsys.readouterr().err


def test_native_form_builds(tmp_path, capsys):
    fw = tmp_path / "framework.yaml"
    fw.write_text("code: Idx\nchildren:\n  - {code: a}\n  - {code: b, direction: -1}\n")
    data = pd.DataFrame({"code": ["6371", "63.72", "11.01"], "a": [1.0, 2.0, 3.0], "b": [3.0, 2.0, 1.0]})
    data.to_csv(tmp_path / "data.csv", index=False)
    out = tmp_path / "out"
    assert (
        main(["index", "build", "--data", str(tmp_path / "data.csv"), "--meta", str(fw), "--out", str(out)])
        == 0
    )
    scores = pd.read_csv(out / "scores.csv", dtype={"uCode": str})
    assert scores.to_dict("list") == {"uCode": ["11.01", "63.71", "63.72"], "Idx": [100.0, 0.0, 50.0],
                                      "Rank": [1, 3, 2]}  # fmt: skip
    assert "Kota Banjarmasin" in capsys.readouterr().out


def test_index_group_help_lists_build(capsys):
    assert main(["index", "--help"]) == 0
    out = capsys.readouterr().out
    assert "build" in out and "Composite indicators" in out
