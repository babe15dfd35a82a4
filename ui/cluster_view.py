"""The cluster shortlist page's views: weights and shortlist rule, the ranked shortlist, its chart,
and the table the room edits."""

from __future__ import annotations

import math
from functools import lru_cache

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from ui import charts, layout, minutes_view, page, paging, room, sensitivity_view, text, weights, widgets
from wiintech import export, report, sensitivity, shortlist, tables, urlstate
from wiintech import headline as wording
from wiintech.headline import Standing
from wiintech.errors import InputError
from wiintech.models import ClusterTargets
from wiintech.ranking import Ranking

P = "clusters"
ALL = "All countries"
APPLIED = f"{P}.applied"  # the last valid edited set of scored rows
BASE = f"{P}.base"  # what the editor started from on this visit
KEEP = f"_keep.{P}.w"  # the weights last drawn, for the next visit
EDITS = f"{P}.edits"  # candidate name -> what the room changed against the report (for the downloads)


def rows_of(targets: ClusterTargets) -> list[dict]:
    return [{"name": c.name, "country": c.country, **c.scores} for c in targets.scored()]


def start_visit(targets: ClusterTargets, new_visit: bool) -> None:
    """The editor starts each visit from the room's saved edits (``?room=``), else the last valid
    edited set of the session (the report's, at first); the weights from the link (``w.fit=2``)."""
    if new_visit or BASE not in st.session_state:
        saved = room.load(P)
        if saved is not None:
            valid, problems = shortlist.validate_rows(saved, targets)
            st.session_state[APPLIED] = None if problems else valid  # a data file changed since: the report's
        st.session_state[BASE] = st.session_state.get(APPLIED) or rows_of(targets)
        url_weights(targets)


def url_weights(targets: ClusterTargets) -> None:
    """The sliders from the link's ``w.KEY`` parameters (a bad value keeps 1, with a notice)."""
    keys = [c.key for c in targets.criteria]
    if not any(f"w.{k}" in st.query_params for k in keys):
        for k, v in st.session_state.get(KEEP, {}).items():  # back from another page: the last weights
            if k in keys:
                st.session_state[weights.slider_key(P, k)] = v
        return
    state, notices = urlstate.parse({k: v for k, v in st.query_params.to_dict().items() if k.startswith("w.")},
                                    {"product": ("none",)}, keys, urlstate.ViewState("product", "none", 1, {}), 1)
    for k, v in state.weights.items():
        st.session_state[weights.slider_key(P, k)] = float(v)
    if notices:
        st.session_state[f"{P}.notices"] = notices


def sync_url(w: dict) -> None:
    """The weights into the link (``w.fit=2``), beside the session's own parameters (room, mode)."""
    st.session_state[KEEP] = dict(w)  # Streamlit forgets a slider's value once a page does not draw it
    params = {**{f"w.{k}": f"{v:g}" for k, v in w.items()}, **page.kept()}
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


class _Open:
    """A tab whose content is always drawn."""

    def __init__(self, tab):
        self.tab, self.open = tab, True

    def __enter__(self):
        return self.tab.__enter__()

    def __exit__(self, *exc):
        return self.tab.__exit__(*exc)


def tabs(targets: ClusterTargets):
    """The page's three tabs. With more candidates than a static table shows (data far larger than the
    report's), the editor's and the report's tables are drawn only in the open tab (choosing a tab
    reruns the page): a hidden grid of thousands of rows would otherwise be redrawn by the browser on
    every slider press. Each tab's ``open`` says whether to draw it."""
    names = ["Shortlist", "Score in the room", "The report's tables"]
    if len(targets.candidates) <= widgets.BIG_TABLE:
        return [_Open(t) for t in st.tabs(names)]
    return st.tabs(names, key=f"{P}.tab", on_change="rerun")


RULES = {"top": "Top k per country", "threshold": "Total at least"}


def choose(targets: ClusterTargets) -> tuple[str | None, str, float]:
    """Country, shortlist rule and its parameter."""
    c1, c2, c3 = st.columns([2, 2, 2])
    country = c1.selectbox("Country", [ALL, *targets.countries], key=f"{P}.country")
    rule = c2.radio("Shortlist rule", ["top", "threshold"], key=f"{P}.rule", horizontal=True,
                    format_func={"top": "The best of each country", "threshold": "A minimum total"}.get)
    if rule == "top":
        value = c3.number_input("How many per country", 1, 10, 1, key=f"{P}.k",
                                help="The top k of each country are shortlisted (ties at the cut all stay in)")
    else:
        value = c3.slider("Minimum total (0–1000)", 0, 1000, 300, 10, key=f"{P}.threshold",
                          help="Every candidate whose total, put back on the report's 0–1000 scale, reaches this")
    return (None if country == ALL else country), rule, value


