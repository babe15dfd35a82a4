"""The competence map page's views: the heat map, a cluster's profile, and the grid the room edits."""

from __future__ import annotations

from functools import lru_cache

import altair as alt
import pandas as pd
import streamlit as st

from ui import charts, room, widgets
from ui.labels import LABEL_EXPR, wrapped
from wiintech import competence
from wiintech.competence import CompetenceMap
from wiintech.models import ClusterTargets, EUCluster

P = "competence"


@lru_cache(maxsize=1)
def heat_map_spec() -> dict:
    """Applications × technologies; the colour is how many clusters cover a cell, gaps in red. The
    axis labels wrap on a few lines (horizontal on the x axis) rather than being cut with "…"."""
    base = alt.Chart(alt.NamedData(charts.TABLE)).encode(
        x=alt.X("tech_label:N", title="Technology / competence", sort=None,
                axis=alt.Axis(labelAngle=0, labelAlign="center", labelLimit=200, labelOverlap=False, labelExpr=LABEL_EXPR,
                              labelFontSize=12, labelColor="#222", labelBaseline="top")),
        y=alt.Y("app_label:N", title=None, sort=None,
                axis=alt.Axis(labelLimit=360, labelExpr=LABEL_EXPR, labelFontSize=12, labelColor="#222")))
    return charts.vega(alt.layer(
        base.mark_rect(stroke="white", strokeWidth=2).encode(
            color=alt.condition("datum.gap", alt.value("#f4cccc"),
                                alt.Color("clusters:Q", title="Clusters", scale=alt.Scale(scheme="blues", domainMin=0))),
            tooltip=[alt.Tooltip("application:N"), alt.Tooltip("technology:N"),
                     alt.Tooltip("clusters:Q", title="clusters covering"), alt.Tooltip("who:N", title="which"),
                     alt.Tooltip("provenance:N")]),
        base.mark_text(fontSize=14).encode(
            text="label:N", color=alt.condition("datum.clusters >= 2", alt.value("white"), alt.value("#222"))),
    ).properties(height=alt.Step(52), width="container"))


def heat_map(cov: pd.DataFrame) -> None:
    data = cov.assign(label=[("gap" if g else str(n)) for g, n in zip(cov["gap"], cov["clusters"])],
                      tech_label=[wrapped(t, 14, 4) for t in cov["technology"]],
                      app_label=[wrapped(a, 46, 4) for a in cov["application"]])
    charts.draw(heat_map_spec(), **{charts.TABLE: data})


APPLIED, BASE = f"{P}.applied", f"{P}.base"


def start_visit(cmap: CompetenceMap, new_visit: bool) -> None:
    """The editor starts each visit from the room's saved ticks (``?room=``), else the session's last
    ticks (the data file's, at first): a Streamlit editor forgets its edits when the page is left."""
    if new_visit or BASE not in st.session_state:
        saved = room.load(P)
        if saved is not None:
            grid = _saved_grid(cmap, saved)
            if grid is not None:
                st.session_state[APPLIED] = grid
        st.session_state[BASE] = st.session_state.get(APPLIED, competence.grid(cmap))


def _saved_grid(cmap: CompetenceMap, saved) -> pd.DataFrame | None:
    """The saved ticks as the editor's grid; None when they no longer fit the data file's clusters
    and columns (the file changed since)."""
    grid = competence.grid(cmap)
    try:
        df = pd.DataFrame(saved)
    except (ValueError, TypeError):
        return None
    if list(df.columns) != list(grid.columns) or list(df.get("cluster", [])) != list(grid["cluster"]):
        return None
    return df.astype({c: bool for c in grid.columns if c != "cluster"})


def _payload(grid: pd.DataFrame) -> list[dict]:
    return [{k: (bool(v) if k != "cluster" else str(v)) for k, v in row.items()} for row in grid.to_dict("records")]


def changed_ticks(cmap: CompetenceMap, grid: pd.DataFrame) -> list[str]:
    """Each tick the room changed against the data file, in words."""
    names = {f"tech:{t.key}": t.name for t in cmap.technologies} | {f"app:{a.key}": a.name for a in cmap.applications}
    out = []
    for (_, was), (_, now) in zip(competence.grid(cmap).iterrows(), grid.iterrows()):
        for col, name in names.items():
            if bool(was[col]) != bool(now[col]):
                out.append(f"{now['cluster']}: {name} {'added' if now[col] else 'removed'}")
    return out


def editor(cmap: CompetenceMap) -> CompetenceMap:
    """Tick boxes per cluster; the map redraws from the ticks at once. A tick the room adds is a
    workshop estimate; a kept one keeps its provenance."""
    cols = {f"tech:{t.key}": st.column_config.CheckboxColumn(t.name, help=f"Technology ({t.source})")
            for t in cmap.technologies}
    cols.update({f"app:{a.key}": st.column_config.CheckboxColumn(a.name, help="Application (section C)")
                 for a in cmap.applications})
    cols["cluster"] = st.column_config.TextColumn("Cluster", disabled=True)
    edited = st.data_editor(st.session_state[BASE], key=f"{P}.editor", hide_index=True, width="stretch",
                            column_config=cols, num_rows="fixed", placeholder="")
    st.session_state[APPLIED] = edited
    changes = changed_ticks(cmap, edited)
    if changes or room.key():
        room.save(P, _payload(edited))
    if changes:
        st.info("**Changed in the room** (against the data file; each added tick is a workshop estimate):\n\n"
                + "\n".join(f"- {widgets.md_escape(c)}" for c in changes), icon=":material/edit:")
    room.note()
    return competence.from_grid(cmap, edited)


def profile(name: str, cmap: CompetenceMap, clusters: tuple[EUCluster, ...],
            targets: ClusterTargets | None) -> None:
    c = next(x for x in clusters if x.name == name)
    comp = next((x for x in cmap.clusters if x.cluster == name), None)
    st.markdown(f"**{widgets.md_escape(c.name)}** — {widgets.md_escape(c.region)}; focus: {widgets.md_escape(c.focus)} "
                f"({widgets.md_escape(c.source)})")
    tech = {t.key: t.name for t in cmap.technologies}
    apps = {a.key: a.name for a in cmap.applications}
    left, right = st.columns(2)
    with left:
        st.markdown("**Strengths (technologies)**")
        st.markdown("\n".join(f"- {widgets.md_escape(tech[f.key])} · *{f.provenance}*" for f in comp.technologies)
                    if comp and comp.technologies else "*none given*")
        st.markdown("**Applications and markets**")
        st.markdown("\n".join(f"- {widgets.md_escape(apps[f.key])} · *{f.provenance}*" for f in comp.applications)
                    if comp and comp.applications else "*none given*")
    with right:
        st.markdown("**Existing links abroad** (section D)")
        st.markdown("\n".join(f"- {widgets.md_escape(l.text)}" for l in c.links_abroad)
                    if c.links_abroad else "*none stated in the report*")
        st.markdown("**Leads** (section G)")
        st.markdown(", ".join(map(widgets.md_escape, c.leads)) if c.leads else "*no target country*")
        related = competence.related_targets(c, targets) if targets is not None else {}
        if related:
            st.markdown("**Target clusters in the countries it leads or has links with** (Tables 10–13)")
            st.markdown("\n".join(f"- {widgets.md_escape(country)}: " + ", ".join(map(widgets.md_escape, names))
                                  for country, names in related.items()))
