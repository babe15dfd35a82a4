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


def ranking_bars(ranking: Ranking, k: int, label: str = "Alternative", shown: np.ndarray | None = None) -> None:
    st.vega_lite_chart(ranking_data(ranking, k, shown), ranking_spec(ranking, label), width="stretch")
