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
from functools import lru_cache

import altair as alt

import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st

from ui import charts, paging, widgets
from wiintech import export, sensitivity
from wiintech.errors import InputError
from wiintech.ranking import Ranking

CURVE_LINES = 30  # past this many alternatives, the one-weight chart draws the lines that reach the top

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


def covered(ranking: Ranking) -> str:
    """What the analysis works on, said in the panel: e.g. PROMETHEE II's net flow, linear in the weights."""
    m = ranking.method
    if not sensitivity.covers(m):
        return ""
    return f":gray[{m.name}: the analysis works on {m.transform}, which is linear in the weights.]"


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
    return sensitivity.smaa(L, draws, seed, sensitivity.spread_bounds(w, spread))


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
        acceptability(a.linear, s, label, a.ranking.order)
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
    return _smaa(L.names, L.keys, L.criteria, L.R, L.w, s.draws, s.seed, s.spread)


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
    reach = None if len(L.names) <= CURVE_LINES else min(max(top, 5), CURVE_LINES)
    curves = sensitivity.curves(L, j, 51, reach)
    crossings = [t for t in (table.topk_low[j], table.topk_high[j]) if 0 < t < 1]
    datasets = {"curves": _arrow(curves[np.isfinite(curves["score"])]),
                "current": pa.table({"t": [float(L.w[j])]}),
                "crossings": pa.table({"t": pa.array(crossings, pa.float64()),
                                       "label": pa.array([f"top {top} changes"] * len(crossings), pa.string())})}
    charts.draw(curves_spec(L.criteria[j], label), **datasets)
    st.caption("Each weight moves while the others keep their proportions. Weights and intervals are "
               f"normalised (summing to 1), except \"Top {top} on the slider\": the slider's own scale, the "
               "other sliders staying put. Closed form: the ranking changes only where two score lines "
               "cross. Chart: black line, the current weight; red dashed lines, where the top-k set changes."
               + ("" if reach is None else f" Lines: the {curves.attrs['shown']:,} of {curves.attrs['of']:,} "
                  f"alternatives that are among the first {reach} somewhere on this weight's range."))


@lru_cache(maxsize=32)
def curves_spec(criterion: str, label: str) -> dict:
    """Every alternative's score against one weight, the current weight (black) and the top-k
    crossings (red). The data come as named datasets, so the spec stays the same while the weights
    move and the browser updates the chart's data instead of rebuilding it."""
    t = alt.X("t:Q")
    lines = alt.Chart(alt.NamedData("curves")).mark_line().encode(
        x=alt.X("t:Q", title=f"normalised weight of {criterion}"), y=alt.Y("score:Q", title="score"),
        color=alt.Color("name:N", title=label),
        tooltip=[alt.Tooltip("name:N"), alt.Tooltip("t:Q", format=".2f"), alt.Tooltip("score:Q", format=".3f")])
    current = alt.Chart(alt.NamedData("current")).mark_rule(color="#111", strokeWidth=2).encode(x=t)
    crossings = alt.Chart(alt.NamedData("crossings"))
    return charts.vega(alt.layer(
        lines, current, crossings.mark_rule(color="#cc4125", strokeDash=[5, 3]).encode(x=t),
        crossings.mark_text(color="#cc4125", align="left", dx=4, y=8).encode(x=t, text="label:N"),
    ).properties(height=320))


@lru_cache(maxsize=8)
def acceptability_spec(label: str) -> dict:
    """A heat map of alternatives × ranks, the share of draws written in each cell."""
    base = alt.Chart(alt.NamedData(charts.TABLE)).encode(
        x=alt.X("rank:O", title="rank"), y=alt.Y("name:N", title=None, sort=None))
    return charts.vega(alt.layer(
        base.mark_rect().encode(
            color=alt.Color("share:Q", scale=alt.Scale(scheme="blues", domain=[0, 1]), title="probability"),
            tooltip=[alt.Tooltip("name:N", title=label), alt.Tooltip("rank:O"), alt.Tooltip("share:Q", format=".1%")]),
        base.mark_text(fontSize=11).encode(
            text=alt.Text("share:Q", format=".0%"),
            color=alt.condition("datum.share > 0.5", alt.value("white"), alt.value("#222"))),
    ).properties(height=alt.Step(26)))


