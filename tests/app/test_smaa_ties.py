"""SMAA-2 ties in the app (issue 15, item 1): under the weighted product Mexico, China and Morocco
tie at rank 7, and the heat map gives each a third of ranks 7, 8 and 9, not 7, 8, 9 by file order."""

import pyarrow as pa
import pytest


def test_the_heat_map_splits_the_tie_of_the_weighted_product(app):
    at = app("countries")
    at.selectbox(key="countries.method").set_value("wprod").run()
    at.toggle(key="countries.sens").set_value(True).run()
    at.session_state["countries.sens.view"] = "smaa"
    at.run()
    assert not at.exception
    tables = [pa.ipc.open_stream(d.data.data).read_all().to_pandas()  # the charts' named datasets
              for c in at.get("vega_lite_chart") for d in c.proto.datasets if d.data.data]
    heat = next(t for t in tables if {"name", "rank", "share"} <= set(t.columns))
    shares = heat.pivot(index="name", columns="rank", values="share")
    for name in ("Mexico", "China", "Morocco"):
        assert shares.loc[name, [7, 8, 9]].tolist() == pytest.approx([1 / 3] * 3)
        assert shares.loc[name].sum() == pytest.approx(1.0)
