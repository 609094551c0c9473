from __future__ import annotations

import collections

import pytest

from kotacerdas.errors import InputError, Location
from kotacerdas.io.bridge import load_bps_bridge
from kotacerdas.io.registry import ISLAND_GROUPS, island_group, load_registry, normalise_code


def test_registry_counts_match_kepmendagri_2025():
    reg = load_registry()
    assert len(reg.provinces) == 38
    assert len(reg) == 514
    types = collections.Counter(r.type for r in reg)
    assert types == {"kabupaten": 416, "kota": 98}


def test_known_region_fields():
    region = load_registry().get("6371")
    assert region.as_row() == {
        "code": "63.71",
        "name": "Kota Banjarmasin",
        "type": "kota",
        "province_code": "63",
        "province": "Kalimantan Selatan",
        "island_group": "Kalimantan",
    }


@pytest.mark.parametrize(
    ("province", "group"),
    [
        ("11", "Sumatera"),
        ("19", "Sumatera"),
        ("21", "Sumatera"),
        ("31", "Jawa"),
        ("36", "Jawa"),
        ("51", "Bali-Nusa Tenggara"),
        ("65", "Kalimantan"),
        ("76", "Sulawesi"),
        ("82", "Maluku"),
        ("96", "Papua"),
    ],
)
def test_island_group_rule(province, group):
    assert island_group(province) == group


def test_every_province_has_an_island_group_and_all_groups_are_used():
    groups = {p.island_group for p in load_registry().provinces.values()}
    assert groups == set(ISLAND_GROUPS)


@pytest.mark.parametrize("raw", ["63.71", "6371", 6371, " 63.71 ", "6371.0"])
def test_code_forms(raw):
    assert normalise_code(raw) == "63.71"


@pytest.mark.parametrize("raw", ["637", "63-71", "Banjarmasin", "63.7.1"])
def test_malformed_codes_are_refused(raw):
    with pytest.raises(InputError, match="not a kabupaten/kota code"):
        normalise_code(raw)


def test_unknown_code_names_location():
    with pytest.raises(InputError) as info:
        load_registry().get("99.99", Location(file="data.csv", row=7, column="code"))
    assert str(info.value).startswith("data.csv, row 7, column 'code': unknown kabupaten/kota code")


def test_real_bps_bridge(shared_data):
    bridge = load_bps_bridge(
        shared_data / "indicators" / "bps_kemendagri_bridge" / "bps_kemendagri_bridge.csv"
    )
    assert len(bridge.bps_to_kemendagri) == 514
    assert bridge.differing() == 199
    assert bridge.to_kemendagri("1103") == "11.01"
    assert bridge.to_kemendagri("1101") == "11.09"
    assert bridge.kemendagri_to_bps["11.01"] == "1103"


def test_bridge_errors_name_row_and_column(tmp_path):
    path = tmp_path / "bridge.csv"
    path.write_text("kemendagri_code,bps_code\n11.01,1103\n11.02,1103\n")
    with pytest.raises(InputError) as info:
        load_bps_bridge(path)
    assert info.value.location == Location(str(path), 3, "bps_code")
    path.write_text("kemendagri_code,bps_code\n11.01,1103\n99.01,1104\n")
    with pytest.raises(InputError, match="unknown kabupaten/kota code") as info:
        load_bps_bridge(path)
    assert info.value.location.row == 3
