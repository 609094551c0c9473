"""Assignment files in OpenReview matcher's CSV conventions, read and written safely.

* scores: ``submission,assessor,affinity`` rows, no header; pairs not listed have affinity 0.
* constraints: ``submission,assessor,-1`` (conflict) or ``...,1`` (forced pair), no header.
* expertise mode: ``assessor,field`` rows (who holds which expertise) and ``submission,field`` rows
  (which expertise each submission requires), no header.
* output: ``DIR/assignment.csv`` (``submission,assessor``, plus ``field`` in expertise mode) and
  ``DIR/summary.json``, written into a temporary folder beside ``DIR`` and moved into place only when
  complete.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from kotacerdas.engine.review.assignment import AssignmentResult
from kotacerdas.errors import InputError, Location
from kotacerdas.io.safe_cells import CsvWriter
from kotacerdas.io.staging import staged_output
from kotacerdas.io.tables import Table, parse_column, read_csv


@dataclass(frozen=True)
class AffinityTable:
    """Dense affinities with the submission and assessor ids in order of first appearance."""

    submissions: tuple[str, ...]
    assessors: tuple[str, ...]
    affinity: NDArray[np.float64]


def _read_rows(path: str | Path, columns: tuple[str, ...]) -> Table:
    """A header-less table whose every row has exactly ``columns`` cells."""
    table = read_csv(path, header=False)
    for row in table.rows:
        if len(row.cells) != len(columns):
            raise InputError(
                f"expected {len(columns)} columns ({','.join(columns)}) without a header, found {len(row.cells)}",
                location=table.at(row.number),
                code="headerless_columns",
                params={"expected": len(columns), "columns": ",".join(columns), "found": len(row.cells)},
            )
    return table


def _ids(table: Table, at: int, column: str) -> list[str]:
    ids = [row.cells[at] for row in table.rows]
    for row, value in zip(table.rows, ids, strict=True):
        if not value:
            raise InputError(
                f"empty {column} id",
                location=table.at(row.number, column),
                code="empty_id",
                params={"column": column},
            )
    return ids


def read_affinity(path: str | Path) -> AffinityTable:
    """Read ``submission,assessor,affinity`` rows into a dense matrix (unlisted pairs are 0)."""
    table = _read_rows(path, ("submission", "assessor", "affinity"))
    subs = _ids(table, 0, "submission")
    revs = _ids(table, 1, "assessor")
    values = parse_column(table, 2, "affinity", what="affinity")
    sub_index = {s: i for i, s in enumerate(dict.fromkeys(subs))}
    rev_index = {r: j for j, r in enumerate(dict.fromkeys(revs))}
    first: dict[tuple[str, str], int] = {}
    for row, pair in zip(table.rows, zip(subs, revs, strict=True), strict=True):
        if pair in first:
            raise InputError(
                f"pair ({pair[0]}, {pair[1]}) is listed twice (first on row {first[pair]})",
                location=table.at(row.number, "assessor"),
                code="pair_listed_twice",
                params={"submission": pair[0], "assessor": pair[1], "first": first[pair]},
            )
        first[pair] = row.number
    affinity = np.zeros((len(sub_index), len(rev_index)))
    rows = np.fromiter((sub_index[s] for s in subs), dtype=np.int64, count=len(subs))
    cols = np.fromiter((rev_index[r] for r in revs), dtype=np.int64, count=len(revs))
    affinity[rows, cols] = values
    return AffinityTable(tuple(sub_index), tuple(rev_index), affinity)


def read_constraints(path: str | Path, table: AffinityTable) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Read ``submission,assessor,-1|1`` rows into conflict and forced index pairs."""
    rows = _read_rows(path, ("submission", "assessor", "constraint"))
    subs = _ids(rows, 0, "submission")
    revs = _ids(rows, 1, "assessor")
    kinds = parse_column(rows, 2, "constraint", what="constraint")
    file = rows.file
    sub_index = {s: i for i, s in enumerate(table.submissions)}
    rev_index = {s: i for i, s in enumerate(table.assessors)}
    conflicts: list[tuple[int, int]] = []
    forced: list[tuple[int, int]] = []
    for row, s, r, kind in zip((x.number for x in rows.rows), subs, revs, kinds.tolist(), strict=True):
        if s not in sub_index:
            raise InputError(
                f"unknown submission {s!r} (not in the scores file)",
                location=Location(file, row, "submission"),
                code="unknown_submission",
                params={"who": s},
            )
        if r not in rev_index:
            raise InputError(
                f"unknown assessor {r!r} (not in the scores file)",
                location=Location(file, row, "assessor"),
                code="unknown_assessor",
                params={"who": r},
            )
        if kind == -1:
            conflicts.append((sub_index[s], rev_index[r]))
        elif kind == 1:
            forced.append((sub_index[s], rev_index[r]))
        elif kind != 0:
            raise InputError(
                f"constraint {kind:g} is neither -1 (conflict) nor 1 (forced)",
                location=Location(file, row, "constraint"),
                code="constraint_not_plus_minus_one",
                params={"constraint": f"{kind:g}"},
            )
    return np.array(conflicts, dtype=np.int64).reshape(-1, 2), np.array(forced, dtype=np.int64).reshape(-1, 2)


