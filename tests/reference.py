"""Slow, obviously correct versions of the fast paths, kept as oracles for the property tests: the
O(n²) implementations the library used before issue 16, and SMAA-2 ranked draw by draw."""

from __future__ import annotations

import csv
import io
import math
from numbers import Integral, Real

import numpy as np
import pandas as pd

from wiintech import methods as k
from wiintech import sensitivity


def competition_ranks(scores) -> np.ndarray:
    """The n × n comparison: 1 + how many score strictly more (at 12 significant digits)."""
    key = k.significant(scores)
    return 1 + (key[None, :] > key[:, None]).sum(axis=1)


def _topk(S, top):
    return frozenset(np.flatnonzero(competition_ranks(S) <= top))


def intervals(L, top: int = 3) -> pd.DataFrame:
    """Every pair of score lines, in a Python loop."""
    n = len(L.names)
    rows = []
    for j in range(len(L.w)):
        t0 = float(L.w[j])
        rest = 1.0 - t0
        a = L.R[:, j]
        with np.errstate(invalid="ignore"):
            b = (L.R @ L.w - t0 * a) / rest if rest > sensitivity.EPS else np.zeros(n)
        live = np.isfinite(a) & np.isfinite(b)

        def state(t):
            with np.errstate(invalid="ignore"):
                S = np.where(live, t * a + (1 - t) * b, -np.inf)
            return _topk(S, top)

        inside = state(t0)
        all_cross, top_cross = [], []
        for p in range(n):
            for q in range(p + 1, n):
                if not (live[p] and live[q]):
                    continue
                slope = (a[p] - b[p]) - (a[q] - b[q])
                if abs(slope) < sensitivity.EPS:
                    continue
                t = (b[q] - b[p]) / slope
                if 0.0 <= t <= 1.0:
                    all_cross.append(t)
                    if p in inside or q in inside:
                        top_cross.append(t)
        low, high = sensitivity._walk(state, inside, t0, top_cross)
        tol = 1e-9
        if any(abs(t - t0) <= tol for t in all_cross):
            full = {"full_low": t0, "full_high": t0}
        else:
            full = {"full_low": max((t for t in all_cross if t < t0), default=0.0),
                    "full_high": min((t for t in all_cross if t > t0), default=1.0)}
        rows.append({"criterion": L.criteria[j], "key": L.keys[j], "weight": t0,
                     "topk_low": low, "topk_high": high, **full})
    return pd.DataFrame(rows)


def smaa_acceptability(L, W: np.ndarray) -> np.ndarray:
    """Rank acceptability from these weight draws, one draw at a time: competition ranks of the draw's
    scores, and a tie group of g at ranks r … r + g - 1 gives each member 1/g on each of them."""
    n = len(L.names)
    acc = np.zeros((n, n))
    for S in sensitivity._scores(L, W):
        ranks = competition_ranks(S) - 1
        for r in np.unique(ranks):
            members = np.flatnonzero(ranks == r)
            acc[np.ix_(members, np.arange(r, r + len(members)))] += 1.0 / len(members)
    return acc / len(W)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Real):
        v = float(value)
        if math.isnan(v):
            return ""
        v = round(v, 9) + 0.0
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    text = str(value)
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def csv_bytes(df: pd.DataFrame) -> bytes:
    """Cell by cell, row by row."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([_cell(str(c)) for c in df.columns])
    for row in df.itertuples(index=False, name=None):
        writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
