"""Small widgets shared by the pages: downloads, method captions, provenance notes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from wiintech import export
from wiintech.ranking import Ranking

NOT_GIVEN = "— not given in the report —"


def download_csv(label: str, data: bytes, file_name: str, key: str) -> None:
    """A CSV download that does not rerun the page (the bytes are already built)."""
    st.download_button(label, data, file_name=file_name, mime="text/csv", key=key,
                       on_click="ignore", icon=":material/download:")


def download_table(df: pd.DataFrame, file_name: str, key: str, label: str = "Download CSV") -> None:
    download_csv(label, export.csv_bytes(df), file_name, key)


def method_caption(ranking: Ranking) -> None:
    st.caption(f"**Method:** {ranking.describe()} {ranking.method.summary}")


def source_caption(text: str) -> None:
    st.caption(f"Source: report D1.4B, {text}.")


def shown(value, empty: str = NOT_GIVEN) -> str:
    """A cell as the report prints it: 75.55, 44, 700; an empty cell says it is empty."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return empty
    if isinstance(value, bool):
        return "yes" if value else "no"
    return export.cell(value).removeprefix("'") if isinstance(value, (int, float)) else str(value)


def table(df: pd.DataFrame, empty: str = NOT_GIVEN) -> None:
    """A static table; a cell the report leaves empty reads "not given in the report"."""
    st.table(df.map(lambda v: shown(v, empty)), hide_index=True)
