"""Text from data files, uploads and the room's editors, made safe for Streamlit's Markdown.

Streamlit renders Markdown, GitHub extensions, LaTeX (``$...$``), colour and icon directives
(``:red[...]``, ``:material/...:``) and HTML entities in every label, caption, tab, subheader, help
text and message. ``md`` escapes every ASCII punctuation character with a backslash (CommonMark shows
an escaped character as itself, and Streamlit's ``\\$`` is its documented way to write a dollar), so a
name such as ``**x** [y](http://…) ![z](http://…) $a$ <b>`` is shown exactly as typed: no emphasis, no
live link, no image fetched from another server. Line breaks become spaces, so one value stays one
line. Use it at every boundary where data text meets a Streamlit element that renders Markdown;
cells of ``st.table``/``st.dataframe`` and chart labels are drawn as plain text and need none.
"""

from __future__ import annotations

import string

_ESCAPES = str.maketrans({c: "\\" + c for c in string.punctuation})
_BREAKS = str.maketrans({"\r": " ", "\n": " ", "\u2028": " ", "\u2029": " "})


def md(value) -> str:
    """``value`` as text, shown literally by any Streamlit element that renders Markdown."""
    return str(value).translate(_BREAKS).translate(_ESCAPES)


def md_lines(items) -> str:
    """A Markdown bullet list whose items are shown literally."""
    return "\n".join(f"- {md(item)}" for item in items)
