"""Typed, immutable models of the report's tables. The loader builds them; nothing else does."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

BENEFIT = "benefit"
COST = "cost"


PREFERENCE_FUNCTIONS = ("usual", "linear", "vshape")


@dataclass(frozen=True)
class Preference:
    """A criterion's PROMETHEE preference function (Brans & Vincke 1985): ``usual`` (any advantage is
    full preference), ``vshape`` (preference grows linearly up to the preference threshold ``p``) or
    ``linear`` (nothing up to the indifference threshold ``q``, then linearly up to ``p``). Thresholds
    are differences on the criterion's own scale."""

    function: str = "usual"
    q: float = 0.0
    p: float = 0.0

    def problem(self) -> str | None:
        """What is wrong with these thresholds, in words (None: nothing)."""
        if self.function not in PREFERENCE_FUNCTIONS:
            return f"{self.function!r} is not one of {', '.join(PREFERENCE_FUNCTIONS)}"
        if self.function == "usual" and (self.q or self.p):
            return "the usual function takes no thresholds"
        if self.function == "vshape" and (self.q or not self.p > 0):
            return "the V-shape needs a preference threshold p above 0 and no q"
        if self.function == "linear" and not 0 <= self.q < self.p:
            return f"the linear function needs 0 ≤ q < p (got q={self.q:g}, p={self.p:g})"
        return None

    def __str__(self) -> str:
        if self.function == "usual":
            return "usual"
        if self.function == "vshape":
            return f"V-shape p={self.p:g}"
        return f"linear q={self.q:g} p={self.p:g}"


@dataclass(frozen=True)
class Criterion:
    key: str
    name: str
    direction: str = BENEFIT
    description: str = ""
    unit: str = ""
    preference: Preference = Preference()  # used by PROMETHEE II only
    label: str = ""  # plain words for a slider (``name`` is the source's own, e.g. "N°1"); "" = the name

    @property
    def shown(self) -> str:
        """What a slider calls it: the plain label, else the name."""
        return self.label or self.name


@dataclass(frozen=True)
class Country:
    name: str
    source: str
    values: dict  # criterion key -> number


@dataclass(frozen=True)
class IndexTerm:
    """One term of the report's synthetic index: factor × product of its criteria."""

    key: str
    name: str
    criteria: tuple[str, ...]
    factor: float = 1.0
    label: str = ""  # plain words for its slider; "" = the name


@dataclass(frozen=True)
class Decision:
    country: str
    outcome: str  # selected | declined | added | not selected
    reason: str
    source: str


@dataclass(frozen=True)
class CountrySurvey:
    """Section D: step-1 criteria and values, the step-2 index, and the consortium's decision."""

    source: str
    criteria: tuple[Criterion, ...]
    countries: tuple[Country, ...]
    lexicographic_order: tuple[str, ...]
    index_source: str
    index_terms: tuple[IndexTerm, ...]
    printed_index: dict  # country -> printed synthetic index (reference only)
    decision: tuple[Decision, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.countries)


@dataclass(frozen=True)
class Candidate:
    name: str
    country: str
    source: str
    scores: dict | None  # criterion key -> 1..10, or None when only a consensus note exists
    printed_total: float | None = None
    consensus_note: str | None = None
    chosen: bool = False
    chosen_source: str | None = None
    source_spelling: str | None = None

    @property
    def scored(self) -> bool:
        return self.scores is not None


@dataclass(frozen=True)
class ClusterTargets:
    """Section F, Tables 10–13."""

    scale_min: float
    scale_max: float
    criteria: tuple[Criterion, ...]
    candidates: tuple[Candidate, ...]
    sources: dict  # country -> table

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(self.sources)

    def scored(self, country: str | None = None) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if c.scored and country in (None, c.country))

    def unscored(self, country: str | None = None) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if not c.scored and country in (None, c.country))


@dataclass(frozen=True)
class Link:
    country: str | None
    text: str
    source: str


@dataclass(frozen=True)
class EUCluster:
    name: str
    region: str
    focus: str
    source: str
    links_abroad: tuple[Link, ...]
    leads: tuple[str, ...]  # target countries this cluster leads (section G)


@dataclass(frozen=True)
class PestRow:
    dimension: str
    issue: str
    notes: tuple[str, ...]  # empty: the report leaves the cell empty


@dataclass(frozen=True)
class CountryProfile:
    country: str
    pest_source: str
    pest: tuple[PestRow, ...]
    swot_source: str
    swot: dict  # quadrant -> tuple of items; empty tuple: not given in the report


@dataclass(frozen=True)
class ActionItem:
    what: str | None
    who: str | None
    how: str | None
    when: str | None
    where: str | None
    start: dt.date | None
    end: dt.date | None
    ongoing: bool


@dataclass(frozen=True)
class ActionPlan:
    country: str
    lead: str
    source: str
    items: tuple[ActionItem, ...]


@dataclass(frozen=True)
class Event:
    name: str
    country: str | None
    start: dt.date
    end: dt.date
    when: str
    source: str


@dataclass(frozen=True)
class ActionPlans:
    plans: tuple[ActionPlan, ...]
    events: tuple[Event, ...]


@dataclass(frozen=True)
class Step:
    number: int
    name: str
    text: str | None
    source: str
    status: str | None = None  # done | ahead (TACTICs steps only)


@dataclass(frozen=True)
class Roadmap:
    strategy_steps: tuple[Step, ...]
    tactics_steps: tuple[Step, ...]


@dataclass(frozen=True)
class Application:
    key: str
    name: str
    source: str
