"""The roadmap of a masterplan: for each dimension and year, the programmes running that year."""

from __future__ import annotations

from dataclasses import dataclass

from kotacerdas.monitoring.framework import Dimension
from kotacerdas.monitoring.models import Masterplan, MasterplanProgramme


@dataclass(frozen=True)
class RoadmapRow:
    dimension: str
    cells: list[list[MasterplanProgramme]]  # one list per year of ``Roadmap.years``


@dataclass(frozen=True)
class Roadmap:
    years: list[int]
    rows: list[RoadmapRow]


def roadmap(plan: Masterplan) -> Roadmap:
    """A programme runs from its start year for its horizon (1, 5 or 10 years), cut at the plan's end."""
    years = list(range(plan.start_year, plan.end_year + 1))
    programmes = list(plan.programmes.all())
    rows = []
    for dimension in Dimension:
        cells = [
            [
                p
                for p in programmes
                if p.dimension == dimension and p.start_year <= year < p.start_year + p.horizon
            ]
            for year in years
        ]
        rows.append(RoadmapRow(dimension=str(dimension.label), cells=cells))
    return Roadmap(years=years, rows=rows)
