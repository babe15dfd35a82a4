"""The sensitivity panel on the country and cluster pages."""

import pytest

from tests.app.conftest import own_downloads
from tests.conftest import seen
from wiintech import loader, report, sensitivity


def captions(at):
    return " ".join(c.value for c in at.caption)


RAW = {"N": 1, "Na": 1, "N1": 1, "reach": 1}


def span(lo, hi):
    end = lambda v: "5.0 (end)" if v >= 5 else f"{round(v, 2) + 0.0:.2f}"  # noqa: E731
    return f"{end(lo)} – {end(hi)}"


def test_country_panel_bands_and_intervals_are_on_the_sliders_scale(app):
    at = app("countries")
    at.toggle(key="countries.sens").set_value(True).run()
    assert not at.exception
    L = sensitivity.linear(report.rank_countries(loader.load_countries(), "seed"))
    table = sensitivity.intervals(L, 3)
    raw = [(sensitivity.to_raw(a, RAW, k), sensitivity.to_raw(b, RAW, k))
           for a, b, k in zip(table.topk_low, table.topk_high, table.key)]
    shown = next(seen(t) for t in at.table if "Criterion" in seen(t).columns)
    assert shown["Top 3 stays the same for"].tolist() == [span(lo, hi) for lo, hi in raw]
    assert shown["Weight now"].tolist() == ["1.00"] * 4
    # the band under the N slider says the same, in the same units, and never past the slider's end
    from ui.sensitivity_view import band
    for lo, hi in raw:
        assert band("Top 3", lo, hi, 1.0) in captions(at)
    lo, hi = raw[3]  # the SMEs × accessibility slider: from 0.04 up
    assert f"{lo:.2f}" == "0.04" and hi > 5 and "Top 3 stays the same from 0.04 to the slider's end" in captions(at)
    assert "∞" not in captions(at) and "11.65" not in captions(at)
    assert len(at.get("vega_lite_chart")) == 2  # the ranking's chart and the one-weight chart


def test_country_panel_follows_the_weights(app):
    at = app("countries")
    at.toggle(key="countries.sens").set_value(True).run()
    before = next(seen(t) for t in at.table if "Criterion" in seen(t).columns)
    at.slider(key="countries.w.N").set_value(3.0).run()
    after = next(seen(t) for t in at.table if "Criterion" in seen(t).columns)
    assert after["Weight now"].iloc[0] == "3.00" != before["Weight now"].iloc[0]


def heat_rows(at):
    import pyarrow as pa
    tables = [pa.ipc.open_stream(d.data.data).read_all().to_pandas()
              for c in at.get("vega_lite_chart") for d in c.proto.datasets if d.data.data]
    heat = next(t for t in tables if {"name", "rank", "share", "pos"} <= set(t.columns))
    return heat.sort_values("pos").drop_duplicates("name")["name"].tolist()


@pytest.mark.parametrize("page, key", [("countries", "countries"), ("clusters", "clusters")])
def test_smaa_and_tornado_views(app, page, key):
    at = app(page)
    at.toggle(key=f"{key}.sens").set_value(True).run()
    at.segmented_control(key=f"{key}.sens.view").set_value("smaa").run()
    assert not at.exception
    # by default the draws follow the sliders, and the caption says so
    assert "within ±50% of the sliders, so the draws follow the sliders" in captions(at)
    label = "Country" if page == "countries" else "Cluster"
    central = next(seen(t) for t in at.table if "Chance of 1st" in seen(t).columns)
    ranking = at.session_state["countries.latest"]["ranking"] if page == "countries" else report.rank_clusters(
        loader.load_cluster_targets())
    in_order = [ranking.matrix.names[i] for i in ranking.order]
    assert central[label].tolist() == in_order  # rows follow the ranking
    assert heat_rows(at) == in_order
    assert not any("acceptability_rank_1" in c or "central_" in c for c in central.columns)
    at.slider(key=f"{key}.sens.spread").set_value(0).run()
    assert "any weights at all: the draws do not follow the sliders" in captions(at)
    at.segmented_control(key=f"{key}.sens.view").set_value("tornado").run()
    assert "leads by" in captions(at)


