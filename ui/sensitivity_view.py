"""The sensitivity panel, shared by the country and cluster pages: bands under the sliders, and one
view at a time (stability, rank acceptability or tornado), so a slider move redraws one chart.

Every weight the panel shows is on the sliders' own scale (0–5, the others staying put), so a band,
a table and a chart speak the units of the slider they describe. The view selector, its inputs, the
results and the download are drawn together (``section``), the results right under what asks for them.
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
from wiintech import export, sensitivity, urlstate
from wiintech.errors import InputError
from wiintech.ranking import Ranking

CURVE_LINES = 30  # past this many alternatives, the one-weight chart draws the lines that reach the top

VIEWS = {"stability": "How far each weight can move", "smaa": "Chances under random weights",
         "tornado": "What moves the leader's lead"}
VIEWS_HELP = ("How far each weight can move: the stability intervals (closed form; Mareschal 1988). "
              "Chances under random weights: rank acceptability, SMAA-2 (Lahdelma & Salminen 2001), weights "
              "drawn uniformly on the simplex (every set of weights summing to 1 equally likely). What moves "
              "the leader's lead: a tornado chart of the leader's margin when each weight moves by ± a percentage.")


def _fixed(v: float, digits: int) -> str:
    """A bound to ``digits`` decimals; -0.0 (or a residue such as -1e-17) reads 0, never -0."""
    return f"{round(v, digits) + 0.0:.{digits}f}"


def _on_slider(v: float, end: bool = True) -> str:
    """A weight on the sliders' scale (two decimals); past the slider's end, "5.0 (end)"."""
    if end and v >= urlstate.WEIGHT_MAX - 1e-9:
        return f"{urlstate.WEIGHT_MAX:.1f} (end)"
    return _fixed(v, 2)


def _span(low: float, high: float) -> str:
    return f"{_on_slider(low)} – {_on_slider(high)}"


@dataclass(frozen=True, eq=False)
class Analysis:
    """A ranking's sensitivity, computed once per run for the bands and the panel. Every weight in it
    is on the sliders' own scale (``sensitivity.slider_intervals``)."""

    ranking: Ranking | None
    protected: sensitivity.Protected
    linear: sensitivity.Linear | None = None  # None: not covered (the problem says why) or no ranking
    intervals: pd.DataFrame | None = None  # per weight: set_low/high, full_low/high, on the slider's scale
    problem: str | None = None

    @property
    def top(self) -> int:
        return self.protected.top


def top_k(k: int) -> sensitivity.Protected:
    return sensitivity.Protected(f"Top {k}", int(k))


def analyse(ranking: Ranking | None, protected: sensitivity.Protected | int) -> Analysis:
    if isinstance(protected, int):
        protected = top_k(protected)
    if ranking is None:
        return Analysis(None, protected)
    try:
        L = sensitivity.linear(ranking)
    except InputError as exc:
        return Analysis(ranking, protected, problem=str(exc))
    return Analysis(ranking, protected, L, sensitivity.slider_intervals(L, ranking.weights, protected))


def covered(ranking: Ranking) -> str:
    """What the analysis works on, said in the panel: e.g. PROMETHEE II's net flow, linear in the weights."""
    m = ranking.method
    if not sensitivity.covers(m):
        return ""
    return f":gray[{m.name}: the analysis works on {m.transform}, which is linear in the weights.]"


def band(label: str, low: float, high: float, now: float) -> str:
    """One slider's note, in its own units: "Top 3 stays the same from 0.42 to 1.38"."""
    if high - low <= 1e-9:
        return f"{label} changes with any move of this slider"
    if low <= 0 and high >= urlstate.WEIGHT_MAX:
        return f"{label} stays the same wherever this slider goes"
    if high >= urlstate.WEIGHT_MAX:
        return f"{label} stays the same from {_on_slider(low)} to the slider's end"
    return f"{label} stays the same from {_on_slider(low)} to {_on_slider(high)}"


def bands(a: Analysis) -> dict:
    """The note under each slider: how far its weight can move, the others staying put, before the
    set the page watches (top k, shortlist) changes (criterion key -> text; none without analysis)."""
    if a.intervals is None:
        return {}
    return {row.key: band(a.protected.label, row.set_low, row.set_high, row.weight) for row in a.intervals.itertuples()}


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


DEFAULTS = Settings(view="stability", weight=0, draws=10_000, seed=0, spread=50, change=25)


