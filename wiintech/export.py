"""Tables to CSV bytes, the same for the command line and the app's download buttons.

* UTF-8 with a byte-order mark, so Excel reads accents (N°1, Sao Paulo).
* A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed
  with ``'`` so a spreadsheet shows it as text instead of running it (OWASP, CSV injection).
  Numbers stay numbers, negative ones included.
* Floats are written with at most 9 decimals and integers without ``.0``: 75.55, 700.
* ``EXCEL_EU`` (for Excel in French, German, Italian…, whose list separator is ``;`` and decimal
  separator ``,``): semicolons between cells and a decimal comma in numbers (75,55). The default,
  ``STANDARD``, is the command line's: commas and decimal points.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from numbers import Integral, Real
from typing import TYPE_CHECKING

import numpy as np

from wiintech.models import COST
from wiintech.ranking import NORM_NAMES, Ranking

if TYPE_CHECKING:
    import pandas as pd

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


@dataclass(frozen=True)
class Dialect:
    """How a CSV separates cells and writes a number's decimals."""

    separator: str
    decimal: str
    label: str


STANDARD = Dialect(",", ".", "Comma-separated, decimal point (Excel in English, most programs)")
EXCEL_EU = Dialect(";", ",", "For Excel in French, German, Italian… (semicolons, decimal comma)")
DIALECTS = {"standard": STANDARD, "excel-eu": EXCEL_EU}


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(DANGEROUS_PREFIXES) else text


def unneutralise(text: str) -> str:
    """``neutralise`` undone, for a file this app wrote and a user uploads again."""
    return text[1:] if text.startswith("'") and text[1:].startswith(DANGEROUS_PREFIXES) else text


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Real):
        return _float(float(value))
    return neutralise(str(value))


def _float(v: float) -> str:
    if v != v:  # NaN
        return ""
    v = round(v, 9) + 0.0  # + 0.0 turns -0.0 into 0.0
    return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)


def _short(text: str) -> str:
    text = text.rstrip("0")
    if text[-1] == ".":
        return "0" if text == "-0." else text[:-1]
    return text


def _column(series, decimal: str = ".") -> list[str]:
    """One column's cells (a pandas Series or a NumPy array), formatted by its dtype once rather
    than by testing each cell's type: the same text as ``cell``, in a fraction of the time on a big
    table (a rank-acceptability table). ``decimal``: the decimal separator of the numbers."""
    out = _cells(series)
    if decimal == ".":
        return out
    kind = series.dtype.kind
    if kind == "f":
        return [v.replace(".", decimal) for v in out]
    if kind == "O":  # mixed: only the numbers change, never text
        return [t.replace(".", decimal) if isinstance(v, Real) and not isinstance(v, bool) else t
                for v, t in zip(series.tolist(), out)]
    return out


def _cells(series) -> list[str]:
    values = series.tolist()
    kind = series.dtype.kind
    if kind == "f":
        x = np.asarray(series, dtype=float)
        a = np.abs(x)
        if np.all((a < 1e15) & (x == np.round(x))):  # whole numbers (NaN fails): written as integers
            return list(map(str, x.astype(np.int64).tolist()))
        if np.all(((a >= 1e-4) | (a == 0)) & (a < 1e6)):
            # At most 6 + 9 significant digits: the 9-decimal string, trailing zeros cut, is the
            # repr of the rounded float (no exponent below 1e-4 to care about either).
            return [_short(f"{v:.9f}") for v in values]
        return list(map(_float, values))
    if kind in "iu":
        return list(map(str, values))
    if kind == "b":
        return ["true" if v else "false" for v in values]
    if all(type(v) is str for v in values):  # text: only the formula guard to apply
        return [neutralise(v) for v in values]
    return list(map(cell, values))


def csv_bytes(df: pd.DataFrame, dialect: Dialect = STANDARD) -> bytes:
    return _csv(list(df.columns), [df.iloc[:, j] for j in range(df.shape[1])], dialect)


def _csv(header: list, columns: list, dialect: Dialect = STANDARD) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", delimiter=dialect.separator)
    writer.writerow([neutralise(str(c)) for c in header])
    writer.writerows(zip(*(_column(c, dialect.decimal) for c in columns)))
    return (BOM + buf.getvalue()).encode("utf-8")


def with_method(df: pd.DataFrame, ranking: Ranking) -> pd.DataFrame:
    """Append the method, normalisation and weights (and PROMETHEE II's preference functions) to every
    row, so the file says how it was made."""
    out = df.copy()
    for name, value in _method_columns(ranking).items():
        out[name] = value
    return out


def ranking_csv(ranking: Ranking, table: pd.DataFrame | None = None) -> bytes:
    """rank, name, score, the criteria, any extra columns, then method, normalisation, weights (and
    preference_functions for PROMETHEE II). Without a table, straight from the ranking's arrays (no
    pandas: the command line starts faster)."""
    if table is not None:
        return csv_bytes(with_method(table, ranking))
    cols = ranking.columns()
    n = len(ranking.order)
    for name, value in _method_columns(ranking).items():
        cols[name] = np.full(n, value, dtype=object)
    return _csv(list(cols), list(cols.values()))


def _method_columns(ranking: Ranking) -> dict:
    """The columns that say how the ranking was made, each one value for every row."""
    cost = [c.name for c in ranking.matrix.criteria if c.direction == COST]
    return {"method": ranking.method.name, "normalisation": NORM_NAMES[ranking.normalisation],
            "weights": ranking.weights_text(),
            **({"preference_functions": ranking.preferences_text()} if ranking.method.preferences else {}),
            # so that the file, uploaded again, is ranked the same way
            **({"cost_criteria": ";".join(cost)} if cost else {})}
