"""The cluster scoring round's views: the partner's scoring form, and the facilitator's group scores
with their spread (most disputed first), consensus notes, proposed candidates and files.

The candidates are the cluster targets of the data in use (``data/cluster_targets.yaml``, Tables
10–13) and those the facilitator proposes during the round; everything the room records is an entry
of the workshop store (``wiintech.scoring``). The facilitator's view is drawn on every run of the
facilitator's page, which the group view's ``watch`` fragment reruns when the store changes: a
partner's score shows without a reload.
"""

from __future__ import annotations

import os

import altair as alt
import pandas as pd
import streamlit as st

from ui import text, widgets
from ui.data import load
from wiintech import scoring
from wiintech.errors import AccessError, InputError, StoreError
from wiintech.models import ClusterTargets
from wiintech.store import Store, Workshop

SP = "sc"  # session-state prefix
# The workshop page's poll interval (the same setting as ui.workshop_view.POLL_SECONDS, read here too:
# workshop_view imports this module, so this module cannot import it back).
POLL_SECONDS = float(os.environ.get("WIINTECH_POLL_SECONDS", "1.0"))
# A partner's page looks for new candidates and notes less often: they are rare, and every open view's
# tick costs the server a fragment run.
NOTICE_SECONDS = 5 * POLL_SECONDS
NOTED = "—"


def targets() -> ClusterTargets | None:
    """The cluster targets the round scores (None after the loader's message)."""
    return load("cluster_targets")


def _method_caption(t: ClusterTargets, how: str) -> str:
    crit = " × ".join(c.name for c in t.criteria)
    return (f"**Group score: {scoring.AGGREGATIONS[how].lower()}** on each criterion; **Total = {text.md(crit)}** "
            "of the group's scores (the cluster page's product; out of 1000). Each cell shows the group's "
            "score, then its spread: the lowest–highest score and the interquartile range (IQR); n: how "
            "many partners scored. Most disputed first: the sum of the three IQRs, then of the ranges. "
            "A partner's newest score counts, and carries into the next round until they rescore.")


# -- the partner's form -----------------------------------------------------------------------------

def partner_section(s: Store, token: str) -> None:
    """The partner's scoring form (the partner page's "Cluster scores" tab), and the group's scores
    once the facilitator has revealed a round."""
    st.header("Score the candidate clusters")
    scoring_form(s, token)
    watch_candidates(s, token)
    group_for_partner(s, token)


def _signature(res: scoring.Results) -> tuple:
    """What the form shows besides the partner's own scores: the candidates and their notes."""
    return tuple((r.name, r.note) for r in res.rows)


def news(drawn: tuple, now: tuple) -> str | None:
    """What changed between two signatures, in words (None: nothing)."""
    if now == drawn:
        return None
    before = {name for name, _ in drawn}
    new = [name for name, _ in now if name not in before]
    noted = [name for name, note in now if note and (name, note) not in drawn]
    parts = [f"new candidate{'s' if len(new) > 1 else ''}: {', '.join(new)}" if new else "",
             f"a consensus note on {', '.join(noted)}" if noted else ""]
    return "; ".join(p for p in parts if p) or "a change to the candidates"


@st.fragment(run_every=NOTICE_SECONDS)
def watch_candidates(s: Store, token: str) -> None:
    """Tells the partner (within ``NOTICE_SECONDS``) when the facilitator proposes a candidate or
    records a note after their form was drawn. The form is not redrawn by itself (that could clear
    scores being typed): submitting redraws it, or the button here. One cached revision read per
    tick; the entries only when it moved."""
    drawn = st.session_state.get(f"{SP}.drawn")  # (workshop id, revision, signature) of the form on screen
    if drawn is None:
        return
    try:
        rev = s.recent_revision(drawn[0])
        if rev <= drawn[1]:
            return
        seen = st.session_state.get(f"{SP}.watched")
        if seen is None or seen[0] != rev:
            t = targets()
            if t is None:
                return
            w, _ = s.partner(token)
            seen = (rev, _signature(scoring.compute(w, [], s.entries(w.id), t)))
            st.session_state[f"{SP}.watched"] = seen
    except (AccessError, StoreError):
        return
    said = news(drawn[2], seen[1])
    if said is None:
        return
    st.info(f"Since your form was drawn the facilitator has recorded {text.md(said)}. Submit your scores "
            "to see the form updated, or show it now (scores typed but not submitted are cleared).")
    if st.button("Show the updated form", key=f"{SP}.refresh"):
        st.rerun(scope="app")


