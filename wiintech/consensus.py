r"""A group's ranking from several judges' rankings, how far the judges agree, and their factions.

Input: ``R``, one row per item (alternative) and one column per judge, the rank each judge gives each
item (1 = best; tied items carry equal ranks, "1, 1, 3" or "1, 1, 2" alike), and ``w``, one positive
weight per judge: a judge of weight 2 counts as two identical judges in every statistic (e.g. voter
counts). Ranks are first turned into average ranks per judge (:func:`average_ranks`), so every
convention for ties gives the same results.

* Borda count (Borda 1781): an item gets :math:`n - \bar r_{ij}` points from judge :math:`j`, with
  :math:`\bar r` the average rank (tied items share the points of the places they occupy);
  :math:`B_i = \sum_j w_j (n - \bar r_{ij})`.
* Copeland (1951): item :math:`i` beats :math:`k` when the (weighted) judges preferring :math:`i` to
  :math:`k` outnumber those preferring :math:`k` to :math:`i`; a win counts 1, a tie ½:
  :math:`C_i = \sum_{k \ne i} [P_{ik} > P_{ki}] + \tfrac12 [P_{ik} = P_{ki}]`.
* Mean rank: :math:`\sum_j w_j \bar r_{ij} / \sum_j w_j`, lower is better.
* Kendall's coefficient of concordance with the tie correction (Kendall & Babington Smith 1939;
  Siegel & Castellan 1988, §9.4): with :math:`m = \sum_j w_j` judges, :math:`R_i = \sum_j w_j \bar r_{ij}`
  and :math:`S = \sum_i (R_i - m(n+1)/2)^2`,
  :math:`W = 12 S / (m^2 (n^3 - n) - m \sum_j w_j T_j)`, :math:`T_j = \sum_g (t_g^3 - t_g)` over the
  groups of tied items of judge :math:`j`. :math:`W = 1` when every judge gives the same ranking and
  :math:`0` when the rank sums are all equal. The large-sample test: :math:`\chi^2 = m (n - 1) W` with
  :math:`n - 1` degrees of freedom.
* Kendall's tau-b between two judges (scipy.stats.kendalltau), and factions: average-linkage
  hierarchical clustering of the judges on :math:`1 - \tau` (scipy.cluster.hierarchy), cut into a
  given number of groups.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from scipy.cluster import hierarchy
from scipy.spatial.distance import squareform

from wiintech.errors import InputError
from wiintech.methods import competition_ranks

AGGREGATIONS = {
    "borda": "Borda count",
    "copeland": "Copeland (pairwise majorities)",
    "mean-rank": "Mean rank",
}


@dataclass(frozen=True, eq=False)
class Rankings:
    """Each judge's ranking of the same items. Build with ``Rankings.build`` to have it checked."""

    items: tuple[str, ...]
    judges: tuple[str, ...]
    ranks: np.ndarray  # items × judges, 1 = best
    weights: np.ndarray  # one per judge, > 0

    @classmethod
    def build(cls, items, judges, ranks, weights=None) -> "Rankings":
        items, judges = tuple(str(i) for i in items), tuple(str(j) for j in judges)
        if len(items) < 2:
            raise InputError("A consensus needs at least 2 items to rank.")
        if not judges:
            raise InputError("A consensus needs at least one judge.")
        for what, names in (("item", items), ("judge", judges)):
            seen = set()
            for n in names:
                if n in seen:
                    raise InputError(f"Each {what} must be named once; {n!r} is repeated.")
                seen.add(n)
        R = np.array(ranks, dtype=float).reshape(len(items), len(judges))
        bad = np.argwhere(~np.isfinite(R) | (R < 1))
        if len(bad):
            i, j = bad[0]
            raise InputError(f"{judges[j]} › {items[i]}: a rank must be a number of 1 or more.")
        w = np.ones(len(judges)) if weights is None else np.array(weights, dtype=float)
        if w.shape != (len(judges),) or not np.all(np.isfinite(w)) or np.any(w <= 0):
            raise InputError("Each judge's weight must be a number above 0.")
        R.setflags(write=False)
        w.setflags(write=False)
        return cls(items, judges, R, w)


@dataclass(frozen=True, eq=False)
class GroupRanking:
    aggregation: str  # key of AGGREGATIONS, or a weight aggregation of the workshop
    label: str
    items: tuple[str, ...]
    scores: np.ndarray
    ranks: np.ndarray
    order: np.ndarray
    higher_is_better: bool
    judges: float  # the number of judges counted (judge weights added up)

    def table(self) -> pd.DataFrame:
        """rank, name, score, aggregation, judges; best first (the consensus command's columns)."""
        o = self.order
        return pd.DataFrame({"rank": self.ranks[o], "name": [self.items[i] for i in o],
                             "score": self.scores[o], "aggregation": self.label, "judges": self.judges})


