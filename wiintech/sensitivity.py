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
    and part when the weight moves); the nearest crossing on either side is always between two
    alternatives that are neighbours in the order just beside the current weight, so only the n - 1
    neighbouring pairs of two sorts are examined. For the top-k set, the crossings that can change it
    are walked outwards from the current weight until the set differs (this also catches a tie across
    the cut that any move breaks): a member crossing a non-member, and only the pairs whose order is
    reversed at the end of the scale (found by sorting), plus crossings among the members when a tie at
    the cut makes the set larger than ``top``. O(n log n + pairs that cross the cut) per weight."""
    n = len(L.names)
    rows = []
    for j in range(len(L.w)):
        t0, a, b, live = lines(L, j)
        state = top_set(a, b, live, top)
        inside = state(t0)
        members = np.zeros(n, bool)
        members[list(inside)] = True
        cut = _cut_crossings(a, b, live, members, t0, extra_inside=len(inside) > top)
        low, high = _walk(state, inside, t0, cut)
        rows.append({"criterion": L.criteria[j], "key": L.keys[j], "weight": t0,
                     "topk_low": low, "topk_high": high, **_nearest(_neighbour_crossings(a, b, live, t0), t0)})
    return pd.DataFrame(rows)


def lines(L: Linear, j: int) -> tuple[float, np.ndarray, np.ndarray, np.ndarray]:
    """Weight j now (t0), and each alternative's score line t a_i + (1 - t) b_i as weight j moves to
    t with the others rescaled; ``live``: the lines that are finite (the others stay at the bottom)."""
    t0 = float(L.w[j])
    rest = 1.0 - t0
    a = L.R[:, j]
    with np.errstate(invalid="ignore"):
        b = (L.R @ L.w - t0 * a) / rest if rest > EPS else np.zeros(len(a))
    return t0, a, b, np.isfinite(a) & np.isfinite(b)


def top_set(a, b, live, top: int):
    """t -> the set of alternatives ranked in the first ``top`` at weight t."""
    def state(t):
        with np.errstate(invalid="ignore"):  # the dead rows' -inf × 0, masked out
            S = np.where(live, t * a + (1 - t) * b, -np.inf)
        return _topk(S, top)
    return state


_TOL = 1e-9
_PAIRS = 1_000_000  # pairs per chunk when many pairs can cross the cut


def _cross(a: np.ndarray, b: np.ndarray, p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Where the lines of alternatives p and q cross on [0, 1] (pairs that never cross there are dropped)."""
    slope = (a[p] - b[p]) - (a[q] - b[q])
    ok = np.abs(slope) >= EPS
    t = (b[q][ok] - b[p][ok]) / slope[ok]
    return t[(t >= 0.0) & (t <= 1.0)]


def _neighbour_crossings(a, b, live, t0: float) -> np.ndarray:
    """The crossings of neighbours in the order just above t0 (by score, then slope) and just below
    (by score, then reversed slope): they include the nearest crossing on each side and every tie now."""
    idx = np.flatnonzero(live)
    slope = a[idx] - b[idx]
    now = t0 * a[idx] + (1 - t0) * b[idx]
    out = []
    for sign in (1.0, -1.0):
        order = idx[np.lexsort((sign * slope, now))]
        out.append(_cross(a, b, order[:-1], order[1:]))
    return np.concatenate(out)


def _cut_crossings(a, b, live, members, t0: float, extra_inside: bool) -> np.ndarray:
    """The crossings that can change the top-k set, searched outwards from t0 (see ``intervals``).

    Every member scores above every non-member at t0, so a member p and a non-member q cross on
    (t0, 1] only if q ends at least as high (a_q ≥ a_p), and on [0, t0) only if q starts at least as
    high (b_q ≥ b_p): a sort of the non-members by a (and by b) and a binary search per member give
    exactly those pairs. The walk stops at the first of them, so only the nearest one on each side is
    kept. Crossings among the members matter only when a tie at the cut made the set larger than k."""
    inside, outside = np.flatnonzero(live & members), np.flatnonzero(live & ~members)
    found = []
    for end, above in ((a, True), (b, False)):
        nearest = None
        sorted_out = outside[np.argsort(end[outside], kind="stable")]
        ends = end[sorted_out]
        first = np.searchsorted(ends, end[inside], side="left")
        counts = len(sorted_out) - first
        for p, q in _pairs(inside, first, counts, sorted_out):
            t = _cross(a, b, p, q)
            t = t[t > t0 + _TOL] if above else t[t < t0 - _TOL]
            if len(t):
                best = t.min() if above else t.max()
                nearest = best if nearest is None else (min if above else max)(nearest, best)
        if nearest is not None:
            found.append(np.array([nearest]))
    if extra_inside and len(inside) > 1:
        rest = np.arange(len(inside))
        for p, q in _pairs(inside, rest + 1, len(inside) - rest - 1, inside):
            found.append(_cross(a, b, p, q))
    return np.concatenate(found) if found else np.zeros(0)


