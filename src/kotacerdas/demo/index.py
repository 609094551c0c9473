"""The demo's screening index, its uncertainty analysis and the 2026 selection.

The dataset is :func:`kotacerdas.demo.data.demo_data` (SYNTHETIC, seeded: 14 indicators under four
pillars and one index, COINr iMeta), imported through the dataset service so its provenance is stored.
The 2026 cohort is chosen by the selection engine under :data:`DEMO_SELECTION`, an equity configuration:

- 25 slots (the cohort's target size),
- at most 2 regions per province,
- at least 2 per island group,
- at least 30 % kabupaten,
- no region already in the 2017–2019 cohorts (withdrawn or cancelled ones may return).

The objective is the default ``max_score`` (the highest total index score under these rules).

The 2027 cohort (:func:`demo_open_cohort`) is open at the screening stage: its screening run is the
published demo index (with its rank intervals), and nobody is invited yet, so a visitor can walk
invitation → interview → selection in the secretariat's pages.
"""

from __future__ import annotations

import inspect
from collections import Counter
from collections.abc import Callable
from typing import Any

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.demo.data import LABEL, demo_data
from kotacerdas.programme.domain.cohorts import create_cohort
from kotacerdas.programme.domain.participation import enrol, transition
from kotacerdas.programme.domain.selection import run_selection
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Cohort, Programme
from kotacerdas.regions.domain.datasets import import_dataset
from kotacerdas.regions.domain.index_build import build_index_run
from kotacerdas.regions.domain.publication import publish_analysis, publish_dataset
from kotacerdas.regions.domain.uncertainty_runs import run_uncertainty_analysis
from kotacerdas.regions.models import IndexRun

Say = Callable[[str], None]
RUN_NAME = "Indeks kesiapan (demo SINTETIS: min-max 1–100, imputasi rata-rata, rata-rata aritmetika)"
INDEX_SETTINGS: dict[str, Any] = {"impute": "mean", "normalise": {"method": "minmax", "range": [1, 100]}}
DEMO_FACTORS: dict[str, Any] = {
    "weights": {"noise": 0.25},
    "normalise": [{"method": "minmax", "range": [1, 100]}, {"method": "zscore", "mean": 10, "sd": 2}],
    "aggregate": [{"method": "arithmetic"}, {"method": "geometric"}],
}
DEMO_SAMPLES = 1024
DEMO_TOP = 25
RESERVE, RESERVE_ASSESSED = 15, 10
RESERVE_REASON = "kemajuan demo sintetis: daftar cadangan untuk penggantian"
DEMO_SELECTION: dict[str, Any] = {
    "score": "score",
    "quotas": [
        {"by": "province", "max": 2},
        {"by": "island_group", "min": 2},
        {"by": "type", "value": "kabupaten", "min_share": 0.3},
    ],
}


def demo_table(seed: int) -> tuple[bytes, Any]:
    """The synthetic iData as a CSV (code, denominators, indicators) and its iMeta."""
    data, meta = demo_data(seed)
    table = data.drop(columns=["uName", "type", "island_group"])
    return table.to_csv(index=False).encode(), meta


def demo_index_run(seed: int, say: Say) -> IndexRun:
    """Import and publish the synthetic dataset, build the published index, publish its rank intervals."""
    content, meta = demo_table(seed)
    dataset = import_dataset(
        actor=SYSTEM,
        name="Kesiapan smart city (SINTETIS)",
        file_name="kesiapan-sintetis.csv",
        content=content,
        source=f"{LABEL}, seed {seed}",
        year=2025,
        licence="CC0",
        synthetic=True,
    )
    publish_dataset(actor=SYSTEM, dataset=dataset)
    run = build_index_run(
        actor=SYSTEM, dataset=dataset, name=RUN_NAME, meta=meta, config=INDEX_SETTINGS, published=True
    )
    say(f"index: {run.scores.count()} regions, {len(dataset.indicators)} columns ({LABEL})")
    analysis = run_uncertainty_analysis(
        actor=SYSTEM, run=run, factors=DEMO_FACTORS, samples=DEMO_SAMPLES, seed=seed, top=DEMO_TOP
    )
    publish_analysis(actor=SYSTEM, analysis=analysis)
    say(f"uncertainty: {DEMO_SAMPLES} samples, {analysis.record['failed']} failed, seed {seed}")
    run.refresh_from_db()
    return run


