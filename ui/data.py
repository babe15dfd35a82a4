"""Load each data file once per change of the file, and show its problems on the page if it is bad.

The data folder is ``data/`` beside the app, or ``$WIINTECH_DATA`` when set (the tests use it to
load a broken copy). A session that uploaded valid data files (the upload page) reads those instead,
over that folder: the upload lives in the session only and the folder is never written.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import streamlit as st

from ui import text
from wiintech import loader
from wiintech.errors import DataError

UPLOADED = "upload.files"  # session state: the session's loader.Upload, once valid


def data_dir() -> Path:
    return Path(os.environ.get("WIINTECH_DATA") or loader.DEFAULT_DATA_DIR)


def source():
    """What the loaders read in this session: its uploaded files over the folder, or the folder."""
    return st.session_state.get(UPLOADED) or data_dir()


def source_label(name: str) -> str:
    src = source()
    if isinstance(src, loader.Upload) and src.get(loader.FILES[name]) is not None:
        return f"{src.label}/{loader.FILES[name]}"
    return loader.display_path(data_dir() / loader.FILES[name])


@st.cache_data(show_spinner=False)
def _cached(name: str, directory: str, stamp: tuple, _source=None):
    return loader.LOADERS[name](_source or directory)


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


def cache_key(name: str) -> tuple[str, tuple]:
    """The folder and its files' times; with an upload, also the uploaded bytes' digest."""
    src = source()
    if isinstance(src, loader.Upload):
        digest = hashlib.sha256(b"".join(n.encode() + b"\0" + d for n, d in src.files)).hexdigest()
        return f"{data_dir()}#upload:{digest}", mtime(name)
    return str(src), mtime(name)


def load(name: str):
    """The parsed file, or None after showing the loader's messages (file › record › field)."""
    try:
        return _cached(name, *cache_key(name), _source=source())
    except DataError as exc:
        show_problems(exc.problems)
        return None


def load_folder(name: str):
    """The data folder's file (``data/`` or ``$WIINTECH_DATA``), never this session's upload: the
    reference a workshop's own tables are shown beside. None after showing its messages."""
    try:
        return _cached(name, str(data_dir()), mtime(name))
    except DataError as exc:
        show_problems(exc.problems)
        return None


def show_problems(problems) -> None:
    st.error("This part of the page needs a data file that has problems, so it is not shown. "
             "Fix the file and reload:\n\n" + text.md_lines(problems))
