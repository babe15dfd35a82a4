"""The action plans' timeline chart (Vega-Lite, written with Altair and built once): bars for dated
and ongoing items, diamonds for deadlines, and a dashed rule with a number for each dated event (the
numbers' key is written under the chart: event names written along the rules overlapped where two
events share a month).

Row labels are the item's country, row and "What", wrapped on two lines rather than cut with "…"
(the whole text is in the tooltip)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import altair as alt
import pandas as pd

from ui import charts
from ui.labels import LABEL_EXPR, wrapped

from wiintech.profiles import iso

KIND_COLORS = {"dated": "#0b5394", "ongoing": "#9fc5e8", "deadline": "#cc4125"}
LINE = 56  # characters on a row label's line
LINES = 2
LANE_DAYS = 45  # events closer than this get their numbers one above the other
LANE_PX = 16
MAX_LANES = 4  # a fifth event within LANE_DAYS of four others shares the top lane


def lanes(starts: list[dt.date | None], gap_days: int = LANE_DAYS) -> list[int]:
    """For each event (in date order), the lowest lane whose last event is ``gap_days`` or more before
    it, so numbers at nearly the same date do not overlap."""
    last: list[dt.date] = []
    out = []
    for d in starts:
        if d is None:
            out.append(0)
            continue
        lane = next((i for i, prev in enumerate(last) if (d - prev).days >= gap_days), len(last))
        lane = min(lane, MAX_LANES - 1)
        if lane == len(last):
            last.append(d)
        else:
            last[lane] = d
        out.append(lane)
    return out


def chart(items: pd.DataFrame, events: pd.DataFrame) -> None:
    placed = items[items["Kind"] != "no date given"]
    full = [f"{c} {r}: {w}" for c, r, w in zip(placed["Country"], placed["Row"], placed["What"])]
    data = pd.DataFrame({
        "label": [wrapped(t, LINE, LINES) for t in full], "item": full,
        "country": placed["Country"], "kind": placed["Kind"], "when": placed["When (as printed)"],
        "start": [iso(d) for d in placed["Start"]], "end": [iso(d) for d in placed["End"]],
        "order": range(len(placed)),
    })
    ev = pd.DataFrame({"event": events["Event"], "start": [iso(d) for d in events["Start"]],
                       "when": events["When (as printed)"], "number": [str(i) for i in range(1, len(events) + 1)],
                       "lane": lanes(list(events["Start"]))})
    charts.draw(timeline_spec(), bars=data[data["kind"] != "deadline"], deadlines=data[data["kind"] == "deadline"],
                events=ev)


def key(events: pd.DataFrame) -> list[str]:
    """The numbers' key: "1 ReTECH Conference, Washington DC (October 2012)"."""
    return [f"{i} {e} ({w})" for i, (e, w) in enumerate(zip(events["Event"], events["When (as printed)"]), 1)]


@lru_cache(maxsize=1)
def timeline_spec() -> dict:
    y = alt.Y("label:N", title=None, sort=alt.EncodingSortField("order", op="min"),
              axis=alt.Axis(labelLimit=400, labelOverlap=False, labelExpr=LABEL_EXPR,
                            labelFontSize=12, labelColor="#222"))
    color = alt.Color("kind:N", title="When", scale=alt.Scale(domain=list(KIND_COLORS), range=list(KIND_COLORS.values())),
                      legend=alt.Legend(orient="bottom"))
    tooltip = [alt.Tooltip("item:N", title="Item"), alt.Tooltip("when:N", title="When (as printed)")]
    events = alt.Chart(alt.NamedData("events"))
    event_tip = [alt.Tooltip("number:N", title="Event"), alt.Tooltip("event:N", title="Name"),
                 alt.Tooltip("when:N", title="When")]
    return charts.vega(alt.layer(
        alt.Chart(alt.NamedData("bars")).mark_bar(cornerRadius=2).encode(
            y=y, x=alt.X("start:T", title=None, axis=alt.Axis(format="%b %Y", tickCount="month", labelFontSize=12)),
            x2="end:T", color=color, tooltip=tooltip),
        alt.Chart(alt.NamedData("deadlines")).mark_point(shape="diamond", size=120, filled=True).encode(
            y=y, x="end:T", color=color, tooltip=tooltip),
        events.mark_rule(strokeDash=[4, 3], color="#666").encode(x="start:T", tooltip=event_tip),
        # Each event's number above the plot, one lane (16 px) higher per nearby earlier event.
        *(events.transform_filter(f"datum.lane == {lane}").mark_text(
            fontSize=13, fontWeight="bold", color="#111", baseline="bottom").encode(
            x="start:T", y=alt.value(-4 - lane * LANE_PX), text="number:N", tooltip=event_tip)
          for lane in range(MAX_LANES)),
    ).resolve_scale(y="shared").properties(height=alt.Step(34)))
