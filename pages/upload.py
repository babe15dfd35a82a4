"""Your own decision: upload a matrix or the data files, then rank it with the country page's views."""

import streamlit as st

from ui import country_view, page, upload_view, weights

page.start("upload")

st.title("Your own decision")
st.caption("Upload a decision matrix (CSV or Excel: the first column names the alternatives, the others are "
           "numeric criteria), mark which criteria are costs, and rank it with the same sliders, methods and "
           "sensitivity analysis as the country page. Or upload the data folder's YAML files to run every page "
           "of this session on them. Uploads stay in your session; the shipped data is never changed.")

upload_view.uploader()
upload_view.limits_note()
upload_view.data_files_note()
view = upload_view.matrix_view()
if view is None:
    st.stop()
weights.init_state(view.prefix, view.method_norms, view.weight_keys, view.default, view.alternatives)
weights.show_notices(view.prefix)

st.subheader("Live ranking")
country_view.live_ranking(view)
country_view.minutes(view)
