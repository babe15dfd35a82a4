"""The sensitivity panel, shared by the country and cluster pages: bands under the sliders, and one
view at a time (stability, rank acceptability or tornado), so a slider move redraws one chart.

The panel's own inputs (which view, which weight to move, SMAA draws, seed and range, the tornado's
±%) and its download do not depend on the weights: ``controls`` and ``download`` draw them, and on
the country page they sit outside the fragment, so a slider press redraws only ``panel``'s results.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st

from ui import widgets
from wiintech import export, sensitivity
from wiintech.errors import InputError
from wiintech.ranking import Ranking

VIEWS = {"stability": "Stability intervals", "smaa": "Rank acceptability (SMAA-2)", "tornado": "Tornado"}


def _fixed(v: float, digits: int) -> str:
    """A bound to ``digits`` decimals; -0.0 (or a residue such as -1e-17) reads 0, never -0."""
    return f"{round(v, digits) + 0.0:.{digits}f}"


def _raw(v: float) -> str:
    return "∞" if math.isinf(v) else _fixed(v, 2)


@dataclass(frozen=True, eq=False)
class Analysis:
    """A ranking's sensitivity, computed once per run for the bands and the panel."""

    ranking: Ranking | None
    top: int
    linear: sensitivity.Linear | None = None  # None: not covered (the problem says why) or no ranking
    intervals: pd.DataFrame | None = None  # stability intervals for the top ``top``
    problem: str | None = None


def analyse(ranking: Ranking | None, top: int) -> Analysis:
    if ranking is None:
        return Analysis(None, top)
    try:
        L = sensitivity.linear(ranking)
    except InputError as exc:
        return Analysis(ranking, top, problem=str(exc))
    return Analysis(ranking, top, L, sensitivity.intervals(L, top))


def bands(a: Analysis) -> dict:
    """The note under each slider: how far its weight can move, the others fixed, before the top k
    changes (criterion key -> text; none when there is no analysis)."""
    if a.intervals is None:
        return {}
    return {row.key: "Top {} holds from {} to {}".format(
                a.top, *(_raw(sensitivity.to_raw(t, a.ranking.weights, row.key)) for t in (row.topk_low, row.topk_high)))
            for row in a.intervals.itertuples()}


def _arrow(df: pd.DataFrame) -> pa.Table:
    """Column by column: much cheaper than Streamlit's general DataFrame conversion, on every press."""
    return pa.table({c: df[c].to_numpy() for c in df.columns})


@st.cache_data(show_spinner=False, max_entries=64)
def _smaa(names, keys, criteria, R, w, draws, seed, spread):
    L = sensitivity.Linear(names, criteria, keys, R, w)
    bounds = None if spread is None else np.column_stack([w * (1 - spread), np.minimum(1, w * (1 + spread))])
    return sensitivity.smaa(L, draws, seed, bounds)


@dataclass(frozen=True)
class Settings:
    view: str | None  # a key of VIEWS; None when the reader unselects it
    weight: int  # the criterion the one-weight chart moves
    draws: int
    seed: int
    spread: int  # SMAA: each weight within ± this % of its value; 0: anywhere on the simplex
    change: int  # tornado: ± this % on each weight


def _key(prefix: str, name: str) -> str:
    return f"{prefix}.sens.{name}"


DEFAULTS = Settings(view="stability", weight=0, draws=10_000, seed=0, spread=0, change=25)


def settings(prefix: str) -> Settings:
    """The inputs' values, also where ``controls`` did not draw them on this run (a fragment)."""
    get = st.session_state.get
    d = DEFAULTS
    return Settings(get(_key(prefix, "view"), d.view), int(get(_key(prefix, "weight"), d.weight)),
                    int(get(_key(prefix, "draws"), d.draws)), int(get(_key(prefix, "seed"), d.seed)),
                    int(get(_key(prefix, "spread"), d.spread)), int(get(_key(prefix, "change"), d.change)))


def controls(prefix: str, criteria: Sequence[str]) -> Settings:
    """Which view, and that view's inputs."""
    view = st.segmented_control("Sensitivity view", list(VIEWS), format_func=VIEWS.get,
                                key=_key(prefix, "view"), default=DEFAULTS.view)
    if view == "stability":
        st.selectbox("Move one weight", range(len(criteria)), format_func=lambda i: criteria[i],
                     key=_key(prefix, "weight"))
    elif view == "smaa":
        c1, c2, c3 = st.columns(3)
        c1.number_input("Draws", 1000, 100_000, DEFAULTS.draws, 1000, key=_key(prefix, "draws"))
        c2.number_input("Seed", 0, 10_000, DEFAULTS.seed, key=_key(prefix, "seed"))
        c3.slider("Limit each weight to ± % of its value (0: anywhere)", 0, 100, DEFAULTS.spread, 10,
                  key=_key(prefix, "spread"))
    elif view == "tornado":
        st.slider("Change each weight by ± %", 5, 100, DEFAULTS.change, 5, key=_key(prefix, "change"))
    return settings(prefix)


def panel(a: Analysis, s: Settings, label: str = "Alternative") -> None:
    """The chosen view's results for this ranking."""
    if a.linear is None:
        st.info(a.problem or "No ranking to analyse.")
        return
    if s.view == "stability":
        stability(a, min(s.weight, len(a.linear.criteria) - 1), label)
    elif s.view == "smaa":
        acceptability(a.linear, s, label)
    elif s.view == "tornado":
        tornado(a.linear, s.change)
    else:
        st.caption("Choose a view above.")


