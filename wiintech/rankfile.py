"""Judges' rankings from CSV: the first column names the items, every further column is one judge
(its header the judge's name) holding the rank that judge gives each item (1 = best; equal ranks for
ties). Every problem names the file, the row and the column."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from wiintech.consensus import Rankings
from wiintech.errors import InputError
from wiintech.usermatrix import number

MAX_BYTES = 5 * 1024 * 1024  # a rankings file larger than this is refused, not read
MAX_ITEMS = 2000  # Copeland compares every pair of items
MAX_JUDGES = 500


def read_rankings(path) -> Rankings:
    label = str(path)
    p = Path(path)
    try:
        if p.stat().st_size > MAX_BYTES:
            raise InputError(f"{label}: larger than {MAX_BYTES // (1024 * 1024)} MB, the limit for a rankings file.")
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{label}: file not found.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{label}: cannot be read as UTF-8 text ({exc.__class__.__name__}).") from None
    return parse_rankings(text, label)


def parse_rankings(text: str, label: str = "rankings") -> Rankings:
    try:
        rows = [r for r in csv.reader(io.StringIO(text.lstrip("\ufeff"))) if any(c.strip() for c in r)]
    except csv.Error as exc:
        raise InputError(f"{label}: not a readable CSV file ({exc}).") from None
    if len(rows) < 3 or len(rows[0]) < 2:
        raise InputError(f"{label}: needs a header row (items, then one column per judge) and at least 2 items.")
    header = [h.strip() for h in rows[0]]
    judges = header[1:]
    if len(judges) > MAX_JUDGES or len(rows) - 1 > MAX_ITEMS:
        raise InputError(f"{label}: at most {MAX_ITEMS} items and {MAX_JUDGES} judges are read.")
    for j, name in enumerate(judges, start=2):
        if not name:
            raise InputError(f"{label}: column {j} has no judge name in the header.")
    items, ranks = [], []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise InputError(f"{label}: row {line} has {len(row)} cells; the header has {len(header)}.")
        name = row[0].strip()
        if not name:
            raise InputError(f"{label}: row {line} has no item name.")
        items.append(name)
        out = []
        for judge, cell in zip(judges, row[1:]):
            v = number(cell)
            if v is None or v < 1:
                raise InputError(f"{label}: row {line} ({name}) › {judge}: {cell.strip()[:40]!r} is not a rank "
                                 "(a number of 1 or more).")
            out.append(v)
        ranks.append(out)
    try:
        return Rankings.build(items, judges, ranks)
    except InputError as exc:
        raise InputError(f"{label}: {exc}") from None


def rankings_table(rankings: Rankings) -> pd.DataFrame:
    """The file this module reads: items, then one column of ranks per judge."""
    df = pd.DataFrame({"item": list(rankings.items)})
    for j, judge in enumerate(rankings.judges):
        df[judge] = [int(r) if float(r).is_integer() else r for r in rankings.ranks[:, j]]
    return df


def parse_judge_weights(text: str | None, rankings: Rankings) -> Rankings:
    """``NAME=V,...``: judge NAME counts as V identical judges (V > 0); others count once."""
    if not text:
        return rankings
    given: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, value = part.partition("=")
        name = name.strip()
        if not sep:
            raise InputError(f"--judge-weights: {part!r} should look like NAME=VALUE.")
        if name not in rankings.judges:
            raise InputError(f"--judge-weights: unknown judge {name!r}; the judges are: {', '.join(rankings.judges)}.")
        if name in given:
            raise InputError(f"--judge-weights: {name} is given twice.")
        v = number(value)
        if v is None or v <= 0:
            raise InputError(f"--judge-weights: the weight of {name} must be a number above 0, not {value.strip()!r}.")
        given[name] = v
    weights = [given.get(j, 1.0) for j in rankings.judges]
    return Rankings.build(rankings.items, rankings.judges, rankings.ranks, weights)
