"""What a workshop's submissions add up to: each partner's ranking, the group's ranking by four named
aggregations, how far the partners agree, their factions, and the files for the minutes.

The store (``wiintech.store``) keeps who submitted what; this module computes from it. Both the app's
group view and ``python -m wiintech workshop results`` call :func:`results`, so they show and write
the same numbers and bytes.

Aggregations of the partners' weights (each partner's weights are first divided by their sum, so a
partner who moves every slider to 5 counts as much as one who leaves them at 1):

* ``mean``: the group ranks the candidates with the mean of the partners' normalised weights;
* ``median``: with the criterion-by-criterion median of the normalised weights (robust to one
  extreme partner);
* ``borda`` and ``copeland``: each partner's own ranking (the workshop's method with their weights)
  is a vote, counted by Borda or Copeland (``wiintech.consensus``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import yaml

from wiintech import consensus, export
from wiintech.consensus import Agreement, GroupRanking, Rankings
from wiintech.errors import InputError
from wiintech.models import Criterion, Preference
from wiintech.ranking import METHODS, NORM_NAMES, DecisionMatrix, Ranking, method_and_norm, rank
from wiintech.store import Partner, Store, Submission, Workshop, latest

GROUP_METHODS = {
    "mean": "Mean of the partners' normalised weights",
    "median": "Median of the partners' normalised weights",
    "borda": "Borda count over the partners' own rankings",
    "copeland": "Copeland: pairwise majorities over the partners' own rankings",
}
FACTION_COUNTS = (2, 3)  # how many factions the view offers


def matrix_to_json(matrix: DecisionMatrix) -> dict:
    """The candidates and criteria a workshop ranks, stored with it so every server and the command
    line rank exactly the same thing for the life of the workshop."""
    return {"names": list(matrix.names),
            "criteria": [{"key": c.key, "name": c.name, "direction": c.direction,
                          "description": c.description, "unit": c.unit, "label": c.label,
                          "preference": {"function": c.preference.function, "q": c.preference.q,
                                         "p": c.preference.p}} for c in matrix.criteria],
            "values": matrix.values.tolist()}


def matrix_from_json(data: dict) -> DecisionMatrix:
    criteria = [Criterion(c["key"], c["name"], c.get("direction", "benefit"), c.get("description", ""),
                          c.get("unit", ""), Preference(**c.get("preference", {})), c.get("label", ""))
                for c in data["criteria"]]
    return DecisionMatrix.build(data["names"], criteria, data["values"])


def normalised(weights: dict, keys) -> np.ndarray:
    w = np.array([float(weights.get(k, 0.0)) for k in keys])
    return w / w.sum()


@dataclass(frozen=True, eq=False)
class Results:
    """One round of a workshop, computed."""

    workshop: Workshop
    round: int
    matrix: DecisionMatrix
    partners: tuple[Partner, ...]  # every partner who has joined
    history: tuple[Submission, ...]  # every submission of the workshop, every round, as the store keeps them
    counted: tuple[Partner, ...]  # those with a submission that counts in this round
    submissions: tuple[Submission, ...]  # the counted submissions, in ``counted``'s order
    own: tuple[Ranking, ...]  # each counted partner's own ranking
    weights: np.ndarray  # counted partners × criteria: their normalised weights
    group: dict  # GROUP_METHODS key -> GroupRanking, or an InputError when it cannot be computed
    group_weights: dict  # "mean"/"median" -> normalised weights by criterion key
    agreement: Agreement | None  # None with fewer than 2 partners
    tau: np.ndarray | None  # partner × partner Kendall tau-b

    @property
    def missing(self) -> tuple[Partner, ...]:
        ids = {p.id for p in self.counted}
        return tuple(p for p in self.partners if p.id not in ids)

    def labels(self, partners=None) -> list[str]:
        return [p.shown(self.workshop.show_names) for p in (self.counted if partners is None else partners)]

    def rankings(self) -> Rankings:
        """The partners' own rankings as judges' rankings (items × partners), named as shown."""
        return Rankings.build(self.matrix.names, self.labels(), _rank_columns(self.own))

    def factions(self, groups: int, k: int) -> list[dict]:
        """The partners grouped by how alike their rankings are, each group with its members and its
        own top k (ranked with the mean of its members' normalised weights)."""
        if len(self.own) < 3:
            return []
        found = consensus.factions(_rank_columns(self.own), groups, self.tau)
        labels = self.labels()
        out = []
        for g in sorted(set(found)):
            members = [i for i, lab in enumerate(found) if lab == g]
            w = self.weights[members].mean(axis=0)
            r = rank(self.matrix, self.workshop.method, dict(zip(self.matrix.keys, w)), self.workshop.norm)
            top = [self.matrix.names[i] for i in r.order if r.ranks[i] <= k]
            out.append({"group": int(g), "members": [labels[i] for i in members], "top": top,
                        "weights": {key: float(v) for key, v in zip(self.matrix.keys, w)}})
        return out

    def farthest(self) -> tuple[str, float] | None:
        """The partner whose own ranking is least like the group's (mean weights), with their tau."""
        g = self.group.get("mean")
        if not isinstance(g, GroupRanking) or len(self.own) < 2:
            return None
        taus = [consensus.kendall_tau(r.ranks, g.ranks) for r in self.own]
        taus = [(-2.0 if np.isnan(t) else t) for t in taus]
        i = int(np.argmin(taus))
        return self.labels()[i], float(taus[i])

    def weight_profiles(self) -> pd.DataFrame:
        """One row per counted partner: their normalised weight of each criterion (by name)."""
        df = pd.DataFrame(self.weights, columns=[c.name for c in self.matrix.criteria])
        df.insert(0, "partner", self.labels())
        return df

    def group_table(self, how: str) -> pd.DataFrame:
        """rank, name, score, aggregation, judges, round, method, normalisation, weights."""
        g = self.group[how]
        if isinstance(g, InputError):
            raise g
        df = g.table()
        df["round"] = self.round
        df["method"] = METHODS[self.workshop.method].name
        df["normalisation"] = NORM_NAMES[self.workshop.norm]
        gw = self.group_weights.get(how)
        df["weights"] = ";".join(f"{self.matrix.criteria[j].name}={v:.6g}"
                                 for j, v in enumerate(gw.values())) if gw else ""
        return df

    def overview(self) -> pd.DataFrame:
        """Each candidate's rank under the four aggregations, side by side, by the mean's order."""
        base = self.group.get("mean")
        order = base.order if isinstance(base, GroupRanking) else np.arange(len(self.matrix.names))
        df = pd.DataFrame({"Candidate": [self.matrix.names[i] for i in order]})
        for how, g in self.group.items():
            df[_SHORT[how]] = [int(g.ranks[i]) for i in order] if isinstance(g, GroupRanking) else None
        return df


_SHORT = {"mean": "Mean weights", "median": "Median weights", "borda": "Borda", "copeland": "Copeland"}


def _rank_columns(own) -> np.ndarray:
    """Items × partners: each partner's own ranks."""
    return np.column_stack([r.ranks for r in own])


def _counted(workshop: Workshop, matrix: DecisionMatrix, partners, history, rnd: int):
    """Who counts in a round, their submissions, and the ranking each one's weights give."""
    counting = latest(history, rnd)
    counted = tuple(p for p in partners if p.id in counting)
    subs = tuple(counting[p.id] for p in counted)
    own = tuple(rank(matrix, workshop.method, s.weights, workshop.norm) for s in subs)
    return counted, subs, own


def _agreement(matrix: DecisionMatrix, counted, own) -> Agreement | None:
    if len(own) < 2:
        return None
    return consensus.agreement(Rankings.build(matrix.names, [p.label for p in counted], _rank_columns(own)))


def compute(workshop: Workshop, partners: list[Partner], history: list[Submission],
            round_number: int | None = None) -> Results:
    """The results of a round (default: the workshop's current round) from the store's rows."""
    rnd = workshop.round if round_number is None else round_number
    matrix = matrix_from_json(workshop.matrix)
    counted, subs, own = _counted(workshop, matrix, partners, history, rnd)
    W = np.array([normalised(s.weights, matrix.keys) for s in subs]).reshape(len(subs), len(matrix.keys))
    group: dict = {}
    group_weights: dict = {}
    if subs:
        for how, w in (("mean", W.mean(axis=0)), ("median", np.median(W, axis=0))):
            gw = dict(zip(matrix.keys, (float(x) for x in w)))
            group_weights[how] = gw
            try:
                r = rank(matrix, workshop.method, gw, workshop.norm)
                group[how] = GroupRanking(how, GROUP_METHODS[how], r.matrix.names, r.scores, r.ranks, r.order,
                                          True, float(len(subs)))
            except InputError as exc:
                group[how] = InputError(f"{_SHORT[how]}: {exc}")
        votes = Rankings.build(matrix.names, [p.label for p in counted], _rank_columns(own))
        for how in ("borda", "copeland"):
            group[how] = replace(consensus.aggregate(votes, how), label=GROUP_METHODS[how])
    tau = consensus.kendall_tau_matrix(_rank_columns(own)) if len(own) >= 2 else None
    return Results(workshop, rnd, matrix, tuple(partners), tuple(history), counted, subs, own, W, group,
                   group_weights, _agreement(matrix, counted, own), tau)


def results(store: Store, workshop: Workshop, round_number: int | None = None) -> Results:
    return compute(workshop, store.partners(workshop.id), store.history(workshop.id), round_number)


def agreement_by_round(res: Results) -> pd.DataFrame:
    """Kendall's W round by round (Delphi): does the room converge? From the rows ``res`` was computed
    from, so the view reads the store once."""
    w, rows = res.workshop, []
    for rnd in range(1, w.round + 1):
        if rnd == res.round:
            counted, a = res.counted, res.agreement
        else:
            counted, _, own = _counted(w, res.matrix, res.partners, res.history, rnd)
            a = _agreement(res.matrix, counted, own)
        rows.append({"round": rnd, "partners": len(counted),
                     "kendall_w": a.kendall_w if a else np.nan, "p_value": a.p_value if a else np.nan})
    return pd.DataFrame(rows)


# -- files for the minutes --------------------------------------------------------------------------

def group_csv(res: Results, how: str) -> bytes:
    return export.csv_bytes(res.group_table(how))


def stats_csv(res: Results) -> bytes:
    """judges, items, kendall_w, chi2, df, p_value: the consensus command's ``--stats`` row."""
    if res.agreement is None:
        raise InputError("Agreement needs at least 2 partners' submissions in this round.")
    return export.csv_bytes(res.agreement.table())


def rankings_csv(res: Results) -> bytes:
    """The partners' own rankings in the file format ``python -m wiintech consensus`` reads."""
    from wiintech.rankfile import rankings_table
    return export.csv_bytes(rankings_table(res.rankings()))


def submissions_table(workshop: Workshop, partners: list[Partner], history: list[Submission]) -> pd.DataFrame:
    """Every submission ever made (removed and replaced ones too): partner, round, time, each weight
    by criterion name, the comment, and whether it counts."""
    matrix = matrix_from_json(workshop.matrix)
    by_id = {p.id: p for p in partners}
    counting = {s.id for rnd in {s.round for s in history} for s in latest(history, rnd).values()}
    rows = []
    for s in history:
        p = by_id[s.partner_id]
        row = {"partner": p.name, "label": p.label, "round": s.round, "submitted_at": s.submitted_at}
        row.update({c.name: s.weights.get(c.key) for c in matrix.criteria})
        row["comment"] = s.comment
        row["status"] = "removed" if s.removed else ("counts" if s.id in counting else "replaced")
        rows.append(row)
    columns = ["partner", "label", "round", "submitted_at", *(c.name for c in matrix.criteria), "comment", "status"]
    return pd.DataFrame(rows, columns=columns)


def settings_yaml(workshop: Workshop, rounds) -> bytes:
    """The workshop's settings: what was ranked, how, and its rounds."""
    doc = {"workshop": workshop.name, "join_code": workshop.join_code, "created_at": workshop.created_at,
           "method": workshop.method, "method_name": METHODS[workshop.method].name,
           "normalisation": workshop.norm, "show_names": workshop.show_names,
           "current_round": workshop.round, "round_open": workshop.round_open,
           "revealed_through_round": workshop.revealed_through,
           "rounds": [{"number": r.number, "opened_at": r.opened_at, "closed_at": r.closed_at} for r in rounds],
           "candidates": list(workshop.matrix["names"]),
           "criteria": workshop.matrix["criteria"],
           "values": workshop.matrix["values"]}
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True).encode("utf-8")


