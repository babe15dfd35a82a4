r"""How robust is a ranking? Stability intervals, one-weight curves, SMAA-2 rank acceptability and a
tornado of the leader's margin, for any decision matrix ranked by a method whose ranking key is
linear in the weights: the additive methods (the report's index, the weighted sum), PROMETHEE II and
the weighted product (on its logarithm). Each method object says so and gives the matrix.

With the weights normalised to sum to 1, :math:`S_i(w) = \sum_j w_j r_{ij}`, where :math:`r_{ij}` is
the normalised value (weighted sum; a cost criterion enters negated unless min-max already turned it
round), :math:`\log x_{ij}` (weighted product, which ranks like its logarithm) or the unicriterion net
flow :math:`\phi_j(i)` (PROMETHEE II, whose net flow is :math:`\sum_j w_j \phi_j(i)`). Moving one
weight :math:`w_j` to :math:`t` while the others keep their proportions gives a straight line per
alternative,

.. math:: S_i(t) = t\,a_i + (1 - t)\,b_i,\quad a_i = r_{ij},\quad b_i = \sum_{k \ne j} w_k r_{ik} / (1 - w_j),

so the ranking can only change where two lines cross, at
:math:`t^* = (b_q - b_p) / ((a_p - b_p) - (a_q - b_q))` (Mareschal 1988; Triantaphyllou & Sánchez
1997). On the slider's own scale, moving one raw weight with the others fixed is exactly this move.

SMAA-2 (Lahdelma & Salminen 2001) samples weight vectors uniformly on the simplex, optionally within
bounds, and counts how often each alternative takes each rank (rank acceptability), the mean weights
that make it first (central weight vector) and, since the criteria values here are exact, whether it
is first at its own central weights (the confidence factor is 1 or 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wiintech import limits
from wiintech import methods as k
from wiintech.errors import InputError
from wiintech.ranking import METHODS, Method, Ranking

EPS = 1e-12


@dataclass(frozen=True)
class Linear:
    """The ranking's scores as a linear function of normalised weights: S = R @ w."""

    names: tuple[str, ...]
    criteria: tuple[str, ...]  # criterion names
    keys: tuple[str, ...]
    R: np.ndarray  # alternatives × criteria; rows with non-finite values can never rise (log 0)
    w: np.ndarray  # normalised weights, summing to 1


def covers(method: Method) -> bool:
    """Whether the analysis applies: the method's ranking key is linear in the weights (the additive
    methods and PROMETHEE II's net flow; the weighted product on its logarithm); not TOPSIS."""
    return method.linear


def linear(ranking: Ranking) -> Linear:
    """The ranking's key as ``R @ w``, with ``R`` from its method object (``Method.linear_terms``)."""
    m, spec = ranking.matrix, ranking.method
    if not covers(spec):
        covered = ", ".join(x.name for x in METHODS.values() if covers(x))
        raise InputError(f"Sensitivity analysis covers the methods linear in the weights ({covered}), "
                         f"not {spec.name}.")
    raw = np.array([ranking.weights[key] for key in m.keys], dtype=float)
    R = spec.linear_terms(m, ranking.normalisation)
    return Linear(m.names, tuple(c.name for c in m.criteria), m.keys, R, raw / raw.sum())


def _scores(L: Linear, W: np.ndarray) -> np.ndarray:
    """Scores for one (criteria,) or many (draws × criteria) weight vectors; -inf stays at the bottom."""
    R = np.where(np.isfinite(L.R), L.R, 0.0)
    S = W @ R.T
    dead = ~np.isfinite(L.R)  # log 0 under a positive weight: the product is 0 whatever the rest
    if dead.any():
        hit = (W > 0).astype(float) @ dead.T.astype(float) > 0
        S = np.where(hit, -np.inf, S)
    return S


