"""The fast paths of issue 16 against the slow, obviously correct versions in ``tests/reference.py``
(property tests), the SMAA-2 tie case, and the first-K-ranks option."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from tests import reference
from wiintech import export, loader, report, sensitivity
from wiintech import methods as k
from wiintech.errors import InputError
from wiintech.models import BENEFIT, Criterion
from wiintech.ranking import DecisionMatrix, rank

# Few distinct values, so that ties (within a column, between rows, at the cut) are common.
tied = st.sampled_from([1.0, 2.0, 3.0, 5.0, 7.0, 10.0])
matrices = st.integers(3, 9).flatmap(lambda n: st.integers(2, 4).flatmap(
    lambda m: arrays(np.float64, (n, m), elements=tied)))


def _linear(X, w, method):
    crit = [Criterion(f"c{j}", f"C{j}", BENEFIT) for j in range(X.shape[1])]
    m = DecisionMatrix.build([f"a{i}" for i in range(len(X))], crit, X)
    return sensitivity.linear(rank(m, method, {f"c{j}": w[j] for j in range(len(w))}))


@settings(max_examples=200, deadline=None)
@given(scores=arrays(np.float64, st.integers(0, 40), elements=st.one_of(
    st.sampled_from([0.0, 1.0, 47.1, -np.inf]), st.floats(-1e6, 1e6))))
def test_competition_ranks_by_sort_equal_the_comparison_matrix(scores):
    ranks, order = k.competition_ranks(scores)
    assert ranks.tolist() == reference.competition_ranks(scores).tolist()
    # best first, ties in input order
    assert sorted(range(len(scores)), key=lambda i: (ranks[i], i)) == order.tolist()


@settings(max_examples=150, deadline=None)
@given(X=arrays(np.float64, st.tuples(st.integers(1, 12), st.integers(1, 3)), elements=tied))
def test_lexicographic_ranks_share_rank_only_for_equal_rows(X):
    ranks, order = k.lexicographic_ranks(X, np.zeros(X.shape[1], bool))
    for p in range(1, len(order)):
        same = np.array_equal(X[order[p]], X[order[p - 1]])
        assert (ranks[order[p]] == ranks[order[p - 1]]) == same
        assert same or ranks[order[p]] == p + 1


@settings(max_examples=120, deadline=None)
@given(data=st.data(), X=matrices, method=st.sampled_from(["wsum", "wprod", "seed"]))
def test_vectorised_intervals_equal_the_pair_loop(data, X, method):
    m = X.shape[1]
    w = data.draw(arrays(np.float64, (m,), elements=st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0])))
    if not w.any():
        w[0] = 1.0
    if method == "wprod" and data.draw(st.booleans()):
        X[data.draw(st.integers(0, len(X) - 1)), 0] = 0.0  # a product of 0: a dead line
    top = data.draw(st.integers(1, len(X)))
    L = _linear(X, w, method)
    fast, slow = sensitivity.intervals(L, top), reference.intervals(L, top)
    cols = ["weight", "topk_low", "topk_high", "full_low", "full_high"]
    assert np.allclose(fast[cols].to_numpy(float), slow[cols].to_numpy(float), atol=1e-9)


def test_intervals_at_scale_finish_and_hold_inside():
    """2,000 alternatives: the pair loop would take tens of seconds; the fast path's intervals hold."""
    rng = np.random.default_rng(3)
    L = _linear(rng.random((2000, 6)) + 0.1, np.ones(6), "wsum")
    table = sensitivity.intervals(L, 3)
    top0 = sensitivity._topk(sensitivity._scores(L, L.w), 3)
    for j, row in table.iterrows():
        for t in np.linspace(row.topk_low, row.topk_high, 7)[1:-1]:
            assert sensitivity._topk(sensitivity._scores(L, sensitivity._moved(L.w, j, t)), 3) == top0
        if 1e-6 < row.topk_high < 1 - 1e-6:
            moved = sensitivity._topk(sensitivity._scores(L, sensitivity._moved(L.w, j, row.topk_high + 1e-6)), 3)
            assert moved != top0


