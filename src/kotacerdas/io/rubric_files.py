"""Rubric templates in YAML and ``criterion,score`` tables: read, validate, turn into engine objects.

Shipped templates live in :mod:`kotacerdas.io.rubrics` as ``<id>@<version>.yaml``. A reference is
``id`` (the highest version) or ``id@version``. Every problem is an :class:`InputError` or
:class:`ConfigError` naming the file, the row or key, and the reason.
"""

from __future__ import annotations

from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from kotacerdas.engine.review.rubrics import (
    Criterion,
    Group,
    Level,
    Predicate,
    Rubric,
    Scale,
    check_entry,
)
from kotacerdas.errors import ConfigError, InputError, KotaCerdasError, Location
from kotacerdas.io.tables import parse_number, read_csv

TEMPLATE_PACKAGE = "kotacerdas.io.rubrics"


def _version_key(version: str) -> tuple[int, ...] | tuple[str]:
    parts = version.split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else (version,)


def template_files() -> dict[str, Any]:
    """Shipped template files keyed by ``id@version``."""
    root = resources.files(TEMPLATE_PACKAGE)
    return {f.name.removesuffix(".yaml"): f for f in root.iterdir() if f.name.endswith(".yaml")}


def list_rubrics() -> list[Rubric]:
    """All shipped rubrics, sorted by id then version."""
    rubrics = [parse_rubric(yaml.safe_load(f.read_text("utf-8")), f.name) for f in template_files().values()]
    return sorted(rubrics, key=lambda r: (r.id, _version_key(r.version)))


def load_rubric(reference: str) -> Rubric:
    """A shipped rubric by ``id`` (latest version) or ``id@version``, or a path to a YAML file."""
    path = Path(reference)
    if reference.endswith((".yaml", ".yml")) and path.is_file():
        return parse_rubric(yaml.safe_load(path.read_text("utf-8")), str(path))
    available = list_rubrics()
    if "@" in reference:
        matches = [r for r in available if r.key == reference]
    else:
        matches = [r for r in available if r.id == reference][-1:]
    if not matches:
        known = ", ".join(r.key for r in available)
        raise ConfigError(
            f"unknown rubric {reference!r}",
            hint=f"known: {known}",
            code="unknown_rubric",
            params={"rubric": reference, "known": known},
        )
    return matches[0]


def _need(data: dict[str, Any], key: str, file: str, where: str = "") -> Any:
    if key not in data:
        raise ConfigError(
            f"missing key {where}{key!r}",
            location=Location(file=file),
            code="missing_key",
            params={"where": where, "key": key},
        )
    return data[key]


def _predicate(entry: dict[str, Any]) -> Predicate:
    """One predicate band: ``min``, its Indonesian ``label`` and (optionally) its English ``label_en``."""
    minimum = float(entry["min"])
    texts = {"label": entry.get("label"), "label_en": entry.get("label_en", "")}
    for key, text in texts.items():
        if not isinstance(text, str) or (key == "label" and not text.strip()):
            raise InputError(
                f"predicate band from {minimum:g}: {key} must be text",
                hint="label is the Indonesian name of the band, label_en its English",
                code="rubric_predicate_label",
                params={"min": int(minimum) if minimum.is_integer() else minimum, "key": key},
            )
    return Predicate(minimum, str(texts["label"]).strip(), str(texts["label_en"]).strip())


