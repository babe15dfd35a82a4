"""The sensitivity panel, shared by the country and cluster pages: bands under the sliders, and one
view at a time (stability, rank acceptability or tornado), so a slider move redraws one chart."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from ui import widgets
from wiintech import export, sensitivity
from wiintech.errors import InputError
from wiintech.ranking import Ranking

VIEWS = {"stability": "Stability intervals", "smaa": "Rank acceptability (SMAA-2)", "tornado": "Tornado"}


def _raw(v: float) -> str:
    return "∞" if math.isinf(v) else f"{v:.2f}"


def bands(ranking: Ranking, top: int, slots: dict) -> None:
    """Under each slider: how far its weight can move, the others fixed, before the top k changes."""
    try:
        table = sensitivity.intervals(sensitivity.linear(ranking), top)
    except InputError:
        return
    raw = ranking.weights
    for row in table.itertuples():
        if row.key in slots:
            lo, hi = (sensitivity.to_raw(t, raw, row.key) for t in (row.topk_low, row.topk_high))
            slots[row.key].caption(f"Top {top} holds from {_raw(lo)} to {_raw(hi)}")


@st.cache_data(show_spinner=False, max_entries=64)
def _smaa(names, keys, criteria, R, w, draws, seed, spread):
    L = sensitivity.Linear(names, criteria, keys, R, w)
    bounds = None if spread is None else np.column_stack([w * (1 - spread), np.minimum(1, w * (1 + spread))])
    return sensitivity.smaa(L, draws, seed, bounds)


def panel(ranking: Ranking, top: int, prefix: str, label: str = "Alternative") -> None:
    try:
        L = sensitivity.linear(ranking)
    except InputError as exc:
        st.info(str(exc))
        return
    view = st.segmented_control("Sensitivity view", list(VIEWS), format_func=VIEWS.get,
                                key=f"{prefix}.sens.view", default="stability")
    if view == "stability":
        stability(L, ranking, top, prefix, label)
    elif view == "smaa":
        acceptability(L, prefix, label)
    elif view == "tornado":
        tornado(L, prefix)


def stability(L: sensitivity.Linear, ranking: Ranking, top: int, prefix: str, label: str) -> None:
    table = sensitivity.intervals(L, top)
    raw = ranking.weights
    shown = pd.DataFrame({
        "Criterion": table["criterion"],
        "Weight (normalised)": table["weight"].map("{:.3f}".format),
        f"Top {top} holds (normalised)": [f"{a:.3f} – {b:.3f}" for a, b in zip(table.topk_low, table.topk_high)],
        "Full ranking holds (normalised)": [f"{a:.3f} – {b:.3f}" for a, b in zip(table.full_low, table.full_high)],
        f"Top {top} holds (slider scale)": [f"{_raw(sensitivity.to_raw(a, raw, k))} – {_raw(sensitivity.to_raw(b, raw, k))}"
                                           for a, b, k in zip(table.topk_low, table.topk_high, table.key)],
    })
    st.table(shown, hide_index=True)
    st.caption("Each weight moves while the others keep their proportions (on a slider: the other "
               "sliders stay put). Normalised weights sum to 1. Closed form: the ranking changes only "
               "where two score lines cross.")
    widgets.download_csv("Download the intervals (CSV)", lambda: export.csv_bytes(sensitivity.interval_table(table)),
                         "stability-intervals.csv", key=f"dl.{prefix}.intervals")
    j = st.selectbox("Move one weight", range(len(L.criteria)), format_func=lambda i: L.criteria[i],
                     key=f"{prefix}.sens.weight")
    curves = sensitivity.curves(L, j, 51)
    crossings = pd.DataFrame({"t": [x for x in (table.topk_low[j], table.topk_high[j]) if 0 < x < 1]})
    spec = {
        "height": 320,
        "layer": [
            {"mark": {"type": "line"}, "data": {"values": curves[np.isfinite(curves["score"])].to_dict("records")},
             "encoding": {"x": {"field": "t", "type": "quantitative", "title": f"normalised weight of {L.criteria[j]}"},
                          "y": {"field": "score", "type": "quantitative", "title": "score"},
                          "color": {"field": "name", "type": "nominal", "title": label},
                          "tooltip": [{"field": "name"}, {"field": "t", "format": ".2f"}, {"field": "score", "format": ".3f"}]}},
            {"mark": {"type": "rule", "color": "#111", "strokeWidth": 2}, "data": {"values": [{"t": float(L.w[j])}]},
             "encoding": {"x": {"field": "t", "type": "quantitative"}}},
            {"mark": {"type": "rule", "color": "#cc4125", "strokeDash": [5, 3]}, "data": {"values": crossings.to_dict("records")},
             "encoding": {"x": {"field": "t", "type": "quantitative"}}},
            {"mark": {"type": "text", "color": "#cc4125", "align": "left", "dx": 4, "y": 8},
             "data": {"values": crossings.assign(label=f"top {top} changes").to_dict("records")},
             "encoding": {"x": {"field": "t", "type": "quantitative"}, "text": {"field": "label"}}},
        ],
    }
    st.vega_lite_chart(spec, width="stretch")
    st.caption("Black line: the current weight. Red dashed lines: where the top-k set changes.")


def acceptability(L: sensitivity.Linear, prefix: str, label: str) -> None:
    c1, c2, c3 = st.columns(3)
    draws = c1.number_input("Draws", 1000, 100_000, 10_000, 1000, key=f"{prefix}.sens.draws")
    seed = c2.number_input("Seed", 0, 10_000, 0, key=f"{prefix}.sens.seed")
    spread = c3.slider("Limit each weight to ± % of its value (0: anywhere)", 0, 100, 0, 10, key=f"{prefix}.sens.spread")
    try:
        acc, extra = _smaa(L.names, L.keys, L.criteria, L.R, L.w, int(draws), int(seed),
                           spread / 100 if spread else None)
    except InputError as exc:
        st.warning(str(exc))
        return
    long = acc.melt(id_vars="name", var_name="rank", value_name="share")
    long["rank"] = long["rank"].str.removeprefix("rank_").astype(int)
    spec = {
        "height": {"step": 26},
        "layer": [
            {"mark": "rect", "encoding": {
                "x": {"field": "rank", "type": "ordinal", "title": "rank"},
                "y": {"field": "name", "type": "nominal", "title": None, "sort": None},
                "color": {"field": "share", "type": "quantitative", "scale": {"scheme": "blues", "domain": [0, 1]},
                          "title": "probability"},
                "tooltip": [{"field": "name", "title": label}, {"field": "rank"},
                            {"field": "share", "format": ".1%"}]}},
            {"mark": {"type": "text", "fontSize": 11}, "encoding": {
                "x": {"field": "rank", "type": "ordinal"}, "y": {"field": "name", "type": "nominal", "sort": None},
                "text": {"field": "share", "format": ".0%"},
                "color": {"condition": {"test": "datum.share > 0.5", "value": "white"}, "value": "#222"}}},
        ],
    }
    st.vega_lite_chart(long, spec, width="stretch")
    st.caption(f"Weights drawn uniformly on the simplex{'' if not spread else f', each within ±{spread}% of its current value'}"
               f" ({int(draws):,} draws, seed {int(seed)}). Central weights: the mean weights that make an "
               "alternative first. Confidence factor: 1 if it is first at its own central weights (the "
               "criteria values here are exact).")
    widgets.table(extra.rename(columns={"name": label}).round(3), empty="—")
    widgets.download_csv("Download the acceptabilities (CSV)", lambda: export.csv_bytes(acc), "rank-acceptability.csv",
                         key=f"dl.{prefix}.smaa")


def tornado(L: sensitivity.Linear, prefix: str) -> None:
    change = st.slider("Change each weight by ± %", 5, 100, 25, 5, key=f"{prefix}.sens.change")
    df = sensitivity.tornado(L, change / 100)
    long = pd.DataFrame({"criterion": list(df["criterion"]) * 2,
                         "side": [f"−{change}%"] * len(df) + [f"+{change}%"] * len(df),
                         "margin": list(df["margin_low"]) + list(df["margin_high"])})
    base = df.attrs["margin"]
    spec = {
        "height": {"step": 30},
        "layer": [
            {"mark": "bar", "encoding": {
                "y": {"field": "criterion", "type": "nominal", "title": None, "axis": {"labelLimit": 320}},
                "x": {"field": "margin", "type": "quantitative", "title": f"{df.attrs['leader']}'s lead over the runner-up"},
                "x2": {"datum": base},
                "color": {"field": "side", "type": "nominal", "title": "weight",
                          "scale": {"range": ["#cc4125", "#0b5394"]}},
                "tooltip": [{"field": "criterion"}, {"field": "side"}, {"field": "margin", "format": ".4f"}]}},
            {"mark": {"type": "rule", "color": "#111"}, "encoding": {"x": {"datum": base}}},
        ],
    }
    st.vega_lite_chart(long, spec, width="stretch")
    st.caption(f"The current leader, {df.attrs['leader']}, leads by {base:.4f} (scores with normalised "
               "weights). A bar that crosses 0 means that change alone costs it first place.")
