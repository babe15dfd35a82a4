"""The GAIA plane of a PROMETHEE II ranking, drawn with Plotly: hover names every point, and the
reader can zoom into a crowded corner (a Vega-Lite scatter would need both built by hand)."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from wiintech import gaia
from wiintech.ranking import Ranking


def figure(g: gaia.GaiaPlane, label: str) -> go.Figure:
    """Alternatives as labelled points, each criterion as a grey axis from the origin, and the
    decision stick π as a red arrow."""
    fig = go.Figure()
    a = g.alternatives
    fig.add_trace(go.Scatter(
        x=a["x"], y=a["y"], mode="markers+text", text=a["name"], textposition="top center",
        name=label, marker={"size": 10, "color": "#0b5394"},
        customdata=a[["rank", "net_flow"]].to_numpy(),
        hovertemplate="%{text}<br>rank %{customdata[0]}, φ = %{customdata[1]:.3f}<extra></extra>"))
    for row in g.criteria.itertuples():
        fig.add_trace(go.Scatter(
            x=[0, row.x], y=[0, row.y], mode="lines+text", text=["", row.criterion],
            textposition="bottom center", line={"color": "#888", "width": 1.5}, showlegend=False,
            textfont={"color": "#555"}, hovertemplate=f"criterion {row.criterion}<extra></extra>"))
    fig.add_annotation(x=g.stick[0], y=g.stick[1], ax=0, ay=0, xref="x", yref="y", axref="x", ayref="y",
                       showarrow=True, arrowhead=3, arrowwidth=3, arrowcolor="#cc4125", text="π",
                       font={"color": "#cc4125", "size": 16})
    fig.update_layout(height=480, margin={"l": 10, "r": 10, "t": 30, "b": 10}, showlegend=False,
                      title={"text": f"GAIA plane (δ = {g.delta:.0%} of the information)", "font": {"size": 14}},
                      xaxis={"zeroline": True, "title": None}, yaxis={"zeroline": True, "title": None,
                                                                    "scaleanchor": "x", "scaleratio": 1})
    return fig


def view(ranking: Ranking, label: str = "Alternative") -> None:
    g = gaia.plane(ranking)
    st.plotly_chart(figure(g, label), width="stretch", key="gaia", config={"displaylogo": False})
    st.caption("GAIA: each point is an alternative's unicriterion net flows projected on their first two "
               f"principal components (δ = {g.delta:.0%} of their variance kept; below ~60% read with care). "
               "Grey axes: the criteria (close axes agree, opposite ones conflict). Red arrow π: the "
               "weights; the best net flows lie furthest along it, and it turns as a weight moves. Axes and "
               f"π are scaled ×{g.scale:.2f} to reach the points. Hover for names, drag to zoom.")
