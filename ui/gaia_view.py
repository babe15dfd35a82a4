"""The GAIA plane of a PROMETHEE II ranking, drawn with Plotly: hover names every point, and the
reader can zoom into a crowded corner.

Only the decision stick π moves with the weights; the points and the criteria's axes depend on the
data alone. So the figure without π is built and validated by Plotly once per data (cached), and a
slider press adds π to a copy of it without validating again. Three traces (points, axes, axis
labels) rather than one per criterion: the browser's redraw is what a press costs."""

from __future__ import annotations

import copy
from functools import lru_cache

import plotly.graph_objects as go
import streamlit as st

from ui import text
from wiintech import gaia
from wiintech.ranking import Ranking

PI_COLOR = "#cc4125"


@lru_cache(maxsize=16)
def _base(names: tuple[str, ...], xy: tuple[tuple[float, float], ...], hover: tuple[tuple[int, float], ...],
          criteria: tuple[str, ...], axes: tuple[tuple[float, float], ...], delta: float, label: str) -> dict:
    """The figure without π, as Plotly's validated dict."""
    ax_x = [v for x, _ in axes for v in (0.0, x, None)]
    ax_y = [v for _, y in axes for v in (0.0, y, None)]
    fig = go.Figure([
        go.Scatter(x=[p[0] for p in xy], y=[p[1] for p in xy], mode="markers+text", text=[text.plotly(n) for n in names],
                   textposition="top center", name=label, marker={"size": 10, "color": "#0b5394"},
                   customdata=[list(h) for h in hover],
                   hovertemplate="%{text}<br>rank %{customdata[0]}, φ = %{customdata[1]:.3f}<extra></extra>"),
        go.Scatter(x=ax_x, y=ax_y, mode="lines", line={"color": "#888", "width": 1.5}, hoverinfo="skip"),
        go.Scatter(x=[a[0] for a in axes], y=[a[1] for a in axes], mode="text", text=[text.plotly(c) for c in criteria],
                   textposition="bottom center", textfont={"color": "#555"},
                   hovertemplate="criterion %{text}<extra></extra>"),
    ])
    fig.update_layout(height=480, margin={"l": 10, "r": 10, "t": 30, "b": 10}, showlegend=False,
                      title={"text": f"GAIA plane (δ = {delta:.0%} of the information)", "font": {"size": 14}},
                      xaxis={"zeroline": True, "title": None},
                      yaxis={"zeroline": True, "title": None, "scaleanchor": "x", "scaleratio": 1})
    return fig.to_dict()


def figure(g: gaia.GaiaPlane, label: str) -> go.Figure:
    """Alternatives as labelled points, each criterion as a grey axis from the origin, and the
    decision stick π as a red arrow."""
    a, c = g.alternatives, g.criteria
    base = _base(tuple(a["name"]), tuple(zip(a["x"], a["y"])), tuple(zip(a["rank"].tolist(), a["net_flow"])),
                 tuple(c["criterion"]), tuple(zip(c["x"], c["y"])), round(g.delta, 6), label)
    spec = copy.deepcopy(base)
    head = {"x": g.stick[0], "y": g.stick[1], "xref": "x", "yref": "y"}
    spec["layout"]["annotations"] = [  # the arrow from the origin, and its name at its head
        {**head, "ax": 0, "ay": 0, "axref": "x", "ayref": "y", "showarrow": True, "arrowhead": 3,
         "arrowwidth": 3, "arrowcolor": PI_COLOR, "text": ""},
        {**head, "showarrow": False, "text": "π", "xanchor": "left", "yanchor": "bottom",
         "font": {"color": PI_COLOR, "size": 18}}]
    return go.Figure(spec, _validate=False)


def view(ranking: Ranking, label: str = "Alternative") -> None:
    g = gaia.plane(ranking)
    st.plotly_chart(figure(g, label), width="stretch", key="gaia", config={"displaylogo": False})
    st.caption("GAIA: each point is an alternative's unicriterion net flows projected on their first two "
               f"principal components (δ = {g.delta:.0%} of their variance kept; below ~60% read with care). "
               "Grey axes: the criteria (close axes agree, opposite ones conflict). Red arrow π: the "
               "weights; the best net flows lie furthest along it, and it turns as a weight moves. Axes and "
               f"π are scaled ×{g.scale:.2f} to reach the points. Hover for names, drag to zoom.")
