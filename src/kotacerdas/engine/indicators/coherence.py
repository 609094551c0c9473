"""Statistical coherence of an index: correlations within and between levels, Cronbach's alpha,
variance explained by the first principal component, and warnings on negative correlations
inside an aggregate (OECD/JRC Handbook 2008, §4; COINr's ``get_corr`` and ``get_cronbach``).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .framework import Framework
from .weights import pca_variance_explained

if TYPE_CHECKING:  # pandas only for the annotations: loaded when the statistics are asked for
    import pandas as pd


@dataclass(frozen=True)
class Coherence:
    """Coherence statistics; ``correlations`` is node × level: Pearson r with its ancestor there."""

    correlations: pd.DataFrame
    within: dict[str, pd.DataFrame]
    cronbach_alpha: pd.Series
    pca_variance: pd.Series
    negative_pairs: pd.DataFrame


def cronbach_alpha(values: np.ndarray) -> float:
    """Cronbach's alpha of the columns (complete rows): k/(k−1)·(1 − Σ var_i / var_total)."""
    x = np.asarray(values, dtype=np.float64)
    x = x[~np.isnan(x).any(axis=1)]
    k = x.shape[1]
    if k < 2 or x.shape[0] < 2:
        return float("nan")
    total = x.sum(axis=1).var(ddof=1)
    return float(k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / total))


def coherence(normalised: pd.DataFrame, aggregates: pd.DataFrame, framework: Framework) -> Coherence:
    """Compute coherence statistics; warns once listing negative correlations inside an aggregate."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)  # constant columns give NaN correlations
        result = _coherence(normalised, aggregates, framework)
    if len(result.negative_pairs):
        listed = ", ".join(
            f"{p}: {a}~{b} {r:.2f}" for p, a, b, r in result.negative_pairs.head(5).itertuples(index=False)
        )
        warnings.warn(
            f"{len(result.negative_pairs)} negative correlations inside aggregates ({listed})", stacklevel=2
        )
    return result


def _coherence(normalised: pd.DataFrame, aggregates: pd.DataFrame, framework: Framework) -> Coherence:
    import pandas as pd  # here: statistics on request; building the index does not load pandas

    allv = pd.concat([normalised, aggregates], axis=1)
    rows = {}
    for code in (*framework.indicators, *framework.aggregates):
        lev = framework.level_of(code)
        rows[code] = {
            up: allv[code].corr(allv[framework.ancestor(code, up)]) if up > lev else np.nan
            for up in range(2, framework.n_levels + 1)
        }
    within: dict[str, pd.DataFrame] = {}
    alpha: dict[str, float] = {}
    pca: dict[str, float] = {}
    negatives: list[tuple[str, str, str, float]] = []
    for parent in framework.aggregates:
        kids = list(framework.children(parent))
        corr = allv[kids].corr()
        within[parent] = corr
        alpha[parent] = cronbach_alpha(allv[kids].to_numpy())
        pca[parent] = pca_variance_explained(allv[kids].to_numpy())
        for i, a in enumerate(kids):
            for b in kids[i + 1 :]:
                r = float(corr.to_numpy()[i, kids.index(b)])
                if r < 0:
                    negatives.append((parent, a, b, r))
    neg = pd.DataFrame(negatives, columns=["parent", "a", "b", "r"])
    return Coherence(
        correlations=pd.DataFrame.from_dict(rows, orient="index"),
        within=within,
        cronbach_alpha=pd.Series(alpha, dtype=np.float64),
        pca_variance=pd.Series(pca, dtype=np.float64),
        negative_pairs=neg,
    )
