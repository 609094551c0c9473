"""The index framework (COINr's iMeta): levels, parents, directions, weights and column types.

A framework is validated once, on construction, so every later step can trust it: each indicator
and aggregate has a parent one level up (except the single top node), there are no cycles, no
orphans, no childless aggregates, and directions are ±1.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from kotacerdas.errors import InputError, Location

from .table import InputTable

if TYPE_CHECKING:  # pandas only for the annotations: the metadata may come as an InputTable
    import pandas as pd

META_COLUMNS = ("iCode", "iName", "Level", "Parent", "Direction", "Weight", "Type")
NODE_TYPES = ("Indicator", "Aggregate", "Group", "Denominator", "Other")


@dataclass(frozen=True)
class Framework:
    """Validated metadata of an index: the tree of indicators and aggregates plus helper columns."""

    indicators: tuple[str, ...]
    levels: Mapping[int, tuple[str, ...]]
    parent: Mapping[str, str | None]
    direction: Mapping[str, int]
    weight: Mapping[str, float]
    names: Mapping[str, str]
    denominator: Mapping[str, str] = field(default_factory=dict)
    target: Mapping[str, float] = field(default_factory=dict)
    groups: tuple[str, ...] = ()
    denominators: tuple[str, ...] = ()
    others: tuple[str, ...] = ()
    meta_rows: Mapping[str, int] = field(default_factory=dict)

    @property
    def n_levels(self) -> int:
        """Number of levels, indicators being level 1."""
        return max(self.levels)

    @property
    def top(self) -> str:
        """Code of the index itself (the one node without a parent)."""
        return self.levels[self.n_levels][0]

    @property
    def aggregates(self) -> tuple[str, ...]:
        """Aggregate codes from level 2 upwards, in metadata order within each level."""
        return tuple(c for lev in sorted(self.levels) if lev > 1 for c in self.levels[lev])

    def children(self, code: str) -> tuple[str, ...]:
        """Direct children of an aggregate, in metadata order."""
        level = self.level_of(code)
        return tuple(c for c in self.levels.get(level - 1, ()) if self.parent[c] == code)

    @cached_property
    def _level_index(self) -> dict[str, int]:
        return {code: lev for lev, codes in self.levels.items() for code in codes}

    def level_of(self, code: str) -> int:
        """Level of a node (1 = indicator)."""
        return self._level_index[code]

    def ancestor(self, code: str, level: int) -> str:
        """The node at ``level`` above ``code`` (``code`` itself at its own level)."""
        node: str | None = code
        while node is not None and self.level_of(node) < level:
            node = self.parent[node]
        if node is None:
            raise KeyError(f"{code} has no ancestor at level {level}")
        return node

    def lineage(self) -> pd.DataFrame:
        """One row per indicator, one column per level: the indicator's ancestor at that level."""
        import pandas as pd  # here: a frame on request; building the index does not need pandas

        return pd.DataFrame(
            {lev: [self.ancestor(i, lev) for i in self.indicators] for lev in sorted(self.levels)},
            index=pd.Index(self.indicators, name="iCode"),
        )

    @classmethod
    def from_meta(cls, meta: InputTable | pd.DataFrame, source: str = "meta") -> Framework:
        """Validate a COINr-style iMeta table and build the framework; errors name the meta row."""
        return _parse_meta(meta, source)


def _loc(source: str, row: int | None, column: str | None) -> Location:
    return Location(file=source, row=row, column=column)


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _number(value: object, source: str, row: int, column: str) -> float | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        raise InputError(
            f"{text!r} is not a number",
            location=_loc(source, row, column),
            hint=f"{column} must be numeric",
            code="meta_not_a_number",
            params={"cell": text, "column": column},
        ) from None


def _records(meta: InputTable | pd.DataFrame) -> tuple[list[str], list[dict[str, Any]]]:
    """The column names and the rows of a metadata table, as an InputTable or a pandas frame."""
    if isinstance(meta, InputTable):
        return list(meta.columns), list(meta.records())
    return list(meta.columns), [{str(k): v for k, v in rec.items()} for rec in meta.to_dict("records")]


