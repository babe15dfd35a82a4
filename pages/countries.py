"""Country selection: live weights and methods beside the report's own view and decision."""

import streamlit as st

from ui import country_view, page, weights

page.start("countries")

st.title("Country selection")
st.caption("Nine countries scored by the partners in the first workshop (report D1.4B, section D). "
           "Move a weight: the ranking redraws at once. The report's own view and decision stay on the right.")

view = country_view.view()
if view is None:
    st.stop()
weights.init_state(view.prefix, view.method_norms, view.weight_keys, view.default, len(view.survey.countries))
weights.show_notices(view.prefix)

live, reported = st.columns([4, 3], gap="medium")
with live:
    st.subheader("Live ranking")
    country_view.controls(view)
    country_view.live_ranking(view)
    country_view.download(view)
with reported:
    st.subheader("The report's view")
    country_view.report_view(view)
