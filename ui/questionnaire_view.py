"""The country questionnaire on the workshop page: the partner's answer sheets, and the facilitator's
live step-1 table, ranking and index beside the report's, with the counting rule, its setting, the
take-over button and the files. The rule itself is in ``wiintech.questionnaire``."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import text, widgets
from ui.data import UPLOADED, data_dir, load_folder
from wiintech import loader, questionnaire
from wiintech import store as wstore
from wiintech.errors import AccessError, InputError, StoreError
from wiintech.questionnaire import Sheet
from wiintech.store import Store, Workshop

Q = "wsq"  # session-state prefix
DEMO_TOKENS = f"{Q}.demo_tokens"  # the demo's partner links, shown in the session that made it
NO_RATING = "—"
# Short column heads, so the two step-1 tables fit side by side (the caption names each in full).
SHORT = {"N": "N", "Na": "Na", "N1": "N°1", "accessibility": "Access", "smes": "SMEs"}


def _key(*parts) -> str:
    return ".".join([Q, *(str(p) for p in parts)])


# -- the partner's questionnaire ----------------------------------------------------------------------

def _init(token: str, countries: list[str], sheets: list[Sheet]) -> None:
    """The form starts at the partner's answers that count (from any device), else one empty sheet."""
    if st.session_state.get(_key("token")) == token:
        return
    st.session_state[_key("token")] = token
    st.session_state[_key("n")] = max(1, len(sheets))
    for i in range(questionnaire.MAX_SHEETS):
        sheet = sheets[i] if i < len(sheets) else Sheet("", {})
        st.session_state[_key(i, "who")] = sheet.respondent
        for j, c in enumerate(countries):
            a = sheet.answer(c)
            st.session_state[_key(i, j, "sel")] = a.select
            st.session_state[_key(i, j, "prio")] = a.priority
            st.session_state[_key(i, j, "acc")] = NO_RATING if a.accessibility is None else a.accessibility
            st.session_state[_key(i, j, "smes")] = a.smes


def partner_section(s: Store, token: str) -> None:
    """The partner's answer sheets: one per respondent (the cluster's own, its members'), each with,
    per country, select / priority order / accessibility 0–3 / SMEs. Saved all at once."""
    try:
        w, me = s.partner(token)
        found = wstore.newest_entries(s.own_entries(token, questionnaire.KIND))
    except (AccessError, StoreError) as exc:
        st.error(text.md(exc))
        return
    countries = list(w.matrix["names"])
    mine = questionnaire.sheets_of(found, me.id, countries)
    _init(token, countries, mine)
    st.subheader("Country questionnaire")
    st.caption("One answer sheet per respondent: your cluster's own, and one for each member organisation "
               "whose answers you collected. For each country: is it one of the respondent's priorities, "
               "its priority order (1 = first; an order counts as a selection), how accessible its market is for the respondent's SMEs "
               "(0 closed, 1 low, 2 medium, 3 high; leave — if not answered) and how many SMEs could be "
               "involved. How the answers are counted is shown on the facilitator's screen.")
    n = st.number_input("Answer sheets you enter", 1, questionnaire.MAX_SHEETS, key=_key("n"))
    with st.form(_key("form")):
        tabs = st.tabs([f"Sheet {i + 1}" for i in range(int(n))])
        for i, tab in enumerate(tabs):
            with tab:
                _sheet_inputs(i, countries)
        sent = st.form_submit_button("Save my answers" if not mine else "Save my answers again", type="primary",
                                     disabled=not w.round_open)
    if sent:
        try:
            sheets = _sheets_from_inputs(int(n), countries)
            questionnaire.submit(s, token, sheets)
        except (AccessError, InputError, StoreError) as exc:
            st.error(text.md(exc))
        else:
            st.success(f"Saved {len(sheets)} answer sheet{'s' if len(sheets) > 1 else ''} for round {w.round}. "
                       "You can change them and save again until the facilitator closes the round; the newest "
                       "answers count, earlier ones are kept.")
    elif not w.round_open:
        st.info(f"Round {w.round} is closed: your saved answers count.")
    elif mine:
        st.caption(f"Saved: {len(mine)} answer sheet{'s' if len(mine) > 1 else ''}.")


