"""The country questionnaire of a workshop, and the rule that adds its answers up to the step-1 table.

The report's step 1 came from "a questionnaire sent to the partners"; it gives only the totals
(Priority Number N, Number of answer Na, N°1, accessibility to market for SMEs, number of potential
SMEs) and not how an answer was counted. Its own table settles one thing: the USA's N is 10 with
eight partners, and Mexico's N (9) is three times its Na (3), so N cannot count partners, and N and
Na cannot count the same answers. The rule here reproduces the table and says what each column is.

**What is answered.** A partner enters one or more **answer sheets**: its own and those of member
organisations who filled in the questionnaire (the cluster collects them, as the report's survey
did). On each sheet, for each candidate country:

* *select*: is the country one of the respondent's priorities (yes/no);
* *priority order*: 1 = first priority, 2 = second, … (optional; only on selected countries, each
  number at most once per sheet);
* *accessibility of the market for the respondent's SMEs*: 0 (closed), 1 (low), 2 (medium) or
  3 (high), or blank when the respondent does not answer the market questions for that country;
* *SMEs*: how many SMEs could be involved (a whole number; only with an accessibility rating).

**The rule** (unit ``sheet``, the default, which reproduces the report's table):

* **N** = the number of sheets that select the country;
* **Na** = the number of sheets that answer the market questions for it (rate its accessibility),
  whether or not they select it;
* **N°1** = the number of sheets that give it priority 1;
* **accessibility** = the sum of those sheets' ratings (0–3 each), so it grows with Na as the
  report's column does (USA 17 from 7 answers);
* **SMEs** = the sum of the SMEs the sheets name.

With unit ``partner`` (a workshop setting) each partner counts once: N, Na and N°1 count the
partners with at least one sheet that selects / answers / puts the country first, a partner's
accessibility is the mean of its sheets' ratings, and SMEs are still summed (they are firms, not
opinions). The synthetic index is the report's formula on the table, N + Na + N°1 + SMEs ×
accessibility / 100.

The aggregated table is a :class:`~wiintech.models.CountrySurvey` with the shipped file's criteria,
index and decision (the report's, kept as the reference), written as the data folder's
``countries.yaml`` (:func:`survey_yaml`), which ``wiintech.loader`` reads back equal.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import yaml

from wiintech import export, report
from wiintech.errors import InputError
from wiintech.models import CountrySurvey, Country
from wiintech.store import Entry, Partner, Store, Workshop, newest_entries

KIND = "questionnaire"
SETTING = "setting"
UNIT_SUBJECT = "questionnaire.unit"
DATA_SUBJECT = "candidate_data"  # a facilitator's setting: the table taken over as the workshop's data
UNITS = {
    "sheet": "every answer sheet counts (the report's table: N can exceed the number of partners)",
    "partner": "every partner counts once, however many sheets it enters",
}
DEFAULT_UNIT = "sheet"
ACCESS_MIN, ACCESS_MAX = 0, 3
ACCESS_LABELS = {0: "0 · closed", 1: "1 · low", 2: "2 · medium", 3: "3 · high"}
MAX_SHEETS = 20
MAX_SMES = 100_000
MAX_RESPONDENT = 120
KEYS = ("N", "Na", "N1", "accessibility", "smes")  # the step-1 criteria the questionnaire fills
RULE = ("N = answer sheets that select the country; Na = sheets that answer its market questions "
        "(rate its accessibility), selected or not; N°1 = sheets that give it priority 1; accessibility = "
        "the sum of those sheets' ratings (0 closed, 1 low, 2 medium, 3 high); SMEs = the sum of the SMEs "
        "they name. Index = N + Na + N°1 + SMEs × accessibility / 100 (the report's formula).")
PARTNER_RULE = ("Each partner counts once: N, Na and N°1 count the partners with at least one sheet that "
                "selects the country / answers its market questions / gives it priority 1; a partner's "
                "accessibility is the mean of its sheets' ratings; SMEs are summed over every sheet.")


def rule(unit: str) -> str:
    """The counting rule in one paragraph, as the page, the README and the YAML file state it."""
    return RULE if unit == "sheet" else PARTNER_RULE + " Index = N + Na + N°1 + SMEs × accessibility / 100."


@dataclass(frozen=True)
class Answer:
    """One sheet's answer about one country."""

    select: bool = False
    priority: int | None = None  # 1 = first priority
    accessibility: int | None = None  # 0–3; None: the market questions are not answered
    smes: int | None = None  # only with an accessibility rating

    @property
    def answered(self) -> bool:
        return self.accessibility is not None

    def payload(self) -> dict:
        return {"select": self.select, "priority": self.priority, "accessibility": self.accessibility,
                "smes": self.smes}


