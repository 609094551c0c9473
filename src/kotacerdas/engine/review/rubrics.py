"""Versioned, immutable rubrics and the scoring of one assessment against a rubric.

A rubric groups weighted criteria, fixes a scale (with an anchor text per level describing observable
evidence, and whether half points are allowed), states its aggregation rule and maps the result to a
verbal predicate. Rubrics are frozen dataclasses: a changed weight is a new ``version``, so a score
always records exactly which rules produced it.

Aggregation rules:

* ``weighted_mean`` — ``Σ w_c s_c / Σ w_c`` over all criteria (the yearly evaluation's index).
* ``total`` — ``Σ w_c s_c`` (a points total, e.g. 0–100).

Either way the result also gives each group's weighted mean of its own criteria.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Literal

from kotacerdas import __version__
from kotacerdas.errors import InputError

from .rounding import as_decimal, exact_mean, half_up

Aggregation = Literal["weighted_mean", "total"]
AGGREGATIONS: tuple[Aggregation, ...] = ("weighted_mean", "total")
_EPS = 1e-9


@dataclass(frozen=True)
class Level:
    """One scale level and its anchor: what an assessor must observe to give it."""

    value: float
    anchor: str
    anchor_en: str = ""  # the anchor in English ("" = none); ``anchor`` is Indonesian


@dataclass(frozen=True)
class Scale:
    """Allowed scores: ``minimum``..``maximum`` in steps of ``step`` (``None`` = any real value)."""

    minimum: float
    maximum: float
    step: float | None = 1.0
    levels: tuple[Level, ...] = ()

    def check(self, value: float) -> str | None:
        """Why ``value`` is not allowed on this scale, or ``None`` when it is."""
        problem = self.problem(value)
        return None if problem is None else problem[0]

    def problem(self, value: float) -> tuple[str, str, dict[str, object]] | None:
        """Why ``value`` is not allowed: the English, its code and params (the web words it by code; the
        numbers stay numbers, so it writes them with its reader's decimal separator)."""
        low, high = f"{self.minimum:g}", f"{self.maximum:g}"
        if value != value:  # NaN
            return "score is missing", "score_missing", {}
        if value < self.minimum - _EPS or value > self.maximum + _EPS:
            return (
                f"score {value:g} is outside the scale {low}–{high}",
                "score_out_of_scale",
                {"value": _number(value), "low": _number(self.minimum), "high": _number(self.maximum)},
            )
        if self.step is not None:
            steps = (value - self.minimum) / self.step
            if abs(steps - round(steps)) > 1e-6:
                if self.step == 0.5:
                    return (
                        f"score {value:g} is not on the scale (only half points from {low})",
                        "score_off_half_points",
                        {"value": _number(value), "low": _number(self.minimum)},
                    )
                return (
                    f"score {value:g} is not on the scale (only steps of {self.step:g} from {low})",
                    "score_off_steps",
                    {"value": _number(value), "low": _number(self.minimum), "step": _number(self.step)},
                )
        return None

    def anchor_for(self, value: float) -> str | None:
        """Anchor text of the highest level not above ``value``."""
        below = [lv for lv in self.levels if lv.value <= value + _EPS]
        return max(below, key=lambda lv: lv.value).anchor if below else None


@dataclass(frozen=True)
class Criterion:
    """One scored item, in a group, with its weight."""

    id: str
    name: str
    group: str
    weight: float
    description: str = ""
    name_en: str = ""
    description_en: str = ""


@dataclass(frozen=True)
class Group:
    """A named group of criteria (a dimension, a readiness element)."""

    id: str
    name: str
    name_en: str = ""


@dataclass(frozen=True)
class Predicate:
    """A verbal label for results at or above ``minimum`` (up to the next band).

    ``label`` is Indonesian (what a result stores), ``label_en`` its English ("" = none).
    """

    minimum: float
    label: str
    label_en: str = ""


@dataclass(frozen=True)
class Rubric:
    """A versioned, immutable rubric: groups, weighted criteria, scale, aggregation, predicates."""

    id: str
    version: str
    title: str
    scale: Scale
    groups: tuple[Group, ...]
    criteria: tuple[Criterion, ...]
    aggregation: Aggregation = "weighted_mean"
    predicates: tuple[Predicate, ...] = ()
    decimals: int = 2
    source: str = ""
    notes: str = ""
    title_en: str = ""
    notes_en: str = ""

    def __post_init__(self) -> None:
        ids = [c.id for c in self.criteria]
        if len(set(ids)) != len(ids):
            raise InputError(
                f"rubric {self.key}: duplicate criterion id",
                code="rubric_duplicate_criterion",
                params={"rubric": self.key},
            )
        group_ids = {g.id for g in self.groups}
        for c in self.criteria:
            if c.group not in group_ids:
                raise InputError(
                    f"rubric {self.key}: criterion {c.id!r} names unknown group {c.group!r}",
                    code="rubric_unknown_group",
                    params={"rubric": self.key, "criterion": c.id, "group": c.group},
                )
            if c.weight < 0:
                raise InputError(
                    f"rubric {self.key}: criterion {c.id!r} has a negative weight",
                    code="rubric_negative_weight",
                    params={"rubric": self.key, "criterion": c.id},
                )
        if not self.criteria or sum(c.weight for c in self.criteria) <= 0:
            raise InputError(
                f"rubric {self.key}: needs criteria with a positive total weight",
                code="rubric_no_weight",
                params={"rubric": self.key},
            )
        if self.aggregation not in AGGREGATIONS:
            raise InputError(
                f"rubric {self.key}: unknown aggregation {self.aggregation!r}",
                code="rubric_unknown_aggregation",
                params={"rubric": self.key, "aggregation": self.aggregation},
            )

    @property
    def key(self) -> str:
        """``id@version``, the stable reference stored with every score."""
        return f"{self.id}@{self.version}"

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id, or an :class:`InputError` naming the known ones."""
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        known = ", ".join(c.id for c in self.criteria)
        raise InputError(
            f"unknown criterion {criterion_id!r} for rubric {self.key}",
            hint=f"known: {known}",
            code="unknown_criterion",
            params={"criterion": criterion_id, "rubric": self.key, "known": known},
        )

    def band(self, value: float) -> Predicate | None:
        """The predicate band of a result: the highest band whose minimum it reaches."""
        bands = [p for p in self.predicates if value >= p.minimum - _EPS]
        return max(bands, key=lambda p: p.minimum) if bands else None

    def predicate(self, value: float) -> str | None:
        """The verbal predicate of a result (its band's label)."""
        band = self.band(value)
        return band.label if band else None


@dataclass(frozen=True)
class RubricScore:
    """The result of scoring one assessment: overall, per group, predicate and the rule applied."""

    rubric: str
    score: float
    rounded: float
    groups: dict[str, float]
    predicate: str | None
    aggregation: Aggregation
    criteria: dict[str, float] = field(default_factory=dict)
    version: str = __version__


def check_entry(rubric: Rubric, criterion_id: str, value: float) -> None:
    """Validate one ``criterion, score`` entry; raises :class:`InputError` with the reason."""
    rubric.criterion(criterion_id)
    problem = rubric.scale.problem(value)
    if problem:
        message, code, params = problem
        scale = rubric.scale
        raise InputError(
            message,
            hint=f"rubric {rubric.key} allows {_describe(rubric.scale)}",
            code=code,  # the scale's code; the hint's params below (error_text words ``allowed`` from them)
            params={
                **params,
                "rubric": rubric.key,
                "scale_low": _number(scale.minimum),
                "scale_high": _number(scale.maximum),
                "scale_step": None if scale.step is None else _number(scale.step),
            },
        )


def _number(value: float) -> float | int:
    """``value`` as the English prints it (``:g``), kept a number: a whole one as ``int`` (``9``), else a
    ``float`` (``2.25``), which the platform writes with its reader's decimal separator (``2,25``)."""
    shown = float(f"{value:g}")
    return int(shown) if shown.is_integer() else shown


def _describe(scale: Scale) -> str:
    step = "any value" if scale.step is None else f"steps of {scale.step:g}"
    return f"{scale.minimum:g}–{scale.maximum:g} in {step}"


def score_rubric(rubric: Rubric, scores: Mapping[str, float]) -> RubricScore:
    """Aggregate one assessment's criterion scores by the rubric's stated rule.

    Every criterion must be scored exactly once (``scores`` maps criterion id to score).
    """
    for criterion_id, value in scores.items():
        check_entry(rubric, criterion_id, value)
    missing = [c.id for c in rubric.criteria if c.id not in scores]
    if missing:
        raise InputError(
            f"no score for criterion {', '.join(missing)} of rubric {rubric.key}",
            code="criterion_unscored",
            params={"criteria": ", ".join(missing), "rubric": rubric.key},
        )
    values, weights = [scores[c.id] for c in rubric.criteria], [c.weight for c in rubric.criteria]
    if rubric.aggregation == "weighted_mean":
        exact = exact_mean(values, weights)  # decimal arithmetic: see engine/review/rounding.py
    else:
        exact = sum((as_decimal(w) * as_decimal(v) for w, v in zip(weights, values, strict=True)), Decimal(0))
    value = float(exact)
    groups: dict[str, float] = {}
    for g in rubric.groups:
        members = [c for c in rubric.criteria if c.group == g.id]
        g_weight = sum(c.weight for c in members)
        if members and g_weight > 0:
            groups[g.id] = sum(c.weight * scores[c.id] for c in members) / g_weight
        elif members:
            groups[g.id] = sum(scores[c.id] for c in members) / len(members)
    return RubricScore(
        rubric=rubric.key,
        score=value,
        rounded=float(half_up(exact, rubric.decimals)),
        groups=groups,
        predicate=rubric.predicate(value),
        aggregation=rubric.aggregation,
        criteria={c.id: float(scores[c.id]) for c in rubric.criteria},
    )


def in_english(rubric: Rubric) -> Rubric:
    """The same rubric with its texts in English wherever the rubric file gives them (docs/assessment.md).

    Weights, scale, ids and band minima are untouched, so scoring is the same in every language; the
    predicates' labels are English too (a result stores the Indonesian label: see ``predicate_names`` in
    kotacerdas.assessment.domain.rubrics for showing a stored one).
    """
    levels = tuple(replace(lv, anchor=lv.anchor_en or lv.anchor) for lv in rubric.scale.levels)
    return replace(
        rubric,
        title=rubric.title_en or rubric.title,
        notes=rubric.notes_en or rubric.notes,
        scale=replace(rubric.scale, levels=levels),
        predicates=tuple(replace(p, label=p.label_en or p.label) for p in rubric.predicates),
        groups=tuple(replace(g, name=g.name_en or g.name) for g in rubric.groups),
        criteria=tuple(
            replace(c, name=c.name_en or c.name, description=c.description_en or c.description)
            for c in rubric.criteria
        ),
    )
