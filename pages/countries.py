"""Country selection: live weights and methods beside the report's own view and decision."""

import streamlit as st

from ui import charts, page, weights, widgets
from ui.data import load
from wiintech import export, report, tables, urlstate
from wiintech.errors import InputError
from wiintech.ranking import METHODS, rank, rank_change, reference_ranks

page.start("countries")

P = "countries"
METHOD_NORMS = {key: m.norms for key, m in METHODS.items()}
DEFAULT = urlstate.ViewState("seed", "none", 3, {})
# The index as the report prints it (2 decimals); scores in 0–1 to 3 decimals; products whole.
SCORE_FORMATS = {"seed": "{:.2f}".format, "wsum": "{:.3f}".format, "topsis": "{:.3f}".format,
                 "wprod": widgets.shown}

st.title("Country selection")
st.caption("Nine countries scored by the partners in the first workshop (report D1.4B, section D). "
           "Move a weight: the ranking redraws at once. The report's own view and decision stay on the right.")

survey = load("countries")
if survey is None:
    st.stop()

index_m, criteria_m = report.index_matrix(survey), report.country_matrix(survey)
all_keys = list(dict.fromkeys(index_m.keys + criteria_m.keys))
weights.init_state(P, METHOD_NORMS, all_keys, DEFAULT, len(survey.countries))
weights.show_notices(P)
printed_ranks = reference_ranks(survey.printed_index)
outcomes = {d.country: tables.OUTCOME_LABELS[d.outcome] for d in survey.decision}


@st.fragment
def live_ranking():
    c1, c2, c3 = st.columns([2, 2, 1])
    method = c1.selectbox("Method", list(METHODS), key=f"{P}.method",
                          format_func=lambda m: METHODS[m].name)
    spec = METHODS[method]
    if st.session_state[f"{P}.norm"] not in spec.norms:
        st.session_state[f"{P}.norm"] = spec.norms[0]
    c2.selectbox("Normalisation", spec.norms, key=f"{P}.norm", disabled=len(spec.norms) == 1,
                 format_func=lambda n: {"none": "none", "minmax": "min-max", "vector": "vector"}[n])
    k = c3.number_input("Top k", 1, len(survey.countries), key=f"{P}.k")
    st.caption(spec.summary)

    matrix = index_m if method == "seed" else criteria_m
    w = weights.panel(P, matrix.criteria, columns=2)
    st.button("Reset to the report's weights", on_click=weights.reset,
              args=(P, urlstate.ViewState("seed", "none", k, {key: 1.0 for key in all_keys})),
              icon=":material/restart_alt:")
    weights.sync_url(P, METHOD_NORMS, w)

    try:
        ranking = rank(matrix, method, w, st.session_state[f"{P}.norm"])
    except InputError as exc:
        st.warning(f"{exc} The ranking is shown again as soon as a weight is above 0.")
        return

    table = ranking.table()
    view = table[["rank", "name", "score"]].rename(columns={"rank": "Rank", "name": "Country", "score": "Score"})
    view["Score"] = view["Score"].map(SCORE_FORMATS[method])
    view["vs report's index"] = [rank_change(r, printed_ranks.get(n)) for r, n in zip(table["rank"], table["name"])]
    view[f"Top {k}"] = ["★" if r <= k else "" for r in table["rank"]]
    view["Consortium's decision"] = [outcomes.get(n, "") for n in table["name"]]
    st.table(view, hide_index=True)
    widgets.method_caption(ranking)
    st.altair_chart(charts.ranking_bars(ranking, k, "Country"), width="stretch")
    widgets.download_csv("Download this ranking (CSV)", export.ranking_csv(ranking),
                         f"country-ranking-{method}.csv", key=f"dl.{P}")


live, reported = st.columns([3, 2], gap="large")
with live:
    st.subheader("Live ranking")
    live_ranking()

with reported:
    st.subheader("The report's view")
    step1, index = tables.step1(survey), tables.synthetic_index(survey)
    compare = step1[["Country", "Step-1 rank"]].merge(
        index[["Country", "Index rank", "Printed in the report"]], on="Country")
    compare["Decision"] = compare["Country"].map(outcomes)
    compare = compare.rename(columns={"Printed in the report": "Index (printed)"})
    widgets.table(compare)
    st.caption("Step-1 rank: the report's row order, by N, ties broken by Na, then N°1. "
               "Index: N + Na + N°1 + SMEs × accessibility / 100, as printed in step 2.")
    st.markdown("**What the consortium decided**")
    for d in survey.decision:
        if d.outcome != "not selected":
            st.markdown(f"- **{d.country}** — {tables.OUTCOME_LABELS[d.outcome].lower()}: {d.reason}")
    with st.expander("Step 1: the criteria table as printed"):
        widgets.table(step1)
        widgets.source_caption(survey.source)
    with st.expander("Step 2: the synthetic index, computed and printed"):
        widgets.table(index)
        widgets.source_caption(survey.index_source)
    with st.expander("The methods"):
        widgets.table(tables.methods())
