"""Country profiles and action plans as tables: compare countries, search every profile, and lay the
action plans on a timeline."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from wiintech.loader import PEST_DIMENSIONS, SWOT_QUADRANTS
from wiintech.models import ActionPlans, CountryProfile
from wiintech.tables import SWOT_LABELS

NOT_GIVEN = None  # an empty cell of the report stays None; views mark it


def compare_pest(profiles: tuple[CountryProfile, ...], countries, dimension: str) -> pd.DataFrame:
    """One PEST dimension of several countries: country, issue, notes (None where the report is silent)."""
    rows = [{"Country": p.country, "Table": p.pest_source, "Issue": r.issue,
             "Notes": "\n\n".join(r.notes) if r.notes else NOT_GIVEN}
            for p in profiles if p.country in countries for r in p.pest if r.dimension == dimension]
    return pd.DataFrame(rows, columns=["Country", "Table", "Issue", "Notes"])


def compare_swot(profiles: tuple[CountryProfile, ...], countries, quadrant: str) -> pd.DataFrame:
    rows = [{"Country": p.country, "Table": p.swot_source, "Item": item}
            for p in profiles if p.country in countries for item in (p.swot[quadrant] or (NOT_GIVEN,))]
    return pd.DataFrame(rows, columns=["Country", "Table", "Item"])


PARTS = (*PEST_DIMENSIONS, *SWOT_QUADRANTS)


def part_label(part: str) -> str:
    """``PEST: Economic`` or ``SWOT: Threats``."""
    return f"PEST: {part}" if part in PEST_DIMENSIONS else f"SWOT: {SWOT_LABELS[part]}"


def compare(profiles: tuple[CountryProfile, ...], countries, part: str) -> pd.DataFrame:
    """One PEST dimension or SWOT quadrant (``PARTS``) of several countries."""
    return (compare_pest if part in PEST_DIMENSIONS else compare_swot)(profiles, countries, part)


def per_country(df: pd.DataFrame, countries) -> dict:
    """A comparison split by country, in the given order: country -> its rows without the Country column."""
    return {c: df[df["Country"] == c].drop(columns=["Country"]) for c in countries}


def search(profiles: tuple[CountryProfile, ...], query: str) -> pd.DataFrame:
    """Every mention of ``query`` (case-insensitive, as typed) in every PEST and SWOT cell, with the
    country, the table and where in the table it stands."""
    query = query.strip()
    cols = ["Country", "Table", "Where", "Text"]
    if not query:
        return pd.DataFrame(columns=cols)
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    rows = []
    for p in profiles:
        for r in p.pest:
            for text, where in [(r.issue, f"{r.dimension} › issue"),
                                *((n, f"{r.dimension} › {r.issue}") for n in r.notes)]:
                if pattern.search(text):
                    rows.append({"Country": p.country, "Table": p.pest_source, "Where": where, "Text": text})
        for quadrant, items in p.swot.items():
            for item in items:
                if pattern.search(item):
                    rows.append({"Country": p.country, "Table": p.swot_source,
                                 "Where": SWOT_LABELS[quadrant], "Text": item})
    return pd.DataFrame(rows, columns=cols)


def timeline(plans: ActionPlans) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The action plans on a calendar, and the dated events.

    * an item whose When is a month or a quarter spans it; "By end September 2012" is a deadline
      (a point at its date);
    * an "Ongoing" item spans the whole period the plans cover;
    * an item with no When stays in the table, with no bar (the report gives no date).
    """
    dated = [i for p in plans.plans for i in p.items if i.end]
    starts = [i.start or i.end for i in dated] + [e.start for e in plans.events]
    ends = [i.end for i in dated] + [e.end for e in plans.events]
    period = (min(starts), max(ends)) if starts else (None, None)
    rows = []
    for p in plans.plans:
        for n, i in enumerate(p.items, 1):
            if i.ongoing:
                kind, start, end = "ongoing", *period
            elif i.end and i.start:
                kind, start, end = "dated", i.start, i.end
            elif i.end:
                kind, start, end = "deadline", i.end, i.end
            else:
                kind, start, end = "no date given", None, None
            rows.append({"Country": p.country, "Table": p.source, "Row": n, "What": i.what,
                         "When (as printed)": i.when, "Kind": kind, "Start": start, "End": end})
    items = pd.DataFrame(rows)
    events = pd.DataFrame([{"Event": e.name, "Country": e.country, "When (as printed)": e.when,
                            "Start": e.start, "End": e.end, "Source": e.source} for e in plans.events])
    return items, events


def undated(items: pd.DataFrame) -> list[str]:
    """The action-plan items the report gives no date for, as "Country row N"."""
    rows = items[items["Kind"] == "no date given"]
    return [f"{c} row {r}" for c, r in zip(rows["Country"], rows["Row"])]


def short(text: str | None, width: int = 60) -> str:
    if not text:
        return "—"
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None
