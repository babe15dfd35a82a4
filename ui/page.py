"""What every page does first."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def start(name: str) -> None:
    """Start a page: inside ``app.py``'s navigation, with the URL's query parameters only if they were
    written for this page.

    Streamlit carries the query parameters over when the sidebar switches pages, so the country
    page's weights would otherwise reach (and confuse) the next page. A session's first page keeps
    them: that is a shared link being opened.

    Why the rerun:
    Because the project has a ``pages/`` folder, Streamlit 1.67 runs a page file on its own (its old
    multipage mode: no page config, file names in the sidebar) when the first visitor of a fresh
    server opens a deep link such as ``/countries?w.N=2`` before ``app.py`` has ever run. Turning that
    mode off and rerunning sends the same URL through ``app.py``. Streamlit has no public switch for
    this; its own ``st.navigation`` sets the same flag.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
    previous = st.session_state.get("_page")
    if previous is not None and previous != name and len(st.query_params):
        st.query_params.clear()
    st.session_state["_page"] = name
