"""A demo workshop: the report's first workshop replayed from answers, in one call.

:func:`create` makes a workshop over the country data, in which

* the eight EU clusters (``eu_clusters.yaml``) join as partners;
* sixteen answer sheets (each cluster's own and one from its members; :func:`sheets`) answer the
  country questionnaire so that, by the questionnaire's rule (``wiintech.questionnaire``, unit
  ``sheet``), they add up exactly to the report's step-1 table, and so to its synthetic index
  (USA 75.55 … Russia 13.81);
* the partners' weights split into the two groups the report describes (section D): a
  technology-oriented group that weighs the first priorities (N°1) and so prefers Japan, and a
  business-oriented group that weighs how many respondents want and answered for a market (N, Na)
  and so prefers India. Which cluster was in which group the report does not say; the split here
  (nanotech, tooling, two plastics clusters / chemicals, process industry, two plastics clusters)
  is the demo's;
* with the cluster targets given, the cluster scoring round is recorded by
  ``wiintech.scoring.fill_demo``: eight partners' scores whose medians are Tables 10–13.

The report gives the totals only; the individual sheets below are one set of answers that adds up to
them, built by a fixed rule from the table (first priorities as listed in ``FIRST``, the other
selections and answers dealt round the sheets in turn, ratings and SMEs split as evenly as whole
numbers allow), so every run makes the same sheets.
"""

from __future__ import annotations


from wiintech import questionnaire, workshop
from wiintech.errors import InputError
from wiintech.models import ClusterTargets, CountrySurvey
from wiintech.questionnaire import Answer, Sheet
from wiintech.store import Store, Workshop

NAME = "Demo: the first workshop, Sophia Antipolis, April 2012"
TECHNOLOGY = ("Veneto Nanotech", "Poolnet", "Proplast", "Clusterland")
BUSINESS = ("Chemie Cluster Bayern", "Plastipolis", "NEPIC", "Plastival")
# Each partner's weights of the report's index terms (0–5, the sliders' scale), alike within a group.
WEIGHTS = {
    "Veneto Nanotech": {"N": 1, "Na": 1, "N1": 5, "reach": 0},
    "Poolnet": {"N": 0.5, "Na": 1.5, "N1": 4, "reach": 0},
    "Proplast": {"N": 1, "Na": 2, "N1": 5, "reach": 0.5},
    "Clusterland": {"N": 0, "Na": 1, "N1": 4, "reach": 0},
    "Chemie Cluster Bayern": {"N": 5, "Na": 5, "N1": 1, "reach": 0},
    "Plastipolis": {"N": 4, "Na": 4, "N1": 0.5, "reach": 0},
    "NEPIC": {"N": 5, "Na": 4, "N1": 2, "reach": 0},
    "Plastival": {"N": 3, "Na": 3, "N1": 1, "reach": 0},
}
COMMENTS = {
    "Veneto Nanotech": "Japan: Nagano Techno Foundation and the nanotech partners are there.",
    "Chemie Cluster Bayern": "India: the chemical industry's market and our members' customers.",
}
RESPONDENTS = ("cluster office", "member SMEs")  # each partner's two sheets
# The sheets (0–15: partner i's sheets are 2i and 2i + 1, partners in TECHNOLOGY + BUSINESS order)
# that give each country priority 1: Japan's three from the technology group, India's from Chemie
# Cluster Bayern's office. Sheet 15 selects without an order.
FIRST = {"Japan": (0, 2, 4), "USA": (1, 6, 9, 11, 13), "Brazil": (3, 7, 12, 14), "India": (8,), "Korea": (5,),
         "Russia": (10,)}


def partners() -> tuple[str, ...]:
    return TECHNOLOGY + BUSINESS


def _split(total, parts: int) -> list[int]:
    """``total`` as ``parts`` whole numbers differing by at most 1, the larger first."""
    total = int(total)
    base, extra = divmod(total, parts)
    return [base + 1] * extra + [base] * (parts - extra)