def settings(prefix: str) -> Settings:
    """The inputs' values, also where ``controls`` did not draw them on this run (a fragment)."""
    get = st.session_state.get
    d = DEFAULTS
    return Settings(get(_key(prefix, "view"), d.view), int(get(_key(prefix, "weight"), d.weight)),
                    int(get(_key(prefix, "draws"), d.draws)), int(get(_key(prefix, "seed"), d.seed)),
                    int(get(_key(prefix, "spread"), d.spread)), int(get(_key(prefix, "change"), d.change)))


def controls(prefix: str, criteria: Sequence[str]) -> Settings:
    """Which view, and that view's inputs."""
    view = st.segmented_control("What to look at", list(VIEWS), format_func=VIEWS.get,
                                key=_key(prefix, "view"), default=DEFAULTS.view, help=VIEWS_HELP)
    if view == "stability":
        st.selectbox("Weight to move in the chart", range(len(criteria)), format_func=lambda i: criteria[i],
                     key=_key(prefix, "weight"))
    elif view == "smaa":
        c1, c2, c3 = st.columns([1, 1, 2])
        c1.number_input("Random draws", 1000, 100_000, DEFAULTS.draws, 1000, key=_key(prefix, "draws"),
                        help="How many sets of weights are drawn at random")
        c2.number_input("Seed", 0, 10_000, DEFAULTS.seed, key=_key(prefix, "seed"),
                        help="The same seed gives the same draws, so the result can be repeated")
        c3.slider("How far from the sliders: each weight within ± %", 0, 100, DEFAULTS.spread, 10,
                  key=_key(prefix, "spread"),
                  help="50: each drawn weight stays within ±50% of the sliders' weight (the draws follow the "
                       "sliders). 0: any weights at all (uniformly on the simplex), whatever the sliders say.")
    elif view == "tornado":
        st.slider("Move each slider by ± %", 5, 100, DEFAULTS.change, 5, key=_key(prefix, "change"))
    return settings(prefix)


def section(prefix: str, a: Analysis, label: str, what: str = "ranking") -> None:
    """The whole panel in one place: what it works on, the view selector and its inputs, the results
    right under them, and the view's download."""
    if a.ranking is None:
        return
    note = covered(a.ranking)
    st.markdown(f"**How robust is this {what}?** {note}")
    if a.linear is None:
        st.info(a.problem or "No ranking to analyse.")
        return
    s = controls(prefix, list(a.linear.criteria))
    panel(a, s, label)
    download(prefix, lambda: a.ranking, a.top, s)


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


def view_table(ranking: Ranking | None, top: int, s: Settings) -> pd.DataFrame | None:
    """The table of the view ``s`` shows (rank acceptability for SMAA, else the stability intervals),
    as the command line prints it; None when the ranking's method is not covered."""
    L = _linear(ranking)
    if L is None:
        return None
    if s.view == "smaa":
        return _smaa_of(L, s)[0]
    return sensitivity.interval_table(sensitivity.intervals(L, top))


def csv_bytes(ranking: Ranking | None, top: int, s: Settings) -> bytes:
    """The view's table as the command line prints it (a one-line note when there is nothing to show)."""
    table = view_table(ranking, top, s)
    if table is None:
        return export.csv_bytes(pd.DataFrame({"note": ["No sensitivity analysis for this ranking."]}))
    return export.csv_bytes(table)


def _smaa_of(L: sensitivity.Linear, s: Settings):
    return _smaa(L.names, L.keys, L.criteria, L.R, L.w, s.draws, s.seed, s.spread)


def panel(a: Analysis, s: Settings, label: str = "Alternative") -> None:
    """The chosen view's results for this ranking."""
    if a.linear is None:
        st.info(a.problem or "No ranking to analyse.")
        return
    if s.view == "stability":
        stability(a, min(s.weight, len(a.linear.criteria) - 1), label)
    elif s.view == "smaa":
        acceptability(a.linear, s, label, a.ranking)
    elif s.view == "tornado":
        tornado(a.linear, s.change, a.ranking.weights)
    else:
        st.caption("Choose what to look at above.")


