import pytest

from wiintech import loader
from wiintech.errors import DataError


def test_every_shipped_file_is_valid():
    assert loader.validate_all() == []


def test_every_record_cites_its_source():
    survey = loader.load_countries()
    assert all(c.source.startswith("Section D") for c in survey.countries)
    targets = loader.load_cluster_targets()
    assert {c.source for c in targets.candidates} == {"Table 10", "Table 11", "Table 12", "Table 13"}
    profiles = loader.load_profiles()
    assert [(p.pest_source, p.swot_source) for p in profiles] == [
        ("Table 2", "Table 3"), ("Table 4", "Table 5"), ("Table 6", "Table 7"), ("Table 8", "Table 9")]
    plans = loader.load_action_plans()
    assert [p.source for p in plans.plans] == ["Table 14", "Table 15", "Table 16", "Table 17"]
    assert all(c.source.startswith("Table 1") for c in loader.load_eu_clusters())


def test_step1_values_and_criteria_metadata():
    survey = loader.load_countries()
    assert survey.names == ("USA", "Brazil", "Mexico", "India", "China", "Korea", "Japan", "Russia", "Morocco")
    usa = survey.countries[0].values
    assert usa == {"N": 10, "Na": 7, "N1": 5, "accessibility": 17, "smes": 315}
    assert [c.name for c in survey.criteria] == [
        "Priority Number (N)", "Number of answer (Na)", "N°1", "Accessibility to market for SMEs",
        "Number of potential SMEs"]
    assert all(c.direction == "benefit" and c.description and c.unit for c in survey.criteria)


def test_cluster_targets_keep_the_unscored_candidates():
    targets = loader.load_cluster_targets()
    assert len(targets.scored()) == 9
    unscored = targets.unscored("USA")
    assert [c.name for c in unscored] == ["Mississippi Polymer Institute", "Ohio Polymer Institute"]
    assert "less attractive" in unscored[0].consensus_note
    assert "make contact" in unscored[1].consensus_note


def test_the_other_files_hold_what_the_report_gives():
    clusters = loader.load_eu_clusters()
    assert len(clusters) == 8
    leads = {country: c.name for c in clusters for country in c.leads}
    assert leads == {"Brazil": "NEPIC", "India": "Chemie Cluster Bayern", "USA": "Plastipolis",
                     "Japan": "Veneto Nanotech"}
    roadmap = loader.load_roadmap()
    assert [s.status for s in roadmap.tactics_steps] == ["done"] * 6 + ["ahead"] * 4
    assert len(roadmap.strategy_steps) == 6
    assert len(loader.load_applications()) == 7
    plans = loader.load_action_plans()
    assert {p.country: p.lead for p in plans.plans} == leads
    assert {e.name.split(",")[0] for e in plans.events} >= {"PlastAsia", "Brazilplast"}


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_bad_score_names_file_record_and_field(data_copy):
    _edit(data_copy / "cluster_targets.yaml", "fit: 10, size: 10, interaction: 1,", "fit: 10, size: 10, interaction: 11,")
    with pytest.raises(DataError) as err:
        loader.load_cluster_targets(data_copy)
    (line,) = err.value.problems
    assert line.endswith("cluster_targets.yaml: Table 12 › San Diego › interaction: 11 is outside 1–10")


def test_all_problems_are_reported_at_once(data_copy):
    _edit(data_copy / "countries.yaml", "N: 10, Na: 7", "N: ten, Na: 7")
    _edit(data_copy / "countries.yaml", "direction: benefit", "direction: upwards")
    _edit(data_copy / "countries.yaml", "{name: Korea,", "{name: Japan,")
    with pytest.raises(DataError) as err:
        loader.load_countries(data_copy)
    text = str(err.value)
    assert "Section D, step 1 table › USA › N: 'ten' is not a number" in text
    assert "criteria › N › direction: 'upwards' is not one of benefit, cost" in text
    assert "alternatives › name: 'Japan' appears more than once" in text
    assert len(err.value.problems) >= 3


def test_invalid_yaml_gives_line_and_column(data_copy):
    (data_copy / "profiles.yaml").write_text("countries:\n  - country: [Brazil\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        loader.load_profiles(data_copy)
    assert "profiles.yaml: line " in str(err.value) and "not valid YAML" in str(err.value)


def test_a_missing_file_is_named(data_copy):
    (data_copy / "roadmap.yaml").unlink()
    problems = loader.validate_all(data_copy)
    assert len(problems) == 1 and problems[0].endswith("roadmap.yaml: file not found")


def test_yaml_tags_that_would_build_objects_are_refused(data_copy):
    (data_copy / "applications.yaml").write_text(
        "source: x\napplications: !!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        loader.load_applications(data_copy)
    assert "not valid YAML" in str(err.value)


def test_an_empty_pest_cell_stays_empty_and_a_missing_swot_quadrant_is_an_error(data_copy):
    india = next(p for p in loader.load_profiles() if p.country == "India")
    inflation = next(r for r in india.pest if r.issue == "Inflation")
    assert inflation.notes == ()
    _edit(data_copy / "profiles.yaml", "      threats: []\n", "")
    with pytest.raises(DataError) as err:
        loader.load_profiles(data_copy)
    assert "Table 7 › USA › threats: is missing" in str(err.value)


def test_a_new_criterion_needs_no_code(data_copy):
    """Criteria are data: add one to the file and the ranking uses it."""
    from wiintech import report
    from wiintech.ranking import rank
    text = (data_copy / "countries.yaml").read_text(encoding="utf-8")
    text = text.replace("lexicographic_order:", "  - {key: risk, name: Risk, direction: cost, unit: score}\n\nlexicographic_order:")
    text = text.replace("smes: 315}", "smes: 315, risk: 9}")
    for name in ("Brazil", "Mexico", "India", "China", "Korea", "Japan", "Russia", "Morocco"):
        start = text.index(f"{{name: {name},")
        end = text.index("}}", start)
        text = text[:end] + ", risk: 1" + text[end:]
    (data_copy / "countries.yaml").write_text(text, encoding="utf-8")
    survey = loader.load_countries(data_copy)
    assert survey.criteria[-1].key == "risk"
    ranking = rank(report.country_matrix(survey), "wsum", {"risk": 5})
    assert ranking.table()["name"].iloc[0] != "USA"  # a heavy risk weight pushes USA down


def test_an_entry_that_is_not_a_mapping_is_named(data_copy):
    _edit(data_copy / "eu_clusters.yaml", "    focus: Multi sector\n    source: \"Table 1\"\n    links_abroad: []",
          "    focus: Multi sector\n    source: \"Table 1\"\n    links_abroad: [just text]")
    with pytest.raises(DataError) as err:
        loader.load_eu_clusters(data_copy)
    assert "Table 1 › Clusterland › links_abroad #1: expected a mapping of fields, got str" in str(err.value)


def test_sliders_get_plain_labels_while_names_stay_the_reports():
    survey = loader.load_countries()
    n1 = next(c for c in survey.criteria if c.key == "N1")
    assert (n1.name, n1.label, n1.shown) == ("N°1", "Ranked first (N°1)", "Ranked first (N°1)")
    terms = {t.key: t for t in survey.index_terms}
    assert terms["Na"].name == "Number of answer (Na)" and terms["Na"].label == "Answered about the country (Na)"
    smes = next(c for c in survey.criteria if c.key == "smes")
    assert smes.label == "" and smes.shown == smes.name  # no label: the name
