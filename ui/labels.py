"""Axis labels that wrap instead of being cut with "…": the text on a few lines, joined by ``SEP``,
which a Vega-Lite axis splits into lines with ``labelExpr=LABEL_EXPR``."""

from __future__ import annotations

import textwrap

SEP = "|"
LABEL_EXPR = f"split(datum.label, '{SEP}')"


def wrapped(text: str, width: int, lines: int) -> str:
    """The text on at most ``lines`` lines of about ``width`` characters (a longer word keeps its
    line); "…" only when even that does not hold it."""
    parts = textwrap.wrap(" ".join(str(text).replace(SEP, "/").split()), width, break_long_words=False) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip() + "…"
    return SEP.join(parts)
