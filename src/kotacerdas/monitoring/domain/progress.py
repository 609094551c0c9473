"""Programme progress: how the masterplans' programmes stand, per cohort, dimension, province and region.

Definitions (also in docs/platform.md, "Kemajuan program"):

- A KPI's **attainment** in a year is ``actual / target`` when higher is better and ``target / actual``
  when lower is better. Where that ratio means nothing (a target or actual of zero or below) it is 1 when
  the target is met and 0 when it is not. Averages cap each KPI at 1, so one KPI far above its target
  cannot hide another below it.
- A programme's **standing** uses each KPI's latest year that has both a target and an actual:
  *terhenti* (stopped) if its status is ``stopped``; *belum melapor* (not reported) if none of its KPIs
  has such a year; *sesuai rencana* (on track) if every such KPI attains at least
  ``1 - ON_TRACK_TOLERANCE`` of its target; *tertinggal* (behind) otherwise. The four shares sum to 1.
- **Budget realisation** is the realised sum over the planned sum of the years that have a realised figure
  (years not yet reported do not dilute it).
- **Quick wins delivered**: quick wins with status ``done`` over all quick wins.
- **Books accepted**: of the four books of every participation from ``selected`` on along the main line,
  those whose latest version the secretariat accepted.
- A region is **late** for a year when that year's reporting window has closed, its masterplan set KPI
  targets for that year (in programmes not stopped), and it reported no actual for that year.

Every function reads with a fixed number of queries, whatever the number of regions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.monitoring.framework import Dimension, QuickWinStatus
from kotacerdas.monitoring.models import (
    KpiActual,
    KpiTarget,
    MasterplanProgramme,
    ProgrammeBudget,
    ReportingWindow,
)
from kotacerdas.programme.lifecycle import MAIN_LINE, State
from kotacerdas.programme.models import Cohort, Document, Participation, ReviewStatus
from kotacerdas.regions.models import Region

#: a KPI within 5 % of its target counts as attained
ON_TRACK_TOLERANCE = 0.05
BOOKS = 4
#: a Kemendagri province code: two ASCII digits
PROVINCE_CODE = re.compile(r"[0-9]{2}")
#: participations expected to deliver the four books
BOOK_STATES = frozenset(MAIN_LINE[MAIN_LINE.index(State.SELECTED) :])


class Standing(models.TextChoices):
    ON_TRACK = "on_track", _("Sesuai rencana")
    BEHIND = "behind", _("Tertinggal")
    STOPPED = "stopped", _("Terhenti")
    NO_REPORT = "no_report", _("Belum melapor")


def attainment(actual: float, target: float, higher_is_better: bool) -> float:
    """How far ``actual`` reaches ``target`` (1 = exactly), direction-aware; see the module docstring."""
    if target > 0 and actual > 0:
        return actual / target if higher_is_better else target / actual
    met = actual >= target if higher_is_better else actual <= target
    return 1.0 if met else 0.0


def standing(status: str, attainments: Iterable[float]) -> Standing:
    """The standing of a programme from its status and its KPIs' latest attainments."""
    if status == QuickWinStatus.STOPPED:
        return Standing.STOPPED
    values = list(attainments)
    if not values:
        return Standing.NO_REPORT
    return Standing.ON_TRACK if min(values) >= 1 - ON_TRACK_TOLERANCE else Standing.BEHIND


@dataclass(frozen=True)
class ProgrammeFacts:
    region_id: int
    cohort_id: int | None
    dimension: str
    quick_win: bool
    status: str
    attainments: tuple[float, ...]
    planned_due: int  # planned budget (rupiah) of the years with a realised figure
    realised: int
    standing: str = field(init=False)
    capped: float = field(init=False)  # the sum of the attainments, each capped at 1

    def __post_init__(self) -> None:  # computed once: a programme is added to four groups
        object.__setattr__(self, "standing", standing(self.status, self.attainments).value)
        object.__setattr__(self, "capped", sum(min(a, 1.0) for a in self.attainments))