def parse_rubric(data: Any, file: str) -> Rubric:
    """Build a :class:`Rubric` from a parsed YAML mapping (see docs/assessment.md for the format)."""
    if not isinstance(data, dict):
        raise ConfigError(
            "a rubric file must be a YAML mapping", location=Location(file=file), code="rubric_not_a_mapping"
        )
    try:
        scale_data = _need(data, "scale", file)
        step = scale_data.get("step", 1)
        scale = Scale(
            minimum=float(_need(scale_data, "min", file, "scale.")),
            maximum=float(_need(scale_data, "max", file, "scale.")),
            step=None if step is None else float(step),
            levels=tuple(
                Level(float(lv["value"]), str(lv["anchor"]), str(lv.get("anchor_en", "")))
                for lv in scale_data.get("levels", [])
            ),
        )
        groups = tuple(
            Group(str(g["id"]), str(g["name"]), str(g.get("name_en", "")))
            for g in _need(data, "groups", file)
        )
        criteria = tuple(
            Criterion(
                id=str(c["id"]),
                name=str(c["name"]),
                group=str(c["group"]),
                weight=float(c["weight"]),
                description=str(c.get("description", "")),
                name_en=str(c.get("name_en", "")),
                description_en=str(c.get("description_en", "")),
            )
            for c in _need(data, "criteria", file)
        )
        predicates = tuple(_predicate(p) for p in data.get("predicates") or [])
        return Rubric(
            id=str(_need(data, "id", file)),
            version=str(_need(data, "version", file)),
            title=str(data.get("title", "")),
            scale=scale,
            groups=groups,
            criteria=criteria,
            aggregation=data.get("aggregation", "weighted_mean"),
            predicates=predicates,
            decimals=int(data.get("decimals", 2)),
            source=str(data.get("source", "")).strip(),
            notes=str(data.get("notes", "")).strip(),
            title_en=str(data.get("title_en", "")),
            notes_en=str(data.get("notes_en", "")).strip(),
        )
    except KotaCerdasError as exc:
        raise ConfigError(
            exc.message, location=Location(file=file), hint=exc.hint, code=exc.code, params=exc.params
        ) from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(
            f"malformed rubric entry: {exc}",
            location=Location(file=file),
            code="malformed_rubric",
            params={"reason": str(exc)},
        ) from exc


def read_criterion_scores(path: str | Path, rubric: Rubric) -> dict[str, float]:
    """Read a ``criterion,score`` CSV (header optional) and check every row against the rubric."""
    table = read_csv(path, header=False)
    file = table.file
    scores: dict[str, float] = {}
    for row in table.rows:
        number = row.number
        if number == 1 and [c.lower() for c in row.cells[:2]] == ["criterion", "score"]:
            continue
        if len(row.cells) != 2:
            raise InputError(
                f"expected 2 cells (criterion,score), found {len(row.cells)}",
                location=Location(file, number),
                code="criterion_cells",
                params={"found": len(row.cells)},
            )
        criterion, text = row.cells
        value = parse_number(text, Location(file, number, "score"), what="score")
        if criterion in scores:
            raise InputError(
                f"criterion {criterion!r} is scored twice",
                location=Location(file, number, "criterion"),
                code="criterion_scored_twice",
                params={"criterion": criterion},
            )
        try:
            check_entry(rubric, criterion, value)
        except InputError as exc:
            column = "criterion" if "criterion" in exc.message else "score"
            raise replace(exc, location=Location(file, number, column)) from None
        scores[criterion] = value
    missing = [c.id for c in rubric.criteria if c.id not in scores]
    if missing:
        raise InputError(
            f"no score for criterion {', '.join(missing)}",
            location=Location(file=file),
            hint=f"rubric {rubric.key} needs every criterion scored once",
            code="criteria_unscored",
            params={"criteria": ", ".join(missing), "rubric": rubric.key},
        )
    return scores


def rubric_as_dict(rubric: Rubric) -> dict[str, Any]:
    """A JSON-ready description of a rubric (what ``rubric show --format json`` prints)."""
    return {
        "id": rubric.id,
        "version": rubric.version,
        "key": rubric.key,
        "title": rubric.title,
        "aggregation": rubric.aggregation,
        "decimals": rubric.decimals,
        "scale": {
            "min": rubric.scale.minimum,
            "max": rubric.scale.maximum,
            "step": rubric.scale.step,
            "levels": [
                _english({"value": lv.value, "anchor": lv.anchor}, anchor=lv.anchor_en)
                for lv in rubric.scale.levels
            ],
        },
        "groups": [_english({"id": g.id, "name": g.name}, name=g.name_en) for g in rubric.groups],
        "criteria": [
            _english(
                {
                    "id": c.id,
                    "name": c.name,
                    "group": c.group,
                    "weight": c.weight,
                    "description": c.description,
                },
                name=c.name_en,
                description=c.description_en,
            )
            for c in rubric.criteria
        ],
        "predicates": [
            _english({"min": p.minimum, "label": p.label}, label=p.label_en) for p in rubric.predicates
        ],
        "source": rubric.source,
        **_english({"notes": rubric.notes}, title=rubric.title_en, notes=rubric.notes_en),
    }


def _english(entry: dict[str, Any], **english: str) -> dict[str, Any]:
    """``entry`` plus ``<key>_en`` for each English text given (none: ``entry`` as before)."""
    return {**entry, **{f"{key}_en": text for key, text in english.items() if text}}