def demo_selection(programme: Programme, run: IndexRun) -> Cohort:
    """The 2026 cohort, selected by the engine under :data:`DEMO_SELECTION` (once).

    After the selection, the best-placed regions left out (crowded out or below the cut-off) are invited
    as a reserve for substitutions, and the first :data:`RESERVE_ASSESSED` of them assessed (the demo's
    readiness interview round assesses these).
    """
    cohort = programme.cohorts.filter(year=2026).first() or create_cohort(
        actor=SYSTEM, programme=programme, year=2026, name="GM100 2026 (demo)", target_size=25
    )
    if cohort.selection:
        return cohort
    result = run_selection(
        actor=SYSTEM, cohort=cohort, run=run, config=DEMO_SELECTION, exclude_alumni=True, include_uninvited=True
    )
    left_out = sorted(
        (d for d in result.decisions if d.status in ("crowded_out", "below_cutoff")),
        key=lambda d: (-d.score, d.code),
    )
    regions = {s.region.code: s.region for s in run.scores.select_related("region")}
    for i, d in enumerate(left_out[:RESERVE]):
        p = enrol(
            actor=SYSTEM, cohort=cohort, region=regions[d.code], reason=f"{RESERVE_REASON}: {d.reason}"[:300]
        )
        if i < RESERVE_ASSESSED:
            transition(actor=SYSTEM, participation=p, to=State.ASSESSED, reason=RESERVE_REASON)
    cohort.refresh_from_db()
    return cohort


OPEN_YEAR = 2027
OPEN_NAME = "GM100 2027 (demo SINTETIS, tahap penyaringan)"
OPEN_TARGET = 50
#: the 2027 selection in two phases of 25 (stored where the cohort model has ``phases``)
OPEN_PHASES: list[dict[str, Any]] = [{"name": "2027-I", "size": 25}, {"name": "2027-II", "size": 25}]


def demo_open_cohort(programme: Programme, run: IndexRun) -> Cohort:
    """The 2027 cohort, open at screening: its screening run is ``run`` (published), no invitations yet."""
    existing = programme.cohorts.filter(year=OPEN_YEAR).first()
    if existing is not None:
        return existing
    if not run.published:
        raise RuntimeError(f"the 2027 cohort screens with a published index run; {run.name!r} is a draft")
    extra: dict[str, Any] = {}
    if "phases" in inspect.signature(create_cohort).parameters:  # cohort phases, where the model has them
        extra["phases"] = OPEN_PHASES
    return create_cohort(
        actor=SYSTEM,
        programme=programme,
        year=OPEN_YEAR,
        name=OPEN_NAME,
        target_size=OPEN_TARGET,
        selection_run=run,
        **extra,
    )


def top_rows(run: IndexRun, n: int = 10) -> list[tuple[str, str, float, str]]:
    """(code, name, score, rank interval) of the first ``n`` of the ranking."""
    rows = []
    for s in run.scores.select_related("region").order_by("rank", "region__code")[:n]:
        interval = f"{s.rank_q05:g}–{s.rank_q95:g}" if s.rank_q05 is not None else "–"
        rows.append((s.region.code, s.region.name, round(s.score, 2), interval))
    return rows


def selection_by_island(cohort: Cohort) -> dict[str, int]:
    """Selected regions per island group, from the stored decisions."""
    rows = cohort.selection.get("decisions", [])
    islands = dict(cohort.participations.values_list("region__code", "region__island_group"))
    return dict(sorted(Counter(islands.get(r["code"], "?") for r in rows if r["selected"]).items()))


def print_results(run: IndexRun, cohort: Cohort, say: Say) -> None:
    """The top 10 of the ranking and the selection summary, for the CLI."""
    say("top 10 (code, name, score, 5–95% rank interval):")
    for i, (code, name, score, interval) in enumerate(top_rows(run), start=1):
        say(f"  {i:2d}. {code} {name}: {score:.2f} [{interval}]")
    counts = selection_by_island(cohort)
    say(f"selection {cohort.name}: {sum(counts.values())} regions")
    for island, count in counts.items():
        say(f"  {island}: {count}")
