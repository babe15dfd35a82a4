"""The cluster scoring round: each partner scores each candidate cluster on Fit for programme, Size
and Interaction (1–10), and the group's scores, their spread and the totals follow from the store.

Everything is an entry of the workshop store (``wiintech.store``, schema 2):

* ``kind="score"``, written by a partner, ``subject`` the candidate's name, payload
  ``{"fit": 7, "size": 10, "interaction": 5}`` (whole numbers on the data's scale, 1–10);
* ``kind="note"``, written by the facilitator, ``subject`` the candidate, payload ``{"text": ...}``:
  a consensus note recorded instead of scores (as the report did for the Mississippi and Ohio polymer
  institutes); an empty text withdraws it;
* ``kind="candidate"``, written by the facilitator, ``subject`` the new candidate, payload
  ``{"country": ...}``: a candidate proposed during the round;
* ``kind="setting"``, written by the facilitator, ``subject`` ``"scoring.aggregation"``, payload
  ``{"aggregation": "median" | "mean"}``.

What counts in round r: each partner's newest score of a candidate written in round r or before (a
partner who does not rescore in a new round keeps their last scores), and the facilitator's newest
note, proposal and setting. Removed entries never count.

The group's score on a criterion is the median of the partners' scores (the mean as a setting); the
total is Fit × Size × Interaction of the group's scores, computed by the cluster page's own ranking
(``report.rank_clusters``: the weighted product with every exponent 1, the report's "out of 1000").
Each cell carries its spread (n, min, quartiles, max); candidates are listed for discussion by
disagreement: the sum over the criteria of the interquartile ranges, then of the ranges (max − min).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from numbers import Integral, Real

import numpy as np
import pandas as pd

from wiintech import export, report, shortlist
from wiintech.errors import InputError
from wiintech.limits import name_problem
from wiintech.models import Candidate, ClusterTargets
from wiintech.store import Entry, Partner, Store, Workshop, newest_entries

SCORE, NOTE, CANDIDATE, SETTING = "score", "note", "candidate", "setting"
AGGREGATION_SETTING = "scoring.aggregation"
AGGREGATIONS = {"median": "Median of the partners' scores", "mean": "Mean of the partners' scores"}
DEFAULT_AGGREGATION = "median"
MAX_NOTE = 1000
PROPOSED_SOURCE = "proposed in the workshop"
TOTAL_METHOD = "Fit × Size × Interaction of the group's scores (the report's total, out of 1000)"
DISAGREEMENT_METHOD = ("sum over the criteria of the interquartile range (Q3 − Q1, linear interpolation), "
                       "ties broken by the sum of the ranges (max − min)")

# The report's header over every score column is "HML- 1/5/10" (Tables 10–13): High 10, Medium 5, Low 1;
# its tables also use 3 and 7, so any whole score from 1 to 10.
ANCHORS = "H = 10 (high), M = 5 (medium), L = 1 (low): the report's \"HML 1/5/10\"; its tables also use 3 and 7."
CRITERION_HELP = {
    "fit": "Fit for programme: how well the cluster fits the clean-tech programme, its technologies "
           "complementary to ours (section F: \"the analysis focussed on complementary technologies\").",
    "size": "Size: how large the cluster and its market are.",
    "interaction": "Interaction: how much we already interact, or could, with the cluster and its members.",
}


def help_text(key: str, name: str) -> str:
    """A criterion's help in the scoring form: what it asks, and the report's anchors."""
    return f"{CRITERION_HELP.get(key, name)} {ANCHORS}"


# -- what counts ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    """One criterion of one candidate: the partners' scores and their summary."""

    scores: tuple[int, ...]
    group: float | None  # the aggregation's value; None without scores

    @property
    def n(self) -> int:
        return len(self.scores)

    def _q(self, q: float) -> float | None:
        return float(np.percentile(self.scores, q)) if self.scores else None

    @property
    def median(self):
        return self._q(50)

    @property
    def mean(self):
        return float(np.mean(self.scores)) if self.scores else None

    @property
    def low(self):
        return min(self.scores) if self.scores else None

    @property
    def high(self):
        return max(self.scores) if self.scores else None

    @property
    def q1(self):
        return self._q(25)

    @property
    def q3(self):
        return self._q(75)

    @property
    def iqr(self) -> float:
        return self.q3 - self.q1 if self.scores else 0.0

    @property
    def range(self) -> float:
        return float(self.high - self.low) if self.scores else 0.0

    def spread(self) -> str:
        """e.g. ``IQR 2 · 5–10 · n=8``."""
        if not self.scores:
            return "no scores"
        return f"IQR {_g(self.iqr)} · {self.low}–{self.high} · n={self.n}"


