r"""Ranking kernels: small pure NumPy functions over a decision matrix.

A decision matrix ``X`` has one row per alternative and one column per criterion; ``w`` holds one
non-negative weight per criterion, and ``cost`` is a boolean mask of the criteria where less is better.
The kernels do no validation; ``wiintech.ranking`` validates inputs and packages results.

Normalisations (Hwang & Yoon 1981, *Multiple Attribute Decision Making*, ch. 3):

* min-max: :math:`r_{ij} = (x_{ij} - \min_i x_{ij}) / (\max_i x_{ij} - \min_i x_{ij})` for a benefit
  criterion and :math:`1 - r_{ij}` for a cost criterion; a constant column gives 1 (it cannot tell the
  alternatives apart, so it shifts every score equally).
* vector: :math:`r_{ij} = x_{ij} / \sqrt{\sum_i x_{ij}^2}`; an all-zero column gives 0.

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


def minmax(X: np.ndarray, cost: np.ndarray) -> np.ndarray:
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = hi - lo
    r = (X - lo) / np.where(span == 0, 1.0, span)
    r = np.where(cost, 1.0 - r, r)
    return np.where(span == 0, 1.0, r)


def vector(X: np.ndarray) -> np.ndarray:
    norm = np.sqrt((X**2).sum(axis=0))
    return X / np.where(norm == 0, 1.0, norm)


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
    with np.errstate(over="ignore", invalid="ignore"):
        scale = 10.0 ** (digits - 1 - np.floor(np.log10(safe)))
        out = np.round(x * scale) / scale
    return np.where(np.isfinite(out), out, x)  # tiny (subnormal) values: the scale overflows; kept as they are


def competition_ranks(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rank by descending score: ties share the best rank ("1224"), and the display order keeps tied
    alternatives in their input order (the data file's order). Scores are compared at 12 significant
    digits, so 47.1 computed two ways is one tie, not two ranks.

    By one stable sort, O(n log n) time and O(n) memory: in the sorted order a tie group is a run of
    equal keys, and every member takes the position of the run's first element plus one.

    Returns (ranks in input order, display order as indices).
    """
    key = significant(scores)
    order = np.argsort(-key, kind="stable")
    ordered = key[order]
    return _ranks_of_runs(ordered[1:] != ordered[:-1], order), order


def _ranks_of_runs(starts_after_first: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Competition ranks from a sorted order and where each new run of equal keys begins
    (``starts_after_first[p]``: position p + 1 begins a run)."""
    n = len(order)
    new_run = np.concatenate(([True], starts_after_first)) if n else np.zeros(0, bool)
    first_of_run = np.maximum.accumulate(np.where(new_run, np.arange(n), 0))
    ranks = np.empty(n, dtype=int)
    ranks[order] = first_of_run + 1
    return ranks


def lexicographic_ranks(X: np.ndarray, cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rank by the first column, ties broken by the next ones; exact ties share a rank."""
    keys = np.where(cost, X, -X)  # ascending sort of keys = best first
    order = np.lexsort(keys.T[::-1])  # lexsort's last key is primary; stable for full ties
    ordered = keys[order]
    return _ranks_of_runs(np.any(ordered[1:] != ordered[:-1], axis=1), order), order
