import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from wiintech import loader, report, sensitivity
from wiintech import methods as k
from wiintech.errors import InputError
from wiintech.models import BENEFIT, Criterion
from wiintech.ranking import DecisionMatrix, rank


def _matrix_of(X):
    crit = [Criterion(f"c{j}", f"C{j}", BENEFIT) for j in range(X.shape[1])]
    return DecisionMatrix.build([f"a{i}" for i in range(len(X))], crit, X)


def _linear(X, w, method="wsum", norm="minmax"):
    return sensitivity.linear(rank(_matrix_of(X), method, {f"c{j}": w[j] for j in range(len(w))}, norm))


def _state(L, W, top):
    S = sensitivity._scores(L, W)
    ranks = k.competition_ranks(S)[0]
    return tuple(ranks), frozenset(np.flatnonzero(ranks <= top))


matrices = st.integers(3, 6).flatmap(lambda n: st.integers(2, 4).flatmap(
    lambda m: arrays(np.float64, (n, m), elements=st.floats(1, 100, allow_nan=False), unique=True)))


@settings(max_examples=60, deadline=None)
@given(data=st.data(), X=matrices, method=st.sampled_from(["wsum", "wprod", "promethee"]))
def test_intervals_agree_with_a_brute_force_scan(data, X, method):
    m = X.shape[1]
    w = data.draw(arrays(np.float64, (m,), elements=st.floats(0.05, 1.0)))
    top = data.draw(st.integers(1, len(X) - 1))
    L = _linear(X, w, method, "minmax" if method == "wsum" else None)
    if method == "promethee":  # the scan below ranks R @ w: the net flows themselves
        assert np.allclose(L.R @ L.w, rank(_matrix_of(X), method, dict(zip(L.keys, w))).scores)
    table = sensitivity.intervals(L, top)
    full0, top0 = _state(L, L.w, top)
    for j, row in table.iterrows():
        for low, high, pick in ((row.topk_low, row.topk_high, 1), (row.full_low, row.full_high, 0)):
            assert low <= row.weight + 1e-9 and row.weight <= high + 1e-9
            # inside the interval nothing changes ...
            for t in np.linspace(low, high, 41)[1:-1]:
                assert _state(L, sensitivity._moved(L.w, j, t), top)[pick] == (full0, top0)[pick]
            # ... and just past a bound that is not the end of the scale, something does
            for bound, step in ((low, -1e-6), (high, 1e-6)):
                if 1e-6 < bound < 1 - 1e-6 and abs(bound - row.weight) > 1e-6:
                    moved = _state(L, sensitivity._moved(L.w, j, bound + step), top)[pick]
                    assert moved != (full0, top0)[pick]


def test_smaa_three_alternatives_by_hand():
    """Two criteria, weights (w, 1 - w) with w uniform on [0, 1] (the simplex in 2-D).

    A = (1, 0), B = (0, 1), C = (0.4, 0.4). Scores: A = w, B = 1 - w, C = 0.4.
    A is first when w > 1 - w and w > 0.4, i.e. w > 0.5: probability 0.5; B likewise for w < 0.5.
    C is never first (0.4 < max(w, 1 - w) always, since max ≥ 0.5).
    C is last when 0.4 < w and 0.4 < 1 - w, i.e. 0.4 < w < 0.6: probability 0.2; otherwise second.
    A is second when 0.4 ≤ w < 0.5... precisely: A second iff w < 0.5 and w > 0.4 (0.1), or w > 0.5
    never; plus A is last when w < 0.4 (0.4). So A: rank 1 = 0.5, rank 2 = 0.1, rank 3 = 0.4.
    The central weight vector of A is the mean of w over (0.5, 1]: (0.75, 0.25).
    """
    X = np.array([[1.0, 0.0], [0.0, 1.0], [0.4, 0.4]])
    L = sensitivity.Linear(("A", "B", "C"), ("x", "y"), ("x", "y"), X, np.array([0.5, 0.5]))
    acc, extra = sensitivity.smaa(L, draws=200_000, seed=7)
    a, b, c = acc.set_index("name").values
    assert a == pytest.approx([0.5, 0.1, 0.4], abs=0.005)
    assert b == pytest.approx([0.5, 0.1, 0.4], abs=0.005)
    assert c == pytest.approx([0.0, 0.8, 0.2], abs=0.005)
    central = extra.set_index("name")
    assert central.loc["A", ["central_x", "central_y"]].tolist() == pytest.approx([0.75, 0.25], abs=0.005)
    assert central.loc["A", "confidence_factor"] == 1.0 and np.isnan(central.loc["C", "central_x"])


