"""Rank the alternatives of a decision matrix: validate, call a kernel, package the result.

Every ``Ranking`` carries the method, the normalisation and the weights that produced it, so a view
or an export can always say how it was made.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from wiintech import methods as k
from wiintech.errors import InputError
from wiintech.models import COST, Criterion


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
        try:
            X = np.array(values, dtype=float).reshape(len(names), len(criteria))
        except (TypeError, ValueError):  # ragged rows, text cells, the wrong number of values
            raise InputError(f"The values must be a table of numbers, {len(names)} alternatives × "
                             f"{len(criteria)} criteria.") from None
        if not names:
            raise InputError("There are no alternatives to rank.")
        if not criteria:
            raise InputError("There are no criteria to rank on.")
        blank = [i + 1 for i, n in enumerate(names) if not n.strip()]
        if blank:
            raise InputError(f"Alternative {blank[0]} has no name.")
        dup = sorted(n for n, count in Counter(names).items() if count > 1)  # by hashing, not n²
        if dup:
            raise InputError(f"Alternative names must be unique; repeated: {', '.join(dup)}.")
        bad = np.argwhere(~np.isfinite(X))
        if len(bad):
            i, j = bad[0]
            raise InputError(f"{names[i]} › {criteria[j].name}: not a finite number.")
        X.setflags(write=False)
        return cls(names, tuple(criteria), X, dict(extra or {}))

    def with_preferences(self, preferences: dict) -> "DecisionMatrix":
        """The same matrix with these criteria's PROMETHEE preference functions (key -> Preference)."""
        criteria = tuple(replace(c, preference=preferences.get(c.key, c.preference)) for c in self.criteria)
        return DecisionMatrix(self.names, criteria, self.values, self.extra)

    @property
    def cost(self) -> np.ndarray:
        return np.array([c.direction == COST for c in self.criteria])

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.criteria)


@dataclass(frozen=True)
class Scored:
    """What a method's kernel gives: the scores shown, the key ranked on (the scores, or an order-
    preserving transform of them that cannot overflow) and, for a method whose score is a sum over the
    criteria, each criterion's term (alternatives × criteria, rows summing to the score)."""

    scores: np.ndarray
    key: np.ndarray
    contributions: np.ndarray | None = None


@dataclass(frozen=True)
class Method:
    """One ranking method: what it is called and does, which normalisations it takes (the first is the
    default), how a cost criterion enters, its kernel and, when its ranking key is linear in the
    weights (normalised to sum to 1), the matrix of that linear form. Nothing else branches on a
    method's name."""

    key: str
    name: str
    summary: str
    norms: tuple[str, ...]
    cost_rule: str
    kernel: Callable[[DecisionMatrix, np.ndarray, str], Scored]  # (matrix, weights, normalisation)
    # R with key = R @ (w / sum w): the sensitivity analysis needs it; None: not linear (TOPSIS).
    linear_terms: Callable[[DecisionMatrix, str], np.ndarray] | None = None
    transform: str = ""  # what is linear in the weights, in words
    rescale_weights: bool = True  # weights divided by their sum before the kernel
    ranks_index_terms: bool = False  # ranks the report's index terms instead of the criteria
    preferences: bool = False  # uses each criterion's preference function (Criterion.preference)
    digits: int | None = 3  # decimals to show a score with; None: as the report prints numbers

    @property
    def linear(self) -> bool:
        return self.linear_terms is not None


def _summed(terms: np.ndarray, w: np.ndarray) -> Scored:
    """A score that is a weighted sum of per-criterion terms: S_i = sum_j w_j t_ij."""
    contributions = k.wsum_contributions(terms, w)
    scores = contributions.sum(axis=1)
    return Scored(scores, scores, contributions)


def _signed_terms(matrix: DecisionMatrix, norm: str) -> np.ndarray:
    """r_ij normalised, negated for a cost criterion unless min-max already turned it round."""
    cost = matrix.cost
    return k.normalise(matrix.values, cost, norm) * k.signed_weights(np.ones(len(cost)), cost, norm)


def _additive(matrix: DecisionMatrix, w: np.ndarray, norm: str) -> Scored:
    return _summed(_signed_terms(matrix, norm), w)


def _log_terms(matrix: DecisionMatrix, norm: str) -> np.ndarray:
    """± log x_ij: the weighted product's logarithm is linear in the exponents (-inf for a 0)."""
    with np.errstate(divide="ignore"):
        return np.where(matrix.cost, -1.0, 1.0) * np.log(matrix.values)


def _wprod(matrix: DecisionMatrix, w: np.ndarray, norm: str) -> Scored:
    _check_positive(matrix)
    signed = np.where(matrix.cost, -w, w)
    # The product is exact for the report's integers (10 × 10 × 7 = 700); ranked on its logarithm,
    # which cannot overflow.
    return Scored(k.wprod(matrix.values, signed), k.wprod_log(matrix.values, signed))


def _topsis(matrix: DecisionMatrix, w: np.ndarray, norm: str) -> Scored:
    scores = k.topsis(matrix.values, w, matrix.cost, norm)
    return Scored(scores, scores)