def stability(a: Analysis, j: int, label: str) -> None:
    L, table, name = a.linear, a.intervals, a.protected.label
    shown = pd.DataFrame({
        "Criterion": table["criterion"].map(widgets.md_escape),  # st.table renders Markdown: escaped
        "Weight now": [_fixed(x, 2) for x in table["weight"]],
        f"{name} stays the same for": [_span(lo, hi) for lo, hi in zip(table.set_low, table.set_high)],
        "Whole ranking stays the same for": [_span(lo, hi) for lo, hi in zip(table.full_low, table.full_high)],
    })
    st.table(shown, hide_index=True)
    reach = None if len(L.names) <= CURVE_LINES else min(max(a.top, 5), CURVE_LINES)
    end = urlstate.WEIGHT_MAX
    curves = sensitivity.slider_curves(L, a.ranking.weights, j, end, 51, reach)
    crossings = [t for t in (table.set_low[j], table.set_high[j]) if 0 < t < end]
    datasets = {"curves": _arrow(curves[np.isfinite(curves["score"])].drop(columns="t")),
                "current": pa.table({"weight": [float(table.weight[j])]}),
                "crossings": pa.table({"weight": pa.array(crossings, pa.float64()),
                                       "label": pa.array([f"{name} changes"] * len(crossings), pa.string())})}
    charts.draw(curves_spec(L.criteria[j], label), **datasets)
    st.caption("Each range is on the slider's own scale (0–5): move that slider alone, the others staying "
               "where they are. \"(end)\": the range reaches the slider's end. The ranking can only change where "
               "two score lines cross, so the ranges are exact. Chart: each line is one score as this weight "
               "moves; black line, the slider now; red dashed lines, where "
               f"{widgets.md_escape(name.lower() if name.startswith('Top') else name)} changes."
               + ("" if reach is None else f" Lines: the {curves.attrs['shown']:,} of {curves.attrs['of']:,} "
                  f"alternatives that are among the first {reach} somewhere on this slider's range."))


@lru_cache(maxsize=32)
def curves_spec(criterion: str, label: str) -> dict:
    """Every alternative's score against one slider's weight, the slider now (black) and where the
    watched set changes (red). The data come as named datasets, so the spec stays the same while the
    weights move and the browser updates the chart's data instead of rebuilding it."""
    x = alt.X("weight:Q", title=f"weight of {criterion} (slider scale)",
              scale=alt.Scale(domain=[0, urlstate.WEIGHT_MAX], nice=False))
    lines = alt.Chart(alt.NamedData("curves")).mark_line().encode(
        x=x, y=alt.Y("score:Q", title="score (weights scaled to sum to 1)"),
        color=alt.Color("name:N", title=label, legend=alt.Legend(labelLimit=400)),
        tooltip=[alt.Tooltip("name:N"), alt.Tooltip("weight:Q", format=".2f"), alt.Tooltip("score:Q", format=".3f")])
    current = alt.Chart(alt.NamedData("current")).mark_rule(color="#111", strokeWidth=2).encode(x="weight:Q")
    crossings = alt.Chart(alt.NamedData("crossings"))
    return charts.vega(alt.layer(
        lines, current, crossings.mark_rule(color="#cc4125", strokeDash=[5, 3]).encode(x="weight:Q"),
        crossings.mark_text(color="#cc4125", align="left", dx=4, y=8).encode(x="weight:Q", text="label:N"),
    ).properties(height=320))


