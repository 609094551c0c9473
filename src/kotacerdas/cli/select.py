"""``kotacerdas select``: choose each phase's cohort under SELECTION.yaml and explain every decision."""

from __future__ import annotations

from pathlib import Path
from typing import Never

import click


@click.command("select")
@click.option(
    "--scores",
    "scores_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV with code (or uCode), the score column and attribute columns.",
)
@click.option(
    "--config",
    "config_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="SELECTION.yaml.",
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for selection.csv, decisions.csv and summary.csv.",
)
@click.option(
    "--samples",
    "samples_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Score draws (code/uCode, one column per draw), e.g. DIR/score_samples.csv of `kotacerdas index "
    "uncertainty --save-scores`; replaces uncertainty.file/sd of SELECTION.yaml (its marginal band applies).",
)
@click.option(
    "--no-thresholds",
    is_flag=True,
    help="Skip 'what it would take' (bounds and re-solves per region left out); faster on large inputs.",
)
def select(
    scores_path: Path, config_path: Path, samples_path: Path | None, out_dir: Path, no_thresholds: bool
) -> None:
    """Select each phase's regions under eligibility rules and equity quotas (exact, HiGHS).

    Writes DIR/selection.csv (code,selected,phase,reason), DIR/decisions.csv (status, threshold,
    binding rule or quota, probability of selection), DIR/summary.csv and DIR/run.json (method, solver,
    version), and prints the summary. With --samples, each region's probability of selection over the
    draws and a marginal flag (uncertainty.marginal of SELECTION.yaml, default 0.1–0.9).
    """
    # Imported here, not at the top: --help and the other commands need not load numpy, scipy and tqdm.
    from tqdm import tqdm

    from kotacerdas.engine.selection import select as solve_selection
    from kotacerdas.io.selection_config import load_problem
    from kotacerdas.io.selection_output import format_summary, summary_rows, write_selection

    config, problem = load_problem(scores_path, config_path, samples_path)
    candidates = problem.candidates
    marginal = config.uncertainty.marginal if config.uncertainty else (0.1, 0.9)
    bars: dict[str, tqdm[Never]] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if stage not in bars:
            bars[stage] = tqdm(total=total, desc=stage, unit="solve", leave=False)
        bars[stage].update(done - bars[stage].n)

    try:
        result = solve_selection(problem, thresholds=not no_thresholds, marginal=marginal, progress=progress)
    finally:
        for bar in bars.values():
            bar.close()
    phases = [p.name for p in problem.phases]
    write_selection(result, candidates, phases, out_dir)
    eligible = sum(
        d.status in ("selected", "crowded_out", "below_cutoff", "blocked") for d in result.decisions
    )
    click.echo(
        f"selected {len(result.selected)} of {len(candidates)} candidates ({eligible} eligible) "
        f"by {result.method} in {result.seconds:.2f} s; objective {result.objective} = {result.objective_value:.6g}"
    )
    if result.binding_quotas:
        click.echo("binding: " + "; ".join(result.binding_quotas))
    if problem.samples is not None:
        marginal_codes = [d.code for d in result.decisions if d.marginal]
        shown = ", ".join(marginal_codes[:10]) + (" …" if len(marginal_codes) > 10 else "")
        click.echo(
            f"stability over {problem.samples.shape[0]} draws: {len(marginal_codes)} marginal regions "
            f"(selected in {marginal[0]:.0%}–{marginal[1]:.0%} of draws){': ' + shown if marginal_codes else ''}"
        )
    click.echo(format_summary(summary_rows(result, candidates, phases)))
    click.echo(f"wrote {out_dir / 'selection.csv'}, decisions.csv, summary.csv and run.json")