@pytest.mark.parametrize("method", ["seed", "wsum", "wprod", "promethee"])
def test_every_acceptability_row_sums_to_one(method):
    L = sensitivity.linear(report.rank_countries(loader.load_countries(), method))
    acc, _ = sensitivity.smaa(L, draws=5000, seed=1)
    assert np.allclose(acc.drop(columns="name").sum(axis=1), 1.0)
    assert np.allclose(acc.drop(columns="name").sum(axis=0), 1.0)


def test_bounds_limit_the_sampled_weights():
    L = sensitivity.linear(report.rank_clusters(loader.load_cluster_targets()))
    bounds = np.column_stack([L.w * 0.5, L.w * 1.5])
    acc, extra = sensitivity.smaa(L, draws=3000, seed=2, bounds=bounds)
    central = extra.dropna()[[c for c in extra.columns if c.startswith("central_")]].values
    assert (central >= bounds[:, 0] - 1e-9).all() and (central <= bounds[:, 1] + 1e-9).all()


def test_spread_bounds_are_the_apps_and_the_clis_range():
    w = np.array([0.5, 0.3, 0.2])
    assert sensitivity.spread_bounds(w, 0) is None
    assert np.allclose(sensitivity.spread_bounds(w, 100), [[0, 1], [0, 0.6], [0, 0.4]])
    assert np.allclose(sensitivity.spread_bounds(w, 20), [[0.4, 0.6], [0.24, 0.36], [0.16, 0.24]])


def test_tornado_reports_the_leaders_margin():
    L = sensitivity.linear(report.rank_countries(loader.load_countries(), "seed"))
    df = sensitivity.tornado(L, 0.5)
    assert df.attrs["leader"] == "USA" and df.attrs["margin"] > 0
    assert len(df) == 4 and (df[["margin_low", "margin_high"]] > 0).all().all()


def test_topsis_is_refused_in_words():
    with pytest.raises(InputError, match=r"covers the methods linear in the weights \(.*PROMETHEE II\), not TOPSIS"):
        sensitivity.linear(report.rank_countries(loader.load_countries(), "topsis"))


def test_a_tie_across_the_cut_breaks_at_once():
    """Found by the property test: A = (1, 5), B = (4, 3), C = (6, 2), equal weights, min-max.
    A and C tie for first at w = 0.5, so the top-1 set {A, C} changes as soon as the weight moves."""
    L = _linear(np.array([[1.0, 5.0], [4.0, 3.0], [6.0, 2.0]]), np.array([1.0, 1.0]))
    row = sensitivity.intervals(L, 1).iloc[0]
    assert row.topk_low == row.topk_high == 0.5
    assert row.full_low == row.full_high == 0.5


def test_covers_every_method_linear_in_the_weights_and_not_topsis():
    from wiintech.ranking import METHODS

    assert {key for key, m in METHODS.items() if sensitivity.covers(m)} == {"seed", "wsum", "wprod", "promethee"}


# --- On the sliders' scale, and for the cluster shortlist (issue 14, items 3 and 4) -------------------

def _cluster_case():
    import numpy as np

    from wiintech import loader, report

    t = loader.load_cluster_targets()
    r = report.rank_clusters(t)
    return t, r, sensitivity.linear(r), np.asarray(r.matrix.extra["country"], dtype=object)


def _brute(protected, L, raw_keys, j, grid):
    """Where on the slider the watched set differs from now: checked point by point."""
    import numpy as np

    now = protected.members(L, np.ones(len(raw_keys)))
    changed = []
    for x in grid:
        w = np.ones(len(raw_keys))
        w[j] = x
        changed.append(protected.members(L, w) != now)
    return np.asarray(changed)


