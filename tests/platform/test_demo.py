"""The demo loader the `kotacerdas demo` command calls."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import call_command

from kotacerdas.demo.data import LABEL
from kotacerdas.demo.index import DEMO_SAMPLES, DEMO_SELECTION, demo_table
from kotacerdas.demo.loader import load_demo
from kotacerdas.monitoring.models import (
    Kpi,
    KpiActual,
    Masterplan,
    MasterplanProgramme,
    ProgrammeBudget,
    ReportingWindow,
)
from kotacerdas.programme.models import Cohort, Document, DocumentComment, Participation
from kotacerdas.regions.models import Dataset, IndexRun

pytestmark = pytest.mark.django_db


def test_demo_table_is_the_seeded_synthetic_readiness_data():
    content, meta = demo_table(1)
    assert content == demo_table(1)[0]
    assert content != demo_table(2)[0]
    assert content.decode().splitlines()[0] == (
        "uCode,population,area_km2,perda_sc,rpjmd_align,visi_kd,ikf,apbd_tik,asn_tik,ekppd,broadband,bts,"
        "spbe,data_center,ipm,poverty,green_city"
    )
    assert list(meta.loc[meta["Type"] == "Aggregate", "Level"]) == [2, 2, 2, 2, 3]


def test_demo_loads_everything_once_with_every_history_in_date_order():
    out = io.StringIO()
    call_command("load_demo", "--seed", "7", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "regions: 514"
    assert lines[-3:] == [
        "login secretariat: sekretariat / demo-sekretariat-2026",
        "login assessor: asesor / demo-asesor-2026",
        "login region_team: tim-banjarmasin / demo-tim-banjarmasin-2026",
    ]
    assert list(Cohort.objects.values_list("name", flat=True)) == [
        "GM100 2017",
        "GM100 2018",
        "GM100 2019",
        "GM100 2026 (demo)",
        "GM100 2027 (demo SINTETIS, tahap penyaringan)",
    ]
    assert Participation.objects.filter(cohort__year__lte=2019).count() == 101
    current = Participation.objects.filter(cohort__year=2026)
    assert Counter(current.values_list("state", flat=True)) == {"selected": 25, "assessed": 10, "invited": 5}
    selected = [p.region for p in current.filter(state="selected").select_related("region")]
    assert max(Counter(r.province_code for r in selected).values()) <= 2
    assert min(Counter(r.island_group for r in selected).values()) >= 2
    assert sum(r.type == "kabupaten" for r in selected) >= 8
    alumni = Participation.objects.filter(cohort__year__lte=2019).exclude(
        state__in=["withdrawn", "cancelled", "substituted", "not_selected"]
    )
    assert not set(alumni.values_list("region_id", flat=True)) & {r.pk for r in selected}
    cohort = Cohort.objects.get(year=2026)
    assert len(cohort.selection["decisions"]) == 514
    assert cohort.selection["settings"]["quotas"] == DEMO_SELECTION["quotas"]
    assert (Dataset.objects.get().synthetic, Dataset.objects.get().source) == (True, f"{LABEL}, seed 7")
    run = IndexRun.objects.get()
    assert (run.published, run.scores.count(), run.config["normalise"]["range"]) == (True, 514, [1.0, 100.0])
    assert run.provenance["framework"]["direction"]["poverty"] == -1
    assert (run.has_uncertainty, run.uncertainty["samples"], run.uncertainty["seed"]) == (
        True,
        DEMO_SAMPLES,
        7,
    )
    assert (
        run.scores.filter(rank_q05__isnull=True).count() == run.scores.filter(p_top__isnull=True).count() == 0
    )
    top = run.scores.select_related("region").order_by("rank")[:10]
    assert lines[lines.index("top 10 (code, name, score, 5–95% rank interval):") + 1] == (
        f"   1. {top[0].region.code} {top[0].region.name}: {top[0].score:.2f} "
        f"[{top[0].rank_q05:g}–{top[0].rank_q95:g}]"
    )
    assert "selection GM100 2026 (demo): 25 regions" in lines
    assert Masterplan.objects.filter(region__code="63.71", synthetic=True).count() == 1
    actuals = _assert_synthetic_monitoring_history()
    assert f"synthetic KPI actuals: {actuals}" in lines
    reviewed = Document.objects.filter(participation__cohort__year__lte=2019)
    assert set(reviewed.values_list("review_status", flat=True)) == {"accepted", "answered"}
    answered = reviewed.filter(review_status="answered")
    assert answered.count() == reviewed.filter(book=2, version=2).count() > 0
    assert set(answered.values_list("book", "version")) == {(2, 1)}
    threads = DocumentComment.objects.filter(parent=None)
    assert threads.count() == answered.count() == threads.filter(resolved_at__isnull=False).count()
    assert all(t.startswith("[sintetis]") for t in DocumentComment.objects.values_list("text", flat=True))
    assert MasterplanProgramme.objects.filter(quick_win=True).exists()
    _assert_histories_in_date_order_and_the_2017_substitution_linked()
    again = load_demo(seed=7)
    assert KpiActual.objects.count() == actuals  # kept, not doubled
    assert (again.participations, IndexRun.objects.count(), Dataset.objects.count()) == (141, 1, 1)
    assert (len(again.top), sum(again.selection_by_island.values())) == (10, 25)
    assert again.top[0] == (
        top[0].region.code,
        top[0].region.name,
        round(top[0].score, 2),
        f"{top[0].rank_q05:g}–{top[0].rank_q95:g}",
    )


def _assert_synthetic_monitoring_history() -> int:
    """Every synthetic masterplan has a baseline per KPI, a synthetic actual per year 2018–2025 of its
    period, and planned/realised budgets; last year's reporting window is open."""
    plans = Masterplan.objects.filter(synthetic=True)
    assert plans.filter(participation__cohort__year__lte=2019).count() > 1
    total = 0
    for plan in plans:
        years = list(range(max(2018, plan.start_year), min(2025, plan.end_year) + 1))
        for kpi in Kpi.objects.filter(programme__masterplan=plan):
            assert kpi.baseline is not None and kpi.baseline_year == plan.start_year
            assert list(kpi.actuals.values_list("year", "synthetic")) == [(y, True) for y in years]
            total += len(years)
        budgets = ProgrammeBudget.objects.filter(programme__masterplan=plan)
        assert budgets.exists() and all(0 < b.realised <= b.planned * 105 / 100 for b in budgets)
    assert KpiActual.objects.count() == total > 0
    # last year's window, open from a week before the load for 90 days; read from the window itself, not
    # from today's date, which may have moved on (a new year in Jakarta) since the demo was loaded
    window = ReportingWindow.objects.get()
    loaded_on = window.opens_on + dt.timedelta(days=7)
    assert (window.year, window.closes_on) == (loaded_on.year - 1, loaded_on + dt.timedelta(days=90))
    return total


