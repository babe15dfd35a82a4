"""Cluster shortlist: score the partner clusters of each target country live (Tables 10–13)."""

import streamlit as st

from ui import cluster_view, layout, page, widgets
from ui.data import load
from wiintech import tables

new_visit = page.start("clusters")
layout.apply()

st.title("Cluster shortlist")
st.caption("Candidate partner clusters in each selected country, scored 1–10 on fit for the programme, size "
           "and interaction (report D1.4B, section F). Total = Fit × Size × Interaction, out of 1000.",
           help="The report's header says \"HML 1/5/10\" but the scores used are 1, 3, 5, 7 and 10: a 1–10 scale.")

report_targets = load("cluster_targets")
if report_targets is None:
    st.stop()
clusters = load("eu_clusters")
leads = tables.lead_partners(clusters)
cluster_view.start_visit(report_targets, new_visit)

shortlist_tab, edit_tab, report_tab = cluster_view.tabs(report_targets)
with edit_tab:  # drawn first, so the shortlist uses this run's edits
    targets = cluster_view.editor_view(report_targets, edit_tab.open)
    cluster_view.edited_downloads(targets)
with shortlist_tab:
    cluster_view.shortlist_view(targets, leads)
    cluster_view.unscored_view(targets)
with report_tab:
    for country in report_targets.countries if report_tab.open else ():
        st.subheader(f"{widgets.md_escape(country)} ({widgets.md_escape(report_targets.sources[country])})")
        widgets.table(tables.cluster_targets(report_targets, country).drop(columns=["Country", "Source"]))
        unscored = tables.unscored(report_targets, country)
        if len(unscored):
            st.markdown("**Put forward at the meeting, not scored**")
            widgets.table(unscored.drop(columns=["Country", "Source"]))
