"""What every page does first."""

import streamlit as st
from streamlit import config
from streamlit.runtime.pages_manager import PagesManager

from ui import presentation
from ui.nav import PAGES

# Query parameters that belong to the session, not to a page: kept when the sidebar switches pages.
# ``present`` (presentation mode) and ``room`` (the room whose edits the pages load and save).
KEPT = (presentation.PARAM, "room")


def start(name: str) -> bool:
    """Start a page: inside the app's navigation, with the URL's query parameters only if they were
    written for this page. Returns True on the first run of a visit to this page.

    Because the project has a ``pages/`` folder, Streamlit 1.67 runs a page file on its own (its old
    multipage mode: no page config, file names in the sidebar) when a fresh server's first request is
    a deep link such as ``/countries?w.N=2``, before ``app.py`` has run. Its widgets then get other
    identities than on every later run, so the next interaction would reset them. Turning that mode off
    and rerunning sends the same URL through ``app.py``'s navigation. (Streamlit has no public switch;
    its own ``st.navigation`` sets the same flag.) AppTest runs every run in that mode, consistently,
    so there the rerun would only double each run's cost.

    Streamlit carries the query parameters over when the sidebar switches pages, so the country
    page's weights would otherwise reach (and confuse) the next page. A session's first page keeps
    them: that is a shared link being opened. The session's parameters (``KEPT``) stay on every page.

    Every page gets the presentation mode's switch here (and its style when it is on).
    """
    if PagesManager.uses_pages_directory and not config.get_option("global.appTest"):
        PagesManager.uses_pages_directory = False
        st.rerun()
    previous = st.session_state.get("_page")
    if previous is not None and previous != name and set(st.query_params) - set(KEPT):
        st.query_params.from_dict(kept())
    st.session_state["_page"] = name
    presentation.bar(PAGES)
    return previous != name


def kept() -> dict:
    """The session's query parameters that every page keeps (presentation mode, the room)."""
    return {k: st.query_params[k] for k in KEPT if st.query_params.get(k)}
