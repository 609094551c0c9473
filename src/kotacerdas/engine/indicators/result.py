"""The result of an index build: every intermediate data set, weights, settings and version.

:func:`~kotacerdas.engine.indicators.build.rebuild_index` runs the same build again from the stored
inputs and settings; the uncertainty engine uses the pieces (``treated``, ``normalised``, ``framework``, ``weights``) directly.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from kotacerdas.engine.kernels import min_rank

from .coherence import Coherence, coherence
from .framework import Framework
from .profiles import UnitProfile, unit_profile
from .settings import IndexSettings


def rank_scores(scores: pd.Series) -> pd.Series:
    """Rank 1 = highest score; ties get the minimum rank; missing scores get no rank."""
    ranks = min_rank(-scores.to_numpy(dtype=np.float64))
    return pd.Series(pd.array(np.where(np.isnan(ranks), np.nan, ranks), dtype="Int64"), index=scores.index,
                     name="Rank")  # fmt: skip


@dataclass(frozen=True)
class IndexResult:
    """A built composite index with its provenance.

    Frames are indexed by ``uCode`` (panel data: by ``uCode`` and ``Time``); indicator frames have one
    column per indicator in metadata order, ``aggregates`` one column per aggregate from level 2 up.
    """

    settings: IndexSettings
    framework: Framework
    version: str
    data: pd.DataFrame
    meta: pd.DataFrame
    denominated: pd.DataFrame
    imputed: pd.DataFrame
    screened: pd.DataFrame
    treated: pd.DataFrame
    normalised: pd.DataFrame
    aggregates: pd.DataFrame
    weights: pd.Series
    treated_points: pd.DataFrame
    treatment: pd.DataFrame
    removed_units: tuple[Hashable, ...]
    names: pd.Series
    data_name: str = "data"
    meta_name: str = "meta"
    years: dict[int, IndexResult] = field(default_factory=dict)

    @property
    def panel(self) -> bool:
        """True when the data had a ``Time`` column (one index per year)."""
        return bool(self.years)

    @property
    def index(self) -> pd.Series:
        """Scores of the top-level index."""
        return self.aggregates[self.framework.top]

    @property
    def ranks(self) -> pd.Series:
        """Rank of each unit on the index (per year for panel data)."""
        if not self.panel:
            return rank_scores(self.index)
        parts = [rank_scores(s) for _, s in self.index.groupby(level="Time", sort=False)]
        ranks: pd.Series = pd.concat(parts).reindex(self.index.index)
        return ranks

    @property
    def scores(self) -> pd.DataFrame:
        """Every aggregate column plus ``Rank``."""
        return self.aggregates.assign(Rank=self.ranks)

    @property
    def directions(self) -> pd.Series:
        """Direction (+1/−1) of each indicator."""
        return pd.Series(
            {c: self.framework.direction[c] for c in self.framework.indicators}, name="Direction"
        )

    @property
    def effective_weights(self) -> pd.Series:
        """Each indicator's share of the index: product of normalised weights up its lineage."""
        out = {}
        for code in self.framework.indicators:
            share, node = 1.0, code
            while self.framework.parent[node] is not None:
                share *= float(self.weights[node])
                parent = self.framework.parent[node]
                assert parent is not None
                node = parent
            out[code] = share
        return pd.Series(out, name="effective_weight")

    def coherence(self) -> Coherence:
        """Correlations within/between levels, Cronbach's alpha, PCA variance; warns on negatives."""
        return coherence(self.normalised, self.aggregates, self.framework)

    def profile(self, unit: Hashable, n: int = 3, peers: Sequence[Hashable] | None = None) -> UnitProfile:
        """The unit's ``n`` strongest and weakest indicators against its peers (default all units)."""
        return unit_profile(self.normalised, unit, n=n, peers=peers)

    @property
    def trends(self) -> pd.DataFrame:
        """Panel data: per unit, each aggregate's least-squares slope per year (empty otherwise)."""
        if not self.panel:
            return pd.DataFrame()
        years = np.array(sorted(self.years), dtype=np.float64)
        wide = {
            c: self.aggregates[c].unstack("Time").reindex(columns=sorted(self.years)) for c in self.aggregates
        }
        out = {}
        for code, table in wide.items():
            y = table.to_numpy(dtype=np.float64)
            t = years - years.mean()
            ok = ~np.isnan(y)
            tt = np.where(ok, t, 0.0)
            tm = tt.sum(axis=1) / ok.sum(axis=1)
            ym = np.nansum(y, axis=1) / ok.sum(axis=1)
            num = np.nansum(np.where(ok, (t - tm[:, None]) * (y - ym[:, None]), np.nan), axis=1)
            den = np.nansum(np.where(ok, (t - tm[:, None]) ** 2, np.nan), axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                out[code] = np.where(ok.sum(axis=1) >= 2, num / den, np.nan)
        first = next(iter(wide.values()))
        return pd.DataFrame(out, index=first.index)

    def provenance(self) -> dict[str, Any]:
        """JSON-ready record of how the index was built: version, settings, framework, treatment."""
        fw = self.framework
        return {
            "library": "kotacerdas",
            "version": self.version,
            "settings": self.settings.to_mapping(),
            "inputs": {
                "data": self.data_name,
                "meta": self.meta_name,
                "units": len(self.data),
                "indicators": len(fw.indicators),
            },
            "framework": {
                "levels": {str(k): list(v) for k, v in fw.levels.items()},
                "parent": dict(fw.parent),
                "direction": dict(fw.direction),
            },
            "weights": {k: float(v) for k, v in self.weights.items()},
            "removed_units": [str(u) for u in self.removed_units],
            "treatment": self.treatment.replace({np.nan: None}).to_dict("records"),
            "treated_points": len(self.treated_points),
            "years": sorted(self.years),
        }
