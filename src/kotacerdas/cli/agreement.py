"""``kotacerdas agreement``: Krippendorff's alpha (and the Shrout–Fleiss ICCs) for a ratings CSV."""

from __future__ import annotations

import json
import math
from typing import Any

import click

#: the engine's ``agreement.LEVELS``, repeated so that --help need not import numpy (a test keeps them equal)
LEVELS = ("nominal", "ordinal", "interval", "ratio")


@click.command()
@click.option(
    "--ratings",
    "ratings_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="CSV: a unit id column, then one column per rater; empty cell = missing.",
)
@click.option("--level", type=click.Choice(LEVELS), required=True, help="Level of measurement for alpha.")
@click.option(
    "--icc", "with_icc", is_flag=True, help="Also the six Shrout–Fleiss ICC forms (complete units)."
)
def agreement(ratings_path: str, level: str, with_icc: bool) -> None:
    """Print inter-rater agreement as JSON: Krippendorff's alpha and, with --icc, ICC1…ICC3k."""
    # Imported here, not at the top: --help and the other commands need not load numpy.
    from kotacerdas.engine.review.agreement import krippendorff_alpha, shrout_fleiss_icc
    from kotacerdas.io.ratings import read_ratings

    table = read_ratings(ratings_path)
    alpha = krippendorff_alpha(table.ratings, level)  # type: ignore[arg-type]
    out: dict[str, Any] = {
        "alpha": alpha.alpha,
        "level": alpha.level,
        "units": len(table.units),
        "raters": len(table.raters),
        "pairable_values": alpha.pairable_values,
        "method": alpha.method,
    }
    if with_icc:
        icc = shrout_fleiss_icc(table.ratings)
        out["icc"] = {name: None if math.isnan(value) else value for name, value in icc.as_dict().items()}
        if icc.undefined:
            out["icc_undefined"] = (
                f"{', '.join(icc.undefined)} undefined: zero denominator (no variance between targets)"
            )
        out["icc_targets"] = icc.targets
        out["icc_dropped_targets"] = icc.dropped_targets
        out["icc_method"] = icc.method
    click.echo(json.dumps(out, indent=1, allow_nan=False))
