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
* TOPSIS (Hwang & Yoon 1981): normalised (vector or min-max), weighted :math:`v_{ij} = w_j r_{ij}`,
  then the relative closeness :math:`C_i = d_i^- / (d_i^+ + d_i^-)`, with :math:`d_i^\pm` the Euclidean
  distances to the ideal and anti-ideal points (best and worst :math:`v_{ij}` per criterion); 0.5 when
  both distances are 0 (every alternative identical).
* PROMETHEE II (Brans & Vincke 1985; Brans, Vincke & Mareschal 1986): for each criterion a preference
  function :math:`P_j(a, b) = F_j(d_j(a, b))` of the difference :math:`d_j(a, b) = x_{aj} - x_{bj}`
  (reversed for a cost criterion); the unicriterion net flow
  :math:`\phi_j(a) = \frac{1}{n-1} \sum_{b \ne a} (P_j(a, b) - P_j(b, a))`, and the net flow
  :math:`\phi(a) = \sum_j w_j \phi_j(a)` with the weights summing to 1. Every :math:`\phi_j` sums to 0
  over the alternatives, so :math:`\phi` does too. The GAIA plane (Mareschal & Brans 1988) is the
  principal-component plane of the :math:`\phi_j`.
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
    r"""Min-max (linear scale transformation, Hwang & Yoon 1981, ch. 3):
    :math:`r_{ij} = (x_{ij} - \min_i x_{ij}) / (\max_i x_{ij} - \min_i x_{ij})`, and :math:`1 - r_{ij}`
    for a cost criterion; a constant column gives 1. Computed on the column divided by
    ``column_scale`` (exact), so a span like 1e308 - (-1e308) cannot overflow to inf."""
    Xs = X / column_scale(X)
    lo, hi = Xs.min(axis=0), Xs.max(axis=0)
    span = hi - lo
    r = (Xs - lo) / np.where(span == 0, 1.0, span)
    r = np.where(cost, 1.0 - r, r)
    return np.where(span == 0, 1.0, r)


def vector(X: np.ndarray) -> np.ndarray:
    r"""Vector normalisation (Hwang & Yoon 1981, ch. 3): :math:`r_{ij} = x_{ij} / \sqrt{\sum_i x_{ij}^2}`;
    an all-zero column gives 0. A cost criterion is not turned round here (see ``signed_weights``).
    Computed on the column divided by ``column_scale`` (exact): squares of 1e200 cannot overflow."""
    Xs = X / column_scale(X)
    norm = np.sqrt((Xs**2).sum(axis=0))
    return Xs / np.where(norm == 0, 1.0, norm)


def normalise(X: np.ndarray, cost: np.ndarray, how: str) -> np.ndarray:
    """``how`` is ``"minmax"`` (``minmax``), ``"vector"`` (``vector``) or ``"none"`` (the raw values)."""
    if how == "minmax":
        return minmax(X, cost)
    if how == "vector":
        return vector(X)
    return np.asarray(X, dtype=float)


def signed_weights(w: np.ndarray, cost: np.ndarray, how: str) -> np.ndarray:
    r"""The weights a weighted sum applies to normalised values: :math:`w_j`, or :math:`-w_j` for a cost
    criterion, except after min-max, which already turned it round (Triantaphyllou 2000)."""
    return w if how == "minmax" else np.where(cost, -w, w)


def wsum_contributions(R: np.ndarray, w: np.ndarray) -> np.ndarray:
    r"""Each criterion's term of each alternative's weighted sum (Fishburn 1967),
    :math:`c_{ij} = w_j r_{ij}`, so that :math:`S_i = \sum_j c_{ij}` (``.sum(axis=1)``)."""
    return R * w


