"""``SELECTION.yaml`` and the scores file for ``kotacerdas select``: parse, validate, build the problem.

Every error names the file and the key (YAML) or the row and column (CSV). The contract is documented in
``docs/selection.md``; the engine side is :mod:`kotacerdas.engine.selection`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np
import yaml

from kotacerdas.engine.selection import (
    OBJECTIVES,
    Candidates,
    EligibilityRule,
    Objective,
    Phase,
    Quota,
    SelectionProblem,
    sample_scores,
)
from kotacerdas.errors import ConfigError, Location
from kotacerdas.io.registry import Registry
from kotacerdas.io.selection_inputs import read_exclusions, read_samples, read_scores
from kotacerdas.io.selection_units import UNIT_KINDS, Units, units_for

TOP_KEYS = {"units", "score", "phases", "eligibility", "exclude", "quotas", "objective", "uncertainty"}
RULE_KEYS = {"column", "min", "max", "order", "in"}
QUOTA_KEYS = {"by", "min", "max", "value", "min_share", "max_share", "over"}
UNCERTAINTY_KEYS = {"file", "sd", "draws", "seed", "marginal"}


@dataclass(frozen=True)
class Uncertainty:
    """Where score samples come from: a file of draws, or normal noise (``sd``, ``draws``, ``seed``)."""

    file: Path | None = None
    sd: float | None = None
    draws: int = 200
    seed: int = 0
    marginal: tuple[float, float] = (0.1, 0.9)


@dataclass(frozen=True)
class SelectionConfig:
    """A validated ``SELECTION.yaml``."""

    path: Path
    score: str
    phases: tuple[Phase, ...]
    rules: tuple[EligibilityRule, ...] = ()
    quotas: tuple[Quota, ...] = ()
    exclude: dict[str, str] = field(default_factory=dict)
    objective: str = "max_score"
    uncertainty: Uncertainty | None = None
    units: Units = field(default_factory=Units)


def _fail(
    path: Path, key: str, message: str, *, code: str, hint: str | None = None, **params: object
) -> ConfigError:
    """A refusal of ``key``; ``code`` and ``params`` word it again in the reader's language (error_text)."""
    return ConfigError(
        f"key {key!r}: {message}",
        location=Location(file=str(path)),
        hint=hint,
        code=code,
        params={"key": key, **params},
    )


def _yaml_code(value: object, units: Units) -> str:
    """A code as written in YAML: ``63.71`` arrives as a float, ``32.70`` as 32.7 — restore two decimals."""
    if isinstance(value, float) and units.kind == "regions":
        return f"{value:.2f}"
    return str(value)


