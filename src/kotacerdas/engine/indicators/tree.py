"""Aggregate the whole hierarchy level by level, each parent with its own method and weights.

The method for a parent's children comes from, in order: ``overrides.groups[parent]``,
``overrides.levels[level of parent]``, then ``aggregate``. Weights come from ``weights`` (meta,
equal, custom values on top of meta, AHP matrices per parent, PCA per level).
"""

from __future__ import annotations

import numpy as np

from kotacerdas.engine.kernels import aggregate_children
from kotacerdas.errors import ConfigError, MethodError

from .framework import Framework
from .settings import IndexSettings
from .source import DataSource
from .table import Block
from .weights import ahp, pca_weights


def child_weights(parent: str, children: tuple[str, ...], framework: Framework, settings: IndexSettings,
                  values: np.ndarray | None = None) -> np.ndarray:  # fmt: skip
    """Raw (un-normalised) weights of a parent's children under the settings."""
    spec = settings.weights
    base = np.array(
        [1.0 if spec.method == "equal" else framework.weight[c] for c in children], dtype=np.float64
    )
    for i, code in enumerate(children):
        if code in spec.custom:
            base[i] = spec.custom[code]
    if spec.method == "ahp" and parent in spec.ahp:
        codes, matrix = spec.ahp[parent]
        if sorted(codes) != sorted(children):
            raise ConfigError(
                f"weights.matrices.{parent}: codes {', '.join(codes)} are not the children of {parent!r}",
                hint=f"children are {', '.join(children)}",
                code="ahp_codes_not_children",
                params={"parent": parent, "codes": ", ".join(codes), "children": ", ".join(children)},
            )
        w = ahp(np.array(matrix), parent=parent).weights
        order = {c: i for i, c in enumerate(codes)}
        base = np.array([w[order[c]] for c in children])
    if spec.method == "pca" and framework.level_of(parent) in spec.pca_levels and values is not None:
        base = pca_weights(values)
    if not (base > 0).any():
        raise ConfigError(
            f"all weights of the children of {parent!r} are zero",
            code="weights_all_zero",
            params={"parent": parent},
        )
    return base


def aggregate_tree(
    normalised: Block, framework: Framework, settings: IndexSettings, source: DataSource
) -> tuple[Block, dict[str, float]]:
    """Scores of every aggregate (levels 2..top) and the weights used, normalised within each parent."""
    scores: dict[str, np.ndarray] = {c: normalised.column(c) for c in normalised.codes}
    used: dict[str, float] = {}
    for level in range(2, framework.n_levels + 1):
        for parent in framework.levels[level]:
            children = framework.children(parent)
            x = np.column_stack([scores[c] for c in children])
            w = child_weights(parent, children, framework, settings, x)
            spec = settings.aggregate_for(parent, level)
            used.update(zip(children, (w / w.sum()).tolist(), strict=True))

            def error(
                unit: int,
                child: int,
                method: str,
                value: str,
                children: tuple[str, ...] = children,
                parent: str = parent,
            ) -> MethodError:
                return MethodError(
                    f"{method} mean needs positive values, found {value} in {children[child]!r} "
                    f"(aggregating into {parent!r})",
                    location=source.at(normalised.units.keys[unit], children[child]),
                    hint="normalise to a strictly positive range, e.g. range: [1, 100], or use arithmetic",
                    code="mean_needs_positive",
                    params={"method": method, "value": value, "child": children[child], "parent": parent},
                )

            scores[parent] = aggregate_children(x, w, spec.method, spec.min_availability, error)
    values = np.empty((len(normalised), len(framework.aggregates)), dtype=np.float64)
    for at, code in enumerate(framework.aggregates):
        values[:, at] = scores[code]
    return Block(values, framework.aggregates, normalised.units), used
