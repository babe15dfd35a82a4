"""The report's tables as pandas DataFrames, ready to show or export. Pure pandas, no Streamlit.

An empty cell of the report stays empty here (``None``); the views decide how to mark it.
"""

from __future__ import annotations

import pandas as pd

from wiintech import report
from wiintech.models import ActionPlans, ClusterTargets, CountryProfile, CountrySurvey, EUCluster, Roadmap
from wiintech.ranking import METHODS, NORM_NAMES, rank

OUTCOME_LABELS = {"selected": "Selected", "added": "Added", "declined": "Declined",
                  "not selected": "Not selected"}
STATUS_LABELS = {"done": "Done", "ahead": "Ahead (2013)"}
SWOT_LABELS = {"strengths": "Strengths", "weaknesses": "Weaknesses",
               "opportunities": "Opportunities", "threats": "Threats"}


def eu_clusters(clusters: tuple[EUCluster, ...]) -> pd.DataFrame:
    return pd.DataFrame({
        "Cluster": [c.name for c in clusters],
        "Region/Area": [c.region for c in clusters],
        "Business/Technological Focus": [c.focus for c in clusters],
        "Existing links abroad (section D)": ["; ".join(l.text for l in c.links_abroad) or None for c in clusters],
        "Leads the visit to (section G)": [", ".join(c.leads) or None for c in clusters],
    })


def lead_partners(clusters: tuple[EUCluster, ...] | None) -> dict:
    """Target country -> the EU cluster that leads it (section G); the one home of this mapping."""
    return {country: c.name for c in clusters or () for country in c.leads}


def decided(survey: CountrySurvey):
    """The countries the consortium went for: selected at step 1 or added at step 2."""
    return tuple(d for d in survey.decision if d.outcome in ("selected", "added"))


def tactics_progress(roadmap: Roadmap) -> tuple[int, int]:
    """How many of the TACTICs steps are done, of how many."""
    return sum(s.status == "done" for s in roadmap.tactics_steps), len(roadmap.tactics_steps)


def outcomes(survey: CountrySurvey) -> dict:
    """Country -> the consortium's decision, as a label."""
    return {d.country: OUTCOME_LABELS[d.outcome] for d in survey.decision}


def report_comparison(survey: CountrySurvey) -> pd.DataFrame:
    """The report's two rankings beside its decision: Country, Step 1 (the lexicographic rank),
    Index (the rank by the synthetic index), Printed (the index as printed), Decision."""
    compare = step1(survey)[["Country", "Step-1 rank"]].merge(
        synthetic_index(survey)[["Country", "Index rank", "Printed in the report"]], on="Country")
    compare["Decision"] = compare["Country"].map(outcomes(survey))
    return compare.rename(columns={"Step-1 rank": "Step 1", "Index rank": "Index",
                                   "Printed in the report": "Printed"})


def decision(survey: CountrySurvey, clusters: tuple[EUCluster, ...] | None = None) -> pd.DataFrame:
    leads = lead_partners(clusters)
    return pd.DataFrame({
        "Country": [d.country for d in survey.decision],
        "Outcome": [OUTCOME_LABELS[d.outcome] for d in survey.decision],
        "Why": [d.reason for d in survey.decision],
        "Lead EU partner": [leads.get(d.country) for d in survey.decision],
        "Source": [d.source for d in survey.decision],
    })


def steps(roadmap: Roadmap, which: str = "tactics") -> pd.DataFrame:
    rows = roadmap.tactics_steps if which == "tactics" else roadmap.strategy_steps
    df = pd.DataFrame({"Step": [s.number for s in rows], "Name": [s.name for s in rows],
                       "What the report says": [s.text for s in rows]})
    if which == "tactics":
        df.insert(2, "Status", [STATUS_LABELS[s.status] for s in rows])
    return df


def step1(survey: CountrySurvey) -> pd.DataFrame:
    """The step-1 table in the report's row order, with the lexicographic rank that explains it."""
    matrix = report.country_matrix(survey)
    ranks, order = report.step1_ranking(survey)
    df = pd.DataFrame({"Step-1 rank": ranks, "Country": matrix.names})
    for j, c in enumerate(matrix.criteria):
        df[c.name] = matrix.values[:, j]
    return df.iloc[order].reset_index(drop=True)


def synthetic_index(survey: CountrySurvey) -> pd.DataFrame:
    """Step 2: the index computed with every weight 1, beside the printed value."""
    ranking = rank(report.index_matrix(survey), "seed")
    df = ranking.table()[["rank", "name", "score"]]
    df.columns = ["Index rank", "Country", "Synthetic index (computed)"]
    df["Printed in the report"] = [survey.printed_index.get(n) for n in df["Country"]]
    return df


def cluster_targets(targets: ClusterTargets, country: str | None = None) -> pd.DataFrame:
    """Tables 10–13 as printed: the scored candidates with Fit, Size, Interaction and Total."""
    rows = targets.scored(country)
    df = pd.DataFrame({"Country": [c.country for c in rows], "Cluster target": [c.name for c in rows]})
    for cr in targets.criteria:
        df[cr.name] = [c.scores[cr.key] for c in rows]
    df["Total (computed)"] = df[[cr.name for cr in targets.criteria]].prod(axis=1)
    df["Total (printed)"] = [c.printed_total for c in rows]
    df["Chosen in the action plan"] = [c.chosen for c in rows]
    df["Source"] = [c.source for c in rows]
    return df


def unscored(targets: ClusterTargets, country: str | None = None) -> pd.DataFrame:
    rows = targets.unscored(country)
    return pd.DataFrame({"Country": [c.country for c in rows], "Cluster target": [c.name for c in rows],
                         "Consensus note (no scores given)": [c.consensus_note for c in rows],
                         "Chosen in the action plan": [c.chosen for c in rows],
                         "Source": [c.source for c in rows]})


def pest(profile: CountryProfile) -> pd.DataFrame:
    """One row per printed row; Notes is None where the report leaves the cell empty."""
    return pd.DataFrame({"Parameter": [r.dimension for r in profile.pest],
                         "Issue": [r.issue for r in profile.pest],
                         "Notes": ["\n\n".join(r.notes) if r.notes else None for r in profile.pest]})


def swot(profile: CountryProfile) -> pd.DataFrame:
    rows = [(SWOT_LABELS[q], item) for q, items in profile.swot.items() for item in (items or (None,))]
    return pd.DataFrame(rows, columns=["Quadrant", "Item"])


def action_plan(plans: ActionPlans, country: str) -> pd.DataFrame:
    plan = next(p for p in plans.plans if p.country == country)
    return pd.DataFrame([{"What": i.what, "Who": i.who, "How": i.how, "When": i.when, "Where": i.where}
                         for i in plan.items])


def methods() -> pd.DataFrame:
    """Every method as its object describes it: what it does, its normalisations, how a cost
    criterion enters, and what the sensitivity analysis works on (None: not linear in the weights)."""
    ms = METHODS.values()
    return pd.DataFrame({"Method": [m.name for m in ms], "What it does": [m.summary for m in ms],
                         "Normalisations": [", ".join(NORM_NAMES[n] for n in m.norms) for m in ms],
                         "A cost criterion": [m.cost_rule for m in ms],
                         "Linear in the weights": [m.transform if m.linear else None for m in ms]})
