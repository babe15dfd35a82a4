"""Small widgets shared by the pages: downloads, method captions, provenance notes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import text
from wiintech import export
from wiintech.ranking import NORM_NAMES, Method, Ranking

NOT_GIVEN = "— not given in the report —"


def download_csv(label: str, data, file_name: str, key: str) -> None:
    """A CSV download that does not rerun the page. ``data`` is the bytes, or a function that builds
    them when the button is clicked."""
    st.download_button(label, data, file_name=file_name, mime="text/csv", key=key,
                       on_click="ignore", icon=":material/download:")


def download_table(df: pd.DataFrame, file_name: str, key: str, label: str = "Download CSV") -> None:
    """The table as CSV, built only when the button is clicked, not on every rerun."""
    download_csv(label, lambda: export.csv_bytes(df), file_name, key)


def method_caption(method: Method, norm: str, criteria=()) -> None:
    """Which method and normalisation produce the ranking below, and what the method does (with
    PROMETHEE II, each criterion's preference function)."""
    prefs = (" Preference functions: " + "; ".join(md_escape(f"{c.name}: {c.preference}") for c in criteria) + "."
             if method.preferences and criteria else "")
    st.caption(f"**Ranked by {method.name}, {NORM_NAMES[norm]}.** {method.summary}{prefs}")


def score_format(method: Method):
    """How a score reads: the method's decimals (the index as the report prints it, 2; scores in
    0–1 or net flows, 3), or as the report prints numbers (the weighted product's whole products)."""
    return shown if method.digits is None else f"{{:.{method.digits}f}}".format


def ranking_csv_or_note(ranking: Ranking | None) -> bytes:
    """The ranking's CSV; a one-line note when there is no ranking (every weight was 0)."""
    if ranking is None:
        return export.csv_bytes(pd.DataFrame({"note": ["No ranking: every weight is 0."]}))
    return export.ranking_csv(ranking)


def source_caption(text: str) -> None:
    st.caption(f"Source: report D1.4B, {md_escape(text)}.")  # the source can come from a data file


def shown(value, empty: str = NOT_GIVEN) -> str:
    """A cell as the report prints it: 75.55, 44, 700; an empty cell says it is empty."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return empty
    if isinstance(value, bool):
        return "yes" if value else "no"
    return export.cell(value).removeprefix("'") if isinstance(value, (int, float)) else str(value)


md_escape = text.md  # the one escaping helper (ui/text.py), under the name the pages use


def markdown_table(df: pd.DataFrame, empty: str = NOT_GIVEN) -> str:
    """A Markdown table: much lighter on a rerun than ``st.table`` for a table that does not change."""
    head = "| " + " | ".join(md_escape(c) for c in df.columns) + " |"
    rule = "|" + "---|" * len(df.columns)
    rows = ["| " + " | ".join(md_escape(shown(v, empty)) for v in row) + " |"
            for row in df.itertuples(index=False, name=None)]
    return "\n".join([head, rule, *rows])


BIG_TABLE = 100  # rows past which a static table is a scrolling data grid, not every row drawn


def table(df: pd.DataFrame, empty: str = NOT_GIVEN) -> None:
    """A static table; a cell the report leaves empty reads "not given in the report". ``st.table``
    renders Markdown in its cells and headers, so both are escaped (``ui.text``). Past ``BIG_TABLE``
    rows (data far larger than the report's) a scrolling grid that draws only what is in view (a
    grid shows text as text, so it needs no escaping)."""
    if len(df) > BIG_TABLE:
        st.dataframe(df.map(lambda v: shown(v, empty)), hide_index=True)
    else:
        st.table(df.map(lambda v: text.md(shown(v, empty))).rename(columns=text.md), hide_index=True)