def _dated_steps(p: Participation) -> list[tuple[object, str]]:
    """The participation's steps in the order they were recorded (state order), with their dates."""
    steps = [(c.on, f"{c.target} #{c.pk}") for c in p.changes.order_by("id")]
    mou = next((on for on, what in steps if what.startswith("mou_signed")), None)
    bimteks = [(b.start, f"bimtek {b.stage}") for b in p.bimteks.order_by("stage")]
    if bimteks:
        assert mou is not None and mou <= bimteks[0][0], (p.region.name, mou, bimteks[0])
    return steps + bimteks


def _assert_histories_in_date_order_and_the_2017_substitution_linked() -> None:
    from kotacerdas.monitoring.models import QuickWinUpdate

    for p in Participation.objects.select_related("region").prefetch_related("changes", "bimteks"):
        changes = [c.on for c in p.changes.order_by("id")]
        assert changes == sorted(changes), (p.region.name, p.cohort.name, changes)
        bimteks = [b.start for b in p.bimteks.order_by("stage")]
        assert bimteks == sorted(bimteks), (p.region.name, bimteks)
        _dated_steps(p)
        if p.previous_id:
            assert p.changes.order_by("id").first().on >= max(p.previous.changes.values_list("on", flat=True))
    for programme in MasterplanProgramme.objects.filter(quick_win=True):
        dates = list(
            QuickWinUpdate.objects.filter(programme=programme).order_by("id").values_list("on", flat=True)
        )
        assert dates == sorted(dates), (programme.name, dates)
    bojonegoro = Participation.objects.get(region__name="Kabupaten Bojonegoro")
    assert bojonegoro.changes.get(target="mou_signed").on <= bojonegoro.bimteks.get(stage=1).start
    lombok_timur = Participation.objects.get(region__code="52.03", cohort__year=2017)
    singkawang = Participation.objects.get(region__code="61.72", cohort__year=2017)
    assert (lombok_timur.substitutes, singkawang.state) == (singkawang, "substituted")
    assert lombok_timur.state in ("mou_signed", "awarded")  # guided like the rest of the 2017 cohort