@settings(max_examples=60, deadline=None)
@given(data=st.data(), X=matrices, method=st.sampled_from(["wsum", "wprod"]))
def test_chunked_smaa_equals_ranking_each_draw(data, X, method):
    """Draw by draw with competition ranks, a tie group splitting its ranks: the same table, with
    duplicated rows (and products of 0) to make ties."""
    if data.draw(st.booleans()):
        X = np.vstack([X, X[:2]])
    if method == "wprod" and data.draw(st.booleans()):
        X[0, 0] = X[-1, 1] = 0.0
    L = _linear(X, np.ones(X.shape[1]), method)
    seed = data.draw(st.integers(0, 100))
    acc, extra = sensitivity.smaa(L, draws=300, seed=seed)
    W = sensitivity._weight_draws(X.shape[1], 300, seed, None, 200)
    expected = reference.smaa_acceptability(L, W)
    assert np.allclose(acc.drop(columns="name").to_numpy(), expected, atol=1e-12)
    assert np.allclose(extra["acceptability_rank_1"], expected[:, 0])
    # first K ranks: the same first columns
    K = data.draw(st.integers(1, len(X)))
    part, _ = sensitivity.smaa(L, draws=300, seed=seed, ranks=K)
    assert part.attrs["ranks"] == K and np.allclose(part.drop(columns="name").to_numpy(), expected[:, :K])


def test_tied_alternatives_share_their_ranks_in_smaa():
    """Under the weighted product Mexico, China and Morocco tie at rank 7 (each has N°1 = 0, so a
    product of 0 under every weight draw): a third of each draw on ranks 7, 8 and 9 each, not
    7, 8, 9 by file order."""
    ranking = report.rank_countries(loader.load_countries(), "wprod")
    tied_now = [n for n, r in zip(ranking.matrix.names, ranking.ranks) if r == 7]
    assert tied_now == ["Mexico", "China", "Morocco"]
    acc, _ = sensitivity.smaa(sensitivity.linear(ranking), draws=2000, seed=0)
    rows = acc.set_index("name").loc[tied_now, ["rank_7", "rank_8", "rank_9"]].to_numpy()
    assert np.allclose(rows, 1 / 3)
    assert np.allclose(acc.drop(columns="name").sum(axis=1), 1.0)


def test_smaa_reports_the_first_ranks_past_the_size_limit():
    rng = np.random.default_rng(0)
    n = sensitivity.FULL_MAX + 1
    L = _linear(rng.random((n, 3)) + 0.1, np.ones(3), "wsum")
    acc, extra = sensitivity.smaa(L, draws=500, seed=1)
    assert acc.attrs == {"ranks": sensitivity.DEFAULT_RANKS, "of": n}
    assert list(acc.columns) == ["name", *(f"rank_{r}" for r in range(1, sensitivity.DEFAULT_RANKS + 1))]
    # each of the first K ranks is held by exactly one alternative in every draw
    assert np.allclose(acc.drop(columns="name").sum(axis=0), 1.0)
    assert np.isclose(extra["acceptability_rank_1"].sum(), 1.0)
    assert sensitivity.smaa(L, draws=500, seed=1, ranks=n)[0].shape == (n, n + 1)
    with pytest.raises(InputError, match="1 or more"):
        sensitivity.smaa(L, draws=10, ranks=0)


def test_curves_within_top_keep_the_lines_that_reach_it():
    rng = np.random.default_rng(2)
    L = _linear(rng.random((300, 4)) + 0.1, np.ones(4), "wsum")
    every = sensitivity.curves(L, 1, 21)
    some = sensitivity.curves(L, 1, 21, within_top=3)
    assert some.attrs["of"] == 300 and 3 <= some.attrs["shown"] < 300
    leaders = set(every.loc[every.groupby("t")["score"].idxmax(), "name"])
    assert leaders <= set(some["name"])
    # many exact ties (scores from five values): still at most steps × within_top lines
    tied = _linear(rng.choice([1.0, 3.0, 5.0, 7.0, 10.0], size=(2000, 3)), np.ones(3), "wprod")
    assert sensitivity.curves(tied, 0, 21, within_top=5).attrs["shown"] <= 21 * 5


