"""The weight panel: one slider per criterion, bound to the URL so a copied link reopens the view."""

from __future__ import annotations

import streamlit as st

from ui import page, text
from wiintech import urlstate
from wiintech.models import Criterion


def slider_key(prefix: str, key: str) -> str:
    return f"{prefix}.w.{key}"


def _keep(prefix: str) -> str:
    return f"_keep.{prefix}"


def init_state(prefix: str, methods: dict, weight_keys, default: urlstate.ViewState, k_max: int) -> None:
    """Set the widgets' values before they are drawn: on a session's first visit from the URL (or the
    defaults), later from the values kept when the page was last drawn. Streamlit forgets a widget's
    value once a run does not draw it (another page, or a criterion the method does not use)."""
    keep = st.session_state.get(_keep(prefix))
    if keep is None:
        state, notices = urlstate.parse(st.query_params.to_dict(), methods, weight_keys, default, k_max)
        keep = {f"{prefix}.method": state.method, f"{prefix}.norm": state.norm, f"{prefix}.k": state.k}
        keep.update({slider_key(prefix, key): float(v) for key, v in state.weights.items()})
        st.session_state[_keep(prefix)] = keep
        st.session_state[f"{prefix}.notices"] = notices
    for name, value in keep.items():
        if name not in st.session_state:
            st.session_state[name] = value


def show_notices(prefix: str) -> None:
    notices = st.session_state.pop(f"{prefix}.notices", None)
    if notices:
        st.warning("Some values in the link could not be used, so their defaults apply:\n\n"
                   + "\n".join(f"- `{n}`" for n in notices))


def reset(prefix: str, default: urlstate.ViewState) -> None:
    """Callback: back to the report's method and weights."""
    st.session_state[f"{prefix}.method"] = default.method
    st.session_state[f"{prefix}.norm"] = default.norm
    for key, v in default.weights.items():
        st.session_state[slider_key(prefix, key)] = float(v)


def current(prefix: str, criteria: tuple[Criterion, ...]) -> dict:
    """The weights the sliders will show on this run, read before they are drawn (a slider's new
    value is in the session state from the start of the run it triggers), so what depends on the
    weights can be computed first and written beside each slider."""
    return {c.key: float(st.session_state.setdefault(slider_key(prefix, c.key), 1.0)) for c in criteria}


def panel(prefix: str, criteria: tuple[Criterion, ...], columns: int = 3, notes: dict | None = None) -> None:
    """Sliders for these criteria, labelled in plain words (``Criterion.shown``), each with
    its note under it (criterion key -> text; the sensitivity bands). ``current`` gives their values."""
    cols = st.columns(columns)
    for i, c in enumerate(criteria):
        with cols[i % columns]:
            st.session_state.setdefault(slider_key(prefix, c.key), 1.0)
            # Plain words on the slider; the source's own term (e.g. the report's "N°1") in its help.
            about = c.description
            if c.label and not about.startswith(c.name):
                about = f"{c.name}: {about}" if about else c.name
            st.slider(
                text.md(c.shown), min_value=urlstate.WEIGHT_MIN, max_value=urlstate.WEIGHT_MAX,
                step=urlstate.WEIGHT_STEP, key=slider_key(prefix, c.key),
                help=text.md(about) if about else None, format="%.1f")
            if notes and notes.get(c.key):
                st.caption(notes[c.key])


def sync_url(prefix: str, method_norms: dict, weights: dict) -> None:
    """Remember the drawn values for the next visit, and write them into the URL."""
    keep = st.session_state[_keep(prefix)]
    for name in [f"{prefix}.method", f"{prefix}.norm", f"{prefix}.k"]:
        keep[name] = st.session_state[name]
    keep.update({slider_key(prefix, key): v for key, v in weights.items()})
    state = urlstate.ViewState(st.session_state[f"{prefix}.method"], st.session_state[f"{prefix}.norm"],
                               st.session_state[f"{prefix}.k"], weights)
    params = {**urlstate.encode(state, method_norms), **page.kept()}  # presentation mode and room stay
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)
