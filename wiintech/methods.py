r"""Ranking kernels: small pure NumPy functions over a decision matrix.

A decision matrix ``X`` has one row per alternative and one column per criterion; ``w`` holds one
non-negative weight per criterion, and ``cost`` is a boolean mask of the criteria where less is better.
The kernels do no validation; ``wiintech.ranking`` validates inputs and packages results.

Normalisations (Hwang & Yoon 1981, *Multiple Attribute Decision Making*, ch. 3):

* min-max: :math:`r_{ij} = (x_{ij} - \min_i x_{ij}) / (\max_i x_{ij} - \min_i x_{ij})` for a benefit
  criterion and :math:`1 - r_{ij}` for a cost criterion; a constant column gives 1 (it cannot tell the
  alternatives apart, so it shifts every score equally).
* vector: :math:`r_{ij} = x_{ij} / \sqrt{\sum_i x_{ij}^2}`; an all-zero column gives 0.

Both are computed on each column divided by a power of two (``column_scale``): exact, and immune to
overflow near the float limits.

Methods:

* weighted sum (WSM, Fishburn 1967): :math:`S_i = \sum_j w_j r_{ij}`, with the weight of a cost
  criterion taken negatively when the normalisation does not already invert it (vector, none).
* weighted product (WPM, Bridgman 1922; Miller & Starr 1969): :math:`P_i = \prod_j x_{ij}^{w_j}`,
  with :math:`-w_j` for a cost criterion. Scaling a column by a constant scales every :math:`P_i` by
  the same factor, so the ranking needs no normalisation; with all exponents 1 it is the report's
  cluster total (Tables 10–13).
* TOPSIS (Hwang & Yoon 1981): vector normalisation, weighted, then the relative closeness
  :math:`C_i = d_i^- / (d_i^+ + d_i^-)` to the ideal and anti-ideal points; 0.5 when both distances
  are 0 (every alternative identical).
* lexicographic: sort by the first criterion, ties broken by the next, and so on.
"""

from __future__ import annotations

import numpy as np

NORMALISATIONS = ("none", "minmax", "vector")


def column_scale(X: np.ndarray) -> np.ndarray:
    """Per column, the power of two at or below its largest magnitude (1 for an all-zero column).

    Dividing by a power of two is exact, so the normalisations below give bit for bit what they
    would give unscaled, while the scaled values lie in (-2, 2) and their intermediate results (a
    span, a sum of squares) cannot overflow, even for values near 1.8e308."""
    return power_of_two(np.abs(X).max(axis=0) if len(X) else np.zeros(X.shape[1]))


def power_of_two(x):
    """The power of two at or below each magnitude (1 for 0): 2 ** floor(log2 |x|), exactly."""
    x = np.abs(np.asarray(x, dtype=float))
    _, exponent = np.frexp(np.where(x == 0, 1.0, x))
    return np.ldexp(1.0, exponent - 1)


def minmax(X: np.ndarray, cost: np.ndarray) -> np.ndarray:
    Xs = X / column_scale(X)  # a span like 1e308 - (-1e308) would overflow to inf
    lo, hi = Xs.min(axis=0), Xs.max(axis=0)
    span = hi - lo
    r = (Xs - lo) / np.where(span == 0, 1.0, span)
    r = np.where(cost, 1.0 - r, r)
    return np.where(span == 0, 1.0, r)


def vector(X: np.ndarray) -> np.ndarray:
    Xs = X / column_scale(X)  # squares of values near 1e200 would overflow to inf
    norm = np.sqrt((Xs**2).sum(axis=0))
    return Xs / np.where(norm == 0, 1.0, norm)


def normalise(X: np.ndarray, cost: np.ndarray, how: str) -> np.ndarray:
    if how == "minmax":
        return minmax(X, cost)
    if how == "vector":
        return vector(X)
    return np.asarray(X, dtype=float)


def signed_weights(w: np.ndarray, cost: np.ndarray, how: str) -> np.ndarray:
    """Min-max already turns a cost criterion round; the other normalisations need a negative weight."""
    return w if how == "minmax" else np.where(cost, -w, w)


def wsum_contributions(R: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Each criterion's share of each alternative's weighted sum: the terms that add up to S_i
    (``.sum(axis=1)`` is the weighted sum itself)."""
    return R * w


def wprod_log(X: np.ndarray, w: np.ndarray) -> np.ndarray:
    """log P_i = sum_j w_j log x_ij: ranks like P without overflowing (a 0 value gives -inf)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(w == 0, 0.0, w * np.log(X))
    return terms.sum(axis=1)


def wprod(X: np.ndarray, w: np.ndarray) -> np.ndarray:
    """The product itself, for display; it can overflow to inf for huge exponents (ranks use logs)."""
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        return np.prod(np.power(X, w), axis=1)


def topsis(X: np.ndarray, w: np.ndarray, cost: np.ndarray) -> np.ndarray:
    V = vector(X) * w
    ideal = np.where(cost, V.min(axis=0), V.max(axis=0))
    anti = np.where(cost, V.max(axis=0), V.min(axis=0))
    d_plus = np.sqrt(((V - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((V - anti) ** 2).sum(axis=1))
    total = d_plus + d_minus
    return np.where(total == 0, 0.5, d_minus / np.where(total == 0, 1.0, total))


def significant(x: np.ndarray, digits: int = 12) -> np.ndarray:
    """Round to ``digits`` significant digits, so floating-point noise does not split a tie."""
    x = np.asarray(x, dtype=float)
    safe = np.where((x == 0) | ~np.isfinite(x), 1.0, np.abs(x))
    scale = 10.0 ** (digits - 1 - np.floor(np.log10(safe)))
    return np.where(np.isfinite(x), np.round(x * scale) / scale, x)


def competition_ranks(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rank by descending score: ties share the best rank ("1224"), and the display order keeps tied
    alternatives in their input order (the data file's order). Scores are compared at 12 significant
    digits, so 47.1 computed two ways is one tie, not two ranks.

    Returns (ranks in input order, display order as indices).
    """
    key = significant(scores)
    order = np.argsort(-key, kind="stable")
    ranks = 1 + (key[None, :] > key[:, None]).sum(axis=1)
    return ranks, order


def lexicographic_ranks(X: np.ndarray, cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rank by the first column, ties broken by the next ones; exact ties share a rank."""
    keys = np.where(cost, X, -X)  # ascending sort of keys = best first
    order = np.lexsort(keys.T[::-1])  # lexsort's last key is primary; stable for full ties
    ranks = np.empty(len(X), dtype=int)
    for pos, i in enumerate(order):
        if pos and np.array_equal(keys[i], keys[order[pos - 1]]):
            ranks[i] = ranks[order[pos - 1]]
        else:
            ranks[i] = pos + 1
    return ranks, order
