"""The live pages' layout rules (country selection, cluster shortlist, your own decision): the
headline and the live table set larger than anything else, and less empty space over the title, so
the answer fits on the first screen of a projector (1920×1080) and a laptop (1366×768).

A constant style sheet of the app's own (never anything from a user or a data file), scoped by the
keys of the containers it styles (Streamlit gives a keyed container the class ``st-key-<key>``)."""

from __future__ import annotations

import streamlit as st

_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 3.6rem; }
[data-testid="stMain"] h1 { padding-top: 0.25rem; padding-bottom: 0.1rem; }
[class*="-headline"] [data-testid="stMarkdownContainer"] p { font-size: 1.45rem; line-height: 1.35; color: #111; }
[class*="-live-table"] [data-testid="stTable"] td, [class*="-live-table"] [data-testid="stTable"] th {
  font-size: 1.2rem; padding: 0.2rem 0.5rem; color: #111; }
[class*="-live-table"] [data-testid="stTable"] th { font-weight: 600; }
.st-key-clusters-headline [data-testid="stMarkdownContainer"] p { font-size: 1.2rem; }
.st-key-clusters-live-table [data-testid="stTable"] td, .st-key-clusters-live-table [data-testid="stTable"] th {
  font-size: 1.05rem; padding: 0.2rem 0.4rem; }
</style>
"""


def apply() -> None:
    """Once per run of a live page, before its content."""
    st.html(_CSS)


def headline(prefix: str, inputs, standing, words) -> str:
    """The headline over a live ranking, kept with the inputs that gave it: ``words(previous)`` (a
    ``wiintech.headline`` sentence against the standing drawn before) is computed when the inputs
    change; a rerun with the same inputs (a toggle, a tab) keeps the last move's sentence."""
    memo = st.session_state.get(f"{prefix}.headline")
    if memo is not None and memo["inputs"] == inputs:
        return memo["text"]
    text = words(None if memo is None else memo["standing"])
    st.session_state[f"{prefix}.headline"] = {"inputs": inputs, "standing": standing, "text": text}
    return text


def show_headline(prefix: str, slot, text_md: str) -> None:
    """Write the headline (already escaped Markdown) into its slot, in the style above."""
    with slot.container(key=f"{prefix}-headline"):
        st.markdown(f"**{text_md}**")
