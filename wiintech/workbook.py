"""The whole session as an Excel workbook (openpyxl, already a dependency for reading .xlsx): a
"Settings" sheet first (when it was made, the method, the weights, the rule, the link), then one
sheet per table of the page.

Text is written as text, never as a formula: a cell that begins with ``=`` (a name in an uploaded
file, say) is stored as a string, so Excel shows it and does not run it (the CSV's OWASP rule, by
the file format's own means).
"""

from __future__ import annotations

import io
import math
import re
from numbers import Integral, Real

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

_BAD = re.compile(r"[\[\]:*?/\\]")


def sheet_name(name: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique (case-insensitively)."""
    base = _BAD.sub(" ", name).strip("' ")[:31] or "Sheet"
    out, n = base, 2
    while out.casefold() in used:
        suffix = f" ({n})"
        out, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(out.casefold())
    return out


def _value(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, Integral):
        return int(v)
    if isinstance(v, Real):
        f = float(v)
        return None if not math.isfinite(f) else f
    return str(v)


def _put(ws, row: int, col: int, v, bold: bool = False) -> None:
    cell = ws.cell(row=row, column=col)
    v = _value(v)
    cell.value = v
    if isinstance(v, str):
        cell.data_type = TYPE_STRING  # "=1+1" stays text: openpyxl would otherwise write a formula
    if bold:
        cell.font = Font(bold=True)


def _widths(ws, columns: int, texts) -> None:
    widths = [8] * columns
    for row in texts:
        for j, t in enumerate(row[:columns]):
            widths[j] = min(60, max(widths[j], len(str(t)) + 2))
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = w


def workbook_bytes(settings: list[tuple[str, object]], tables: dict[str, pd.DataFrame]) -> bytes:
    """``settings``: (what, value) pairs for the first sheet; ``tables``: sheet title -> table."""
    wb = Workbook()
    ws = wb.active
    used: set[str] = set()
    ws.title = sheet_name("Settings", used)
    _put(ws, 1, 1, "Setting", bold=True)
    _put(ws, 1, 2, "Value", bold=True)
    for i, (what, value) in enumerate(settings, 2):
        _put(ws, i, 1, what)
        _put(ws, i, 2, value)
    _widths(ws, 2, [("Setting", "Value"), *settings])
    for title, df in tables.items():
        ws = wb.create_sheet(sheet_name(title, used))
        for j, name in enumerate(df.columns, 1):
            _put(ws, 1, j, str(name), bold=True)
        for i, row in enumerate(df.itertuples(index=False), 2):
            for j, v in enumerate(row, 1):
                _put(ws, i, j, v)
        ws.freeze_panes = "A2"
        _widths(ws, len(df.columns), [list(map(str, df.columns)), *df.head(200).astype(str).values.tolist()])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
