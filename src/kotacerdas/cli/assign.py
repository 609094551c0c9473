"""``kotacerdas assign``: optimal conflict-free assessor assignment in OpenReview matcher's CSV format.

Two modes: ``--k K`` (K assessors per submission) or ``--expertise`` with ``--required`` (one assessor
per required expertise of each submission; the output gains a ``field`` column).
"""

from __future__ import annotations

import click


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
@click.option(
    "--k", "k", type=click.IntRange(min=1), help="Assessors per submission (not with --expertise/--required)."
)
@click.option(
    "--expertise",
    "expertise_path",
    type=click.Path(dir_okay=False),
    help="CSV rows assessor,field (no header): who holds which expertise. Needs --required.",
)
@click.option(
    "--required",
    "required_path",
    type=click.Path(dir_okay=False),
    help="CSV rows submission,field (no header): one assessor per required expertise. Needs --expertise.",
)
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
    k: int | None,
    expertise_path: str | None,
    required_path: str | None,
    min_load: int,
    max_load: int,
    objective: str,
    time_limit: float,
    out_dir: str,
) -> None:
    """Assign k assessors (or one per required expertise) per submission, loads within [min,max],
    no conflicts, maximum total affinity.

    Writes DIR/assignment.csv (submission,assessor; plus field with --expertise/--required) and
    DIR/summary.json (total, worst submission, loads, time, optimality certificate), atomically.
    """
    by_expertise = expertise_path is not None or required_path is not None
    if by_expertise and (expertise_path is None or required_path is None):
        raise click.UsageError("--expertise and --required go together")
    if by_expertise and k is not None:
        raise click.UsageError("--k cannot be combined with --expertise/--required (one assessor per field)")
    if not by_expertise and k is None:
        raise click.UsageError("give --k, or --expertise with --required")
    if by_expertise and objective == "fair":
        raise click.UsageError("--objective fair is not available with --expertise/--required")
    # Imported here, not at the top: --help and the other commands need not load numpy, pandas and HiGHS.
    from kotacerdas.engine.review.assignment import assign as solve_assignment
    from kotacerdas.engine.review.expertise import Labels, assign_by_expertise
    from kotacerdas.io.assignment_files import (
        read_affinity,
        read_constraints,
        read_expertise,
        read_required,
        write_assignment,
    )

    table = read_affinity(scores_path)
    conflicts, forced = (
        (None, None) if constraints_path is None else read_constraints(constraints_path, table)
    )

    def progress(message: str) -> None:
        click.echo(message, err=True)

    fields: tuple[str, ...] = ()
    if expertise_path is not None and required_path is not None:
        fields, required = read_required(required_path, table)
        expertise = read_expertise(expertise_path, table, fields)
        result = assign_by_expertise(
            table.affinity,
            expertise,
            required,
            min_load=min_load,
            max_load=max_load,
            conflicts=conflicts,
            forced=forced,
            labels=Labels(table.submissions, table.assessors, fields),
            time_limit=time_limit,
            progress=progress,
        )
    else:
        result = solve_assignment(
            table.affinity,
            k=k if k is not None else 0,
            min_load=min_load,
            max_load=max_load,
            conflicts=conflicts,
            forced=forced,
            objective=objective,  # type: ignore[arg-type]
            time_limit=time_limit,
            progress=progress,
        )
    target = write_assignment(out_dir, result, table, fields)
    click.echo(
        f"{len(result.submission)} pairs, total affinity {result.total_affinity:.6g}, worst submission "
        f"{result.worst_submission_affinity:.6g}, loads {int(result.loads.min())}–{int(result.loads.max())}, "
        f"{'proven optimal' if result.proven_optimal else 'NOT proven optimal'}, {result.seconds:.2f} s → {target}"
    )
