from tests.conftest import seen, shown


def test_filters_change_the_counts_and_gaps(app):
    at = app("competence")
    assert "24 of 42 cells are gaps" in " ".join(c.value for c in at.caption)
    at.multiselect(key="competence.filter").set_value(["Plastipolis", "Proplast"]).run()
    assert not at.exception
    assert "38 of 42 cells are gaps" in " ".join(c.value for c in at.caption)
    at.multiselect(key="competence.filter").set_value([]).run()
    assert "42 of 42 cells are gaps" in " ".join(c.value for c in at.caption)


def test_cluster_profile_shows_strengths_links_and_targets(app):
    at = app("competence")
    at.selectbox(key="competence.cluster").set_value("NEPIC").run()
    text = shown(" ".join(m.value for m in at.markdown))
    assert "Process industry · *report*" in text
    assert "initiatives involving clusters and major players in Brazil" in text
    assert "Brazil: Suape/Pernambuco" in text and "India: PlastIndia" in text


def test_provenance_table_and_downloads(app):
    at = app("competence")
    facts = seen(at.table[0])
    assert set(facts["Provenance"]) == {"report", "workshop estimate"}
    assert len(at.get("download_button")) == 3
    assert len(at.get("vega_lite_chart")) == 1
