"""``kotacerdas assign``: optimal conflict-free assessor assignment in OpenReview matcher's CSV format."""

from __future__ import annotations

import click

from kotacerdas.engine.review.assignment import assign as solve_assignment
from kotacerdas.io.assignment_files import read_affinity, read_constraints, write_assignment


@click.command()
@click.option(
    "--scores",
    "scores_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="CSV rows submission,assessor,affinity (no header); unlisted pairs have affinity 0.",
)
@click.option(
    "--constraints",
    "constraints_path",
    type=click.Path(dir_okay=False),
    help="CSV rows submission,assessor,-1 (conflict) or 1 (forced), no header.",
)
@click.option("--k", "k", type=click.IntRange(min=1), required=True, help="Assessors per submission.")
@click.option(
    "--min-load", type=click.IntRange(min=0), required=True, help="Minimum submissions per assessor."
)
@click.option(
    "--max-load", type=click.IntRange(min=1), required=True, help="Maximum submissions per assessor."
)
@click.option(
    "--objective",
    type=click.Choice(["total", "fair"]),
    default="total",
    show_default=True,
    help="total: maximise total affinity; fair: first the worst submission's affinity, then the total.",
)
@click.option("--time-limit", type=float, default=300.0, show_default=True, help="Solver time limit (s).")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Output folder.")
def assign(
    scores_path: str,
    constraints_path: str | None,
    k: int,
    min_load: int,
    max_load: int,
    objective: str,
    time_limit: float,
    out_dir: str,
) -> None:
    """Assign k assessors per submission, loads within [min,max], no conflicts, maximum affinity.

    Writes DIR/assignment.csv (submission,assessor) and DIR/summary.json (total, worst submission,
    loads, time, optimality certificate), atomically.
    """
    table = read_affinity(scores_path)
    conflicts, forced = (
        (None, None) if constraints_path is None else read_constraints(constraints_path, table)
    )
    result = solve_assignment(
        table.affinity,
        k=k,
        min_load=min_load,
        max_load=max_load,
        conflicts=conflicts,
        forced=forced,
        objective=objective,  # type: ignore[arg-type]
        time_limit=time_limit,
        progress=lambda message: click.echo(message, err=True),
    )
    target = write_assignment(out_dir, result, table)
    click.echo(
        f"{len(result.submission)} pairs, total affinity {result.total_affinity:.6g}, worst submission "
        f"{result.worst_submission_affinity:.6g}, loads {int(result.loads.min())}–{int(result.loads.max())}, "
        f"{'proven optimal' if result.proven_optimal else 'NOT proven optimal'}, {result.seconds:.2f} s → {target}"
    )
