"""``kotacerdas index``: build a composite index (and analyse its uncertainty).

The group is the place for every index sub-command. To add one, define a click command and attach it
with ``index.add_command`` at the end of this module, or, when it is long, in its own module named in
the group's ``lazy`` mapping (as ``kotacerdas.cli.index_uncertainty``, imported only when it is used).
"""

from __future__ import annotations

import math

import click

from kotacerdas.cli.lazy import LazyGroup


@click.group(cls=LazyGroup, lazy={"uncertainty": "kotacerdas.cli.index_uncertainty:uncertainty"})
def index() -> None:
    """Composite indicators: build an index from iData/iMeta files and write every step."""


@click.command()
@click.option(
    "--data",
    "data_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="iData CSV/XLSX (or region-keyed data with a YAML framework).",
)
@click.option(
    "--meta",
    "meta_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="iMeta CSV/XLSX, or a framework .yaml (native form).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Index configuration YAML (docs/index-config.md).",
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for scores.csv and the intermediate data sets.",
)
@click.option("--top", default=10, show_default=True, help="How many of the ranking to print.")
def build(data_path: str, meta_path: str, config_path: str | None, out_dir: str, top: int) -> None:
    """Build the index; write scores.csv, imputed/treated/normalised.csv and provenance.json."""
    # Imported here, not at the top: --help and the other commands need not load numpy (nor, reading
    # CSV, does this command load pandas).
    import numpy as np

    from kotacerdas.engine.indicators import build_index
    from kotacerdas.io.index_output import write_index
    from kotacerdas.io.index_tables import read_config
    from kotacerdas.io.native_index import read_index_inputs

    config = read_config(config_path)
    data, meta = read_index_inputs(data_path, meta_path)
    result = build_index(data, meta, config, data_name=data_path, meta_name=meta_path,
                         config_name=config_path or "config")  # fmt: skip
    written = write_index(result, out_dir)
    aggregates = result.blocks["aggregates"]
    index = aggregates.column(result.framework.top)
    ranks = result.rank_values()
    names = dict(zip(result.name_units.keys, result.unit_names, strict=True))
    click.echo(f"{len(aggregates)} units × {len(result.framework.indicators)} indicators → {out_dir}")
    ranked = np.flatnonzero(~np.isnan(ranks))  # in pandas' ``sort_values`` order: ties as its quicksort
    ranked = ranked[
        np.argsort(ranks[ranked].astype(np.int64), kind="quicksort")
    ]  # leaves them, unranked last
    for at in [*ranked.tolist(), *np.flatnonzero(np.isnan(ranks)).tolist()][:top]:
        code = aggregates.units.codes[at]
        name = code if result.panel else names.get(code, code)
        rank = "<NA>" if math.isnan(ranks[at]) else str(int(ranks[at]))
        click.echo(f"{rank:>4}  {code:<8} {index[at]:8.2f}  {name}")
    click.echo(f"wrote {', '.join(p.name for p in written)}")


index.add_command(build)