def rule_words(rule: str, value: float) -> str:
    """The shortlist rule in words: "top 1 per country", "total at least 300"."""
    return f"top {int(value)} per country" if rule == "top" else f"total at least {value:g}"


def protected(ranking: Ranking, targets: ClusterTargets, country: str | None, rule: str,
              value: float) -> sensitivity.Protected:
    """The set the sensitivity analysis watches: the shortlist itself, under the page's rule."""
    label = f"The shortlist ({rule_words(rule, value)})"
    if rule == "threshold":
        logs = np.log(np.asarray(ranking.matrix.values, dtype=float) / targets.scale_max)
        return sensitivity.Protected(label, level=math.log(max(float(value), 1e-12) / 1000.0), terms=logs)
    if country:
        return sensitivity.Protected(label, int(value))
    return sensitivity.Protected(label, int(value), groups=tuple(ranking.matrix.extra["country"]))


def headline_text(ranking: Ranking, picked: set[str], rule: str, value: float, inputs) -> str:
    names = [ranking.matrix.names[i] for i in ranking.order]
    standing = Standing.of(names, [int(ranking.ranks[i]) for i in ranking.order])
    now = tuple(n for n in names if n in picked)

    def words(before):
        previous = None if before is None else before[0]
        return wording.headline(previous, standing, 1, f"shortlist ({rule_words(rule, value)})",
                                top_now=now, top_before=None if before is None else before[1], lead=False)
    return layout.headline(P, inputs, (standing, now), words)


def ranked_table(ranking: Ranking, targets: ClusterTargets, picked: set[str], shown=None) -> pd.DataFrame:
    """The ranked shortlist as shown (``shown``: only these places of the ranking, a page of it)."""
    df = report.cluster_table(ranking, targets, shown)
    view = pd.DataFrame({
        "Rank": df["rank"],
        "Cluster target": df["name"].map(widgets.md_escape),  # st.table renders Markdown: escaped
        "Country": df["country"].map(widgets.md_escape),
        **{widgets.md_escape(c.name): df[c.name].map(widgets.shown) for c in targets.criteria},
        "Total (0–1000)": df["total_0_1000"].map(lambda v: f"{v:.1f}"),
        "Shortlisted": ["✓" if n in picked else "" for n in df["name"]],
        "Chosen in the report": ["★" if c else "" for c in df["chosen_in_report"]],
    })
    return view


def chart_data(ranking: Ranking, picked: set[str], shown=None) -> pd.DataFrame:
    """Each candidate's scores, best first (``shown``: only these places of the ranking)."""
    m = ranking.matrix
    places = range(len(m.names)) if shown is None else shown
    return pd.DataFrame([
        {"name": m.names[i], "criterion": c.name, "score": float(m.values[i, j]), "pos": int(p),
         "shortlisted": m.names[i] in picked}
        for p in places for i in (ranking.order[p],) for j, c in enumerate(m.criteria)])


@lru_cache(maxsize=8)
def chart_spec(criteria: tuple[str, ...], scale_max: float) -> dict:
    """Grouped bars: each candidate's scores side by side, shortlisted ones solid."""
    return charts.vega(alt.Chart(alt.NamedData(charts.TABLE)).mark_bar().encode(
        y=alt.Y("name:N", title=None, sort=alt.EncodingSortField("pos", op="min", order="ascending"),
                axis=alt.Axis(labelLimit=360)),
        yOffset=alt.YOffset("criterion:N", sort=list(criteria)),
        x=alt.X("score:Q", title="score (1–10)", scale=alt.Scale(domain=[0, scale_max])),
        color=alt.Color("criterion:N", title="Criterion", scale=alt.Scale(domain=list(criteria), scheme="tableau10"),
                        legend=alt.Legend(orient="bottom")),
        opacity=alt.condition("datum.shortlisted", alt.value(1.0), alt.value(0.3)),
        tooltip=[alt.Tooltip("name:N", title="Cluster"), alt.Tooltip("criterion:N"), alt.Tooltip("score:Q"),
                 alt.Tooltip("shortlisted:N")],
    ).properties(height=alt.Step(12)))


