"""Where each unit of the data came from, so any step can name file, row and column in an error."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

from kotacerdas.errors import Location


@dataclass(frozen=True)
class DataSource:
    """Name of the data file and the 1-based file row of each unit (row 1 is the header)."""

    file: str = "data"
    rows: Mapping[Hashable, int] = field(default_factory=dict)

    def at(self, unit: Hashable | None = None, column: str | None = None) -> Location:
        """Location of a unit's cell (or a whole column when ``unit`` is None)."""
        return Location(file=self.file, row=None if unit is None else self.rows.get(unit), column=column)
