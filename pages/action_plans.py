"""Action plans per target country (Tables 14–17)."""

import streamlit as st

from ui import page, widgets
from ui.data import load
from wiintech import tables

page.start("action_plans")

st.title("Action plans")
st.caption("What / Who / How / When / Where for each target country, with its lead EU partner "
           "(report D1.4B, section G).")

plans = load("action_plans")
if plans is None:
    st.stop()

for tab, plan in zip(st.tabs([p.country for p in plans.plans]), plans.plans):
    with tab:
        st.markdown(f"**Lead EU partner:** {plan.lead}")
        df = tables.action_plan(plans, plan.country)
        widgets.table(df)
        widgets.source_caption(plan.source)
        widgets.download_table(df, f"action-plan-{plan.country.lower()}.csv", key=f"ap.{plan.country}")
