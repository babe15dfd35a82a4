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
    gc.collect()  # what is already garbage is freed, not frozen
    gc.freeze()
    _frozen = True
