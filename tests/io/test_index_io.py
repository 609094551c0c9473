"""Index readers and writers: CSV/XLSX tables, config YAML, native framework, atomic output."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kotacerdas.engine.indicators import build_index
from kotacerdas.errors import ConfigError, InputError
from kotacerdas.io import index_output
from kotacerdas.io.index_output import OUTPUT_FILES, write_index
from kotacerdas.io.index_tables import read_config, read_table
from kotacerdas.io.native_index import framework_to_meta


def test_xlsx_and_csv_read_alike(tmp_path):
    frame = pd.DataFrame({"uCode": ["001", "002"], "x": [1.5, 2.5]})
    frame.to_csv(tmp_path / "d.csv", index=False)
    frame.to_excel(tmp_path / "d.xlsx", index=False)
    for name in ("d.csv", "d.xlsx"):
        back = read_table(tmp_path / name)
        assert back.to_dict("list") == {"uCode": ["001", "002"], "x": [1.5, 2.5]}  # codes stay text


def test_unsupported_and_missing_files(tmp_path):
    (tmp_path / "d.json").write_text("{}")
    with pytest.raises(InputError, match=r"unsupported file type \.json"):
        read_table(tmp_path / "d.json")
    with pytest.raises(InputError, match="file not found"):
        read_table(tmp_path / "nope.csv")


def test_config_yaml_errors_name_the_line(tmp_path):
    (tmp_path / "c.yaml").write_text("treat:\n  method: [unclosed\n")
    with pytest.raises(ConfigError) as err:
        read_config(tmp_path / "c.yaml")
    assert err.value.location.row == 3
    (tmp_path / "l.yaml").write_text("- a\n- b\n")
    with pytest.raises(ConfigError, match="mapping"):
        read_config(tmp_path / "l.yaml")
    assert read_config(None) == {}


def test_framework_tree_to_imeta():
    tree = {"code": "Idx", "groups": ["type"], "children": [
        {"code": "P", "children": [{"code": "a", "direction": -1, "denominator": "pop"}, {"code": "b", "weight": 2}]},
        {"code": "Q", "children": [{"code": "c"}]},
    ], "denominators": ["pop"]}  # fmt: skip
    meta = framework_to_meta(tree)
    assert meta[["iCode", "Level", "Parent", "Type"]].astype(object).fillna("").values.tolist()[:6] == [
        ["a", 1, "P", "Indicator"], ["b", 1, "P", "Indicator"], ["c", 1, "Q", "Indicator"],
        ["P", 2, "Idx", "Aggregate"], ["Q", 2, "Idx", "Aggregate"], ["Idx", 3, "", "Aggregate"],
    ]  # fmt: skip
    assert meta.set_index("iCode").loc["a", "Direction"] == -1
    assert set(meta.loc[meta["Type"].isin(["Group", "Denominator"]), "iCode"]) == {"type", "pop"}


def test_framework_leaves_at_different_depths_are_rejected():
    tree = {"code": "Idx", "children": [{"code": "P", "children": [{"code": "a"}]}, {"code": "b"}]}
    with pytest.raises(InputError, match="same depth"):
        framework_to_meta(tree, "fw.yaml")


def test_write_index_is_all_or_nothing(tmp_path, tiny_result, monkeypatch):
    out = tmp_path / "out"
    paths = write_index(tiny_result, out)
    assert [p.name for p in paths] == list(OUTPUT_FILES)
    scores = pd.read_csv(out / "scores.csv")
    assert scores.to_dict("list") == {"uCode": ["U1", "U2", "U3"], "P": [0.0, 62.5, 100.0], "Rank": [3, 2, 1]}
    prov = json.loads((out / "provenance.json").read_text())
    assert prov["library"] == "kotacerdas" and prov["weights"] == {"a": 0.5, "b": 0.5}

    def broken(result):
        raise RuntimeError("disk full")

    monkeypatch.setattr(index_output, "result_tables", broken)
    fresh = tmp_path / "fresh"
    with pytest.raises(RuntimeError):
        write_index(tiny_result, fresh)
    assert not fresh.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # staging folder removed


@pytest.fixture
def tiny_result():
    data = pd.DataFrame({"uCode": ["U1", "U2", "U3"], "a": [0.0, 1.0, 2.0], "b": [0.0, 3.0, 4.0]})
    meta = pd.DataFrame({"iCode": ["a", "b", "P"], "Level": [1, 1, 2], "Parent": ["P", "P", None],
                         "Type": ["Indicator", "Indicator", "Aggregate"]})  # fmt: skip
    return build_index(data, meta)


def test_asem_from_xlsx_equals_csv(shared_data, tmp_path):
    folder = shared_data / "asem"
    for name in ("ASEM_iData", "ASEM_iMeta"):
        read_table(folder / f"{name}.csv").to_excel(tmp_path / f"{name}.xlsx", index=False)
    from_csv = build_index(read_table(folder / "ASEM_iData.csv"), read_table(folder / "ASEM_iMeta.csv"))
    from_xlsx = build_index(
        read_table(tmp_path / "ASEM_iData.xlsx"), read_table(tmp_path / "ASEM_iMeta.xlsx")
    )
    # openpyxl stores 15 significant digits (as Excel does), so the inputs differ in the last digits
    pd.testing.assert_frame_equal(from_xlsx.scores, from_csv.scores, check_exact=False, rtol=1e-12)
    assert from_xlsx.ranks.equals(from_csv.ranks)


def test_non_numeric_xlsx_cell_names_row_and_column(tmp_path):
    data = pd.DataFrame({"uCode": ["A", "B", "C"], "x": [1.0, "lots", 3.0], "y": [1.0, 2.0, 4.0]})
    meta = pd.DataFrame({"iCode": ["x", "y", "I"], "Level": [1, 1, 2], "Parent": ["I", "I", None],
                         "Type": ["Indicator", "Indicator", "Aggregate"]})  # fmt: skip
    data.to_excel(tmp_path / "d.xlsx", index=False)
    with pytest.raises(InputError) as err:
        build_index(read_table(tmp_path / "d.xlsx"), meta, data_name="d.xlsx")
    assert (err.value.location.file, err.value.location.row, err.value.location.column) == ("d.xlsx", 3, "x")
