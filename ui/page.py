"""What every page does first."""

import streamlit as st
from streamlit import config
from streamlit.runtime.pages_manager import PagesManager


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
    them: that is a shared link being opened.
    """
    if PagesManager.uses_pages_directory and not config.get_option("global.appTest"):
        PagesManager.uses_pages_directory = False
        st.rerun()
    previous = st.session_state.get("_page")
    if previous is not None and previous != name and len(st.query_params):
        st.query_params.clear()
    st.session_state["_page"] = name
    return previous != name
