"""A region's indicator profile: strengths and weaknesses among all regions, in the indicators' names.

It reads only what was published: the newest published index run whose dataset is published too. The
run's iMeta gives each indicator its name (``iName``) and direction: for an indicator where lower is
better (``Direction`` −1, e.g. a poverty rate), a low value is a strength.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kotacerdas.regions.models import Dataset, IndexRun, Region


@dataclass(frozen=True)
class ProfileRow:
    """One indicator of the region: its name, value and standing (100 = best of all regions)."""

    code: str
    name: str
    value: float
    direction: int
    standing: int  # share of regions (%) that do no better than this one, in the indicator's direction


def public_profile_run() -> IndexRun | None:
    """The newest published run with iMeta whose dataset is published (the profile's source)."""
    return (
        IndexRun.objects.filter(published=True, dataset__published=True)
        .exclude(meta=[])
        .select_related("dataset")
        .order_by("-created_at", "-id")
        .first()
    )


def _indicators(meta: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
    """(code, name, direction) of the iMeta's indicator rows."""
    out = []
    for row in meta:
        if row.get("Type") != "Indicator" or not row.get("iCode"):
            continue
        direction = -1 if float(row.get("Direction") or 1) < 0 else 1
        out.append((str(row["iCode"]), str(row.get("iName") or row["iCode"]), direction))
    return out


def indicator_profile(region: Region, run: IndexRun | None = None) -> list[ProfileRow]:
    """The region's indicators, best standing first (empty when nothing suitable is published)."""
    source = run or public_profile_run()
    if source is None or source.dataset is None:
        return []
    wanted = _indicators(source.meta)
    values: dict[str, list[tuple[int, float]]] = {code: [] for code, _, _ in wanted}
    rows = source.dataset.values.filter(indicator__in=list(values), value__isnull=False, year=source.year)
    for indicator, region_id, value in rows.values_list("indicator", "region_id", "value"):
        if value is not None:
            values[indicator].append((region_id, float(value)))
    out: list[ProfileRow] = []
    for code, name, direction in wanted:
        column = values[code]
        own = next((v for rid, v in column if rid == region.pk), None)
        if own is None:
            continue
        no_better = sum(1 for _, v in column if direction * v <= direction * own)
        out.append(ProfileRow(code, name, own, direction, round(100 * no_better / len(column))))
    return sorted(out, key=lambda r: (-r.standing, r.name))


def indicator_names(dataset: Dataset) -> dict[str, str]:
    """Each indicator code of ``dataset`` → its name in the iMeta of the latest index run built on it
    (every row type: indicators, groups, denominators); a code no run names is absent."""
    run = IndexRun.objects.filter(dataset=dataset).exclude(meta=[]).order_by("-created_at", "-id").first()
    if run is None:
        return {}
    return {str(r["iCode"]): str(r["iName"]) for r in run.meta if r.get("iCode") and r.get("iName")}