@dataclass(frozen=True)
class Row:
    """A candidate of the round: its scores by criterion, its total, or the room's consensus note."""

    name: str
    country: str
    proposed: bool  # proposed in the workshop (not in the data's targets)
    note: str | None  # the facilitator's consensus note: shown instead of a total
    cells: dict  # criterion key -> Cell
    total: float | None  # None: noted, or not every criterion scored

    @property
    def n(self) -> int:
        return min((c.n for c in self.cells.values()), default=0)

    @property
    def disagreement(self) -> float:
        return sum(c.iqr for c in self.cells.values())

    @property
    def ranges(self) -> float:
        return sum(c.range for c in self.cells.values())


@dataclass(frozen=True, eq=False)
class Results:
    """A scoring round, computed."""

    workshop: Workshop
    round: int
    aggregation: str
    targets: ClusterTargets  # the data's targets the round started from
    partners: tuple[Partner, ...]
    entries: tuple[Entry, ...]  # every entry of the workshop, as the store keeps them
    rows: tuple[Row, ...]  # every candidate, in the data's order, proposed ones after their country's
    scorers: tuple[Partner, ...]  # partners with at least one score that counts

    def row(self, name: str) -> Row:
        return next(r for r in self.rows if r.name == name)

    def disputed(self) -> list[Row]:
        """The candidates for discussion, most disputed first: scored ones by disagreement (then by
        range), then those nobody scored yet, then those with a consensus note."""
        def key(ir):
            i, r = ir
            group = 2 if r.note else (1 if r.n == 0 else 0)
            return (group, -r.disagreement, -r.ranges, i)
        return [r for _, r in sorted(enumerate(self.rows), key=key)]

    def aggregated_targets(self) -> ClusterTargets:
        """The round's result as cluster targets: the group's scores (or the consensus note) for every
        candidate that has one or the other; a candidate with neither is left out. A candidate of the
        data whose scores and note are unchanged keeps its source and printed total; otherwise it is
        marked as a workshop edit (``shortlist.WORKSHOP_SOURCE``)."""
        return _aggregated(self.targets, self.rows)

    def table(self) -> pd.DataFrame:
        """One row per candidate in the data's order: the group score and spread of each criterion,
        the total (empty for a noted candidate), the note, and how it was computed."""
        names = {c.key: c.name for c in self.targets.criteria}
        out = []
        for r in self.rows:
            row = {"candidate": r.name, "country": r.country, "proposed_in_workshop": r.proposed}
            for key, cell in r.cells.items():
                name = names[key]
                row.update({name: cell.group, f"{name} n": cell.n, f"{name} min": cell.low,
                            f"{name} Q1": cell.q1, f"{name} Q3": cell.q3, f"{name} max": cell.high})
            row.update({"total": r.total, "disagreement": r.disagreement, "consensus_note": r.note or "",
                        "round": self.round, "aggregation": AGGREGATIONS[self.aggregation],
                        "total_method": TOTAL_METHOD})
            out.append(row)
        return pd.DataFrame(out)


def _g(v: float) -> str:
    return f"{v:g}"


def _newest_upto(found, rnd: int) -> dict[tuple, Entry]:
    return newest_entries([e for e in found if e.round <= rnd])


def candidates(targets: ClusterTargets, found: list[Entry]) -> list[tuple[str, str, bool]]:
    """(name, country, proposed) of every candidate: the data's, then those the facilitator proposed
    (a proposal the facilitator removed does not count), each grouped under its country."""
    base = [(c.name, c.country, False) for c in targets.candidates]
    known = {n.casefold() for n, _, _ in base}
    extra = []
    for (pid, kind, subject), e in newest_entries(found).items():
        if pid is None and kind == CANDIDATE and subject.casefold() not in known:
            country = (e.payload or {}).get("country") if isinstance(e.payload, dict) else None
            if country in targets.sources:
                extra.append((e.id, subject, country))
                known.add(subject.casefold())
    proposed = [(n, c, True) for _, n, c in sorted(extra)]
    return [x for country in targets.sources for x in [*base, *proposed] if x[1] == country]


def aggregation_of(found: list[Entry], rnd: int | None = None) -> str:
    """The aggregation setting in force (median unless the facilitator chose the mean)."""
    picked = [e for e in found if e.kind == SETTING and e.partner_id is None and e.subject == AGGREGATION_SETTING
              and not e.removed and (rnd is None or e.round <= rnd)]
    how = picked[-1].payload.get("aggregation") if picked and isinstance(picked[-1].payload, dict) else None
    return how if how in AGGREGATIONS else DEFAULT_AGGREGATION


