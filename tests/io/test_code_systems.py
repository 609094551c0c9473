"""Region code systems: BPS tables are converted through the bridge, and misdeclared tables refused."""

from __future__ import annotations

import csv

import pytest

from kotacerdas.errors import InputError
from kotacerdas.io.bridge import load_bps_bridge, packaged_bridge
from kotacerdas.io.code_systems import BPS, KEMENDAGRI, CodedRow, resolve_region_codes
from kotacerdas.io.registry import load_registry


@pytest.fixture(scope="module")
def bridge_rows(shared_data):  # type: ignore[no-untyped-def]
    path = shared_data / "indicators" / "bps_kemendagri_bridge" / "bps_kemendagri_bridge.csv"
    with path.open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_the_packaged_bridge_is_the_shared_bridge(shared_data, bridge_rows):
    shared = load_bps_bridge(
        shared_data / "indicators" / "bps_kemendagri_bridge" / "bps_kemendagri_bridge.csv"
    )
    assert packaged_bridge().bps_to_kemendagri == shared.bps_to_kemendagri
    assert len(shared.bps_to_kemendagri) == 514 and packaged_bridge().differing() == 199


def _aceh(bridge_rows, with_names: bool) -> list[CodedRow]:  # type: ignore[no-untyped-def]
    """The first 20 regions of Aceh as a BPS table would key them (BPS code, BPS name)."""
    rows = [r for r in bridge_rows if r["kemendagri_code"].startswith("11.")][:20]
    return [
        CodedRow(row=i, code=r["bps_code_2020"], name=r["bps_name_2020"] if with_names else None)
        for i, r in enumerate(rows, start=2)
    ]


def test_a_bps_table_declared_bps_lands_on_the_right_regions(bridge_rows):
    rows = _aceh(bridge_rows, with_names=True)
    codes = resolve_region_codes(rows, BPS, file="bps.csv", column="code")
    assert codes[rows.index(next(r for r in rows if r.code == "1103"))] == "11.01"  # Aceh Selatan
    registry = load_registry()
    assert [registry.get(c).name.split(" ", 1)[1].upper() for c in codes] == [r.name for r in rows]


def test_a_bps_table_declared_kemendagri_is_refused_with_a_sentence(bridge_rows):
    with pytest.raises(InputError) as caught:
        resolve_region_codes(_aceh(bridge_rows, with_names=True), KEMENDAGRI, file="bps.csv", column="code")
    assert str(caught.value) == (
        "bps.csv, column 'code': the region codes fit the BPS code system better than Kemendagri: "
        "20 of 20 codes exist and 20 names agree as BPS codes, 20 of 20 codes exist and 7 names agree as "
        "Kemendagri codes (row 2: 1103 is Kabupaten Aceh Selatan as a BPS code but Kabupaten Aceh Timur as "
        "a Kemendagri code) (declare the code system BPS for this file, or correct its codes)"
    )


def test_without_names_the_codes_that_exist_decide(bridge_rows):
    # BPS codes that name no Kemendagri region (e.g. 9101 is not a Kemendagri kab/kota code)
    rows = [r for r in bridge_rows if r["bps_code_2020"][:2] != r["kemendagri_code"][:2]][:5]
    coded = [CodedRow(row=i, code=r["bps_code_2020"]) for i, r in enumerate(rows, start=2)]
    with pytest.raises(InputError, match="fit the BPS code system better than Kemendagri"):
        resolve_region_codes(coded, KEMENDAGRI, file="x.csv", column="code")
    assert resolve_region_codes(coded, BPS, file="x.csv", column="code") == [
        r["kemendagri_code"] for r in rows
    ]


def test_a_kemendagri_table_declared_bps_is_refused():
    registry = load_registry()
    rows = [CodedRow(row=i, code=r.code, name=r.name) for i, r in enumerate(list(registry)[:20], start=2)]
    with pytest.raises(InputError, match="fit the Kemendagri code system better than BPS"):
        resolve_region_codes(rows, BPS, file="k.csv", column="code")
    assert resolve_region_codes(rows, KEMENDAGRI, file="k.csv", column="code") == [r.code for r in rows]


def test_an_unknown_code_system_is_refused():
    with pytest.raises(InputError, match="unknown code system 'nuts'"):
        resolve_region_codes([CodedRow(row=2, code="6371")], "nuts", file="k.csv", column="code")
