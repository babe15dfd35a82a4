"""Chart labels that wrap instead of being cut, and event numbers that do not overlap."""

import datetime as dt

from ui.labels import SEP, wrapped
from ui.timeline import LINE, LINES, MAX_LANES, key, lanes
from wiintech import loader, profiles


def test_a_label_wraps_on_lines_and_is_cut_only_past_them():
    assert wrapped("Polymer manufacture and processing (plastics)", 14, 4) == SEP.join(
        ["Polymer", "manufacture", "and processing", "(plastics)"])
    assert wrapped("short", 14, 2) == "short"
    long = wrapped("word " * 40, 10, 2)
    assert long.count(SEP) == 1 and long.endswith("…")
    assert wrapped("a|b", 10, 1) == "a/b"  # the separator in a name is not a line break


def test_the_timelines_row_labels_are_whole_but_for_the_longest():
    items, _ = profiles.timeline(loader.load_action_plans())
    full = [f"{c} {r}: {w}" for c, r, w in zip(items["Country"], items["Row"], items["What"])]
    labels = [wrapped(t, LINE, LINES) for t in full]
    cut = [t for t, lab in zip(full, labels) if lab.endswith("…")]
    assert len(cut) <= 2 and all(len(t) > LINE * LINES for t in cut)  # was 15 of 24 cut at 55 characters
    assert all(lab.replace(SEP, " ") == " ".join(t.split()) for t, lab in zip(full, labels) if not lab.endswith("…"))


def test_events_close_in_time_get_their_own_lane():
    d = dt.date
    assert lanes([d(2012, 10, 1), d(2012, 11, 1), d(2012, 11, 1), d(2013, 2, 15), d(2013, 5, 20)]) == [0, 1, 2, 0, 0]
    assert max(lanes([d(2012, 1, 1)] * 9)) == MAX_LANES - 1
    _, events = profiles.timeline(loader.load_action_plans())
    assert key(events)[0] == "1 ReTECH Conference, Washington DC (October 2012)"
