"""Country profiles and action plans: every cell of the report shown, every empty one flagged."""

from tests.conftest import seen
from wiintech import loader

PROFILES = loader.load_profiles()
NOT_GIVEN = "— not given in the report —"


def pest_rows(at):
    """The PEST tables shown, one per country's tab."""
    for t in at.table:
        df = seen(t)
        if list(df.columns) == ["Parameter", "Issue", "Notes"]:
            yield df


def test_every_pest_cell_is_shown_and_every_empty_one_flagged(app):
    at = app("profiles")
    shown = list(pest_rows(at))
    assert len(shown) == 4
    for profile, df in zip(PROFILES, shown):
        assert len(df) == len(profile.pest)
        for row, (_, cell) in zip(profile.pest, df.iterrows()):
            assert cell["Issue"] == row.issue
            if row.notes:
                for note in row.notes:
                    assert note in cell["Notes"]
            else:
                assert cell["Notes"] == NOT_GIVEN, (profile.country, row.issue)
    flagged = sum(df["Notes"].eq(NOT_GIVEN).sum() for df in shown)
    assert flagged == sum(1 for p in PROFILES for r in p.pest if not r.notes) == 18


def test_every_swot_item_is_shown_and_an_empty_quadrant_flagged(app):
    at = app("profiles")
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    for profile in PROFILES:
        for quadrant, items in profile.swot.items():
            for item in items:
                assert f"- {item}" in text, (profile.country, quadrant, item)
    assert text.count(f"*{NOT_GIVEN}*") == 1  # the USA's threats


def test_compare_two_to_four_countries(app):
    at = app("profiles")
    at.multiselect(key="profiles.compare").set_value(["India", "USA", "Japan"]).run()
    at.selectbox(key="profiles.part").set_value("Economic").run()
    assert not at.exception
    compared = [seen(t) for t in at.table if list(seen(t).columns) == ["Table", "Issue", "Notes"]]
    assert [df["Table"].iloc[0] for df in compared] == ["Table 4", "Table 6", "Table 8"]
    assert "8.2% in 2010/11" in compared[0]["Notes"].tolist()
    at.selectbox(key="profiles.part").set_value("threats").run()
    items = [seen(t) for t in at.table if list(seen(t).columns) == ["Table", "Item"]]
    assert items[1]["Item"].tolist() == [NOT_GIVEN]  # USA: Table 7 leaves threats empty
    at.multiselect(key="profiles.compare").set_value(["India"]).run()
    assert "at least two" in at.info[0].value


def test_search_finds_every_mention_with_country_and_table(app):
    at = app("profiles")
    at.text_input(key="profiles.query").input("recycling").run()
    hits = next(seen(t) for t in at.table if "Where" in seen(t).columns)
    assert list(zip(hits["Country"], hits["Table"])) == [
        ("India", "Table 4"), ("India", "Table 5"), ("USA", "Table 7"), ("Japan", "Table 9")]
    at.text_input(key="profiles.query").input("zeppelin").run()
    assert "**0** mentions" in " ".join(m.value for m in at.markdown)


def test_action_plans_timeline_and_tables(app):
    at = app("action_plans")
    assert len(at.get("vega_lite_chart")) == 1
    assert len(at.get("download_button")) == 2 + 4
    captions = " ".join(c.value for c in at.caption)
    assert "Japan row 6" in captions  # the item with no date is named, not silently dropped
    events = next(seen(t) for t in at.table if "Event" in seen(t).columns)
    assert {"PlastAsia, Bangalore", "Brazilplast, Sao Paulo"} <= set(events["Event"])
