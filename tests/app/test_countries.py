"""The country selection page: sliders, methods, URL state, bad weights."""

import pytest

from tests.app.conftest import own_downloads
from tests.conftest import seen
from tests.conftest import shown as as_read
from wiintech import loader, report

SURVEY = loader.load_countries()


def live(at):
    return seen(at.table[0])


def expected(method, weights, norm=None):
    return report.rank_countries(SURVEY, method, weights, norm).table()["name"].tolist()


@pytest.mark.parametrize("key", ["N", "Na", "N1", "reach"])
def test_each_index_slider_changes_the_ranking_as_the_library_says(app, key):
    at = app("countries")
    at.slider(key=f"countries.w.{key}").set_value(5.0).run()
    assert not at.exception
    assert live(at)["Country"].tolist() == expected("seed", {key: 5.0})
    assert at.query_params[f"w.{key}"] == "5"


@pytest.mark.parametrize("key", ["N", "Na", "N1", "accessibility", "smes"])
def test_each_criterion_slider_under_topsis(app, key):
    at = app("countries")
    at.selectbox(key="countries.method").set_value("topsis").run()
    at.slider(key=f"countries.w.{key}").set_value(0.0).run()
    assert live(at)["Country"].tolist() == expected("topsis", {key: 0.0})
    assert "TOPSIS, vector normalisation" in " ".join(c.value for c in at.caption)


def test_weighted_sum_with_vector_normalisation(app):
    at = app("countries")
    at.selectbox(key="countries.method").set_value("wsum").run()
    at.selectbox(key="countries.norm").set_value("vector").run()
    at.slider(key="countries.w.smes").set_value(4.0).run()
    assert live(at)["Country"].tolist() == expected("wsum", {"smes": 4.0}, "vector")
    assert at.query_params["method"] == "wsum" and at.query_params["norm"] == "vector"


def test_url_round_trip(app):
    at = app("countries", {"method": "wsum", "norm": "minmax", "k": "4", "w.N": "2.5", "w.smes": "0"})
    assert at.selectbox(key="countries.method").value == "wsum"
    assert at.slider(key="countries.w.N").value == 2.5
    assert at.slider(key="countries.w.smes").value == 0.0
    assert at.number_input(key="countries.k").value == 4
    assert live(at)["Country"].tolist() == expected("wsum", {"N": 2.5, "smes": 0}, "minmax")
    assert live(at)["In top 4"].tolist().count("✓") == 4


def test_a_bad_url_value_falls_back_with_a_notice(app):
    at = app("countries", {"w.N": "lots", "method": "magic"})
    assert at.slider(key="countries.w.N").value == 1.0
    assert "could not be used" in at.warning[0].value
    assert live(at)["Score"].iloc[0] == "75.55"


def test_all_zero_weights_give_a_message_not_a_crash(app):
    at = app("countries")
    for key in ("N", "Na", "N1", "reach"):
        at.slider(key=f"countries.w.{key}").set_value(0.0).run()
    assert not at.exception
    assert "All weights are zero" in at.warning[0].value
    assert "nan" not in str([seen(t) for t in at.table]).lower()


def test_reset_returns_to_the_report(app):
    at = app("countries")
    at.slider(key="countries.w.N").set_value(0.0).run()
    assert live(at)["Score"].iloc[0] != "75.55"
    at.button[0].click().run()
    assert at.slider(key="countries.w.N").value == 1.0
    assert live(at)["Score"].iloc[0] == "75.55"


def test_the_download_button_is_there_and_the_chart_too(app):
    at = app("countries")
    assert len(own_downloads(at)) == 1  # the command line's CSV
    assert len(at.get("download_button")) == 4  # and, for the minutes, a readable CSV, the sensitivity CSV, the workbook
    assert len(at.get("vega_lite_chart")) == 1


def test_promethee_ranks_by_net_flow_and_draws_the_gaia_plane(app):
    at = app("countries", {"method": "promethee"})
    ranking = report.rank_countries(SURVEY, "promethee")
    assert live(at)["Country"].tolist() == ranking.table()["name"].tolist()
    assert live(at)["Score"].tolist() == [f"{s:.3f}" for s in ranking.scores[ranking.order]]
    shown = as_read(" ".join(c.value for c in at.caption))
    assert "PROMETHEE II, no normalisation" in shown and "Priority Number (N): usual" in shown
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    import json
    spec = json.loads(charts[0].proto.spec)
    names = spec["data"][0]["text"]
    assert sorted(names) == sorted(SURVEY.names)  # one point per country, named for hover
    assert "GAIA plane" in spec["layout"]["title"]["text"] and "δ =" in shown
    # the decision stick turns with the weights; the countries' points do not move
    before = spec["layout"]["annotations"][0]
    at.slider(key="countries.w.N").set_value(5.0).run()
    after = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert (after["layout"]["annotations"][0]["x"], after["layout"]["annotations"][0]["y"]) != (before["x"], before["y"])
    assert after["data"][0]["x"] == spec["data"][0]["x"]


def test_no_gaia_plane_for_other_methods(app):
    at = app("countries", {"method": "wsum"})
    assert not at.get("plotly_chart")


def test_the_headline_says_who_leads_and_what_the_last_move_changed(app):
    at = app("countries")
    first = [m.value for m in at.markdown if "leads" in m.value]
    assert [f.replace("\\", "") for f in first] == ["**USA leads · top 3: USA, China, Brazil.**"]
    at.slider(key="countries.w.reach").set_value(0.0).run()  # without SMEs × accessibility
    line = next(m.value for m in at.markdown if "leads" in m.value).replace("\\", "")
    assert "last move:" in line and line.startswith("**USA leads · top 3:")
    assert "took the lead" in line or "overtook" in line or "rose" in line


def test_the_index_sliders_say_in_words_what_they_count(app):
    at = app("countries")
    n1 = at.slider(key="countries.w.N1")
    assert "first priority" in n1.help  # N°1, in plain words in its help
