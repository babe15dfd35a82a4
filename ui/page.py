"""What every page does first."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ui.nav import navigation


def start(name: str) -> None:
    """Start a page: inside the app's navigation, with the URL's query parameters only if they were
    written for this page.

    Because the project has a ``pages/`` folder, Streamlit 1.67 runs a page file on its own (its old
    multipage mode: no page config, file names in the sidebar) when a fresh server's first request is
    a deep link such as ``/countries?w.N=2``, before ``app.py`` has run (and AppTest does so on every
    run). The page is the right one, so it only needs the app's page config and navigation, which
    also turn that mode off; no rerun.

    Streamlit carries the query parameters over when the sidebar switches pages, so the country
    page's weights would otherwise reach (and confuse) the next page. A session's first page keeps
    them: that is a shared link being opened.
    """
    if PagesManager.uses_pages_directory:
        navigation()
    previous = st.session_state.get("_page")
    if previous is not None and previous != name and len(st.query_params):
        st.query_params.clear()
    st.session_state["_page"] = name
