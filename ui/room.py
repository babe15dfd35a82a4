"""The room's edits (the cluster page's scores, the competence map's ticks), kept in the workshop
store under a room key in the URL (``?room=...``), so a browser refresh and another device on the same
link see them. The key is created on the first edit; ``ui.page`` keeps it across page switches.
Without a usable store the edits stay in the session, and the page says so once."""

from __future__ import annotations

import streamlit as st

from ui import text
from wiintech.errors import AccessError, StoreError
from wiintech.store import Store

PARAM = "room"
_SAVED = "_room.saved"  # page -> the payload last saved or loaded, so an unchanged table is not written again


def key() -> str | None:
    """The room of the URL, if it is a valid key (an invalid one is ignored, with a warning)."""
    room = st.query_params.get(PARAM)
    if not room:
        return None
    try:
        return Store._room(room)  # noqa: SLF001 — the store's own check of a room key
    except AccessError as exc:
        st.warning(f"{text.md(exc)} The edits of this page stay in this browser tab.")
        return None


def _store() -> Store | None:
    from ui.workshop_view import open_store  # the workshop page's cached store, opened on first use

    try:
        return open_store()
    except StoreError as exc:
        if not st.session_state.get("_room.warned"):
            st.session_state["_room.warned"] = True
            st.warning(f"The room's edits cannot be kept across a refresh: {text.md(exc)} "
                       "They stay in this browser tab.")
        return None


def load(page: str):
    """This room's saved edits of a page, or None (no room, nothing saved, or no store)."""
    room = key()
    if room is None:
        return None
    s = _store()
    if s is None:
        return None
    try:
        payload = s.load_edits(room, page)
    except StoreError as exc:
        st.warning(f"The room's edits could not be read: {text.md(exc)}")
        return None
    st.session_state.setdefault(_SAVED, {})[page] = payload
    return payload


def save(page: str, payload) -> None:
    """Keep a page's edits for the room (a room key is added to the URL on the first edit)."""
    saved = st.session_state.setdefault(_SAVED, {})
    if saved.get(page) == payload:
        return
    s = _store()
    if s is None:
        return
    room = key()
    if room is None:
        room = st.query_params[PARAM] = Store.new_room()
    try:
        s.save_edits(room, page, payload)
    except (StoreError, AccessError) as exc:
        st.warning(f"The room's edits could not be saved: {text.md(exc)}")
        return
    saved[page] = payload


def clear(page: str) -> None:
    """Forget a page's edits in the room (back to the report's values)."""
    st.session_state.setdefault(_SAVED, {})[page] = None
    room, s = key(), None
    if room is not None and (s := _store()) is not None:
        try:
            s.clear_edits(room, page)
        except StoreError as exc:
            st.warning(f"The room's edits could not be cleared: {text.md(exc)}")


def note() -> None:
    """One line under an editor: where the edits are kept."""
    if key():
        st.caption(":material/link: The edits are kept for this room: a refresh, or anyone opening this "
                   "page's link (it carries `room=`), sees them.")
    else:
        st.caption("The first edit gives this page a room link (`room=` in the address): share it, "
                   "and a refresh or another device sees the same edits.")