def create(store: Store, name: str, survey, method: str = "seed", norm: str | None = None) -> tuple[Workshop, str]:
    """A workshop over the country page's candidates and criteria, ranked by ``method``."""
    from wiintech.report import method_matrix
    _, norm = method_and_norm(method, norm)
    return store.create_workshop(name, method, norm, matrix_to_json(method_matrix(survey, method)))


def submit(store: Store, partner_token: str, weights: dict, comment: str = "") -> Submission:
    """Check a partner's weights against the workshop's criteria, then record them."""
    w, _ = store.partner(partner_token)
    return store.submit(partner_token, check_weights(matrix_from_json(w.matrix), weights), comment)


def check_weights(matrix: DecisionMatrix, weights: dict) -> dict:
    """A partner's weights: one per criterion, each on the sliders' scale, not all 0."""
    from wiintech.urlstate import WEIGHT_MAX, WEIGHT_MIN
    out = {}
    for c in matrix.criteria:
        if c.key not in weights:
            raise InputError(f"Give a weight for {c.name}.")
        try:
            v = float(weights[c.key])
        except (TypeError, ValueError):
            raise InputError(f"The weight of {c.name} must be a number, not {weights[c.key]!r}.") from None
        if not WEIGHT_MIN <= v <= WEIGHT_MAX:
            raise InputError(f"The weight of {c.name} must be from {WEIGHT_MIN:g} to {WEIGHT_MAX:g}, not {v:g}.")
        out[c.key] = v
    extra = [k for k in weights if k not in out]
    if extra:
        raise InputError(f"Unknown criterion {extra[0]!r}; the criteria are: {', '.join(matrix.keys)}.")
    if not any(out.values()):
        raise InputError("All weights are 0: give at least one criterion a weight above 0.")
    return out
