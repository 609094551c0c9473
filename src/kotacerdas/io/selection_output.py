"""Files written by ``kotacerdas select``: ``selection.csv``, ``decisions.csv``, ``summary.csv``, ``run.json``.

All files are written into a temporary folder beside ``DIR`` and moved into place only when complete, so
an interrupted run never leaves a half-written selection behind.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from kotacerdas.engine.selection import Candidates, SelectionResult
from kotacerdas.io.safe_cells import CsvWriter, DictCsvWriter
from kotacerdas.io.staging import staged_output

SELECTION_COLUMNS = ("code", "selected", "phase", "reason")
DECISION_COLUMNS = (
    "code",
    "name",
    "status",
    "selected",
    "phase",
    "score",
    "threshold",
    "binding",
    "shortfall",
    "p_selected",
    "marginal",
    "reason",
)
SUMMARY_BY = ("island_group", "province", "type")


def summary_rows(result: SelectionResult, candidates: Candidates, phases: list[str]) -> list[dict[str, str]]:
    """Counts by island group, province and type: candidates, eligible, selected, per phase and share."""
    eligible_status = {"selected", "crowded_out", "below_cutoff", "blocked"}
    n_selected = max(1, len(result.selected))
    rows: list[dict[str, str]] = []
    for by in SUMMARY_BY:
        if by not in candidates.attributes:
            continue
        values = candidates.attributes[by]
        total = Counter(values)
        eligible = Counter(
            v for v, d in zip(values, result.decisions, strict=True) if d.status in eligible_status
        )
        per_phase = Counter((v, d.phase) for v, d in zip(values, result.decisions, strict=True) if d.selected)
        for value in sorted(total, key=str):
            chosen = sum(per_phase[(value, p)] for p in phases)
            row = {
                "by": by,
                "value": str(value),
                "candidates": str(total[value]),
                "eligible": str(eligible[value]),
                "selected": str(chosen),
            }
            row.update({f"phase {p}": str(per_phase[(value, p)]) for p in phases})
            row["share_of_selected"] = f"{chosen / n_selected:.3f}"
            rows.append(row)
    return rows


def format_summary(rows: list[dict[str, str]]) -> str:
    """The summary as an aligned text table, one block per grouping."""
    if not rows:
        return ""
    columns = list(rows[0])
    widths = {c: max(len(c), *(len(r[c]) for r in rows)) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns)]
    previous = rows[0]["by"]
    for r in rows:
        if r["by"] != previous:
            lines.append("")
            previous = r["by"]
        lines.append(
            "  ".join(
                r[c].ljust(widths[c]) if c in ("by", "value") else r[c].rjust(widths[c]) for c in columns
            )
        )
    return "\n".join(lines)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.6g}"


def write_selection(
    result: SelectionResult, candidates: Candidates, phases: list[str], out: Path
) -> list[Path]:
    """Write the CSV files and ``run.json`` (method, solver, version) into ``out`` atomically (temp folder,
    then move); returns their paths."""
    with staged_output(out) as tmp:
        names = candidates.attributes.get("name", ("",) * len(candidates))
        with (tmp / "selection.csv").open("w", newline="", encoding="utf-8") as fh:
            writer = CsvWriter(fh)
            writer.writerow(SELECTION_COLUMNS)
            for d in result.decisions:
                writer.writerow([d.code, "yes" if d.selected else "no", d.phase or "", d.reason])
        with (tmp / "decisions.csv").open("w", newline="", encoding="utf-8") as fh:
            writer = CsvWriter(fh)
            writer.writerow(DECISION_COLUMNS)
            for d, name in zip(result.decisions, names, strict=True):
                writer.writerow(
                    [
                        d.code,
                        name,
                        d.status,
                        "yes" if d.selected else "no",
                        d.phase or "",
                        f"{d.score:.6g}",
                        _number(d.threshold),
                        d.binding or "",
                        _number(d.shortfall),
                        _number(d.p_selected),
                        "yes" if d.marginal else "no",
                        d.reason,
                    ]
                )
        rows = summary_rows(result, candidates, phases)
        with (tmp / "summary.csv").open("w", newline="", encoding="utf-8") as fh:
            writer_d = DictCsvWriter(fh, fieldnames=list(rows[0]) if rows else ["by"])
            writer_d.writeheader()
            writer_d.writerows(rows)
        (tmp / "run.json").write_text(
            json.dumps(result.provenance(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        files = sorted(p.name for p in tmp.iterdir())
    return [out / name for name in files]
