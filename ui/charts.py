"""Charts built from library results. Each chart's Vega-Lite spec is written with Altair and built
once (cached on what it depends on: the method's kind, the criteria, the label), never per rerun:
Altair validates a spec against the Vega-Lite schema when it is built (~35 ms here), which would be
most of a slider's server time. The data go as named Arrow datasets beside the unchanged spec, so
the browser swaps the data instead of rebuilding the chart.
"""

from __future__ import annotations

from functools import lru_cache

import altair as alt
import numpy as np
import pyarrow as pa
import streamlit as st

from wiintech.ranking import Ranking

TABLE = "table"  # the dataset name of a one-dataset chart
INK = "#111"  # the live chart's labels: as dark as the table's text


def vega(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite spec, validated by Altair, without Altair's default theme (Streamlit
    applies its own)."""
    with alt.theme.enable("none"):
        return chart.to_dict()


def draw(spec: dict, **datasets) -> None:
    """A cached spec with this run's data as named datasets (Arrow tables or DataFrames)."""
    st.vega_lite_chart({**spec, "datasets": datasets}, width="stretch")


def ranking_data(ranking: Ranking, k: int, shown: np.ndarray | None = None) -> pa.Table:
    """Long form: one row per alternative and criterion (additive methods) or per alternative.
    An Arrow table: Streamlit sends it as it is, where a DataFrame would be converted first.
    ``shown``: only these places of the ranking (positions in its display order), a page of it."""
    m = ranking.matrix
    places = np.arange(len(m.names)) if shown is None else np.asarray(shown)
    rows = ranking.order[places]  # alternatives, best first
    top = ranking.ranks <= k
    if ranking.contributions is not None:
        c = ranking.contributions.shape[1]
        return pa.table({
            "name": [m.names[i] for i in rows for _ in range(c)],
            "criterion": [cr.name for _ in rows for cr in m.criteria],
            "contribution": ranking.contributions[rows].ravel(),
            "pos": np.repeat(places, c),
            "opacity": np.repeat(np.where(top[rows], 1.0, 0.4), c),
        })
    return pa.table({"name": [m.names[i] for i in rows], "criterion": ["score"] * len(rows),
                     "contribution": np.asarray(ranking.scores)[rows], "pos": places,
                     "opacity": np.where(top[rows], 1.0, 0.4)})


@lru_cache(maxsize=32)
def ranking_spec(criteria: tuple[str, ...] | None, label: str) -> dict:
    """Horizontal bars, best at the top; with ``criteria`` (a method whose score is a sum over them)
    each criterion's contribution is stacked, and the top k are solid, the rest faded (an opacity
    column, used as it is). Depends only on the method's kind and the criteria, never on the weights."""
    additive = criteria is not None
    color = (alt.Color("criterion:N", title=None, scale=alt.Scale(scheme="tableau10", domain=list(criteria)),
                       legend=alt.Legend(orient="top", columns=2, labelLimit=0, labelFontSize=13,
                                         labelColor=INK, symbolType="square"))
             if additive else alt.value("#0b5394"))
    return vega(alt.Chart(alt.NamedData(TABLE)).mark_bar().encode(
        y=alt.Y("name:N", title=None, sort=alt.EncodingSortField("pos", op="min", order="ascending"),
                # Every name shown: Vega hides alternate labels it thinks overlap, which at this
                # step dropped every second country.
                axis=alt.Axis(labelLimit=320, labelFontSize=15, labelColor=INK, labelOverlap=False)),
        x=alt.X("sum(contribution):Q", title=None,
                axis=alt.Axis(labelFontSize=13, labelColor=INK)),
        color=color,
        opacity=alt.Opacity("opacity:Q", scale=None, legend=None),
        tooltip=[alt.Tooltip("name:N", title=label), alt.Tooltip("criterion:N"),
                 alt.Tooltip("contribution:Q", format=".4~f")],
    ).properties(height=alt.Step(20)))


def ranking_bars(ranking: Ranking, k: int, label: str = "Alternative", shown: np.ndarray | None = None) -> None:
    """The ranking's bars; ``shown``: only these places of it (a page)."""
    criteria = (tuple(c.name for c in ranking.matrix.criteria) if ranking.contributions is not None else None)
    draw(ranking_spec(criteria, label), **{TABLE: ranking_data(ranking, k, shown)})
