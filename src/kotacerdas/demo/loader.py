"""Demo data for ``kotacerdas demo``: regions, one user per role, a synthetic dataset and index run, the
real 2017–2019 cohorts with synthetic guidance progress and book review, synthetic masterplans and quick
wins.

Everything made up here is labelled synthetic (datasets, masterplans, reasons of demo progress steps).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.domain.users import create_user
from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import User
from kotacerdas.demo.assessment import load_assessment_demo
from kotacerdas.demo.guard import refuse_production
from kotacerdas.demo.index import (
    demo_index_run,
    demo_open_cohort,
    demo_selection,
    print_results,
    selection_by_island,
    top_rows,
)
from kotacerdas.demo.monitoring import load_monitoring_demo, masterplan_conversation
from kotacerdas.demo.reviews import review_books
from kotacerdas.monitoring.domain.masterplans import (
    add_programme,
    create_masterplan,
    set_kpi_targets,
    set_quick_win_status,
)
from kotacerdas.monitoring.framework import SUB_DIMENSIONS, Dimension
from kotacerdas.programme.domain.documents import submit_book
from kotacerdas.programme.domain.history import load_historical_cohorts
from kotacerdas.programme.domain.participation import form_institution, record_bimtek, transition
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Participation
from kotacerdas.regions.domain.boundaries import import_boundaries
from kotacerdas.regions.domain.index_runs import Interval, record_index_run
from kotacerdas.regions.domain.registry import sync_regions
from kotacerdas.regions.models import IndexRun, Region

SYNTHETIC = "kemajuan demo sintetis"
DEMO_PDF = b"%PDF-1.4\n% Kota Cerdas synthetic demo document\n%%EOF\n"


@dataclass
class DemoSummary:
    """What :func:`load_demo` created; ``logins`` are (role, username, password)."""

    regions: int = 0
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    dataset_id: int | None = None
    index_run_id: int | None = None
    participations: int = 0
    boundaries: int = 0
    cohort_id: int | None = None
    open_cohort_id: int | None = None
    top: list[tuple[str, str, float, str]] = field(default_factory=list)
    selection_by_island: dict[str, int] = field(default_factory=dict)

    def login_lines(self) -> list[str]:
        """One ``login <role>: <username> / <password>`` line per demo account, for the command line."""
        return [f"login {role}: {username} / {password}" for role, username, password in self.logins]


def _users(regions: dict[str, Region], team_region: str) -> list[tuple[str, str, str]]:
    spec = [
        (Role.SECRETARIAT, "sekretariat", None),
        (Role.ASSESSOR, "asesor", None),
        (Role.REGION_TEAM, "tim-banjarmasin", regions[team_region]),
    ]
    logins = []
    for role, username, region in spec:
        password = f"demo-{username}-2026"
        if not User.objects.filter(username=username).exists():
            create_user(
                actor=SYSTEM, username=username, password=password, role=role, region=region, demo=True
            )
        logins.append((str(role.value), username, password))
    return logins


#: the demo region team's region (Kota Banjarmasin, 2018 cohort in the real data)
TEAM_REGION = "63.71"
#: Banjarmasin's guidance is half done, so its team can do everything the README promises: bimtek 3
#: and 4 and the Tim Pelaksana decree are still to record and books are taken (during guidance); its
#: feedback report is that of the published 2018 readiness interview (:mod:`kotacerdas.demo.assessment`)
TEAM_BIMTEK_DONE = 2
TEAM_DECREES_DONE = ("council",)


def _guide(
    p: Participation,
    *,
    year: int,
    until: State,
    rng: np.random.Generator,
    bimtek: int = 4,
    decrees: tuple[str, ...] = ("council", "team"),
) -> None:
    """Walk one participation along the main line up to ``until``, with synthetic dates and facts.

    ``bimtek`` stages and the ``decrees`` (of ``council``, ``team``) are recorded in guidance.
    """
    start = dt.date(year, 3, 1)
    steps = [
        State.MOU_SIGNED,
        State.GUIDANCE,
        State.COMMITMENT_SIGNED,
        State.BOOKS_SUBMITTED,
        State.PRESENTED,
        State.AWARDED,
    ]
    for state in steps[: steps.index(until) + 1]:
        if state == State.GUIDANCE:
            for stage in range(1, 5):
                day = start + dt.timedelta(days=30 * stage)
                attendees = int(rng.integers(15, 60))  # drawn for every stage: the same demo either way
                if stage > bimtek:
                    continue
                record_bimtek(
                    actor=SYSTEM,
                    participation=p,
                    stage=stage,
                    start=day,
                    end=day + dt.timedelta(days=1),
                    attendees=attendees,
                )
            for kind, number in (("council", "SK.188/DSC"), ("team", "SK.188/TP")):
                if kind not in decrees:
                    continue
                form_institution(
                    actor=SYSTEM,
                    participation=p,
                    kind=kind,
                    decree_number=f"{number}/{year}",
                    decree_date=start + dt.timedelta(days=40),
                    members=[f"Anggota {i}" for i in range(1, 8)],
                )
            continue
        if state == State.BOOKS_SUBMITTED:
            for book in range(1, 5):
                submit_book(
                    actor=SYSTEM,
                    participation=p,
                    book=book,
                    name=f"buku-{book}-sintetis.pdf",
                    content=DEMO_PDF,
                )
            review_books(p, DEMO_PDF)
        transition(
            actor=SYSTEM,
            participation=p,
            to=state,
            on=_step_date(start, steps.index(state)),
            reason=SYNTHETIC,
        )


def _step_date(start: dt.date, index: int) -> dt.date:
    """Synthetic date of main-line step ``index`` (0 = MoU), in lifecycle order.

    The MoU is signed on ``start``, bimtek 1–4 follow 30, 60, 90, 120 days later (decrees at 40), then
    the commitment, books, presentation and award every 30 days: date order matches state order.
    """
    return start if index == 0 else start + dt.timedelta(days=30 * (index + 3))


def _masterplan(
    region: Region, participation: Participation | None, year: int, rng: np.random.Generator
) -> None:
    plan = create_masterplan(
        actor=SYSTEM,
        region=region,
        participation=participation,
        synthetic=True,
        vision=f"{region.name} cerdas, inklusif dan berkelanjutan (visi sintetis)",
        start_year=year,
        end_year=year + 10,
    )
    for i, dimension in enumerate(Dimension):
        sub = SUB_DIMENSIONS[dimension][i % 3][0]
        item = add_programme(
            actor=SYSTEM,
            masterplan=plan,
            name=f"Program {dimension.label} {region.name.split()[-1]}",
            dimension=dimension,
            sub_dimension=sub,
            horizon=(1, 5, 10)[i % 3],
            owner_opd=("Diskominfo", "Bappeda", "Dinas Kesehatan")[i % 3],
            budget_source=("apbd", "apbn", "kpbu", "other")[i % 4],
            budget_amount=int(rng.integers(1, 50)) * 100_000_000,
            start_year=year + 1,
            quick_win=i % 2 == 0,
        )
        set_kpi_targets(
            actor=SYSTEM,
            programme=item,
            name="Layanan daring aktif",
            unit="%",
            targets={year + 1: 20.0 + i, year + 2: 40.0 + i, year + 5: 80.0},
        )
        if item.quick_win:
            set_quick_win_status(actor=SYSTEM, programme=item, status="running", on=dt.date(year + 1, 6, 1))
            final = ("done", "stopped", "running")[int(rng.integers(0, 3))]
            if final != "running":
                set_quick_win_status(
                    actor=SYSTEM,
                    programme=item,
                    status=final,
                    on=dt.date(year + 2, 6, 1),
                    note="status sintetis",
                )


def load_demo(
    *,
    seed: int = 2017,
    boundaries: Path | None = None,
    index_scores: Mapping[str, float] | None = None,
    intervals: Mapping[str, Interval] | None = None,
    index_settings: dict[str, Any] | None = None,
    echo: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Load the demo into the current (migrated) database; safe to run twice (existing parts are kept).

    ``index_scores``/``intervals`` take an engine result computed elsewhere (region code → score,
    code → (median rank, q05, q95); ``index_settings`` are then recorded as its settings); without them
    the SYNTHETIC readiness dataset is imported and its index built and analysed here
    (:mod:`kotacerdas.demo.index`). The 2026 cohort is chosen by the selection engine.
    ``boundaries`` is a GeoJSON FeatureCollection with a ``code`` property per feature.
    Refuses production mode (:func:`kotacerdas.demo.guard.refuse_production`).
    """
    refuse_production()
    say = echo or (lambda _msg: None)
    summary = DemoSummary(regions=sync_regions())
    regions = {r.code: r for r in Region.objects.all()}
    say(f"regions: {summary.regions}")
    summary.logins = _users(regions, team_region=TEAM_REGION)
    if boundaries is not None:
        summary.boundaries = import_boundaries(
            actor=SYSTEM, file_name=boundaries.name, content=boundaries.read_bytes()
        )
        say(f"boundaries: {summary.boundaries}")
    run = IndexRun.objects.filter(name__startswith="Indeks kesiapan (demo").first()
    if run is None and index_scores is not None:
        run = record_index_run(
            actor=SYSTEM,
            name="Indeks kesiapan (demo, engine result passed in)",
            scores=dict(index_scores),
            settings=index_settings or {"seed": seed},
            intervals=intervals,
            published=True,
        )
    elif run is None:
        run = demo_index_run(seed, say)
    summary.dataset_id, summary.index_run_id = run.dataset_id, run.pk
    programme = load_historical_cohorts(actor=SYSTEM, regions=regions)
    rng = np.random.default_rng(seed)
    for cohort in programme.cohorts.filter(historical=True):
        if (
            cohort.participations.exclude(state=State.SELECTED)
            .exclude(state__in=[State.WITHDRAWN, State.CANCELLED, State.SUBSTITUTED])
            .exists()
        ):
            continue  # progress already loaded
        targets = {2017: State.AWARDED, 2018: State.PRESENTED, 2019: State.BOOKS_SUBMITTED}
        for p in cohort.participations.filter(state=State.SELECTED).select_related("region"):
            until = targets[cohort.year] if rng.random() < 0.8 else State.MOU_SIGNED
            if p.region.code == TEAM_REGION:
                _guide(
                    p,
                    year=cohort.year,
                    until=State.GUIDANCE,
                    rng=rng,
                    bimtek=TEAM_BIMTEK_DONE,
                    decrees=TEAM_DECREES_DONE,
                )
                continue
            _guide(p, year=cohort.year, until=until, rng=rng)
            if until in (State.AWARDED, State.PRESENTED) and rng.random() < 0.3:
                _masterplan(p.region, p, cohort.year, rng)
    banjarmasin = Participation.objects.filter(region__code=TEAM_REGION).first()
    if banjarmasin and not banjarmasin.region.masterplans.exists():
        _masterplan(banjarmasin.region, banjarmasin, banjarmasin.cohort.year, rng)
    load_monitoring_demo(seed=seed, echo=say)
    masterplan_conversation(TEAM_REGION)
    current = demo_selection(programme, run)
    summary.cohort_id = current.pk
    upcoming = demo_open_cohort(programme, run)
    summary.open_cohort_id = upcoming.pk
    say(
        f"open cohort {upcoming.name}: {upcoming.target_size} slots, screening run published, no invitations yet"
    )
    summary.top, summary.selection_by_island = top_rows(run), selection_by_island(current)
    print_results(run, current, say)
    load_assessment_demo(seed=seed, echo=say)
    summary.participations = Participation.objects.count()
    say(f"participations: {summary.participations}")
    return summary
