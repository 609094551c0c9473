"""The build's own containers: labelled numpy blocks, so an index is built without loading pandas.

A :class:`Block` is a ``(units, columns)`` float array with the unit keys and column codes beside it;
every step of the build works on blocks. An :class:`InputTable` is an iData/iMeta table as a reader
without pandas gives it (numbers as float arrays, text as str or None). The result turns blocks into
pandas objects only when someone asks for them (:meth:`Block.to_frame`), importing pandas then: a
command line that writes the result straight from the blocks starts without it (issue 9 §5).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:  # pandas only for the annotations: blocks build frames on request
    import pandas as pd

FloatArray = NDArray[np.float64]
Cells = FloatArray | Sequence[Any]


@dataclass(frozen=True, eq=False)
class InputTable:
    """A table read without pandas: column name → float array (numbers) or a sequence of str/None."""

    columns: Mapping[str, Cells]

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()), ()))

    def __contains__(self, name: object) -> bool:
        return name in self.columns

    def records(self) -> Iterator[dict[str, Any]]:
        """Rows as ``{column: value}``, missing numbers as NaN and missing text as None."""
        lists = {name: list(cells) for name, cells in self.columns.items()}
        for at in range(len(self)):
            yield {name: cells[at] for name, cells in lists.items()}

    def to_frame(self) -> pd.DataFrame:
        """The same table as a pandas frame (as the pandas reader builds it)."""
        import pandas as pd  # here: only callers that want a frame pay for pandas

        return pd.DataFrame(
            {name: pd.Series(cells, dtype=None if isinstance(cells, np.ndarray) else object)
             for name, cells in self.columns.items()},
            index=pd.RangeIndex(len(self)),
        )  # fmt: skip


@dataclass(frozen=True, eq=False)
class Units:
    """The unit keys of a block: codes, and each unit's year for panel data (``None`` otherwise)."""

    codes: tuple[str, ...]
    times: tuple[int, ...] | None = None

    def __len__(self) -> int:
        return len(self.codes)

    @cached_property
    def keys(self) -> tuple[Hashable, ...]:
        """One key per unit: its code, or ``(code, year)`` for panel data (as pandas' index keys)."""
        if self.times is None:
            return self.codes
        return tuple(zip(self.codes, self.times, strict=True))

    def take(self, rows: NDArray[np.intp]) -> Units:
        """The units at ``rows``, in that order."""
        picked = rows.tolist()
        times = None if self.times is None else tuple(self.times[i] for i in picked)
        return Units(tuple(self.codes[i] for i in picked), times)

    @staticmethod
    def concat(parts: Sequence[Units]) -> Units:
        """The units of ``parts`` one after the other."""
        codes = tuple(c for p in parts for c in p.codes)
        if parts and parts[0].times is not None:
            return Units(codes, tuple(t for p in parts for t in p.times or ()))
        return Units(codes)

    def to_index(self) -> pd.Index:
        """pandas' index of these units: ``uCode`` as text (and ``Time`` as integers for panel data)."""
        import pandas as pd  # here: only callers that want a frame pay for pandas

        codes = pd.array(list(self.codes), dtype="string")
        if self.times is None:
            return pd.Index(codes, name="uCode")
        return pd.MultiIndex.from_arrays(
            [codes, np.array(self.times, dtype=np.int64)], names=["uCode", "Time"]
        )


@dataclass(frozen=True, eq=False)
class Block:
    """A ``(units, columns)`` array of floats with its unit keys and column codes."""

    values: FloatArray
    codes: tuple[str, ...]
    units: Units
    _position: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_position", {code: at for at, code in enumerate(self.codes)})

    def __len__(self) -> int:
        return len(self.units)

    def column(self, code: str) -> FloatArray:
        """One column (a view)."""
        return self.values[:, self._position[code]]

    def columns(self, codes: Sequence[str]) -> FloatArray:
        """Several columns, as a new ``(units, len(codes))`` array."""
        return self.values[:, [self._position[c] for c in codes]]

    def replace(self, values: FloatArray) -> Block:
        """The same units and codes with other values."""
        return Block(values, self.codes, self.units)

    def take(self, rows: NDArray[np.intp]) -> Block:
        """The units at ``rows``, in that order."""
        return Block(self.values[rows], self.codes, self.units.take(rows))

    @staticmethod
    def concat(parts: Sequence[Block], codes: tuple[str, ...]) -> Block:
        """The units of ``parts`` one after the other (``codes`` names the columns of an empty list)."""
        if not parts:
            return Block(np.empty((0, len(codes))), codes, Units(()))
        values = np.concatenate([p.values for p in parts], axis=0)
        return Block(values, parts[0].codes, Units.concat([p.units for p in parts]))

    def to_frame(self) -> pd.DataFrame:
        """The block as a pandas frame indexed by ``uCode`` (and ``Time``), one column per code."""
        import pandas as pd  # here: only callers that want a frame pay for pandas

        return pd.DataFrame(
            {code: np.ascontiguousarray(self.values[:, at]) for at, code in enumerate(self.codes)},
            index=self.units.to_index(),
        )
