from wiintech import urlstate
from wiintech.ranking import METHODS

NORMS = {k: m.norms for k, m in METHODS.items()}
DEFAULT = urlstate.ViewState("seed", "none", 3, {})
KEYS = ["N", "Na", "N1", "reach", "accessibility", "smes"]


def test_round_trip():
    state = urlstate.ViewState("wsum", "vector", 4, {"N": 2.5, "Na": 0.0, "N1": 1.0, "accessibility": 5.0, "smes": 1.0})
    params = urlstate.encode(state, NORMS)
    back, notices = urlstate.parse(params, NORMS, KEYS, DEFAULT, 9)
    assert notices == []
    assert (back.method, back.norm, back.k) == ("wsum", "vector", 4)
    assert {k: back.weights[k] for k in state.weights} == state.weights


def test_bad_values_fall_back_with_a_notice():
    params = {"method": "electre", "k": "99", "w.N": "abc", "w.Na": "7", "w.N1": "-1", "w.zzz": "1", "w.smes": "nan"}
    state, notices = urlstate.parse(params, NORMS, KEYS, DEFAULT, 9)
    assert state.method == "seed" and state.k == 3
    assert state.weights["N"] == state.weights["Na"] == state.weights["N1"] == state.weights["smes"] == 1.0
    assert len(notices) == 7
    assert any("w.zzz" in n for n in notices)


def test_norm_that_does_not_apply_falls_back():
    state, notices = urlstate.parse({"method": "wprod", "norm": "minmax"}, NORMS, KEYS, DEFAULT, 9)
    assert state.norm == "none" and len(notices) == 1


def test_weights_snap_to_the_slider_step():
    state, _ = urlstate.parse({"w.N": "1.2345"}, NORMS, KEYS, DEFAULT, 9)
    assert state.weights["N"] == 1.2
