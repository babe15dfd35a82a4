"""A long ranking shown a page at a time: the top of the ranking first, a search box and a page
number for the rest. A ranking that fits on one page is drawn whole, with neither widget.

``controls`` draws the search box and the page number, which do not depend on the weights (on the
country page, outside the fragment a slider reruns); ``positions`` reads them and picks the places of
the ranking to draw, on every run of the fragment."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import streamlit as st

from ui import widgets

PAGE_ROWS = 10  # rows drawn at once: the table and the chart of a longer ranking show this many


def _keys(prefix: str) -> tuple[str, str]:
    return f"{prefix}.find", f"{prefix}.page"


def controls(prefix: str, names: Sequence[str], noun: str = "alternative") -> None:
    """Past ``PAGE_ROWS`` alternatives: a search box, a page number and a line saying what is shown."""
    n = len(names)
    if n <= PAGE_ROWS:
        return
    find_key, page_key = _keys(prefix)
    pages = math.ceil(n / PAGE_ROWS)
    find, turn = st.columns([3, 1])
    query = find.text_input(f"Find a {noun}", key=find_key, placeholder="part of a name").strip()
    page = int(turn.number_input(f"Page (of {pages:,})", 1, pages, 1, key=page_key))
    if query:
        hits = sum(query.casefold() in name.casefold() for name in names)
        more = f"; the first {PAGE_ROWS} in the ranking are shown, narrow the search for the others" \
            if hits > PAGE_ROWS else ""
        st.caption(f"{hits:,} of {n:,} names contain “{widgets.md_escape(query)}”{more}.")
    else:
        start = (page - 1) * PAGE_ROWS
        st.caption(f"Places {start + 1:,}–{min(n, start + PAGE_ROWS):,} of {n:,} (page {page:,} of "
                   f"{pages:,}): find a name or turn the page for the others; the download has them all.")


def positions(prefix: str, names: Sequence[str]) -> np.ndarray | None:
    """The places of the ranking to draw (positions in its display order, best first; ``names`` in
    that order), as ``controls`` set them; None to draw every place (a ranking of one page)."""
    n = len(names)
    if n <= PAGE_ROWS:
        return None
    find_key, page_key = _keys(prefix)
    query = str(st.session_state.get(find_key) or "").strip().casefold()
    if query:
        return np.asarray([p for p, name in enumerate(names) if query in name.casefold()][:PAGE_ROWS], dtype=int)
    start = (min(max(int(st.session_state.get(page_key) or 1), 1), math.ceil(n / PAGE_ROWS)) - 1) * PAGE_ROWS
    return np.arange(start, min(n, start + PAGE_ROWS))