def _pairs(left: np.ndarray, first: np.ndarray, counts: np.ndarray, right: np.ndarray):
    """Pairs (left[i], right[first[i] + r]) for r < counts[i], in chunks of about ``_PAIRS``."""
    start = 0
    while start < len(left):
        stop, total = start, 0
        while stop < len(left) and (total == 0 or total + counts[stop] <= _PAIRS):
            total += counts[stop]
            stop += 1
        if total:
            c = counts[start:stop]
            p = np.repeat(left[start:stop], c)
            offsets = np.arange(total) - np.repeat(np.cumsum(c) - c, c)
            yield p, right[np.repeat(first[start:stop], c) + offsets]
        start = stop


def _nearest(crossings: np.ndarray, t0: float) -> dict:
    if np.any(np.abs(crossings - t0) <= _TOL):  # tied now: any move changes the order
        return {"full_low": t0, "full_high": t0}
    below, above = crossings[crossings < t0], crossings[crossings > t0]
    return {"full_low": float(below.max()) if len(below) else 0.0,
            "full_high": float(above.min()) if len(above) else 1.0}


def _walk(state, start, t0: float, crossings) -> tuple[float, float]:
    """The widest closed interval around t0 whose open segments between crossings keep ``start``."""
    tol = _TOL
    crossings = np.asarray(crossings, dtype=float)
    ups = sorted({float(t) for t in crossings[crossings > t0 + tol]} | {1.0})
    downs = sorted({float(t) for t in crossings[crossings < t0 - tol]} | {0.0}, reverse=True)
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


def curves(L: Linear, j: int, steps: int = 101, within_top: int | None = None, ts=None) -> pd.DataFrame:
    """Every alternative's score as weight ``j`` goes from 0 to 1, the others rescaled.

    ``within_top``: only the alternatives that take one of the first ``within_top`` places at some
    sampled weight (the lines that can make or break a top k; among tied alternatives the first in
    file order takes the place), so a chart of 20,000 alternatives draws a few dozen lines;
    ``attrs["shown"]`` and ``attrs["of"]`` say how many of how many."""
    ts = np.linspace(0.0, 1.0, steps) if ts is None else np.asarray(ts, dtype=float)
    steps = len(ts)
    W = np.array([_moved(L.w, j, t) for t in ts])
    S = _scores(L, W)
    keep = np.arange(len(L.names))
    if within_top is not None and within_top < len(keep):
        # The first ``within_top`` places at each sampled weight, ties in file order (tied rows are
        # the same line, drawn once): at most steps × within_top lines, however many tie.
        firsts = np.argsort(-np.where(np.isnan(S), -np.inf, S), axis=1, kind="stable")[:, :within_top]
        keep = np.unique(firsts)
    df = pd.DataFrame({"t": np.repeat(ts, len(keep)), "name": np.tile(np.asarray(L.names, dtype=object)[keep], steps),
                       "score": S[:, keep].ravel()})
    df.attrs["shown"], df.attrs["of"] = len(keep), len(L.names)
    return df


def spread_bounds(w: np.ndarray, percent: float) -> np.ndarray | None:
    """SMAA-2's weight bounds when each weight may move ± ``percent`` % of its (normalised) value:
    criteria × 2, capped at 1; None for 0 (anywhere on the simplex). The app's range slider and the
    command line's ``--spread`` both use this, so they give the same draws."""
    if not percent:
        return None
    f = percent / 100
    return np.column_stack([w * (1 - f), np.minimum(1.0, w * (1 + f))])


FULL_MAX = 500  # up to this many alternatives, SMAA-2 reports every rank (an n × n table)
DEFAULT_RANKS = 20  # past it, the first this many ranks (``ranks`` overrides)
_SCORES_PER_CHUNK = 1_000_000  # draws × alternatives scored at once: 8 MB of floats