def test_the_tornado_is_sorted_by_effect(app):
    import pyarrow as pa
    at = app("countries")
    at.toggle(key="countries.sens").set_value(True).run()
    at.segmented_control(key="countries.sens.view").set_value("tornado").run()
    data = next(pa.ipc.open_stream(d.data.data).read_all().to_pandas()
                for c in at.get("vega_lite_chart") for d in c.proto.datasets
                if d.data.data and "margin" in pa.ipc.open_stream(d.data.data).read_all().column_names)
    data["effect"] = (data["margin"] - data["base"]).abs()
    effect = data.groupby("criterion").agg(effect=("effect", "max"), order=("order", "min")).sort_values("order")
    assert effect["effect"].is_monotonic_decreasing
    assert effect["order"].tolist() == list(range(4))


def test_the_cluster_panel_watches_the_shortlist_itself(app):
    """Top 1 per country over every country: the shortlist is Suape, ICC, SPI and Kyushu (not the
    first four of the ranking, which has PlastIndia and Rio Grande third and fourth)."""
    at = app("clusters")
    at.toggle(key="clusters.sens").set_value(True).run()
    assert not at.exception
    note = captions(at)
    assert ("top 1 per country: Suape/Pernambuco, Indian Chemical Council, SPI: The Plastics Industry Trade "
            "Association Inc, Kyushu Recycle & Environmental Industry Plaza") in note.replace("\\", "")
    shown = next(seen(t) for t in at.table if "Criterion" in seen(t).columns)
    # checked by brute force over the slider (tests/test_sensitivity.py): fit 0.91–1.34, size 0.88 up, interaction 0.75–1.05
    assert shown["The shortlist (top 1 per country) stays the same for"].tolist() == [
        "0.91 – 1.34", "0.88 – 5.0 (end)", "0.75 – 1.05"]
    at.radio(key="clusters.rule").set_value("threshold").run()
    shown = next(seen(t) for t in at.table if "Criterion" in seen(t).columns)
    assert shown["The shortlist (total at least 300) stays the same for"].tolist() == [
        "0.42 – 1.38", "0.00 – 1.38", "0.52 – 1.38"]


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
    assert not at.segmented_control  # no inputs for an analysis that is not shown
    # The minutes' sensitivity file (built on click, from what the fragment drew last) has no table.
    from ui import minutes_view

    latest = at.session_state["countries.latest"]
    assert latest["sens"] is not None and latest["ranking"].method.key == "topsis"
    assert minutes_view.sensitivity_tables(latest["ranking"], latest["k"], latest["sens"]) == {}


def test_a_bound_at_zero_never_reads_minus_zero(app):
    at = app("clusters")
    at.toggle(key="clusters.sens").set_value(True).run()
    at.radio(key="clusters.rule").set_value("threshold").run()
    shown = next(seen(t) for t in at.table if "Criterion" in seen(t).columns)
    cells = " ".join(str(v) for v in shown.to_numpy().ravel())
    assert "0.00 – 1.38" in cells  # Size: the lower bound is the slider's 0
    assert "-0.0" not in cells


def test_promethee_is_covered_and_the_panel_says_on_what(app):
    at = app("countries", {"method": "promethee"})
    at.toggle(key="countries.sens").set_value(True).run()
    assert not at.exception
    assert any("PROMETHEE II: the analysis works on the net flow" in m.value for m in at.markdown)
    L = sensitivity.linear(report.rank_countries(loader.load_countries(), "promethee"))
    table = sensitivity.intervals(L, 3)
    shown = next(seen(t) for t in at.table if "Criterion" in seen(t).columns)
    raw = {k: 1 for k in L.keys}  # PROMETHEE II weighs the five criteria, not the index's four terms
    assert shown["Top 3 stays the same for"].tolist() == [
        span(sensitivity.to_raw(a, raw, k), sensitivity.to_raw(b, raw, k))
        for a, b, k in zip(table.topk_low, table.topk_high, table.key)]
