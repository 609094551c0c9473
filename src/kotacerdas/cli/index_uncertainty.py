"""``kotacerdas index uncertainty``: rank intervals and Sobol indices of a composite index.

Attached to the ``index`` group in :mod:`kotacerdas.cli.index`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, nullcontext

import click


@click.command()
@click.option("--data", "data_path", required=True, type=click.Path(dir_okay=False), help="iData CSV/XLSX.")
@click.option("--meta", "meta_path", required=True, type=click.Path(dir_okay=False),
              help="iMeta CSV/XLSX, or a framework .yaml (native form).")  # fmt: skip
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Index configuration YAML.")
@click.option("--factors", "factors_path", required=True, type=click.Path(dir_okay=False),
              help="Uncertain factors YAML (docs/uncertainty.md).")  # fmt: skip
@click.option("--samples", required=True, type=click.IntRange(min=1),
              help="Monte Carlo samples; with --sensitivity the Sobol base size N (a power of two).")  # fmt: skip
@click.option("--seed", required=True, type=int, help="Random seed (0 is a seed like any other).")
@click.option(
    "--top", default=10, show_default=True, type=click.IntRange(min=1), help="N of p_top (top-N share)."
)
@click.option("--sensitivity", is_flag=True, help="Sobol first-order and total indices (N·(factors+2) runs).")
@click.option(
    "--scheduler", help="Dask scheduler address (tcp://host:8786); runs the samples on that cluster."
)
@click.option(
    "--chunk-size", type=click.IntRange(min=1), help="Samples per chunk (default: ~256 MiB of work)."
)
@click.option(
    "--save-scores",
    is_flag=True,
    help="Also write score_samples.csv (uCode + the index score per successful sample), the draws file "
    "of `kotacerdas select --samples`.",
)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Output folder.")
def uncertainty(
    data_path: str,
    meta_path: str,
    config_path: str | None,
    factors_path: str,
    samples: int,
    seed: int,
    top: int,
    sensitivity: bool,
    scheduler: str | None,
    chunk_size: int | None,
    save_scores: bool,
    out_dir: str,
) -> None:
    """Monte Carlo rank uncertainty of the index; writes ranks.csv, sensitivity.csv, a plot and summary.json.

    With --save-scores also score_samples.csv: one row per unit, one column per successful sample.
    """
    # Imported here, not at the top: --help and the other commands need not load numpy and pandas.
    from kotacerdas.engine.indicators import build_index
    from kotacerdas.engine.uncertainty import check_base_samples, parse_factors, run_uncertainty
    from kotacerdas.engine.uncertainty.adapter import from_index_result
    from kotacerdas.io.index_tables import read_config
    from kotacerdas.io.native_index import read_index_inputs
    from kotacerdas.io.uncertainty_output import (
        ScoreSampleWriter,
        read_factors,
        score_samples_summary,
        write_uncertainty,
    )

    if sensitivity:
        check_base_samples(samples)
    factor_spec = read_factors(factors_path)
    config = read_config(config_path)
    data, meta = read_index_inputs(data_path, meta_path)
    built = build_index(data, meta, config, data_name=data_path, meta_name=meta_path,
                        config_name=config_path or "config")  # fmt: skip
    problem = from_index_result(built, reimpute="impute" in factor_spec, treat=factor_spec.get("treat"))
    factors = parse_factors(factor_spec, problem, source=factors_path)
    with ExitStack() as stack:
        sink = None
        if save_scores:
            rows = 2 * samples if sensitivity else samples  # the design's random rows
            sink = stack.enter_context(ScoreSampleWriter(problem.units, rows))
        with _progress_bar() if sys.stderr.isatty() else nullcontext() as progress:
            result = run_uncertainty(problem, factors, samples=samples, rng=seed, top=top,
                                     sensitivity=sensitivity, backend="dask" if scheduler else "numpy",
                                     scheduler=scheduler, chunk_size=chunk_size, progress=progress,
                                     score_sink=sink)  # fmt: skip
        extra: dict[str, object] = {"inputs": {"data": data_path, "meta": meta_path, "config": config_path,
                                               "factors": factors_path}}  # fmt: skip
        if sink is not None:
            extra["score_samples"] = score_samples_summary(result, sink, problem.hierarchy.codes[-1][0])
        written = write_uncertainty(result, out_dir, extra=extra, score_samples=sink)
    click.echo(f"{len(problem.units)} units, {result.samples} samples ({result.failed} failed) → {out_dir}")
    for reason, idx in result.failures.items():
        click.echo(f"  failed: {len(idx)} × {reason}")
    if sink is not None:
        click.echo(f"  score samples: {sink.written} successful samples × {len(problem.units)} units")
    if result.sensitivity_note:
        click.echo(f"  note: {result.sensitivity_note}")
    for row in result.sensitivity_rows():
        click.echo(f"  {row['factor']:<18} first {row['first_order']:6.3f}  total {row['total_order']:6.3f}")
    click.echo(f"wrote {', '.join(p.name for p in written)}")


@contextmanager
def _progress_bar() -> Iterator[Callable[[int, int], None]]:
    """A tqdm bar on the terminal, as a ``progress(done, total)`` callback.

    Only for a terminal (as tqdm's own ``disable=None``): importing tqdm costs about 30 ms and its first
    bar a multiprocessing lock, too much for a command run from a script (issue 9 §5).
    """
    # local import: tqdm is needed only when stderr is a terminal (see above)
    from tqdm import tqdm

    with tqdm(total=1, unit="sample", desc="uncertainty") as bar:

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        yield progress