cells = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.floats(-1e7, 1e7),
                  st.floats(-1e-3, 1e-3), st.integers(-10**12, 10**12), st.booleans(),
                  st.text(max_size=5), st.none())


@settings(max_examples=200, deadline=None)
@given(columns=st.lists(st.sampled_from(["float", "small", "whole", "int", "bool", "text", "mixed"]),
                       min_size=1, max_size=4),
       n=st.integers(0, 8), data=st.data())
def test_fast_csv_equals_the_cell_by_cell_writer(columns, n, data):
    draw = {"float": st.floats(allow_nan=True), "small": st.floats(-1e6, 1e6), "int": st.integers(-10**12, 10**12),
            "whole": st.one_of(st.integers(-10**15, 10**15).map(float), st.just(-0.0), st.just(1e15)),
            "bool": st.booleans(), "text": st.text(max_size=5), "mixed": cells}
    df = pd.DataFrame({f"{kind}{j}": data.draw(st.lists(draw[kind], min_size=n, max_size=n))
                       for j, kind in enumerate(columns)})
    assert export.csv_bytes(df) == reference.csv_bytes(df)


def test_ranking_csv_without_pandas_equals_the_table_path():
    for ranking in (report.rank_countries(loader.load_countries(), "seed"),
                    report.rank_clusters(loader.load_cluster_targets())):
        assert export.ranking_csv(ranking) == export.csv_bytes(export.with_method(ranking.table(), ranking))


def test_duplicate_names_are_found_by_set_at_scale():
    names = [f"a{i}" for i in range(50_000)] + ["a7"]
    crit = [Criterion("c", "C", BENEFIT)]
    with pytest.raises(InputError, match="repeated: a7"):
        DecisionMatrix.build(names, crit, np.ones((len(names), 1)))


def test_cli_smaa_past_the_size_limit_reports_the_first_ranks_and_says_so(tmp_path, capsys):
    from wiintech import synthetic
    from wiintech.cli import main

    path = tmp_path / "big.csv"
    path.write_text(synthetic.matrix_csv(sensitivity.FULL_MAX + 1, 3, seed=4), encoding="utf-8")
    assert main(["sensitivity", str(path), "--method", "wsum", "--smaa", "200"]) == 0
    out, err = capsys.readouterr()
    header = out.splitlines()[0].lstrip("\ufeff").split(",")
    assert header == ["name", *(f"rank_{r}" for r in range(1, sensitivity.DEFAULT_RANKS + 1))]
    assert f"first {sensitivity.DEFAULT_RANKS} of {sensitivity.FULL_MAX + 1} ranks" in err
    assert main(["sensitivity", str(path), "--method", "wsum", "--smaa", "200", "--ranks", "3"]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith("rank_3")
    assert main(["sensitivity", str(path), "--method", "wsum", "--smaa", "200", "--ranks", "0"]) == 2
    assert "--ranks needs a number of ranks of 1 or more" in capsys.readouterr().err


def test_cli_smaa_splits_the_tie_of_the_weighted_product(capsys):
    from wiintech.cli import main

    assert main(["sensitivity", "countries", "--method", "wprod", "--smaa", "1000"]) == 0
    rows = {line.split(",")[0].lstrip("\ufeff"): line.split(",")[1:] for line in capsys.readouterr().out.splitlines()[1:]}
    for name in ("Mexico", "China", "Morocco"):
        assert [float(x) for x in rows[name][6:9]] == pytest.approx([1 / 3] * 3)


def test_cli_says_in_words_when_memory_runs_out(monkeypatch, capsys):
    from wiintech.cli import main

    def no_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(sensitivity, "smaa", no_memory)
    assert main(["sensitivity", "countries", "--smaa", "100"]) == 2
    assert "not enough memory" in capsys.readouterr().err
