"""PROMETHEE II, its GAIA plane, and TOPSIS with each normalisation: against values worked by hand from
the definitions (Brans & Vincke 1985; Hwang & Yoon 1981) and against pymcdm, an independent
implementation, on random matrices."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from pymcdm import normalizations
from pymcdm.methods import PROMETHEE_II, TOPSIS

from wiintech import gaia, loader, report
from wiintech import methods as k
from wiintech.errors import InputError
from wiintech.models import BENEFIT, COST, Criterion, Preference
from wiintech.ranking import DecisionMatrix, rank

# pymcdm warns about dominated alternatives in random matrices; they are fine here.
pytestmark = pytest.mark.filterwarnings("ignore:Alternatives with indices:UserWarning")

# A = (10, 2), B = (8, 6), C = (4, 4); weights 0.6 and 0.4.
ABC = np.array([[10.0, 2.0], [8.0, 6.0], [4.0, 4.0]])


def _matrix(X, prefs=None, cost=()):
    prefs = prefs or [Preference()] * X.shape[1]
    crit = [Criterion(f"c{j}", f"C{j}", COST if j in cost else BENEFIT, preference=p) for j, p in enumerate(prefs)]
    return DecisionMatrix.build([f"a{i}" for i in range(len(X))], crit, X)


def test_usual_function_by_hand():
    """Usual: C1 orders A > B > C, so φ1 = (1, 0, -1); C2 orders B > C > A, so φ2 = (-1, 1, 0).
    φ = 0.6 φ1 + 0.4 φ2 = (0.2, 0.4, -0.6): B first, then A, then C."""
    r = rank(_matrix(ABC), "promethee", {"c0": 0.6, "c1": 0.4})
    assert r.scores.tolist() == pytest.approx([0.2, 0.4, -0.6])
    assert r.ranks.tolist() == [2, 1, 3]
    assert np.allclose(r.contributions, [[0.6, -0.4], [0.0, 0.4], [-0.6, 0.0]])


def test_linear_and_v_shape_by_hand():
    """C1 linear, q = 1, p = 5: d(A,B) = 2 → 0.25, d(A,C) = 6 → 1, d(B,C) = 4 → 0.75, so
    φ1 = ((0.25 + 1) / 2, (0.75 - 0.25) / 2, (-1 - 0.75) / 2) = (0.625, 0.25, -0.875).
    C2 V-shape, p = 4: d(B,A) = 4 → 1, d(B,C) = 2 → 0.5, d(C,A) = 2 → 0.5, so
    φ2 = ((-1 - 0.5) / 2, (1 + 0.5) / 2, (0.5 - 0.5) / 2) = (-0.75, 0.75, 0).
    φ = (0.375 - 0.3, 0.15 + 0.3, -0.525) = (0.075, 0.45, -0.525)."""
    m = _matrix(ABC, [Preference("linear", 1, 5), Preference("vshape", 0, 4)])
    Phi = k.unicriterion_flows(m.values, m.cost, np.array([1.0, 0.0]), np.array([5.0, 4.0]))
    assert np.allclose(Phi, [[0.625, -0.75], [0.25, 0.75], [-0.875, 0.0]])
    r = rank(m, "promethee", {"c0": 3, "c1": 2})  # rescaled to 0.6, 0.4
    assert r.scores.tolist() == pytest.approx([0.075, 0.45, -0.525])


def test_a_cost_criterion_reverses_the_differences():
    """C2 as a cost: A (2) is now best on it, so φ2 = (1, -1, 0) and φ = (1.0, -0.4, -0.6)."""
    r = rank(_matrix(ABC, cost=(1,)), "promethee", {"c0": 0.6, "c1": 0.4})
    assert r.scores.tolist() == pytest.approx([1.0, -0.4, -0.6])


def test_pymcdm_docstring_example():
    X = np.array([[4.0, 3.0, 2.0], [3.0, 2.0, 4.0], [5.0, 1.0, 3.0]])
    r = rank(_matrix(X), "promethee", {"c0": 0.5, "c1": 0.3, "c2": 0.2})
    assert r.scores.round(2).tolist() == [0.1, -0.3, 0.2]


matrices = st.integers(2, 8).flatmap(lambda n: st.integers(1, 5).flatmap(
    lambda m: arrays(np.float64, (n, m), elements=st.floats(0.5, 100, allow_nan=False))))


@settings(max_examples=80, deadline=None)
@given(data=st.data(), X=matrices, function=st.sampled_from(["usual", "vshape", "linear"]))
def test_promethee_ii_matches_pymcdm(data, X, function):
    n, m = X.shape
    w = data.draw(arrays(np.float64, (m,), elements=st.floats(0.01, 10)))
    cost = tuple(j for j in range(m) if data.draw(st.booleans()))
    q = np.array([data.draw(st.floats(0, 20)) for _ in range(m)]) if function == "linear" else np.zeros(m)
    p = q + np.array([data.draw(st.floats(0.5, 50)) for _ in range(m)]) if function != "usual" else np.zeros(m)
    prefs = [Preference(function, float(q[j]), float(p[j])) for j in range(m)]
    ours = rank(_matrix(X, prefs, cost), "promethee", {f"c{j}": w[j] for j in range(m)}).scores
    types = np.array([-1 if j in cost else 1 for j in range(m)])
    body = {"usual": lambda: PROMETHEE_II("usual"), "vshape": lambda: PROMETHEE_II("vshape", p=p),
            "linear": lambda: PROMETHEE_II("vshape_2", p=p, q=q)}[function]()
    assert ours == pytest.approx(body(X, w / w.sum(), types), abs=1e-9)


@settings(max_examples=80, deadline=None)
@given(data=st.data(), X=matrices)
def test_net_flows_and_every_unicriterion_flow_sum_to_zero(data, X):
    m = X.shape[1]
    w = data.draw(arrays(np.float64, (m,), elements=st.floats(0.01, 10)))
    r = rank(_matrix(X), "promethee", {f"c{j}": w[j] for j in range(m)})
    assert abs(r.scores.sum()) < 1e-9
    assert np.abs(r.contributions.sum(axis=0)).max() < 1e-9
    assert (np.abs(r.scores) <= 1 + 1e-12).all()


@settings(max_examples=80, deadline=None)
@given(data=st.data(), X=matrices, norm=st.sampled_from(["minmax", "vector"]))
def test_topsis_matches_pymcdm(data, X, norm):
    n, m = X.shape
    # Distinct rows: where pymcdm divides 0 by 0 (a constant column under min-max, every alternative
    # identical) ours gives the documented 1 and 0.5.
    X = X + np.arange(n)[:, None] * 1e-3
    w = data.draw(arrays(np.float64, (m,), elements=st.floats(0.01, 10)))
    cost = tuple(j for j in range(m) if data.draw(st.booleans()))
    ours = rank(_matrix(X, cost=cost), "topsis", {f"c{j}": w[j] for j in range(m)}, norm).scores
    f = {"minmax": normalizations.minmax_normalization, "vector": normalizations.vector_normalization}[norm]
    types = np.array([-1 if j in cost else 1 for j in range(m)])
    assert ours == pytest.approx(TOPSIS(f)(X, w / w.sum(), types), abs=1e-9)


def test_topsis_min_max_reproduces_pymcdms_readme_example():
    """pymcdm's TOPSIS example (its default normalisation is min-max): 0.5, 0.617, 0.5."""
    X = np.array([[1.0, 2.0, 5.0], [3000.0, 3750.0, 4500.0]]).T
    r = rank(_matrix(X, cost=(0,)), "topsis", {"c0": 1, "c1": 1}, "minmax")
    assert r.scores.round(3).tolist() == [0.5, 0.617, 0.5]


