"""The live pages on generated data far larger than the report's: a page of the ranking at a time,
a search box and a page number, and the same order as the library."""

import pytest

from tests.app.conftest import open_page
from ui.paging import PAGE_ROWS
from wiintech import loader, report, synthetic


@pytest.fixture(scope="module")
def big_data(tmp_path_factory):
    return synthetic.data_folder(tmp_path_factory.mktemp("big"), countries=(200, 12), clusters=2000, seed=5)


@pytest.fixture
def on_big_data(big_data, monkeypatch):
    monkeypatch.setenv("WIINTECH_DATA", str(big_data))
    return big_data


def test_cluster_shortlist_of_2000_shows_a_page_and_finds_the_rest(on_big_data):
    at = open_page("clusters")
    expected = report.rank_clusters(loader.load_cluster_targets(on_big_data)).table()["name"].tolist()
    table = at.table[0].value
    assert table["Cluster target"].tolist() == expected[:PAGE_ROWS]
    assert any("Places 1–10 of 2,000" in c.value for c in at.caption)

    at.number_input(key="clusters.page").set_value(3).run()
    assert at.table[0].value["Cluster target"].tolist() == expected[2 * PAGE_ROWS:3 * PAGE_ROWS]

    at.text_input(key="clusters.find").set_value("cluster 012").run()  # Cluster 01200 … 01299
    found = at.table[0].value["Cluster target"].tolist()
    matching = [n for n in expected if "cluster 012" in n.casefold()]
    assert len(matching) == 100 and found == matching[:PAGE_ROWS]  # the best of them first
    note = " ".join(c.value for c in at.caption)
    assert "100 of 2,000 names contain" in note and "narrow the search" in note
    assert not at.exception


def test_a_weight_reranks_the_page_of_a_long_ranking(on_big_data):
    at = open_page("clusters")
    at.slider(key="clusters.w.interaction").set_value(3.0).run()
    expected = report.rank_clusters(loader.load_cluster_targets(on_big_data), None,
                                    {"fit": 1.0, "size": 1.0, "interaction": 3.0}).table()["name"].tolist()
    assert at.table[0].value["Cluster target"].tolist() == expected[:PAGE_ROWS]
    assert not at.exception


def test_country_page_of_200_by_12_shows_the_top_and_pages(on_big_data):
    at = open_page("countries")
    survey = loader.load_countries(on_big_data)
    expected = report.rank_countries(survey, "seed").table()["name"].tolist()
    assert at.table[0].value["Country"].tolist() == expected[:PAGE_ROWS]
    at.number_input(key="countries.page").set_value(20).run()
    assert at.table[0].value["Country"].tolist() == expected[190:200]
    at.toggle(key="countries.sens").set_value(True).run()
    at.session_state["countries.sens.view"] = "smaa"
    at.run()
    assert not at.exception
    assert any("the first 10 of 200 alternatives" in c.value for c in at.caption)
