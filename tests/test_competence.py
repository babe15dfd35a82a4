import pytest

from wiintech import competence, loader
from wiintech.errors import DataError

CMAP = loader.load_competence_map()


def test_every_table1_focus_is_a_report_fact_and_the_rest_are_estimates():
    facts = competence.facts_table(CMAP)
    report = facts[facts["Provenance"] == "report"]
    assert set(report["Cluster"]) == {"Plastipolis", "Proplast", "Chemie Cluster Bayern", "NEPIC",
                                      "Plastival", "Veneto Nanotech", "Poolnet"}
    assert (report["Kind"] == "technology").all() and report["Source"].str.startswith("Table 1").all()
    assert set(facts["Provenance"]) == {"report", "workshop estimate"}


def test_coverage_counts_and_gaps():
    cov = competence.coverage(CMAP).set_index(["application", "technology"])
    cell = cov.loc[("Recycling / Reused Materials", "Polymer manufacture and processing (plastics)")]
    assert cell["clusters"] == 3 and cell["who"] == "Plastipolis, Proplast, Plastival"
    assert cell["provenance"] == "workshop estimate"  # the applications are estimates
    assert len(competence.gaps(competence.coverage(CMAP))) == 24
    only = competence.coverage(CMAP, ["Poolnet"])
    assert len(competence.gaps(only)) == 42 - 2
    assert competence.gaps(competence.coverage(CMAP, [])) == [
        (a.name, t.name) for a in CMAP.applications for t in CMAP.technologies]


def test_a_cell_is_report_only_when_both_facts_are():
    edited = competence.from_grid(CMAP, competence.grid(CMAP))
    assert edited == CMAP  # an untouched grid changes nothing
    poolnet = next(c for c in CMAP.clusters if c.cluster == "Poolnet")
    stated = competence.ClusterCompetence("Poolnet", poolnet.technologies,
                                          (competence.Fact("building", "report", "test"),))
    cmap = competence.CompetenceMap(CMAP.technologies, CMAP.applications, (stated,))
    cov = competence.coverage(cmap).set_index(["application", "technology"])
    assert cov.loc[("High efficiency building and construction", "Engineering and tooling"), "provenance"] == "report"


def test_ticks_added_in_the_room_are_estimates_and_yaml_loads_back(data_copy):
    grid = competence.grid(CMAP)
    grid.loc[grid["cluster"] == "Clusterland", "tech:chemicals"] = True
    grid.loc[grid["cluster"] == "Plastipolis", "tech:polymer"] = False
    edited = competence.from_grid(CMAP, grid)
    clusterland = next(c for c in edited.clusters if c.cluster == "Clusterland")
    assert clusterland.technologies == (competence.Fact("chemicals", "workshop estimate"),)
    assert len(competence.gaps(competence.coverage(edited))) == 22 + 1  # two filled, one opened
    (data_copy / "competence_map.yaml").write_text(competence.to_yaml(edited), encoding="utf-8")
    assert loader.load_competence_map(data_copy) == edited


@pytest.mark.parametrize("old, new, message", [
    ("cluster: Poolnet", "cluster: Atlantis Plastics", "Atlantis Plastics › cluster: 'Atlantis Plastics' is not one of the EU clusters"),
    ("{key: waste, provenance: workshop estimate}", "{key: space, provenance: workshop estimate}", "NEPIC › applications #2 › key: 'space' is not one of the applications"),
    ("{key: nanotech, provenance: report, source: \"Table 1: Nanotech\"}", "{key: nanotech, provenance: guess}", "Veneto Nanotech › technologies #1 › provenance: 'guess' is not one of report, workshop estimate"),
    ("{key: tooling, provenance: report, source: \"Table 1: Engineering and Tooling Industry\"}", "{key: tooling, provenance: report}", "Poolnet › technologies #1 › source: is missing"),
    ("{key: chemicals, provenance: report, source: \"Table 1: Chemicals\"}", "{key: robots, provenance: report, source: x}", "'robots' is not one of the technologies"),
])
def test_the_loader_names_bad_values_and_unknown_clusters(data_copy, old, new, message):
    path = data_copy / "competence_map.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as err:
        loader.load_competence_map(data_copy)
    assert message in str(err.value), str(err.value)


def test_related_targets_cover_the_led_and_linked_countries_leads_first():
    targets = loader.load_cluster_targets()
    for cluster in loader.load_eu_clusters():
        related = competence.related_targets(cluster, targets)
        countries = [*cluster.leads, *(l.country for l in cluster.links_abroad if l.country)]
        assert list(related) == [c for c in dict.fromkeys(countries) if c in targets.sources]
        for country, names in related.items():
            assert names == [x.name for x in targets.candidates if x.country == country]
    led = next(c for c in loader.load_eu_clusters() if c.leads)
    assert list(competence.related_targets(led, targets))[0] == led.leads[0]
