"""One region's progress against its roadmap: KPI target against actual and budget planned against
realised, year by year (definitions in :mod:`kotacerdas.monitoring.domain.progress`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from kotacerdas.monitoring.domain.progress import Tally, attainment, load
from kotacerdas.monitoring.framework import Dimension
from kotacerdas.monitoring.models import Kpi, KpiActual, KpiTarget, MasterplanProgramme, ProgrammeBudget
from kotacerdas.regions.models import Region


@dataclass(frozen=True)
class KpiCell:
    year: int
    target: float | None
    actual: float | None
    attainment: float | None  # when the year has both
    synthetic: bool = False
    evidence_url: str = ""  # shown to assessors and the secretariat only
    has_file: bool = False


@dataclass(frozen=True)
class KpiRow:
    programme: str
    dimension: str
    kpi: str
    unit: str
    higher_is_better: bool
    cells: list[KpiCell]


@dataclass(frozen=True)
class BudgetYear:
    year: int
    planned: Decimal
    realised: Decimal | None

    @property
    def rate(self) -> float | None:
        return float(self.realised / self.planned) if self.realised is not None and self.planned else None


@dataclass(frozen=True)
class RegionProgress:
    years: list[int]
    kpis: list[KpiRow]
    budget: list[BudgetYear]
    tally: Tally
    late_years: list[int]

    @property
    def empty(self) -> bool:
        return not self.kpis and not self.budget


def region_progress(region: Region, *, today: dt.date) -> RegionProgress:
    """Plan against actual per year for every KPI and for the budget of ``region``'s programmes."""
    programmes = MasterplanProgramme.objects.filter(masterplan__region=region)
    kpis = list(
        Kpi.objects.filter(programme__in=programmes)
        .select_related("programme")
        .order_by("programme__masterplan__start_year", "programme__dimension", "programme__name", "pk")
    )
    targets = {(t.kpi_id, t.year): t.target for t in KpiTarget.objects.filter(kpi__in=kpis)}
    actuals = {(a.kpi_id, a.year): a for a in KpiActual.objects.filter(kpi__in=kpis)}
    money: dict[int, list[Decimal | None]] = defaultdict(lambda: [Decimal(0), None])
    for b in ProgrammeBudget.objects.filter(programme__in=programmes).values("year", "planned", "realised"):
        cell = money[b["year"]]
        cell[0] = (cell[0] or Decimal(0)) + b["planned"]
        if b["realised"] is not None:
            cell[1] = (cell[1] or Decimal(0)) + b["realised"]
    years = sorted({y for _k, y in targets} | {y for _k, y in actuals} | set(money))
    labels = dict(Dimension.choices)
    rows = []
    for kpi in kpis:
        cells = []
        for year in years:
            target, actual = targets.get((kpi.pk, year)), actuals.get((kpi.pk, year))
            cells.append(
                KpiCell(
                    year=year,
                    target=target,
                    actual=actual.value if actual else None,
                    attainment=attainment(actual.value, target, kpi.higher_is_better)
                    if actual and target is not None
                    else None,
                    synthetic=bool(actual and actual.synthetic),
                    evidence_url=actual.evidence_url if actual else "",
                    has_file=bool(actual and actual.evidence_file),
                )
            )
        rows.append(
            KpiRow(
                programme=kpi.programme.name,
                dimension=str(labels.get(kpi.programme.dimension, kpi.programme.dimension)),
                kpi=kpi.name,
                unit=kpi.unit,
                higher_is_better=kpi.higher_is_better,
                cells=cells,
            )
        )
    loaded = load(programmes, today=today)
    tally = Tally()
    for item in loaded.facts:
        tally.add(item)
    return RegionProgress(
        years=years,
        kpis=rows,
        budget=[
            BudgetYear(year=y, planned=money[y][0] or Decimal(0), realised=money[y][1]) for y in sorted(money)
        ],
        tally=tally,
        late_years=loaded.late.get(region.pk, []),
    )