def acceptability(L: sensitivity.Linear, s: Settings, label: str, order=None) -> None:
    """The heat map of rank acceptabilities; past ``PAGE_ROWS`` alternatives, the first ``PAGE_ROWS``
    of the current ranking (``order``) over the first ``PAGE_ROWS`` ranks (the download has all)."""
    draws, seed, spread = s.draws, s.seed, s.spread
    try:
        acc, extra = _smaa_of(L, s)
    except InputError as exc:
        st.warning(str(exc))
        return
    n, computed, cut = len(acc), acc.shape[1] - 1, len(acc) > paging.PAGE_ROWS
    if cut:
        rows = np.asarray(order if order is not None else np.arange(n))[:paging.PAGE_ROWS]
        acc, extra = acc.iloc[rows, :paging.PAGE_ROWS + 1], extra.iloc[rows]
    long = acc.melt(id_vars="name", var_name="rank", value_name="share")
    long["rank"] = long["rank"].str.removeprefix("rank_").astype(int)
    charts.draw(acceptability_spec(label), **{charts.TABLE: _arrow(long)})
    st.caption(f"Weights drawn uniformly on the simplex{'' if not spread else f', each within ±{spread}% of its current value'}"
               f" ({int(draws):,} draws, seed {int(seed)}). Central weights: the mean weights that make an "
               "alternative first. Confidence factor: 1 if it is first at its own central weights (the "
               "criteria values here are exact)."
               + (f" Shown: the first {len(acc):,} of {n:,} alternatives in the current ranking, ranks 1–"
                  f"{acc.shape[1] - 1} of the {computed:,} computed; the download has every row." if cut else ""))
    widgets.table(extra.rename(columns={"name": label}).round(3), empty="—")


@lru_cache(maxsize=1)
def tornado_spec() -> dict:
    """Bars from the leader's current margin (the ``base`` column) to its margin after each change;
    the changes' labels are data too, so the spec never changes."""
    base = alt.Chart(alt.NamedData(charts.TABLE))
    return charts.vega(alt.layer(
        base.mark_bar().encode(
            # Labels cut at 180 px and the legend below: in the page's column, long criterion names
            # and a side legend left the bars a few pixels (before this chart was written in Altair).
            y=alt.Y("criterion:N", title=None, axis=alt.Axis(labelLimit=180)),
            x=alt.X("margin:Q", title="the leader's lead over the runner-up"), x2="base:Q",
            color=alt.Color("side:N", title="weight", scale=alt.Scale(range=["#cc4125", "#0b5394"]),
                            legend=alt.Legend(orient="bottom")),
            tooltip=[alt.Tooltip("criterion:N"), alt.Tooltip("side:N"), alt.Tooltip("margin:Q", format=".4f")]),
        base.mark_rule(color="#111").encode(x="mean(base):Q"),
    ).properties(height=alt.Step(30)))


def tornado(L: sensitivity.Linear, change: int) -> None:
    df = sensitivity.tornado(L, change / 100)
    base = df.attrs["margin"]
    long = pd.DataFrame({"criterion": list(df["criterion"]) * 2,
                         "side": [f"−{change}%"] * len(df) + [f"+{change}%"] * len(df),
                         "margin": list(df["margin_low"]) + list(df["margin_high"]),
                         "base": base})
    charts.draw(tornado_spec(), **{charts.TABLE: _arrow(long)})
    st.caption(f"The current leader, {widgets.md_escape(df.attrs['leader'])}, leads by {base:.4f} (scores with normalised "
               "weights). A bar that crosses 0 means that change alone costs it first place.")