def _pairs_with_field(path: str | Path, table: AffinityTable, owner: str) -> tuple[list[int], list[str]]:
    """Rows ``owner,field`` (owner = submission or assessor) as owner indices and field names."""
    rows = _read_rows(path, (owner, "field"))
    owners = _ids(rows, 0, owner)
    fields = _ids(rows, 1, "field")
    file = rows.file
    known = {s: i for i, s in enumerate(table.submissions if owner == "submission" else table.assessors)}
    seen: set[tuple[str, str]] = set()
    index: list[int] = []
    for row, who, what in zip((x.number for x in rows.rows), owners, fields, strict=True):
        if who not in known:
            raise InputError(
                f"unknown {owner} {who!r} (not in the scores file)",
                location=Location(file, row, owner),
                code="unknown_submission" if owner == "submission" else "unknown_assessor",
                params={"who": who},
            )
        if (who, what) in seen:
            raise InputError(
                f"the pair ({owner} {who!r}, field {what!r}) is listed twice",
                location=Location(file, row, "field"),
                code="submission_field_twice" if owner == "submission" else "assessor_field_twice",
                params={"who": who, "field": what},
            )
        seen.add((who, what))
        index.append(known[who])
    return index, fields


def read_required(path: str | Path, table: AffinityTable) -> tuple[tuple[str, ...], NDArray[np.bool_]]:
    """Read ``submission,field`` rows: the fields (in order of first appearance) and the submissions ×
    fields matrix of required expertise. Every submission of the scores file needs at least one row."""
    subs, names = _pairs_with_field(path, table, "submission")
    fields = tuple(dict.fromkeys(names))
    column = {f: k for k, f in enumerate(fields)}
    required = np.zeros((len(table.submissions), len(fields)), dtype=bool)
    for i, name in zip(subs, names, strict=True):
        required[i, column[name]] = True
    missing = np.nonzero(~required.any(axis=1))[0]
    if missing.size:
        raise InputError(
            f"submission {table.submissions[int(missing[0])]!r} of the scores file has no row, so it would "
            f"require no expertise ({missing.size} such)",
            location=Location(file=str(path)),
            code="submission_without_field",
            params={"submission": table.submissions[int(missing[0])], "count": int(missing.size)},
        )
    return fields, required


def read_expertise(path: str | Path, table: AffinityTable, fields: Sequence[str]) -> NDArray[np.bool_]:
    """Read ``assessor,field`` rows into an assessors × ``fields`` matrix (fields no submission
    requires are ignored)."""
    revs, names = _pairs_with_field(path, table, "assessor")
    column = {f: k for k, f in enumerate(fields)}
    expertise = np.zeros((len(table.assessors), len(fields)), dtype=bool)
    for j, name in zip(revs, names, strict=True):
        if name in column:
            expertise[j, column[name]] = True
    return expertise


def write_assignment(
    out_dir: str | Path, result: AssignmentResult, table: AffinityTable, fields: Sequence[str] = ()
) -> Path:
    """Write ``assignment.csv`` and ``summary.json`` into ``out_dir`` atomically; returns the folder.

    A result of the expertise mode (``result.fields`` set) gets a third column, ``field``, named
    from ``fields``.
    """
    with staged_output(out_dir) as staging:
        with open(staging / "assignment.csv", "w", newline="", encoding="utf-8") as handle:
            writer = CsvWriter(handle)
            if result.fields is None:
                writer.writerow(("submission", "assessor"))
                for i, j in zip(result.submission.tolist(), result.assessor.tolist(), strict=True):
                    writer.writerow((table.submissions[i], table.assessors[j]))
            else:
                writer.writerow(("submission", "assessor", "field"))
                for i, j, f in zip(
                    result.submission.tolist(), result.assessor.tolist(), result.fields.tolist(), strict=True
                ):
                    writer.writerow((table.submissions[i], table.assessors[j], fields[f]))
        summary: dict[str, Any] = result.summary()
        worst = int(np.argmin(result.submission_affinity))
        summary["worst_submission"] = table.submissions[worst]
        summary["submissions"] = len(table.submissions)
        summary["assessors"] = len(table.assessors)
        summary["loads"] = {a: int(n) for a, n in zip(table.assessors, result.loads.tolist(), strict=True)}
        with open(staging / "summary.json", "w", encoding="utf-8") as handle:
            json.dump(summary, handle, indent=1)
            handle.write("\n")
    return Path(out_dir)