def group_for_partner(s: Store, token: str) -> None:
    """The group's scores of the last revealed round (Delphi: beside the partner's own), no names."""
    t = targets()
    if t is None:
        return
    try:
        w, _ = s.partner(token)
        if w.revealed_through < 1:
            return
        res = scoring.results(s, w, t, w.revealed_through)
    except (AccessError, StoreError) as exc:
        st.error(text.md(exc))
        return
    if not res.scorers:
        return
    st.subheader(f"The group's scores, round {res.round}")
    st.caption(_method_caption(t, res.aggregation))
    widgets.table(board_table(res))


@st.fragment
def scoring_form(s: Store, token: str) -> None:
    """Each candidate × Fit, Size, Interaction, 1–10, with the report's H/M/L anchors as help; a
    candidate left empty is not scored. One submit records them all (or none)."""
    t = targets()
    if t is None:
        return
    try:
        w, me = s.partner(token)
        found = s.entries(w.id)
    except (AccessError, StoreError) as exc:
        st.error(text.md(exc))
        return
    res = scoring.compute(w, [me], found, t)
    mine = scoring.own_scores(found, me.id, w.round)
    st.session_state[f"{SP}.drawn"] = (w.id, w.revision, _signature(res))
    st.caption(f"Score each candidate from {int(t.scale_min)} to {int(t.scale_max)} on each criterion. "
               f"{text.md(scoring.ANCHORS)} Leave a candidate empty to skip it. Your newest scores count; "
               "you can change them until the facilitator closes the round.")
    with st.form(f"{SP}.form.{me.id}", border=False):
        values = {}
        for country in t.countries:
            rows = [r for r in res.rows if r.country == country]
            if not rows:
                continue
            st.subheader(text.md(country))
            head = st.columns([3, 2, 2, 2])
            head[0].markdown("**Candidate**")
            for col, c in zip(head[1:], t.criteria):
                col.markdown(f"**{text.md(c.name)}**", help=scoring.help_text(c.key, c.name))
            for r in rows:
                cols = st.columns([3, 2, 2, 2], vertical_alignment="center")
                cols[0].markdown(text.md(r.name) + (" *(proposed in the room)*" if r.proposed else ""))
                if r.note:
                    cols[1].caption(f"The room's consensus note: {text.md(r.note)}")
                    continue
                old = mine.get(r.name) or {}
                values[r.name] = {
                    c.key: col.number_input(
                        f"{r.name} › {c.name}", min_value=int(t.scale_min), max_value=int(t.scale_max), step=1,
                        value=old.get(c.key), placeholder="—", label_visibility="collapsed",
                        help=scoring.help_text(c.key, c.name), key=f"{SP}.{me.id}.{r.name}.{c.key}")
                    for col, c in zip(cols[1:], t.criteria)}
        sent = st.form_submit_button("Submit my scores" if not mine else "Submit my scores again",
                                     type="primary", disabled=not w.round_open)
    if sent:
        given = {name: v for name, v in values.items() if any(x is not None for x in v.values())}
        try:
            recorded = scoring.record_scores(s, token, t, given)
        except (AccessError, InputError, StoreError) as exc:
            st.error(text.md(exc))
            return
        st.success(f"{len(recorded)} candidate{'s' if len(recorded) != 1 else ''} scored for round "
                   f"{recorded[0].round} at {recorded[0].created_at[11:19]} UTC.")
    elif not w.round_open:
        st.info(f"Round {w.round} is closed: scores are not taken until the facilitator opens a round.")
    if mine and not sent:
        st.caption(f"You have scored {len(mine)} candidate{'s' if len(mine) != 1 else ''}.")


# -- the facilitator's view -------------------------------------------------------------------------

