"""The facilitator's view of a workshop: who has submitted, the group's ranking by four named
aggregations, how far the partners agree, their factions and where they disagree; the facilitator's
controls and the files for the minutes. It refreshes by itself: a small fragment asks the store for
the workshop's revision every ``POLL_SECONDS`` and reruns the page only when it changed."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui import presentation, questionnaire_view, scoring_view, text, widgets
from ui.workshop_view import P, POLL_SECONDS, link, qr_png
from wiintech import export, workshop
from wiintech.consensus import GroupRanking
from wiintech.errors import AccessError, InputError, StoreError
from wiintech.ranking import METHODS, NORM_NAMES
from wiintech.store import Store, Workshop


def facilitator_page(s: Store, token: str) -> None:
    try:
        w = s.facilitator(token)  # its revision is read before the rows, so no change is missed
        res = workshop.results(s, w)
    except AccessError as exc:
        st.error(text.md(exc))
        return
    present = presentation.active()  # the mode's style and switch: ui.page.start, as on every page
    watch(s, w.id, w.revision)
    if not present:
        with st.sidebar:
            controls(s, token, w, res)
    header(w, present)
    summary(res, present)
    if not present:
        details(w, res)
    questionnaire_view.facilitator_section(s, token, w, present)
    scoring_view.facilitator_section(s, token, w, present)


@st.fragment(run_every=POLL_SECONDS)
def watch(s: Store, workshop_id: int, seen: int) -> None:
    """The cheap "has anything changed?": one indexed read of one integer per tick."""
    try:
        changed = s.recent_revision(workshop_id) != seen
    except StoreError:
        return
    if changed:
        st.rerun(scope="app")


def header(w: Workshop, present: bool) -> None:
    state = "open" if w.round_open else "closed"
    st.title(f"{text.md(w.name)} · round {w.round} ({state})")
    if not present:
        st.caption(f"Each partner's weights rank the countries by **{METHODS[w.method].name}**, "
                   f"{NORM_NAMES[w.norm]}; the group's ranking combines them four ways, each named below.")


def summary(res: workshop.Results, present: bool) -> None:
    """One screen: the group's ranking, agreement and factions, who is in, and how to join."""
    k = st.session_state.get(f"{P}.k", 3)
    ranking, agree, join = st.columns([5, 4, 3], gap="large")
    with join:
        joining(res)
    if not res.counted:
        ranking.info("No submissions yet in this round. Partners join with the code on the right.")
        return
    with ranking:
        st.subheader("Group ranking")
        st.markdown(headline(res, k))
        st.table(ranking_table(res, k), hide_index=True)
        st.caption("Mean / median: the countries ranked with the mean (median) of the partners' normalised "
                   "weights. Borda: points for each partner's ranking. Copeland: pairwise majorities.")
    with agree:
        st.subheader("Agreement")
        if res.agreement is None:
            st.info("Agreement and factions appear from 2 submissions.")
            return
        a = res.agreement
        st.metric("Kendall's W (0 = none, 1 = all rank alike)", f"{a.kendall_w:.2f}" if not np.isnan(a.kendall_w) else "—")
        st.markdown(widgets.md_escape(a.words()))
        groups = st.session_state.get(f"{P}.groups", 2)
        found = res.factions(groups, k)
        if found:
            st.subheader("Factions")
            for f in found:
                st.markdown(f"**Group {f['group']}** ({widgets.md_escape(', '.join(f['members']))}): "
                            f"top {k} {widgets.md_escape(', '.join(f['top']))}")
        far = res.farthest()
        if far and not present:
            st.caption(f"Farthest from the group's ranking: {widgets.md_escape(far[0])} (Kendall's tau {far[1]:.2f}).")


def headline(res: workshop.Results, k: int) -> str:
    """The answer in words: the top k, and whether the four aggregations agree on it."""
    tops = {how: frozenset(g.items[i] for i in g.order if g.ranks[i] <= k)
            for how, g in res.group.items() if isinstance(g, GroupRanking)}
    mean = res.group.get("mean")
    if not isinstance(mean, GroupRanking):
        return ""
    top = [mean.items[i] for i in mean.order if mean.ranks[i] <= k]
    same = len(set(tops.values())) == 1
    tail = "every aggregation agrees." if same else "the aggregations differ (see the table)."
    return f"**Top {k}: {widgets.md_escape(', '.join(top))}** — {tail}"