@dataclass(frozen=True)
class Sheet:
    """One respondent's answer sheet: country -> answer (a country left out is not answered)."""

    respondent: str
    answers: dict

    def answer(self, country: str) -> Answer:
        return self.answers.get(country, Answer())


def _int(value, what: str, lo: int, hi: int) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, bool):
        raise InputError(f"{what} must be a whole number, not {value!r}.")
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{what} must be a whole number, not {str(value)[:40]!r}.") from None
    if not f.is_integer():
        raise InputError(f"{what} must be a whole number, not {f:g}.")
    if not lo <= f <= hi:
        raise InputError(f"{what} must be from {lo:,} to {hi:,}, not {f:,.0f}.")
    return int(f)


def answer(select=False, priority=None, accessibility=None, smes=None, *, where: str = "") -> Answer:
    """One answer, checked: a clear sentence naming the sheet and the country when it is not valid."""
    pre = f"{where}: " if where else ""
    priority = _int(priority, f"{pre}the priority order", 1, 99)
    accessibility = _int(accessibility, f"{pre}the accessibility", ACCESS_MIN, ACCESS_MAX)
    smes = _int(smes, f"{pre}the number of SMEs", 0, MAX_SMES)
    select = bool(select) or priority is not None  # a priority order is a selection
    if accessibility is None and smes:
        raise InputError(f"{pre}{smes} SMEs are given but the market's accessibility is not rated; rate it "
                         "(0–3) or set the SMEs to 0.")
    if accessibility is not None and smes is None:
        smes = 0
    if accessibility is None:
        smes = None
    return Answer(select, priority, accessibility, smes)


def check_sheets(sheets: list[Sheet], countries) -> list[Sheet]:
    """A partner's sheets, checked: named, at most MAX_SHEETS, known countries, each priority at most
    once per sheet."""
    if not sheets:
        raise InputError("Enter at least one answer sheet.")
    if len(sheets) > MAX_SHEETS:
        raise InputError(f"{len(sheets)} answer sheets is more than {MAX_SHEETS}, the most a partner enters.")
    known = set(countries)
    out, names = [], set()
    for i, sheet in enumerate(sheets, 1):
        respondent = " ".join(str(sheet.respondent or "").split()) or f"Sheet {i}"
        if len(respondent) > MAX_RESPONDENT:
            raise InputError(f"Sheet {i}: the respondent's name is longer than {MAX_RESPONDENT} characters.")
        if respondent in names:
            raise InputError(f"Two sheets are both called {respondent!r}: give each respondent its own name.")
        names.add(respondent)
        unknown = [c for c in sheet.answers if c not in known]
        if unknown:
            raise InputError(f"{respondent}: {unknown[0]!r} is not one of the workshop's countries.")
        seen = {}
        for country in countries:
            a = sheet.answer(country)
            if a.priority is not None:
                if a.priority in seen:
                    raise InputError(f"{respondent}: priority {a.priority} is given to both {seen[a.priority]} "
                                     f"and {country}; each priority order goes to one country.")
                seen[a.priority] = country
        out.append(Sheet(respondent, {c: sheet.answer(c) for c in countries}))
    return out


# -- the store ------------------------------------------------------------------------------------

def items(sheets: list[Sheet], countries) -> list[tuple[str, str, dict]]:
    """The store's entries for a partner's whole questionnaire: one per country (subject = the
    country), each holding every sheet's answer about it."""
    return [(KIND, c, {"sheets": [{"respondent": s.respondent, **s.answer(c).payload()} for s in sheets]})
            for c in countries]


def submit(store: Store, partner_token: str, sheets: list[Sheet]) -> list[Entry]:
    """Check a partner's sheets against the workshop's countries and record them all in one
    transaction (all or nothing); the newest answers count."""
    w, _ = store.partner(partner_token)
    countries = list(w.matrix["names"])
    return store.add_entries(partner_token, items(check_sheets(sheets, countries), countries))


