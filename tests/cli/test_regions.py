from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from kotacerdas.cli import cli, main


def test_regions_csv_has_public_columns():
    result = CliRunner().invoke(cli, ["regions"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 514
    assert list(rows[0]) == ["code", "name", "type", "province_code", "province", "island_group"]


def test_regions_json_filtered_by_province():
    result = CliRunner().invoke(cli, ["regions", "--format", "json", "--province", "63"])
    data = json.loads(result.output)
    assert {r["province"] for r in data} == {"Kalimantan Selatan"}
    assert "63.71" in {r["code"] for r in data}


def test_bad_option_exits_non_zero(capsys):
    assert main(["regions", "--format", "xml"]) == 2
