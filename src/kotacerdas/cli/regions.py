"""``kotacerdas regions``: list the 514 kabupaten/kota of the registry."""

from __future__ import annotations

import json
import sys

import click

from kotacerdas.io.registry import REGION_COLUMNS, load_registry
from kotacerdas.io.safe_cells import DictCsvWriter


@click.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--province", help="Only regions of this province code (e.g. 63).")
@click.option("--island-group", help="Only regions of this island group (e.g. Jawa).")
def regions(fmt: str, province: str | None, island_group: str | None) -> None:
    """List kabupaten/kota: code,name,type,province_code,province,island_group."""
    rows = [r.as_row() for r in load_registry()]
    if province:
        rows = [r for r in rows if r["province_code"] == province]
    if island_group:
        rows = [r for r in rows if r["island_group"].lower() == island_group.lower()]
    if fmt == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    writer = DictCsvWriter(sys.stdout, fieldnames=list(REGION_COLUMNS))
    writer.writeheader()
    writer.writerows(rows)
