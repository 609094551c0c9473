"""The scores and samples files of ``kotacerdas select``."""

from __future__ import annotations

import math

import pytest

from kotacerdas.errors import InputError
from kotacerdas.io.selection_inputs import read_samples, read_scores


def test_scores_with_ucode_plain_codes_and_registry_fill(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text(
        "uCode,Index,fiscal_class,ekppd\n6371,71.5,tinggi,3.1\n3273,64,sedang,\n", encoding="utf-8"
    )
    cands = read_scores(path, "Index")
    assert cands.codes == ("63.71", "32.73")
    assert cands.scores.tolist() == [71.5, 64.0]
    assert cands.attributes["fiscal_class"] == ("tinggi", "sedang")
    assert cands.attributes["ekppd"][0] == 3.1 and math.isnan(cands.attributes["ekppd"][1])
    assert cands.attributes["province"] == ("Kalimantan Selatan", "Jawa Barat")
    assert cands.attributes["island_group"] == ("Kalimantan", "Jawa")
    assert cands.attributes["type"] == ("kota", "kota")
    assert cands.attributes["name"] == ("Kota Banjarmasin", "Kota Bandung")


def test_file_columns_win_over_the_registry(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text("code,s,island_group\n63.71,1,Borneo\n", encoding="utf-8")
    assert read_scores(path, "s").attributes["island_group"] == ("Borneo",)


@pytest.mark.parametrize(
    ("text", "row", "column", "message"),
    [
        ("code,s\n63.71,1\n99.99,2\n", 3, "code", "unknown kabupaten/kota code '99.99'"),
        ("code,s\n63.71,high\n", 2, "s", "score 'high' is not a number"),
        ("code,s\n63.71,\n", 2, "s", "score '' is not a number"),
        ("code,s\n63.71,1\n6371,2\n", 3, "code", "the region 63.71 repeats row 2"),
        ("code,s\n63.71\n", 2, None, "expected 2 cells, found 1"),
        ("region,s\n63.71,1\n", 1, None, "no 'code' or 'uCode' column"),
        ("code,t\n63.71,1\n", 1, None, "no score column 's'"),
    ],
)
def test_bad_cells_name_file_row_and_column(tmp_path, text, row, column, message):
    path = tmp_path / "scores.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_scores(path, "s")
    assert info.value.message == message
    assert (info.value.location.file, info.value.location.row, info.value.location.column) == (
        str(path),
        row,
        column,
    )


def test_samples_are_aligned_to_candidates(tmp_path):
    scores = tmp_path / "scores.csv"
    scores.write_text("code,s\n63.71,1\n32.73,2\n", encoding="utf-8")
    samples = tmp_path / "samples.csv"
    samples.write_text("uCode,d1,d2,d3\n3273,2,3,4\n6371,1,0,1\n", encoding="utf-8")
    draws = read_samples(samples, read_scores(scores, "s"))
    assert draws.tolist() == [[1.0, 2.0], [0.0, 3.0], [1.0, 4.0]]


def test_samples_missing_a_region(tmp_path):
    scores = tmp_path / "scores.csv"
    scores.write_text("code,s\n63.71,1\n32.73,2\n", encoding="utf-8")
    samples = tmp_path / "samples.csv"
    samples.write_text("code,d1\n6371,1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"no draws for 32\.73"):
        read_samples(samples, read_scores(scores, "s"))