def group_value(scores, how: str) -> float | None:
    if not scores:
        return None
    return float(np.median(scores)) if how == "median" else float(np.mean(scores))


def compute(workshop: Workshop, partners: list[Partner], found: list[Entry], targets: ClusterTargets,
            round_number: int | None = None) -> Results:
    """The scoring round's results (default: the workshop's current round) from the store's rows."""
    rnd = workshop.round if round_number is None else round_number
    how = aggregation_of(found, rnd)
    counting = _newest_upto(found, rnd)
    order = {p.id: i for i, p in enumerate(partners)}
    keys = [c.key for c in targets.criteria]
    by_subject: dict[str, list] = {}
    for (pid, kind, subject), e in counting.items():
        if kind == SCORE and pid is not None and _valid(e.payload, keys):
            by_subject.setdefault(subject, []).append((pid, e))
    rows, scorer_ids = [], set()
    for name, country, proposed in candidates(targets, [e for e in found if e.round <= rnd]):
        given = sorted(by_subject.get(name, ()), key=lambda pe: order.get(pe[0], len(order)))
        scorer_ids |= {pid for pid, _ in given}
        cells = {}
        for k in keys:
            vals = tuple(int(e.payload[k]) for _, e in given)
            cells[k] = Cell(vals, group_value(vals, how))
        note_entry = counting.get((None, NOTE, name))
        note = _note_text(note_entry)
        rows.append(Row(name, country, proposed, note, cells, None))
    rows = _with_totals(targets, rows)
    scorers = tuple(p for p in partners if p.id in scorer_ids)
    return Results(workshop, rnd, how, targets, tuple(partners), tuple(found), tuple(rows), scorers)


def results(store: Store, workshop: Workshop, targets: ClusterTargets, round_number: int | None = None) -> Results:
    return compute(workshop, store.partners(workshop.id), store.entries(workshop.id), targets, round_number)


def _note_text(e: Entry | None) -> str | None:
    if e is None or not isinstance(e.payload, dict):
        return None
    text = str(e.payload.get("text") or "").strip()
    return text or None


def _valid(payload, keys) -> bool:
    return isinstance(payload, dict) and all(isinstance(payload.get(k), Integral) for k in keys)


def _with_totals(targets: ClusterTargets, rows: list[Row]) -> list[Row]:
    """Each fully scored, un-noted row's total, by the cluster page's ranking (every exponent 1)."""
    scored = [r for r in rows if not r.note and r.n > 0]
    if not scored:
        return rows
    cands = tuple(Candidate(r.name, r.country, "", {k: c.group for k, c in r.cells.items()}) for r in scored)
    ranking = report.rank_clusters(replace(targets, candidates=cands))
    totals = dict(zip(ranking.matrix.names, (float(v) for v in ranking.scores)))
    return [replace(r, total=totals.get(r.name)) for r in rows]


def _num(v: float):
    return int(v) if float(v).is_integer() else float(v)


def _aggregated(targets: ClusterTargets, rows) -> ClusterTargets:
    before = {c.name: c for c in targets.candidates}
    out = []
    for r in rows:
        if r.note:
            scores, note = None, r.note
        elif r.n > 0:
            scores, note = {k: _num(c.group) for k, c in r.cells.items()}, None
        else:
            continue
        old = before.get(r.name)
        if old is not None and old.scores == scores and (old.consensus_note or None) == note:
            out.append(old)
        elif old is not None:
            out.append(replace(old, scores=scores, consensus_note=note, printed_total=None,
                               source=shortlist.WORKSHOP_SOURCE))
        else:
            out.append(Candidate(r.name, r.country, PROPOSED_SOURCE, scores, consensus_note=note))
    return replace(targets, candidates=tuple(out))


def aggregated_yaml(res: Results) -> bytes:
    """The round's result as the data folder's ``cluster_targets.yaml`` (``loader.load_cluster_targets``
    reads it back to ``res.aggregated_targets()``)."""
    return shortlist.to_yaml(res.aggregated_targets()).encode("utf-8")


def aggregated_csv(res: Results) -> bytes:
    return export.csv_bytes(res.table())


