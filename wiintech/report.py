"""The report's two decisions as decision matrices: the countries (section D) and the partner
clusters (Tables 10–13)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wiintech.errors import InputError
from wiintech.models import BENEFIT, ClusterTargets, CountrySurvey, Criterion
from wiintech.ranking import METHODS, DecisionMatrix, Ranking, rank


def country_matrix(survey: CountrySurvey) -> DecisionMatrix:
    """The step-1 table: 9 countries × 5 criteria."""
    values = [[c.values[k] for k in (cr.key for cr in survey.criteria)] for c in survey.countries]
    return DecisionMatrix.build(survey.names, survey.criteria, values)


def index_matrix(survey: CountrySurvey) -> DecisionMatrix:
    """One column per term of the synthetic index, so that the index is a plain weighted sum of the
    columns with every weight 1: N, Na, N°1 and SMEs × accessibility / 100."""
    cols, criteria = [], []
    about = {c.key: c for c in survey.criteria}
    for term in survey.index_terms:
        col = np.full(len(survey.countries), term.factor)
        for key in term.criteria:
            col = col * np.array([c.values[key] for c in survey.countries])
        cols.append(col)
        # what the term counts, in the data file's own words (the slider's help): "N°1" is "How many
        # partners ranked the country as their first priority"
        words = " × ".join(f"{about[k].name}: {about[k].description}" if about[k].description else about[k].name
                           for k in term.criteria if k in about)
        criteria.append(Criterion(term.key, term.name, BENEFIT, words, label=term.label))
    return DecisionMatrix.build(survey.names, criteria, np.column_stack(cols))


@dataclass(frozen=True, eq=False)
class CountryMatrices:
    """The countries as the two matrices a method can rank."""

    index: DecisionMatrix  # the synthetic index's terms
    criteria: DecisionMatrix  # the step-1 criteria

    def for_method(self, method: str) -> DecisionMatrix:
        """The one home of the rule: a method that ranks the report's index terms (the report's own
        formula, ``Method.ranks_index_terms``) gets the index matrix; every other, the criteria."""
        return self.index if METHODS[method].ranks_index_terms else self.criteria


def country_matrices(survey: CountrySurvey) -> CountryMatrices:
    return CountryMatrices(index_matrix(survey), country_matrix(survey))


def method_matrix(survey: CountrySurvey, method: str) -> DecisionMatrix:
    """What a method ranks (see ``CountryMatrices.for_method``)."""
    return country_matrices(survey).for_method(method)


def rank_countries(survey: CountrySurvey, method: str = "seed", weights: dict | None = None,
                   norm: str | None = None) -> Ranking:
    return rank(method_matrix(survey, method), method, weights, norm)


def step1_ranking(survey: CountrySurvey) -> tuple[np.ndarray, np.ndarray]:
    """The report's step-1 row order: by N, ties broken by Na, then N°1."""
    from wiintech.ranking import lexicographic
    return lexicographic(country_matrix(survey), survey.lexicographic_order)


# The report's Total is Fit × Size × Interaction: the weighted product with every exponent 1.
CLUSTER_METHOD = "wprod"


def cluster_matrix(targets: ClusterTargets, country: str | None = None) -> DecisionMatrix:
    """The scored candidates (of one country, or all), × Fit, Size, Interaction.

    Carries each candidate's country and whether the action plans chose it."""
    if country is not None and country not in targets.sources:
        raise InputError(f"No cluster targets for {country!r}; the countries are: "
                         f"{', '.join(targets.countries)}.")
    cands = targets.scored(country)
    if not cands:
        raise InputError(f"{country} has no scored candidates.")
    values = [[c.scores[cr.key] for cr in targets.criteria] for c in cands]
    return DecisionMatrix.build([c.name for c in cands], targets.criteria, values,
                                extra={"country": [c.country for c in cands]})


def rank_clusters(targets: ClusterTargets, country: str | None = None,
                  weights: dict | None = None, matrix: DecisionMatrix | None = None) -> Ranking:
    """Weighted product with the weights as exponents: all 1 is the report's Total (700, 343, ...).
    ``matrix``: ``cluster_matrix(targets, country)`` when the caller keeps it between weight moves."""
    return rank(cluster_matrix(targets, country) if matrix is None else matrix, CLUSTER_METHOD, weights)


def rescaled_total(ranking: Ranking, scale_max: float) -> np.ndarray:
    """The weighted product put back on the report's 0–1000 scale: 1000 × Π (x / max)^w.

    With every exponent 1 this is the report's Total itself (10 × 10 × 7 = 700 of 1000)."""
    w = np.array([ranking.weights[key] for key in ranking.matrix.keys])
    return 1000.0 * np.prod(np.power(ranking.matrix.values / scale_max, w), axis=1)


def cluster_table(ranking: Ranking, targets: ClusterTargets, places=None):
    """The ranked shortlist: rank, name, score, the three scores, country, the total rescaled to
    0–1000, and whether the report's action plans chose the candidate. ``places``: only these places
    of the ranking (positions in its display order), a page of a long shortlist."""
    import pandas as pd

    cols = ranking.columns()
    total = rescaled_total(ranking, targets.scale_max)[ranking.order]
    if places is not None:
        cols = {name: values[places] for name, values in cols.items()}
        total = total[places]
    df = pd.DataFrame(cols)
    df["total_0_1000"] = total
    chosen = {c.name: c.chosen for c in targets.candidates}
    df["chosen_in_report"] = [chosen.get(n, False) for n in df["name"]]
    return df
