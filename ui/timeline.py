"""The action plans' timeline chart (Vega-Lite): bars for dated and ongoing items, diamonds for
deadlines, and a rule with a label for each dated event."""

from __future__ import annotations

import pandas as pd
import streamlit as st

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
    y = {"field": "label", "type": "nominal", "title": None,
         "axis": {"labelLimit": 420, "labelOverlap": False},
         "sort": {"field": "order", "op": "min"}}
    color = {"field": "kind", "type": "nominal", "title": "When",
             "scale": {"domain": list(KIND_COLORS), "range": list(KIND_COLORS.values())},
             "legend": {"orient": "bottom"}}
    tooltip = [{"field": "label", "title": "Item"}, {"field": "when", "title": "When (as printed)"}]
    spec = {
        "height": {"step": 24},
        "layer": [
            {"data": {"values": data[data["kind"] != "deadline"].to_dict("records")},
             "mark": {"type": "bar", "cornerRadius": 2},
             "encoding": {"y": y, "x": {"field": "start", "type": "temporal", "title": None,
                                            "axis": {"format": "%b %Y", "tickCount": "month"}},
                          "x2": {"field": "end"}, "color": color, "tooltip": tooltip}},
            {"data": {"values": data[data["kind"] == "deadline"].to_dict("records")},
             "mark": {"type": "point", "shape": "diamond", "size": 120, "filled": True},
             "encoding": {"y": y, "x": {"field": "end", "type": "temporal"}, "color": color,
                          "tooltip": tooltip}},
            {"data": {"values": ev.to_dict("records")},
             "mark": {"type": "rule", "strokeDash": [4, 3], "color": "#666"},
             "encoding": {"x": {"field": "start", "type": "temporal"},
                          "tooltip": [{"field": "event"}, {"field": "when", "title": "When"}]}},
            {"data": {"values": ev.to_dict("records")},
             "mark": {"type": "text", "angle": 270, "align": "left", "dx": 4, "dy": -4, "fontSize": 12,
                      "y": 0, "color": "#333"},
             "encoding": {"x": {"field": "start", "type": "temporal"}, "text": {"field": "event"}}},
        ],
        "resolve": {"scale": {"y": "shared"}},
    }
    st.vega_lite_chart(spec, width="stretch")