def first_ranks(n: int, ranks: int | None = None) -> int:
    """How many ranks the rank-acceptability table has: every rank up to ``FULL_MAX`` alternatives,
    the first ``DEFAULT_RANKS`` past it, or ``ranks`` when given (at most n)."""
    if ranks is None:
        return n if n <= FULL_MAX else min(n, DEFAULT_RANKS)
    if int(ranks) < 1:
        raise InputError("The number of ranks to report must be 1 or more.")
    return min(int(ranks), n)


def _weight_draws(m: int, draws: int, seed: int, bounds, max_batches: int) -> np.ndarray:
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
    return W


def _count_spans(spans: np.ndarray, starts: list, ends: list) -> None:
    """Add the pending marks where spans start (+1) and end (-1) into ``spans``; empties both lists."""
    for marks, sign in ((starts, 1.0), (ends, -1.0)):
        if marks:
            spans += sign * np.bincount(np.concatenate(marks), minlength=len(spans))
            marks.clear()


def smaa(L: Linear, draws: int = 10_000, seed: int = 0, bounds: np.ndarray | None = None,
         max_batches: int = 200, ranks: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rank acceptability (alternatives × ranks: each row sums to 1 when every rank is reported), and
    each alternative's first-rank acceptability, central weight vector and confidence factor.

    ``bounds`` (criteria × 2, normalised scale) limits each weight; draws outside are rejected.
    ``ranks``: how many ranks to report (see ``first_ranks``); ``attrs["ranks"]`` says which.

    Tied alternatives share the tied ranks: a group of g alternatives tied at positions s … s + g - 1
    in a draw gives each of them 1/g of that draw on each of those ranks. Under weights drawn from a
    continuous distribution (every weight above 0), two alternatives tie in a draw only if their rows
    are equal (at 12 significant digits, as the ranking compares scores) or both score -inf (a 0 under
    the weighted product), so the ties are found once, by grouping equal rows, and each group is
    ranked as one. Draws are scored in chunks of about a million scores, and only the counts are
    kept (groups × reported ranks), never an n × n array per draw or per chunk; past the reported
    ranks a partial sort (``argpartition``) finds the groups that can reach them."""
    m, n = len(L.w), len(L.names)
    limits.check_smaa(draws, n, m)  # the app's inputs and the CLI's options alike
    limits.check_seed(seed, "SMAA-2 seed")
    W = _weight_draws(m, draws, seed, bounds, max_batches)
    D, K = len(W), first_ranks(n, ranks)
    live = np.all(np.isfinite(L.R), axis=1)
    live_idx = np.flatnonzero(live)
    _, first, group_of, sizes = np.unique(k.significant(L.R[live]) + 0.0, axis=0, return_index=True,
                                          return_inverse=True, return_counts=True)
    group_of = group_of.ravel()
    reps = L.R[live_idx[first]]  # one row per group of equal rows
    u = len(reps)
    spans = np.zeros(u * (K + 1))  # per group: +1 where its span starts, -1 past its end (then summed)
    starts: list[np.ndarray] = []  # span marks not yet counted: counted a million at a time
    ends: list[np.ndarray] = []
    winner = np.zeros(D, dtype=int)  # the group first in each draw
    shown = min(K, u)  # only the best ``shown`` groups of a draw can start within the first K ranks
    step = max(1, _SCORES_PER_CHUNK // max(u, 1))
    for lo in range(0, D if u else 0, step):
        S = W[lo:lo + step] @ reps.T
        if shown < u:
            best = np.argpartition(-S, shown - 1, axis=1)[:, :shown]
            best = np.take_along_axis(best, np.argsort(-np.take_along_axis(S, best, 1), axis=1, kind="stable"), 1)
        else:
            best = np.argsort(-S, axis=1, kind="stable")
        g = sizes[best]
        start = np.cumsum(g, axis=1) - g
        ok = start < K
        row = best[ok] * (K + 1)
        starts.append(row + start[ok])
        ends.append(row + np.minimum(start + g, K)[ok])
        winner[lo:lo + step] = best[:, 0]
        if sum(map(len, starts)) >= _SCORES_PER_CHUNK:
            _count_spans(spans, starts, ends)
    _count_spans(spans, starts, ends)
    wins = np.bincount(winner, minlength=u).astype(float) if u else np.zeros(0)
    win_sum = np.column_stack([np.bincount(winner, weights=W[:, c], minlength=u) for c in range(m)]) \
        if u else np.zeros((0, m))
    acc = np.zeros((n, K))
    acc[live_idx] = (np.cumsum(spans.reshape(u, K + 1), axis=1)[:, :K] / (sizes[:, None] * D))[group_of]
    dead = n - len(live_idx)
    if dead:  # every dead alternative scores -inf in every draw: tied on the last ``dead`` ranks
        acc[~live, max(0, n - dead):K] = 1.0 / dead
    with np.errstate(invalid="ignore", divide="ignore"):
        central = np.full((n, m), np.nan)
        central[live_idx] = (win_sum / wins[:, None])[group_of]
    if dead == n:
        central[:] = W.mean(axis=0)
    confidence = np.zeros(n)
    won = np.flatnonzero(wins > 0)
    for lo in range(0, len(won), step):
        g = won[lo:lo + step]
        Sc = k.significant((win_sum[g] / wins[g, None]) @ reps.T)
        first_at_own = Sc[np.arange(len(g)), g] >= Sc.max(axis=1)
        confidence[live_idx] = np.where(np.isin(group_of, g[first_at_own]), 1.0, confidence[live_idx])
    if dead == n:
        confidence[:] = 1.0
    table = pd.DataFrame(acc, columns=[f"rank_{r + 1}" for r in range(K)])
    table.insert(0, "name", L.names)
    table.attrs["ranks"], table.attrs["of"] = K, n
    extra = pd.DataFrame(central, columns=[f"central_{c}" for c in L.keys])
    extra.insert(0, "name", L.names)
    extra.insert(1, "acceptability_rank_1", acc[:, 0])
    extra.insert(2, "confidence_factor", confidence)
    return table, extra


def tornado(L: Linear, change: float = 0.25, raw: dict | None = None) -> pd.DataFrame:
    """The current leader's margin over the best other alternative when each weight moves by
    ±``change`` (relative; the others rescaled). A negative margin: the leader loses first place.
    ``raw`` (the sliders' weights): each slider moves by ±``change`` of its value, the others staying
    put, as the app's sliders do; without it, the normalised weight moves (the command line)."""
    S0 = _scores(L, L.w)
    leader = int(np.argmax(S0))

    def margin(S):
        others = np.delete(S, leader)
        return float(S[leader] - others.max())

    rw = None if raw is None else np.array([float(raw[key]) for key in L.keys])

    def moved(j, factor):
        if rw is None:
            return _moved(L.w, j, min(1.0, max(0.0, L.w[j] * factor)))
        v = rw.copy()
        v[j] *= factor
        return v / v.sum() if v.sum() > 0 else L.w

    rows = []
    for j in range(len(L.w)):
        lo = _scores(L, moved(j, 1 - change))
        hi = _scores(L, moved(j, 1 + change))
        rows.append({"criterion": L.criteria[j], "margin_low": margin(lo), "margin_high": margin(hi)})
    df = pd.DataFrame(rows)
    df.attrs["leader"], df.attrs["margin"] = L.names[leader], margin(S0)
    return df


def interval_table(df: pd.DataFrame) -> pd.DataFrame:
    """The CSV the command line and the app write: criterion, weight and bounds, normalised scale."""
    return df[["criterion", "weight", "topk_low", "topk_high", "full_low", "full_high"]]


@dataclass(frozen=True, eq=False)
class Protected:
    """The set of alternatives whose stability is measured, as the page chose it: the top ``top``
    of the ranking; the top ``top`` of each group (``groups``: one label per alternative, e.g. the
    cluster shortlist's top k per country); or every alternative whose value ``offset + terms @ raw``
    reaches ``level`` (``terms``: alternatives × criteria, on the sliders' raw weights; the cluster
    shortlist's threshold on the 0–1000 total, in logarithms). ``label`` names it in the page's words."""

    label: str
    top: int = 3
    groups: tuple | None = None
    level: float | None = None
    terms: np.ndarray | None = None
    offset: float = 0.0

    def members(self, L: Linear, raw: np.ndarray) -> frozenset:
        """The set at these raw weights (criteria order of ``L``)."""
        if self.level is not None:
            return frozenset(np.flatnonzero(self.offset + self.terms @ raw >= self.level - _TOL))
        S = _scores(L, raw / raw.sum()) if raw.sum() > 0 else np.zeros(len(L.names))
        if self.groups is None:
            return _topk(S, self.top)
        return _group_tops(S, self.groups, self.top)


def _group_tops(S: np.ndarray, groups, top: int) -> frozenset:
    out = set()
    groups = np.asarray(groups, dtype=object)
    for g in dict.fromkeys(groups):
        idx = np.flatnonzero(groups == g)
        out |= {int(idx[i]) for i in _topk(S[idx], top)}
    return frozenset(out)


def _group_walk(L: Linear, j: int, groups, top: int) -> tuple[float, float]:
    """The normalised interval of weight j over which every group's top ``top`` stays as it is."""
    t0, a, b, live = lines(L, j)
    groups = np.asarray(groups, dtype=object)
    parts = [np.flatnonzero(groups == g) for g in dict.fromkeys(groups)]

    def state(t):
        with np.errstate(invalid="ignore"):
            S = np.where(live, t * a + (1 - t) * b, -np.inf)
        return frozenset(int(idx[i]) for idx in parts for i in _topk(S[idx], top))

    start = state(t0)
    found = []
    for idx in parts:
        members = np.array([int(i) in start for i in idx])
        found.append(_cut_crossings(a[idx], b[idx], live[idx], members, t0, extra_inside=members.sum() > top))
    return _walk(state, start, t0, np.concatenate(found) if found else np.zeros(0))


def slider_intervals(L: Linear, raw: dict, protected: Protected) -> pd.DataFrame:
    """For each weight, on the sliders' own scale (moving that slider alone, the others staying
    put): its value now, the range over which ``protected``'s set stays the same (``set_low``,
    ``set_high``), and the range over which the whole ranking stays the same (``full_low``,
    ``full_high``). ``inf``: no upper bound, however far the slider goes. Moving one raw weight with
    the others fixed is the normalised move of ``intervals``, so those bounds are exact too; a
    threshold's bounds are where a value line crosses the threshold."""
    base = intervals(L, protected.top)
    rw = np.array([float(raw[k]) for k in L.keys])
    rows = []
    for j, row in enumerate(base.itertuples()):
        if protected.level is not None:
            low, high = _threshold_bounds(protected, rw, j)
        else:
            t_low, t_high = ((row.topk_low, row.topk_high) if protected.groups is None
                             else _group_walk(L, j, protected.groups, protected.top))
            low, high = to_raw(t_low, raw, row.key), to_raw(t_high, raw, row.key)
        rows.append({"criterion": row.criterion, "key": row.key, "weight": rw[j], "set_low": low, "set_high": high,
                     "full_low": to_raw(row.full_low, raw, row.key), "full_high": to_raw(row.full_high, raw, row.key)})
    return pd.DataFrame(rows)


def _threshold_bounds(p: Protected, rw: np.ndarray, j: int) -> tuple[float, float]:
    """How far raw weight j can move before an alternative's value crosses the threshold."""
    value = p.offset + p.terms @ rw
    A = p.terms[:, j]
    inside = value >= p.level - _TOL
    low, high = 0.0, float("inf")
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = rw[j] + (p.level - value) / A
    for i in np.flatnonzero(np.isfinite(cross) & (np.abs(A) > EPS)):
        r = float(cross[i])
        # a member leaves (or a non-member joins) on the side where its value falls (rises) past the level
        leaves_up = (inside[i] and A[i] < 0) or (not inside[i] and A[i] > 0)
        if leaves_up and r >= rw[j] - _TOL:
            high = min(high, max(r, rw[j]))
        elif not leaves_up and r <= rw[j] + _TOL:
            low = max(low, min(r, rw[j]))
    return low, high


def slider_curves(L: Linear, raw: dict, j: int, top_value: float, steps: int = 51,
                  within_top: int | None = None) -> pd.DataFrame:
    """``curves`` with the moved weight on the sliders' scale: raw weight ``r`` from 0 to
    ``top_value`` (the others fixed) in column ``weight``; scores with the weights normalised."""
    key = L.keys[j]
    others = sum(v for kk, v in raw.items() if kk != key)
    rs = np.linspace(0.0, float(top_value), steps)
    ts = rs / (rs + others) if others > 0 else np.where(rs > 0, 1.0, 0.0)
    df = curves(L, j, ts=ts, within_top=within_top)
    df.insert(0, "weight", np.repeat(rs, df.attrs["shown"]))
    return df
