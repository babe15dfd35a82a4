"""The floor for a polling view: one fragment that reruns every second and draws nothing."""

import streamlit as st

st.title("bare")


@st.fragment(run_every=1.0)
def poll():
    pass


poll()
