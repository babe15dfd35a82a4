"""Presentation mode, for the projector: no sidebar, no header bar, large type, high contrast.

On with ``?present=1`` in the URL (so a shared link keeps it) or the page's toggle. The pages hide
their own secondary controls when ``active()`` is true; this module hides Streamlit's chrome.
"""

from __future__ import annotations

import streamlit as st

PARAM = "present"
KEY = "_present"

# The app's own constant style sheet (never anything from a user): hide the sidebar, its button and
# the header bar, use the whole width, and enlarge the type of text, tables and metrics.
_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.2rem 2rem 0.5rem 2rem !important; max-width: 100% !important; }
[data-testid="stMain"] { font-size: 1.35rem; color: #000; }
[data-testid="stMain"] h1 { font-size: 2.6rem !important; padding-top: 0 !important; }
[data-testid="stMain"] h2, [data-testid="stMain"] h3 { font-size: 1.9rem !important; }
[data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 1.45rem !important; padding: 0.25rem 0.6rem !important; color: #000 !important; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p { font-size: 1.45rem !important; }
[data-testid="stMetricValue"] { font-size: 3rem !important; }
[data-testid="stCaptionContainer"] { font-size: 1.1rem !important; color: #222 !important; }
</style>
"""


def active() -> bool:
    return st.session_state.get(KEY, st.query_params.get(PARAM) == "1")


def _changed() -> None:
    if st.session_state[KEY]:
        st.query_params[PARAM] = "1"
    else:
        st.query_params.pop(PARAM, None)


def toggle(label: str = "Presentation mode") -> bool:
    """The switch (keeps the URL flag in step); returns whether the mode is on."""
    st.session_state.setdefault(KEY, st.query_params.get(PARAM) == "1")
    return st.toggle(label, key=KEY, on_change=_changed,
                     help="For the projector: hides the sidebar and the controls, large type. "
                          "Add ?present=1 to a link to open it this way; switch off with the toggle at the bottom.")


def apply() -> None:
    """Style the page for the projector when the mode is on."""
    if active():
        st.html(_CSS)
