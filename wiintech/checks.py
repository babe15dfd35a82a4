"""Validation at the edge: read one field of one record, or note what is wrong with it.

A ``Checker`` belongs to one file. It never raises on a bad field: it records
``<file>: <record> › <field>: <problem>`` and returns None, so one pass finds every problem.
"""

from __future__ import annotations

import datetime as dt
import math
from numbers import Real

from wiintech.limits import name_problem

SEP = " › "
NAME_FIELDS = ("name", "key", "country", "cluster", "lead")  # identifiers: at most limits.MAX_NAME characters
SHOWN = 60  # a value quoted in a message is cut to this many characters


def _fmt(value) -> str:
    """A value as a message quotes it, never longer than ``SHOWN`` characters (a value can be a huge
    list; formatting it whole would be the slow part)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, (list, dict)):
        return f"a {type(value).__name__} of {len(value)} entries"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


class Checker:
    def __init__(self, label: str):
        self.label = label
        self.problems: list[str] = []

    def problem(self, record: str | None, field: str | None, message: str) -> None:
        where = SEP.join(p for p in (record, field) if p)
        self.problems.append(f"{self.label}: {where}: {message}" if where else f"{self.label}: {message}")

    def mapping(self, obj, record: str | None, field: str | None = None) -> dict | None:
        if isinstance(obj, dict):
            return obj
        self.problem(record, field, f"expected a mapping of fields, got {type(obj).__name__}")
        return None

    def seq(self, obj: dict, field: str, record: str | None, required: bool = True) -> list:
        value = obj.get(field)
        if value is None:
            if required:
                self.problem(record, field, "is missing")
            return []
        if not isinstance(value, list):
            self.problem(record, field, f"expected a list, got {type(value).__name__}")
            return []
        return value

    def records(self, obj: dict, field: str, record: str | None, prefix: str | None = None,
                required: bool = True):
        """Each entry of a list field that is a mapping, as (number from 1, entry); an entry that is not
        a mapping is reported as ``<prefix> #<number>`` and skipped."""
        for i, item in enumerate(self.seq(obj, field, record, required), 1):
            item = self.mapping(item, f"{prefix or field} #{i}")
            if item is not None:
                yield i, item

    def text(self, obj: dict, field: str, record: str | None, required: bool = True) -> str | None:
        value = obj.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(record, field, "is missing or blank")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(record, field, f"expected text, got {type(value).__name__}")
            return None
        if field in NAME_FIELDS and name_problem(str(value).strip()):
            self.problem(record, field, name_problem(str(value).strip()))
            return None
        return str(value).strip()

    def number(self, obj: dict, field: str, record: str | None, lo: float | None = None,
               hi: float | None = None, required: bool = True) -> float | None:
        value = obj.get(field)
        if value is None:
            if required:
                self.problem(record, field, "is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
            self.problem(record, field, f"{_fmt(value)} is not a number")
            return None
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            self.problem(record, field, f"{_fmt(value)} is outside {_fmt(lo)}–{_fmt(hi)}" if hi is not None
                         else f"{_fmt(value)} is below {_fmt(lo)}" if lo is not None else "")
            return None
        return value

    def choice(self, obj: dict, field: str, record: str | None, allowed, required: bool = True):
        value = self.text(obj, field, record, required)
        if value is not None and value not in allowed:
            self.problem(record, field, f"{_fmt(value)} is not one of {', '.join(map(str, allowed))}")
            return None
        return value

    def flag(self, obj: dict, field: str, record: str | None, default: bool = False) -> bool:
        value = obj.get(field, default)
        if not isinstance(value, bool):
            self.problem(record, field, f"{_fmt(value)} is not true or false")
            return default
        return value

    def date(self, obj: dict, field: str, record: str | None, required: bool = True) -> dt.date | None:
        value = obj.get(field)
        if value is None:
            if required:
                self.problem(record, field, "is missing")
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.problem(record, field, f"{_fmt(value)} is not a date (YYYY-MM-DD)")
            return None

    def unique(self, names, record: str | None, field: str) -> None:
        seen = set()
        for name in names:
            if name in seen:
                self.problem(record, field, f"{_fmt(name)} appears more than once")
            seen.add(name)