def _matrix(targets: ClusterTargets, country: str | None):
    """The decision matrix of these targets, kept while only the weights move (the fragment's reruns
    get the same targets object): building it again costs more than ranking 5,000 candidates."""
    memo = st.session_state.get(f"{P}.matrix")
    if memo is None or memo[0] is not targets or memo[1] != country:
        memo = st.session_state[f"{P}.matrix"] = (targets, country, report.cluster_matrix(targets, country))
    return memo[2]


def leads_line(leads: dict, country: str | None, order) -> str:
    shown = [country] if country else order  # a lead country without targets is not listed (no crash)
    return " · ".join(f"{widgets.md_escape(c)}: **{widgets.md_escape(leads[c])}**" for c in shown if c in leads)


@st.fragment
def shortlist_view(targets: ClusterTargets, leads: dict) -> None:
    """The headline, the shortlist and its controls, then the sensitivity panel. A fragment: a
    weight, the country or the rule reruns only this; an edit in the room reruns the page, which
    passes the edited targets in again."""
    slot = st.container()  # the headline, over the controls, written once the shortlist is known
    country, rule, value = choose(targets)
    show = st.session_state.get(f"{P}.sens", False)
    # Ranked before the sliders are drawn, so each slider's sensitivity band sits right under it.
    w = weights.current(P, targets.criteria)
    try:
        ranking, problem = report.rank_clusters(targets, country, w, _matrix(targets, country)), None
    except InputError as exc:
        ranking, problem = None, exc
    analysis = None
    if ranking is not None:
        rescaled = report.rescaled_total(ranking, targets.scale_max)
        picked = shortlist.shortlist(ranking, ranking.matrix.extra["country"], rule,
                                     k=int(value), threshold=float(value), rescaled=rescaled)
        watched = protected(ranking, targets, country, rule, value)
        analysis = sensitivity_view.analyse(ranking, watched) if show else None
        inputs = (id(targets), country, rule, value, tuple(sorted(w.items())))
        layout.show_headline(P, slot, text.md(headline_text(ranking, picked, rule, value, inputs)))
    st.markdown("**Weights**: how much each criterion counts (1 each is the report's Total)",
                help="Each weight is an exponent: Total = Fit^w1 × Size^w2 × Interaction^w3 (a weighted "
                     "product). A weight of 2 makes that criterion count twice as much, 0 ignores it.")
    weights.panel(P, targets.criteria, columns=3, notes=sensitivity_view.bands(analysis) if analysis else None)
    weights.show_notices(P)
    sync_url(w)
    if ranking is None:
        st.warning(f"{problem}")
        return
    names = [ranking.matrix.names[i] for i in ranking.order]
    paging.controls(P, names, "cluster")
    shown = paging.positions(P, names)
    with st.container(key=f"{P}-live-table"):
        st.table(ranked_table(ranking, targets, picked, shown), hide_index=True)
    widgets.method_caption(ranking.method, ranking.normalisation)
    st.caption("Total (0–1000) = 1000 × Π (score / 10) ^ weight: the report's scale, whatever the "
               "weights. ✓ shortlisted by the rule above; ★ chosen in the report: named as a key centre in "
               "the country's action plan (Tables 14–17).")
    if leads:
        st.markdown("Lead EU partner — " + leads_line(leads, country, targets.countries))
    charts.draw(chart_spec(tuple(c.name for c in targets.criteria), targets.scale_max),
                **{charts.TABLE: chart_data(ranking, picked, shown)})
    name = (country or "all").lower()
    widgets.download_csv("Download the ranked shortlist (CSV)",
                         lambda: export.ranking_csv(ranking, report.cluster_table(ranking, targets)),
                         f"cluster-shortlist-{name}.csv", key=f"dl.{P}.ranked")
    minutes_view.clusters(ranking, targets, picked, rule, value, country, watched.top,
                          st.session_state.get(EDITS, {}), sensitivity_view.settings(P) if show else None)
    st.toggle("How robust is this shortlist? (sensitivity analysis)", key=f"{P}.sens",
              help="How far each weight can move before the shortlist changes (stability intervals), each "
                   "candidate's chances under random weights (SMAA-2) and what moves the leader's lead (tornado)")
    if show:
        with st.container(border=True):
            sensitivity_view.section(P, analysis, "Cluster", "shortlist")
            st.caption(f"The ranges and the bands under the sliders watch the shortlist itself "
                       f"({rule_words(rule, value)}: {', '.join(widgets.md_escape(n) for n in names if n in picked)}). "
                       "The chances under random weights and the leader's lead look at the whole ranking.")


