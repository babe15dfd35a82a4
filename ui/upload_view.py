"""The upload page's pieces: the uploader, the benefit/cost step, and what is in use.

An upload is read and validated in memory and kept in the session only. Until an upload is valid,
whatever was in use before stays in use: a bad file only adds its messages to the page.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import country_view, text, widgets
from ui.data import UPLOADED, data_dir
from wiintech import limits, loader, upload, urlstate
from wiintech.errors import DataError, InputError
from wiintech.usermatrix import Table

P = "mine"  # widget and state keys of the uploaded matrix's view
MATRIX = "upload.matrix"  # the session's valid uploaded matrix (a usermatrix.Table)
PROBLEMS = "upload.problems"  # the last upload's messages, when it was refused
SEEN = "upload.seen"  # the uploader's files already read, so a rerun does not read them again
INCOMING = "upload.incoming"  # (name, bytes) pairs to read on this run: the uploader's, or a test's
DEFAULT = urlstate.ViewState("wsum", "minmax", 3, {})


def uploader() -> None:
    """The file uploader; a new set of files is read once, and kept only if valid."""
    files = st.file_uploader(
        "A decision matrix (CSV or Excel), or the data folder's YAML files (one or more, or a zip)",
        type=list(upload.ACCEPTED), accept_multiple_files=True, key="upload.files_widget",
        help=f"Matrix: the first column names the alternatives, the others are numeric criteria. "
             f"At most {limits.MAX_FILE_BYTES // (1024 * 1024)} MB a file and {limits.MAX_ROWS:,} rows.")
    incoming = st.session_state.pop(INCOMING, None)
    if incoming is None and files:  # only the files added since the last run: the newest upload
        seen = st.session_state.get(SEEN, set())
        incoming = [(f.name, f.getvalue()) for f in files if f.file_id not in seen]
        st.session_state[SEEN] = {f.file_id for f in files}
    if incoming:
        accept(incoming)
    if st.session_state.get(PROBLEMS):
        st.error("This upload was not used; " + ("what was in use before still is" if in_use() else
                 "nothing is in use yet") + ":\n\n" + text.md_lines(st.session_state[PROBLEMS]))


def accept(files) -> None:
    """Read and validate uploaded files; only a valid upload replaces what is in use."""
    try:
        result = upload.read(files, data_dir())
    except DataError as exc:
        st.session_state[PROBLEMS] = list(exc.problems)
        return
    except InputError as exc:
        st.session_state[PROBLEMS] = [str(exc)]
        return
    st.session_state[PROBLEMS] = []
    if isinstance(result, loader.Upload):
        st.session_state[UPLOADED] = result
    else:
        _use_matrix(result)


def _use_matrix(table: Table) -> None:
    """A new matrix: forget the previous one's weights and method; a file this app exported brings
    back the method, normalisation, weights and cost criteria it was ranked with."""
    for key in [k for k in st.session_state if str(k).startswith((f"{P}.", f"_keep.{P}"))]:
        del st.session_state[key]
    st.session_state[MATRIX] = table
    r = table.restored
    st.session_state[f"{P}.cost"] = st.session_state[f"_keep.{P}.cost"] = [
        c for c in (r.cost if r else ()) if c in table.headers]
    if r is not None:
        keep = {f"{P}.method": r.method, f"{P}.norm": r.norm, f"{P}.k": min(DEFAULT.k, len(table.names))}
        keep.update({f"{P}.w.{key}": min(max(float(v), urlstate.WEIGHT_MIN), urlstate.WEIGHT_MAX)
                     for key, v in r.weights.items() if key in table.headers})
        st.session_state[f"_keep.{P}"] = keep


def limits_note() -> None:
    with st.expander("Limits"):
        st.markdown(widgets.markdown_table(pd.DataFrame(limits.LIMITS, columns=["What", "Limit"])))


def in_use() -> bool:
    return st.session_state.get(MATRIX) is not None or st.session_state.get(UPLOADED) is not None


def data_files_note() -> None:
    """Which uploaded data files the pages of this session read, and a way back to the shipped ones."""
    up = st.session_state.get(UPLOADED)
    if up is None:
        return
    names = ", ".join(name for name, _ in up.files)
    st.success(f"Every page of this session now reads your {text.md(names)} (the other data files are the "
               "shipped ones). The shipped files are unchanged.")
    st.button("Use the shipped data files again", key="upload.forget", on_click=st.session_state.pop,
              args=(UPLOADED, None), icon=":material/undo:")


def matrix_view() -> country_view.CountryView | None:
    """The benefit/cost step, then the matrix as a view the country page's views can draw."""
    table = st.session_state.get(MATRIX)
    if table is None:
        return None
    st.subheader(f"{text.md(table.label)}: {len(table.names):,} alternatives × {len(table.headers)} criteria")
    # Kept beside the matrix: Streamlit forgets a widget's value on a page that does not draw it.
    st.session_state.setdefault(f"{P}.cost", st.session_state.get(f"_keep.{P}.cost", []))
    cost = st.multiselect("Cost criteria: less is better (the others are benefits: more is better)",
                          table.headers, key=f"{P}.cost")
    st.session_state[f"_keep.{P}.cost"] = cost
    cached = st.session_state.get(f"{P}.view")
    if cached is None or cached[0] is not table or cached[1] != tuple(cost):
        try:
            matrix = table.matrix(cost)
        except InputError as exc:
            st.error(text.md(exc))
            return None
        cached = (table, tuple(cost), country_view.matrix_view(matrix, P, DEFAULT))
        st.session_state[f"{P}.view"] = cached
    return cached[2]