@dataclass
class Tally:
    """Counts and sums over a group of programmes (and the group's books and late regions)."""

    programmes: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Standing.values, 0))
    kpis: int = 0
    attainment_sum: float = 0.0
    planned_due: int = 0
    realised: int = 0
    quick_wins: int = 0
    quick_wins_done: int = 0
    books_expected: int = 0
    books_accepted: int = 0
    late_regions: set[int] = field(default_factory=set)

    def add(self, item: ProgrammeFacts) -> None:
        self.programmes += 1
        self.counts[item.standing] += 1
        self.kpis += len(item.attainments)
        self.attainment_sum += item.capped
        self.planned_due += item.planned_due
        self.realised += item.realised
        self.quick_wins += item.quick_win
        self.quick_wins_done += item.quick_win and item.status == QuickWinStatus.DONE

    def share(self, key: str) -> float | None:
        return self.counts[key] / self.programmes if self.programmes else None

    @property
    def shares(self) -> dict[str, float | None]:
        return {key: self.share(key) for key in Standing.values}

    @property
    def standings(self) -> list[tuple[str, str, int, float | None]]:
        """``(standing, label, count, share)`` in the order of :class:`Standing`."""
        return [(key, str(label), self.counts[key], self.share(key)) for key, label in Standing.choices]

    @property
    def attainment(self) -> float | None:
        return self.attainment_sum / self.kpis if self.kpis else None

    @property
    def realisation(self) -> float | None:
        return self.realised / self.planned_due if self.planned_due else None

    @property
    def quick_win_rate(self) -> float | None:
        return self.quick_wins_done / self.quick_wins if self.quick_wins else None

    @property
    def books_rate(self) -> float | None:
        return self.books_accepted / self.books_expected if self.books_expected else None


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    tally: Tally


@dataclass(frozen=True)
class Progress:
    overall: Tally
    by_cohort: list[Group]
    by_dimension: list[Group]
    by_area: list[Group]  # provinces nationally, regions within a province
    late: dict[int, list[int]]  # region id → years it is late for
    closed_years: list[int]


@dataclass(frozen=True)
class Loaded:
    facts: list[ProgrammeFacts]
    late: dict[int, list[int]]  # region id → the closed reporting years it is late for
    closed_years: list[int]


def _attainments(
    targets: dict[tuple[int, int], tuple[float, int, bool]], actuals: list[tuple[int, int, float]]
) -> dict[int, list[float]]:
    """Programme id → the attainment of each KPI in its latest year with both a target and an actual."""
    latest: dict[int, tuple[int, float, tuple[float, int, bool]]] = {}
    for kpi_id, year, value in actuals:
        planned = targets.get((kpi_id, year))
        if planned is not None and (kpi_id not in latest or latest[kpi_id][0] < year):
            latest[kpi_id] = (year, value, planned)
    out: dict[int, list[float]] = defaultdict(list)
    for _year, value, (goal, programme_id, higher) in latest.values():
        out[programme_id].append(attainment(value, goal, higher))
    return out


def load(programmes: models.QuerySet[MasterplanProgramme], *, today: dt.date) -> Loaded:
    """The facts of each programme of ``programmes`` and the regions late in reporting (five queries).

    Late: a closed reporting year (``closes_on`` before ``today``) with KPI targets in programmes that are
    not stopped, and no actual of the region for that year.
    """
    chosen = programmes.values("pk")  # a subquery, not a list of ids
    rows = list(
        programmes.values_list(
            "pk",
            "masterplan__region_id",
            "masterplan__participation__cohort_id",
            "dimension",
            "quick_win",
            "status",
        )
    )
    targets: dict[tuple[int, int], tuple[float, int, bool]] = {
        (kpi_id, year): (target, programme_id, higher)
        for kpi_id, year, target, programme_id, higher in KpiTarget.objects.filter(
            kpi__programme__in=chosen
        ).values_list("kpi_id", "year", "target", "kpi__programme_id", "kpi__higher_is_better")
    }
    actuals = list(KpiActual.objects.filter(kpi__programme__in=chosen).values_list("kpi_id", "year", "value"))
    money = {
        programme_id: (planned, realised)
        for programme_id, planned, realised in ProgrammeBudget.objects.filter(
            programme__in=chosen, realised__isnull=False
        )
        .values("programme_id")
        .annotate(planned_sum=models.Sum("planned"), realised_sum=models.Sum("realised"))
        .values_list("programme_id", "planned_sum", "realised_sum")
    }
    closed = sorted(ReportingWindow.objects.filter(closes_on__lt=today).values_list("year", flat=True))
    kpis = _attainments(targets, actuals)
    zero = (0, 0)
    facts = [
        ProgrammeFacts(
            region_id=region_id,
            cohort_id=cohort_id,
            dimension=dimension,
            quick_win=quick_win,
            status=status,
            attainments=tuple(kpis.get(pk, ())),
            planned_due=int(money.get(pk, zero)[0]),
            realised=int(money.get(pk, zero)[1]),
        )
        for pk, region_id, cohort_id, dimension, quick_win, status in rows
    ]
    region_of = {pk: region_id for pk, region_id, *_rest in rows}
    live = {pk for pk, *_rest, status in rows if status != QuickWinStatus.STOPPED}
    programme_of = {kpi_id: programme_id for (kpi_id, _y), (_t, programme_id, _h) in targets.items()}
    years = set(closed)
    due = {(region_of[p], y) for (_k, y), (_t, p, _h) in targets.items() if y in years and p in live}
    done = {(region_of[programme_of[k]], y) for k, y, _v in actuals if y in years and k in programme_of}
    late: dict[int, list[int]] = defaultdict(list)
    for region_id, year in sorted(due - done):
        late[region_id].append(year)
    return Loaded(facts=facts, late=dict(late), closed_years=closed)