def _moved(w: np.ndarray, j: int, t: float) -> np.ndarray:
    rest = 1.0 - w[j]
    v = w * ((1.0 - t) / rest) if rest > EPS else np.full_like(w, (1.0 - t) / max(len(w) - 1, 1))
    v[j] = t
    return v


def _topk(S: np.ndarray, top: int) -> frozenset:
    ranks = k.competition_ranks(S)[0]
    return frozenset(np.flatnonzero(ranks <= top))


def intervals(L: Linear, top: int = 3) -> pd.DataFrame:
    """For each weight: the range of its normalised value (others rescaled proportionally) over which
    the top-``top`` set, and the full ranking, stay as they are now.

    Between two crossings of score lines nothing can change. The full ranking changes at every
    crossing, so its bounds are the nearest crossings (none at all if two alternatives are tied now
    and part when the weight moves). For the top-k set, the crossings that involve a member of the
    set are walked outwards from the current weight until the set differs (this also catches a tie
    across the cut that any move breaks)."""
    n = len(L.names)
    rows = []
    for j in range(len(L.w)):
        t0 = float(L.w[j])
        rest = 1.0 - t0
        a = L.R[:, j]
        b = (L.R @ L.w - t0 * a) / rest if rest > EPS else np.zeros(n)
        live = np.isfinite(a) & np.isfinite(b)

        def state(t):
            S = np.where(live, t * a + (1 - t) * b, -np.inf)
            return _topk(S, top)

        inside = state(t0)
        all_cross, top_cross = [], []
        for p in range(n):
            for q in range(p + 1, n):
                if not (live[p] and live[q]):
                    continue
                slope = (a[p] - b[p]) - (a[q] - b[q])
                if abs(slope) < EPS:
                    continue
                t = (b[q] - b[p]) / slope
                if 0.0 <= t <= 1.0:
                    all_cross.append(t)
                    if p in inside or q in inside:
                        top_cross.append(t)
        low, high = _walk(state, inside, t0, top_cross)
        rows.append({"criterion": L.criteria[j], "key": L.keys[j], "weight": t0,
                     "topk_low": low, "topk_high": high, **_nearest(all_cross, t0)})
    return pd.DataFrame(rows)


def _nearest(crossings, t0: float) -> dict:
    tol = 1e-9
    if any(abs(t - t0) <= tol for t in crossings):  # tied now: any move changes the order
        return {"full_low": t0, "full_high": t0}
    return {"full_low": max((t for t in crossings if t < t0), default=0.0),
            "full_high": min((t for t in crossings if t > t0), default=1.0)}


def _walk(state, start, t0: float, crossings) -> tuple[float, float]:
    """The widest closed interval around t0 whose open segments between crossings keep ``start``."""
    tol = 1e-9
    ups = sorted({t for t in crossings if t > t0 + tol} | {1.0})
    downs = sorted({t for t in crossings if t < t0 - tol} | {0.0}, reverse=True)
    bounds = []
    for points in (ups, downs):
        edge = t0
        for p in points:
            if state((edge + p) / 2) != start:
                break
            edge = p
            if state(p) != start and p not in (0.0, 1.0):
                break
        bounds.append(edge)
    return bounds[1], bounds[0]


def to_raw(t: float, raw: dict, key: str) -> float:
    """A normalised weight for ``key`` back on the slider's scale, the other raw weights fixed."""
    others = sum(v for kk, v in raw.items() if kk != key)
    if t >= 1.0 - EPS:
        return float("inf")
    return t * others / (1.0 - t)


def curves(L: Linear, j: int, steps: int = 101) -> pd.DataFrame:
    """Every alternative's score as weight ``j`` goes from 0 to 1, the others rescaled."""
    ts = np.linspace(0.0, 1.0, steps)
    W = np.array([_moved(L.w, j, t) for t in ts])
    S = _scores(L, W)
    return pd.DataFrame({"t": np.repeat(ts, len(L.names)), "name": np.tile(L.names, steps),
                         "score": S.ravel()})