def sheets(survey: CountrySurvey) -> dict[str, list[Sheet]]:
    """Partner name -> its two answer sheets, adding up by the ``sheet`` rule to ``survey``'s step-1
    table. Raises InputError if the table cannot be answered by sixteen sheets (a value that is not a
    whole number, more first priorities than sheets, an accessibility above 3 per answer)."""
    n_sheets = 2 * len(partners())
    names = list(survey.names)
    vals = {c.name: c.values for c in survey.countries}
    first = {i: c for c, idx in FIRST.items() if c in vals for i in idx}
    for c in names:
        v = vals[c]
        for k in questionnaire.KEYS:
            if float(v[k]) != int(v[k]) or v[k] < 0:
                raise InputError(f"{c}: {k} = {v[k]} is not a whole count; the demo answers whole numbers only.")
        if v["N"] > n_sheets or v["Na"] > n_sheets:
            raise InputError(f"{c}: N or Na above {n_sheets}, the demo's number of sheets.")
        if v["accessibility"] > questionnaire.ACCESS_MAX * v["Na"] or (v["Na"] == 0 and (v["accessibility"] or v["smes"])):
            raise InputError(f"{c}: accessibility {v['accessibility']} cannot come from {v['Na']} answers rated 0–3.")
        if sum(1 for i in first if first[i] == c) != v["N1"]:
            raise InputError(f"{c}: the demo's first priorities do not give N°1 = {v['N1']}.")
    select = {i: [] for i in range(n_sheets)}
    rated = {i: {} for i in range(n_sheets)}
    turn = 0
    for c in names:  # selections: the first priorities, then dealt round the sheets in turn
        chosen = [i for i in range(n_sheets) if first.get(i) == c]
        while len(chosen) < vals[c]["N"]:
            if turn not in chosen:
                chosen.append(turn)
            turn = (turn + 1) % n_sheets
        for i in chosen:
            select[i].append(c)
    turn = 0
    for c in names:  # market answers: dealt round the sheets, independently of the selections
        who = []
        while len(who) < vals[c]["Na"]:
            who.append(turn)
            turn = (turn + 1) % n_sheets
        for i, a, s in zip(who, _split(vals[c]["accessibility"], len(who) or 1), _split(vals[c]["smes"], len(who) or 1)):
            rated[i][c] = (a, s)
    out: dict[str, list[Sheet]] = {}
    for i in range(n_sheets):
        ordered = sorted(select[i], key=lambda c: (first.get(i) != c, names.index(c)))
        prio = {c: (k + 1 if i in first else None) for k, c in enumerate(ordered)}
        answers = {}
        for c in names:
            a, s = rated[i].get(c, (None, None))
            answers[c] = Answer(c in prio, prio.get(c), a, s)
        partner = partners()[i // 2]
        out.setdefault(partner, []).append(Sheet(f"{partner} {RESPONDENTS[i % 2]}", answers))
    return out


def create(store: Store, survey: CountrySurvey, targets: ClusterTargets | None = None,
           name: str = NAME) -> tuple[Workshop, str, dict[str, str]]:
    """The demo workshop, filled: returns it, the facilitator token and each partner's token."""
    w, ftok = workshop.create(store, name, survey, "seed")
    tokens: dict[str, str] = {}
    answer_sheets = sheets(survey)
    for partner in partners():
        _, tokens[partner] = store.join(w.join_code, partner)
        questionnaire.submit(store, tokens[partner], answer_sheets[partner])
        workshop.submit(store, tokens[partner], WEIGHTS[partner], COMMENTS.get(partner, ""))
    if targets is not None:
        fill_scoring_round(store, ftok, tokens, targets)
    return store.workshop(w.id), ftok, tokens


def fill_scoring_round(store: Store, facilitator_token: str, tokens: dict[str, str], targets: ClusterTargets) -> None:
    """The cluster scoring round: ``wiintech.scoring.fill_demo`` records each partner's scores, whose
    medians reproduce Tables 10–13, and the report's two consensus notes."""
    from wiintech import scoring
    scoring.fill_demo(store, facilitator_token, tokens, targets)
