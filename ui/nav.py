"""The app's pages and page config, in one place: ``app.py`` runs them, and ``ui.page`` needs them too."""

from pathlib import Path

import streamlit as st

ICON = Path(__file__).resolve().parent / "assets" / "icon.png"

PAGES = [
    ("pages/overview.py", "Overview", ":material/home:"),
    ("pages/countries.py", "Country selection", ":material/public:"),
    ("pages/profiles.py", "Country profiles", ":material/travel_explore:"),
    ("pages/clusters.py", "Cluster shortlist", ":material/checklist:"),
    ("pages/competence.py", "Competence map", ":material/grid_on:"),
    ("pages/action_plans.py", "Action plans", ":material/event_note:"),
    ("pages/upload.py", "Your own decision", ":material/upload_file:"),
    ("pages/workshop.py", "Workshop", ":material/groups:"),
]


def navigation():
    """Set the page config and the sidebar navigation; returns the page the URL asks for."""
    # A local image: a Material icon as the page icon is fetched from fonts.gstatic.com by every viewer.
    st.set_page_config(page_title="WIINTECH decision dashboard", page_icon=str(ICON), layout="wide")
    return st.navigation([st.Page(path, title=title, icon=icon, default=i == 0)
                          for i, (path, title, icon) in enumerate(PAGES)])
