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
import pandas as pd
from numpy.typing import NDArray

from kotacerdas.engine.review.assignment import AssignmentResult
from kotacerdas.errors import InputError, Location
from kotacerdas.io.safe_cells import CsvWriter
from kotacerdas.io.staging import staged_output


@dataclass(frozen=True)
class AffinityTable:
    """Dense affinities with the submission and assessor ids in order of first appearance."""

    submissions: tuple[str, ...]
    assessors: tuple[str, ...]
    affinity: NDArray[np.float64]


def _read_rows(path: str | Path, columns: tuple[str, ...]) -> pd.DataFrame:
    file = str(path)
    try:
        frame = pd.read_csv(
            path, header=None, dtype=str, keep_default_na=False, skip_blank_lines=True, skipinitialspace=True
        )
    except FileNotFoundError:
        raise InputError("file not found", location=Location(file=file)) from None
    except pd.errors.EmptyDataError:
        raise InputError("the file is empty", location=Location(file=file)) from None
    except pd.errors.ParserError as exc:
        raise InputError(f"not a valid CSV: {exc}", location=Location(file=file)) from None
    if frame.shape[1] != len(columns):
        raise InputError(
            f"expected {len(columns)} columns ({','.join(columns)}) without a header, found {frame.shape[1]}",
            location=Location(file=file, row=1),
        )
    frame.columns = list(columns)
    return frame


def _numbers(frame: pd.DataFrame, column: str, file: str) -> NDArray[np.float64]:
    values = pd.to_numeric(frame[column].str.strip(), errors="coerce").to_numpy(dtype=np.float64)
    bad = np.nonzero(~np.isfinite(values))[0]
    if bad.size:
        row = int(bad[0])
        raise InputError(
            f"{column} {frame[column].iloc[row]!r} is not a finite number",
            location=Location(file, row + 1, column),
        )
    return values


def _ids(frame: pd.DataFrame, column: str, file: str) -> NDArray[np.str_]:
    ids = frame[column].str.strip()
    empty = np.nonzero((ids == "").to_numpy())[0]
    if empty.size:
        raise InputError(f"empty {column} id", location=Location(file, int(empty[0]) + 1, column))
    return ids.to_numpy(dtype=str)


def read_affinity(path: str | Path) -> AffinityTable:
    """Read ``submission,assessor,affinity`` rows into a dense matrix (unlisted pairs are 0)."""
    file = str(path)
    frame = _read_rows(path, ("submission", "assessor", "affinity"))
    subs = _ids(frame, "submission", file)
    revs = _ids(frame, "assessor", file)
    values = _numbers(frame, "affinity", file)
    sub_codes, sub_names = pd.factorize(subs)
    rev_codes, rev_names = pd.factorize(revs)
    flat = sub_codes.astype(np.int64) * len(rev_names) + rev_codes
    order = np.argsort(flat, kind="stable")
    repeated = flat[order][1:] == flat[order][:-1]
    if repeated.any():
        row = int(order[1:][repeated].min())
        raise InputError(
            f"pair ({subs[row]!s}, {revs[row]!s}) is listed twice",
            location=Location(file, row + 1, "assessor"),
        )
    affinity = np.zeros((len(sub_names), len(rev_names)))
    affinity[sub_codes, rev_codes] = values
    return AffinityTable(tuple(map(str, sub_names)), tuple(map(str, rev_names)), affinity)


def read_constraints(path: str | Path, table: AffinityTable) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Read ``submission,assessor,-1|1`` rows into conflict and forced index pairs."""
    file = str(path)
    frame = _read_rows(path, ("submission", "assessor", "constraint"))
    subs = _ids(frame, "submission", file)
    revs = _ids(frame, "assessor", file)
    kinds = _numbers(frame, "constraint", file)
    sub_index = {s: i for i, s in enumerate(table.submissions)}
    rev_index = {s: i for i, s in enumerate(table.assessors)}
    conflicts: list[tuple[int, int]] = []
    forced: list[tuple[int, int]] = []
    for row, (s, r, kind) in enumerate(
        zip(subs.tolist(), revs.tolist(), kinds.tolist(), strict=True), start=1
    ):
        if s not in sub_index:
            raise InputError(
                f"unknown submission {s!r} (not in the scores file)",
                location=Location(file, row, "submission"),
            )
        if r not in rev_index:
            raise InputError(
                f"unknown assessor {r!r} (not in the scores file)", location=Location(file, row, "assessor")
            )
        if kind == -1:
            conflicts.append((sub_index[s], rev_index[r]))
        elif kind == 1:
            forced.append((sub_index[s], rev_index[r]))
        elif kind != 0:
            raise InputError(
                f"constraint {kind:g} is neither -1 (conflict) nor 1 (forced)",
                location=Location(file, row, "constraint"),
            )
    return np.array(conflicts, dtype=np.int64).reshape(-1, 2), np.array(forced, dtype=np.int64).reshape(-1, 2)


def _pairs_with_field(path: str | Path, table: AffinityTable, owner: str) -> tuple[list[int], list[str]]:
    """Rows ``owner,field`` (owner = submission or assessor) as owner indices and field names."""
    file = str(path)
    frame = _read_rows(path, (owner, "field"))
    owners = _ids(frame, owner, file)
    fields = _ids(frame, "field", file)
    known = {s: i for i, s in enumerate(table.submissions if owner == "submission" else table.assessors)}
    seen: set[tuple[str, str]] = set()
    index: list[int] = []
    for row, (who, what) in enumerate(zip(owners.tolist(), fields.tolist(), strict=True), start=1):
        if who not in known:
            raise InputError(
                f"unknown {owner} {who!r} (not in the scores file)", location=Location(file, row, owner)
            )
        if (who, what) in seen:
            raise InputError(
                f"({owner} {who!r}, field {what!r}) is listed twice", location=Location(file, row, "field")
            )
        seen.add((who, what))
        index.append(known[who])
    return index, [str(f) for f in fields.tolist()]


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