def facilitator_section(s: Store, token: str, w: Workshop, present: bool = False) -> None:
    """The scoring round on the facilitator's page (a hook for the group view)."""
    st.divider()
    st.header("Cluster scoring")
    t = targets()
    if t is None:
        return
    try:
        res = scoring.results(s, w, t)
    except (AccessError, StoreError) as exc:
        st.error(text.md(exc))
        return
    st.caption(_method_caption(t, res.aggregation))
    board, side = st.columns([3, 1], gap="medium")
    with board:
        group_scores(res)
    with side:
        st.metric("Partners who scored", f"{len(res.scorers)} of {len(res.partners)}")
        if not present:
            controls(s, token, res)
    if not present:
        downloads(s, w, t, res.round)


def number(v: float, places: int) -> str:
    """A score or total as read aloud: 7, 8.5, 6.67 (a mean), 555.6 (a total of means)."""
    text_ = f"{v:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text_ in ("", "-0") else text_


def cell_text(cell: scoring.Cell, noted: bool) -> str:
    """e.g. ``7 (5–10, IQR 2)``: the group score, then the lowest–highest score and the interquartile
    range; a noted candidate's cells: a dash."""
    if noted:
        return NOTED
    if not cell.n:
        return "not scored"
    return f"{number(cell.group, 2)} ({cell.low}–{cell.high}, IQR {number(cell.iqr, 2)})"


def board_table(res: scoring.Results) -> pd.DataFrame:
    """The candidates most disputed first: each criterion's group score and spread, and the total
    (or, for a candidate with a consensus note, the note instead)."""
    rows = []
    for r in res.disputed():
        row = {"Candidate": r.name + (" (proposed)" if r.proposed else ""), "Country": r.country}
        for c in res.targets.criteria:
            row[c.name] = cell_text(r.cells[c.key], bool(r.note))
        row["n"] = NOTED if r.note else r.n
        if r.note:
            row["Total / consensus note"] = f"Note: {r.note}"
        else:
            row["Total / consensus note"] = number(r.total, 1) if r.total is not None else "—"
        rows.append(row)
    return pd.DataFrame(rows)


def group_scores(res: scoring.Results) -> None:
    st.subheader("Group scores, most disputed first")
    if not res.scorers:
        st.info("No scores yet in this round. Partners score from their own page, under "
                "\"Score the candidate clusters\".")
    widgets.table(board_table(res))
    top = [r for r in res.disputed() if not r.note and r.n >= 2 and r.disagreement > 0][:3]
    if top:
        st.markdown("**To discuss first:** " + ", ".join(
            f"{text.md(r.name)} (IQRs add up to {r.disagreement:g})" for r in top))
    if res.scorers:
        st.altair_chart(spread_chart(res), width="stretch")
        st.caption("Each dot: how many partners gave that score (bigger, more partners); the bar: the group "
                   "score. Candidates in the table's order; those with a consensus note are left out.")


def spread_data(res: scoring.Results) -> pd.DataFrame:
    """candidate, criterion, score, partners (how many gave it), group (the group's score)."""
    rows = []
    for r in res.disputed():
        if r.note or not r.n:
            continue
        for c in res.targets.criteria:
            cell = r.cells[c.key]
            for v in sorted(set(cell.scores)):
                rows.append({"candidate": r.name, "criterion": c.name, "score": v,
                             "partners": cell.scores.count(v), "group": cell.group})
    return pd.DataFrame(rows, columns=["candidate", "criterion", "score", "partners", "group"])