def spread_bounds(w: np.ndarray, percent: float) -> np.ndarray | None:
    """SMAA-2's weight bounds when each weight may move ± ``percent`` % of its (normalised) value:
    criteria × 2, capped at 1; None for 0 (anywhere on the simplex). The app's range slider and the
    command line's ``--spread`` both use this, so they give the same draws."""
    if not percent:
        return None
    f = percent / 100
    return np.column_stack([w * (1 - f), np.minimum(1.0, w * (1 + f))])


def smaa(L: Linear, draws: int = 10_000, seed: int = 0, bounds: np.ndarray | None = None,
         max_batches: int = 200) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rank acceptability (alternatives × ranks, each row summing to 1), and each alternative's first-
    rank acceptability, central weight vector and confidence factor.

    ``bounds`` (criteria × 2, normalised scale) limits each weight; draws outside are rejected."""
    m, n = len(L.w), len(L.names)
    limits.check_smaa(draws, n, m)  # the app's inputs and the CLI's options alike
    limits.check_seed(seed, "SMAA-2 seed")
    rng = np.random.default_rng(seed)
    kept, got = [], 0
    for _ in range(max_batches):
        W = rng.exponential(size=(draws, m))
        W /= W.sum(axis=1, keepdims=True)  # uniform on the simplex (Dirichlet(1, ..., 1))
        if bounds is not None:
            W = W[np.all((W >= bounds[:, 0]) & (W <= bounds[:, 1]), axis=1)]
        kept.append(W)
        got += len(W)
        if got >= draws:
            break
    W = np.concatenate(kept)[:draws]
    if len(W) == 0:
        raise InputError("No weight vector satisfies the bounds; widen them.")
    S = _scores(L, W)
    order = np.argsort(-S, axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(n)[None, :].repeat(len(W), axis=0), axis=1)
    counts = np.zeros((n, n))
    np.add.at(counts, (np.tile(np.arange(n), len(W)), ranks.ravel()), 1.0)
    acc = counts / len(W)
    table = pd.DataFrame(acc, columns=[f"rank_{r + 1}" for r in range(n)])
    table.insert(0, "name", L.names)
    first = ranks == 0
    central, confidence = [], []
    for i in range(n):
        wins = W[first[:, i]]
        if len(wins):
            wc = wins.mean(axis=0)
            central.append(wc)
            confidence.append(float(np.argmax(_scores(L, wc)) == i))
        else:
            central.append(np.full(m, np.nan))
            confidence.append(0.0)
    extra = pd.DataFrame(np.array(central), columns=[f"central_{c}" for c in L.keys])
    extra.insert(0, "name", L.names)
    extra.insert(1, "acceptability_rank_1", acc[:, 0])
    extra.insert(2, "confidence_factor", confidence)
    return table, extra


def tornado(L: Linear, change: float = 0.25) -> pd.DataFrame:
    """The current leader's margin over the best other alternative when each weight moves by
    ±``change`` (relative; the others rescaled). A negative margin: the leader loses first place."""
    S0 = _scores(L, L.w)
    leader = int(np.argmax(S0))

    def margin(S):
        others = np.delete(S, leader)
        return float(S[leader] - others.max())

    rows = []
    for j in range(len(L.w)):
        lo = _scores(L, _moved(L.w, j, max(0.0, L.w[j] * (1 - change))))
        hi = _scores(L, _moved(L.w, j, min(1.0, L.w[j] * (1 + change))))
        rows.append({"criterion": L.criteria[j], "margin_low": margin(lo), "margin_high": margin(hi)})
    df = pd.DataFrame(rows)
    df.attrs["leader"], df.attrs["margin"] = L.names[leader], margin(S0)
    return df


def interval_table(df: pd.DataFrame) -> pd.DataFrame:
    """The CSV the command line and the app write: criterion, weight and bounds, normalised scale."""
    return df[["criterion", "weight", "topk_low", "topk_high", "full_low", "full_high"]]
