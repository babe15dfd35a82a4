import pytest

from wiintech import loader, report, shortlist

TARGETS = loader.load_cluster_targets()


def rows():
    return [{"name": c.name, "country": c.country, **c.scores} for c in TARGETS.scored()]


def test_the_report_rows_are_valid():
    valid, problems = shortlist.validate_rows(rows(), TARGETS)
    assert problems == [] and len(valid) == 9


@pytest.mark.parametrize("change, message", [
    ({"interaction": 11}, "Row 6 › Interaction: 11 is outside 1–10"),
    ({"fit": 0}, "Row 6 › Fit for Programme: 0 is outside 1–10"),
    ({"size": "big"}, "Row 6 › Size: 'big' is not a number"),
    ({"size": None}, "Row 6 › Size: is blank"),  # a new row's empty cell: never "None"
    ({"size": float("nan")}, "Row 6 › Size: is blank"),
    ({"country": None}, "Row 6 › country: is blank: choose one of Brazil, India, USA, Japan"),
    ({"name": "  "}, "Row 6 › name: is blank"),
    ({"name": "plastindia"}, "Row 6 › name: 'plastindia' is already used by row 3"),
    ({"name": "Ohio Polymer Institute"}, "is already used by an unscored candidate"),
    ({"country": "Atlantis"}, "Row 6 › country: 'Atlantis' is not one of Brazil, India, USA, Japan"),
])
def test_a_bad_row_gets_a_message_and_is_left_out(change, message):
    edited = rows()
    edited[5].update(change)
    valid, problems = shortlist.validate_rows(edited, TARGETS)
    assert any(message in str(p) for p in problems), [str(p) for p in problems]
    assert len(valid) == 8 and all(v["name"] != "San Diego" for v in valid)


def test_numbers_typed_as_text_are_accepted():
    edited = rows()
    edited[0]["fit"] = " 9 "
    valid, problems = shortlist.validate_rows(edited, TARGETS)
    assert not problems and valid[0]["fit"] == 9.0


def test_apply_marks_rescored_and_new_candidates_as_workshop_edits():
    edited = rows()
    edited[5]["interaction"] = 7
    edited.append({"name": "Texas Cleantech", "country": "USA", "fit": 7, "size": 5, "interaction": 5})
    targets = shortlist.apply_rows(TARGETS, shortlist.validate_rows(edited, TARGETS)[0])
    by_name = {c.name: c for c in targets.candidates}
    assert by_name["San Diego"].source == "workshop edit" and by_name["San Diego"].printed_total is None
    assert by_name["Suape/Pernambuco"].source == "Table 10" and by_name["Suape/Pernambuco"].printed_total == 700
    assert by_name["Texas Cleantech"].scores == {"fit": 7, "size": 5, "interaction": 5}
    assert len(targets.unscored()) == 2  # the consensus-note candidates are kept
    ranking = report.rank_clusters(targets, "USA")
    assert ranking.table()["name"].tolist()[:2] == ["San Diego", "Texas Cleantech"]


def test_yaml_loads_back_unchanged(tmp_path):
    edited = rows()
    edited[2]["fit"] = 3
    edited.append({"name": "Texas Cleantech", "country": "USA", "fit": 7, "size": 5, "interaction": 5})
    for targets in (TARGETS, shortlist.apply_rows(TARGETS, shortlist.validate_rows(edited, TARGETS)[0])):
        (tmp_path / "cluster_targets.yaml").write_text(shortlist.to_yaml(targets), encoding="utf-8")
        assert loader.load_cluster_targets(tmp_path) == targets


def test_top_k_per_country_keeps_ties_at_the_cut():
    ranking = report.rank_clusters(TARGETS)
    countries = ranking.matrix.extra["country"]
    assert shortlist.shortlist(ranking, countries, "top", k=1) == {
        "Suape/Pernambuco", "Indian Chemical Council", "SPI: The Plastics Industry Trade Association Inc",
        "Kyushu Recycle & Environmental Industry Plaza"}
    assert len(shortlist.shortlist(ranking, countries, "top", k=2)) == 8  # Brazil, India, USA 2 each; Japan 2
    tied = report.rank_clusters(shortlist.apply_rows(TARGETS, [
        {"name": "A", "country": "USA", "fit": 5, "size": 5, "interaction": 5},
        {"name": "B", "country": "USA", "fit": 5, "size": 5, "interaction": 5}]))
    assert shortlist.shortlist(tied, tied.matrix.extra["country"], "top", k=1) == {"A", "B"}


def test_threshold_on_the_rescaled_total():
    ranking = report.rank_clusters(TARGETS, weights={"fit": 2})
    rescaled = report.rescaled_total(ranking, 10)
    picked = shortlist.shortlist(ranking, ranking.matrix.extra["country"], "threshold",
                                 threshold=300, rescaled=rescaled)
    assert picked == {"Suape/Pernambuco", "Indian Chemical Council", "PlastIndia"}  # 700, 490, 343 → 240.1 out


def test_the_measured_top_k_of_a_shortlist():
    assert shortlist.measured_top("top", 2, "India", {"a", "b", "c"}) == 2  # one country's top k
    assert shortlist.measured_top("top", 1, None, {"a", "b", "c", "d"}) == 4  # every country: the shortlist
    assert shortlist.measured_top("threshold", 1, "India", set()) == 1  # never 0
