"""Balanced presentation panels: assessors into panels (a room on a day) covering every dimension.

Each panel gets exactly ``size`` assessors, an assessor sits on at most ``max_panels`` panels, never
on a panel where a presenting region conflicts with them or where they are unavailable. The
objective is lexicographic: first maximise the weakest expertise coverage over every (panel,
dimension) pair — so no panel lacks, say, an environment expert — then the total expertise seated.
Both stages are small MILPs solved by HiGHS through :func:`scipy.optimize.milp`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from kotacerdas import __version__
from kotacerdas.errors import InfeasibleError, MethodError


@dataclass(frozen=True)
class PanelResult:
    """Panel membership, the coverage it reaches per panel and dimension, and the method used."""

    members: tuple[tuple[int, ...], ...]
    coverage: NDArray[np.float64]
    worst_coverage: float
    total_expertise: float
    method: str = "lexicographic max–min coverage then total expertise, MILP (HiGHS)"
    version: str = __version__


def form_panels(
    expertise: ArrayLike,
    *,
    panels: int,
    size: int,
    max_panels: int = 1,
    blocked: ArrayLike | None = None,
    time_limit: float = 60.0,
) -> PanelResult:
    """Seat assessors on presentation panels with balanced expertise.

    ``expertise`` is assessors × dimensions (e.g. 0–5 per smart-city dimension); ``blocked`` is an
    assessors × panels boolean matrix of conflicts or unavailability.
    """
    # Imported here: scipy.optimize is slow to import and engine.review's other users do not need it.
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix, csr_matrix, hstack

    e = np.asarray(expertise, dtype=np.float64)
    if e.ndim != 2 or panels < 1 or size < 1:
        raise MethodError(
            "expertise must be assessors × dimensions; panels and size must be positive", code="panel_shape"
        )
    m, d = e.shape
    block = np.zeros((m, panels), bool) if blocked is None else np.asarray(blocked, dtype=bool)
    if block.shape != (m, panels):
        raise MethodError(
            f"blocked must be {m} × {panels} (assessors × panels)",
            code="panel_blocked_shape",
            params={"assessors": m, "panels": panels},
        )
    if panels * size > m * max_panels:
        raise InfeasibleError(
            f"{panels} panels of {size} need {panels * size} seats but {m} assessors × {max_panels} give fewer",
            code="panel_seats",
            params={
                "panels": panels,
                "size": size,
                "seats": panels * size,
                "assessors": m,
                "max_panels": max_panels,
            },
        )
    nv = m * panels  # y[a, p] at index a * panels + p
    a_idx = np.repeat(np.arange(m), panels)
    p_idx = np.tile(np.arange(panels), m)
    seat = csr_matrix(coo_matrix((np.ones(nv), (p_idx, np.arange(nv))), shape=(panels, nv)))
    person = csr_matrix(coo_matrix((np.ones(nv), (a_idx, np.arange(nv))), shape=(m, nv)))
    cov_r = (p_idx[:, None] * d + np.arange(d)[None, :]).ravel()
    cov_c = np.repeat(np.arange(nv), d)
    cov_v = e[a_idx].ravel()
    cover = csr_matrix(coo_matrix((cov_v, (cov_r, cov_c)), shape=(panels * d, nv)))
    upper = (~block).ravel().astype(np.float64)
    # stage 1: variables y and z; maximise z with coverage(p, d) − z ≥ 0
    z_col = csr_matrix(np.full((panels * d, 1), -1.0))
    cons1 = [
        LinearConstraint(hstack([seat, csr_matrix((panels, 1))]), size, size),
        LinearConstraint(hstack([person, csr_matrix((m, 1))]), 0, max_panels),
        LinearConstraint(hstack([cover, z_col]), 0, np.inf),
    ]
    cost1 = np.zeros(nv + 1)
    cost1[-1] = -1.0
    integrality = np.r_[np.ones(nv), 0]
    bounds1 = Bounds(np.r_[np.zeros(nv), 0], np.r_[upper, np.inf])
    opts = {"time_limit": time_limit}
    r1 = milp(cost1, constraints=cons1, integrality=integrality, bounds=bounds1, options=opts)
    if r1.x is None:
        raise InfeasibleError(
            "no panel composition respects the sizes, conflicts and availability", code="panels_infeasible"
        )
    z = float(r1.x[-1])
    # stage 2: keep the worst coverage, maximise total expertise seated
    cons2 = [
        LinearConstraint(seat, size, size),
        LinearConstraint(person, 0, max_panels),
        LinearConstraint(cover, z - 1e-9 * max(1.0, abs(z)), np.inf),
    ]
    r2 = milp(
        -e.sum(axis=1)[a_idx],
        constraints=cons2,
        integrality=np.ones(nv),
        bounds=Bounds(0, upper),
        options=opts,
    )
    x = (r2.x if r2.x is not None else r1.x[:nv]) > 0.5
    chosen = x.reshape(m, panels)
    coverage = (e.T @ chosen).T  # panels × dimensions
    return PanelResult(
        members=tuple(tuple(int(a) for a in np.nonzero(chosen[:, p])[0]) for p in range(panels)),
        coverage=coverage,
        worst_coverage=float(coverage.min()),
        total_expertise=float((e.sum(axis=1)[:, None] * chosen).sum()),
    )
