"""Weights: from metadata, equal, custom values, AHP pairwise comparisons, or PCA.

AHP follows Saaty (1980): weights are the principal eigenvector of the pairwise comparison matrix,
consistency index CI = (λmax − n)/(n − 1), consistency ratio CR = CI/RI(n) with Saaty's random
index; CR above 0.1 is warned about (OECD/JRC Handbook 2008, §6.1.4). PCA weights are the squared
loadings of the first principal component of the standardised children (they sum to one), after
Nicoletti et al. (2000) as summarised in the Handbook §6.1.1, without factor rotation.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from kotacerdas.errors import ConfigError

# Saaty's random consistency index for n = 1..10
RANDOM_INDEX = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)


@dataclass(frozen=True)
class AHPResult:
    """AHP weights (summing to 1), the principal eigenvalue and Saaty's consistency ratio."""

    weights: np.ndarray
    lambda_max: float
    consistency_ratio: float


def ahp(matrix: np.ndarray, parent: str = "") -> AHPResult:
    """Weights from a reciprocal pairwise comparison matrix (of ``parent``'s children); warns when CR > 0.1."""
    name = f"AHP matrix of {parent}" if parent else "AHP matrix"
    a = np.asarray(matrix, dtype=np.float64)
    n = a.shape[0]
    if a.shape != (n, n) or n == 0 or (a <= 0).any():
        raise ConfigError(
            f"{name}: needs a square matrix of positive judgements",
            code="ahp_not_positive" if parent else "ahp_matrix_not_positive",
            params={"parent": parent} if parent else {},
        )
    if not np.allclose(a * a.T, 1.0, rtol=1e-6) or not np.allclose(np.diag(a), 1.0):
        raise ConfigError(
            f"{name}: not reciprocal (a[j][i] must be 1/a[i][j], diagonal 1)",
            code="ahp_not_reciprocal" if parent else "ahp_matrix_not_reciprocal",
            params={"parent": parent} if parent else {},
        )
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    vec = np.abs(vectors[:, k].real)
    lam = float(values[k].real)
    ci = (lam - n) / (n - 1) if n > 2 else 0.0
    ri = RANDOM_INDEX[n - 1] if n <= len(RANDOM_INDEX) else RANDOM_INDEX[-1]
    cr = ci / ri if ri > 0 else 0.0
    if cr > 0.1:
        warnings.warn(f"{name}: consistency ratio {cr:.3f} exceeds Saaty's 0.1", stacklevel=2)
    return AHPResult(weights=vec / vec.sum(), lambda_max=lam, consistency_ratio=cr)


def pca_weights(values: np.ndarray) -> np.ndarray:
    """Squared first-component loadings of the standardised columns (complete rows only)."""
    x = np.asarray(values, dtype=np.float64)
    x = x[~np.isnan(x).any(axis=1)]
    k = x.shape[1]
    if k == 1:
        return np.ones(1)
    sd = x.std(axis=0, ddof=1)
    if x.shape[0] < 3 or (sd == 0).any():
        return np.full(k, 1.0 / k)
    corr = np.corrcoef(x, rowvar=False)
    _, vectors = np.linalg.eigh(corr)
    first = vectors[:, -1]
    return np.asarray(first**2 / np.sum(first**2), dtype=np.float64)


def pca_variance_explained(values: np.ndarray) -> float:
    """Share of the standardised columns' variance the first principal component explains."""
    x = np.asarray(values, dtype=np.float64)
    x = x[~np.isnan(x).any(axis=1)]
    if x.shape[1] < 2 or x.shape[0] < 3 or (x.std(axis=0) == 0).any():
        return float("nan")
    eig = np.linalg.eigvalsh(np.corrcoef(x, rowvar=False))
    return float(eig[-1] / eig.sum())
