"""Workshop: partners weigh from their own devices; the facilitator's screen shows the group."""

import streamlit as st

from ui import group_view, page, workshop_view

page.start("workshop")

store = workshop_view.store()
if store is None:
    st.stop()

who, secret = workshop_view.role()
if who == "facilitator":
    group_view.facilitator_page(store, secret)
elif who == "partner":
    workshop_view.partner_page(store, secret)
else:
    st.title("Workshop")
    st.caption("Every partner weighs the criteria from their own phone or laptop; the facilitator's "
               "screen shows the group's ranking, how far the partners agree, and their factions, live.")
    join, create = st.columns(2, gap="large")
    with join:
        workshop_view.join_form(store, secret if who == "join" else "")
    with create:
        workshop_view.create_form(store)
