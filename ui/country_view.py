"""The country selection page's views: the live ranking (a fragment) and the report's own view.

The live views (controls, ranking, downloads) take a ``CountryView`` and work on any decision matrix:
the upload page builds one from a user's own matrix (``matrix_view``) and draws the same views under
its own prefix, without the report's columns."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import streamlit as st

from ui import charts, gaia_view, layout, minutes_view, paging, sensitivity_view, text, weights, widgets
from ui.data import cache_key, show_problems, source, source_label
from wiintech import headline as wording
from wiintech import loader, report, tables, urlstate
from wiintech.headline import Standing
from wiintech.errors import DataError, InputError
from wiintech.models import CountrySurvey
from wiintech.ranking import METHODS, DecisionMatrix, rank, rank_change, reference_ranks

P = "countries"
METHOD_NORMS = {key: m.norms for key, m in METHODS.items()}
DEFAULT = urlstate.ViewState("seed", "none", 3, {})
NORM_LABELS = {"none": "none", "minmax": "min-max", "vector": "vector"}


@dataclass(frozen=True, eq=False)
class CountryView:
    """Everything the page derives from the data file once, not on every slider move."""

    survey: CountrySurvey
    matrices: report.CountryMatrices
    weight_keys: tuple[str, ...]
    printed_ranks: dict
    outcomes: dict
    report_md: str  # the report's ranking beside its decision
    details_md: str  # the step-1 and step-2 tables as printed, and the methods
    prefix: str = P  # session-state and widget keys
    label: str = "Country"  # what an alternative is called
    methods: tuple[str, ...] = tuple(METHODS)
    default: urlstate.ViewState = DEFAULT
    decision_md: str = ""  # what the consortium decided, beside the report's ranking

    def matrix(self, method: str) -> DecisionMatrix:
        return self.matrices.for_method(method)

    @property
    def alternatives(self) -> int:
        return len(self.matrices.criteria.names)

    @property
    def method_norms(self) -> dict:
        return {key: METHOD_NORMS[key] for key in self.methods}


def matrix_view(matrix: DecisionMatrix, prefix: str, default: urlstate.ViewState) -> CountryView:
    """A user's own matrix as a view: the methods that rank criteria, none of the report's columns."""
    return CountryView(None, report.CountryMatrices(matrix, matrix), matrix.keys, {}, {}, "", "", prefix,
                       "Alternative", tuple(m for m, spec in METHODS.items() if not spec.ranks_index_terms), default)


@st.cache_resource(show_spinner=False)
def _view(directory: str, stamp: tuple[int, ...], _source=None) -> CountryView:
    survey = loader.load_countries(_source or directory)
    matrices = report.country_matrices(survey)
    outcomes = tables.outcomes(survey)
    step1, index = tables.step1(survey), tables.synthetic_index(survey)
    compare = tables.report_comparison(survey)
    decided = "\n".join(
        f"- **{widgets.md_escape(d.country)}** — {tables.OUTCOME_LABELS[d.outcome].lower()}: {widgets.md_escape(d.reason)}"
        for d in survey.decision if d.outcome != "not selected")
    report_md = (f"{widgets.markdown_table(compare)}\n\n"
                 ":gray[Step 1: the rank in the report's row order, by priority number N, ties broken by "
                 "the number of answers (Na), then the number of first choices (N°1). "
                 "Index: the rank by the step-2 index N + Na + N°1 + SMEs × accessibility / 100; "
                 "Printed: that index as the report prints it.]")
    decision_md = f"**What the consortium decided**\n\n{decided}"
    details_md = (f"**Step 1: the criteria table as printed** ({widgets.md_escape(survey.source)})\n\n"
                  f"{widgets.markdown_table(step1)}\n\n"
                  f"**Step 2: the synthetic index, computed and printed** "
                  f"({widgets.md_escape(survey.index_source)})\n\n{widgets.markdown_table(index)}\n\n"
                  f"**The methods**\n\n{widgets.markdown_table(tables.methods(), empty='no')}")
    return CountryView(survey, matrices, tuple(dict.fromkeys(matrices.index.keys + matrices.criteria.keys)),
                       reference_ranks(survey.printed_index), outcomes, report_md, details_md,
                       decision_md=decision_md)


def view() -> CountryView | None:
    """Cached on the data file, like the loader: one cache lookup per run. None after showing the
    file's problems (file › record › field), as ``ui.data.load`` does."""
    try:
        return _view(*cache_key("countries"), _source=source())
    except DataError as exc:
        show_problems(exc.problems)
        return None
    except InputError as exc:  # the index's terms overflow (values near 1e308)
        show_problems([f"{source_label('countries')}: {exc}"])
        return None


def ranked_view(v: CountryView, ranking, k: int, shown=None) -> pa.Table:
    """The live table (``shown``: only these places of the ranking, a page of it). An Arrow table:
    Streamlit sends it as it is, where a DataFrame is converted."""
    rows = ranking.order if shown is None else ranking.order[shown]
    names = [ranking.matrix.names[i] for i in rows]
    ranks = [int(ranking.ranks[i]) for i in rows]
    fmt = widgets.score_format(ranking.method)
    columns = {"Rank": ranks, v.label: [widgets.md_escape(n) for n in names], "Score": [fmt(ranking.scores[i]) for i in rows]}
    if v.printed_ranks:
        columns["vs report"] = [rank_change(r, v.printed_ranks.get(n)) for r, n in zip(ranks, names)]
    columns[f"In top {k}"] = ["✓" if r <= k else "" for r in ranks]
    if v.outcomes:
        columns["Decision (2012)"] = [widgets.md_escape(v.outcomes.get(n, "")) for n in names]
    return pa.table(columns)