def ranking_table(res: workshop.Results, k: int) -> pd.DataFrame:
    df = res.overview()
    df["Candidate"] = df["Candidate"].map(widgets.md_escape)
    mean = res.group.get("mean")
    if isinstance(mean, GroupRanking):
        df.insert(0, f"Top {k}", ["●" if r <= k else "" for r in df["Mean weights"]])
    return df


def joining(res: workshop.Results) -> None:
    w = res.workshop
    st.subheader("Join")
    st.markdown(f"### Code: `{w.join_code}`")
    url = link(join=w.join_code)
    st.image(qr_png(url), width=220, caption="Scan to join")
    names = res.labels(res.counted)
    missing = [p.shown(w.show_names) for p in res.missing]
    st.metric("Submitted", f"{len(res.counted)} of {len(res.partners)}")
    if names:
        st.caption("In: " + widgets.md_escape(", ".join(names)))
    if missing:
        st.caption("Waiting for: " + widgets.md_escape(", ".join(missing)))


def details(w: Workshop, res: workshop.Results) -> None:
    if not res.counted:
        return
    tau, spread, rounds, subs = st.tabs(["Partner × partner agreement", "Where the room disagrees",
                                         "Rounds", "Submissions"])
    with tau:
        if res.tau is not None:
            st.altair_chart(tau_chart(res), width="stretch")
            st.caption("Kendall's tau-b between two partners' own rankings: 1 the same order, 0 unrelated, "
                       "−1 reversed. The factions above group partners by this (average linkage on 1 − tau).")
        else:
            st.info("From 2 submissions.")
    with spread:
        st.plotly_chart(weights_chart(res), width="stretch")
        st.caption("Each line is one partner's weights, each divided by their sum (so 0.25 each is equal "
                   "weights). Where the lines fan out, the room disagrees on that criterion.")
        st.dataframe(res.weight_profiles().describe().loc[["mean", "50%", "min", "max", "std"]]
                     .rename(index={"50%": "median"}).T.round(3))
    with rounds:
        st.dataframe(workshop.agreement_by_round(res).round(3), hide_index=True)
        st.caption("Kendall's W of each round's counted submissions: rising W means the room is converging.")
    with subs:
        table = workshop.submissions_table(w, list(res.partners), list(res.history))
        if not w.show_names:
            table = table.drop(columns=["partner"])
        st.dataframe(table, hide_index=True)


def tau_chart(res: workshop.Results) -> alt.Chart:
    labels = res.labels()
    n = len(labels)
    data = pd.DataFrame({"a": [labels[i] for i in range(n) for _ in range(n)],
                         "b": [labels[j] for _ in range(n) for j in range(n)],
                         "tau": np.nan_to_num(res.tau, nan=0.0).ravel()})
    base = alt.Chart(data).encode(x=alt.X("a:N", title=None, sort=labels, axis=alt.Axis(labelAngle=-30, labelLimit=200)),
                                  y=alt.Y("b:N", title=None, sort=labels, axis=alt.Axis(labelLimit=200)))
    cells = base.mark_rect().encode(color=alt.Color("tau:Q", scale=alt.Scale(domain=[-1, 1], scheme="redblue"),
                                                    title="tau"),
                                    tooltip=["a", "b", alt.Tooltip("tau:Q", format=".2f")])
    text = base.mark_text(fontSize=14).encode(text=alt.Text("tau:Q", format=".2f"))
    return (cells + text).properties(height=alt.Step(40))


def weights_chart(res: workshop.Results) -> go.Figure:
    prof = res.weight_profiles()
    crit = [c for c in prof.columns if c != "partner"]
    dims = [dict(label=text.plotly(c[:40]), values=prof[c], range=[0, 1]) for c in crit]
    fig = go.Figure(go.Parcoords(line=dict(color=list(range(len(prof))), colorscale="Viridis"), dimensions=dims))
    fig.update_layout(height=380, margin=dict(l=60, r=60, t=60, b=30), font=dict(size=15))
    return fig


