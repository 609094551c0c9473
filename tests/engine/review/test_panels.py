"""Balanced panels: the worst (panel, dimension) coverage equals the brute-force optimum."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from kotacerdas.engine.review.panels import form_panels
from kotacerdas.errors import InfeasibleError


def _brute_worst(e, panels, size, blocked):
    best = -np.inf
    m = e.shape[0]
    for labels in itertools.product(range(panels + 1), repeat=m):  # panel index or "unused"
        counts = np.bincount(labels, minlength=panels + 1)
        if (counts[:panels] != size).any():
            continue
        if any(lab < panels and blocked[a, lab] for a, lab in enumerate(labels)):
            continue
        cov = np.array(
            [
                [e[[a for a in range(m) if labels[a] == p], d].sum() for d in range(e.shape[1])]
                for p in range(panels)
            ]
        )
        best = max(best, cov.min())
    return best


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_panels_match_brute_force(seed):
    rng = np.random.default_rng(seed)
    e = rng.integers(0, 6, (7, 3)).astype(float)
    blocked = rng.random((7, 2)) < 0.2
    result = form_panels(e, panels=2, size=3, blocked=blocked)
    assert result.worst_coverage == pytest.approx(_brute_worst(e, 2, 3, blocked), abs=1e-9)
    seated = [a for members in result.members for a in members]
    assert len(seated) == len(set(seated)) == 6
    assert all(not blocked[a, p] for p, members in enumerate(result.members) for a in members)


def test_too_few_assessors():
    with pytest.raises(InfeasibleError, match="need 6 seats"):
        form_panels(np.ones((5, 2)), panels=2, size=3)