def load_selection_config(
    path: Path, registry: Registry | None = None, samples: Path | None = None
) -> SelectionConfig:
    """Read and validate ``SELECTION.yaml``; errors name the file and the key.

    ``samples`` (``kotacerdas select --samples``) is a draws file that takes the place of
    ``uncertainty.file``/``uncertainty.sd``; the configured ``uncertainty.marginal`` band still applies.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(
            f"cannot read the configuration: {exc.strerror}",
            location=Location(file=str(path)),
            code="unreadable_config",
            params={"reason": exc.strerror},
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise ConfigError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}",
            location=Location(str(path), row),
            code="invalid_yaml",
            params={"reason": str(getattr(exc, "problem", exc))},
        ) from None
    if not isinstance(data, dict):
        raise ConfigError(
            "the configuration must be a mapping of keys",
            location=Location(file=str(path)),
            code="config_not_a_mapping",
        )
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        known = ", ".join(sorted(TOP_KEYS))
        raise _fail(
            path, unknown[0], "unknown key", hint=f"known keys: {known}", code="unknown_key", known=known
        )
    kind = data.get("units", "regions")
    if kind not in UNIT_KINDS:
        choices = ", ".join(UNIT_KINDS)
        raise _fail(
            path,
            "units",
            f"unknown units {kind!r}",
            hint=f"one of {choices}",
            code="unknown_units",
            kind=kind,
            choices=choices,
        )
    units = units_for(kind, registry)
    score = data.get("score")
    if not isinstance(score, str) or not score:
        raise _fail(
            path, "score", "missing or not a column name", hint="e.g. score: Index", code="score_not_a_column"
        )
    objective = data.get("objective", "max_score")
    if objective not in OBJECTIVES:
        raise _fail(
            path,
            "objective",
            f"unknown objective {objective!r}",
            hint=f"one of {', '.join(OBJECTIVES)}",
            code="unknown_objective",
            objective=objective,
            choices=", ".join(OBJECTIVES),
        )
    uncertainty = _uncertainty(path, data.get("uncertainty"), samples)
    if objective in ("expected_score", "max_probability") and uncertainty is None:
        raise _fail(
            path,
            "uncertainty",
            f"objective {objective} needs uncertainty samples",
            hint="uncertainty: {file: samples.csv} or {sd: 2.0, draws: 200, seed: 0}",
            code="objective_needs_uncertainty",
            objective=objective,
        )
    return SelectionConfig(
        path=path,
        score=score,
        phases=_phases(path, data.get("phases")),
        rules=tuple(_rule(path, i, r) for i, r in enumerate(_list(path, data, "eligibility"))),
        quotas=tuple(_quota(path, i, q) for i, q in enumerate(_list(path, data, "quotas"))),
        exclude=_exclude(path, data.get("exclude"), units),
        objective=objective,
        uncertainty=uncertainty,
        units=units,
    )


def _list(path: Path, data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise _fail(path, key, "must be a list", code="not_a_list")
    return value


def _phases(path: Path, value: object) -> tuple[Phase, ...]:
    if not isinstance(value, list) or not value:
        raise _fail(
            path,
            "phases",
            "missing or empty",
            hint="e.g. phases: [{name: '2027', size: 25}]",
            code="phases_missing",
        )
    phases = []
    for i, item in enumerate(value):
        key = f"phases[{i}]"
        if not isinstance(item, dict) or set(item) - {"name", "size"} or "size" not in item:
            raise _fail(path, key, "must be {name: ..., size: N}", code="phase_shape")
        size = item["size"]
        if not isinstance(size, int) or isinstance(size, bool) or size < 1:
            raise _fail(
                path,
                f"{key}.size",
                f"{size!r} is not a positive integer",
                code="not_a_positive_integer",
                value=size,
            )
        phases.append(Phase(name=str(item.get("name", i + 1)), size=size))
    if len({p.name for p in phases}) != len(phases):
        raise _fail(path, "phases", "phase names repeat", code="phase_names_repeat")
    return tuple(phases)


def _rule(path: Path, i: int, item: object) -> EligibilityRule:
    key = f"eligibility[{i}]"
    if not isinstance(item, dict) or "column" not in item:
        raise _fail(
            path,
            key,
            "must be a mapping with a column",
            hint="e.g. {column: Index, min: 40}",
            code="rule_shape",
        )
    if set(item) - RULE_KEYS:
        raise _fail(
            path,
            f"{key}.{sorted(set(item) - RULE_KEYS)[0]}",
            "unknown key",
            hint=f"known keys: {', '.join(sorted(RULE_KEYS))}",
            code="unknown_key",
            known=", ".join(sorted(RULE_KEYS)),
        )
    order = item.get("order")
    if order is not None and (not isinstance(order, list) or not order):
        raise _fail(
            path, f"{key}.order", "must be a list of classes from lowest to highest", code="order_not_a_list"
        )
    allowed = item.get("in")
    if allowed is not None and not isinstance(allowed, list):
        raise _fail(path, f"{key}.in", "must be a list of allowed values", code="allowed_not_a_list")
    if item.get("min") is None and item.get("max") is None and allowed is None:
        raise _fail(path, key, "needs min, max or in", code="rule_without_bound")
    for bound in ("min", "max"):
        value = item.get(bound)
        if value is None:
            continue
        if order is not None and str(value) not in [str(o) for o in order]:
            raise _fail(
                path,
                f"{key}.{bound}",
                f"{value!r} is not one of the order {order}",
                code="not_in_order",
                value=value,
                order=str(order),
            )
        if order is None and not isinstance(value, int | float):
            raise _fail(
                path,
                f"{key}.{bound}",
                f"{value!r} is not a number",
                hint="give an order for classes",
                code="bound_not_a_number",
                value=value,
            )
    return EligibilityRule(
        column=str(item["column"]),
        min=None if item.get("min") is None else (str(item["min"]) if order else float(item["min"])),
        max=None if item.get("max") is None else (str(item["max"]) if order else float(item["max"])),
        order=tuple(str(o) for o in order) if order else None,
        allowed=tuple(str(a) for a in allowed) if allowed is not None else None,
    )


def _quota(path: Path, i: int, item: object) -> Quota:
    key = f"quotas[{i}]"
    if not isinstance(item, dict) or "by" not in item:
        raise _fail(
            path, key, "must be a mapping with by", hint="e.g. {by: province, max: 4}", code="quota_shape"
        )
    if set(item) - QUOTA_KEYS:
        raise _fail(
            path,
            f"{key}.{sorted(set(item) - QUOTA_KEYS)[0]}",
            "unknown key",
            hint=f"known keys: {', '.join(sorted(QUOTA_KEYS))}",
            code="unknown_key",
            known=", ".join(sorted(QUOTA_KEYS)),
        )
    for bound in ("min", "max"):
        v = item.get(bound)
        if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
            raise _fail(
                path,
                f"{key}.{bound}",
                f"{v!r} is not a non-negative integer",
                code="not_a_non_negative_integer",
                value=v,
            )
    for bound in ("min_share", "max_share"):
        v = item.get(bound)
        if v is not None and (not isinstance(v, int | float) or not 0 <= v <= 1):
            raise _fail(
                path, f"{key}.{bound}", f"{v!r} is not a share between 0 and 1", code="not_a_share", value=v
            )
    if all(item.get(b) is None for b in ("min", "max", "min_share", "max_share")):
        raise _fail(
            path,
            key,
            "has no bound",
            hint="give min, max, min_share or max_share",
            code="quota_without_bound",
        )
    if item.get("min") is not None and item.get("max") is not None and item["min"] > item["max"]:
        raise _fail(
            path,
            key,
            f"min {item['min']} > max {item['max']}",
            code="min_above_max",
            min=item["min"],
            max=item["max"],
        )
    over = item.get("over", "phase")
    if over not in ("phase", "all"):
        raise _fail(path, f"{key}.over", f"{over!r} must be 'phase' or 'all'", code="quota_over", over=over)
    value = item.get("value")
    return Quota(
        by=str(item["by"]),
        min=item.get("min"),
        max=item.get("max"),
        value=None if value is None else str(value),
        min_share=None if item.get("min_share") is None else float(item["min_share"]),
        max_share=None if item.get("max_share") is None else float(item["max_share"]),
        over=over,
    )


def _exclude(path: Path, value: object, units: Units) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, list):
        out = {}
        for i, code in enumerate(value):
            unit = units.code(_yaml_code(code, units), Location(str(path), column=f"exclude[{i}]"))
            out[unit] = "listed under exclude in the configuration"
        return out
    if isinstance(value, dict) and "file" in value and set(value) <= {"file", "reselect"}:
        excluded = read_exclusions(path.parent / str(value["file"]), units=units)
        allowed = value.get("reselect") or []
        if not isinstance(allowed, list):
            raise _fail(
                path,
                "exclude.reselect",
                "must be a list of codes that may be selected again",
                code="reselect_not_a_list",
            )
        for i, code in enumerate(allowed):
            excluded.pop(
                units.code(_yaml_code(code, units), Location(str(path), column=f"exclude.reselect[{i}]")),
                None,
            )
        return excluded
    raise _fail(
        path,
        "exclude",
        "must be a list of codes or {file: earlier_cohorts.csv, reselect: [codes allowed again]}",
        code="exclude_shape",
    )


def _uncertainty(path: Path, value: object, samples: Path | None = None) -> Uncertainty | None:
    if value is None and samples is None:
        return None
    if value is None:
        value = {}
    if not isinstance(value, dict) or set(value) - UNCERTAINTY_KEYS:
        raise _fail(
            path,
            "uncertainty",
            "must be {file: samples.csv} or {sd: 2.0, draws: 200, seed: 0}",
            code="uncertainty_shape",
        )
    if samples is None and ("file" in value) == ("sd" in value):
        raise _fail(path, "uncertainty", "give exactly one of file or sd", code="uncertainty_file_or_sd")
    if samples is not None:
        value = {k: v for k, v in value.items() if k == "marginal"}
    marginal = value.get("marginal", [0.1, 0.9])
    if not (isinstance(marginal, list) and len(marginal) == 2 and 0 <= marginal[0] < marginal[1] <= 1):
        raise _fail(
            path,
            "uncertainty.marginal",
            f"{marginal!r} is not [low, high] within 0..1",
            code="marginal_band",
            marginal=repr(marginal),
        )
    sd = value.get("sd")
    if sd is not None and (not isinstance(sd, int | float) or sd <= 0 or not math.isfinite(sd)):
        raise _fail(
            path, "uncertainty.sd", f"{sd!r} is not a positive number", code="not_a_positive_number", value=sd
        )
    draws = value.get("draws", 200)
    if not isinstance(draws, int) or draws < 1:
        raise _fail(
            path,
            "uncertainty.draws",
            f"{draws!r} is not a positive integer",
            code="not_a_positive_integer",
            value=draws,
        )
    seed = value.get("seed", 0)
    if not isinstance(seed, int):
        raise _fail(
            path, "uncertainty.seed", f"{seed!r} is not an integer", code="not_an_integer", value=seed
        )
    return Uncertainty(
        file=samples
        if samples is not None
        else (path.parent / str(value["file"]) if "file" in value else None),
        sd=None if sd is None else float(sd),
        draws=draws,
        seed=seed,
        marginal=(float(marginal[0]), float(marginal[1])),
    )


def load_problem(
    scores: Path, config: Path, samples: Path | None = None
) -> tuple[SelectionConfig, SelectionProblem]:
    """Read ``SELECTION.yaml`` and the scores file and build the engine problem (CLI and web share this).

    ``samples`` is a draws file (e.g. ``score_samples.csv`` of ``kotacerdas index uncertainty
    --save-scores``) used instead of the configured ``uncertainty`` source.
    """
    selection_config = load_selection_config(config, samples=samples)
    candidates = read_scores(scores, selection_config.score, units=selection_config.units)
    return selection_config, build_problem(selection_config, candidates)


def build_problem(config: SelectionConfig, candidates: Candidates) -> SelectionProblem:
    """The engine problem for a configuration and its candidates (with samples when configured)."""
    samples = None
    unc = config.uncertainty
    if unc is not None and unc.file is not None:
        samples = read_samples(unc.file, candidates, units=config.units)
    elif unc is not None and unc.sd is not None:
        samples = sample_scores(candidates.scores, unc.sd, unc.draws, np.random.default_rng(unc.seed))
    known = {config.score, *candidates.attributes}
    for where, col in [
        *((f"eligibility[{i}].column", r.column) for i, r in enumerate(config.rules)),
        *((f"quotas[{i}].by", q.by) for i, q in enumerate(config.quotas)),
    ]:
        if col not in known:
            raise _fail(
                config.path,
                where,
                f"unknown column {col!r}",
                hint=f"columns: {', '.join(sorted(known))}",
                code="unknown_config_column",
                column=col,
                columns=", ".join(sorted(known)),
            )
    return SelectionProblem(
        candidates=candidates,
        phases=config.phases,
        rules=config.rules,
        quotas=config.quotas,
        excluded={c: r for c, r in config.exclude.items() if c in set(candidates.codes)},
        objective=cast(Objective, config.objective),
        samples=samples,
    )
