"""The result of an index build: every intermediate data set, weights, settings and version.

:func:`~kotacerdas.engine.indicators.build.rebuild_index` runs the same build again from the stored
inputs and settings; the uncertainty engine uses the pieces (``treated``, ``normalised``, ``framework``, ``weights``) directly.

The steps are kept as numpy blocks (:mod:`.table`); the pandas frames and series of the public
attributes are made on first use, so a caller that only writes the blocks never loads pandas.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from kotacerdas.engine.kernels import min_rank

from .coherence import Coherence, coherence
from .framework import Framework
from .profiles import UnitProfile, unit_profile
from .settings import IndexSettings
from .table import Block, FloatArray, InputTable, Units
from .treat import ColumnTreatment, TreatedPoints

if TYPE_CHECKING:  # pandas only for the annotations: frames are made on request
    import pandas as pd

STEPS = ("denominated", "imputed", "screened", "treated", "normalised", "aggregates")


def rank_scores(scores: pd.Series) -> pd.Series:
    """Rank 1 = highest score; ties get the minimum rank; missing scores get no rank."""
    import pandas as pd  # here: a series in, a series out; the build itself ranks arrays

    ranks = min_rank(-scores.to_numpy(dtype=np.float64))
    return pd.Series(pd.array(np.where(np.isnan(ranks), np.nan, ranks), dtype="Int64"), index=scores.index,
                     name="Rank")  # fmt: skip


@dataclass(frozen=True, eq=False)
class IndexResult:
    """A built composite index with its provenance.

    Frames are indexed by ``uCode`` (panel data: by ``uCode`` and ``Time``); indicator frames have one
    column per indicator in metadata order, ``aggregates`` one column per aggregate from level 2 up.
    ``blocks`` holds the same steps as numpy blocks, named as the frames (:data:`STEPS`).
    """

    settings: IndexSettings
    framework: Framework
    version: str
    data: InputTable | pd.DataFrame
    meta: InputTable | pd.DataFrame
    blocks: Mapping[str, Block]
    weight_values: Mapping[str, float]
    points: TreatedPoints
    details: Sequence[ColumnTreatment]
    removed_units: tuple[Hashable, ...]
    unit_names: tuple[Any, ...]
    name_units: Units
    data_name: str = "data"
    meta_name: str = "meta"
    years: dict[int, IndexResult] = field(default_factory=dict)
    #: panel data: the year of each row of ``details`` (None for a cross-section)
    detail_times: tuple[int, ...] | None = None

    @cached_property
    def denominated(self) -> pd.DataFrame:
        """Indicators after denomination."""
        return self.blocks["denominated"].to_frame()

    @cached_property
    def imputed(self) -> pd.DataFrame:
        """Indicators after imputation."""
        return self.blocks["imputed"].to_frame()

    @cached_property
    def screened(self) -> pd.DataFrame:
        """Indicators of the units kept by screening."""
        return self.blocks["screened"].to_frame()

    @cached_property
    def treated(self) -> pd.DataFrame:
        """Indicators after outlier treatment."""
        return self.blocks["treated"].to_frame()

    @cached_property
    def normalised(self) -> pd.DataFrame:
        """Indicators after normalisation."""
        return self.blocks["normalised"].to_frame()

    @cached_property
    def aggregates(self) -> pd.DataFrame:
        """Scores of every aggregate, level 2 up."""
        return self.blocks["aggregates"].to_frame()

    @cached_property
    def weights(self) -> pd.Series:
        """The weights used, normalised within each parent."""
        import pandas as pd  # here: a series on request; the build keeps a mapping

        return pd.Series(dict(self.weight_values), name="weight", dtype=np.float64)

    @cached_property
    def names(self) -> pd.Series:
        """Each unit's name (its code when the data have no ``uName``)."""
        import pandas as pd  # here: a series on request; the build keeps a tuple

        return pd.Series(np.asarray(self.unit_names, dtype=object), index=self.name_units.to_index())

    @cached_property
    def treated_points(self) -> pd.DataFrame:
        """One row per treated point: ``uCode``, ``iCode``, ``treatment``, ``before``, ``after`` (and ``Time``)."""
        import pandas as pd  # here: a frame on request; the build keeps lists

        columns = ["uCode", "iCode", "treatment", "before", "after"]
        points = self.points
        times = points.time
        pieces: dict[int | None, list[pd.DataFrame]] = {}
        start = 0
        total = len(points)

        def key(at: int) -> tuple[str, int | None]:
            return points.code[at], None if times is None else times[at]

        while start < total:  # one piece per indicator (and year), as the build made them
            end = start
            while end < total and key(end) == key(start):
                end += 1
            piece = pd.DataFrame({
                "uCode": pd.array(points.unit[start:end], dtype="string"), "iCode": points.code[start],
                "treatment": np.asarray(points.treatment[start:end], dtype=object),
                "before": np.asarray(points.before[start:end], dtype=np.float64),
                "after": np.asarray(points.after[start:end], dtype=np.float64),
            })  # fmt: skip
            pieces.setdefault(key(start)[1], []).append(piece)
            start = end

        def log(parts: list[pd.DataFrame]) -> pd.DataFrame:
            return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)

        if not self.panel:
            return log(pieces.get(None, []))
        return pd.concat([log(pieces.get(y, [])).assign(Time=y) for y in sorted(self.years)],
                         ignore_index=True)  # fmt: skip

    @cached_property
    def treatment(self) -> pd.DataFrame:
        """One row per treated indicator (and year): statistics before/after and the treatment applied."""
        import pandas as pd  # here: a frame on request; the build keeps the records

        columns = list(ColumnTreatment.__dataclass_fields__)
        if self.detail_times is None:
            return pd.DataFrame([vars(d) for d in self.details], columns=columns)
        parts = []
        for year in sorted(self.years):
            rows = [vars(d) for d, t in zip(self.details, self.detail_times, strict=True) if t == year]
            parts.append(pd.DataFrame(rows, columns=columns).assign(Time=year))
        return pd.concat(parts, ignore_index=True)

    def rank_values(self) -> FloatArray:
        """Rank of each unit on the index (NaN for no score), in the order of the units; per year for panels."""
        scores = self.blocks["aggregates"].column(self.framework.top)
        units = self.blocks["aggregates"].units
        if units.times is None:
            return np.asarray(min_rank(-scores), dtype=np.float64)
        out = np.full(scores.size, np.nan)
        times = np.asarray(units.times)
        for year in dict.fromkeys(units.times):
            rows = np.flatnonzero(times == year)
            out[rows] = min_rank(-scores[rows])
        return out

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
        import pandas as pd  # here: a series on request

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
        import pandas as pd  # here: a series on request

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
                share *= float(self.weight_values[node])
                parent = self.framework.parent[node]
                assert parent is not None
                node = parent
            out[code] = share
        import pandas as pd  # here: a series on request

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
        import pandas as pd  # here: a frame on request

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
            "weights": {k: float(v) for k, v in self.weight_values.items()},
            "removed_units": [str(u) for u in self.removed_units],
            "treatment": self._treatment_records(),
            "treated_points": len(self.points),
            "years": sorted(self.years),
        }

    def _treatment_records(self) -> list[dict[str, Any]]:
        """The rows of :attr:`treatment` as JSON-ready mappings (NaN as None), as pandas' records."""
        records = []
        for at, detail in enumerate(self.details):
            row = {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in vars(detail).items()}
            if self.detail_times is not None:
                row["Time"] = self.detail_times[at]
            records.append(row)
        if self.detail_times is not None:  # year by year, as the frame concatenates them
            times = self.detail_times
            records = [records[i] for i in sorted(range(len(records)), key=lambda i: times[i])]
        return records
