"""Rank the alternatives of a decision matrix: validate, call a kernel, package the result.

Every ``Ranking`` carries the method, the normalisation and the weights that produced it, so a view
or an export can always say how it was made.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from wiintech import methods as k
from wiintech.errors import InputError
from wiintech.models import COST, Criterion


@dataclass(frozen=True)
class Method:
    key: str
    name: str
    summary: str
    norms: tuple[str, ...]  # the first is the default
    additive: bool
    rescale_weights: bool  # weights divided by their sum before use


METHODS = {
    "seed": Method("seed", "Report's synthetic index",
                   "N + Na + N°1 + SMEs × accessibility / 100, each term multiplied by its weight; "
                   "raw values, no normalisation (all weights 1 is the report's printed index).",
                   ("none",), additive=True, rescale_weights=False),
    "wsum": Method("wsum", "Weighted sum",
                   "Sum over the criteria of weight × normalised value; weights rescaled to sum to 1.",
                   ("minmax", "vector", "none"), additive=True, rescale_weights=True),
    "wprod": Method("wprod", "Weighted product",
                    "Product over the criteria of value ^ weight; raw values, no normalisation "
                    "(the scale of a column does not change the ranking; a value of 0 makes the product 0).",
                    ("none",), additive=False, rescale_weights=False),
    "topsis": Method("topsis", "TOPSIS",
                     "Relative closeness to the ideal and away from the anti-ideal alternative; "
                     "vector normalisation, weights rescaled to sum to 1.",
                     ("vector",), additive=False, rescale_weights=True),
}
NORM_NAMES = {"none": "no normalisation", "minmax": "min-max normalisation",
              "vector": "vector normalisation"}


@dataclass(frozen=True, eq=False)
class DecisionMatrix:
    """Alternatives × criteria. Build with ``DecisionMatrix.build`` to have it checked."""

    names: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    values: np.ndarray
    extra: dict = field(default_factory=dict)  # name -> column of per-alternative values to carry along

    @classmethod
    def build(cls, names, criteria, values, extra=None) -> "DecisionMatrix":
        names = tuple(str(n) for n in names)
        X = np.array(values, dtype=float).reshape(len(names), len(criteria))
        if not names:
            raise InputError("There are no alternatives to rank.")
        if not criteria:
            raise InputError("There are no criteria to rank on.")
        blank = [i + 1 for i, n in enumerate(names) if not n.strip()]
        if blank:
            raise InputError(f"Alternative {blank[0]} has no name.")
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise InputError(f"Alternative names must be unique; repeated: {', '.join(dup)}.")
        bad = np.argwhere(~np.isfinite(X))
        if len(bad):
            i, j = bad[0]
            raise InputError(f"{names[i]} › {criteria[j].name}: not a finite number.")
        X.setflags(write=False)
        return cls(names, tuple(criteria), X, dict(extra or {}))

    @property
    def cost(self) -> np.ndarray:
        return np.array([c.direction == COST for c in self.criteria])

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.criteria)


@dataclass(frozen=True, eq=False)
class Ranking:
    method: Method
    normalisation: str
    weights: dict  # criterion key -> weight as given
    matrix: DecisionMatrix
    scores: np.ndarray
    ranks: np.ndarray
    order: np.ndarray
    contributions: np.ndarray | None  # additive methods: per criterion, summing to the score

    def weights_text(self) -> str:
        return ";".join(f"{key}={_num(v)}" for key, v in self.weights.items())

    def table(self) -> pd.DataFrame:
        """rank, name, score, then the criteria (by the names the source uses), best first."""
        m = self.matrix
        df = pd.DataFrame({"rank": self.ranks, "name": m.names, "score": self.scores})
        for j, c in enumerate(m.criteria):
            df[c.name] = m.values[:, j]
        for col, vals in m.extra.items():
            df[col] = list(vals)
        return df.iloc[self.order].reset_index(drop=True)


def _num(v: float) -> str:
    v = float(v)
    return str(int(v)) if v.is_integer() else repr(round(v, 9))


def check_weights(matrix: DecisionMatrix, weights: dict | None) -> dict:
    """Weights keyed by criterion key; missing ones default to 1. Negative, non-finite, unknown or
    all-zero weights are refused with a message a user understands."""
    weights = dict(weights or {})
    unknown = [key for key in weights if key not in matrix.keys]
    if unknown:
        raise InputError(f"Unknown criterion {unknown[0]!r}; the criteria are: {', '.join(matrix.keys)}.")
    out = {}
    for c in matrix.criteria:
        v = weights.get(c.key, 1.0)
        try:
            v = float(v)
        except (TypeError, ValueError):
            raise InputError(f"The weight of {c.name} must be a number, not {v!r}.") from None
        if not math.isfinite(v) or v < 0:
            raise InputError(f"The weight of {c.name} must be a number of 0 or more, not {v}.")
        out[c.key] = v
    if not any(out.values()):
        raise InputError("All weights are zero: give at least one criterion a weight above 0.")
    return out


def rank(matrix: DecisionMatrix, method: str = "wsum", weights: dict | None = None,
         norm: str | None = None) -> Ranking:
    """Rank ``matrix``; a score beyond the float range is refused with a message, not warned about."""
    with np.errstate(over="ignore", invalid="ignore"):
        return _rank(matrix, method, weights, norm)


def _rank(matrix: DecisionMatrix, method: str, weights: dict | None, norm: str | None) -> Ranking:
    if method not in METHODS:
        raise InputError(f"Unknown method {method!r}; choose one of: {', '.join(METHODS)}.")
    spec = METHODS[method]
    norm = norm or spec.norms[0]
    if norm not in spec.norms:
        raise InputError(f"{spec.name} uses {' or '.join(NORM_NAMES[n] for n in spec.norms)}, "
                         f"not {NORM_NAMES.get(norm, repr(norm))}.")
    weights = check_weights(matrix, weights)
    w = np.array([weights[key] for key in matrix.keys])
    if spec.rescale_weights:  # by a power of two first (exact), so weights of 1e308 cannot sum to inf
        w = w / k.power_of_two(w.max())
        w = w / w.sum()
    X, cost = matrix.values, matrix.cost
    contributions = None
    if spec.additive:
        R = k.normalise(X, cost, norm)
        contributions = k.wsum_contributions(R, k.signed_weights(w, cost, norm))
        scores = key = contributions.sum(axis=1)
    elif method == "wprod":
        _check_positive(matrix)
        signed = np.where(cost, -w, w)
        scores = k.wprod(X, signed)  # exact for the report's integers: 10 × 10 × 7 = 700
        key = k.wprod_log(X, signed)  # ranked on logarithms, which cannot overflow
    else:
        scores = key = k.topsis(X, w, cost)
    _check_finite(spec, norm, scores, key)
    ranks, order = k.competition_ranks(key)
    return Ranking(spec, norm, weights, matrix, scores, ranks, order, contributions)


def _check_finite(spec: Method, norm: str, scores: np.ndarray, key: np.ndarray) -> None:
    """A ranking is never shown or exported with a NaN or an infinity in it: refuse instead."""
    if np.isfinite(scores).all() and not np.isnan(key).any():
        return
    hint = ("use min-max or vector normalisation, or smaller values" if "minmax" in spec.norms and norm == "none"
            else "use smaller weights or values")
    raise InputError(f"The scores of {spec.name} ({NORM_NAMES[norm]}) overflow the largest number a "
                     f"computer can hold (about 1.8e308), so no ranking is given; {hint}.")


def _check_positive(matrix: DecisionMatrix) -> None:
    X, cost = matrix.values, matrix.cost
    for (i, j) in np.argwhere((X < 0) | ((X == 0) & cost[None, :])):
        raise InputError(f"The weighted product needs values above 0 (0 is allowed for a benefit "
                         f"criterion): {matrix.names[i]} › {matrix.criteria[j].name} is {_num(X[i, j])}.")


def lexicographic(matrix: DecisionMatrix, order_keys) -> tuple[np.ndarray, np.ndarray]:
    """The step-1 ranking: by the first key, ties broken by the next ones."""
    idx = [matrix.keys.index(key) for key in order_keys]
    return k.lexicographic_ranks(matrix.values[:, idx], matrix.cost[idx])


def rank_change(current: int, reference: int | None) -> str:
    """How far an alternative moved against a reference rank: ↑2, ↓1, = (or "new")."""
    if reference is None:
        return "new"
    d = int(reference) - int(current)
    return "=" if d == 0 else (f"↑{d}" if d > 0 else f"↓{-d}")


def reference_ranks(values: dict) -> dict:
    """Competition ranks of printed reference values (higher is better), keyed like ``values``."""
    names = list(values)
    ranks, _ = k.competition_ranks(np.array([values[n] for n in names], dtype=float))
    return dict(zip(names, (int(r) for r in ranks)))
