"""Read and validate the YAML files in ``data/``.

Each ``load_*`` function reads one file, checks every record and raises ``DataError`` listing every
problem at once (file › record › field), so one bad file never hides another's problems and the
pages that do not need that file keep working. YAML is read with ``yaml.safe_load`` only.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from wiintech import limits, yamlsafe
from wiintech.checks import Checker
from wiintech.errors import DataError, InputError
from wiintech.models import (
    BENEFIT, COST, ActionItem, ActionPlan, ActionPlans, Application, Candidate, ClusterTargets,
    PREFERENCE_FUNCTIONS, Country, CountryProfile, CountrySurvey, Criterion, Decision, EUCluster, Event,
    IndexTerm, Link, PestRow, Preference, Roadmap, Step,
)

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"

FILES = {
    "countries": "countries.yaml",
    "cluster_targets": "cluster_targets.yaml",
    "eu_clusters": "eu_clusters.yaml",
    "profiles": "profiles.yaml",
    "action_plans": "action_plans.yaml",
    "roadmap": "roadmap.yaml",
    "applications": "applications.yaml",
    "competence_map": "competence_map.yaml",
}
# The files each loader reads besides its own (the competence map is checked against two others).
READS_ALSO = {"competence_map": ("eu_clusters", "applications")}
DIRECTIONS = (BENEFIT, COST)
OUTCOMES = ("selected", "declined", "added", "not selected")
PEST_DIMENSIONS = ("Political", "Economic", "Social", "Technological")
SWOT_QUADRANTS = ("strengths", "weaknesses", "opportunities", "threats")
STEP_STATUSES = ("done", "ahead")
# Criteria counted in whole partners or SMEs: a negative count is a typing error, not a score.
COUNT_UNITS = ("partners", "SMEs")
CANDIDATE_FIELDS = ("name", "source", "consensus_note", "printed_total", "chosen", "chosen_source",
                    "source_spelling")


@dataclass(frozen=True)
class Upload:
    """Data files held in memory (a user's upload) over a folder that supplies the files not given.

    ``files`` pairs a file name of ``FILES`` (``countries.yaml``) with its bytes; messages name the
    file as ``<label>/<file name>``. Nothing is ever written to disk."""

    files: tuple[tuple[str, bytes], ...] = field(repr=False)
    base: Path = DEFAULT_DATA_DIR
    label: str = "upload"

    def get(self, file_name: str) -> bytes | None:
        return dict(self.files).get(file_name)


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd()) else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _bytes(data_dir, name: str) -> tuple[bytes, str]:
    """The file's bytes and its name for messages; a file over the size limit is not read."""
    if isinstance(data_dir, Upload) and data_dir.get(FILES[name]) is not None:
        label = f"{data_dir.label}/{FILES[name]}"
        data = data_dir.get(FILES[name])
        limits.check_size(len(data), label)
        return data, label
    base = data_dir.base if isinstance(data_dir, Upload) else Path(data_dir or DEFAULT_DATA_DIR)
    path = base / FILES[name]
    label = display_path(path)
    try:
        limits.check_size(path.stat().st_size, label)
        return path.read_bytes(), label
    except FileNotFoundError:
        raise InputError(f"{label}: file not found") from None
    except OSError as exc:
        raise InputError(f"{label}: cannot be read ({exc.strerror})") from None


def parse_yaml(data: bytes, label: str):
    """One data file's YAML, read by ``yamlsafe`` (no aliases, bounded nesting, no repeated keys)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{label}: cannot be read as UTF-8 text (byte {exc.start})") from None
    try:
        return yamlsafe.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        reason = getattr(exc, "problem", None) or exc.__class__.__name__
        raise InputError(f"{label}: {where}not valid YAML ({reason})") from None
    except RecursionError:  # belt and braces: the depth limit stops nesting long before this
        raise InputError(f"{label}: nested too deeply (the limit is {limits.MAX_YAML_DEPTH} levels)") from None


def _read(data_dir, name: str) -> tuple[object, Checker]:
    try:
        data, label = _bytes(data_dir, name)
        doc = parse_yaml(data, label)
    except InputError as exc:
        raise DataError([str(exc)]) from None
    check = Checker(label)
    if not isinstance(doc, dict):
        raise DataError([f"{check.label}: expected a mapping at the top of the file"])
    return doc, check


def _done(check: Checker, value):
    if check.problems:
        raise DataError(check.problems)
    return value


def _criteria(check: Checker, raw: list, record: str) -> tuple[Criterion, ...]:
    out = []
    for i, item in enumerate(raw, 1):
        item = check.mapping(item, f"{record} #{i}")
        if item is None:
            continue
        key = check.text(item, "key", f"{record} #{i}")
        rec = f"{record} › {key or '#' + str(i)}"
        name = check.text(item, "name", rec)
        # A bad direction is reported; the criterion is kept so its values are still checked.
        direction = check.choice(item, "direction", rec, DIRECTIONS) or BENEFIT
        pref = _preference(check, item, rec)
        if key and name:
            out.append(Criterion(key, name, direction, check.text(item, "description", rec, False) or "",
                                 check.text(item, "unit", rec, False) or "", pref,
                                 check.text(item, "label", rec, False) or ""))
    check.unique((c.key for c in out), record, "key")
    return tuple(out)


def _preference(check: Checker, item: dict, rec: str) -> Preference:
    """``preference: {function: linear, q: 1, p: 3}`` (PROMETHEE II); absent: the usual function."""
    raw = item.get("preference")
    if raw is None:
        return Preference()
    raw = check.mapping(raw, rec, "preference")
    if raw is None:
        return Preference()
    where = f"{rec} › preference"
    function = check.choice(raw, "function", where, PREFERENCE_FUNCTIONS) or "usual"
    q, p = (check.number(raw, t, where, lo=0, required=False) or 0.0 for t in ("q", "p"))
    pref = Preference(function, float(q), float(p))
    if pref.problem():
        check.problem(where, None, pref.problem())
        return Preference()
    return pref


def load_countries(data_dir=None) -> CountrySurvey:
    doc, check = _read(data_dir, "countries")
    source = check.text(doc, "source", None) or ""
    criteria = _criteria(check, check.seq(doc, "criteria", None), "criteria")
    keys = [c.key for c in criteria]
    counts = {c.key for c in criteria if c.unit in COUNT_UNITS}
    countries = []
    for i, item in check.records(doc, "alternatives", None):
        name = check.text(item, "name", f"alternatives #{i}")
        src = check.text(item, "source", name or f"alternatives #{i}") or source
        rec = f"{src} › {name or '#' + str(i)}"
        values = check.mapping(item.get("values"), rec, "values") or {}
        vals = {}
        for key in keys:
            v = check.number(values, key, rec, lo=0 if key in counts else None)
            if v is not None:
                vals[key] = v
        for extra in set(values) - set(keys):
            check.problem(rec, f"values › {extra}", "is not one of the criteria")
        if name:
            countries.append(Country(name, src, vals))
    check.unique((c.name for c in countries), "alternatives", "name")
    names = {c.name for c in countries}

    lex = tuple(doc.get("lexicographic_order") or ())
    for key in lex:
        if key not in keys:
            check.problem("lexicographic_order", key, "is not one of the criteria")

    idx = check.mapping(doc.get("synthetic_index"), None, "synthetic_index") or {}
    index_source = check.text(idx, "source", "synthetic_index") or ""
    terms = []
    for i, item in check.records(idx, "terms", "synthetic_index", "synthetic_index › terms"):
        key = check.text(item, "key", f"synthetic_index › terms #{i}")
        rec = f"synthetic_index › {key or 'terms #' + str(i)}"
        name = check.text(item, "name", rec)
        crit = tuple(check.seq(item, "criteria", rec))
        for c in crit:
            if c not in keys:
                check.problem(rec, "criteria", f"{c!r} is not one of the criteria")
        factor = check.number(item, "factor", rec, required=False)
        if key and name and crit:
            terms.append(IndexTerm(key, name, crit, 1.0 if factor is None else factor,
                                   check.text(item, "label", rec, False) or ""))
    check.unique((t.key for t in terms), "synthetic_index", "key")
    printed = check.mapping(idx.get("printed", {}), index_source, "printed") or {}
    printed_index = {}
    for country in printed:
        v = check.number(printed, country, f"{index_source} › {country}", required=True)
        if country not in names:
            check.problem(f"{index_source} › {country}", "printed", "is not one of the alternatives")
        elif v is not None:
            printed_index[country] = v

    decision = []
    for i, item in check.records(doc, "decision", None, required=False):
        country = check.text(item, "country", f"decision #{i}")
        rec = f"decision › {country or '#' + str(i)}"
        if country and country not in names:
            check.problem(rec, "country", f"{country!r} is not one of the alternatives")
        outcome = check.choice(item, "outcome", rec, OUTCOMES)
        reason = check.text(item, "reason", rec)
        dsrc = check.text(item, "source", rec)
        if country and outcome and reason:
            decision.append(Decision(country, outcome, reason, dsrc or ""))
    return _done(check, CountrySurvey(source, criteria, tuple(countries), lex, index_source,
                                      tuple(terms), printed_index, tuple(decision)))


def load_cluster_targets(data_dir=None) -> ClusterTargets:
    doc, check = _read(data_dir, "cluster_targets")
    scale = check.mapping(doc.get("scale"), None, "scale") or {}
    lo = check.number(scale, "min", "scale")
    hi = check.number(scale, "max", "scale")
    lo, hi = (1 if lo is None else lo), (10 if hi is None else hi)
    criteria = _criteria(check, check.seq(doc, "criteria", None), "criteria")
    candidates, sources = [], {}
    for i, block in check.records(doc, "countries", None):
        country = check.text(block, "country", f"countries #{i}")
        table = check.text(block, "source", country or f"countries #{i}") or f"countries #{i}"
        if country:
            sources[country] = table
        for j, item in check.records(block, "candidates", table, f"{table} ›"):
            name = check.text(item, "name", f"{table} › #{j}")
            rec = f"{table} › {name or '#' + str(j)}"
            note = check.text(item, "consensus_note", rec, required=False)
            scores, total = None, None
            if note is None or any(c.key in item for c in criteria):
                scores = {}
                for c in criteria:
                    v = check.number(item, c.key, rec, lo, hi)
                    if v is not None:
                        scores[c.key] = v
                total = check.number(item, "printed_total", rec, required=False)
            for extra in item:
                if extra not in CANDIDATE_FIELDS and extra not in {c.key for c in criteria}:
                    close = difflib.get_close_matches(str(extra), [*CANDIDATE_FIELDS, *(c.key for c in criteria)], 1)
                    check.problem(rec, str(extra)[:limits.MAX_NAME], "is not a field of a candidate"
                                  + (f" (did you mean {close[0]}?)" if close else ""))
            chosen = check.flag(item, "chosen", rec)
            if name and country:
                # A candidate added in a workshop names its own source; the others are the table's.
                own = check.text(item, "source", rec, required=False)
                candidates.append(Candidate(
                    name=name, country=country, source=own or table, scores=scores, printed_total=total,
                    consensus_note=note, chosen=chosen,
                    chosen_source=check.text(item, "chosen_source", rec, required=False),
                    source_spelling=check.text(item, "source_spelling", rec, required=False)))
    check.unique((c.name for c in candidates), "candidates", "name")
    check.unique((b.get("country") for b in doc.get("countries") or [] if isinstance(b, dict)),
                 "countries", "country")
    return _done(check, ClusterTargets(lo, hi, criteria, tuple(candidates), sources))


def load_eu_clusters(data_dir=None) -> tuple[EUCluster, ...]:
    doc, check = _read(data_dir, "eu_clusters")
    out = []
    for i, item in check.records(doc, "clusters", None):
        name = check.text(item, "name", f"clusters #{i}")
        src = check.text(item, "source", name or f"clusters #{i}") or ""
        rec = f"{src} › {name or '#' + str(i)}"
        region = check.text(item, "region", rec)
        focus = check.text(item, "focus", rec)
        links = []
        for j, link in check.records(item, "links_abroad", rec, f"{rec} › links_abroad", required=False):
            text = check.text(link, "text", f"{rec} › links_abroad #{j}")
            if text:
                links.append(Link(check.text(link, "country", rec, required=False), text,
                                  check.text(link, "source", f"{rec} › links_abroad #{j}") or ""))
        leads = []
        for j, lead in check.records(item, "leads", rec, f"{rec} › leads", required=False):
            country = check.text(lead, "country", f"{rec} › leads #{j}")
            if country:
                leads.append(country)
        if name and region and focus:
            out.append(EUCluster(name, region, focus, src, tuple(links), tuple(leads)))
    check.unique((c.name for c in out), "clusters", "name")
    return _done(check, tuple(out))


def _items(check: Checker, value, rec: str, field: str) -> tuple[str, ...]:
    """A cell that holds a list of paragraphs or items; null or [] means the report leaves it empty."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        check.problem(rec, field, "expected a list of non-blank texts, or null")
        return ()
    return tuple(v.strip() for v in value)


def load_profiles(data_dir=None) -> tuple[CountryProfile, ...]:
    doc, check = _read(data_dir, "profiles")
    out = []
    for i, item in check.records(doc, "countries", None):
        country = check.text(item, "country", f"countries #{i}") or f"countries #{i}"
        pest = check.mapping(item.get("pest"), country, "pest") or {}
        pest_src = check.text(pest, "source", f"{country} › pest") or ""
        rows = []
        for j, row in enumerate(check.seq(pest, "rows", pest_src or country), 1):
            rec = f"{pest_src} › {country} › row {j}"
            row = check.mapping(row, rec)
            if row is None:
                continue
            dim = check.choice(row, "dimension", rec, PEST_DIMENSIONS)
            issue = check.text(row, "issue", rec)
            notes = _items(check, row.get("notes"), rec, "notes")
            if dim and issue:
                rows.append(PestRow(dim, issue, notes))
        swot = check.mapping(item.get("swot"), country, "swot") or {}
        swot_src = check.text(swot, "source", f"{country} › swot") or ""
        quadrants = {}
        for q in SWOT_QUADRANTS:
            if q not in swot:
                check.problem(f"{swot_src} › {country}", q, "is missing (write [] if the report leaves it empty)")
            quadrants[q] = _items(check, swot.get(q), f"{swot_src} › {country}", q)
        out.append(CountryProfile(country, pest_src, tuple(rows), swot_src, quadrants))
    check.unique((p.country for p in out), "countries", "country")
    return _done(check, tuple(out))


def load_action_plans(data_dir=None) -> ActionPlans:
    doc, check = _read(data_dir, "action_plans")
    plans = []
    for i, block in check.records(doc, "plans", None):
        country = check.text(block, "country", f"plans #{i}") or f"plans #{i}"
        src = check.text(block, "source", country) or country
        lead = check.text(block, "lead", f"{src} › {country}")
        items = []
        for j, item in enumerate(check.seq(block, "items", src), 1):
            rec = f"{src} › row {j}"
            item = check.mapping(item, rec)
            if item is None:
                continue
            cells = {f: check.text(item, f, rec, required=False) for f in ("what", "who", "how", "when", "where")}
            if cells["what"] is None:
                check.problem(rec, "what", "is missing or blank")
            period = item.get("period")
            start = end = None
            ongoing = period == "ongoing"
            if isinstance(period, dict):
                start = check.date(period, "start", rec + " › period", required=False)
                end = check.date(period, "end", rec + " › period")
                if start and end and start > end:
                    check.problem(rec, "period", f"starts {start} after it ends {end}")
            elif period not in (None, "ongoing"):
                check.problem(rec, "period", f"{period!r} is not a start/end mapping, 'ongoing' or null")
            items.append(ActionItem(**cells, start=start, end=end, ongoing=ongoing))
        if lead:
            plans.append(ActionPlan(country, lead, src, tuple(items)))
    events = []
    for i, item in check.records(doc, "events", None, required=False):
        name = check.text(item, "name", f"events #{i}")
        rec = f"events › {name or '#' + str(i)}"
        start, end = check.date(item, "start", rec), check.date(item, "end", rec)
        when, src = check.text(item, "when", rec), check.text(item, "source", rec)
        if start and end and start > end:
            check.problem(rec, "start", f"{start} is after the end {end}")
        if name and start and end and when and src:
            events.append(Event(name, check.text(item, "country", rec, required=False), start, end, when, src))
    return _done(check, ActionPlans(tuple(plans), tuple(events)))


def load_roadmap(data_dir=None) -> Roadmap:
    doc, check = _read(data_dir, "roadmap")

    def steps(field: str, with_status: bool) -> tuple[Step, ...]:
        out = []
        for i, item in check.records(doc, field, None):
            num = check.number(item, "number", f"{field} #{i}", 1, 99)
            rec = f"{field} › step {num if num is not None else '#' + str(i)}"
            name = check.text(item, "name", rec)
            text = check.text(item, "text", rec, required=False)
            src = check.text(item, "source", rec)
            status = check.choice(item, "status", rec, STEP_STATUSES) if with_status else None
            if num is not None and name and src and (status or not with_status):
                out.append(Step(int(num), name, text, src, status))
        check.unique((s.number for s in out), field, "number")
        return tuple(out)

    return _done(check, Roadmap(steps("strategy_steps", False), steps("tactics_steps", True)))


def load_applications(data_dir=None) -> tuple[Application, ...]:
    doc, check = _read(data_dir, "applications")
    src = check.text(doc, "source", None) or ""
    out = []
    for i, item in check.records(doc, "applications", None):
        key = check.text(item, "key", f"applications #{i}")
        name = check.text(item, "name", f"{src} › {key or '#' + str(i)}")
        if key and name:
            out.append(Application(key, name, src))
    check.unique((a.key for a in out), "applications", "key")
    return _done(check, tuple(out))


def load_competence_map(data_dir=None):
    """The competence map, checked against the EU clusters (eu_clusters.yaml) and the application
    areas (applications.yaml); a problem in either of those is reported too."""
    from wiintech.competence import PROVENANCES, ClusterCompetence, CompetenceMap, Fact, Technology

    doc, check = _read(data_dir, "competence_map")
    try:
        known_clusters = {c.name for c in load_eu_clusters(data_dir)}
        applications = load_applications(data_dir)
    except DataError as exc:
        raise DataError([*check.problems, *exc.problems]) from None
    app_keys = {a.key for a in applications}
    techs = []
    for i, item in check.records(doc, "technologies", None):
        key = check.text(item, "key", f"technologies #{i}")
        rec = f"technologies › {key or '#' + str(i)}"
        name, src = check.text(item, "name", rec), check.text(item, "source", rec)
        if key and name and src:
            techs.append(Technology(key, name, src))
    check.unique((t.key for t in techs), "technologies", "key")
    tech_keys = {t.key for t in techs}
    entries = []
    for i, item in check.records(doc, "clusters", None):
        name = check.text(item, "cluster", f"clusters #{i}")
        rec = name or f"clusters #{i}"
        if name and name not in known_clusters:
            check.problem(rec, "cluster", f"{name!r} is not one of the EU clusters in eu_clusters.yaml")
        lists = {}
        for field, keys in (("technologies", tech_keys), ("applications", app_keys)):
            facts = []
            for j, f in check.records(item, field, rec, f"{rec} › {field}", required=False):
                frec = f"{rec} › {field} #{j}"
                key = check.text(f, "key", frec)
                if key and key not in keys:
                    check.problem(frec, "key", f"{key!r} is not one of the {field} ({', '.join(sorted(keys))})")
                prov = check.choice(f, "provenance", frec, PROVENANCES)
                src = check.text(f, "source", frec, required=prov == "report")
                if key and prov:
                    facts.append(Fact(key, prov, src))
            check.unique((f.key for f in facts), rec, field)
            lists[field] = tuple(facts)
        if name:
            entries.append(ClusterCompetence(name, lists["technologies"], lists["applications"]))
    check.unique((e.cluster for e in entries), "clusters", "cluster")
    return _done(check, CompetenceMap(tuple(techs), applications, tuple(entries)))


LOADERS = {
    "countries": load_countries,
    "cluster_targets": load_cluster_targets,
    "eu_clusters": load_eu_clusters,
    "profiles": load_profiles,
    "action_plans": load_action_plans,
    "roadmap": load_roadmap,
    "applications": load_applications,
    "competence_map": load_competence_map,
}


def validate_all(data_dir=None) -> list[str]:
    """Every problem in every data file; an empty list when all files are valid."""
    problems: list[str] = []
    for load in LOADERS.values():
        try:
            load(data_dir)
        except DataError as exc:
            problems.extend(exc.problems)
    return problems