def scores_table(workshop: Workshop, partners: list[Partner], found: list[Entry],
                 targets: ClusterTargets) -> pd.DataFrame:
    """Every score ever recorded (replaced and removed ones too): partner, label, round, time, the
    candidate and its country, a score per criterion (by name), and whether it counts now."""
    by_id = {p.id: p for p in partners}
    countries = {n: c for n, c, _ in candidates(targets, found)}
    counting = {e.id for e in _newest_upto(found, workshop.round).values()}
    crit = targets.criteria
    rows = []
    for e in found:
        if e.kind != SCORE or e.partner_id is None:
            continue
        p = by_id.get(e.partner_id)
        payload = e.payload if isinstance(e.payload, dict) else {}
        row = {"partner": p.name if p else "", "label": p.label if p else "", "round": e.round,
               "recorded_at": e.created_at, "candidate": e.subject, "country": countries.get(e.subject, "")}
        row.update({c.name: payload.get(c.key) for c in crit})
        row["status"] = "removed" if e.removed else ("counts" if e.id in counting else "replaced")
        rows.append(row)
    columns = ["partner", "label", "round", "recorded_at", "candidate", "country", *(c.name for c in crit), "status"]
    return pd.DataFrame(rows, columns=columns)


def scores_csv(workshop: Workshop, partners: list[Partner], found: list[Entry], targets: ClusterTargets,
               show_names: bool = True) -> bytes:
    table = scores_table(workshop, partners, found, targets)
    if not show_names:
        table = table.drop(columns=["partner"])
    return export.csv_bytes(table)


# -- recording --------------------------------------------------------------------------------------

def check_score(targets: ClusterTargets, candidate: str, payload) -> dict:
    """A partner's scores of one candidate: one whole number per criterion on the data's scale."""
    if not isinstance(payload, dict):
        raise InputError(f"{candidate}: give a score for each of {', '.join(c.name for c in targets.criteria)}.")
    lo, hi = int(targets.scale_min), int(targets.scale_max)
    out = {}
    for c in targets.criteria:
        v = payload.get(c.key)
        if v is None or (isinstance(v, str) and not v.strip()):
            raise InputError(f"{candidate} › {c.name}: give a score from {lo} to {hi}.")
        if isinstance(v, str):
            try:
                v = float(v.strip())
            except ValueError:
                raise InputError(f"{candidate} › {c.name}: {v[:40]!r} is not a number; give a whole "
                                 f"number from {lo} to {hi}.") from None
        if isinstance(v, bool) or not isinstance(v, Real) or not math.isfinite(v) or float(v) != int(v):
            raise InputError(f"{candidate} › {c.name}: {str(v)[:40]} is not a whole number; give one "
                             f"from {lo} to {hi}.")
        if not lo <= v <= hi:
            raise InputError(f"{candidate} › {c.name}: {int(v)} is outside {lo}–{hi}.")
        out[c.key] = int(v)
    extra = [k for k in payload if k not in out]
    if extra:
        raise InputError(f"{candidate}: {str(extra[0])[:40]!r} is not a criterion; the criteria are "
                         f"{', '.join(c.key for c in targets.criteria)}.")
    return out


def record_scores(store: Store, partner_token: str, targets: ClusterTargets, scores: dict) -> list[Entry]:
    """A partner's scores, ``{candidate: {"fit": 7, "size": 10, "interaction": 5}}``, checked and
    recorded in one transaction (all or none), in the current round."""
    if not scores:
        raise InputError("Score at least one candidate before submitting.")
    w, _ = store.partner(partner_token)
    known = {n for n, _, _ in candidates(targets, store.entries(w.id))}
    items = []
    for name, payload in scores.items():
        if name not in known:
            raise InputError(f"{str(name)[:80]!r} is not a candidate of this scoring round.")
        items.append((SCORE, name, check_score(targets, name, payload)))
    return store.add_entries(partner_token, items)


def record_note(store: Store, facilitator_token: str, targets: ClusterTargets, candidate: str, text: str) -> Entry:
    """The facilitator's consensus note for a candidate, shown instead of its scores and total. An
    empty text withdraws the note (the scores count again)."""
    w = store.facilitator(facilitator_token)
    if candidate not in {n for n, _, _ in candidates(targets, store.entries(w.id))}:
        raise InputError(f"{str(candidate)[:80]!r} is not a candidate of this scoring round.")
    text = " ".join(str(text or "").split())
    if len(text) > MAX_NOTE:
        raise InputError(f"A consensus note is longer than {MAX_NOTE} characters.")
    return store.add_facilitator_entry(facilitator_token, NOTE, candidate, {"text": text})


def propose(store: Store, facilitator_token: str, targets: ClusterTargets, name: str, country: str) -> Entry:
    """A candidate put forward during the round, in one of the targets' countries."""
    w = store.facilitator(facilitator_token)
    name = " ".join(str(name or "").split())
    if not name:
        raise InputError("Give the new candidate's name.")
    if name_problem(name):
        raise InputError(f"The new candidate's name: {name_problem(name)}.")
    if country not in targets.sources:
        raise InputError(f"{str(country)[:80]!r} is not one of the countries: {', '.join(targets.countries)}.")
    taken = {n.casefold() for n, _, _ in candidates(targets, store.entries(w.id))}
    if name.casefold() in taken:
        raise InputError(f"{name!r} is already a candidate.")
    return store.add_facilitator_entry(facilitator_token, CANDIDATE, name, {"country": country})


