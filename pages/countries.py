"""Country selection: live weights and methods, the answer in words first, then the report's own view and decision."""

import streamlit as st

from ui import country_view, layout, page, weights

page.start("countries")
layout.apply()

st.title("Country selection")
st.caption("Nine countries scored by the partners in the first workshop (report D1.4B, section D). "
           "Move a weight: the ranking redraws at once. The report's own view and decision are below.")

view = country_view.view()
if view is None:
    st.stop()
weights.init_state(view.prefix, view.method_norms, view.weight_keys, view.default, len(view.survey.countries))
weights.show_notices(view.prefix)

country_view.live_ranking(view)
country_view.minutes(view)
st.subheader("The report's view (2012)")
country_view.report_view(view)