def _answer(raw: dict) -> Answer:
    return Answer(bool(raw.get("select")), raw.get("priority"), raw.get("accessibility"), raw.get("smes"))


def sheets_of(found: dict, partner_id, countries) -> list[Sheet]:
    """A partner's sheets from the entries that count (``newest_entries``), in the order entered."""
    order: list[str] = []
    answers: dict[str, dict] = {}
    for c in countries:
        e = found.get((partner_id, KIND, c))
        if e is None:
            continue
        for raw in e.payload.get("sheets", []):
            name = raw.get("respondent", "")
            if name not in answers:
                order.append(name)
                answers[name] = {}
            answers[name][c] = _answer(raw)
    return [Sheet(n, answers[n]) for n in order]


def unit_of(found_settings: list[Entry]) -> str:
    """The workshop's counting unit: its newest ``questionnaire.unit`` setting, else ``sheet``."""
    unit = DEFAULT_UNIT
    for e in found_settings:
        if e.kind == SETTING and e.subject == UNIT_SUBJECT and not e.removed:
            unit = e.payload.get("unit", DEFAULT_UNIT) if isinstance(e.payload, dict) else DEFAULT_UNIT
    return unit if unit in UNITS else DEFAULT_UNIT


def set_unit(store: Store, facilitator_token: str, unit: str) -> Entry:
    if unit not in UNITS:
        raise InputError(f"{unit!r} is not a counting unit; choose {' or '.join(UNITS)}.")
    return store.add_facilitator_entry(facilitator_token, SETTING, UNIT_SUBJECT, {"unit": unit})


# -- the rule -------------------------------------------------------------------------------------

def aggregate(sheets_by_partner: dict, countries, unit: str = DEFAULT_UNIT) -> dict:
    """country -> {N, Na, N1, accessibility, smes} by the stated rule (see the module's docstring)."""
    if unit not in UNITS:
        raise InputError(f"{unit!r} is not a counting unit; choose {' or '.join(UNITS)}.")
    out = {}
    for c in countries:
        row = {"N": 0, "Na": 0, "N1": 0, "accessibility": 0, "smes": 0}
        for sheets in sheets_by_partner.values():
            answers = [s.answer(c) for s in sheets]
            rated = [a for a in answers if a.answered]
            row["smes"] += sum(a.smes or 0 for a in rated)
            if unit == "sheet":
                row["N"] += sum(a.select for a in answers)
                row["Na"] += len(rated)
                row["N1"] += sum(a.priority == 1 for a in answers)
                row["accessibility"] += sum(a.accessibility for a in rated)
            else:
                row["N"] += any(a.select for a in answers)
                row["Na"] += bool(rated)
                row["N1"] += any(a.priority == 1 for a in answers)
                if rated:
                    row["accessibility"] += sum(a.accessibility for a in rated) / len(rated)
        if isinstance(row["accessibility"], float):
            row["accessibility"] = round(row["accessibility"], 9)
            if row["accessibility"].is_integer():
                row["accessibility"] = int(row["accessibility"])
        out[c] = row
    return out


def survey(reference: CountrySurvey, table: dict, source: str, unit: str = DEFAULT_UNIT) -> CountrySurvey:
    """The aggregated table as the data folder's country survey: the reference's criteria (their
    descriptions now say how the column was counted), index terms, printed index and decision (the
    report's, kept as the reference, for the countries that are in both)."""
    missing = [k for k in KEYS if k not in {c.key for c in reference.criteria}]
    if missing:
        raise InputError("The questionnaire fills the report's five step-1 criteria (N, Na, N°1, "
                         f"accessibility, SMEs); this country data has no {', '.join(missing)}.")
    criteria = tuple(replace(c, description=COUNTED[c.key][unit]) if c.key in COUNTED else c
                     for c in reference.criteria if c.key in KEYS)
    names = list(table)
    return CountrySurvey(
        source=source, criteria=criteria,
        countries=tuple(Country(n, source, {k: table[n][k] for k in (c.key for c in criteria)}) for n in names),
        lexicographic_order=tuple(k for k in reference.lexicographic_order if k in KEYS),
        index_source=reference.index_source,
        index_terms=tuple(t for t in reference.index_terms if all(k in KEYS for k in t.criteria)),
        printed_index={n: v for n, v in reference.printed_index.items() if n in table},
        decision=tuple(d for d in reference.decision if d.country in table))