def _books(participations: models.QuerySet[Participation]) -> list[tuple[int, int, int, int]]:
    """``(participation, region, cohort, accepted books)`` of participations expected to deliver books."""
    rows = list(participations.filter(state__in=BOOK_STATES).values_list("pk", "region_id", "cohort_id"))
    latest: dict[tuple[int, int], tuple[int, str]] = {}
    for pk, book, version, status in Document.objects.filter(
        participation_id__in=[r[0] for r in rows]
    ).values_list("participation_id", "book", "version", "review_status"):
        if (pk, book) not in latest or latest[pk, book][0] < version:
            latest[pk, book] = (version, status)
    accepted: dict[int, int] = defaultdict(int)
    for (pk, _book), (_version, status) in latest.items():
        accepted[pk] += status == ReviewStatus.ACCEPTED
    return [(pk, region_id, cohort_id, accepted[pk]) for pk, region_id, cohort_id in rows]


def progress(*, today: dt.date, province_code: str | None = None) -> Progress:
    """National progress (areas = provinces), or one province's (areas = its regions)."""
    programmes = MasterplanProgramme.objects.all()
    participations = Participation.objects.all()
    if province_code is not None:
        programmes = programmes.filter(masterplan__region__province_code=province_code)
        participations = participations.filter(region__province_code=province_code)
    regions = {
        r.pk: r
        for r in Region.objects.filter(
            models.Q(masterplans__isnull=False) | models.Q(participations__isnull=False),
            **({"province_code": province_code} if province_code else {}),
        ).distinct()
    }

    def area(region_id: int) -> tuple[str, str]:
        region = regions[region_id]
        return (region.code, region.name) if province_code else (region.province_code, region.province)

    overall = Tally()
    cohorts: dict[int | None, Tally] = defaultdict(Tally)
    dimensions: dict[str, Tally] = defaultdict(Tally)
    areas: dict[tuple[str, str], Tally] = defaultdict(Tally)
    region_cohorts: dict[int, set[int | None]] = defaultdict(set)
    loaded = load(programmes, today=today)
    for item in loaded.facts:
        region_cohorts[item.region_id].add(item.cohort_id)
        for tally in (
            overall,
            cohorts[item.cohort_id],
            dimensions[item.dimension],
            areas[area(item.region_id)],
        ):
            tally.add(item)
    for _pk, region_id, cohort_id, accepted in _books(participations):
        for tally in (overall, cohorts[cohort_id], areas[area(region_id)]):
            tally.books_expected += BOOKS
            tally.books_accepted += accepted
    late = loaded.late
    for region_id in late:
        overall.late_regions.add(region_id)
        areas[area(region_id)].late_regions.add(region_id)
        for member_of in region_cohorts[region_id]:
            cohorts[member_of].late_regions.add(region_id)
    names = dict(Cohort.objects.filter(pk__in=[k for k in cohorts if k]).values_list("pk", "name"))
    return Progress(
        overall=overall,
        by_cohort=[
            Group(str(k or ""), names[k] if k else str(_("Tanpa kohort")), cohorts[k])
            for k in sorted(cohorts, key=lambda k: (k is None, names.get(k or 0, "")))
        ],
        by_dimension=[
            Group(d.value, str(d.label), dimensions[d.value]) for d in Dimension if d.value in dimensions
        ],
        by_area=[Group(code, label, areas[code, label]) for code, label in sorted(areas)],
        late=late,
        closed_years=loaded.closed_years,
    )
