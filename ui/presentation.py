"""Presentation mode, for the projector, on every page: no sidebar, no header bar, no secondary
controls (downloads, expanders, popovers), large type, high contrast, one screen.

On with ``?present=1`` in the URL or the switch (in the sidebar; in presentation mode at the bottom
right, beside a small menu of the pages). ``ui.page.start`` keeps the flag in the URL across page
switches, so a shared link opens every page this way. The pages hide their own secondary controls
when ``active()`` is true; this module hides Streamlit's chrome.
"""

from __future__ import annotations

import streamlit as st

PARAM = "present"
KEY = "_present"
BAR = "present-bar"  # the keyed container (CSS class st-key-present-bar) of the switch in the mode

# The app's own constant style sheet (never anything from a user): hide the sidebar, its button and
# the header bar and the secondary controls (downloads, expanders, popovers, and by their widget keys'
# classes the sensitivity switch and inputs, the normalisation and the reset buttons), use the whole
# width, enlarge the type of text, tables and metrics, black on white.
_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stExpandSidebarButton"],
[data-testid="stMain"] [data-testid="stDownloadButton"], [data-testid="stMain"] [data-testid="stExpander"],
[data-testid="stMain"] [data-testid="stPopover"]:not(.st-key-present-bar [data-testid="stPopover"]),
[data-testid="stMain"] div[class*="st-key-"][class*="-sens"], [data-testid="stMain"] div[class*="st-key-"][class*="-norm"],
[data-testid="stMain"] div[class*="st-key-"][class*="-reset"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.2rem 2rem 0.5rem 2rem !important; max-width: 100% !important; }
[data-testid="stMain"] { font-size: 1.35rem; color: #000; background: #fff; }
[data-testid="stMain"] h1 { font-size: 2.3rem !important; padding-top: 0 !important; color: #000 !important; }
[data-testid="stMain"] h2, [data-testid="stMain"] h3 { font-size: 1.9rem !important; color: #000 !important; }
[data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 1.45rem !important; padding: 0.25rem 0.6rem !important; color: #000 !important; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p, [data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.45rem !important; color: #000; }
[data-testid="stMetricValue"] { font-size: 3rem !important; }
[data-testid="stMain"] [class*="-headline"] [data-testid="stMarkdownContainer"] p { font-size: 2rem !important; line-height: 1.3; }
[data-testid="stMain"] [class*="-live-table"] [data-testid="stTable"] td,
[data-testid="stMain"] [class*="-live-table"] [data-testid="stTable"] th { font-size: 1.4rem !important; padding: 0.12rem 0.6rem !important; }
[data-testid="stSliderThumbValue"], [data-testid="stSliderTickBar"] { font-size: 1rem !important; }
[data-testid="stElementContainer"]:has(h1) + [data-testid="stElementContainer"]:has([data-testid="stCaptionContainer"]) { display: none !important; }
[data-testid="stCaptionContainer"] { font-size: 1.1rem !important; color: #222 !important; }
.st-key-present-bar { position: fixed; bottom: 0.4rem; right: 1rem; z-index: 999990; width: auto !important;
  background: #fff; border: 1px solid #bbb; border-radius: 0.5rem; padding: 0.2rem 0.6rem; }
[data-testid="stMain"] .st-key-present-bar [data-testid="stMarkdownContainer"] p { font-size: 1rem !important; }
</style>
"""


def active() -> bool:
    return bool(st.session_state.get(KEY, st.query_params.get(PARAM) == "1"))


def _sync_url(on: bool) -> None:
    if on and st.query_params.get(PARAM) != "1":
        st.query_params[PARAM] = "1"
    elif not on and PARAM in st.query_params:
        st.query_params.pop(PARAM, None)


def _flip() -> None:
    st.session_state[KEY] = not active()
    _sync_url(st.session_state[KEY])


def toggle(label: str = "Presentation mode") -> bool:
    """The switch; returns whether the mode is on. The mode lives in the session (``KEY``), not in
    the widget: Streamlit gives a widget another identity on each page and in the sidebar, and a
    page link does not carry the URL's flag, so the session's mode puts it back into the URL."""
    on = st.session_state[KEY] = active()
    _sync_url(on)
    st.toggle(label, value=on, on_change=_flip,
              help="For the projector: hides the sidebar and the secondary controls, large type, high "
                   "contrast. A link with ?present=1 opens every page this way; the switch then sits "
                   "at the bottom right.")
    return on


def apply() -> None:
    """Style the page for the projector when the mode is on."""
    if active():
        st.html(_CSS)


def bar(pages) -> None:
    """Every page's switch: in the sidebar, or (in the mode) at the bottom right with a menu of the
    pages, since the sidebar's navigation is hidden. ``pages``: (path, title, icon) triples."""
    if not active():
        with st.sidebar:
            toggle()
        return
    apply()
    with st.container(key=BAR, horizontal=True, vertical_alignment="center"):
        with st.popover("Pages", icon=":material/menu:"):
            for path, title, icon in pages:
                st.page_link(path, label=title, icon=icon)
        toggle()