def test_the_output_names_the_preference_functions():
    r = rank(_matrix(ABC, [Preference("linear", 1, 5), Preference()]), "promethee")
    assert r.preferences_text() == "c0=linear q=1 p=5;c1=usual"


@pytest.mark.parametrize("pref, problem", [
    (Preference("linear", 3, 1), "0 ≤ q < p"), (Preference("vshape", 0, 0), "p above 0"),
    (Preference("usual", 0, 2), "no thresholds"), (Preference("gaussian"), "not one of")])
def test_bad_thresholds_are_named(pref, problem):
    assert problem in pref.problem()


def test_gaia_with_two_criteria_keeps_everything_and_pi_projects_to_the_net_flows():
    """With two criteria the plane is the whole space (δ = 1), so each point's projection on the
    (unscaled) decision stick is its net flow exactly."""
    r = rank(_matrix(ABC), "promethee", {"c0": 0.6, "c1": 0.4})
    g = gaia.plane(r)
    assert g.delta == pytest.approx(1.0)
    pts = g.alternatives[["x", "y"]].to_numpy()
    assert pts @ (np.array(g.stick) / g.scale) == pytest.approx(r.scores)
    assert np.hypot(g.criteria.x, g.criteria.y).max() == pytest.approx(np.abs(pts).max())


def test_gaia_of_the_countries_keeps_most_of_the_information_and_its_axes_are_unit_vectors():
    survey = loader.load_countries()
    r = report.rank_countries(survey, "promethee")
    g = gaia.plane(r)
    assert 0.5 < g.delta <= 1 and list(g.alternatives["name"]) == list(survey.names)
    Phi = r.method.linear_terms(r.matrix, r.normalisation)
    _, V, _, _ = k.gaia(Phi, np.full(5, 0.2))
    assert np.allclose(Phi @ V, g.alternatives[["x", "y"]].to_numpy())
    assert (np.hypot(V[:, 0], V[:, 1]) <= 1 + 1e-12).all()


def test_gaia_belongs_to_promethee_only():
    with pytest.raises(InputError, match="GAIA plane belongs to PROMETHEE II"):
        gaia.plane(report.rank_countries(loader.load_countries(), "wsum"))


def test_thresholds_load_from_the_data_and_bad_ones_name_the_field(data_copy):
    path = data_copy / "countries.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    unit: partners\n    direction: benefit\n",
                        "    unit: partners\n    direction: benefit\n    preference: {function: linear, q: 1, p: 3}\n", 1)
    path.write_text(text, encoding="utf-8")
    survey = loader.load_countries(data_copy)
    assert survey.criteria[0].preference == Preference("linear", 1, 3)
    assert all(c.preference == Preference() for c in survey.criteria[1:])
    path.write_text(text.replace("q: 1, p: 3", "q: 3, p: 1"), encoding="utf-8")
    from wiintech.errors import DataError
    with pytest.raises(DataError) as err:
        loader.load_countries(data_copy)
    assert any("criteria › N › preference: the linear function needs 0 ≤ q < p" in p for p in err.value.problems)
