"""Screening: the secretariat builds index runs from an imported dataset with a chosen framework.

The framework is a list of :class:`IndicatorChoice` (indicator, its name, direction, weight and
pillar) and the settings of ``docs/index-config.md``. :func:`framework_problems` checks both and names
the row and field of every problem (the web form and the API show them by field);
:func:`queue_index_build` queues the build job; :func:`build_index_runs` (the job) builds one draft run,
or for panel data one draft run per year, all in one transaction.
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from kotacerdas.accounts import error_text
from kotacerdas.accounts.domain.actors import is_system
from kotacerdas.accounts.domain.wording import Wordable, wording
from kotacerdas.engine.indicators import IndexSettings
from kotacerdas.errors import ConfigError, InputError, PermissionDeniedError
from kotacerdas.jobs.domain.runner import enqueue
from kotacerdas.jobs.models import Job
from kotacerdas.regions import rules
from kotacerdas.regions.domain.index_build import REGION_GROUPS, build_index_run, meta_frame, meta_records
from kotacerdas.regions.models import Dataset, IndexRun, IndexScore, Region

Progress = Callable[[float, Wordable], None]
INDEX = "Index"
MAX_NAME = 120
#: the indicator table's columns, as a refusal names them
FIELD_NAMES = {
    "code": pgettext_lazy("kolom kerangka", "kode indikator"),
    "name": pgettext_lazy("kolom kerangka", "nama tampilan"),
    "direction": pgettext_lazy("kolom kerangka", "arah"),
    "weight": pgettext_lazy("kolom kerangka", "bobot"),
    "pillar": pgettext_lazy("kolom kerangka", "pilar"),
}
#: the means a problem names, in the reader's language
MEANS = {"geometric": gettext_lazy("geometrik"), "harmonic": gettext_lazy("harmonik")}


@dataclass(frozen=True)
class IndicatorChoice:
    """One indicator of the framework: dataset column, display name, direction, weight, pillar."""

    code: str
    name: str
    direction: int = 1
    weight: float = 1.0
    pillar: str = ""


@dataclass(frozen=True)
class Problem:
    """A framework problem: ``row`` of the indicator table (None: the whole table or a setting).

    ``key`` is the path of a refused setting (``treat.winmax``), from the refusal's params: the form puts
    the problem on the field that sets it.
    """

    field: str
    message: str
    row: int | None = None
    key: str | None = None


def _setting_problem(exc: ConfigError) -> Problem:
    """A settings refusal in the reader's language, with the key it refuses."""
    text, tip = error_text.message(exc), error_text.hint(exc)
    key = exc.params.get("key")
    return Problem("settings", f"{text} ({tip})" if tip else text, key=key if isinstance(key, str) else None)


def pillar_code(name: str) -> str:
    """The iMeta code of a pillar named ``name`` (``P:`` and its words joined by ``_``)."""
    return "P:" + "_".join(re.findall(r"\w+", name.strip()))


def _constant_indicators(dataset: Dataset) -> set[str]:
    counts = dataset.values.values("indicator").annotate(n=Count("value", distinct=True))
    return {row["indicator"] for row in counts if row["n"] <= 1}


def _row_problems(i: int, choice: IndicatorChoice, known: set[str], constant: set[str]) -> list[Problem]:
    out = []
    if choice.code not in known:
        out.append(Problem("code", _("dataset tidak memiliki indikator %(code)r") % {"code": choice.code}, i))
    elif choice.code in constant:
        out.append(
            Problem(
                "code", _("indikator %(code)r bernilai sama untuk semua daerah") % {"code": choice.code}, i
            )
        )
    if not choice.name.strip():
        out.append(
            Problem(
                "name",
                _("beri nama indikator %(code)r (ditampilkan sebagai ganti kodenya)") % {"code": choice.code},
                i,
            )
        )
    elif len(choice.name) > MAX_NAME:
        out.append(Problem("name", _("paling banyak %(n)s karakter") % {"n": MAX_NAME}, i))
    if choice.direction not in (1, -1):
        out.append(Problem("direction", _("arahnya +1 (makin tinggi makin baik) atau −1"), i))
    if not (math.isfinite(choice.weight) and choice.weight > 0):
        out.append(Problem("weight", _("bobot harus berupa bilangan positif"), i))
    if choice.pillar and not re.search(r"\w", choice.pillar):
        out.append(Problem("pillar", _("nama pilar memerlukan huruf atau angka"), i))
    return out


