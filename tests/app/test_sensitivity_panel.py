"""The sensitivity panel on the country and cluster pages."""

import pytest

from tests.app.conftest import own_downloads
from tests.conftest import seen
from wiintech import loader, report, sensitivity


def captions(at):
    return " ".join(c.value for c in at.caption)


def test_country_panel_bands_and_intervals_match_the_library(app):
    at = app("countries")
    at.toggle(key="countries.sens").set_value(True).run()
    assert not at.exception
    L = sensitivity.linear(report.rank_countries(loader.load_countries(), "seed"))
    table = sensitivity.intervals(L, 3)
    shown = next(seen(t) for t in at.table if "Criterion" in seen(t).columns)
    assert shown["Top 3 holds"].tolist() == [f"{a:.3f} – {b:.3f}" for a, b in zip(table.topk_low, table.topk_high)]
    # the band under the N slider, on the slider's scale (the other three weights are 1 each)
    hi = sensitivity.to_raw(table.topk_high[0], {"N": 1, "Na": 1, "N1": 1, "reach": 1}, "N")
    assert f"Top 3 holds from 0.00 to {hi:.2f}" in captions(at)
    assert len(at.get("vega_lite_chart")) == 2  # the ranking's chart and the one-weight chart


def test_country_panel_follows_the_weights(app):
    at = app("countries")
    at.toggle(key="countries.sens").set_value(True).run()
    before = next(seen(t) for t in at.table if "Criterion" in seen(t).columns)
    at.slider(key="countries.w.N").set_value(3.0).run()
    after = next(seen(t) for t in at.table if "Criterion" in seen(t).columns)
    assert after["Weight"].iloc[0] == "0.500" != before["Weight"].iloc[0]


@pytest.mark.parametrize("page, key", [("countries", "countries"), ("clusters", "clusters")])
def test_smaa_and_tornado_views(app, page, key):
    at = app(page)
    at.toggle(key=f"{key}.sens").set_value(True).run()
    at.segmented_control(key=f"{key}.sens.view").set_value("smaa").run()
    assert not at.exception
    assert "drawn uniformly on the simplex" in captions(at)
    central = next(seen(t) for t in at.table if "confidence_factor" in seen(t).columns)
    names = (loader.load_countries().names if page == "countries"
             else [c.name for c in loader.load_cluster_targets().scored()])
    assert sorted(central["Country" if page == "countries" else "Cluster"]) == sorted(names)
    at.slider(key=f"{key}.sens.spread").set_value(50).run()
    assert "within ±50%" in captions(at)
    at.segmented_control(key=f"{key}.sens.view").set_value("tornado").run()
    assert "leads by" in captions(at)


def test_topsis_says_it_is_not_covered(app):
    at = app("countries")
    at.selectbox(key="countries.method").set_value("topsis").run()
    at.toggle(key="countries.sens").set_value(True).run()
    assert "covers the methods linear in the weights" in at.info[0].value


def _cli(*args):
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-m", "wiintech", *args], capture_output=True, check=True)
    return res.stdout


def test_the_panel_downloads_are_the_command_lines_bytes(app):
    from ui import sensitivity_view as sv

    at = app("countries")
    at.toggle(key="countries.sens").set_value(True).run()
    keys = [b.proto.id for b in own_downloads(at)]
    assert len(keys) == 2 and any("dl.countries.intervals" in k for k in keys)
    at.slider(key="countries.w.N").set_value(2.0).run()
    ranking = at.session_state["countries.latest"]["ranking"]  # what the button builds its file from
    assert ranking.weights["N"] == 2.0
    weights = "N=2,Na=1,N1=1,reach=1"
    assert sv.csv_bytes(ranking, 3, sv.Settings("stability", 0, 10_000, 0, 0, 25)) == _cli(
        "sensitivity", "countries", "--top", "3", "--weights", weights)
    assert sv.csv_bytes(ranking, 3, sv.Settings("smaa", 0, 2000, 7, 0, 25)) == _cli(
        "sensitivity", "countries", "--weights", weights, "--smaa", "2000", "--seed", "7")
    assert sv.csv_bytes(ranking, 3, sv.Settings("smaa", 0, 2000, 7, 20, 25)) == _cli(
        "sensitivity", "countries", "--weights", weights, "--smaa", "2000", "--seed", "7", "--spread", "20")
    at.segmented_control(key="countries.sens.view").set_value("smaa").run()
    assert any("dl.countries.smaa" in b.proto.id for b in at.get("download_button"))


def test_no_panel_download_for_a_method_it_does_not_cover(app):
    at = app("countries")
    at.selectbox(key="countries.method").set_value("topsis").run()
    at.toggle(key="countries.sens").set_value(True).run()
    assert len(own_downloads(at)) == 1  # the ranking's own
    assert not any("minutes.sens" in b.proto.id for b in at.get("download_button"))
    assert not at.segmented_control  # no inputs for an analysis that is not shown


def test_a_bound_at_zero_never_reads_minus_zero(app):
    at = app("clusters")
    at.toggle(key="clusters.sens").set_value(True).run()
    shown = next(seen(t) for t in at.table if "Criterion" in seen(t).columns)
    cells = " ".join(str(v) for v in shown.to_numpy().ravel())
    assert "0.000 – 0.624" in cells  # Size: the library gives -0.0 for its lower bound
    assert "-0.0" not in cells


def test_promethee_is_covered_and_the_panel_says_on_what(app):
    at = app("countries", {"method": "promethee"})
    at.toggle(key="countries.sens").set_value(True).run()
    assert not at.exception
    assert any("PROMETHEE II: the analysis works on the net flow" in m.value for m in at.markdown)
    L = sensitivity.linear(report.rank_countries(loader.load_countries(), "promethee"))
    table = sensitivity.intervals(L, 3)
    shown = next(t.value for t in at.table if "Criterion" in t.value.columns)
    assert shown["Top 3 holds"].tolist() == [f"{a:.3f} – {b:.3f}" for a, b in zip(table.topk_low, table.topk_high)]