@pytest.mark.parametrize("rule", ["groups", "threshold"])
def test_shortlist_intervals_agree_with_a_brute_force_walk_over_the_slider(rule):
    import numpy as np

    t, r, L, countries = _cluster_case()
    if rule == "groups":
        p = sensitivity.Protected("shortlist", 1, tuple(countries))
    else:
        p = sensitivity.Protected("shortlist", level=np.log(300 / 1000), terms=np.log(r.matrix.values / t.scale_max))
    table = sensitivity.slider_intervals(L, r.weights, p)
    grid = np.round(np.arange(0, 5.0001, 0.01), 2)
    for j, row in enumerate(table.itertuples()):
        changed = _brute(p, L, L.keys, j, grid)
        inside = (grid > row.set_low + 1e-6) & (grid < row.set_high - 1e-6)
        assert not changed[inside].any(), row.criterion  # nothing changes inside the range
        outside = (grid < row.set_low - 0.011) | (grid > row.set_high + 0.011)
        assert changed[outside].all(), row.criterion  # and beyond its ends it has changed


def test_the_shortlist_is_not_the_first_k_of_the_ranking():
    _, r, L, countries = _cluster_case()
    import numpy as np

    p = sensitivity.Protected("shortlist", 1, tuple(countries))
    names = {L.names[i] for i in p.members(L, np.ones(3))}
    assert names == {"Suape/Pernambuco", "Indian Chemical Council", "Kyushu Recycle & Environmental Industry Plaza",
                     "SPI: The Plastics Industry Trade Association Inc"}
    top4 = sensitivity.slider_intervals(L, r.weights, sensitivity.Protected("top 4", 4))
    groups = sensitivity.slider_intervals(L, r.weights, p)
    assert top4["set_high"].round(2).tolist() != groups["set_high"].round(2).tolist()


def test_slider_intervals_of_a_top_k_are_the_normalised_ones_on_the_slider():
    from wiintech import loader, report

    r = report.rank_countries(loader.load_countries(), "seed")
    L = sensitivity.linear(r)
    norm = sensitivity.intervals(L, 3)
    raw = sensitivity.slider_intervals(L, r.weights, sensitivity.Protected("Top 3", 3))
    for a, b in zip(norm.itertuples(), raw.itertuples()):
        assert b.set_low == pytest.approx(sensitivity.to_raw(a.topk_low, r.weights, a.key))
        assert b.full_high == pytest.approx(sensitivity.to_raw(a.full_high, r.weights, a.key))
        assert b.weight == 1.0


def test_slider_curves_run_over_the_slider_and_meet_the_ranking_at_the_current_weight():
    import numpy as np

    from wiintech import loader, report

    r = report.rank_countries(loader.load_countries(), "seed")
    L = sensitivity.linear(r)
    df = sensitivity.slider_curves(L, r.weights, 0, 5.0, steps=51)
    assert df["weight"].min() == 0 and df["weight"].max() == 5.0
    at_one = df[np.isclose(df["weight"], 1.0)].set_index("name")["score"]
    assert at_one["USA"] == pytest.approx(75.55 / 4)  # scores with the weights summing to 1


def test_the_tornado_on_the_slider_moves_one_raw_weight():
    import numpy as np

    from wiintech import loader, report

    r = report.rank_countries(loader.load_countries(), "seed", {"N": 2, "Na": 1, "N1": 1, "reach": 1})
    L = sensitivity.linear(r)
    df = sensitivity.tornado(L, 0.5, r.weights)
    # N from 2 to 3, the others at 1: weights 3,1,1,1 over 6
    w = np.array([3, 1, 1, 1]) / 6
    S = L.R @ w
    lead = S[list(L.names).index("USA")] - np.delete(S, list(L.names).index("USA")).max()
    assert df.loc[0, "margin_high"] == pytest.approx(lead)
    assert not df.equals(sensitivity.tornado(L, 0.5))  # the normalised move (the command line) differs
