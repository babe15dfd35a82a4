"""The "Demo workshop" button on the workshop's start page: a workshop filled by ``wiintech.demo``
(the report's answers, the two factions, the scoring round), opened as its facilitator."""

from __future__ import annotations

import streamlit as st

from ui import text
from ui.data import load
from ui.questionnaire_view import DEMO_TOKENS
from wiintech import demo
from wiintech.errors import AccessError, InputError, StoreError
from wiintech.store import Store


def demo_button(s: Store) -> None:
    st.caption("New to the workshop mode? The demo replays the report's first workshop: eight clusters, "
               "sixteen answer sheets that add up to the report's step-1 table and index, and weights that "
               "split into the technology-oriented (Japan) and business-oriented (India) groups.")
    if not st.button("Demo workshop", key="ws.demo", icon=":material/play_circle:"):
        return
    survey, targets = load("countries"), load("cluster_targets")
    if survey is None or targets is None:
        return
    try:
        with st.spinner("Filling the demo workshop…"):
            _, token, partners = demo.create(s, survey, targets)
    except (AccessError, InputError, StoreError) as exc:
        st.error(text.md(exc))
        return
    st.session_state[DEMO_TOKENS] = partners
    from ui.workshop_view import go  # the start page's own way in (imported here: it imports this module)

    go(f=token)
