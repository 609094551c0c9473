"""Selecting a cohort's regions with the selection engine: the end of the funnel
screening → invitation → readiness interview → selection (``docs/selection.md``).

The settings follow the ``SELECTION.yaml`` contract; ``phases`` default to the cohort's phases, or one
phase of its year filling the free slots. The scores come from a :class:`ScoreSource` (a published
screening run, a published interview round, or both combined).

Candidates are the cohort's *undecided* regions (``invited`` or ``assessed``). With ``interviewed`` given
(the default eligibility "invited and interviewed"), undecided regions without an interview score are
excluded with that reason and keep their state. Regions never invited are candidates only when
``include_uninvited`` is set (audited). Regions already selected (or further along) are not candidates:
they hold their slots and count against the quotas, so a selection after a withdrawal fills the free slot.
Decided candidates move ``invited → assessed → selected | not_selected``; selected uninvited regions are
enrolled as ``selected``.
"""

from __future__ import annotations

import json
import math
import tempfile
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import Wordable, wording
from kotacerdas.engine.selection import Candidates, Quota, SelectionProblem, SelectionResult, select
from kotacerdas.errors import ConfigError, InputError, KotaCerdasError, Location, StateError
from kotacerdas.io.selection_config import SelectionConfig, build_problem, load_selection_config
from kotacerdas.jobs.domain.runner import enqueue
from kotacerdas.jobs.models import Job
from kotacerdas.programme.domain.cohorts import require_secretariat
from kotacerdas.programme.domain.participation import enrol, transition
from kotacerdas.programme.domain.score_sources import ScoreSource, index_run_source
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Cohort, Participation
from kotacerdas.programme.step_reasons import StepReason
from kotacerdas.regions.models import IndexRun, Region

Progress = Callable[[float, Wordable], None]
#: the engine's stages, named in a job's progress message
STAGES = {"stability": gettext_lazy("uji stabilitas"), "explain": gettext_lazy("penjelasan keputusan")}
ATTRIBUTES = ("name", "province_code", "province", "island_group", "type")
#: earlier participations that do not make a region an alumnus (it may be selected again)
NOT_ALUMNI = (State.WITHDRAWN, State.CANCELLED, State.SUBSTITUTED, State.NOT_SELECTED)
#: regions of the cohort still waiting for a decision (the candidates)
UNDECIDED = (State.INVITED, State.ASSESSED)
#: regions of the cohort that hold a slot (selected or further along the main line)
HOLDING = (
    State.SELECTED,
    State.MOU_SIGNED,
    State.GUIDANCE,
    State.COMMITMENT_SIGNED,
    State.BOOKS_SUBMITTED,
    State.PRESENTED,
    State.AWARDED,
)
CONFIG_NAME = "SELECTION.yaml"
NOT_INTERVIEWED = "not interviewed in a published readiness round"


def holding(cohort: Cohort) -> list[Participation]:
    """The cohort's participations that hold a slot."""
    return list(cohort.participations.filter(state__in=HOLDING).select_related("region"))


def free_slots(cohort: Cohort) -> int:
    """Target size minus the regions already holding a slot."""
    return cohort.target_size - cohort.participations.filter(state__in=HOLDING).count()


def default_phases(cohort: Cohort, free: int) -> list[dict[str, Any]]:
    """The cohort's phases while no slot is taken, else one phase of its year filling the free slots."""
    if cohort.phases and sum(p["size"] for p in cohort.phases) == free:
        return [dict(p) for p in cohort.phases]
    return [{"name": str(cohort.year), "size": free}]