def framework_problems(
    dataset: Dataset, indicators: Sequence[IndicatorChoice], settings: Mapping[str, Any]
) -> list[Problem]:
    """Everything wrong with this framework and these settings for ``dataset`` (empty: it can be built)."""
    problems: list[Problem] = []
    if len(indicators) < 2:
        problems.append(Problem("indicators", _("pilih sedikitnya dua indikator")))
    known, constant = set(dataset.indicators), _constant_indicators(dataset)
    seen: set[str] = set()
    for i, choice in enumerate(indicators):
        problems += _row_problems(i, choice, known, constant)
        if choice.code in seen:
            problems.append(
                Problem("code", _("indikator %(code)r dipilih dua kali") % {"code": choice.code}, i)
            )
        seen.add(choice.code)
    with_pillar = [i for i, c in enumerate(indicators) if c.pillar.strip()]
    if with_pillar and len(with_pillar) < len(indicators):
        for i, c in enumerate(indicators):
            if not c.pillar.strip():
                problems.append(
                    Problem(
                        "pillar",
                        _("beri setiap indikator sebuah pilar, atau jangan beri pilar sama sekali"),
                        i,
                    )
                )
    try:
        parsed = IndexSettings.from_mapping(settings, source="settings")
    except ConfigError as exc:
        problems.append(_setting_problem(exc))
        return problems
    positive = parsed.normalise.method == "rank" or (
        parsed.normalise.method == "minmax" and min(parsed.normalise.range) > 0
    )
    if parsed.aggregate.method in ("geometric", "harmonic") and not positive:
        problems.append(
            Problem(
                "aggregate",
                _("rata-rata %(method)s memerlukan nilai positif: normalkan ke [1, 100]")
                % {"method": MEANS.get(parsed.aggregate.method, parsed.aggregate.method)},
            )
        )
    return problems


def framework_meta(indicators: Sequence[IndicatorChoice], settings: Mapping[str, Any]) -> pd.DataFrame:
    """The COINr iMeta of the framework: indicators (level 1), pillars (level 2, if any), ``Index``."""
    pillars = list(dict.fromkeys(c.pillar.strip() for c in indicators if c.pillar.strip()))
    top = 3 if pillars else 2
    rows: list[dict[str, Any]] = [
        {
            "iCode": c.code,
            "iName": c.name.strip(),
            "Level": 1,
            "Parent": pillar_code(c.pillar) if pillars else INDEX,
            "Direction": c.direction,
            "Weight": float(c.weight),
            "Type": "Indicator",
        }
        for c in indicators
    ]
    rows += [
        {"iCode": pillar_code(p), "iName": p, "Level": 2, "Parent": INDEX, "Direction": 1, "Weight": 1.0,
         "Type": "Aggregate"}
        for p in pillars
    ]  # fmt: skip
    rows.append(
        {"iCode": INDEX, "iName": INDEX, "Level": top, "Parent": None, "Direction": 1, "Weight": 1.0,
         "Type": "Aggregate"}
    )  # fmt: skip
    impute = settings.get("impute")
    group = impute.get("group") if isinstance(impute, Mapping) else None
    if group in REGION_GROUPS:
        rows.append({"iCode": group, "iName": group, "Type": "Group"})
    return pd.DataFrame(rows)


def queue_index_build(
    *,
    actor: Any,
    dataset: Dataset,
    name: str,
    indicators: Sequence[IndicatorChoice],
    settings: Mapping[str, Any],
) -> Job:
    """Check the framework and queue the build job (the web form and the API call this).

    Panel data (a dataset with years) gives one draft run per year; otherwise one draft run.
    """
    if not (is_system(actor) or rules.can_manage_index_runs(actor)):
        raise PermissionDeniedError(
            _("hanya sekretariat yang boleh membangun hasil indeks"), code="secretariat_only"
        )
    if not name.strip():
        raise InputError(_("beri nama hasil indeks itu"), code="name_required")
    problems = framework_problems(dataset, indicators, settings)
    if problems:
        first = problems[0]
        where = (
            _("indikator %(row)s, %(field)s: ")
            % {"row": first.row + 1, "field": FIELD_NAMES.get(first.field, first.field)}
            if first.row is not None
            else ""
        )
        raise InputError(
            where + first.message,
            hint=ngettext("%(n)s masalah dalam kerangka", "%(n)s masalah dalam kerangka", len(problems))
            % {"n": len(problems)},
            code="framework_problems",
        )
    config = IndexSettings.from_mapping(settings, source="settings").to_mapping()
    from kotacerdas.regions import tasks  # local import: tasks.py wraps this module's services

    return enqueue(
        actor=actor,
        function=tasks.index_build,
        arguments={
            "actor_id": getattr(actor, "pk", None),
            "dataset_id": dataset.pk,
            "name": name.strip(),
            "config": config,
            "meta": meta_records(framework_meta(indicators, settings)),
            "years": list(dataset.years),
        },
    )


