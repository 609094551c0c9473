"""What :func:`select` returns: one :class:`Decision` per candidate and a :class:`SelectionResult`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["selected", "excluded", "ineligible", "crowded_out", "below_cutoff", "blocked"]


@dataclass(frozen=True)
class Reason:
    """A decision's reason as data: a stable ``code`` and its ``params`` (plain JSON values only).

    ``Decision.reason`` words it in English for the CLI; a platform words it in its reader's language
    from ``code`` and ``params`` alone. Codes: ``selected``, ``excluded``, ``ineligible``, ``blocked``,
    ``crowded_out_by_cap``, ``crowded_out_by_minimum``, ``below_cutoff``, ``below_cutoff_tie``.
    A quota is a mapping (``label``, and for a configured quota ``by``, ``value``, ``min``, ``max``,
    ``min_share``, ``max_share``, ``over``; ``floor`` for an equity floor); a quota's row adds where it
    counts and its use (``quota``, ``value``, ``phase``, ``count``, ``max`` or ``min``, ``every_phase``).
    ``blocked`` gives the conflict that keeps the region out both as English sentences (``why``) and as
    reasons ``{message, code, params}`` (``reasons``, as an infeasible selection's), which a platform words.
    """

    code: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Decision:
    """The decision on one region, with a reason a person can read.

    ``threshold`` is "what it would take": for a region left out, the objective weight (the score, for
    ``max_score``) above which it would enter, found from the best plan with the region forced in; for a
    selected region, the weight below which it would drop out is not computed (``None``).
    ``binding`` names the rule or quota that decided; ``shortfall`` how far the region is from it.
    """

    code: str
    selected: bool
    phase: str | None
    status: Status
    reason: str
    score: float
    threshold: float | None = None
    binding: str | None = None
    shortfall: float | None = None
    p_selected: float | None = None
    marginal: bool = False
    why: Reason | None = None


@dataclass(frozen=True)
class SelectionResult:
    """A solved selection: decisions in candidate order, the cut-off and how it was computed.

    ``cutoff`` is the entry weight most regions left out face (with thresholds), else the lowest weight
    among regions selected in open seats (not counted by a minimum quota at its bound).
    """

    decisions: tuple[Decision, ...]
    objective: str
    objective_value: float
    cutoff: float | None
    method: Literal["milp", "flow"]
    solver: str
    seconds: float
    binding_quotas: tuple[str, ...] = ()
    equity_floor: float | None = None
    parameters: Mapping[str, object] = field(default_factory=dict)
    version: str = ""

    def provenance(self) -> dict[str, object]:
        """Method, parameters, solver and version as plain JSON-ready data (for audit files)."""
        return {
            "objective": self.objective,
            "objective_value": self.objective_value,
            "cutoff": self.cutoff,
            "method": self.method,
            "solver": self.solver,
            "kotacerdas": self.version,
            "seconds": round(self.seconds, 4),
            "binding_quotas": list(self.binding_quotas),
            "equity_floor": self.equity_floor,
            "parameters": {k: list(v) if isinstance(v, tuple) else v for k, v in self.parameters.items()},
            "selected": self.selected,
        }

    @property
    def selected(self) -> dict[str, str]:
        """Selected code → phase name, in candidate order."""
        return {d.code: d.phase for d in self.decisions if d.selected and d.phase is not None}

    def decision(self, code: str) -> Decision:
        """The decision on ``code`` (``KeyError`` when it was not a candidate)."""
        for d in self.decisions:
            if d.code == code:
                return d
        raise KeyError(code)
