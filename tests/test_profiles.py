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
