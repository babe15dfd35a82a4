"""The workshop page's views: the store, who is asking (facilitator, partner or newcomer), the start
forms, and the partner's own weighting. The facilitator's group view is in ``ui.group_view``.

Who is asking comes from the link: ``?f=TOKEN`` (the facilitator), ``?p=TOKEN`` (a partner),
``?join=CODE`` (the join link on the projector). A token is checked against the store on every run,
so a link works from any device and a wrong one shows nothing but a plain message.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import segno
import streamlit as st
from streamlit import config

from ui import demo_view, questionnaire_view, scoring_view, text, weights, widgets
from ui.data import load
from wiintech import store as wstore
from wiintech import workshop
from wiintech.errors import AccessError, InputError, StoreError
from wiintech.ranking import METHODS, NORM_NAMES, rank
from wiintech.store import Store

P = "ws"  # session-state prefix
PAGE_SLUG = "workshop"
OTHER = "Another organisation…"
# How often an open view asks the store whether anything changed (one cheap query per tick).
POLL_SECONDS = float(os.environ.get("WIINTECH_POLL_SECONDS", "1.0"))


def _secrets_url() -> str | None:
    """``[connections.workshop] url`` in .streamlit/secrets.toml, if there is one. Streamlit's
    secrets are not touched when no secrets file exists: reading them starts a file watcher that
    polls five times a second for the life of the server."""
    if not any(Path(f).is_file() for f in config.get_option("secrets.files")):
        return None
    try:
        return st.secrets["connections"]["workshop"]["url"]
    except (KeyError, FileNotFoundError, AttributeError):
        return None
    except Exception:  # noqa: BLE001 — Streamlit raises its own error when no secrets file exists
        return None


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return Store(url)


def open_store() -> Store:
    """The workshop store (created on first use); raises StoreError when it cannot be used."""
    return _store(wstore.database_url(os.environ.get(wstore.ENV_URL) or _secrets_url()))


def store() -> Store | None:
    """The workshop store (created on first use); None after saying plainly why it cannot be used."""
    try:
        return open_store()
    except StoreError as exc:
        st.error(f"The workshop store cannot be used. {text.md(exc)}")
        return None


def link(**params) -> str:
    """An absolute link to this page with these query parameters (for QR codes and copy/paste).
    ``WIINTECH_PUBLIC_URL`` overrides the address the browser used (behind a proxy)."""
    base = os.environ.get("WIINTECH_PUBLIC_URL")
    if not base:
        parts = urlsplit(st.context.url or "")
        path = parts.path.rstrip("/")
        if path.endswith(f"/{PAGE_SLUG}"):
            path = path[: -len(PAGE_SLUG) - 1]
        base = f"{parts.scheme}://{parts.netloc}{path}" if parts.netloc else ""
    return f"{base.rstrip('/')}/{PAGE_SLUG}?{urlencode(params)}"


def qr_png(url: str) -> bytes:
    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=8, border=2, dark="#000000", light="#ffffff")
    return buf.getvalue()


def role() -> tuple[str, str]:
    """("facilitator", token), ("partner", token), ("join", code) or ("start", "")."""
    q = st.query_params
    for name, kind in (("f", "facilitator"), ("p", "partner"), ("join", "join")):
        if q.get(name):
            return kind, q.get(name)
    return "start", ""


def go(**params) -> None:
    """Open this page as someone else (after creating or joining): the link now carries the token."""
    st.query_params.from_dict(params)
    st.rerun()


# -- the start page -------------------------------------------------------------------------------

def organisations() -> list[str]:
    """The eight EU clusters (Table 1), offered to a partner joining; any other name may be typed."""
    clusters = load("eu_clusters") or ()
    return [c.name for c in clusters]


def join_form(s: Store, code: str = "") -> None:
    st.subheader("Join a workshop")
    st.caption("Enter the code on the facilitator's screen (or open the join link / scan the QR code) "
               "and say which organisation you speak for.")
    with st.form(f"{P}.join"):
        code = st.text_input("Join code", value=code, max_chars=16, placeholder="e.g. K7MP2Q")
        org = st.selectbox("Your organisation", [*organisations(), OTHER])
        other = st.text_input("If another organisation: its name", max_chars=wstore.MAX_NAME)
        joined = st.form_submit_button("Join", type="primary")
    if joined:
        name = other if org == OTHER else org
        try:
            _, token = s.join(code, name)
        except AccessError as exc:
            st.error(text.md(exc))
            return
        go(p=token)


def create_form(s: Store) -> None:
    st.subheader("Run a workshop")
    st.caption("You get a secret facilitator link (keep it) and a join code with a QR code for the room. "
               "The partners weigh the nine countries of the country page.")
    survey = load("countries")
    if survey is None:
        return
    with st.form(f"{P}.create"):
        name = st.text_input("Workshop name", max_chars=200, placeholder="e.g. Second workshop, Porto")
        method = st.selectbox("Ranking method", list(METHODS), format_func=lambda m: METHODS[m].name)
        norm = st.selectbox("Normalisation (weighted sum only)", ["default", "minmax", "vector", "none"],
                            format_func=lambda n: "the method's own" if n == "default" else NORM_NAMES[n])
        created = st.form_submit_button("Create the workshop", type="primary")
    if created:
        try:
            _, token = workshop.create(s, name, survey, method, None if norm == "default" else norm)
        except (AccessError, InputError) as exc:
            st.error(text.md(exc))
            return
        go(f=token)
    demo_view.demo_button(s)


# -- the partner's page ---------------------------------------------------------------------------

def _init_sliders(token: str, w: wstore.Workshop, history) -> None:
    """A partner's sliders start at their newest submission (from any device), else at 1."""
    if st.session_state.get(f"{P}.token") == token:
        return
    st.session_state[f"{P}.token"] = token
    last = history[-1].weights if history else {}
    for c in workshop.matrix_from_json(w.matrix).criteria:
        st.session_state[weights.slider_key(P, c.key)] = float(last.get(c.key, 1.0))
    st.session_state[f"{P}.comment"] = history[-1].comment if history else ""


