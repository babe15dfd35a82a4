"""wiintech.consensus on hand-worked examples, and its properties."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wiintech import consensus
from wiintech.consensus import Rankings, aggregate, agreement
from wiintech.errors import InputError

ITEMS = ("a", "b", "c")


def rk(columns, weights=None, items=ITEMS):
    return Rankings.build(items, [f"j{i}" for i in range(len(columns))], np.array(columns).T, weights)


def test_borda_by_hand_with_a_tie():
    # j0: a > b > c; j1: b > a = c (average ranks 1, 2.5, 2.5 -> points 2, 0.5, 0.5 for b, a, c)
    g = aggregate(rk([[1, 2, 3], [2, 1, 2]]), "borda")
    assert g.scores.tolist() == [2 + 0.5, 1 + 2, 0 + 0.5]
    assert [g.items[i] for i in g.order] == ["b", "a", "c"]
    assert g.ranks.tolist() == [2, 1, 3]


def test_ties_written_1_1_3_or_1_1_2_give_the_same_result():
    a = aggregate(rk([[1, 1, 3], [3, 2, 1]]), "borda")
    b = aggregate(rk([[1, 1, 2], [3, 2, 1]]), "borda")
    assert a.scores.tolist() == b.scores.tolist()


def test_copeland_by_hand_with_a_pairwise_tie():
    # j0: a>b>c, j1: b>c>a. a vs b: 1-1 tie; a vs c: 1-1 tie; b vs c: 2-0 b wins.
    g = aggregate(rk([[1, 2, 3], [3, 1, 2]]), "copeland")
    assert g.scores.tolist() == [1.0, 1.5, 0.5]
    assert g.ranks.tolist() == [2, 1, 3]


def test_mean_rank_is_lower_is_better():
    g = aggregate(rk([[1, 2, 3], [1, 3, 2]]), "mean-rank")
    assert g.scores.tolist() == [1.0, 2.5, 2.5]
    assert g.ranks.tolist() == [1, 2, 2]
    assert g.higher_is_better is False


def test_kendall_w_by_hand():
    # Three judges, four items. Rank sums 4, 8, 9, 9 (mean 7.5): S = 12.25 + 0.25 + 2.25 + 2.25 = 17.
    R = [[1, 2, 3, 4], [1, 3, 2, 4], [2, 3, 4, 1]]
    a = agreement(rk(R, items=("a", "b", "c", "d")))
    assert a.kendall_w == pytest.approx(12 * 17 / (9 * (64 - 4)))
    assert a.chi2 == pytest.approx(3 * 3 * a.kendall_w)
    assert a.df == 3
    assert a.p_value == pytest.approx(0.33397, abs=1e-5)  # chi-square sf(3.4, 3), from tables: 0.334


def test_kendall_w_tie_correction():
    # One judge ties two items: T = 2^3 - 2 = 6 enters the denominator.
    R = [[1, 1, 3], [1, 2, 3]]
    a = agreement(rk(R))
    ranks = np.array([[1.5, 1.5, 3], [1, 2, 3]]).T
    sums = ranks.sum(axis=1)
    S = ((sums - 2 * 4 / 2) ** 2).sum()
    assert a.kendall_w == pytest.approx(12 * S / (4 * 24 - 2 * 6))


def test_kendall_w_undefined_when_every_judge_ties_everything():
    a = agreement(rk([[1, 1, 1], [2, 2, 2]]))
    assert math.isnan(a.kendall_w)
    assert "cannot be measured" in a.words()


def test_words_say_how_strong_and_whether_chance():
    assert "very strong agreement" in agreement(rk([[1, 2, 3]] * 8)).words()
    assert "unlikely to be chance" in agreement(rk([[1, 2, 3]] * 8)).words()
    assert "almost no agreement" in agreement(rk([[1, 2, 3], [3, 2, 1]])).words()


def test_factions_split_two_opposed_camps():
    R = [[1, 2, 3, 4], [1, 2, 4, 3], [4, 3, 2, 1], [4, 3, 1, 2]]
    labels = consensus.factions(np.array(R).T, 2)
    assert labels.tolist() == [1, 1, 2, 2]


def test_tau_matrix_is_symmetric_with_unit_diagonal():
    T = consensus.kendall_tau_matrix(np.array([[1, 2, 3, 4], [4, 3, 2, 1], [1, 3, 2, 4]]).T)
    assert np.allclose(T, T.T)
    assert np.allclose(np.diag(T), 1)
    assert T[0, 1] == pytest.approx(-1)


@pytest.mark.parametrize("bad, message", [
    (dict(items=["a"], judges=["j"], ranks=[[1]]), "at least 2 items"),
    (dict(items=["a", "a"], judges=["j"], ranks=[[1], [2]]), "'a' is repeated"),
    (dict(items=["a", "b"], judges=["j", "j"], ranks=[[1, 1], [2, 2]]), "'j' is repeated"),
    (dict(items=["a", "b"], judges=["j"], ranks=[[0], [1]]), "j › a: a rank must be"),
    (dict(items=["a", "b"], judges=["j"], ranks=[[1], [2]], weights=[0]), "above 0"),
])
def test_bad_rankings_are_refused_in_words(bad, message):
    with pytest.raises(InputError, match=message):
        Rankings.build(**bad)


def test_unknown_method_is_refused():
    with pytest.raises(InputError, match="borda, copeland, mean-rank"):
        aggregate(rk([[1, 2, 3]]), "plurality")


# -- properties -------------------------------------------------------------------------------------

def rankings_strategy(min_judges=1):
    return st.integers(2, 6).flatmap(lambda n: st.lists(
        st.lists(st.integers(1, n), min_size=n, max_size=n), min_size=min_judges, max_size=6))


@given(rankings_strategy(min_judges=2))
def test_w_is_between_0_and_1(columns):
    n = len(columns[0])
    a = agreement(rk(columns, items=tuple(f"i{k}" for k in range(n))))
    assert math.isnan(a.kendall_w) or 0 <= a.kendall_w <= 1


@given(st.integers(2, 7).flatmap(lambda n: st.permutations(range(1, n + 1))), st.integers(2, 6))
def test_w_is_1_when_every_judge_agrees(perm, judges):
    items = tuple(f"i{k}" for k in range(len(perm)))
    assert agreement(rk([list(perm)] * judges, items=items)).kendall_w == pytest.approx(1.0)


@given(rankings_strategy(), st.randoms(use_true_random=False))
def test_borda_and_copeland_do_not_depend_on_the_items_order(columns, rnd):
    n = len(columns[0])
    items = tuple(f"i{k}" for k in range(n))
    perm = list(range(n))
    rnd.shuffle(perm)
    shuffled = [[col[p] for p in perm] for col in columns]
    for how in ("borda", "copeland"):
        a = aggregate(rk(columns, items=items), how)
        b = aggregate(rk(shuffled, items=tuple(items[p] for p in perm)), how)
        assert dict(zip(a.items, a.ranks.tolist())) == dict(zip(b.items, b.ranks.tolist()))


@given(rankings_strategy(min_judges=2))
def test_a_judge_weight_of_2_equals_that_judge_twice(columns):
    n = len(columns[0])
    items = tuple(f"i{k}" for k in range(n))
    weighted = rk(columns, [2.0] + [1.0] * (len(columns) - 1), items=items)
    doubled = rk([columns[0], *columns], items=items)
    for how in ("borda", "copeland", "mean-rank"):
        assert np.allclose(aggregate(weighted, how).scores, aggregate(doubled, how).scores)
    a, b = agreement(weighted), agreement(doubled)
    assert (math.isnan(a.kendall_w) and math.isnan(b.kendall_w)) or a.kendall_w == pytest.approx(b.kendall_w)
    assert a.judges == b.judges