@transaction.atomic
def build_index_runs(
    *,
    actor: Any,
    dataset: Dataset,
    name: str,
    meta: list[dict[str, Any]],
    config: Mapping[str, Any],
    years: Sequence[int] = (),
    progress: Progress | None = None,
) -> list[IndexRun]:
    """Build and store the draft run(s): one, or one per year (``"NAME YEAR"``) sharing a series id."""
    report = progress or (lambda _f, _m: None)
    if not years:
        return [build_index_run(actor=actor, dataset=dataset, name=name, meta=meta_frame(meta),
                                config=config, progress=report)]  # fmt: skip
    series = uuid.uuid4().hex
    runs = []
    for i, year in enumerate(years):
        report(i / len(years), wording(gettext_lazy("%(year)s: membangun indeks"), year=str(year)))
        runs.append(
            build_index_run(
                actor=actor,
                dataset=dataset,
                name=f"{name} {year}",
                meta=meta_frame(meta),
                config=config,
                year=year,
                series=series,
            )
        )
    return runs


def series_runs(run: IndexRun, visible: Any) -> list[IndexRun]:
    """The runs of ``run``'s panel build among ``visible`` (a queryset), by year; ``[run]`` if none."""
    if not run.series:
        return [run]
    return list(visible.filter(series=run.series).order_by("year"))


@dataclass(frozen=True)
class CoherenceRow:
    """One node of the run's framework: name, parent's name, Pearson r with parent and with the index."""

    code: str
    name: str
    parent: str
    r_parent: float | None
    r_index: float | None
    alpha: float | None = None  # aggregates only: Cronbach's alpha of their children
    pca: float | None = None  # aggregates only: share of variance on the children's first component


def coherence_rows(
    run: IndexRun,
) -> tuple[list[CoherenceRow], list[CoherenceRow], list[tuple[str, str, str, float]]]:
    """The run's stored coherence statistics by name: indicators, aggregates, negative pairs."""
    stats = run.coherence or {}
    if not stats.get("correlations"):
        return [], [], []
    meta = {str(r["iCode"]): r for r in run.meta if r.get("iCode")}
    names = {code: str(r.get("iName") or code) for code, r in meta.items()}
    top = str(max(stats["levels"]))
    corr = stats["correlations"]

    def row(code: str) -> CoherenceRow:
        parent = str(meta[code].get("Parent") or "")
        level = str(int(meta[code].get("Level") or 1) + 1)
        r_parent = corr.get(code, {}).get(level) if parent else None
        return CoherenceRow(
            code, names[code], names.get(parent, ""), r_parent, corr.get(code, {}).get(top),
            stats["cronbach_alpha"].get(code), stats["pca_variance"].get(code),
        )  # fmt: skip

    indicators = [row(c) for c, r in meta.items() if r.get("Type") == "Indicator" and c in corr]
    aggregates = [row(c) for c, r in meta.items() if r.get("Type") == "Aggregate" and c in corr]
    negatives = [
        (names.get(p["parent"], p["parent"]), names.get(p["a"], p["a"]), names.get(p["b"], p["b"]), p["r"])
        for p in stats.get("negative_pairs", [])
    ]
    return indicators, aggregates, negatives


@dataclass(frozen=True)
class TrendPoint:
    """The region's score and rank in one year's run of a panel build."""

    year: int
    run: IndexRun
    score: float
    rank: int
    regions: int


def region_trend(region: Region, run: IndexRun, visible: Any) -> list[TrendPoint]:
    """The region's score and rank in every visible year of ``run``'s series (empty: not a panel run)."""
    if not run.series:
        return []
    rows = (
        IndexScore.objects.filter(region=region, run__in=visible.filter(series=run.series))
        .select_related("run")
        .annotate(regions=Count("run__scores"))
        .order_by("run__year")
    )
    return [TrendPoint(s.run.year or 0, s.run, s.score, s.rank, s.regions) for s in rows]
