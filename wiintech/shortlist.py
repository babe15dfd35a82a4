"""Cluster shortlisting in the room: validate edited candidates, apply a shortlist rule, and write
the edited set back in the data folder's YAML format (it loads back unchanged)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from numbers import Real

import numpy as np
import yaml

from wiintech.limits import name_problem
from wiintech.models import Candidate, ClusterTargets
from wiintech.ranking import Ranking

WORKSHOP_SOURCE = "workshop edit"


@dataclass(frozen=True)
class RowProblem:
    row: int  # 1-based, as the editor shows it
    field: str
    message: str

    def __str__(self) -> str:
        return f"Row {self.row} › {self.field}: {self.message}"


def _shown(value) -> str:
    """A cell as a message quotes it: its repr, cut to 40 characters."""
    text = repr(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or (
        isinstance(value, str) and not value.strip())


def _score(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, Real) and math.isfinite(value):
        return float(value)
    if isinstance(value, str):
        try:
            v = float(value.strip())
        except ValueError:
            return None
        return v if math.isfinite(v) else None
    return None


def validate_rows(rows: list[dict], targets: ClusterTargets) -> tuple[list[dict], list[RowProblem]]:
    """Check edited rows (name, country, and one score per criterion). Returns the valid rows,
    cleaned, and a problem for each bad field; a row with any problem is left out, never half-applied.
    Names must be unique across the scored rows and the unscored candidates."""
    lo, hi = targets.scale_min, targets.scale_max
    problems: list[RowProblem] = []
    valid: list[dict] = []
    seen = {c.name.casefold(): "an unscored candidate" for c in targets.unscored()}
    for n, row in enumerate(rows, 1):
        bad = []
        name = str(row.get("name") or "").strip()
        if not name or name.lower() == "nan":
            bad.append(RowProblem(n, "name", "is blank"))
        elif name_problem(name):
            bad.append(RowProblem(n, "name", name_problem(name)))
        elif name.casefold() in seen:
            bad.append(RowProblem(n, "name", f"{name!r} is already used by {seen[name.casefold()]}"))
        country = "" if _blank(row.get("country")) else str(row.get("country")).strip()
        if not country:
            bad.append(RowProblem(n, "country", f"is blank: choose one of {', '.join(targets.countries)}"))
        elif country not in targets.sources:
            bad.append(RowProblem(n, "country", f"{country!r} is not one of {', '.join(targets.countries)}"))
        scores = {}
        for c in targets.criteria:
            raw = row.get(c.key)
            v = _score(raw)
            if _blank(raw):  # a new row's empty cell: never "None is not a number"
                bad.append(RowProblem(n, c.name, "is blank"))
            elif v is None:
                bad.append(RowProblem(n, c.name, f"{_shown(raw)} is not a number"))
            elif not lo <= v <= hi:
                bad.append(RowProblem(n, c.name, f"{v:g} is outside {lo:g}–{hi:g}"))
            else:
                scores[c.key] = v
        if name:
            seen.setdefault(name.casefold(), f"row {n}")
        if bad:
            problems.extend(bad)
        else:
            valid.append({"name": name, "country": country, **scores})
    return valid, problems


def apply_rows(targets: ClusterTargets, rows: list[dict]) -> ClusterTargets:
    """The targets with their scored candidates replaced by these (already validated) rows.
    A candidate whose scores and country are unchanged keeps its source and printed total; a rescored
    or new one is marked as a workshop edit, with no printed total."""
    keys = [c.key for c in targets.criteria]
    before = {c.name: c for c in targets.scored()}
    scored = []
    for row in rows:
        scores = {k: row[k] for k in keys}
        old = before.get(row["name"])
        if old and old.country == row["country"] and old.scores == scores:
            scored.append(old)
        elif old:
            scored.append(replace(old, country=row["country"], scores=scores, printed_total=None,
                                  source=WORKSHOP_SOURCE))
        else:
            scored.append(Candidate(row["name"], row["country"], WORKSHOP_SOURCE, scores))
    # Grouped by country in the file's order, scored candidates first: the order the YAML is written in.
    ordered = [c for country in targets.sources
               for c in [*(x for x in scored if x.country == country), *targets.unscored(country)]]
    return replace(targets, candidates=tuple(ordered))


def shortlist(ranking: Ranking, countries, rule: str = "top", k: int = 1,
              threshold: float | None = None, rescaled: np.ndarray | None = None) -> set[str]:
    """The shortlisted candidates: the top ``k`` of each country (ties at the cut all stay in), or
    every candidate whose rescaled total (0–1000) reaches ``threshold``."""
    names = ranking.matrix.names
    if rule == "threshold":
        values = ranking.scores if rescaled is None else rescaled
        return {n for n, v in zip(names, values) if v >= threshold - 1e-9}
    out = set()
    for country in set(countries):
        idx = [i for i, c in enumerate(countries) if c == country]
        scores = sorted((ranking.scores[i] for i in idx), reverse=True)
        cut = scores[min(k, len(scores)) - 1]
        out |= {names[i] for i in idx if ranking.scores[i] >= cut - 1e-9 * max(1.0, abs(cut))}
    return out


def measured_top(rule: str, k: int, country: str | None, picked: set[str]) -> int:
    """The top-k set whose stability the sensitivity analysis measures for a shortlist: one country's
    top ``k`` under the top-k rule; otherwise (every country, or a threshold) as many as are
    shortlisted, at least 1. The per-country rule over every country is not one top-k set, so the
    whole shortlist's size stands in for it."""
    return k if rule == "top" and country else max(1, len(picked))


