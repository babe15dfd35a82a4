"""The live ranking's headline: previous and current rankings → one sentence."""

import pytest

from wiintech.headline import Standing, change, headline, leader, ordinal

FOUR = ["USA", "China", "Brazil", "India"]


def s(names, ranks=None):
    return Standing.of(names, ranks or range(1, len(names) + 1))


def test_the_first_view_says_who_leads_and_the_top_k_without_a_last_move():
    assert headline(None, s(FOUR), 3) == "USA leads · top 3: USA, China, Brazil."


def test_one_place_swapped_is_an_overtaking():
    text = headline(s(FOUR), s(["USA", "Brazil", "China", "India"]), 3)
    assert text == "USA leads · top 3: USA, Brazil, China · last move: Brazil overtook China for 2nd."


def test_a_new_leader_is_said_first():
    assert change(s(FOUR), s(["China", "USA", "Brazil", "India"])) == "China took the lead from USA"


def test_entering_and_leaving_the_top_k():
    before, now = s(FOUR), s(["USA", "China", "India", "Brazil"])
    assert change(before, now, before.top(3), now.top(3), "top 3") == \
        "India overtook Brazil for 3rd; India entered the top 3, Brazil dropped out"


def test_a_rise_past_several():
    now = s(["India", "USA", "China", "Brazil"])
    assert change(s(FOUR), now) == "India took the lead from USA"
    now = s(["USA", "India", "China", "Brazil"])
    assert change(s(FOUR), now) == "India rose from 4th to 2nd, past China and Brazil"


def test_ties_draw_level_and_share_first():
    tied = s(["USA", "China", "Brazil", "India"], [1, 1, 3, 4])
    assert change(s(FOUR), tied) == "China drew level with USA for 1st"
    assert leader(tied) == "USA and China share 1st"
    assert headline(None, tied, 1) == "USA and China share 1st · top 1: USA, China."
    level2 = s(["USA", "China", "Brazil", "India"], [1, 2, 2, 4])
    assert change(s(FOUR), level2) == "Brazil drew level with China for 2nd"
    assert change(level2, s(FOUR)) == "Brazil fell from 2nd to 3rd"


def test_no_change_says_so():
    assert headline(s(FOUR), s(FOUR), 3).endswith("last move: no place changed.")


def test_a_shortlist_in_place_of_the_top_k():
    before = s(["Suape", "ICC", "SPI", "San Diego"], [1, 1, 3, 4])
    now = s(["Suape", "ICC", "San Diego", "SPI"], [1, 1, 3, 4])
    text = headline(before, now, 1, "shortlist", top_now=["Suape", "ICC", "San Diego"], top_before=["Suape", "ICC", "SPI"])
    assert text == ("Suape and ICC share 1st · shortlist: Suape, ICC, San Diego · last move: San Diego overtook "
                    "SPI for 3rd; San Diego entered the shortlist, SPI dropped out.")
    text = headline(None, now, 1, "shortlist (top 1 per country)", top_now=["Suape", "ICC"], lead=False)
    assert text == "Shortlist (top 1 per country): Suape, ICC."


@pytest.mark.parametrize("n, word", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"),
                                     (12, "12th"), (13, "13th"), (21, "21st"), (22, "22nd"), (101, "101st")])
def test_ordinals(n, word):
    assert ordinal(n) == word


def test_an_empty_ranking_and_a_mismatched_standing():
    assert headline(None, s([]), 3) == "Nothing is ranked."
    with pytest.raises(ValueError):
        Standing(("a",), ())
