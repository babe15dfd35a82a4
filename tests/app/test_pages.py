"""Every page runs with no exception and shows the report's rows."""

from tests.conftest import seen, shown


def texts(at):
    return " ".join(shown(str(m.value)) for m in at.markdown) + " " + " ".join(
        " ".join(map(str, seen(t).astype(str).values.ravel())) for t in at.table)


def test_overview(app):
    at = app()
    assert at.title[0].value.startswith("WIINTECH")
    body = texts(at)
    for name in ("Plastipolis", "Proplast", "NEPIC", "Clusterland", "Plastival", "Veneto Nanotech", "Poolnet",
                 "Sustain the Networks", "Initial network visit"):
        assert name in body
    assert [m.label for m in at.metric] == ["USA", "Brazil", "India", "Japan"]
    decision = seen(at.table[0])
    assert decision.set_index("Country").loc["China", "Outcome"] == "Declined"


def test_country_selection_shows_the_printed_index_by_default(app):
    at = app("countries")
    live = seen(at.table[0])
    assert live["Country"].tolist() == ["USA", "China", "Brazil", "India", "Japan", "Korea", "Morocco", "Mexico", "Russia"]
    assert live["Score"].tolist()[:3] == ["75.55", "47.10", "44.00"]
    assert set(live["vs report"]) == {"="}
    assert live["In top 3"].tolist()[:4] == ["✓", "✓", "✓", ""]
    assert any("Report's synthetic index, no normalisation" in c.value for c in at.caption)


def test_profiles_show_every_country_and_mark_empty_cells(app):
    at = app("profiles")
    labels = [t.label for t in at.tabs]
    assert {"By country", "Compare countries", "Search", "Brazil", "India", "USA", "Japan"} <= set(labels)
    body = texts(at)
    assert "300,000 engineers trained annually" in body
    assert "Protectionist in some areas of trade" in body
    assert "not given in the report" in body


def test_cluster_shortlist_prints_the_totals(app):
    at = app("clusters")
    body = texts(at)
    shortlist = next(t.value for t in at.table if "Total (0–1000)" in t.value.columns)
    # each Total cell exactly (a substring check would find "70" inside "700")
    assert sorted(shortlist["Total (0–1000)"], key=float) == [
        "21.0", "63.0", "70.0", "100.0", "150.0", "343.0", "490.0", "700.0", "700.0"]
    assert "Mississippi Polymer Institute" in body and "make contact" in body


def test_competence_map_says_figure_2_is_an_image(app):
    at = app("competence")
    assert "image" in at.info[0].value
    assert "Renewable energy systems" in texts(at)


def test_action_plans_show_each_lead(app):
    at = app("action_plans")
    body = texts(at)
    for lead in ("NEPIC", "Chemie Cluster Bayern", "Plastipolis", "Veneto Nanotech"):
        assert f"**Lead EU partner:** {lead}" in body
    assert "Brazilplast takes place 20-24 May 2013" in body


def test_a_malformed_file_shows_its_problem_and_other_pages_keep_working(app, data_copy, monkeypatch):
    path = data_copy / "cluster_targets.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "fit: 10, size: 10, interaction: 1,", "fit: 10, size: 10, interaction: 11,"), encoding="utf-8")
    monkeypatch.setenv("WIINTECH_DATA", str(data_copy))
    at = app("clusters")
    assert "Table 12 › San Diego › interaction: 11 is outside 1–10" in shown(at.error[0].value)
    assert not at.table
    at.switch_page("pages/countries.py").run()
    assert not at.exception and not at.error
    assert seen(at.table[0])["Country"].iloc[0] == "USA"


def test_overview_roadmap_status_and_downloads(app):
    at = app()
    tactics = next(seen(t) for t in at.table if "Status" in seen(t).columns)
    assert tactics["Status"].tolist() == ["Done"] * 6 + ["Ahead (2013)"] * 4
    assert len(at.get("download_button")) == 4


def test_an_edit_to_eu_clusters_reaches_the_competence_map(app, data_copy, monkeypatch):
    """The competence map is checked against eu_clusters.yaml, so its cache follows that file too."""
    import os
    monkeypatch.setenv("WIINTECH_DATA", str(data_copy))
    at = app("competence")
    assert not at.error
    path = data_copy / "eu_clusters.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Poolnet", "name: Poolnet SA"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    at.run()
    assert "'Poolnet' is not one of the EU clusters" in shown(at.error[0].value)
