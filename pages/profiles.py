"""Country profiles: PEST and SWOT for each target country (Tables 2–9)."""

import streamlit as st

from ui import page, widgets
from ui.data import load
from wiintech import tables

page.start("profiles")

st.title("Country profiles")
st.caption("The political, economic, social and technological picture of each target country, and its "
           "strengths, weaknesses, opportunities and threats, as UbiFrance's experts presented them at the "
           "second workshop (report D1.4B, section E). Cells the report leaves empty say so.")

profiles = load("profiles")
if profiles is None:
    st.stop()

for tab, profile in zip(st.tabs([p.country for p in profiles]), profiles):
    with tab:
        st.subheader(f"{profile.country}: PEST analysis")
        widgets.table(tables.pest(profile))
        widgets.source_caption(profile.pest_source)
        st.subheader(f"{profile.country}: SWOT analysis")
        for row in (("strengths", "weaknesses"), ("opportunities", "threats")):
            for col, quadrant in zip(st.columns(2), row):
                with col.container(border=True):
                    st.markdown(f"**{tables.SWOT_LABELS[quadrant]}**")
                    items = profile.swot[quadrant]
                    st.markdown("\n".join(f"- {i}" for i in items) if items else f"*{widgets.NOT_GIVEN}*")
        widgets.source_caption(profile.swot_source)
