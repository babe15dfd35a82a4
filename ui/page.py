"""What every page does first."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def start() -> None:
    """Make sure the page runs inside ``app.py``'s navigation.

    Because the project has a ``pages/`` folder, Streamlit 1.67 runs a page file on its own (its old
    multipage mode: no page config, file names in the sidebar) when the first visitor of a fresh
    server opens a deep link such as ``/countries?w.N=2`` before ``app.py`` has ever run. Turning that
    mode off and rerunning sends the same URL through ``app.py``. Streamlit has no public switch for
    this; its own ``st.navigation`` sets the same flag.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