def headline(v: CountryView, ranking, k: int) -> str:
    """The line over the ranking: who leads, the top k and what the last move changed."""
    standing = Standing.of([ranking.matrix.names[i] for i in ranking.order],
                           [int(ranking.ranks[i]) for i in ranking.order])
    inputs = (ranking.method.key, ranking.normalisation, tuple(sorted(ranking.weights.items())), k)
    return layout.headline(v.prefix, inputs, standing, lambda before: wording.headline(before, standing, k))


def controls(v: CountryView) -> None:
    """Method, normalisation, top k and reset, in one row. Drawn inside the live fragment (under the
    headline it updates): a change here reruns the fragment, like a slider."""
    P = v.prefix
    c1, c2, c3, c4 = st.columns([5, 3, 2, 3], vertical_alignment="bottom")
    method = c1.selectbox("Method", v.methods, key=f"{P}.method", format_func=lambda m: METHODS[m].name)
    spec = METHODS[method]
    if st.session_state[f"{P}.norm"] not in spec.norms:
        st.session_state[f"{P}.norm"] = spec.norms[0]
    c2.selectbox("Normalisation", spec.norms, key=f"{P}.norm", disabled=len(spec.norms) == 1,
                 format_func=NORM_LABELS.get)
    k = c3.number_input("Top places", 1, v.alternatives, key=f"{P}.k",
                        help="The top k: how many of the first places the page marks, watches and names in the headline")
    reported = v.survey is not None
    c4.button("Report's weights" if reported else "Equal weights", icon=":material/restart_alt:",
              help="Reset to the report's method and weights (all 1)" if reported else "Every weight back to 1",
              on_click=weights.reset,
              args=(P, urlstate.ViewState(v.default.method, v.default.norm, k, {key: 1.0 for key in v.weight_keys})))
    paging.controls(P, v.matrix(method).names, v.label.lower())


@st.fragment
def live_ranking(v: CountryView) -> None:
    """The headline, the controls, the weights and the ranking they give, then the sensitivity panel.
    A fragment: a slider, the method or the panel reruns only this; each element here is redrawn on
    every move, so nothing in it is heavier than what a move must redraw."""
    P = v.prefix
    # Ranked first, from the widgets' values in the session state (a widget's new value is there from
    # the start of the run it triggers), so the headline sits over the controls without flickering.
    method = st.session_state[f"{P}.method"]
    spec = METHODS[method]
    if st.session_state[f"{P}.norm"] not in spec.norms:
        st.session_state[f"{P}.norm"] = spec.norms[0]
    norm, k = st.session_state[f"{P}.norm"], st.session_state[f"{P}.k"]
    show = st.session_state.get(f"{P}.sens", False)
    matrix = v.matrix(method)
    # Ranked before the sliders are drawn, so each slider's sensitivity band sits right under it.
    w = weights.current(P, matrix.criteria)
    latest = st.session_state.setdefault(f"{P}.latest", {})
    try:
        latest["ranking"] = ranking = rank(matrix, method, w, norm)
    except InputError as exc:
        latest["ranking"] = ranking = None
        problem = exc
    layout.show_headline(P, st, text.md(headline(v, ranking, k) if ranking is not None else "No ranking: every weight is 0."))
    controls(v)
    analysis = sensitivity_view.analyse(ranking, k) if show else None
    left, right = st.columns([1, 2], gap="medium")
    with left:
        weights.panel(P, matrix.criteria, columns=1, notes=sensitivity_view.bands(analysis) if analysis else None)
        widgets.method_caption(spec, norm, matrix.criteria)
    weights.sync_url(P, v.method_norms, w)
    with right:
        if ranking is None:
            st.warning(f"{problem} The ranking is shown again as soon as a weight is above 0.")
            return
        shown = paging.positions(P, [ranking.matrix.names[i] for i in ranking.order])
        with st.container(key=f"{P}-live-table"):
            st.table(ranked_view(v, ranking, k, shown), hide_index=True)
        charts.ranking_bars(ranking, k, v.label, shown)
        widgets.download_csv("Download this ranking (CSV)", lambda: widgets.ranking_csv_or_note(latest.get("ranking")),
                             f"{v.label.lower()}-ranking-{method}.csv", key=f"dl.{P}")
        # What the "For the minutes" popover (drawn outside this fragment, so a press does not redraw
        # it) builds its files from when clicked.
        latest.update(k=k, sens=sensitivity_view.settings(P) if show else None)
    if ranking.method.preferences:
        gaia_view.view(ranking, v.label)
    st.toggle("How robust is this ranking? (sensitivity analysis)", key=f"{P}.sens",
              help="How far each weight can move before the ranking changes (stability intervals), its chances "
                   "under random weights (SMAA-2 rank acceptability) and what moves the leader's lead (tornado)")
    if show:
        with st.container(border=True):
            sensitivity_view.section(P, analysis, v.label)


def minutes(v: CountryView) -> None:
    """The files for the minutes, under the live ranking: built when clicked from what it drew last."""
    minutes_view.country(v, st.session_state.setdefault(f"{v.prefix}.latest", {}))


def report_view(v: CountryView) -> None:
    """The report's own ranking and decision: static, so written once as Markdown."""
    table, decision = st.columns([3, 2], gap="medium")
    table.markdown(v.report_md)
    decision.markdown(v.decision_md)
    with st.expander("The report's tables and the methods"):
        st.markdown(v.details_md)