def _parse_meta(meta: InputTable | pd.DataFrame, source: str) -> Framework:
    header, records = _records(meta)
    missing = [c for c in ("iCode", "Level", "Parent", "Type") if c not in header]
    if missing:
        raise InputError(
            f"metadata has no column {missing[0]!r}",
            location=_loc(source, 1, missing[0]),
            hint="iMeta needs iCode, iName, Level, Parent, Direction, Weight, Type",
            code="meta_missing_column",
            params={"column": missing[0]},
        )
    rows: dict[str, int] = {}
    types: dict[str, str] = {}
    level: dict[str, int] = {}
    parent: dict[str, str | None] = {}
    direction: dict[str, int] = {}
    weight: dict[str, float] = {}
    names: dict[str, str] = {}
    denominator: dict[str, str] = {}
    target: dict[str, float] = {}
    for pos, rec in enumerate(records):
        row = pos + 2
        code = _text(rec.get("iCode"))
        if code is None:
            raise InputError(
                "empty iCode",
                location=_loc(source, row, "iCode"),
                code="empty_value",
                params={"column": "iCode"},
            )
        if code in rows:
            raise InputError(
                f"duplicate iCode {code!r} (first on row {rows[code]})",
                location=_loc(source, row, "iCode"),
                code="duplicate_icode",
                params={"code": code, "first": rows[code]},
            )
        rows[code] = row
        kind = _text(rec.get("Type"))
        if kind not in NODE_TYPES:
            raise InputError(
                f"Type {kind!r} of {code!r} is not one of {', '.join(NODE_TYPES)}",
                location=_loc(source, row, "Type"),
                code="unknown_node_type",
                params={"type": kind, "code": code, "types": ", ".join(NODE_TYPES)},
            )
        types[code] = kind
        names[code] = _text(rec.get("iName")) or code
        if kind not in ("Indicator", "Aggregate"):
            continue
        lev = _number(rec.get("Level"), source, row, "Level")
        if lev is None or lev != int(lev) or lev < 1:
            raise InputError(
                f"{code!r} needs a whole Level ≥ 1 (1 = indicator)",
                location=_loc(source, row, "Level"),
                code="level_not_whole",
                params={"code": code},
            )
        level[code] = int(lev)
        if (kind == "Indicator") != (level[code] == 1):
            raise InputError(
                f"{code!r} is an {kind} at level {level[code]}: indicators are level 1, aggregates above",
                location=_loc(source, row, "Level"),
                code="node_level_mismatch",
                params={"code": code, "type": kind, "level": level[code]},
            )
        parent[code] = _text(rec.get("Parent"))
        dirn = _number(rec.get("Direction"), source, row, "Direction") if "Direction" in header else None
        if dirn is None:
            dirn = 1.0
        if dirn not in (1.0, -1.0):
            raise InputError(
                f"Direction of {code!r} is {dirn:g}",
                location=_loc(source, row, "Direction"),
                hint="use 1 or -1",
                code="direction_not_one",
                params={"code": code, "direction": f"{dirn:g}"},
            )
        direction[code] = int(dirn)
        wt = _number(rec.get("Weight"), source, row, "Weight") if "Weight" in header else None
        if wt is None:
            wt = 1.0
        if wt < 0 or not math.isfinite(wt):
            raise InputError(
                f"Weight of {code!r} is {wt:g}",
                location=_loc(source, row, "Weight"),
                code="weight_not_allowed",
                params={"code": code, "weight": f"{wt:g}"},
            )
        weight[code] = wt
        den = _text(rec.get("Denominator")) if "Denominator" in header else None
        if den is not None and kind == "Indicator":
            denominator[code] = den
        tgt = _number(rec.get("Target"), source, row, "Target") if "Target" in header else None
        if tgt is not None:
            target[code] = tgt
    _check_tree(level, parent, rows, source)
    for code, den in denominator.items():
        if types.get(den) != "Denominator":
            raise InputError(
                f"denominator {den!r} of {code!r} is not a Denominator row of the metadata",
                location=_loc(source, rows[code], "Denominator"),
                code="denominator_not_in_meta",
                params={"denominator": den, "code": code},
            )
    levels = {
        lev: tuple(c for c in level if level[c] == lev)
        for lev in range(1, max(level.values(), default=1) + 1)
    }
    return Framework(
        indicators=levels[1],
        levels=levels,
        parent=parent,
        direction=direction,
        weight=weight,
        names=names,
        denominator=denominator,
        target=target,
        groups=tuple(c for c, t in types.items() if t == "Group"),
        denominators=tuple(c for c, t in types.items() if t == "Denominator"),
        others=tuple(c for c, t in types.items() if t == "Other"),
        meta_rows=rows,
    )


def _check_tree(
    level: dict[str, int], parent: dict[str, str | None], rows: dict[str, int], source: str
) -> None:
    if not any(lev == 1 for lev in level.values()):
        raise InputError(
            "metadata has no indicators (Type Indicator, Level 1)",
            location=_loc(source, None, "Type"),
            code="meta_without_indicators",
        )
    top = max(level.values())
    for code in level:  # cycles first: a cycle also breaks levels, but "cycle" is the real reason
        seen = [code]
        node = parent[code]
        while node is not None and node in level:
            if node in seen:
                path = " → ".join([*seen[seen.index(node) :], node])
                raise InputError(
                    f"cycle in the hierarchy: {path}",
                    location=_loc(source, rows[node], "Parent"),
                    code="hierarchy_cycle",
                    params={"path": path},
                )
            seen.append(node)
            node = parent[node]
    for code, lev in level.items():
        par = parent[code]
        loc = _loc(source, rows[code], "Parent")
        if par is None:
            if lev != top:
                raise InputError(
                    f"{code!r} (level {lev}) has no Parent: orphan below the top level {top}",
                    location=loc,
                    code="orphan_without_parent",
                    params={"code": code, "level": lev, "top": top},
                )
            continue
        if par not in level:
            raise InputError(
                f"Parent {par!r} of {code!r} is not an indicator or aggregate code: orphan",
                location=loc,
                code="unknown_parent",
                params={"parent": par, "code": code},
            )
        if level[par] != lev + 1:
            raise InputError(
                f"Parent {par!r} of {code!r} is at level {level[par]}, expected {lev + 1}",
                location=loc,
                hint="each node's parent sits exactly one level up",
                code="parent_level",
                params={"parent": par, "code": code, "level": level[par], "expected": lev + 1},
            )
    tops = [c for c, lev in level.items() if lev == top]
    if len(tops) != 1:
        raise InputError(
            f"the top level {top} has {len(tops)} nodes ({', '.join(tops)}); an index needs one",
            location=_loc(source, rows[tops[-1]], "Level"),
            code="several_tops",
            params={"top": top, "count": len(tops), "codes": ", ".join(tops)},
        )
    has_child = {p for p in parent.values() if p is not None}
    for code, lev in level.items():
        if lev > 1 and code not in has_child:
            raise InputError(
                f"aggregate {code!r} has no children: orphan",
                location=_loc(source, rows[code], "iCode"),
                code="aggregate_without_children",
                params={"code": code},
            )