def unscored_view(targets: ClusterTargets) -> None:
    df = tables.unscored(targets)
    if len(df):
        st.subheader("Put forward at the meeting, not scored")
        st.caption("The report gives these candidates a consensus note instead of scores; they are "
                   "listed as the report leaves them, never given a score.")
        widgets.table(df)


def editor_view(targets: ClusterTargets, shown: bool = True) -> ClusterTargets:
    """The room rescores or adds candidates; only a fully valid table is applied. Returns the
    report's targets with the last valid edits applied. Not ``shown`` (its tab is closed): the last
    valid edits, which the editor starts from when its tab opens again."""
    if not shown:
        applied = st.session_state.get(APPLIED)
        if applied is not None:
            st.session_state[BASE] = applied
        return targets if applied is None else shortlist.apply_rows(targets, applied)
    st.caption(f"Edit a score, or add a row for a new candidate (scores {targets.scale_min:g}–{targets.scale_max:g}). "
               "The shortlist uses the edited set as soon as every row is valid; a value outside the "
               "scale is reported, never changed to fit.")
    base = pd.DataFrame(st.session_state[BASE], columns=["name", "country", *(c.key for c in targets.criteria)])
    edited = st.data_editor(
        base, key=f"{P}.editor", num_rows="dynamic", hide_index=True, width="stretch",
        placeholder="",  # a new row's empty cells stay empty, never "None"
        column_config={
            "name": st.column_config.TextColumn("Cluster target", required=True),
            "country": st.column_config.SelectboxColumn("Country", options=list(targets.countries), required=True),
            # No min/max: the grid would silently turn 11 into 10; validation reports it instead.
            **{c.key: st.column_config.NumberColumn(c.name, help=f"{c.name}, {targets.scale_min:g}–{targets.scale_max:g}",
                                                   required=True)
               for c in targets.criteria},
        })
    valid, problems = shortlist.validate_rows(edited.to_dict("records"), targets)
    report_rows = rows_of(targets)
    if problems:
        st.error("These edits are not applied until they are fixed (the shortlist keeps the last valid "
                 "set):\n\n" + "\n".join(f"- {widgets.md_escape(str(p))}" for p in problems))
    else:
        st.session_state[APPLIED] = valid
        if valid != report_rows or room.key():
            room.save(P, valid)
    applied = st.session_state.get(APPLIED)
    show_changes(report_rows, applied or report_rows, targets)
    room.note()
    st.button("Back to the report's scores", icon=":material/restart_alt:", on_click=reset_edits,
              args=(report_rows,), disabled=not applied or applied == report_rows, key=f"{P}.reset.edits")
    return targets if applied is None else shortlist.apply_rows(targets, applied)


def show_changes(report_rows: list[dict], rows: list[dict], targets: ClusterTargets) -> None:
    """The cells the room changed, against the report (the grid cannot mark them itself)."""
    changes, removed = shortlist.row_changes(report_rows, rows, targets.criteria)
    st.session_state[EDITS] = changes
    if not changes and not removed:
        st.caption("No edits: these are the report's scores.")
        return
    lines = [f"- **{widgets.md_escape(n)}**: {widgets.md_escape(c)}" for n, c in changes.items()]
    lines += [f"- **{widgets.md_escape(n)}**: removed in the room" for n in removed]
    st.info("**Edited in the room** (against the report's Tables 10–13):\n\n" + "\n".join(lines),
            icon=":material/edit:")


def reset_edits(report_rows: list[dict]) -> None:
    """Callback: the report's scores again, for this session and the room."""
    room.clear(P)
    st.session_state[APPLIED] = None
    st.session_state[BASE] = report_rows
    st.session_state.pop(f"{P}.editor", None)


def edited_downloads(targets: ClusterTargets) -> None:
    c1, c2 = st.columns(2)
    with c1:
        widgets.download_table(tables.cluster_targets(targets), "cluster-targets-edited.csv",
                               key=f"dl.{P}.edited.csv", label="Download the edited set (CSV)")
    with c2:
        widgets.download_csv("Download the edited set (YAML for data/)",
                             lambda: shortlist.to_yaml(targets).encode("utf-8"), "cluster_targets.yaml",
                             key=f"dl.{P}.edited.yaml")