@lru_cache(maxsize=8)
def acceptability_spec(label: str) -> dict:
    """A heat map of alternatives × ranks, the share of draws written in each cell; rows in the
    current ranking's order (the ``pos`` column)."""
    base = alt.Chart(alt.NamedData(charts.TABLE)).encode(
        x=alt.X("rank:O", title="rank", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("name:N", title=None, sort=alt.EncodingSortField("pos", op="min", order="ascending"),
                axis=alt.Axis(labelLimit=320)))
    return charts.vega(alt.layer(
        base.mark_rect().encode(
            color=alt.Color("share:Q", scale=alt.Scale(scheme="blues", domain=[0, 1]), title="chance"),
            tooltip=[alt.Tooltip("name:N", title=label), alt.Tooltip("rank:O"), alt.Tooltip("share:Q", format=".1%")]),
        base.mark_text(fontSize=12).encode(
            text=alt.Text("share:Q", format=".0%"),
            color=alt.condition("datum.share > 0.5", alt.value("white"), alt.value("#222"))),
    ).properties(height=alt.Step(26)))


def acceptability(L: sensitivity.Linear, s: Settings, label: str, ranking: Ranking) -> None:
    """The heat map of rank acceptabilities, rows in the current ranking's order; past ``PAGE_ROWS``
    alternatives, the first ``PAGE_ROWS`` of the ranking over the first ``PAGE_ROWS`` ranks (the
    download has all)."""
    draws, seed, spread = s.draws, s.seed, s.spread
    try:
        acc, extra = _smaa_of(L, s)
    except InputError as exc:
        st.warning(str(exc))
        return
    n, computed = len(acc), acc.shape[1] - 1
    order = np.asarray(ranking.order)
    cut = n > paging.PAGE_ROWS
    rows = order[:paging.PAGE_ROWS] if cut else order
    acc, extra = acc.iloc[rows, :(paging.PAGE_ROWS + 1) if cut else None], extra.iloc[rows]
    acc = acc.assign(pos=np.arange(len(rows)))
    long = acc.melt(id_vars=["name", "pos"], var_name="rank", value_name="share")
    long["rank"] = long["rank"].str.removeprefix("rank_").astype(int)
    charts.draw(acceptability_spec(label), **{charts.TABLE: _arrow(long)})
    total = sum(float(ranking.weights[k]) for k in L.keys)
    where = (f"each weight within ±{spread}% of the sliders, so the draws follow the sliders" if spread
             else "any weights at all: the draws do not follow the sliders")
    st.caption(f"How often each {label.lower()} takes each rank when the weights are drawn at random "
               f"({where}; {int(draws):,} draws, seed {int(seed)}). Rows in the current ranking's order."
               + (f" Shown: the first {len(rows):,} of {n:,} alternatives in the current ranking, ranks 1–"
                  f"{acc.shape[1] - 2} of the {computed:,} computed; the download has every row." if cut else ""))
    shown = pd.DataFrame({label: extra["name"].map(widgets.md_escape),
                          "Chance of 1st": [f"{v:.0%}" for v in extra["acceptability_rank_1"]]})
    for c, key in zip(L.criteria, L.keys):
        # the mean weights that make it first, scaled to the sliders' total: the slider scale
        shown[f"{widgets.md_escape(c)} when 1st"] = [("—" if np.isnan(v) else _fixed(v * total, 2))
                                                     for v in extra[f"central_{key}"]]
    shown["1st at those weights"] = ["yes" if v >= 1 else "no" for v in extra["confidence_factor"]]
    st.table(shown, hide_index=True)
    st.caption("\"… when 1st\": the average weights, on the sliders' scale, of the draws in which it came first "
               "(SMAA-2's central weights); \"1st at those weights\": whether it is first when the sliders are "
               "set to them (its confidence factor).")


@lru_cache(maxsize=1)
def tornado_spec() -> dict:
    """Bars from the leader's current margin (the ``base`` column) to its margin after each change,
    the criterion with the largest effect at the top (the ``order`` column); the x axis is fitted to
    the bars (zero only when a bar reaches it)."""
    base = alt.Chart(alt.NamedData(charts.TABLE))
    return charts.vega(alt.layer(
        base.mark_bar().encode(
            y=alt.Y("criterion:N", title=None, sort=alt.EncodingSortField("order", op="min", order="ascending"),
                    axis=alt.Axis(labelLimit=260)),
            x=alt.X("margin:Q", title="the leader's lead over the runner-up", scale=alt.Scale(zero=False)),
            x2="base:Q",
            color=alt.Color("side:N", title="slider", scale=alt.Scale(range=["#cc4125", "#0b5394"]),
                            legend=alt.Legend(orient="bottom")),
            tooltip=[alt.Tooltip("criterion:N"), alt.Tooltip("side:N"), alt.Tooltip("margin:Q", format=".4f")]),
        base.mark_rule(color="#111").encode(x="mean(base):Q"),
    ).properties(height=alt.Step(30)))


def tornado(L: sensitivity.Linear, change: int, raw: dict | None = None) -> None:
    df = sensitivity.tornado(L, change / 100, raw)
    base = df.attrs["margin"]
    effect = np.maximum(np.abs(df["margin_low"] - base), np.abs(df["margin_high"] - base))
    rank = np.argsort(np.argsort(-effect.to_numpy(), kind="stable"), kind="stable")
    long = pd.DataFrame({"criterion": list(df["criterion"]) * 2,
                         "side": [f"−{change}%"] * len(df) + [f"+{change}%"] * len(df),
                         "margin": list(df["margin_low"]) + list(df["margin_high"]),
                         "base": base, "order": list(rank) * 2})
    charts.draw(tornado_spec(), **{charts.TABLE: _arrow(long)})
    st.caption(f"The current leader, {widgets.md_escape(df.attrs['leader'])}, leads by {base:.4f} (scores with the "
               f"weights scaled to sum to 1). Each bar moves one slider by ±{change}% of its value, the others "
               "staying put; the largest effect is at the top. A bar that crosses 0 means that move alone costs "
               "it first place.")
