"""Overview: the consortium, the decision in brief, the roadmap."""

import streamlit as st

from ui import page, widgets
from ui.data import load
from wiintech import tables

page.start("overview")

st.title("WIINTECH: where to go next, and with whom")
st.markdown(
    "Eight European industrial clusters (plastics, chemicals, process industry, nanotech, tooling…) "
    "chose in 2012 which countries and which partner clusters abroad to work with, by scoring them in "
    "workshops. This dashboard turns their report, *D1.4B – International Common Strategy*, into a live "
    "tool: move the weights, see how the rankings change, and compare with what the consortium decided."
)

survey, clusters = load("countries"), load("eu_clusters")

st.header("The decision in brief")
if survey is not None:
    decided = tables.decided(survey)
    leads = tables.lead_partners(clusters)
    cols = st.columns(len(decided) or 1)
    for col, d in zip(cols, decided):
        with col:  # the lead partner as a line of its own: a metric's delta pill cut it ("↑ lead: Chemie Cluster B…")
            st.metric(widgets.md_escape(d.country), tables.OUTCOME_LABELS[d.outcome], help=widgets.md_escape(d.reason))
            st.caption(f"Lead EU partner: **{widgets.md_escape(leads.get(d.country, 'not named'))}**")
    decision = tables.decision(survey, clusters)
    widgets.table(decision)
    widgets.source_caption("section D (steps 1 and 2) and section G (lead partners)")
    widgets.download_table(decision, "decision.csv", key="dl.overview.decision")

st.header("The consortium")
if clusters is not None:
    consortium = tables.eu_clusters(clusters)
    widgets.table(consortium, empty="—")
    widgets.source_caption("Table 1, section D (links abroad) and section G (lead partners)")
    widgets.download_table(consortium, "consortium.csv", key="dl.overview.consortium")

roadmap = load("roadmap")
if roadmap is not None:
    st.header("Roadmap")
    done, total = tables.tactics_progress(roadmap)
    st.progress(done / total, text=f"TACTICs steps: {done} of {total} done; the rest are ahead in 2013")
    left, right = st.columns(2)
    with left:
        st.subheader("The ten TACTICs steps")
        tactics = tables.steps(roadmap, "tactics")
        widgets.table(tactics, empty="— the report gives no detail —")
        widgets.source_caption("section I")
        widgets.download_table(tactics, "roadmap-tactics-steps.csv", key="dl.overview.tactics")
    with right:
        st.subheader("The strategy roadmap the consortium followed")
        strategy = tables.steps(roadmap, "strategy")
        widgets.table(strategy)
        widgets.source_caption("section B")
        widgets.download_table(strategy, "roadmap-strategy-steps.csv", key="dl.overview.strategy")