def withdraw(store: Store, facilitator_token: str, name: str) -> None:
    """Take a proposed candidate out of the round (its proposal stays in the history, marked
    removed; scores given to it stay in the every-score file, counted nowhere)."""
    w = store.facilitator(facilitator_token)
    found = [e for e in store.entries(w.id, CANDIDATE) if e.partner_id is None and e.subject == name and not e.removed]
    if not found:
        raise InputError(f"{str(name)[:80]!r} is not a candidate proposed in this workshop.")
    for e in found:
        store.remove_entry(facilitator_token, e.id)


def set_aggregation(store: Store, facilitator_token: str, how: str) -> Entry:
    if how not in AGGREGATIONS:
        raise InputError(f"{str(how)[:40]!r} is not an aggregation; choose {' or '.join(AGGREGATIONS)}.")
    return store.add_facilitator_entry(facilitator_token, SETTING, AGGREGATION_SETTING, {"aggregation": how})


def own_scores(found: list[Entry], partner_id: int, rnd: int) -> dict:
    """A partner's scores that count in a round: candidate -> payload."""
    return {subject: e.payload for (pid, kind, subject), e in _newest_upto(found, rnd).items()
            if pid == partner_id and kind == SCORE}


# -- the demo ---------------------------------------------------------------------------------------

# Eight partners' offsets around the agreed score: each, once sorted, has 0 in the 4th and 5th places,
# so the median of the eight scores is the agreed score itself (clamping to 1–10 keeps the order, and
# so the median). Some cells agree, some are disputed.
_SPREADS = (
    (-2, -1, 0, 0, 0, 0, 1, 2),
    (-1, 0, 0, 0, 0, 0, 0, 1),
    (-3, -2, -1, 0, 0, 1, 2, 2),
    (0, 0, 0, 0, 0, 0, 0, 0),
    (-2, 0, 0, 0, 0, 1, 1, 3),
    (-1, -1, 0, 0, 0, 0, 0, 2),
    (-4, -2, 0, 0, 0, 0, 3, 3),
)
# San Diego: a perfect fit and size, but almost no interaction; the room disagreed how little.
_DISPUTED = {("San Diego", "interaction"): (-2, -1, 0, 0, 0, 2, 4, 6)}


def demo_scores(targets: ClusterTargets, partners=None) -> dict[str, dict[str, dict[str, int]]]:
    """Eight partners' scores (partner -> candidate -> criterion key -> 1–10) whose medians are the
    data's scores of every scored candidate (the report's Tables 10–13, totals 700, 343, 490, 700,
    150, 100, 63, 21, 70), with some spread. ``partners``: eight names (default: the eight EU
    clusters of ``data/eu_clusters.yaml``). The candidates with a consensus note are not scored."""
    if partners is None:
        from wiintech.loader import load_eu_clusters
        partners = [c.name for c in load_eu_clusters()]
    partners = list(partners)
    if len(partners) != 8 or len(set(partners)) != 8:
        raise InputError(f"The demo's scores are for eight different partners, not {len(set(partners))}.")
    lo, hi = int(targets.scale_min), int(targets.scale_max)
    out: dict = {p: {} for p in partners}
    cell = 0
    for cand in targets.scored():
        for c in targets.criteria:
            agreed = cand.scores[c.key]
            offsets = _DISPUTED.get((cand.name, c.key), _SPREADS[cell % len(_SPREADS)])
            for i, p in enumerate(partners):
                v = agreed + offsets[(i + 3 * cell) % 8]
                out[p].setdefault(cand.name, {})[c.key] = int(min(hi, max(lo, v)))
            cell += 1
    return out


def fill_demo(store: Store, facilitator_token: str, partner_tokens_by_name: dict[str, str],
              targets: ClusterTargets) -> None:
    """Record the demo's scores (one transaction per partner, in the current round, which must be
    open) and the report's consensus notes as the facilitator's notes."""
    scores = demo_scores(targets, list(partner_tokens_by_name))
    for name, token in partner_tokens_by_name.items():
        record_scores(store, token, targets, scores[name])
    for cand in targets.unscored():
        if cand.consensus_note:
            record_note(store, facilitator_token, targets, cand.name, cand.consensus_note)
