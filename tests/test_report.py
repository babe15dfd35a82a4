"""Every number the report prints, reproduced by the library."""

import pandas as pd
import pytest

from wiintech import loader, report, tables
from wiintech.ranking import rank

PRINTED_INDEX = {"USA": 75.55, "Brazil": 44, "Mexico": 15.15, "India": 25.5, "China": 47.1,
                 "Korea": 20.6, "Japan": 23, "Russia": 13.81, "Morocco": 20.32}
PRINTED_TOTALS = {"Suape/Pernambuco": 700, "Rio Grande do Sul/Porto Alegre": 343, "PlastIndia": 490,
                  "Indian Chemical Council": 700, "SPI: The Plastics Industry Trade Association Inc": 150,
                  "San Diego": 100, "Nagano techno Foundation": 63,
                  "Japan Plastics Industry Federation (JPIF)": 21,
                  "Kyushu Recycle & Environmental Industry Plaza": 70}


@pytest.fixture(scope="module")
def survey():
    return loader.load_countries()


@pytest.fixture(scope="module")
def targets():
    return loader.load_cluster_targets()


def test_synthetic_index_with_all_weights_one_is_the_printed_index(survey):
    ranking = report.rank_countries(survey, "seed")
    scores = dict(zip(ranking.matrix.names, ranking.scores))
    for country, printed in PRINTED_INDEX.items():
        assert round(scores[country], 2) == printed, country
    assert survey.printed_index == PRINTED_INDEX  # the data file's reference copy matches too
    assert ranking.table()["name"].tolist()[:3] == ["USA", "China", "Brazil"]


def test_weights_act_on_each_index_term(survey):
    ranking = report.rank_countries(survey, "seed", {"N": 2, "reach": 0})
    usa = dict(zip(ranking.matrix.names, ranking.scores))["USA"]
    assert usa == pytest.approx(2 * 10 + 7 + 5)


def test_step1_lexicographic_order_is_the_report_row_order(survey):
    df = tables.step1(survey)
    assert df["Country"].tolist() == list(survey.names)
    assert df["Step-1 rank"].tolist() == list(range(1, 10))


def test_cluster_product_reproduces_every_printed_total(targets):
    ranking = report.rank_clusters(targets)
    totals = dict(zip(ranking.matrix.names, ranking.scores))
    assert totals == PRINTED_TOTALS
    assert all(c.printed_total == PRINTED_TOTALS[c.name] for c in targets.scored())
    df = ranking.table()
    assert df["rank"].tolist()[:3] == [1, 1, 3]  # Suape and ICC tie at 700
    assert df["name"].tolist()[:2] == ["Suape/Pernambuco", "Indian Chemical Council"]


def test_rescaled_total_is_out_of_1000(targets):
    ranking = report.rank_clusters(targets, "Brazil", {"fit": 2})
    assert ranking.scores.tolist() == [7000, 2401]
    assert report.rescaled_total(ranking, 10).tolist() == pytest.approx([700, 240.1])


def test_cluster_ranking_for_one_country(targets):
    ranking = report.rank_clusters(targets, "Japan")
    assert ranking.table()["name"].tolist() == [
        "Kyushu Recycle & Environmental Industry Plaza", "Nagano techno Foundation",
        "Japan Plastics Industry Federation (JPIF)"]


def test_other_methods_rank_all_nine_countries(survey):
    for method in ("wsum", "topsis"):
        ranking = report.rank_countries(survey, method)
        assert sorted(ranking.ranks.tolist()) == list(range(1, 10)), method
        assert ranking.table()["name"].iloc[0] == "USA", method  # USA leads on every criterion
    # The weighted product is 0 for every country with N°1 = 0: they share the last rank.
    ranking = report.rank_countries(survey, "wprod")
    zero = {n for n, s in zip(ranking.matrix.names, ranking.scores) if s == 0}
    assert zero == {"Mexico", "China", "Morocco"}
    assert {int(r) for n, r in zip(ranking.matrix.names, ranking.ranks) if n in zero} == {7}


def test_lead_partners_decided_countries_and_progress_come_from_one_place():
    clusters, survey = loader.load_eu_clusters(), loader.load_countries()
    leads = tables.lead_partners(clusters)
    assert leads == {country: c.name for c in clusters for country in c.leads} and len(leads) == 4
    assert tables.decision(survey, clusters)["Lead EU partner"].dropna().tolist() == [
        leads[d.country] for d in survey.decision if d.country in leads]
    assert [d.country for d in tables.decided(survey)] == ["USA", "Brazil", "India", "Japan"]
    done, total = tables.tactics_progress(loader.load_roadmap())
    assert total == 10 and 0 < done < total


def test_the_report_comparison_table():
    df = tables.report_comparison(loader.load_countries())
    assert list(df.columns) == ["Country", "Step 1", "Index", "Printed", "Decision"]
    usa = df.set_index("Country").loc["USA"]
    assert (usa["Step 1"], usa["Index"], usa["Printed"], usa["Decision"]) == (1, 1, 75.55, "Selected")
    assert df.set_index("Country").loc["China", "Index"] == 2


def test_the_method_object_says_which_matrix_it_ranks():
    m = report.country_matrices(loader.load_countries())
    assert m.for_method("seed") is m.index and [c.key for c in m.index.criteria] == ["N", "Na", "N1", "reach"]
    for method in ("wsum", "wprod", "topsis", "promethee"):
        assert m.for_method(method) is m.criteria


def test_the_methods_table_is_the_method_objects():
    df = tables.methods().set_index("Method")
    assert df.loc["TOPSIS", "Normalisations"] == "vector normalisation, min-max normalisation"
    assert pd.isna(df.loc["TOPSIS", "Linear in the weights"])
    assert df.loc["PROMETHEE II", "Linear in the weights"].startswith("the net flow")
    assert df["A cost criterion"].notna().all()