def partner_page(s: Store, token: str) -> None:
    try:
        w, me, history = s.own(token)
    except AccessError as exc:
        st.error(text.md(exc))
        return
    _init_sliders(token, w, history)
    st.title(text.md(w.name))
    st.caption(f"You speak for **{widgets.md_escape(me.name)}** ({me.label}). "
               f"Round {w.round} is {'open' if w.round_open else 'closed'}.")
    watch_state(s, w)
    weights_tab, questionnaire_tab, scoring_tab = st.tabs(["Your weights", "Country questionnaire", "Cluster scores"])
    with weights_tab:
        mine, group = st.columns([9, 4], gap="large")
        with mine:
            weigh(s, token)
        with group:
            group_for_partner(s, w)
    with questionnaire_tab:
        questionnaire_view.partner_section(s, token)
    with scoring_tab:
        scoring_view.partner_section(s, token)
    with st.expander("Your personal link (bookmark it: it brings you back to your weights from any device)"):
        st.code(link(p=token), language=None)
        st.caption("Anyone with this link can change your submission: keep it to yourself.")


@st.fragment
def weigh(s: Store, token: str) -> None:
    """The partner's sliders, their own ranking as they move them, and the submit button. A fragment:
    a slider press reruns only this (and reads the round's state afresh)."""
    try:
        w, _, history = s.own(token)
    except (AccessError, StoreError) as exc:
        st.error(text.md(exc))
        return
    matrix = workshop.matrix_from_json(w.matrix)
    sliders, ranking = st.columns([5, 4], gap="large")
    with sliders:
        st.subheader("Your weights")
        current, history = _weights_and_submit(s, token, w, matrix, history)
    with ranking:
        own_ranking(matrix, w, current)


def _weights_and_submit(s: Store, token: str, w: wstore.Workshop, matrix, history):
    current = weights.current(P, matrix.criteria)
    weights.panel(P, matrix.criteria, columns=1)
    comment = st.text_input("A comment for the room (optional)", key=f"{P}.comment", max_chars=wstore.MAX_COMMENT)
    sent = st.button("Submit my weights" if not history else "Submit again", type="primary",
                     disabled=not w.round_open, key=f"{P}.submit",
                     help="Your newest submission in a round is the one that counts; earlier ones are kept.")
    if sent:
        try:
            sub = workshop.submit(s, token, current, comment)
            history = [*history, sub]
            st.success(f"Submitted for round {sub.round} at {sub.submitted_at[11:19]} UTC. You can change "
                       "your weights and submit again until the facilitator closes the round.")
        except (AccessError, InputError) as exc:
            st.error(text.md(exc))
    elif not w.round_open:
        st.info(f"Round {w.round} is closed. Your last submission counts; the facilitator may open another round.")
    if history:
        st.caption(f"Your last submission: round {history[-1].round}, {history[-1].submitted_at[:19].replace('T', ' ')} UTC "
                   f"({len(history)} submission{'s' if len(history) > 1 else ''} in all, every one kept).")
    return current, history


def own_ranking(matrix, w: wstore.Workshop, current: dict) -> None:
    """The partner's own ranking, redrawn as they move the sliders."""
    st.subheader("Your ranking")
    try:
        r = rank(matrix, w.method, current, w.norm)
    except InputError as exc:
        st.warning(text.md(exc))
        return
    st.table({"Rank": [int(r.ranks[i]) for i in r.order],
              "Country": [widgets.md_escape(matrix.names[i]) for i in r.order],
              "Score": [f"{r.scores[i]:.4g}" for i in r.order]}, hide_index=True)
    widgets.method_caption(METHODS[w.method], w.norm, matrix.criteria)


def group_for_partner(s: Store, w: wstore.Workshop) -> None:
    """The group's result, once the facilitator has revealed it (Delphi: beside your own)."""
    st.subheader("The group")
    if w.revealed_through < 1:
        st.info("The facilitator has not shown the group's result yet.")
        return
    res = workshop.results(s, w, w.revealed_through)
    g = res.group.get("mean")
    if g is None or isinstance(g, Exception):
        st.info(f"No submissions counted in round {res.round}.")
        return
    st.caption(f"Round {res.round}: {len(res.counted)} partners; ranked with the mean of their normalised weights.")
    st.table({"Rank": [int(g.ranks[i]) for i in g.order],
              "Country": [widgets.md_escape(g.items[i]) for i in g.order]}, hide_index=True)
    if res.agreement is not None:
        st.caption(res.agreement.words())


@st.fragment(run_every=POLL_SECONDS)
def watch_state(s: Store, w: wstore.Workshop) -> None:
    """Redraws the partner's page when the facilitator closes or opens a round or reveals results."""
    try:
        now = s.workshop(w.id)
    except (AccessError, StoreError):
        return
    if (now.round, now.round_open, now.revealed_through) != (w.round, w.round_open, w.revealed_through):
        st.rerun(scope="app")
