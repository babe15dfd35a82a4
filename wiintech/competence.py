"""The competence map: EU clusters' technologies against the clean-tech applications, with the
provenance of every fact ("report" or "workshop estimate").

A map cell (application, technology) is covered by a cluster that has the technology and addresses
the application. A cell is "report" only when, for some covering cluster, both facts are stated in
the report; otherwise it is a "workshop estimate".
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import yaml

from wiintech.models import Application, ClusterTargets, EUCluster

REPORT, ESTIMATE = "report", "workshop estimate"
PROVENANCES = (REPORT, ESTIMATE)


@dataclass(frozen=True)
class Technology:
    key: str
    name: str
    source: str


@dataclass(frozen=True)
class Fact:
    key: str
    provenance: str
    source: str | None = None


@dataclass(frozen=True)
class ClusterCompetence:
    cluster: str
    technologies: tuple[Fact, ...]
    applications: tuple[Fact, ...]


@dataclass(frozen=True)
class CompetenceMap:
    technologies: tuple[Technology, ...]
    applications: tuple[Application, ...]
    clusters: tuple[ClusterCompetence, ...]

    def names(self) -> tuple[str, ...]:
        return tuple(c.cluster for c in self.clusters)


def coverage(cmap: CompetenceMap, clusters=None) -> pd.DataFrame:
    """Every (application, technology) cell: how many of the chosen clusters cover it, which ones,
    and the cell's provenance. Cells nobody covers are kept, with count 0: they are the gaps."""
    chosen = [c for c in cmap.clusters if clusters is None or c.cluster in clusters]
    rows = []
    for app in cmap.applications:
        for tech in cmap.technologies:
            who, stated = [], False
            for c in chosen:
                t = next((f for f in c.technologies if f.key == tech.key), None)
                a = next((f for f in c.applications if f.key == app.key), None)
                if t and a:
                    who.append(c.cluster)
                    stated = stated or (t.provenance == REPORT and a.provenance == REPORT)
            rows.append({"application": app.name, "technology": tech.name, "clusters": len(who),
                         "who": ", ".join(who), "provenance": (REPORT if stated else ESTIMATE) if who else "",
                         "gap": not who})
    return pd.DataFrame(rows)


def related_targets(cluster: EUCluster, targets: ClusterTargets) -> dict:
    """Country -> names of the report's cluster targets (Tables 10–13), for each country the EU
    cluster leads (section G) or has a link with (section D), leads first, in the targets' order.
    Countries without targets are left out; an empty dict when none has any."""
    countries = dict.fromkeys([*cluster.leads, *(l.country for l in cluster.links_abroad if l.country)])
    return {country: [x.name for x in targets.candidates if x.country == country]
            for country in countries if country in targets.sources}


def gaps(cov: pd.DataFrame) -> list[tuple[str, str]]:
    return [(r.application, r.technology) for r in cov.itertuples() if r.gap]


def grid(cmap: CompetenceMap) -> pd.DataFrame:
    """One row per cluster, one tick box per technology and application: what the room edits."""
    rows = []
    for c in cmap.clusters:
        row = {"cluster": c.cluster}
        has_t = {f.key for f in c.technologies}
        has_a = {f.key for f in c.applications}
        row.update({f"tech:{t.key}": t.key in has_t for t in cmap.technologies})
        row.update({f"app:{a.key}": a.key in has_a for a in cmap.applications})
        rows.append(row)
    return pd.DataFrame(rows)


def from_grid(cmap: CompetenceMap, edited: pd.DataFrame) -> CompetenceMap:
    """The map with the room's ticks applied: a fact kept keeps its provenance and source; a fact the
    room adds is a workshop estimate; an unticked fact is removed."""
    out = []
    for c, (_, row) in zip(cmap.clusters, edited.iterrows()):
        def facts(old, prefix, keys):
            ticked = [k for k in keys if bool(row.get(f"{prefix}:{k}"))]
            kept = tuple(f for f in old if f.key in ticked)  # in the file's order
            return kept + tuple(Fact(k, ESTIMATE) for k in ticked if k not in {f.key for f in old})
        out.append(ClusterCompetence(
            c.cluster, facts(c.technologies, "tech", [t.key for t in cmap.technologies]),
            facts(c.applications, "app", [a.key for a in cmap.applications])))
    return CompetenceMap(cmap.technologies, cmap.applications, tuple(out))


def facts_table(cmap: CompetenceMap) -> pd.DataFrame:
    """Every fact with its provenance: cluster, kind, item, provenance, source."""
    tech = {t.key: t.name for t in cmap.technologies}
    apps = {a.key: a.name for a in cmap.applications}
    rows = [{"Cluster": c.cluster, "Kind": kind, "Item": names[f.key], "Provenance": f.provenance,
             "Source": f.source}
            for c in cmap.clusters
            for kind, facts, names in (("technology", c.technologies, tech), ("application", c.applications, apps))
            for f in facts]
    return pd.DataFrame(rows, columns=["Cluster", "Kind", "Item", "Provenance", "Source"])


def to_yaml(cmap: CompetenceMap) -> str:
    """The data folder's ``competence_map.yaml``; the loader reads it back to an equal map."""
    def fact(f: Fact) -> dict:
        d = {"key": f.key, "provenance": f.provenance}
        if f.source:
            d["source"] = f.source
        return d
    doc = {
        "technologies": [{"key": t.key, "name": t.name, "source": t.source} for t in cmap.technologies],
        "clusters": [{"cluster": c.cluster, "technologies": [fact(f) for f in c.technologies],
                      "applications": [fact(f) for f in c.applications]} for c in cmap.clusters],
    }
    header = ("# Competence map, as edited in the competence map page. provenance: report = stated in the\n"
              "# report; workshop estimate = set in the room, not a figure of the report.\n")
    return header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
