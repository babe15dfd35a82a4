"""The action plans' timeline chart (Vega-Lite, written with Altair and built once): bars for dated
and ongoing items, diamonds for deadlines, and a rule with a label for each dated event."""

from __future__ import annotations

from functools import lru_cache

import altair as alt
import pandas as pd

from ui import charts

from wiintech.profiles import iso, short

KIND_COLORS = {"dated": "#0b5394", "ongoing": "#9fc5e8", "deadline": "#cc4125"}


def chart(items: pd.DataFrame, events: pd.DataFrame) -> None:
    placed = items[items["Kind"] != "no date given"]
    data = pd.DataFrame({
        "label": [f"{c} {r}: {short(w, 55)}" for c, r, w in zip(placed["Country"], placed["Row"], placed["What"])],
        "country": placed["Country"], "kind": placed["Kind"], "when": placed["When (as printed)"],
        "start": [iso(d) for d in placed["Start"]], "end": [iso(d) for d in placed["End"]],
        "order": range(len(placed)),
    })
    ev = pd.DataFrame({"event": events["Event"], "start": [iso(d) for d in events["Start"]],
                       "when": events["When (as printed)"]})
    charts.draw(timeline_spec(), bars=data[data["kind"] != "deadline"], deadlines=data[data["kind"] == "deadline"],
                events=ev)


@lru_cache(maxsize=1)
def timeline_spec() -> dict:
    y = alt.Y("label:N", title=None, axis=alt.Axis(labelLimit=420, labelOverlap=False),
              sort=alt.EncodingSortField("order", op="min"))
    color = alt.Color("kind:N", title="When", scale=alt.Scale(domain=list(KIND_COLORS), range=list(KIND_COLORS.values())),
                      legend=alt.Legend(orient="bottom"))
    tooltip = [alt.Tooltip("label:N", title="Item"), alt.Tooltip("when:N", title="When (as printed)")]
    events = alt.Chart(alt.NamedData("events"))
    return charts.vega(alt.layer(
        alt.Chart(alt.NamedData("bars")).mark_bar(cornerRadius=2).encode(
            y=y, x=alt.X("start:T", title=None, axis=alt.Axis(format="%b %Y", tickCount="month")), x2="end:T",
            color=color, tooltip=tooltip),
        alt.Chart(alt.NamedData("deadlines")).mark_point(shape="diamond", size=120, filled=True).encode(
            y=y, x="end:T", color=color, tooltip=tooltip),
        events.mark_rule(strokeDash=[4, 3], color="#666").encode(
            x="start:T", tooltip=[alt.Tooltip("event:N"), alt.Tooltip("when:N", title="When")]),
        events.mark_text(angle=270, align="left", dx=4, dy=-4, fontSize=12, y=0, color="#333").encode(
            x="start:T", text="event:N"),
    ).resolve_scale(y="shared").properties(height=alt.Step(24)))
