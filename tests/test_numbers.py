"""Numbers that never go silently wrong: each defect found near the float limits, and two properties.

* For any finite matrix and any weights, a ranking has no NaN and no infinity: it is computed (scaled
  where that is exact) or refused with a message.
* Scaling every value of one criterion by a positive constant leaves the rankings of the normalised
  methods (weighted sum with min-max or vector normalisation, TOPSIS) unchanged, near the float
  limits too.
"""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from wiintech import export, methods as k
from wiintech.errors import InputError
from wiintech.models import BENEFIT, COST, Criterion
from wiintech.ranking import DecisionMatrix, rank

NORMALISED = [("wsum", "minmax"), ("wsum", "vector"), ("topsis", "vector")]
ALL = [("seed", "none"), ("wsum", "none"), ("wprod", "none"), *NORMALISED]


def matrix(values, cost=()):
    values = np.asarray(values, dtype=float)
    crit = [Criterion(f"c{j}", f"C{j}", COST if j in cost else BENEFIT) for j in range(values.shape[1])]
    return DecisionMatrix.build([f"a{i}" for i in range(len(values))], crit, values)


def names(ranking):
    return [ranking.matrix.names[i] for i in ranking.order]


def test_a_min_max_span_that_overflows_is_computed_not_nan():
    """1e308 - (-1e308) is inf: the middle alternative used to score NaN and rank first."""
    r = rank(matrix([[-1e308, 1], [0, 1], [1e308, 1]]), "wsum", None, "minmax")
    assert np.isfinite(r.scores).all()
    assert names(r) == ["a2", "a1", "a0"]
    assert r.scores.tolist() == pytest.approx([0.5, 0.75, 1.0])


def test_vector_normalisation_near_1e200_keeps_the_ranking():
    """Squares of 1e200 overflow: every value normalised to 0 and the cost criterion reversed the order."""
    small = rank(matrix([[3, 1], [4, 2]], cost=(1,)), "wsum", None, "vector")
    huge = rank(matrix([[3e200, 1], [4e200, 2]], cost=(1,)), "wsum", None, "vector")
    assert names(huge) == names(small) and np.isfinite(huge.scores).all()
    assert huge.scores.tolist() == pytest.approx(small.scores.tolist())
    t = rank(matrix([[3e200, 1e200], [4e200, 2e200]]), "topsis")
    assert names(t) == ["a1", "a0"] and np.isfinite(t.scores).all()


def test_equal_weights_of_1e308_rank_like_equal_weights_of_1():
    """1e308 + 1e308 is inf, so every rescaled weight was 0 and everything tied at 0."""
    X = [[1, 9], [5, 5], [8, 1], [2, 2]]
    for method, norm in NORMALISED:
        ones = rank(matrix(X), method, None, norm)
        huge = rank(matrix(X), method, {"c0": 1e308, "c1": 1e308}, norm)
        assert huge.ranks.tolist() == ones.ranks.tolist()
        assert huge.scores.tolist() == pytest.approx(ones.scores.tolist())


def test_scores_beyond_the_float_range_are_refused_with_a_message():
    with pytest.raises(InputError, match="overflow the largest number"):
        rank(matrix([[1.7e308, 1.7e308], [1, 1]]), "seed")
    with pytest.raises(InputError, match="overflow the largest number"):
        rank(matrix([[1e300, 1e300], [2, 2]]), "wprod")


finite = st.floats(allow_nan=False, allow_infinity=False)
matrices = st.integers(2, 6).flatmap(lambda n: st.integers(1, 4).flatmap(
    lambda m: arrays(np.float64, (n, m), elements=finite)))
weights = st.floats(0, 1.7976931348623157e308, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(X=matrices, data=st.data(), which=st.sampled_from(ALL))
def test_any_finite_input_gives_a_finite_ranking_or_a_message(X, data, which):
    method, norm = which
    m = X.shape[1]
    cost = tuple(j for j in range(m) if data.draw(st.booleans()))
    w = {f"c{j}": data.draw(weights) for j in range(m)}
    assume(any(w.values()))
    try:
        r = rank(matrix(X, cost), method, w, norm)
    except InputError as exc:  # a message a user can act on, never a silent NaN
        assert "overflow" in str(exc) or "needs values above 0" in str(exc)
        return
    assert np.isfinite(r.scores).all()
    assert r.contributions is None or np.isfinite(r.contributions).all()
    assert sorted(r.ranks.tolist())[0] == 1
    assert b"nan" not in export.ranking_csv(r).lower() and b"inf" not in export.ranking_csv(r).lower()


# Values across the whole float range, as mantissa × 2^exponent, and a power-of-two factor that keeps
# them finite and normal: the rankings must be identical, not just close.
mantissas = st.integers(-(2**20), 2**20)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), which=st.sampled_from(NORMALISED), n=st.integers(2, 6), m=st.integers(1, 4))
def test_scaling_a_criterion_leaves_normalised_rankings_unchanged_near_the_float_limits(data, which, n, m):
    method, norm = which
    exponent = data.draw(st.integers(-1000, 1000))
    X = np.array([[data.draw(mantissas) for _ in range(m)] for _ in range(n)], dtype=float)
    X = np.ldexp(X, exponent - 20)
    j = data.draw(st.integers(0, m - 1))
    top = np.frexp(np.abs(X[:, j]).max())[1] if np.abs(X[:, j]).max() else 0
    low = np.frexp(np.abs(X[:, j][X[:, j] != 0]).min())[1] if (X[:, j] != 0).any() else 0
    factor = data.draw(st.integers(-1021 - low + 1, 1023 - top))  # stays finite and normal
    cost = tuple(c for c in range(m) if data.draw(st.booleans()))
    w = {f"c{c}": data.draw(st.floats(0.1, 5)) for c in range(m)}
    Y = X.copy()
    Y[:, j] = np.ldexp(Y[:, j], factor)
    assume(np.isfinite(Y).all())
    a, b = rank(matrix(X, cost), method, w, norm), rank(matrix(Y, cost), method, w, norm)
    assert b.ranks.tolist() == a.ranks.tolist()
    assert np.isfinite(b.scores).all()


@settings(max_examples=200, deadline=None)
@given(data=st.data(), which=st.sampled_from(NORMALISED), c=st.floats(1e-300, 1e300))
def test_scaling_by_any_positive_constant_keeps_a_clear_ranking(data, which, c):
    """Any constant, not only powers of two: alternatives whose scores differ clearly (small integers)
    keep their order, with the column scaled anywhere from 1e-300 to 1e300."""
    method, norm = which
    n, m = data.draw(st.integers(2, 6)), data.draw(st.integers(1, 3))
    X = np.array([[data.draw(st.integers(0, 9)) for _ in range(m)] for _ in range(n)], dtype=float)
    assume(len({tuple(r) for r in X}) == n)  # no two alternatives alike
    j = data.draw(st.integers(0, m - 1))
    Y = X.copy()
    Y[:, j] *= c
    assume(np.isfinite(Y).all())
    a, b = rank(matrix(X), method, None, norm), rank(matrix(Y), method, None, norm)
    assert np.isfinite(b.scores).all()
    assert b.scores.tolist() == pytest.approx(a.scores.tolist(), rel=1e-9, abs=1e-12)


def test_column_scale_is_a_power_of_two():
    s = k.column_scale(np.array([[3.0, 0.0, -1e308], [-5.0, 0.0, 1.0]]))
    assert s.tolist() == [4.0, 1.0, 2.0**1023]