def _num(v: float):
    return int(v) if float(v).is_integer() else float(v)


def to_yaml(targets: ClusterTargets) -> str:
    """The data folder's ``cluster_targets.yaml`` for these targets; ``load_cluster_targets`` reads it
    back to equal targets."""
    countries = []
    for country, table in targets.sources.items():
        cands = []
        for c in (x for x in targets.candidates if x.country == country):
            item = {"name": c.name}
            if c.source != table:
                item["source"] = c.source
            if c.source_spelling:
                item["source_spelling"] = c.source_spelling
            if c.scores is not None:
                item.update({k: _num(c.scores[k]) for k in (cr.key for cr in targets.criteria)})
                if c.printed_total is not None:
                    item["printed_total"] = _num(c.printed_total)
            if c.consensus_note:
                item["consensus_note"] = c.consensus_note
            item["chosen"] = c.chosen
            if c.chosen_source:
                item["chosen_source"] = c.chosen_source
            cands.append(item)
        countries.append({"country": country, "source": table, "candidates": cands})
    doc = {
        "scale": {"min": _num(targets.scale_min), "max": _num(targets.scale_max)},
        "criteria": [{"key": c.key, "name": c.name, "direction": c.direction} for c in targets.criteria],
        "countries": countries,
    }
    header = ("# Partner cluster targets (report D1.4B, section F, Tables 10-13), as edited in the\n"
              f"# cluster shortlist page. Candidates marked `source: {WORKSHOP_SOURCE}` were added or rescored\n"
              "# in the room; the others are the report's.\n")
    return header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def _shown_num(v) -> str:
    return f"{float(v):g}"


def row_changes(before: list[dict], after: list[dict], criteria) -> tuple[dict[str, str], list[str]]:
    """What the room changed against the report: name -> "Fit 7 → 9; Size 5 → 7" (or "added in the
    room", with its country moved when it changed), and the report's names no longer in the table."""
    old = {r["name"]: r for r in before}
    changes: dict[str, str] = {}
    for row in after:
        was = old.get(row["name"])
        if was is None:
            changes[row["name"]] = "added in the room"
            continue
        parts = [f"{c.name} {_shown_num(was[c.key])} → {_shown_num(row[c.key])}"
                 for c in criteria if float(was[c.key]) != float(row[c.key])]
        if was["country"] != row["country"]:
            parts.insert(0, f"country {was['country']} → {row['country']}")
        if parts:
            changes[row["name"]] = "; ".join(parts)
    kept = {r["name"] for r in after}
    return changes, [name for name in old if name not in kept]
