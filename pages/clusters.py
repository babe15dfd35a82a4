"""Cluster shortlist: the partner clusters scored in each target country (Tables 10–13)."""

import streamlit as st

from ui import page, widgets
from ui.data import load
from wiintech import tables

page.start("clusters")

st.title("Cluster shortlist")
st.caption("Candidate partner clusters in each selected country, scored on fit for the programme, size "
           "and interaction (report D1.4B, section F). Total = Fit × Size × Interaction, out of 1000. "
           "The header says \"HML 1/5/10\" but the scores used are 1, 3, 5, 7 and 10: a 1–10 scale.")

targets = load("cluster_targets")
if targets is None:
    st.stop()

for country in targets.countries:
    st.subheader(f"{country} ({targets.sources[country]})")
    widgets.table(tables.cluster_targets(targets, country).drop(columns=["Country", "Source"]))
    unscored = tables.unscored(targets, country)
    if len(unscored):
        st.markdown("**Put forward at the meeting, not scored**")
        widgets.table(unscored.drop(columns=["Country", "Source"]))
