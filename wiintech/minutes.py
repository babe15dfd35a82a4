"""Tables for the minutes: what the page shows, in words a reader of the minutes understands.

The command line's CSV (``wiintech.export.ranking_csv``) keeps its column names (``rank``, ``N1``,
``reach``, ``weights=N=1;Na=1``) so that scripts and a re-upload read it; these tables are the
readable version of the same ranking, for people: criterion names, the weights as the sliders showed
them (one column each), the change against the report, the top-k mark and the decision, the cluster
shortlist's rule and shortlisted flag, the room's edits flagged as edits. Nothing here imports
Streamlit; ``wiintech.export.csv_bytes`` writes them (BOM, formula neutralising, a dialect) and
``wiintech.workbook`` puts them in an Excel workbook.
"""

from __future__ import annotations

import pandas as pd

from wiintech.models import COST
from wiintech.ranking import NORM_NAMES, Ranking

CHANGE_WORDS = {"=": "same place", "new": "not in the report"}


def change_words(mark: str) -> str:
    """``↑2`` -> "up 2 places", ``↓1`` -> "down 1 place", ``=`` -> "same place"."""
    if mark in CHANGE_WORDS:
        return CHANGE_WORDS[mark]
    n = int(mark[1:])
    return f"{'up' if mark[0] == '↑' else 'down'} {n} place{'s' if n != 1 else ''}"


def settings_columns(ranking: Ranking) -> dict:
    """Method, normalisation and one column per weight as the slider showed it (then the cost criteria
    and PROMETHEE II's preference functions, when there are any)."""
    m = ranking.matrix
    out = {"Method": ranking.method.name, "Normalisation": NORM_NAMES[ranking.normalisation]}
    for c in m.criteria:
        out[f"Weight of {c.name}"] = float(ranking.weights.get(c.key, 0.0))
    cost = [c.name for c in m.criteria if c.direction == COST]
    if cost:
        out["Cost criteria (less is better)"] = "; ".join(cost)
    if ranking.method.preferences:
        out["Preference functions"] = "; ".join(f"{c.name}: {c.preference}" for c in m.criteria)
    return out


def settings_rows(ranking: Ranking) -> list[tuple[str, object]]:
    return list(settings_columns(ranking).items())


def _with(df: pd.DataFrame, columns: dict) -> pd.DataFrame:
    out = df.copy()
    for name, value in columns.items():
        out[name] = value
    return out


def ranking_table(ranking: Ranking, k: int, label: str = "Country", printed_ranks: dict | None = None,
                  outcomes: dict | None = None) -> pd.DataFrame:
    """The live ranking as the page shows it: rank, name, score, each criterion's value by its name,
    the change against the report's index, the top-k mark, the consortium's decision; then how it
    was ranked (method, normalisation, each weight)."""
    cols = ranking.columns()
    m = ranking.matrix
    df = pd.DataFrame({"Rank": cols["rank"], label: cols["name"], "Score": cols["score"]})
    for c in m.criteria:
        df[c.name] = cols[c.name]
    if printed_ranks:
        from wiintech.ranking import rank_change

        df["Change against the report's index"] = [change_words(rank_change(int(r), printed_ranks.get(n)))
                                                   for r, n in zip(df["Rank"], df[label])]
    df[f"In the top {k}"] = ["yes" if r <= k else "no" for r in df["Rank"]]
    if outcomes:
        df["Consortium's decision"] = [outcomes.get(n, "") for n in df[label]]
    return _with(df, settings_columns(ranking))


def rule_words(rule: str, k: int, threshold: float, country: str | None) -> str:
    where = country or "each country"
    if rule == "top":
        return f"top {k} in {where}" if country else f"top {k} per country"
    return f"total (0–1000) at least {threshold:g}" + (f", {country}" if country else "")


def cluster_table(ranking: Ranking, ranked: pd.DataFrame, picked: set[str], rule: str,
                  edits: dict[str, str] | None = None) -> pd.DataFrame:
    """The ranked shortlist (``ranked``: ``wiintech.report.cluster_table``) as the page shows it, with
    the shortlisted flag and the rule, the report's chosen partners, and what the room edited."""
    m = ranking.matrix
    edits = edits or {}
    df = pd.DataFrame({"Rank": ranked["rank"], "Cluster target": ranked["name"], "Country": ranked["country"]})
    for c in m.criteria:
        df[c.name] = ranked[c.name]
    df["Total"] = ranked["score"]
    df["Total (0–1000)"] = ranked["total_0_1000"].round(1)
    df["Shortlisted"] = ["yes" if n in picked else "no" for n in ranked["name"]]
    df["Shortlist rule"] = rule
    df["Chosen in the report"] = ["yes" if c else "no" for c in ranked["chosen_in_report"]]
    df["Scores edited in the room"] = [edits.get(n, "") for n in ranked["name"]]
    return _with(df, settings_columns(ranking))


def sensitivity_table(table: pd.DataFrame, ranking: Ranking, k: int, view: str,
                      draws: int | None = None, seed: int | None = None, spread: int | None = None) -> pd.DataFrame:
    """A sensitivity table (the command line's) with what it was computed from on every row: the top k
    analysed, the method, the weights, and for rank acceptability the draws, seed and weight range."""
    extra = {"Analysis": {"stability": "stability intervals", "smaa": "rank acceptability (SMAA-2)"}.get(view, view),
             "Top k analysed": k}
    if view == "smaa":
        extra.update({"Draws": draws, "Seed": seed,
                      "Weight range": f"each weight within ±{spread}% of its value" if spread else "anywhere (all weights)"})
    return _with(_with(table, extra), settings_columns(ranking))
