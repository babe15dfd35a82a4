"""Load each data file once per change of the file, and show its problems on the page if it is bad.

The data folder is ``data/`` beside the app, or ``$WIINTECH_DATA`` when set (the tests use it to
load a broken copy).
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from wiintech import loader
from wiintech.errors import DataError


def data_dir() -> Path:
    return Path(os.environ.get("WIINTECH_DATA") or loader.DEFAULT_DATA_DIR)


@st.cache_data(show_spinner=False)
def _cached(name: str, directory: str, stamp: tuple[int, ...]):
    return loader.LOADERS[name](directory)


def mtime(name: str) -> tuple[int, ...]:
    """The modification times of the files a loader reads: part of every cache key, so an edited
    file is read again (the competence map's too, when eu_clusters.yaml changes)."""
    stamps = []
    for part in (name, *loader.READS_ALSO.get(name, ())):
        try:
            stamps.append((data_dir() / loader.FILES[part]).stat().st_mtime_ns)
        except OSError:
            stamps.append(-1)
    return tuple(stamps)


def load(name: str):
    """The parsed file, or None after showing the loader's messages (file › record › field)."""
    try:
        return _cached(name, str(data_dir()), mtime(name))
    except DataError as exc:
        show_problems(exc.problems)
        return None


def show_problems(problems) -> None:
    st.error("This part of the page needs a data file that has problems, so it is not shown. "
             "Fix the file and reload:\n\n" + "\n".join(f"- `{p}`" for p in problems))