def parse_config(cohort: Cohort, mapping: Mapping[str, Any], free: int | None = None) -> SelectionConfig:
    """Validate a SELECTION.yaml mapping for ``cohort`` (phases default to :func:`default_phases`)."""
    if not isinstance(mapping, Mapping):
        raise ConfigError(
            _("konfigurasi seleksi harus berupa pemetaan kunci"),
            location=Location(CONFIG_NAME),
            code="not_a_mapping",
        )
    free = free_slots(cohort) if free is None else free
    data = dict(mapping)
    if data.get("units", "regions") != "regions":
        raise ConfigError(
            _("kunci 'units': kohort memilih kabupaten/kota"),
            location=Location(CONFIG_NAME),
            hint=_("hapus kunci units"),
            code="units_regions",
        )
    data.setdefault("score", "score")
    if not data.get("phases"):
        data["phases"] = default_phases(cohort, free)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / CONFIG_NAME
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        try:
            parsed = load_selection_config(path)
        except KotaCerdasError as exc:  # name the contract, not the temporary file
            where = Location(CONFIG_NAME, exc.location.row, exc.location.column)
            raise type(exc)(
                exc.message, location=where, hint=exc.hint, code=exc.code, params=exc.params
            ) from None
    total = sum(p.size for p in parsed.phases)
    if total > free:
        raise ConfigError(
            _(
                "kunci 'phases': %(asked)s slot diminta, %(cohort)s punya %(free)s slot kosong (sasaran %(target)s)"
            )
            % {"asked": total, "cohort": cohort.name, "free": free, "target": cohort.target_size},
            location=Location(CONFIG_NAME),
            hint=_("hapus kunci phases untuk mengisi slot yang kosong"),
            code="phases_exceed_free",
        )
    return parsed


def alumni(cohort: Cohort) -> dict[str, str]:
    """Regions already in another cohort of the programme (not withdrawn, cancelled, substituted, …)."""
    earlier = (
        Participation.objects.filter(cohort__programme=cohort.programme)
        .exclude(cohort=cohort)
        .exclude(state__in=NOT_ALUMNI)
        .select_related("cohort", "region")
        .order_by("cohort__year")
    )
    return {p.region.code: f"already in an earlier cohort ({p.cohort.name})" for p in earlier}


def _attributes(codes: Sequence[str]) -> dict[str, dict[str, str]]:
    rows = Region.objects.filter(code__in=codes).values_list("code", *ATTRIBUTES)
    return {r[0]: {a: str(r[1 + i]) for i, a in enumerate(ATTRIBUTES)} for r in rows}


@dataclass(frozen=True)
class Funnel:
    """Who the selection decides on: candidates (codes), exclusions with reasons, and who holds slots."""

    codes: tuple[str, ...]
    excluded: dict[str, str]
    taken: tuple[str, ...]
    unscored: tuple[str, ...]
    free: int


def funnel(
    cohort: Cohort,
    source: ScoreSource,
    *,
    interviewed: Collection[str] | None = None,
    include_uninvited: bool = False,
    exclude_alumni: bool = False,
) -> Funnel:
    """The candidates of a selection of ``cohort`` from ``source`` (nothing is stored)."""
    people = {p.region.code: p for p in cohort.participations.select_related("region")}
    undecided = sorted(c for c, p in people.items() if p.state in UNDECIDED)
    codes = [c for c in undecided if c in source.scores]
    excluded: dict[str, str] = {}
    if interviewed is not None:
        excluded.update({c: NOT_INTERVIEWED for c in codes if c not in interviewed})
    if include_uninvited:
        codes = sorted({*codes, *(c for c in source.scores if c not in people)})
    if exclude_alumni:
        excluded.update({c: r for c, r in alumni(cohort).items() if c in set(codes)})
    taken = tuple(sorted(c for c, p in people.items() if p.state in HOLDING))
    return Funnel(
        codes=tuple(codes),
        excluded=excluded,
        taken=taken,
        unscored=tuple(c for c in undecided if c not in source.scores),
        free=cohort.target_size - len(taken),
    )


def check_funnel(cohort: Cohort, source: ScoreSource, plan: Funnel) -> None:
    """Refuse a selection with no free slot or nobody to decide on (:class:`StateError`)."""
    if plan.free < 1:
        raise StateError(
            _("%(cohort)s penuh: %(taken)s dari %(target)s slot terisi")
            % {"cohort": cohort.name, "taken": len(plan.taken), "target": cohort.target_size},
            code="cohort_full",
        )
    if not [c for c in plan.codes if c not in plan.excluded]:
        raise StateError(
            (
                _(
                    "%(cohort)s tidak memiliki daerah yang sudah diwawancarai, belum diputuskan, dan berskor di %(source)s"
                )
                if any(r == NOT_INTERVIEWED for r in plan.excluded.values())
                else _("%(cohort)s tidak memiliki daerah yang belum diputuskan dan berskor di %(source)s")
            )
            % {"cohort": cohort.name, "source": source.label},
            hint=_(
                "undang (dan wawancarai) daerah lebih dulu, atau centang 'Sertakan juga daerah yang tidak pernah diundang'"
            ),
            code="nobody_to_select",
        )


