"""The cluster shortlist page: weights, the shortlist rule, the country filter."""

import pytest

from tests.app.conftest import own_downloads
from tests.conftest import seen
from wiintech import loader, report, shortlist

TARGETS = loader.load_cluster_targets()


def ranked(at):
    return seen(at.table[0])


def test_default_is_the_reports_totals_with_leads_and_chosen(app):
    at = app("clusters")
    df = ranked(at)
    assert df["Total (0–1000)"].tolist() == ["700.0", "700.0", "490.0", "343.0", "150.0", "100.0", "70.0", "63.0", "21.0"]
    assert df.columns[-2:].tolist() == ["Shortlisted", "Chosen in the report"]
    assert df.set_index("Cluster target").loc["SPI: The Plastics Industry Trade Association Inc", "Chosen in the report"] == ""
    body = " ".join(m.value for m in at.markdown)
    for lead in ("Brazil: **NEPIC**", "India: **Chemie Cluster Bayern**", "USA: **Plastipolis**", "Japan: **Veneto Nanotech**"):
        assert lead in body
    unscored = seen(at.table[1])
    assert unscored["Cluster target"].tolist() == ["Mississippi Polymer Institute", "Ohio Polymer Institute"]


@pytest.mark.parametrize("key, value", [("fit", 3.0), ("size", 0.0), ("interaction", 2.5)])
def test_each_weight_reranks_as_the_library_says(app, key, value):
    at = app("clusters")
    at.slider(key=f"clusters.w.{key}").set_value(value).run()
    assert not at.exception
    expected = report.rank_clusters(TARGETS, None, {key: value}).table()["name"].tolist()
    assert ranked(at)["Cluster target"].tolist() == expected


def test_one_country_and_top_k(app):
    at = app("clusters")
    at.selectbox(key="clusters.country").set_value("Japan").run()
    df = ranked(at)
    assert df["Cluster target"].tolist() == ["Kyushu Recycle & Environmental Industry Plaza",
                                             "Nagano techno Foundation", "Japan Plastics Industry Federation (JPIF)"]
    assert df["Shortlisted"].tolist() == ["✓", "", ""]
    at.number_input(key="clusters.k").set_value(2).run()
    assert ranked(at)["Shortlisted"].tolist() == ["✓", "✓", ""]
    assert "Japan: **Veneto Nanotech**" in " ".join(m.value for m in at.markdown)


def test_threshold_rule_uses_the_rescaled_total(app):
    at = app("clusters")
    at.radio(key="clusters.rule").set_value("threshold").run()
    at.slider(key="clusters.threshold").set_value(300).run()
    at.slider(key="clusters.w.fit").set_value(2.0).run()
    df = ranked(at).set_index("Cluster target")
    assert set(df.index[df["Shortlisted"] == "✓"]) == {"Suape/Pernambuco", "Indian Chemical Council", "PlastIndia"}
    assert df.loc["Rio Grande do Sul/Porto Alegre", "Total (0–1000)"] == "240.1"


def test_all_zero_weights_give_a_message(app):
    at = app("clusters")
    for key in ("fit", "size", "interaction"):
        at.slider(key=f"clusters.w.{key}").set_value(0.0).run()
    assert not at.exception
    assert "All weights are zero" in at.warning[0].value


def test_downloads_chart_and_editor_are_there(app):
    at = app("clusters")
    assert len(own_downloads(at)) == 3
    assert sum("minutes" in b.proto.id or "workbook" in b.proto.id for b in at.get("download_button")) == 2
    assert len(at.get("vega_lite_chart")) == 1
    assert len(at.dataframe) == 1  # the editable table
