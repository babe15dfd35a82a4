"""The sensitivity panel on the country and cluster pages."""

import math

import pytest

from wiintech import loader, report, sensitivity


def captions(at):
    return " ".join(c.value for c in at.caption)


def test_country_panel_bands_and_intervals_match_the_library(app):
    at = app("countries")
    at.toggle(key="countries.sens").set_value(True).run()
    assert not at.exception
    L = sensitivity.linear(report.rank_countries(loader.load_countries(), "seed"))
    table = sensitivity.intervals(L, 3)
    shown = next(t.value for t in at.table if "Criterion" in t.value.columns)
    assert shown["Top 3 holds (normalised)"].tolist() == [f"{a:.3f} – {b:.3f}" for a, b in zip(table.topk_low, table.topk_high)]
    # the band under the N slider, on the slider's scale (the other three weights are 1 each)
    hi = sensitivity.to_raw(table.topk_high[0], {"N": 1, "Na": 1, "N1": 1, "reach": 1}, "N")
    assert f"Top 3 holds from 0.00 to {hi:.2f}" in captions(at)
    assert len(at.get("vega_lite_chart")) == 2  # the ranking's chart and the one-weight chart


def test_country_panel_follows_the_weights(app):
    at = app("countries")
    at.toggle(key="countries.sens").set_value(True).run()
    before = next(t.value for t in at.table if "Criterion" in t.value.columns)
    at.slider(key="countries.w.N").set_value(3.0).run()
    after = next(t.value for t in at.table if "Criterion" in t.value.columns)
    assert after["Weight (normalised)"].iloc[0] == "0.500" != before["Weight (normalised)"].iloc[0]


@pytest.mark.parametrize("page, key", [("countries", "countries"), ("clusters", "clusters")])
def test_smaa_and_tornado_views(app, page, key):
    at = app(page)
    at.toggle(key=f"{key}.sens").set_value(True).run()
    at.segmented_control(key=f"{key}.sens.view").set_value("smaa").run()
    assert not at.exception
    assert "drawn uniformly on the simplex" in captions(at)
    central = next(t.value for t in at.table if "confidence_factor" in t.value.columns)
    assert len(central) == (9 if page == "countries" else 9)
    at.slider(key=f"{key}.sens.spread").set_value(50).run()
    assert "within ±50%" in captions(at)
    at.segmented_control(key=f"{key}.sens.view").set_value("tornado").run()
    assert "leads by" in captions(at)


def test_topsis_says_it_is_not_covered(app):
    at = app("countries")
    at.selectbox(key="countries.method").set_value("topsis").run()
    at.toggle(key="countries.sens").set_value(True).run()
    assert "additive methods and the weighted product" in at.info[0].value