def _bounds(q: Quota, target: int) -> tuple[int | None, int | None]:
    """A quota's count bounds over the cohort's target (shares rounded inward, as the engine does)."""
    lo, hi = q.min, q.max
    if q.min_share is not None:
        lo = max(lo or 0, math.ceil(q.min_share * target - 1e-9))
    if q.max_share is not None:
        share = math.floor(q.max_share * target + 1e-9)
        hi = share if hi is None else min(hi, share)
    return lo, hi


def count_taken(
    quotas: Sequence[Quota],
    taken: Mapping[str, Mapping[str, str]],
    values: Mapping[str, Collection[str]],
    target: int,
) -> tuple[Quota, ...]:
    """Quotas over the free slots: regions holding a slot count against each bound of their group.

    ``taken`` maps held codes to their attributes, ``values`` each attribute to the values among the
    candidates. With nothing held the quotas are returned unchanged.
    """
    if not taken:
        return tuple(quotas)
    out: list[Quota] = []
    for q in quotas:
        held = Counter(str(a.get(q.by, "")) for a in taken.values())
        lo, hi = _bounds(q, target)
        groups = [str(q.value)] if q.value is not None else sorted(values.get(q.by, ()))
        for v in groups:  # a quota "per value" becomes one quota per value among the candidates
            k = held.get(v, 0)
            if hi is not None and hi - k < 0:
                raise StateError(
                    _("kuota %(quota)s: %(count)s daerah dengan %(by)s = %(value)s sudah memegang slot")
                    % {"quota": q.describe(), "count": k, "by": q.by, "value": v},
                    code="quota_exceeded",
                )
            out.append(
                Quota(
                    by=q.by,
                    value=v,
                    min=None if lo is None else max(0, lo - k),
                    max=None if hi is None else hi - k,
                    over="all",
                )
            )
    return tuple(out)


def build_cohort_problem(
    *,
    cohort: Cohort,
    source: ScoreSource,
    config: Mapping[str, Any],
    interviewed: Collection[str] | None = None,
    include_uninvited: bool = False,
    exclude_alumni: bool = False,
) -> tuple[SelectionConfig, SelectionProblem, Funnel]:
    """The engine problem of a cohort's selection (nothing is stored)."""
    plan = funnel(
        cohort,
        source,
        interviewed=interviewed,
        include_uninvited=include_uninvited,
        exclude_alumni=exclude_alumni,
    )
    check_funnel(cohort, source, plan)
    open_to = len([c for c in plan.codes if c not in plan.excluded])
    if not config.get("phases") and 0 < open_to < plan.free:
        # fewer candidates than free slots: the default phase takes them all (the rest stay free)
        config = {**config, "phases": [{"name": str(cohort.year), "size": open_to}]}
    parsed = parse_config(cohort, config, plan.free)
    attrs = _attributes([*plan.codes, *plan.taken])
    candidates = Candidates(
        plan.codes,
        np.asarray([source.scores[c] for c in plan.codes], dtype=np.float64),
        {a: tuple(attrs[c][a] for c in plan.codes) for a in ATTRIBUTES},
        parsed.score,
    )
    problem = build_problem(parsed, candidates)
    values = {a: {str(v) for v in candidates.attributes[a]} for a in ATTRIBUTES}
    quotas = count_taken(problem.quotas, {c: attrs[c] for c in plan.taken}, values, cohort.target_size)
    samples = source.samples_for(plan.codes) if problem.samples is None else problem.samples
    if problem.objective in ("expected_score", "max_probability") and samples is None:
        raise ConfigError(
            _("kunci 'objective': %(objective)s memerlukan sampel skor dan %(source)s tidak memilikinya")
            % {"objective": problem.objective, "source": source.label},
            location=Location(CONFIG_NAME),
            hint=_(
                "pakai max_score, atau hasil penyaringan yang analisis ketidakpastiannya (sudah diumumkan) menyimpan sampel"
            ),
            code="draws_required",
        )
    problem = replace(problem, quotas=quotas, excluded={**plan.excluded, **problem.excluded}, samples=samples)
    return parsed, problem, plan