def spread_chart(res: scoring.Results) -> alt.Chart:
    data = spread_data(res)
    order = list(dict.fromkeys(data["candidate"]))
    crit = [c.name for c in res.targets.criteria]
    lo, hi = res.targets.scale_min, res.targets.scale_max
    y = alt.Y("candidate:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    color = alt.Color("criterion:N", sort=crit, title=None, legend=alt.Legend(orient="top"))
    dots = alt.Chart(data).mark_circle(opacity=0.75).encode(
        x=alt.X("score:Q", scale=alt.Scale(domain=[lo - 0.5, hi + 0.5]), title="Score (1–10)",
                axis=alt.Axis(values=list(range(int(lo), int(hi) + 1)))),
        y=y, yOffset=alt.YOffset("criterion:N", sort=crit), color=color,
        size=alt.Size("partners:Q", legend=None, scale=alt.Scale(range=[40, 400])),
        tooltip=["candidate", "criterion", "score", "partners", "group"])
    bars = alt.Chart(data.drop_duplicates(["candidate", "criterion"])).mark_tick(thickness=3, size=12).encode(
        x="group:Q", y=y, yOffset=alt.YOffset("criterion:N", sort=crit), color=color)
    return (dots + bars).properties(height=alt.Step(14))


def controls(s: Store, token: str, res: scoring.Results) -> None:
    """Aggregation, consensus notes and proposed candidates."""
    t = res.targets
    act = None
    problem = st.session_state.pop(f"{SP}.how.problem", None)
    # The radio follows the store (another of the facilitator's devices may have changed it); only a
    # click here records a setting, so two open views never undo each other.
    st.session_state[f"{SP}.how"] = res.aggregation
    st.radio("Group score", list(scoring.AGGREGATIONS), format_func=lambda h: h.capitalize(), horizontal=True,
             key=f"{SP}.how", on_change=_set_aggregation, args=(s, token),
             help="The median is robust to one extreme partner; the mean uses every score.")
    if problem:
        st.error(text.md(problem))
    names = [r.name for r in res.rows]
    with st.form(f"{SP}.note", clear_on_submit=True):
        st.markdown("**Consensus note**")
        who = st.selectbox("Candidate", names, key=f"{SP}.note.who")
        note = st.text_area("Note (shown instead of the candidate's scores and total; empty withdraws it)",
                            max_chars=scoring.MAX_NOTE, key=f"{SP}.note.text")
        if st.form_submit_button("Record the note"):
            act = lambda: scoring.record_note(s, token, t, who, note)  # noqa: E731
    with st.form(f"{SP}.propose", clear_on_submit=True):
        st.markdown("**Propose a candidate**")
        name = st.text_input("Name", max_chars=300, key=f"{SP}.propose.name")
        country = st.selectbox("Country", list(t.countries), key=f"{SP}.propose.country")
        if st.form_submit_button("Add it to the round"):
            act = lambda: scoring.propose(s, token, t, name, country)  # noqa: E731
    proposed = [r.name for r in res.rows if r.proposed]
    if proposed:
        with st.form(f"{SP}.withdraw"):
            gone = st.selectbox("Withdraw a proposed candidate", proposed, key=f"{SP}.withdraw.who")
            if st.form_submit_button("Withdraw it"):
                act = lambda: scoring.withdraw(s, token, gone)  # noqa: E731
    if act is not None:
        try:
            act()
        except (AccessError, InputError, StoreError) as exc:
            st.error(text.md(exc))
        else:
            st.rerun()


def _set_aggregation(s: Store, token: str) -> None:
    try:
        scoring.set_aggregation(s, token, st.session_state[f"{SP}.how"])
    except (AccessError, InputError, StoreError) as exc:
        st.session_state[f"{SP}.how.problem"] = str(exc)


def downloads(s: Store, w: Workshop, t: ClusterTargets, rnd: int) -> None:
    """The files, each built from the store when its button is clicked (no open view keeps a copy)."""
    slug = f"workshop-{w.join_code}-round{rnd}"
    c1, c2, c3 = st.columns(3)
    with c1:
        widgets.download_csv("Group scores (CSV)", lambda: scoring.aggregated_csv(scoring.results(s, w, t, rnd)),
                             f"{slug}-cluster-scores.csv", key=f"{SP}.dl.csv")
    with c2:
        st.download_button("Group scores (YAML for data/)",
                           lambda: scoring.aggregated_yaml(scoring.results(s, w, t, rnd)),
                           file_name="cluster_targets.yaml", mime="application/yaml", on_click="ignore",
                           icon=":material/download:", key=f"{SP}.dl.yaml")
    with c3:
        widgets.download_csv("Every score (CSV)",
                             lambda: scoring.scores_csv(w, s.partners(w.id), s.entries(w.id), t, w.show_names),
                             f"workshop-{w.join_code}-scores.csv", key=f"{SP}.dl.scores")
    st.caption("The YAML is the data folder's cluster_targets.yaml: the group's scores, or the consensus "
               "note, of every candidate that has one; the cluster page reads it (upload it on "
               "*Your own decision*).")