COUNTED = {
    "N": {"sheet": "Answer sheets that select the country as a priority.",
          "partner": "Partners with at least one answer sheet that selects the country."},
    "Na": {"sheet": "Answer sheets that answer the country's market questions (rate its accessibility).",
           "partner": "Partners with at least one answer sheet that answers the country's market questions."},
    "N1": {"sheet": "Answer sheets that give the country priority 1.",
           "partner": "Partners with at least one answer sheet that gives the country priority 1."},
    "accessibility": {"sheet": "Sum of the answer sheets' ratings, each 0 (closed) to 3 (high).",
                      "partner": "Sum over the partners of the mean of their sheets' ratings, each 0 (closed) to 3 (high)."},
    "smes": {"sheet": "Sum of the SMEs the answer sheets name.", "partner": "Sum of the SMEs the answer sheets name."},
}


def survey_yaml(s: CountrySurvey, rule_text: str = "") -> bytes:
    """The survey as the data folder's ``countries.yaml`` (``loader.load_countries`` reads it back
    equal)."""
    def crit(c):
        d = {"key": c.key, "name": c.name, "description": c.description, "unit": c.unit, "direction": c.direction}
        if c.label:
            d["label"] = c.label
        if c.preference.function != "usual":
            d["preference"] = {"function": c.preference.function, "q": c.preference.q, "p": c.preference.p}
        return d

    doc = {"source": s.source,
           "criteria": [crit(c) for c in s.criteria],
           "lexicographic_order": list(s.lexicographic_order),
           "alternatives": [{"name": c.name, "source": c.source, "values": {k: _num(v) for k, v in c.values.items()}}
                            for c in s.countries],
           "synthetic_index": {"source": s.index_source,
                               "terms": [{"key": t.key, "name": t.name, "criteria": list(t.criteria),
                                          "factor": _num(t.factor), **({"label": t.label} if t.label else {})}
                                         for t in s.index_terms],
                               "printed": {k: _num(v) for k, v in s.printed_index.items()}},
           "decision": [{"country": d.country, "outcome": d.outcome, "source": d.source, "reason": d.reason}
                        for d in s.decision]}
    head = ("# Country selection, step 1, aggregated from a workshop's questionnaire by wiintech.\n"
            + "".join(f"# {line}\n" for line in _wrap(rule_text))
            + "# printed and decision: the report's (section D), kept as the reference.\n")
    return (head + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=110)).encode("utf-8")


def _wrap(text: str, width: int = 100) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def _num(v):
    v = float(v)
    return int(v) if v.is_integer() else v


# -- what the facilitator sees ------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Collected:
    """A workshop's questionnaire, counted."""

    workshop: Workshop
    partners: tuple[Partner, ...]
    entries: tuple[Entry, ...]  # every questionnaire entry, removed and replaced ones too
    unit: str
    sheets: dict  # partner id -> that partner's sheets (the answers that count)
    table: dict  # country -> {N, Na, N1, accessibility, smes}

    @property
    def countries(self) -> list[str]:
        return list(self.workshop.matrix["names"])

    @property
    def answered(self) -> tuple[Partner, ...]:
        return tuple(p for p in self.partners if self.sheets.get(p.id))

    @property
    def sheet_count(self) -> int:
        return sum(len(v) for v in self.sheets.values())

    def survey(self, reference: CountrySurvey) -> CountrySurvey:
        w = self.workshop
        return survey(reference, self.table, f"Workshop {w.name} ({w.join_code}), questionnaire, unit {self.unit}",
                      self.unit)

    def step1(self, reference: CountrySurvey) -> pd.DataFrame:
        """The step-1 table in the report's row order (lexicographic by N, Na, N°1), with the
        synthetic index and its rank."""
        return step1_table(self.survey(reference))


