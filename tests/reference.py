"""Slow, obviously correct versions of the fast paths, kept as oracles for the property tests: the
O(n²) implementations the library used before issue 16, SMAA-2 ranked draw by draw, and the CSV
written cell by cell with ``export.cell``."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from wiintech import export, sensitivity
from wiintech import methods as k


def competition_ranks(scores) -> np.ndarray:
    """The n × n comparison: 1 + how many score strictly more (at 12 significant digits)."""
    key = k.significant(scores)
    return 1 + (key[None, :] > key[:, None]).sum(axis=1)


def _topk(S, top):
    return frozenset(np.flatnonzero(competition_ranks(S) <= top))


def intervals(L, top: int = 3) -> pd.DataFrame:
    """Every pair of score lines, in a Python loop; the top-k sets by the n × n ranks above."""
    n = len(L.names)
    rows = []
    for j in range(len(L.w)):
        t0, a, b, live = sensitivity.lines(L, j)

        def state(t):
            with np.errstate(invalid="ignore"):
                return _topk(np.where(live, t * a + (1 - t) * b, -np.inf), top)

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


def csv_bytes(df: pd.DataFrame) -> bytes:
    """Cell by cell, row by row."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([export.cell(str(c)) for c in df.columns])
    for row in df.itertuples(index=False, name=None):
        writer.writerow([export.cell(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
