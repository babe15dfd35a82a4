"""A user's own decision matrix from CSV: first column the alternative's name, other columns numeric
criteria. Every problem names the file, the row and the column."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

from wiintech.errors import InputError
from wiintech.models import BENEFIT, COST, Criterion
from wiintech.ranking import DecisionMatrix


def _number(text: str) -> float | None:
    try:
        v = float(text.strip())
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def read_matrix(path, cost=()) -> DecisionMatrix:
    """Read a CSV file; ``cost`` names the columns where less is better."""
    label = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{label}: file not found.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{label}: cannot be read as UTF-8 text ({exc}).") from None
    return parse_matrix(text, cost, label)


def parse_matrix(text: str, cost=(), label: str = "matrix") -> DecisionMatrix:
    text = text.lstrip("\ufeff")
    rows = [r for r in csv.reader(io.StringIO(text)) if any(c.strip() for c in r)]
    if len(rows) < 2:
        raise InputError(f"{label}: needs a header row and at least one alternative.")
    header = [h.strip() for h in rows[0]]
    if len(header) < 2:
        raise InputError(f"{label}: needs a name column and at least one criterion column.")
    crit_names = header[1:]
    if any(not h for h in crit_names):
        raise InputError(f"{label}: column {crit_names.index('') + 2} has no header.")
    dup = sorted({h for h in crit_names if crit_names.count(h) > 1})
    if dup:
        raise InputError(f"{label}: column names must be unique; repeated: {', '.join(dup)}.")
    cost = [c.strip() for c in cost if c.strip()]
    unknown = [c for c in cost if c not in crit_names]
    if unknown:
        raise InputError(f"{label}: --cost names {unknown[0]!r}, which is not a column; "
                         f"the criteria are: {', '.join(crit_names)}.")
    names, values = [], []
    for n, row in enumerate(rows[1:], start=2):
        row = row + [""] * (len(header) - len(row))
        if len(row) > len(header):
            raise InputError(f"{label}: row {n} has {len(row)} cells but the header has {len(header)}.")
        name = row[0].strip()
        if not name:
            raise InputError(f"{label}: row {n} › {header[0] or 'name'}: the alternative has no name.")
        vals = []
        for h, cell in zip(crit_names, row[1:]):
            v = _number(cell)
            if v is None:
                raise InputError(f"{label}: row {n} ({name}) › {h}: {cell.strip()!r} is not a number.")
            vals.append(v)
        names.append(name)
        values.append(vals)
    criteria = [Criterion(h, h, COST if h in cost else BENEFIT) for h in crit_names]
    try:
        return DecisionMatrix.build(names, criteria, values)
    except InputError as exc:
        raise InputError(f"{label}: {exc}") from None
