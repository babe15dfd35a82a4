"""Competence map: the EU clusters' technologies against the clean-tech applications (Figure 2)."""

import streamlit as st

from ui import competence_view, page, widgets
from ui.data import load
from wiintech import competence

new_visit = page.start("competence")

st.title("Competence map")
st.info("The report's Figure 2 maps the EU clusters' technologies against applications and markets, "
        "but it is an image that the text does not carry. This map is built from what the text gives: "
        "each cluster's focus (Table 1) is marked **report**; everything else is a **workshop estimate**, "
        "a default for the room to confirm or change below. No estimate passes as the report's.",
        icon=":material/info:")

cmap = load("competence_map")
if cmap is None:
    st.stop()
clusters, targets = load("eu_clusters"), load("cluster_targets")
competence_view.start_visit(cmap, new_visit)

map_tab, profile_tab, edit_tab, facts_tab = st.tabs(
    ["Map", "Per cluster", "Edit in the room", "Every fact and its source"])
with edit_tab:  # drawn first, so the map uses this run's edits
    edited = competence_view.editor(cmap)
    c1, c2 = st.columns(2)
    with c1:
        widgets.download_csv("Download the edited map (YAML for data/)",
                             lambda: competence.to_yaml(edited).encode("utf-8"), "competence_map.yaml",
                             key="dl.competence.yaml")
    with c2:
        widgets.download_table(competence.facts_table(edited), "competence-map.csv",
                               key="dl.competence.csv", label="Download the edited map (CSV)")
with map_tab:
    chosen = st.multiselect("Clusters", edited.names(), default=list(edited.names()), key="competence.filter")
    cov = competence.coverage(edited, chosen)
    competence_view.heat_map(cov)
    found = competence.gaps(cov)
    st.caption(f"Each cell counts the chosen clusters that have the technology and address the "
               f"application; hover for which ones and the cell's provenance. "
               f"**{len(found)} of {len(cov)} cells are gaps** (red): no chosen cluster covers them.")
    widgets.download_table(cov.drop(columns=["gap"]), "competence-coverage.csv", key="dl.competence.cov",
                           label="Download the map's cells (CSV)")
with profile_tab:
    if clusters is not None:
        name = st.selectbox("Cluster", [c.name for c in clusters], key="competence.cluster")
        competence_view.profile(name, edited, clusters, targets)
with facts_tab:
    widgets.table(competence.facts_table(edited), empty="—")
