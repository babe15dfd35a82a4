"""Charts built from library results, as plain Vega-Lite specs.

Written as dicts rather than Altair objects: Altair validates every spec against the Vega-Lite schema
on each rerun (~35 ms here), which is most of a slider's server time. The spec stays the same while
only the data changes, so the browser updates the chart's data instead of rebuilding it.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import streamlit as st

from wiintech.ranking import Ranking


def ranking_data(ranking: Ranking, k: int) -> pa.Table:
    """Long form: one row per alternative and criterion (additive methods) or per alternative.
    An Arrow table: Streamlit sends it as it is, where a DataFrame would be converted first."""
    m = ranking.matrix
    pos = {i: p for p, i in enumerate(ranking.order)}
    top = ranking.ranks <= k
    if ranking.contributions is not None:
        n, c = ranking.contributions.shape
        return pa.table({
            "name": [m.names[i] for i in range(n) for _ in range(c)],
            "criterion": [cr.name for _ in range(n) for cr in m.criteria],
            "contribution": ranking.contributions.ravel(),
            "pos": [pos[i] for i in range(n) for _ in range(c)],
            "opacity": [1.0 if top[i] else 0.4 for i in range(n) for _ in range(c)],
        })
    n = len(m.names)
    return pa.table({"name": list(m.names), "criterion": ["score"] * n, "contribution": ranking.scores,
                     "pos": [pos[i] for i in range(n)], "opacity": np.where(top, 1.0, 0.4)})


def ranking_spec(ranking: Ranking, label: str) -> dict:
    """Horizontal bars, best at the top; additive methods stack each criterion's contribution, and the
    top k are solid, the rest faded (an opacity column, used as it is). Depends only on the method
    and criteria, never on the weights."""
    additive = ranking.contributions is not None
    color = ({"field": "criterion", "type": "nominal", "title": "Criterion",
              "scale": {"scheme": "tableau10", "domain": [c.name for c in ranking.matrix.criteria]},
              "legend": {"orient": "bottom", "columns": 1, "labelLimit": 600}}
             if additive else {"value": "#0b5394"})
    return {
        "mark": {"type": "bar"},
        "height": {"step": 26},
        "encoding": {
            "y": {"field": "name", "type": "nominal", "title": None,
                  "sort": {"field": "pos", "op": "min", "order": "ascending"}, "axis": {"labelLimit": 320}},
            "x": {"aggregate": "sum", "field": "contribution", "type": "quantitative",
                  "title": "score (stacked contributions)" if additive else "score"},
            "color": color,
            "opacity": {"field": "opacity", "type": "quantitative", "scale": None, "legend": None},
            "tooltip": [{"field": "name", "type": "nominal", "title": label},
                        {"field": "criterion", "type": "nominal"},
                        {"field": "contribution", "type": "quantitative", "format": ".4~f"}],
        },
    }


def ranking_bars(ranking: Ranking, k: int, label: str = "Alternative") -> None:
    st.vega_lite_chart(ranking_data(ranking, k), ranking_spec(ranking, label), width="stretch")
