"""Action plans per target country (Tables 14–17), on a timeline with the dated events."""

import streamlit as st

from ui import page, timeline, widgets
from ui.data import load
from wiintech import profiles, tables

page.start("action_plans")

st.title("Action plans")
st.caption("What / Who / How / When / Where for each target country, with its lead EU partner "
           "(report D1.4B, section G), and the events they name.")

plans = load("action_plans")
if plans is None:
    st.stop()
items, events = profiles.timeline(plans)

st.subheader("Timeline")
timeline.chart(items, events)
undated = profiles.undated(items)
st.markdown("**Events** (the numbered dashed lines): " + " · ".join(map(widgets.md_escape, timeline.key(events))))
st.caption("Bars: months and quarters as printed; light bars: \"Ongoing\" items, drawn across the whole "
           "period the plans cover; diamonds: \"By end …\" deadlines; dashed lines: dated events. "
           + (f"Not on the chart, since the report gives no date: {'; '.join(map(widgets.md_escape, undated))}."
              if undated else ""))
c1, c2 = st.columns(2)
with c1:
    widgets.download_table(items, "action-plan-timeline.csv", key="dl.ap.timeline",
                           label="Download the timeline (CSV)")
with c2:
    widgets.download_table(events, "action-plan-events.csv", key="dl.ap.events",
                           label="Download the events (CSV)")
with st.expander("The dated events"):
    widgets.table(events, empty="—")

st.subheader("The plans")
for tab, plan in zip(st.tabs([widgets.md_escape(p.country) for p in plans.plans]), plans.plans):
    with tab:
        st.markdown(f"**Lead EU partner:** {widgets.md_escape(plan.lead)}")
        df = tables.action_plan(plans, plan.country)
        widgets.table(df)
        widgets.source_caption(plan.source)
        widgets.download_table(df, f"action-plan-{plan.country.lower()}.csv", key=f"ap.{plan.country}")