def controls(s: Store, token: str, w: Workshop, res: workshop.Results) -> None:
    """The facilitator's controls, in the sidebar (hidden in presentation mode)."""
    st.header("Facilitator")
    act = None
    if w.round_open:
        if st.button(f"Close round {w.round}", width="stretch"):
            act = lambda: s.close_round(token)  # noqa: E731
    elif st.button(f"Reopen round {w.round}", width="stretch"):
        act = lambda: s.reopen_round(token)  # noqa: E731
    if st.button(f"Open round {w.round + 1}", width="stretch",
                 help=f"Closes round {w.round}, shows its result to the partners beside their own, "
                      "and lets them revise (Delphi)."):
        act = lambda: s.open_next_round(token)  # noqa: E731
    shown = st.toggle("Partners see the group's result", value=w.revealed_through >= w.round,
                      help="Off: partners see only their own ranking. On: they also see the group's.")
    if shown != (w.revealed_through >= w.round):
        act = lambda: s.reveal(token, w.round if shown else w.round - 1)  # noqa: E731
    names = st.toggle("Show partners' names", value=w.show_names, help="Off: P1, P2, … on every view and chart.")
    if names != w.show_names:
        act = lambda: s.set_show_names(token, names)  # noqa: E731
    st.number_input("How many countries to mark as the top", 1, len(res.matrix.names), 3, key=f"{P}.k",
                    help="The top k: the group ranking marks its first k countries and the headline names them.")
    st.radio("Factions", workshop.FACTION_COUNTS, horizontal=True, key=f"{P}.groups", format_func=lambda g: f"{g} groups")
    if res.submissions:
        with st.expander("Remove a submission"):
            labels = {sub.id: f"{lab} · {sub.submitted_at[11:19]}" for lab, sub in zip(res.labels(), res.submissions)}
            pick = st.selectbox("Counted submission", list(labels), format_func=labels.get)
            if st.button("Remove it from the results", help="It stays in the exported history, marked removed."):
                act = lambda: s.remove_submission(token, pick)  # noqa: E731
    if act is not None:
        try:
            act()
        except (AccessError, StoreError) as exc:
            st.error(text.md(exc))
        else:
            st.rerun()
    downloads(s, w, res)
    st.subheader("Links")
    st.caption("Join link (for the room):")
    st.code(link(join=w.join_code), language=None)
    st.caption("Your facilitator link (secret: it controls the workshop):")
    st.code(link(f=token), language=None)


def downloads(s: Store, w: Workshop, res: workshop.Results) -> None:
    st.subheader("For the minutes")
    slug = f"workshop-{w.join_code}-round{res.round}"
    widgets.download_csv("Every submission (CSV)",
                         lambda: export.csv_bytes(workshop.submissions_table(w, s.partners(w.id), s.history(w.id))),
                         f"workshop-{w.join_code}-submissions.csv", key=f"{P}.dl.subs")
    if res.counted:
        rnd = res.round

        def fresh() -> workshop.Results:
            """The round's results when a button is clicked. A button keeps only this (the store, the
            workshop's row, the round): no open view holds a copy of the results between clicks."""
            return workshop.results(s, w, rnd)

        how = st.selectbox("Group ranking by", list(workshop.GROUP_METHODS), format_func=workshop.GROUP_METHODS.get)
        widgets.download_csv("Group ranking (CSV)", lambda: _or_note(lambda: workshop.group_csv(fresh(), how)),
                             f"{slug}-group-{how}.csv", key=f"{P}.dl.group")
        widgets.download_csv("Partners' rankings (CSV)", lambda: workshop.rankings_csv(fresh()),
                             f"{slug}-rankings.csv", key=f"{P}.dl.rankings")
        if res.agreement is not None:
            widgets.download_csv("Agreement statistics (CSV)", lambda: _or_note(lambda: workshop.stats_csv(fresh())),
                                 f"{slug}-agreement.csv", key=f"{P}.dl.stats")
    st.download_button("Workshop settings (YAML)", lambda: workshop.settings_yaml(w, s.rounds(w.id)),
                       file_name=f"workshop-{w.join_code}.yaml", mime="application/yaml", on_click="ignore",
                       icon=":material/download:", key=f"{P}.dl.yaml")


def _or_note(build) -> bytes:
    try:
        return build()
    except InputError as exc:
        return export.csv_bytes(pd.DataFrame({"note": [str(exc)]}))