def _sheet_inputs(i: int, countries: list[str]) -> None:
    st.text_input("Respondent", key=_key(i, "who"), max_chars=questionnaire.MAX_RESPONDENT,
                  placeholder=f"e.g. cluster office, or a member SME (blank: Sheet {i + 1})")
    head = st.columns([3, 2, 2, 3, 3])
    for col, label in zip(head, ("Country", "Priority", "Order (1 = first)", "Accessibility for SMEs", "SMEs")):
        col.caption(label)
    for j, c in enumerate(countries):
        name, sel, prio, acc, smes = st.columns([3, 2, 2, 3, 3], vertical_alignment="center")
        name.markdown(widgets.md_escape(c))
        sel.checkbox(f"Select {c}", key=_key(i, j, "sel"), label_visibility="collapsed",
                     help=f"{c} is one of this respondent's priorities")
        prio.number_input(f"Order of {c}", 1, 99, value=None, step=1, key=_key(i, j, "prio"), label_visibility="collapsed",
                          help="1 = first priority; blank: no order")
        acc.selectbox(f"Accessibility of {c}", [NO_RATING, *questionnaire.ACCESS_LABELS], key=_key(i, j, "acc"),
                      format_func=lambda v: "— not answered" if v == NO_RATING else questionnaire.ACCESS_LABELS[v],
                      label_visibility="collapsed")
        smes.number_input(f"SMEs for {c}", 0, questionnaire.MAX_SMES, value=None, step=1, key=_key(i, j, "smes"),
                          label_visibility="collapsed", help="How many SMEs could be involved")


def _sheets_from_inputs(n: int, countries: list[str]) -> list[Sheet]:
    sheets = []
    for i in range(n):
        who = st.session_state.get(_key(i, "who")) or ""
        answers = {}
        for j, c in enumerate(countries):
            acc = st.session_state.get(_key(i, j, "acc"))
            answers[c] = questionnaire.answer(
                st.session_state.get(_key(i, j, "sel")), st.session_state.get(_key(i, j, "prio")),
                None if acc == NO_RATING else acc, st.session_state.get(_key(i, j, "smes")),
                where=f"Sheet {i + 1} › {c}")
        sheets.append(Sheet(who, answers))
    return sheets


# -- the facilitator's view -----------------------------------------------------------------------

def facilitator_section(s: Store, token: str, w: Workshop, present: bool) -> None:
    """Live (the page's ``watch`` fragment reruns it when an answer arrives): the step-1 table the
    answers add up to, its lexicographic ranking and the synthetic index, beside the report's."""
    reference = load_folder("countries")  # the report's table, even once this session uses the workshop's
    if reference is None:
        return
    try:
        col = questionnaire.collect(s, w)
    except StoreError as exc:
        st.error(text.md(exc))
        return
    st.header("Country questionnaire")
    st.caption(f"{len(col.answered)} of {len(col.partners)} partners have answered, "
               f"{col.sheet_count} answer sheet{'s' if col.sheet_count != 1 else ''} in all. "
               f"Counted by {'answer sheet' if col.unit == 'sheet' else 'partner'}: "
               f"{widgets.md_escape(questionnaire.rule(col.unit))}")
    if not present:
        _unit_setting(s, token, col.unit)
    if not col.sheet_count:
        st.info("No answers yet. Partners answer in the Country questionnaire tab of their page.")
        if not present:
            _demo_links()
        return
    try:
        built = col.survey(reference)
        ours = questionnaire.step1_table(built)
    except InputError as exc:
        st.error(text.md(exc))
        return
    heads = {c.name: SHORT[c.key] for c in reference.criteria if c.key in SHORT}
    heads.update({"Step-1 rank": "Step 1", "Synthetic index": "Index"})
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader("Step 1, from the answers")
        st.table(_shown(ours.rename(columns=heads)), hide_index=True)
    with right:
        st.subheader("Step 1, the report's (section D)")
        st.table(_shown(questionnaire.step1_table(reference).rename(columns=heads)), hide_index=True)
    names = "; ".join(f"{SHORT[c.key]}: {c.name}" for c in reference.criteria if c.key in SHORT)
    st.caption(f"{widgets.md_escape(names)}. Step 1: the rank, lexicographic by N, then Na, then N°1 (the report's "
               "row order; no weights, no normalisation). Index: the synthetic index N + Na + N°1 + SMEs × "
               "Access / 100 on the raw values (no normalisation, all weights 1: the report's step 2); Index "
               "rank by it.")
    beside = questionnaire.beside_report(built, reference)
    st.subheader("Synthetic index beside the report's")
    beside = beside.sort_values("Index (answers)", ascending=False, kind="stable")
    st.table(_shown(beside), hide_index=True)
    if not present:
        _take_over_and_files(s, token, w, col, built)
        _demo_links()


