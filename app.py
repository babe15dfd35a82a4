"""WIINTECH decision dashboard: page config and navigation. Run: streamlit run app.py"""

import streamlit as st

st.set_page_config(page_title="WIINTECH decision dashboard", page_icon=":material/hub:", layout="wide")

pages = [
    st.Page("pages/overview.py", title="Overview", icon=":material/home:", default=True),
    st.Page("pages/countries.py", title="Country selection", icon=":material/public:"),
    st.Page("pages/profiles.py", title="Country profiles", icon=":material/travel_explore:"),
    st.Page("pages/clusters.py", title="Cluster shortlist", icon=":material/checklist:"),
    st.Page("pages/competence.py", title="Competence map", icon=":material/grid_on:"),
    st.Page("pages/action_plans.py", title="Action plans", icon=":material/event_note:"),
]
st.navigation(pages).run()