def _thresholds(matrix: DecisionMatrix) -> tuple[np.ndarray, np.ndarray]:
    prefs = [c.preference for c in matrix.criteria]
    return np.array([p.q for p in prefs], dtype=float), np.array([p.p for p in prefs], dtype=float)


def _flows(matrix: DecisionMatrix, norm: str) -> np.ndarray:
    """The unicriterion net flows φ_j: PROMETHEE II's net flow is linear in the weights on them."""
    return k.unicriterion_flows(matrix.values, matrix.cost, *_thresholds(matrix))


def _promethee(matrix: DecisionMatrix, w: np.ndarray, norm: str) -> Scored:
    return _summed(_flows(matrix, norm), w)


METHODS = {m.key: m for m in (
    Method("seed", "Report's synthetic index",
           "N + Na + N°1 + SMEs × accessibility / 100, each term multiplied by its weight; "
           "raw values, no normalisation (all weights 1 is the report's printed index).",
           ("none",), "every index term is a benefit", _additive, _signed_terms, "the index",
           rescale_weights=False, ranks_index_terms=True, digits=2),
    Method("wsum", "Weighted sum",
           "Sum over the criteria of weight × normalised value; weights rescaled to sum to 1.",
           ("minmax", "vector", "none"),
           "min-max turns a cost criterion round; otherwise it enters with a negative weight",
           _additive, _signed_terms, "the weighted sum"),
    Method("wprod", "Weighted product",
           "Product over the criteria of value ^ weight; raw values, no normalisation "
           "(the scale of a column does not change the ranking; a value of 0 makes the product 0).",
           ("none",), "a cost criterion enters with a negative exponent", _wprod, _log_terms,
           "the logarithm of the product", rescale_weights=False, digits=None),
    Method("topsis", "TOPSIS",
           "Relative closeness to the ideal and away from the anti-ideal alternative; "
           "weights rescaled to sum to 1.",
           ("vector", "minmax"),
           "its ideal is the least value (min-max has already turned it round)", _topsis),
    Method("promethee", "PROMETHEE II",
           "Net outranking flow φ: for each pair, how much one is preferred to the other on each "
           "criterion (its preference function: usual, linear with thresholds q and p, or V-shape "
           "with p), weighted and averaged; raw values, weights rescaled to sum to 1; φ sums to 0.",
           ("none",), "differences are taken the other way round", _promethee, _flows,
           "the net flow φ = Σ w_j φ_j", preferences=True),
)}
NORM_NAMES = {"none": "no normalisation", "minmax": "min-max normalisation",
              "vector": "vector normalisation"}


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

    def preferences_text(self) -> str:
        """Each criterion's PROMETHEE preference function: ``N=linear q=1 p=3;Na=usual``."""
        return ";".join(f"{c.key}={c.preference}" for c in self.matrix.criteria)

    def columns(self) -> dict:
        """rank, name, score, then the criteria (by the names the source uses) and the extra columns,
        best first, as arrays: what ``table`` holds, without importing pandas (the command line's
        cold start)."""
        m, order = self.matrix, self.order
        cols = {"rank": self.ranks[order], "name": np.asarray(m.names, dtype=object)[order],
                "score": np.asarray(self.scores)[order]}
        for j, c in enumerate(m.criteria):
            cols[c.name] = m.values[order, j]
        for col, vals in m.extra.items():
            cols[col] = np.asarray(list(vals), dtype=object)[order]
        return cols

    def table(self):
        """``columns`` as a DataFrame."""
        import pandas as pd

        return pd.DataFrame(self.columns())


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


def method_and_norm(method: str, norm: str | None) -> tuple[Method, str]:
    """The method object for a key, and the normalisation (its default when None); an unknown method
    or a normalisation the method does not take is refused in words."""
    if method not in METHODS:
        raise InputError(f"Unknown method {method!r}; choose one of: {', '.join(METHODS)}.")
    spec = METHODS[method]
    norm = norm or spec.norms[0]
    if norm not in spec.norms:
        raise InputError(f"{spec.name} uses {' or '.join(NORM_NAMES[n] for n in spec.norms)}, "
                         f"not {NORM_NAMES.get(norm, repr(norm))}.")
    return spec, norm


def rank(matrix: DecisionMatrix, method: str = "wsum", weights: dict | None = None,
         norm: str | None = None) -> Ranking:
    """Rank ``matrix`` by ``method`` (a key of ``METHODS``) with ``weights`` (criterion key -> weight,
    missing ones 1) and ``norm`` (default: the method's first). Validates, calls the method's kernel,
    and ranks by descending key with competition ranks ("1, 1, 3"; see ``methods.competition_ranks``)."""
    spec, norm = method_and_norm(method, norm)
    weights = check_weights(matrix, weights)
    w = np.array([weights[key] for key in matrix.keys])
    if spec.rescale_weights:  # by a power of two first (exact), so weights of 1e308 cannot sum to inf
        w = w / k.power_of_two(w.max())
        w = w / w.sum()
    with np.errstate(over="ignore", invalid="ignore"):  # a score beyond the float range is refused below
        out = spec.kernel(matrix, w, norm)
    _check_finite(spec, norm, out.scores, out.key)
    ranks, order = k.competition_ranks(out.key)
    return Ranking(spec, norm, weights, matrix, out.scores, ranks, order, out.contributions)


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
