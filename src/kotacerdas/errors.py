"""One exception tree for all of Kota Cerdas.

Every error carries a stable ``code`` (for scripts and the API's JSON error shape) and a message a
person can act on: it names the culprit (file, row, column) and, where possible, the fix. Adapters
(CLI, web, API) render these in one place each; nothing else formats errors.

Languages (docs/developer/i18n.md): the Django apps raise messages already translated (gettext, with an
Indonesian msgid); the engine and ``io`` know no Django, so their errors carry a specific ``code`` and
the ``params`` of the message, and the web and API layers translate them by code
(:mod:`kotacerdas.accounts.error_text`). ``str(error)`` stays the message as raised.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Location:
    """Where in an input the problem is: any of file, row (1-based, as a spreadsheet shows it), column."""

    file: str | None = None
    row: int | None = None
    column: str | None = None

    def describe(self) -> str:
        """Render as ``file, row 4, column 'Pop'`` with the parts that are known."""
        parts = []
        if self.file:
            parts.append(str(self.file))
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)


@dataclass
class KotaCerdasError(Exception):
    """Base of every error Kota Cerdas raises on purpose."""

    message: str
    location: Location = field(default_factory=Location)
    hint: str | None = None
    code: str = "error"
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.location.describe()
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The one JSON error shape used by the CLI's --format json and the REST API."""
        return {
            "code": self.code,
            "message": self.message,
            "file": self.location.file,
            "row": self.location.row,
            "column": self.location.column,
            "hint": self.hint,
        }


@dataclass
class InputError(KotaCerdasError):
    """A data file or table is malformed: bad cell, unknown code, duplicate, missing column."""

    code: str = "input"


@dataclass
class ConfigError(KotaCerdasError):
    """A settings or configuration file (YAML) asks for something invalid or unknown."""

    code: str = "config"


@dataclass
class MethodError(KotaCerdasError):
    """A method cannot be applied to these data (e.g. log of a non-positive value, zero variance)."""

    code: str = "method"


@dataclass
class InfeasibleError(KotaCerdasError):
    """An optimisation problem has no solution; the message names the conflicting constraints."""

    code: str = "infeasible"
    conflicts: tuple[str, ...] = ()


@dataclass
class StateError(KotaCerdasError):
    """A business transition is not allowed from the current state (e.g. MoU before selection)."""

    code: str = "state"


@dataclass
class PermissionDeniedError(KotaCerdasError):
    """The acting user's role does not allow this action."""

    code: str = "permission"


@dataclass
class ServiceError(KotaCerdasError):
    """An external component (database, Dask scheduler, solver) is unreachable or failed."""

    code: str = "service"


@dataclass
class RateLimitedError(KotaCerdasError):
    """Too many requests of one kind from one address or for one account; ``retry_after`` in seconds."""

    code: str = "rate_limited"
    retry_after: int = 0


HTTP_STATUS: tuple[tuple[type[KotaCerdasError], int], ...] = (
    (PermissionDeniedError, 403),
    (StateError, 409),
    (RateLimitedError, 429),
    (ServiceError, 503),
    (InputError, 400),
)
"""The one status policy of a refusal, for the API and the web alike (first matching class wins)."""


def http_status(error: KotaCerdasError) -> int:
    """The HTTP status that answers ``error``: 403, 409, 429, 503, or 400 for any other refusal."""
    return next((status for cls, status in HTTP_STATUS if isinstance(error, cls)), 400)
