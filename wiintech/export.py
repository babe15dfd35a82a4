"""Tables to CSV bytes, the same for the command line and the app's download buttons.

* UTF-8 with a byte-order mark, so Excel reads accents (N°1, Sao Paulo).
* A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed
  with ``'`` so a spreadsheet shows it as text instead of running it (OWASP, CSV injection).
  Numbers stay numbers, negative ones included.
* Floats are written with at most 9 decimals and integers without ``.0``: 75.55, 700.
"""

from __future__ import annotations

import csv
import io
import math
from numbers import Integral, Real

import pandas as pd

from wiintech.models import COST
from wiintech.ranking import NORM_NAMES, Ranking

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


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
        v = float(value)
        if math.isnan(v):
            return ""
        v = round(v, 9) + 0.0  # + 0.0 turns -0.0 into 0.0
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    return neutralise(str(value))


def csv_bytes(df: pd.DataFrame) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([neutralise(str(c)) for c in df.columns])
    for row in df.itertuples(index=False, name=None):
        writer.writerow([cell(v) for v in row])
    return (BOM + buf.getvalue()).encode("utf-8")


def with_method(df: pd.DataFrame, ranking: Ranking) -> pd.DataFrame:
    """Append the method, normalisation and weights (and PROMETHEE II's preference functions) to every
    row, so the file says how it was made."""
    out = df.copy()
    out["method"] = ranking.method.name
    out["normalisation"] = NORM_NAMES[ranking.normalisation]
    out["weights"] = ranking.weights_text()
    if ranking.method.preferences:
        out["preference_functions"] = ranking.preferences_text()
    cost = [c.name for c in ranking.matrix.criteria if c.direction == COST]
    if cost:  # so that the file, uploaded again, is ranked the same way
        out["cost_criteria"] = ";".join(cost)
    return out


def ranking_csv(ranking: Ranking, table: pd.DataFrame | None = None) -> bytes:
    """rank, name, score, the criteria, any extra columns, then method, normalisation, weights (and
    preference_functions for PROMETHEE II)."""
    return csv_bytes(with_method(ranking.table() if table is None else table, ranking))
