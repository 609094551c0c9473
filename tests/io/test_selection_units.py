"""SELECTION.yaml ``units``: kabupaten/kota (default), villages (codes derive district/regency/province), any."""

from __future__ import annotations

import pytest

from kotacerdas.errors import ConfigError, InputError
from kotacerdas.io.selection_config import load_problem, load_selection_config
from kotacerdas.io.selection_inputs import read_scores
from kotacerdas.io.selection_units import Units, village_code

VILLAGES = (
    "village_code,idm,district,province,status\n"
    "11.01.01.2001,0.74,BAKONGAN,Aceh,MAJU\n"
    "1101012002,0.61,BAKONGAN,Aceh,BERKEMBANG\n"
    "11.02.01.2001,0.80,BAKONGAN,Aceh,MAJU\n"
    "32.04.05.2003,0.90,CIMAUNG,Jawa Barat,MANDIRI\n"
)


@pytest.mark.parametrize(
    ("text", "code"), [("11.01.01.2001", "11.01.01.2001"), (" 1101012001 ", "11.01.01.2001")]
)
def test_village_codes_dotted_or_ten_digits(text, code):
    assert village_code(text) == code


@pytest.mark.parametrize("text", ["11.01.01", "63.71", "11.01.012001", "11.01.01.200", "11-01-01-2001", ""])
def test_other_shapes_are_not_village_codes(text):
    with pytest.raises(InputError, match="is not a village code"):
        village_code(text)


def test_villages_derive_district_regency_province_from_the_code(tmp_path):
    path = tmp_path / "v.csv"
    path.write_text(VILLAGES, encoding="utf-8")
    cands = read_scores(path, "idm", units=Units("villages"))
    assert cands.codes == ("11.01.01.2001", "11.01.01.2002", "11.02.01.2001", "32.04.05.2003")
    # the file's district names repeat across regencies, so the code-derived values replace them
    assert cands.attributes["district"] == ("11.01.01", "11.01.01", "11.02.01", "32.04.05")
    assert cands.attributes["regency"] == ("11.01", "11.01", "11.02", "32.04")
    assert cands.attributes["province"] == ("11", "11", "11", "32")  # text, not the number 11.0
    assert cands.attributes["status"] == ("MAJU", "BERKEMBANG", "MAJU", "MANDIRI")
    assert "island_group" not in cands.attributes


def test_village_errors_name_row_and_column(tmp_path):
    path = tmp_path / "v.csv"
    path.write_text("code,s\n11.01.01.2001,1\n1101012001,2\n63.71,3\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_scores(path, "s", units=Units("villages"))
    assert (info.value.message, info.value.location.row, info.value.location.column) == (
        "the village 11.01.01.2001 repeats row 2",
        3,
        "code",
    )


def test_any_units_take_codes_as_given_and_the_file_columns(tmp_path):
    path = tmp_path / "u.csv"
    path.write_text("code,s,zone\nA-1,2,north\na-1,3,south\n", encoding="utf-8")
    cands = read_scores(path, "s", units=Units("any"))
    assert cands.codes == ("A-1", "a-1")
    assert dict(cands.attributes) == {"zone": ("north", "south")}


def test_units_key_in_selection_yaml(tmp_path):
    (tmp_path / "v.csv").write_text(VILLAGES, encoding="utf-8")
    config = tmp_path / "SELECTION.yaml"
    config.write_text(
        "units: villages\nscore: idm\nphases: [{name: a, size: 2}]\nexclude: [1101012001]\n"
        "quotas: [{by: district, max: 1}]\n",
        encoding="utf-8",
    )
    parsed, problem = load_problem(tmp_path / "v.csv", config)
    assert parsed.units.kind == "villages"
    assert dict(problem.excluded) == {"11.01.01.2001": "listed under exclude in the configuration"}
    config.write_text("units: desa\nscore: idm\nphases: [{name: a, size: 2}]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_selection_config(config)
    assert (info.value.message, info.value.hint) == (
        "key 'units': unknown units 'desa'",
        "one of regions, villages, any",
    )


def test_regions_stay_the_default(tmp_path):
    config = tmp_path / "SELECTION.yaml"
    config.write_text("score: s\nphases: [{name: a, size: 1}]\n", encoding="utf-8")
    assert load_selection_config(config).units.kind == "regions"