def download(prefix: str, latest: Callable[[], Ranking | None], top: int, s: Settings) -> None:
    """The view's table as CSV (none for the tornado), built when clicked from the ranking drawn last;
    the same bytes as ``python -m wiintech sensitivity``. None when the method is not covered."""
    if _linear(latest()) is None:
        return
    if s.view == "stability":
        widgets.download_csv("Download the intervals (CSV)", lambda: csv_bytes(latest(), top, s),
                             "stability-intervals.csv", key=f"dl.{prefix}.intervals")
    elif s.view == "smaa":
        widgets.download_csv("Download the acceptabilities (CSV)", lambda: csv_bytes(latest(), top, s),
                             "rank-acceptability.csv", key=f"dl.{prefix}.smaa")


def _linear(ranking: Ranking | None) -> sensitivity.Linear | None:
    try:
        return sensitivity.linear(ranking) if ranking is not None else None
    except InputError:
        return None


def csv_bytes(ranking: Ranking | None, top: int, s: Settings) -> bytes:
    """The view's table as the command line prints it (a one-line note when there is nothing to show)."""
    L = _linear(ranking)
    if L is None:
        return export.csv_bytes(pd.DataFrame({"note": ["No sensitivity analysis for this ranking."]}))
    if s.view == "smaa":
        return export.csv_bytes(_smaa_of(L, s)[0])
    return export.csv_bytes(sensitivity.interval_table(sensitivity.intervals(L, top)))


def _smaa_of(L: sensitivity.Linear, s: Settings):
    return _smaa(L.names, L.keys, L.criteria, L.R, L.w, s.draws, s.seed, s.spread / 100 if s.spread else None)


def stability(a: Analysis, j: int, label: str) -> None:
    L, table, top, raw = a.linear, a.intervals, a.top, a.ranking.weights
    shown = pd.DataFrame({
        "Criterion": table["criterion"].map(widgets.md_escape),  # st.table renders Markdown: escaped
        "Weight": [_fixed(x, 3) for x in table["weight"]],
        f"Top {top} holds": [f"{_fixed(a, 3)} – {_fixed(b, 3)}" for a, b in zip(table.topk_low, table.topk_high)],
        "Full ranking holds": [f"{_fixed(a, 3)} – {_fixed(b, 3)}" for a, b in zip(table.full_low, table.full_high)],
        f"Top {top} on the slider": [f"{_raw(sensitivity.to_raw(a, raw, k))} – {_raw(sensitivity.to_raw(b, raw, k))}"
                                           for a, b, k in zip(table.topk_low, table.topk_high, table.key)],
    })
    st.table(shown, hide_index=True)
    curves = sensitivity.curves(L, j, 51)
    crossings = [t for t in (table.topk_low[j], table.topk_high[j]) if 0 < t < 1]
    datasets = {"curves": _arrow(curves[np.isfinite(curves["score"])]),
                "current": pa.table({"t": [float(L.w[j])]}),
                "crossings": pa.table({"t": pa.array(crossings, pa.float64()),
                                       "label": pa.array([f"top {top} changes"] * len(crossings), pa.string())})}
    st.vega_lite_chart({**curves_spec(L.criteria[j], label), "datasets": datasets}, width="stretch")
    st.caption("Each weight moves while the others keep their proportions. Weights and intervals are "
               f"normalised (summing to 1), except \"Top {top} on the slider\": the slider's own scale, the "
               "other sliders staying put. Closed form: the ranking changes only where two score lines "
               "cross. Chart: black line, the current weight; red dashed lines, where the top-k set changes.")


def curves_spec(criterion: str, label: str) -> dict:
    """Every alternative's score against one weight, the current weight (black) and the top-k
    crossings (red). The data come as named datasets, so the spec stays the same while the weights
    move and the browser updates the chart's data instead of rebuilding it."""
    t = {"field": "t", "type": "quantitative"}
    return {
        "height": 320,
        "layer": [
            {"mark": {"type": "line"}, "data": {"name": "curves"},
             "encoding": {"x": {**t, "title": f"normalised weight of {criterion}"},
                          "y": {"field": "score", "type": "quantitative", "title": "score"},
                          "color": {"field": "name", "type": "nominal", "title": label},
                          "tooltip": [{"field": "name"}, {"field": "t", "format": ".2f"}, {"field": "score", "format": ".3f"}]}},
            {"mark": {"type": "rule", "color": "#111", "strokeWidth": 2}, "data": {"name": "current"},
             "encoding": {"x": t}},
            {"mark": {"type": "rule", "color": "#cc4125", "strokeDash": [5, 3]}, "data": {"name": "crossings"},
             "encoding": {"x": t}},
            {"mark": {"type": "text", "color": "#cc4125", "align": "left", "dx": 4, "y": 8},
             "data": {"name": "crossings"}, "encoding": {"x": t, "text": {"field": "label"}}},
        ],
    }


def acceptability(L: sensitivity.Linear, s: Settings, label: str) -> None:
    draws, seed, spread = s.draws, s.seed, s.spread
    try:
        acc, extra = _smaa_of(L, s)
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


def tornado(L: sensitivity.Linear, change: int) -> None:
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
    st.caption(f"The current leader, {widgets.md_escape(df.attrs['leader'])}, leads by {base:.4f} (scores with normalised "
               "weights). A bar that crosses 0 means that change alone costs it first place.")
