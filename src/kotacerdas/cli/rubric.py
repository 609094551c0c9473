"""``kotacerdas rubric``: list, show and apply the versioned assessment rubrics."""

from __future__ import annotations

import json

import click

_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)


@click.group()
def rubric() -> None:
    """Versioned rubrics: list them, show one, score a criterion,score table against one."""


@click.command("list")
@_FORMAT
def list_command(fmt: str) -> None:
    """List shipped rubrics (id@version and title)."""
    # Imported here, not at the top: --help and the other commands need not load yaml and numpy.
    from kotacerdas.io.rubric_files import list_rubrics

    rubrics = list_rubrics()
    if fmt == "json":
        click.echo(
            json.dumps(
                [{"key": r.key, "id": r.id, "version": r.version, "title": r.title} for r in rubrics],
                indent=1,
            )
        )
        return
    for r in rubrics:
        click.echo(f"{r.key:28} {r.title}")


@click.command("show")
@click.argument("rubric_id")
@_FORMAT
def show_command(rubric_id: str, fmt: str) -> None:
    """Show a rubric: groups, criteria and weights, scale anchors, aggregation rule, predicates."""
    # Imported here, not at the top: --help and the other commands need not load yaml and numpy.
    from kotacerdas.io.rubric_files import load_rubric, rubric_as_dict

    r = load_rubric(rubric_id)
    if fmt == "json":
        click.echo(json.dumps(rubric_as_dict(r), indent=1, ensure_ascii=False))
        return
    total = sum(c.weight for c in r.criteria)
    step = "any value" if r.scale.step is None else f"steps of {r.scale.step:g}"
    lines = [f"{r.key}: {r.title}", f"aggregation: {r.aggregation} (weights shown as share of {total:g})"]
    lines.append(f"scale: {r.scale.minimum:g}–{r.scale.maximum:g}, {step}")
    lines += [f"  {lv.value:g}: {lv.anchor}" for lv in r.scale.levels]
    for g in r.groups:
        lines.append(f"{g.name}")
        lines += [f"  {c.id:34} {c.weight / total:6.1%}  {c.name}" for c in r.criteria if c.group == g.id]
    if r.predicates:
        lines.append(
            "predicates: " + "; ".join(f"≥ {p.minimum:g} {_both(p.label, p.label_en)}" for p in r.predicates)
        )
    if r.source:
        lines.append(f"source: {r.source}")
    if r.notes:
        lines.append(f"notes: {r.notes}")
    click.echo("\n".join(lines))


@click.command("score")
@click.argument("rubric_id")
@click.option(
    "--scores", "scores_path", required=True, type=click.Path(dir_okay=False), help="CSV criterion,score."
)
@_FORMAT
def score_command(rubric_id: str, scores_path: str, fmt: str) -> None:
    """Score a criterion,score CSV: weighted result, per-group breakdown and predicate."""
    # Imported here, not at the top: --help and the other commands need not load yaml and numpy.
    from kotacerdas.engine.review.rubrics import score_rubric
    from kotacerdas.io.rubric_files import load_rubric, read_criterion_scores

    r = load_rubric(rubric_id)
    result = score_rubric(r, read_criterion_scores(scores_path, r))
    band = r.band(result.score)
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "rubric": result.rubric,
                    "aggregation": result.aggregation,
                    "score": result.score,
                    "rounded": result.rounded,
                    "groups": result.groups,
                    "predicate": result.predicate,
                    "predicate_en": band.label_en or band.label if band else None,
                    "criteria": result.criteria,
                },
                indent=1,
                ensure_ascii=False,
            )
        )
        return
    names = {g.id: g.name for g in r.groups}
    click.echo(
        f"{result.rubric} ({result.aggregation}): {result.rounded:.{r.decimals}f}  [{result.score:.6g}]"
    )
    if band:
        click.echo(f"predicate: {_both(band.label, band.label_en)}")
    for gid, value in result.groups.items():
        click.echo(f"  {names[gid]:24} {value:.{r.decimals}f}")


def _both(label: str, label_en: str) -> str:
    """A predicate band as ``label / label_en``: the Indonesian a result stores, and its English."""
    return f"{label} / {label_en}" if label_en and label_en != label else label


rubric.add_command(list_command)
rubric.add_command(show_command)
rubric.add_command(score_command)
