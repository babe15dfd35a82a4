"""Competence map: what the EU clusters bring, against the clean-tech applications (section C, D)."""

import streamlit as st

from ui import page, widgets
from ui.data import load
from wiintech import tables

page.start("competence")

st.title("Competence map")
st.info("The report's Figure 2 maps the EU clusters' technologies against applications and markets, "
        "but it is an image that the text does not carry. What the text gives is shown here.",
        icon=":material/info:")

clusters = load("eu_clusters")
if clusters is not None:
    st.subheader("The EU clusters and their focus")
    widgets.table(tables.eu_clusters(clusters), empty="—")
    widgets.source_caption("Table 1, sections D and G")

applications = load("applications")
if applications is not None:
    st.subheader("The seven clean-tech application areas")
    st.markdown("\n".join(f"{i}. {a.name}" for i, a in enumerate(applications, 1)))
    widgets.source_caption("section C")
