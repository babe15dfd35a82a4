"""Text from data files, uploads and the room's editors, made safe for Streamlit's Markdown.

Streamlit renders Markdown, GitHub extensions, LaTeX (``$...$``), colour and icon directives
(``:red[...]``, ``:material/...:``) and HTML entities in every label, caption, tab, subheader, help
text and message. ``md`` escapes every ASCII punctuation character with a backslash (CommonMark shows
an escaped character as itself, and Streamlit's ``\\$`` is its documented way to write a dollar), so a
name such as ``**x** [y](http://…) ![z](http://…) $a$ <b>`` is shown exactly as typed: no emphasis, no
live link, no image fetched from another server. Line breaks become spaces, so one value stays one
line, and a bare address gets an invisible word joiner so it is not made a link. Use it at every boundary where data text meets a Streamlit element that renders Markdown;
cells of ``st.table``/``st.dataframe`` and chart labels are drawn as plain text and need none.
"""

from __future__ import annotations

import re
import string

_ESCAPES = str.maketrans({c: "\\" + c for c in string.punctuation})
_BREAKS = str.maketrans({"\r": " ", "\n": " ", "\u2028": " ", "\u2029": " "})


# GitHub's autolinks (http://, https://, www., a@b.c) ignore backslash escapes: a word joiner (U+2060,
# invisible) after the scheme or before the @ keeps them text.
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|www)(?=\\?[:.])|(?=@)")


def md(value) -> str:
    """``value`` as text, shown literally by any Streamlit element that renders Markdown."""
    return _AUTOLINK.sub(lambda m: (m.group(1) or "") + "\u2060", str(value).translate(_BREAKS)).translate(_ESCAPES)


def md_lines(items) -> str:
    """A Markdown bullet list whose items are shown literally."""
    return "\n".join(f"- {md(item)}" for item in items)


def plotly(value) -> str:
    """``value`` as text in a Plotly label or hover: Plotly reads ``<a href>``, ``<b>`` and friends in
    its strings as markup (links included), so ``<``, ``>`` and ``&`` become entities it shows as
    themselves."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