def _shown(df: pd.DataFrame) -> pd.DataFrame:
    """Cells and headers as text (``st.table`` renders Markdown), numbers as the report prints them."""
    out = df.copy()
    for c in out.columns:
        out[c] = [widgets.md_escape(widgets.shown(v, "—")) if not isinstance(v, str) else widgets.md_escape(v)
                  for v in out[c]]
    return out.rename(columns=widgets.md_escape)


def _unit_setting(s: Store, token: str, unit: str) -> None:
    units = list(questionnaire.UNITS)
    picked = st.radio("Count the answers by", units, index=units.index(unit), horizontal=True, key=_key("unit"),
                      format_func=lambda u: f"{'answer sheet' if u == 'sheet' else 'partner'}: {questionnaire.UNITS[u]}")
    if picked != unit:
        try:
            questionnaire.set_unit(s, token, picked)
        except (AccessError, InputError, StoreError) as exc:
            st.error(text.md(exc))
        else:
            st.rerun()


def _take_over_and_files(s: Store, token: str, w: Workshop, col, built) -> None:
    st.subheader("Use it, keep it")
    if st.button("Use this table as the workshop's country data", key=_key("take"),
                 help="The partners' weights then rank these values (every round is recounted on them), and in "
                      "this browser session the country page, its sensitivity panel and its downloads work on "
                      "them too, as on an uploaded countries.yaml."):
        try:
            questionnaire.take_over(s, token, built, col.unit)
        except (AccessError, InputError, StoreError) as exc:
            st.error(text.md(exc))
        else:
            data = questionnaire.survey_yaml(built, questionnaire.rule(col.unit))
            st.session_state[UPLOADED] = loader.Upload(files=(("countries.yaml", data),), base=data_dir(),
                                                       label=f"workshop {w.join_code}")
            st.session_state[_key("taken")] = True
            st.rerun()
    if st.session_state.get(_key("taken")):
        st.success("The workshop ranks the table from the answers, and in this session so does the country "
                   "page (the Your own decision page puts the shipped data back).")
    slug = f"workshop-{w.join_code}"
    a, b, c = st.columns(3)
    with a:
        widgets.download_csv("Every answer (CSV)", lambda: questionnaire.answers_csv(questionnaire.collect(s, w)),
                             f"{slug}-answers.csv", key=_key("dl.answers"))
    with b:
        st.download_button("Step-1 table as countries.yaml",
                           lambda: questionnaire.survey_yaml(built, questionnaire.rule(col.unit)),
                           file_name="countries.yaml", mime="application/yaml", on_click="ignore",
                           icon=":material/download:", key=_key("dl.yaml"))
    with c:
        widgets.download_csv("Step-1 table (CSV)", lambda: questionnaire.table_csv(built, col.unit),
                             f"{slug}-step1.csv", key=_key("dl.csv"))
    st.caption("countries.yaml drops into a data folder as it is: `python -m wiintech rank countries --data FOLDER`.")


def _demo_links() -> None:
    tokens = st.session_state.get(DEMO_TOKENS)
    if not tokens:
        return
    from ui.workshop_view import link
    with st.expander("The demo partners' personal links (shown in this session only)"):
        for name, t in tokens.items():
            st.markdown(f"{widgets.md_escape(name)}: [open their page]({link(p=t)})")
