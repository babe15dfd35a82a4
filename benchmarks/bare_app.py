"""The floor: one slider and st.write. The benchmark compares every page against this app."""

import streamlit as st

value = st.slider("Weight", 0.0, 5.0, 1.0, 0.1)
st.write(value)
