"""Keep the libraries' objects out of the garbage collection Streamlit forces after every run.

Streamlit calls ``gc.collect(2)`` when a run ends (``runner.postScriptGC``), a fragment's run too, so
on every slider press. A full collection walks every tracked object; with pandas, pyarrow, NumPy and
the app's modules loaded that is ~140,000 objects and ~40 ms on a 2-core machine, more than the
fragment itself takes. Those objects live as long as the process, so ``gc.freeze()`` moves them
where the collector no longer looks; what a run creates is still collected as before.
"""

from __future__ import annotations

import gc
import importlib
import pkgutil

import ui
import wiintech

# The libraries the pages use, and every module of the app: loaded before freezing, so frozen too.
LIBRARIES = ("numpy", "pandas", "pyarrow", "yaml", "altair", "plotly.graph_objects")

_frozen = False


def _warm_up() -> None:
    """Make once the objects the libraries build lazily on first use (Altair's schema validators,
    Plotly's trace validators, PIL for st.image, a SQLAlchemy statement cache), so they are frozen
    too instead of being walked by every post-run collection of every session."""
    import altair as alt
    import pandas as pd
    import plotly.graph_objects as go
    from PIL import Image  # noqa: F401  (st.image imports it on first use)
    from sqlalchemy import column, select

    alt.Chart(pd.DataFrame({"a": [1], "b": ["x"]})).mark_rect().encode(x="a:Q", y="b:N", color="a:Q").to_dict()
    go.Figure([go.Parcoords(dimensions=[{"label": "a", "values": [1]}]), go.Scatter(x=[1], y=[1])]).to_dict()
    str(select(column("a")).where(column("a") == 1))


def freeze_imports() -> None:
    """Import the app's modules and freeze what they created; once per process."""
    global _frozen
    if _frozen:
        return
    for name in LIBRARIES:
        importlib.import_module(name)
    for package in (ui, wiintech):
        for module in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            if not module.name.rsplit(".", 1)[1].startswith("_"):  # not wiintech.__main__
                importlib.import_module(module.name)
    _warm_up()
    gc.collect()  # what is already garbage is freed, not frozen
    gc.freeze()
    _frozen = True