def collect(store: Store, w: Workshop) -> Collected:
    found = store.entries(w.id)
    answers = [e for e in found if e.kind == KIND]
    counting = newest_entries(answers)
    countries = list(w.matrix["names"])
    partners = store.partners(w.id)
    sheets = {p.id: sheets_of(counting, p.id, countries) for p in partners}
    unit = unit_of([e for e in found if e.kind == SETTING])
    return Collected(w, tuple(partners), tuple(answers), unit, sheets, aggregate(sheets, countries, unit))


def step1_table(s: CountrySurvey) -> pd.DataFrame:
    """Step-1 rank (lexicographic), the five columns, the synthetic index and its rank."""
    ranks, order = report.step1_ranking(s)
    index = report.rank_countries(s, "seed")
    names = {c.key: c.name for c in s.criteria}
    rows = []
    for i in order:
        c = s.countries[i]
        row = {"Step-1 rank": int(ranks[i]), "Country": c.name}
        row.update({names[k]: c.values[k] for k in KEYS if k in names})
        row["Synthetic index"] = round(float(index.scores[i]), 9)
        row["Index rank"] = int(index.ranks[i])
        rows.append(row)
    return pd.DataFrame(rows)


def beside_report(collected_survey: CountrySurvey, reference: CountrySurvey) -> pd.DataFrame:
    """Each country's index from the answers beside the report's printed index and step-1 values."""
    idx = report.rank_countries(collected_survey, "seed")
    ours = dict(zip(idx.matrix.names, (round(float(v), 9) for v in idx.scores)))
    ref = {c.name: c.values for c in reference.countries}
    rows = []
    for c in collected_survey.countries:
        r = ref.get(c.name, {})
        same = all(r.get(k) == c.values.get(k) for k in KEYS) if r else False
        rows.append({"Country": c.name, "Index (answers)": ours[c.name],
                     "Index (report)": reference.printed_index.get(c.name),
                     "Step-1 values as the report's": "yes" if same else "no"})
    return pd.DataFrame(rows)


# -- files -----------------------------------------------------------------------------------------

def answers_table(col: Collected) -> pd.DataFrame:
    """Every answer ever recorded, one row per sheet and country: partner, round, time, respondent,
    the four answers, and whether it counts (replaced by a newer one, or removed)."""
    by_id = {p.id: p for p in col.partners}
    counting = {e.id for e in newest_entries(list(col.entries)).values()}
    rows = []
    for e in col.entries:
        p = by_id.get(e.partner_id)
        status = "removed" if e.removed else ("counts" if e.id in counting else "replaced")
        for raw in e.payload.get("sheets", []):
            rows.append({"partner": p.name if p else "", "label": p.label if p else "", "round": e.round,
                         "answered_at": e.created_at, "respondent": raw.get("respondent", ""), "country": e.subject,
                         "select": bool(raw.get("select")), "priority": raw.get("priority"),
                         "accessibility": raw.get("accessibility"), "smes": raw.get("smes"), "status": status})
    columns = ["partner", "label", "round", "answered_at", "respondent", "country", "select", "priority",
               "accessibility", "smes", "status"]
    return pd.DataFrame(rows, columns=columns)


def answers_csv(col: Collected) -> bytes:
    return export.csv_bytes(answers_table(col))


def table_csv(s: CountrySurvey, unit: str) -> bytes:
    """The aggregated step-1 table with the index, and the rule it was counted by."""
    df = step1_table(s)
    df["rule"] = rule(unit)
    return export.csv_bytes(df)


def take_over(store: Store, facilitator_token: str, s: CountrySurvey, unit: str) -> Workshop:
    """The aggregated table becomes the workshop's candidate data: every partner's weights now rank
    it (every round's results are recounted on it), and the YAML is kept in the workshop's history."""
    from wiintech.report import method_matrix
    from wiintech.workshop import matrix_to_json
    w = store.facilitator(facilitator_token)
    matrix = matrix_to_json(method_matrix(s, w.method))
    if matrix["names"] != w.matrix["names"] or [c["key"] for c in matrix["criteria"]] != \
            [c["key"] for c in w.matrix["criteria"]]:
        raise InputError("The aggregated table does not have the workshop's countries and criteria, so the "
                         "partners' weights could not rank it.")
    store.add_facilitator_entry(facilitator_token, SETTING, DATA_SUBJECT,
                                {"yaml": survey_yaml(s, rule(unit)).decode("utf-8"), "unit": unit})
    return store.set_matrix(facilitator_token, matrix)
