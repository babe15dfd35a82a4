"""Charts built from library results. Altair (Vega-Lite): lighter in the browser than Plotly, which
matters on a slider's path (see the README's performance section)."""

from __future__ import annotations

import altair as alt
from wiintech.ranking import Ranking


def ranking_bars(ranking: Ranking, k: int, label: str = "Alternative") -> alt.Chart:
    """Horizontal bars, best at the top. Additive methods stack each criterion's contribution;
    the top k are drawn solid, the rest faded."""
    table = ranking.table()
    order = list(table["name"])
    top = set(ranking.top(k))
    contrib = ranking.contribution_table()
    if contrib is not None:
        long = contrib.melt(id_vars="name", var_name="criterion", value_name="contribution")
    else:
        long = table[["name", "score"]].rename(columns={"score": "contribution"})
        long["criterion"] = "score"
    long["in_top"] = long["name"].isin(top)
    color = (alt.Color("criterion:N", title="Criterion", scale=alt.Scale(scheme="tableau10"),
                       legend=alt.Legend(orient="bottom", columns=1, labelLimit=600))
             if contrib is not None else alt.value("#0b5394"))
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("name:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X("sum(contribution):Q", title="score" if contrib is None else "score (stacked contributions)"),
            color=color,
            opacity=alt.condition(alt.datum.in_top, alt.value(1.0), alt.value(0.4)),
            tooltip=[alt.Tooltip("name:N", title=label), "criterion:N",
                     alt.Tooltip("contribution:Q", format=".4~f")],
        )
        .properties(height=alt.Step(26))
    )