def wprod_log(X: np.ndarray, w: np.ndarray) -> np.ndarray:
    r"""The weighted product's logarithm (Bridgman 1922; Miller & Starr 1969),
    :math:`\log P_i = \sum_j w_j \log x_{ij}`: it ranks like :math:`P_i` without overflowing (a 0 value
    gives :math:`-\infty`; a zero weight ignores its column, 0 included)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(w == 0, 0.0, w * np.log(X))
    return terms.sum(axis=1)


def wprod(X: np.ndarray, w: np.ndarray) -> np.ndarray:
    r"""The weighted product :math:`P_i = \prod_j x_{ij}^{w_j}` (Bridgman 1922), for display; it can
    overflow to inf for huge exponents, so rankings use ``wprod_log``."""
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        return np.prod(np.power(X, w), axis=1)


def topsis(X: np.ndarray, w: np.ndarray, cost: np.ndarray, how: str = "vector") -> np.ndarray:
    r"""TOPSIS relative closeness (Hwang & Yoon 1981, ch. 3):

    .. math:: C_i = \frac{d_i^-}{d_i^+ + d_i^-},\quad d_i^\pm = \lVert v_i - v^\pm \rVert_2,
              \quad v_{ij} = w_j r_{ij},

    with :math:`v^+_j = \max_i v_{ij}` and :math:`v^-_j = \min_i v_{ij}` for a benefit criterion (the
    other way round for a cost criterion, unless min-max normalisation already turned it round).
    0.5 when both distances are 0. ``how``: ``"vector"`` or ``"minmax"`` (see ``normalise``)."""
    V = normalise(X, cost, how) * w
    flip = cost & (how != "minmax")
    ideal = np.where(flip, V.min(axis=0), V.max(axis=0))
    anti = np.where(flip, V.max(axis=0), V.min(axis=0))
    d_plus = np.sqrt(((V - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((V - anti) ** 2).sum(axis=1))
    total = d_plus + d_minus
    return np.where(total == 0, 0.5, d_minus / np.where(total == 0, 1.0, total))


def preference(d: np.ndarray, q: float, p: float) -> np.ndarray:
    r"""The PROMETHEE preference function :math:`F(d)` of a difference ``d`` (Brans & Vincke 1985,
    types I, III and V), as one formula:

    .. math:: F(d) = 0 \text{ if } d \le q,\quad 1 \text{ if } d \ge p,
              \quad (d - q) / (p - q) \text{ between},

    with :math:`0 \le q \le p`. ``q = p = 0`` is the usual function (any advantage is full
    preference), ``q = 0 < p`` the V-shape, ``0 < q < p`` the linear function with indifference
    threshold ``q`` and preference threshold ``p``."""
    if p <= q:  # usual (q = p = 0) or a step at q
        return (d > q).astype(float)
    return np.clip((d - q) / (p - q), 0.0, 1.0)


def unicriterion_flows(X: np.ndarray, cost: np.ndarray, q: np.ndarray, p: np.ndarray) -> np.ndarray:
    r"""The unicriterion net flows :math:`\phi_j(a)` of PROMETHEE (alternatives × criteria):

    .. math:: \phi_j(a) = \frac{1}{n-1} \sum_{b} \bigl(F_j(d_j(a, b)) - F_j(d_j(b, a))\bigr),
              \quad d_j(a, b) = \pm (x_{aj} - x_{bj})

    (minus for a cost criterion). Each column sums to 0; one alternative alone has 0. The sums over b
    are taken on the sorted column, never on the n × n differences: F is 0 up to q, 1 past p and
    linear between, so :math:`\sum_b F(x_a - x_b)` is the number of b below :math:`x_a - p` plus, over
    the b in :math:`[x_a - p, x_a - q)` (found by binary search), :math:`(k (x_a - q) - \sum x_b) / (p - q)`
    with the sum from prefix sums. O(m n log n) time and O(n m) memory."""
    n, m = X.shape
    out = np.empty((n, m))
    for j in range(m):
        col = -X[:, j] if cost[j] else X[:, j]
        s = np.sort(col)
        ahead = _preference_sums(col, s, float(q[j]), float(p[j]))  # Σ_b F(x_a - x_b)
        behind = _preference_sums(-col, -s[::-1], float(q[j]), float(p[j]))  # Σ_b F(x_b - x_a)
        out[:, j] = (ahead - behind) / max(n - 1, 1)
    return out


def _preference_sums(x: np.ndarray, s: np.ndarray, q: float, p: float) -> np.ndarray:
    r""":math:`\sum_b F(x_a - s_b)` for each a, with ``s`` sorted ascending (``preference``'s F)."""
    if p <= q:  # a step at q: the b with x_a - s_b > q
        return np.searchsorted(s, x - q, side="left").astype(float)
    full = np.searchsorted(s, x - p, side="left")  # x_a - s_b > p
    edge = np.searchsorted(s, x - q, side="left")  # x_a - s_b > q
    prefix = np.concatenate([[0.0], np.cumsum(s)])
    partial = ((edge - full) * (x - q) - (prefix[edge] - prefix[full])) / (p - q)
    return full + partial


def promethee_ii(X: np.ndarray, w: np.ndarray, cost: np.ndarray, q: np.ndarray, p: np.ndarray) -> np.ndarray:
    r"""PROMETHEE II net flows (Brans & Vincke 1985): :math:`\phi(a) = \sum_j w_j \phi_j(a)`, with
    ``w`` summing to 1, so :math:`\phi \in [-1, 1]`, and :math:`\sum_a \phi(a) = 0`. Higher is better."""
    return unicriterion_flows(X, cost, q, p) @ w


def gaia(Phi: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    r"""The GAIA plane (Mareschal & Brans 1988; Brans & Mareschal 2005): the principal-component
    plane of the unicriterion net flows ``Phi`` (alternatives × criteria).

    The columns of ``Phi`` already have mean 0, so with the singular value decomposition
    :math:`\Phi = U S V^T` the plane is spanned by the first two right singular vectors
    :math:`V_{:,1:2}`. Returns the alternatives' coordinates :math:`\Phi V_{:,1:2}`, the criteria's
    axes (the unit vectors :math:`e_j` projected: the rows of :math:`V_{:,1:2}`), the decision stick
    :math:`\pi = w^T V_{:,1:2}` and :math:`\delta`, the share of the variance the plane keeps
    (:math:`(s_1^2 + s_2^2) / \sum s_k^2`; 1 when every flow is 0). Each axis's sign is fixed so its
    largest loading is positive, so the picture does not flip between runs."""
    n, m = Phi.shape
    _, s, Vt = np.linalg.svd(Phi, full_matrices=False)
    V = np.zeros((m, 2))
    V[:, : min(2, Vt.shape[0])] = Vt[:2].T
    for c in range(2):
        if V[:, c].any() and V[np.argmax(np.abs(V[:, c])), c] < 0:
            V[:, c] = -V[:, c]
    total = float((s**2).sum())
    delta = float((s[:2] ** 2).sum() / total) if total > 0 else 1.0
    return Phi @ V, V, w @ V, delta


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
