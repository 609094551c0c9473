"""SYNTHETIC monitoring history of the demo masterplans: KPI baselines, yearly actuals 2018–2025 and
yearly budgets (planned and realised), so the national progress page has data; and an open reporting
window for last year's actuals. Every actual is stored with ``synthetic=True``. And a short synthetic
masterplan conversation between the demo assessor and the demo region team, so both inboxes hold a
guidance notice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
from django.utils import timezone

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import User
from kotacerdas.monitoring.domain.budgets import set_budget
from kotacerdas.monitoring.domain.comments import comment_on_masterplan
from kotacerdas.monitoring.domain.editing import save_kpi
from kotacerdas.monitoring.domain.reporting import open_reporting_window, report_actual
from kotacerdas.monitoring.models import KpiActual, Masterplan, MasterplanComment, ReportingWindow

FIRST_YEAR, LAST_YEAR = 2018, 2025
LABEL = "[sintetis]"


def _rng(seed: int, plan: Masterplan) -> np.random.Generator:
    """One stream per region, so a plan's history does not depend on which other plans exist."""
    return np.random.default_rng([seed, int(plan.region.code.replace(".", ""))])


def plan_history(plan: Masterplan, seed: int) -> int:
    """Baselines, actuals and budgets of one synthetic masterplan; returns the number of actuals."""
    rng = _rng(seed, plan)
    years = range(max(FIRST_YEAR, plan.start_year), min(LAST_YEAR, plan.end_year) + 1)
    written = 0
    for programme in plan.programmes.prefetch_related("kpis__targets"):
        for kpi in programme.kpis.all():
            targets = {t.year: t.target for t in kpi.targets.all()}
            baseline = float(round(rng.uniform(5, 15), 1))
            kpi = save_kpi(
                actor=SYSTEM,
                programme=programme,
                kpi=kpi,
                name=kpi.name,
                unit=kpi.unit,
                targets=targets,
                baseline=baseline,
                baseline_year=plan.start_year,
            )
            pace = rng.uniform(4, 11)  # points a year; some regions keep up with their targets, some lag
            for year in years:
                trend = baseline + pace * (year - plan.start_year) + rng.normal(0, 3)
                report_actual(
                    actor=SYSTEM,
                    kpi=kpi,
                    year=year,
                    value=float(round(min(100.0, max(0.0, trend)), 1)),
                    note="capaian sintetis",
                    synthetic=True,
                )
                written += 1
        yearly = int(programme.budget_amount) // max(1, programme.horizon)
        for year in range(max(programme.start_year, FIRST_YEAR), min(LAST_YEAR, plan.end_year) + 1):
            if year >= programme.start_year + programme.horizon:
                break
            realised = round(yearly * rng.uniform(0.55, 1.05), -6)
            set_budget(actor=SYSTEM, programme=programme, year=year, planned=yearly, realised=int(realised))
    return written


def load_monitoring_demo(*, seed: int, echo: Callable[[str], None] | None = None) -> int:
    """History for every synthetic masterplan that has none yet (safe to run twice), and a reporting
    window for last year's actuals, open from a week ago for 90 days."""
    say = echo or (lambda _msg: None)
    written = 0
    plans = Masterplan.objects.filter(synthetic=True).select_related("region")
    for plan in plans:
        if not KpiActual.objects.filter(kpi__programme__masterplan=plan).exists():
            written += plan_history(plan, seed)
    today = timezone.localdate()
    if not ReportingWindow.objects.filter(year=today.year - 1).exists():
        open_reporting_window(
            actor=SYSTEM,
            year=today.year - 1,
            opens_on=today - dt.timedelta(days=7),
            closes_on=today + dt.timedelta(days=90),
        )
    say(f"synthetic KPI actuals: {written}")
    return written


def masterplan_conversation(region_code: str) -> int:
    """The demo assessor comments on the masterplan of ``region_code`` and its team answers, through the
    comment service (each side is notified); once only. Returns the number of comments written."""
    plan = Masterplan.objects.filter(region__code=region_code).first()
    mentor = User.objects.filter(username="asesor", role=Role.ASSESSOR, is_active=True).first()
    team = User.objects.filter(region__code=region_code, role=Role.REGION_TEAM, is_active=True).first()
    if (
        plan is None
        or mentor is None
        or team is None
        or MasterplanComment.objects.filter(masterplan=plan).exists()
    ):
        return 0
    comment_on_masterplan(
        actor=mentor,
        masterplan=plan,
        text=f"{LABEL} KPI program quick win belum punya baseline; tambahkan sebelum pelaporan tahunan.",
    )
    comment_on_masterplan(
        actor=team, masterplan=plan, text=f"{LABEL} Baseline 2024 sudah kami tambahkan pada tiap KPI."
    )
    return 2