def check_selectable(cohort: Cohort) -> None:
    """Raise :class:`StateError` with the reason if ``cohort`` may not be selected (now)."""
    if cohort.historical:
        raise StateError(
            _("%(cohort)s dicatat dari fakta publik; seleksinya tidak dijalankan di sini")
            % {"cohort": cohort.name},
            code="historical_cohort",
        )
    if free_slots(cohort) < 1:
        raise StateError(
            _("%(cohort)s penuh (%(target)s slot terisi)")
            % {"cohort": cohort.name, "target": cohort.target_size},
            hint=_("seleksi mengisi slot yang kosong karena pengunduran diri atau pembatalan"),
            code="cohort_full",
        )


def decision_rows(result: SelectionResult, names: Mapping[str, str]) -> list[dict[str, Any]]:
    """One JSON-ready row per candidate: the engine's decision and the region's name."""
    rows = [{**asdict(d), "name": names.get(d.code, d.code)} for d in result.decisions]
    return json.loads(json.dumps(rows, default=float))  # type: ignore[no-any-return]


def _record_decisions(*, actor: Any, cohort: Cohort, result: SelectionResult) -> None:
    current = {p.region.code: p for p in cohort.participations.select_related("region", "cohort")}
    regions = {r.code: r for r in Region.objects.filter(code__in=list(result.selected))}
    for d in result.decisions:
        p = current.get(d.code)
        if p is not None:
            if p.state not in UNDECIDED or d.status == "excluded":
                continue  # excluded regions (e.g. not interviewed) keep waiting
            if p.state == State.INVITED:
                transition(
                    actor=actor, participation=p, to=State.ASSESSED, reason=StepReason("selection_run")
                )
            target = State.SELECTED if d.selected else State.NOT_SELECTED
            transition(actor=actor, participation=p, to=target, reason=d.reason[:300])
        elif d.selected:
            previous = (
                Participation.objects.filter(region__code=d.code, state__in=NOT_ALUMNI)
                .exclude(state=State.NOT_SELECTED)
                .order_by("-cohort__year")
                .first()
            )
            enrol(
                actor=actor,
                cohort=cohort,
                region=regions[d.code],
                state=State.SELECTED,
                previous=previous,
                reason=d.reason[:300],
            )


@dataclass(frozen=True)
class Options:
    """How a selection picks its candidates (stored with the decisions)."""

    interviewed: frozenset[str] | None = None
    include_uninvited: bool = False
    exclude_alumni: bool = False
    thresholds: bool = True


def run_selection(
    *,
    actor: Any,
    cohort: Cohort,
    config: Mapping[str, Any],
    source: ScoreSource | None = None,
    run: IndexRun | None = None,
    interviewed: Collection[str] | None = None,
    include_uninvited: bool = False,
    exclude_alumni: bool = False,
    thresholds: bool = True,
    progress: Progress | None = None,
) -> SelectionResult:
    """Select ``cohort``'s free slots from ``source`` (or a published index ``run``) under ``config``.

    ``thresholds`` computes each left-out region's "what it would take" (one re-solve per region).
    Refused (:class:`StateError`) on a historical or full cohort, or when there is nobody to decide on.
    """
    report = progress or (lambda _f, _m: None)
    require_secretariat(actor, "run selections")
    check_selectable(cohort)
    if source is None:
        if run is None:
            raise InputError(_("pilih sumber skor"), code="score_source_required")
        source = index_run_source(run)
    opts = Options(
        interviewed=None if interviewed is None else frozenset(interviewed),
        include_uninvited=include_uninvited,
        exclude_alumni=exclude_alumni,
        thresholds=thresholds,
    )
    parsed, problem, _plan = build_cohort_problem(
        cohort=cohort,
        source=source,
        config=config,
        interviewed=opts.interviewed,
        include_uninvited=include_uninvited,
        exclude_alumni=exclude_alumni,
    )
    report(0.2, wording(gettext_lazy("menghitung seleksi")))
    marginal = parsed.uncertainty.marginal if parsed.uncertainty else (0.1, 0.9)

    def stage(name: str, done: int, total: int) -> None:
        step = STAGES.get(name, name)
        report(
            0.2 + 0.6 * done / max(total, 1),
            wording(gettext_lazy("%(stage)s: %(done)s dari %(total)s"), stage=step, done=done, total=total),
        )

    result = select(problem, thresholds=thresholds, marginal=marginal, progress=stage)
    report(0.9, wording(gettext_lazy("menyimpan keputusan")))
    return store_selection(
        actor=actor, cohort=cohort, source=source, config=config, result=result, options=opts
    )


