import datetime as dt

from wiintech import loader, profiles

PROFILES = loader.load_profiles()
PLANS = loader.load_action_plans()


def test_search_is_case_insensitive_and_literal():
    assert len(profiles.search(PROFILES, "RECYCLING")) == 4
    assert len(profiles.search(PROFILES, "$70bn")) == 1  # regex characters are taken literally
    assert profiles.search(PROFILES, "  ").empty


def test_compare_keeps_empty_cells_as_none():
    df = profiles.compare_pest(PROFILES, ["India", "USA"], "Economic")
    assert df["Notes"].isna().sum() == 4  # India: inflation, trade; USA: inflation, trade
    swot = profiles.compare_swot(PROFILES, ["Brazil", "USA"], "threats")
    assert swot[swot["Country"] == "USA"]["Item"].isna().all()


def test_timeline_places_dated_deadline_ongoing_and_undated_items():
    items, events = profiles.timeline(PLANS)
    kinds = items.groupby("Kind").size().to_dict()
    assert kinds == {"dated": 12, "deadline": 4, "ongoing": 7, "no date given": 1}
    ongoing = items[items["Kind"] == "ongoing"].iloc[0]
    assert (ongoing["Start"], ongoing["End"]) == (dt.date(2012, 7, 1), dt.date(2013, 10, 31))
    plastasia = events.set_index("Event").loc["PlastAsia, Bangalore"]
    assert (plastasia["Start"], plastasia["End"]) == (dt.date(2013, 2, 15), dt.date(2013, 2, 18))


def test_compare_dispatches_on_the_part_and_splits_by_country_in_the_given_order():
    assert profiles.part_label("Economic") == "PEST: Economic" and profiles.part_label("threats") == "SWOT: Threats"
    df = profiles.compare(PROFILES, ["USA", "India"], "threats")
    split = profiles.per_country(df, ["USA", "India"])
    assert list(split) == ["USA", "India"] and list(split["USA"].columns) == ["Table", "Item"]
    assert split["USA"]["Item"].isna().all() and len(split["India"]) > 0
    assert "Issue" in profiles.compare(PROFILES, ["USA", "India"], "Economic").columns


def test_undated_items_are_named_by_country_and_row():
    items, _ = profiles.timeline(PLANS)
    assert len(profiles.undated(items)) == 1 and " row " in profiles.undated(items)[0]