@dataclass(frozen=True)
class Agreement:
    judges: float
    items: int
    kendall_w: float  # NaN when undefined (every judge ties every item)
    chi2: float
    df: int
    p_value: float

    def table(self) -> pd.DataFrame:
        """One row: judges, items, kendall_w, chi2, df, p_value (empty cells when W is undefined)."""
        return pd.DataFrame([{"judges": self.judges, "items": self.items, "kendall_w": self.kendall_w,
                              "chi2": self.chi2, "df": self.df, "p_value": self.p_value}])

    def words(self) -> str:
        """The statistic in words a room understands (Schmidt 1997's reading of W)."""
        if math.isnan(self.kendall_w):
            return "Agreement cannot be measured: every ranking ties all the items."
        w = self.kendall_w
        level = ("almost no" if w < 0.1 else "weak" if w < 0.3 else "moderate" if w < 0.5
                 else "strong" if w < 0.7 else "very strong")
        chance = ("unlikely to be chance" if self.p_value < 0.05
                  else "could still be chance with this few judges")
        return f"The partners' rankings show {level} agreement (W = {w:.2f}, {_p(self.p_value)}): {chance}."


def _p(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def average_ranks(R: np.ndarray) -> np.ndarray:
    """Each judge's ranks as average ranks 1..n (ties share the mean of the places they take)."""
    return stats.rankdata(R, method="average", axis=0)


def borda(R: np.ndarray, w: np.ndarray) -> np.ndarray:
    n = R.shape[0]
    return (n - average_ranks(R)) @ w


def pairwise_preferences(R: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``P[i, k]``: the weighted number of judges who rank item i strictly above item k."""
    return (R[:, None, :] < R[None, :, :]).astype(float) @ w


def copeland(R: np.ndarray, w: np.ndarray) -> np.ndarray:
    P = pairwise_preferences(R, w)
    wins = (P > P.T).astype(float) + 0.5 * (P == P.T)
    np.fill_diagonal(wins, 0.0)
    return wins.sum(axis=1)


def mean_rank(R: np.ndarray, w: np.ndarray) -> np.ndarray:
    return average_ranks(R) @ w / w.sum()


def tie_term(R: np.ndarray) -> np.ndarray:
    """Per judge, the sum over groups of tied items of t³ − t."""
    out = np.zeros(R.shape[1])
    for j in range(R.shape[1]):
        _, counts = np.unique(R[:, j], return_counts=True)
        out[j] = float((counts**3 - counts).sum())
    return out


def kendall_w(R: np.ndarray, w: np.ndarray) -> tuple[float, float, int, float]:
    """(W, chi-square, degrees of freedom, p-value); W is NaN when undefined."""
    n = R.shape[0]
    m = float(w.sum())
    sums = average_ranks(R) @ w
    S = float(((sums - m * (n + 1) / 2) ** 2).sum())
    denom = m * m * (n**3 - n) - m * float(tie_term(R) @ w)
    df = n - 1
    if denom <= 0:
        return math.nan, math.nan, df, math.nan
    W = min(max(12.0 * S / denom, 0.0), 1.0)  # clip rounding noise only
    chi2 = m * df * W
    return W, chi2, df, float(stats.chi2.sf(chi2, df))


def kendall_tau(a: np.ndarray, b: np.ndarray) -> float:
    """Kendall's tau-b between two rankings of the same items (NaN where one ties every item)."""
    return float(stats.kendalltau(a, b).statistic)


def kendall_tau_matrix(R: np.ndarray) -> np.ndarray:
    """Kendall's tau-b between every pair of judges (1 on the diagonal; NaN where a judge ties all)."""
    m = R.shape[1]
    T = np.eye(m)
    for a in range(m):
        for b in range(a + 1, m):
            T[a, b] = T[b, a] = kendall_tau(R[:, a], R[:, b])
    return T


def factions(R: np.ndarray, groups: int, tau: np.ndarray | None = None) -> np.ndarray:
    """A group number (1, 2, …) per judge: average linkage on 1 − tau, cut into ``groups`` groups
    (fewer when the judges allow fewer). Groups are numbered in the order their first member appears.
    ``tau``: the judges' ``kendall_tau_matrix`` when it is already at hand."""
    m = R.shape[1]
    if m < 2 or groups < 2:
        return np.ones(m, dtype=int)
    T = np.nan_to_num(kendall_tau_matrix(R) if tau is None else tau, nan=0.0)
    D = np.clip(1.0 - T, 0.0, 2.0)
    np.fill_diagonal(D, 0.0)
    labels = hierarchy.fcluster(hierarchy.linkage(squareform(D, checks=False), method="average"),
                                t=min(groups, m), criterion="maxclust")
    renumber = {}
    for lab in labels:
        renumber.setdefault(lab, len(renumber) + 1)
    return np.array([renumber[lab] for lab in labels])


def aggregate(rankings: Rankings, how: str = "borda") -> GroupRanking:
    """The group's ranking of the items by Borda, Copeland or mean rank."""
    if how not in AGGREGATIONS:
        raise InputError(f"Unknown consensus method {how!r}; choose one of: {', '.join(AGGREGATIONS)}.")
    R, w = rankings.ranks, rankings.weights
    if how == "borda":
        scores, higher = borda(R, w), True
    elif how == "copeland":
        scores, higher = copeland(R, w), True
    else:
        scores, higher = mean_rank(R, w), False
    ranks, order = competition_ranks(scores if higher else -scores)
    return GroupRanking(how, AGGREGATIONS[how], rankings.items, scores, ranks, order, higher,
                        float(w.sum()))


def agreement(rankings: Rankings) -> Agreement:
    W, chi2, df, p = kendall_w(rankings.ranks, rankings.weights)
    return Agreement(float(rankings.weights.sum()), len(rankings.items), W, chi2, df, p)