@transaction.atomic
def store_selection(
    *,
    actor: Any,
    cohort: Cohort,
    source: ScoreSource,
    config: Mapping[str, Any],
    result: SelectionResult,
    options: Options | None = None,
) -> SelectionResult:
    """Write the decisions on the cohort and move or enrol the regions (all or nothing).

    An earlier selection's record moves under ``earlier`` (a top-up keeps the first run's reasons).
    """
    opts = options or Options()
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    check_selectable(cohort)
    if len(result.selected) > free_slots(cohort):
        raise StateError(
            _("%(cohort)s berubah selama seleksi berjalan; jalankan lagi") % {"cohort": cohort.name},
            code="cohort_changed",
        )
    codes = [d.code for d in result.decisions]
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    previous = {k: v for k, v in cohort.selection.items() if k != "earlier"}
    earlier = ([previous] if previous else []) + list(cohort.selection.get("earlier", []))
    run_id = source.reference.get("id") if source.reference.get("kind") == "index_run" else None
    if run_id is not None:
        cohort.selection_run_id = run_id
    cohort.selection = {
        "settings": {
            **dict(config),
            "exclude_alumni": opts.exclude_alumni,
            "include_uninvited": opts.include_uninvited,
            "eligibility": "invited" if opts.interviewed is None else "interviewed",
        },
        "source": {**json.loads(json.dumps(dict(source.reference), default=str)), "label": source.label},
        "draws": source.draws is not None,
        "index_run": run_id,
        "method": result.method,
        "solver": result.solver,
        "version": result.version,
        "objective": result.objective,
        "cutoff": result.cutoff,
        "provenance": json.loads(json.dumps(result.provenance(), default=str)),
        "decisions": decision_rows(result, names),
        "earlier": earlier,
    }
    cohort.save(update_fields=["selection_run", "selection"])
    _record_decisions(actor=actor, cohort=cohort, result=result)
    record(
        actor=actor,
        action="cohort.select",
        target=cohort,
        summary=wording(
            gettext_lazy(
                "%(cohort)s: %(n)s daerah terpilih dari %(source)s (daerah yang belum pernah diundang diizinkan)"
            )
            if opts.include_uninvited
            else gettext_lazy("%(cohort)s: %(n)s daerah terpilih dari %(source)s"),
            cohort=cohort.name,
            n=len(result.selected),
            source=source.label,
        ),
        data={
            "source": cohort.selection["source"],
            "selected": sorted(result.selected),
            "include_uninvited": opts.include_uninvited,
            "eligibility": cohort.selection["settings"]["eligibility"],
        },
    )
    return result


def queue_selection(
    *,
    actor: Any,
    cohort: Cohort,
    run: IndexRun,
    config: dict[str, Any],
    exclude_alumni: bool = False,
    thresholds: bool = True,
    include_uninvited: bool = False,
) -> Job:
    """Check the cohort can be selected, then queue :func:`kotacerdas.programme.tasks.selection`
    (a selection from one screening run, eligibility "invited")."""
    require_secretariat(actor, "run selections")
    check_selectable(cohort)
    index_run_source(run)  # refuse a draft run now, not in the job
    from kotacerdas.programme import tasks  # local import: tasks.py wraps this module's services

    return enqueue(
        actor=actor,
        function=tasks.selection,
        arguments={
            "actor_id": getattr(actor, "pk", None),
            "cohort_id": cohort.pk,
            "run_id": run.pk,
            "config": config,
            "exclude_alumni": exclude_alumni,
            "thresholds": thresholds,
            "include_uninvited": include_uninvited,
        },
    )
