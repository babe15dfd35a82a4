"""Downloads for the minutes, in a "For the minutes" popover beside a page's own CSV button: the
ranking in words a reader understands (``wiintech.minutes``), as CSV in the reader's spreadsheet
dialect, and the whole session as an Excel workbook (every table of the page, the settings, the time).

The page's own "Download … (CSV)" button stays the command line's bytes (scripts and a re-upload read
it); these are for people. Every file is built when its button is clicked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from urllib.parse import urlencode, urlsplit

import pandas as pd
import streamlit as st

from ui import room, sensitivity_view
from wiintech import export, minutes, sensitivity, workbook
from wiintech.ranking import Ranking

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def link() -> str:
    """The page's address with its query parameters (what reopens this view)."""
    parts = urlsplit(st.context.url or "")
    query = urlencode(st.query_params.to_dict())
    base = f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.netloc else (parts.path or "")
    return f"{base}?{query}" if query else base


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def sensitivity_tables(ranking: Ranking | None, top: int, s: sensitivity_view.Settings) -> dict[str, pd.DataFrame]:
    """The sensitivity view's table for the minutes (stability intervals or rank acceptability), with
    its k, method, weights (and draws, seed, range); none for the tornado or a method not covered."""
    if s.view not in ("stability", "smaa"):
        return {}
    table = sensitivity_view.view_table(ranking, top, s)  # the panel's own table (its cached SMAA run)
    if table is None:
        return {}
    if s.view == "smaa":
        return {"Rank acceptability": minutes.sensitivity_table(table, ranking, top, "smaa", s.draws, s.seed, s.spread)}
    return {"Stability intervals": minutes.sensitivity_table(table, ranking, top, "stability")}


def sensitivity_settings(s: sensitivity_view.Settings, top: int) -> list[tuple[str, object]]:
    if s.view == "smaa":
        return [("Sensitivity", "rank acceptability (SMAA-2)"), ("Top k analysed", top), ("Draws", s.draws),
                ("Seed", s.seed), ("Weight range (± % of each weight; 0: anywhere)", s.spread)]
    if s.view == "stability":
        return [("Sensitivity", "stability intervals"), ("Top k analysed", top)]
    if s.view == "tornado":
        return [("Sensitivity", "tornado"), ("Each weight changed by ± %", s.change)]
    return []


def downloads(prefix: str, name: str, page: str, table: Callable[[], pd.DataFrame | None],
              session: Callable[[], tuple[list, dict]], sens: Callable[[], dict] | None = None) -> None:
    """The popover: the dialect, the table for the minutes (CSV), the sensitivity table (CSV) when
    ``sens`` gives one, and the session's workbook. ``table`` / ``session`` / ``sens`` run on click
    (where Streamlit's commands are ignored: the link and the room are read now)."""
    where = [("Room", room.key() or "none (no edits saved)"), ("Link", link())]
    with st.popover("For the minutes", icon=":material/description:"):
        choice = st.radio("CSV for", list(export.DIALECTS), key=f"{prefix}.minutes.dialect",
                          format_func=lambda d: export.DIALECTS[d].label,
                          help="Excel in French, German, Italian… expects semicolons between cells and a "
                               "decimal comma: the other choice opens there as one column per line.")
        dialect = export.DIALECTS[choice]

        def csv_of(make):
            def build() -> bytes:
                df = make()
                if df is None:
                    df = pd.DataFrame({"note": ["No ranking: every weight is 0."]})
                return export.csv_bytes(df, dialect)
            return build

        st.download_button("Ranking for the minutes (CSV)", csv_of(table), f"{name}-minutes.csv", "text/csv",
                           key=f"dl.{prefix}.minutes", on_click="ignore", icon=":material/download:",
                           help="Criterion names, the weights as the sliders show them, and every column "
                                "of the page's table.")
        if sens is not None:
            first = lambda: next(iter(sens().values()), None)  # noqa: E731
            st.download_button("Sensitivity for the minutes (CSV)", csv_of(first), f"{name}-sensitivity-minutes.csv",
                               "text/csv", key=f"dl.{prefix}.minutes.sens", on_click="ignore",
                               icon=":material/download:",
                               help="The sensitivity view's table with its top k, method, weights, draws and seed.")

        def book() -> bytes:
            settings, tables = session()
            return workbook.workbook_bytes([("Made (UTC)", now()), ("Page", page), *settings, *where], tables)

        st.download_button("The whole session (Excel workbook)", book, f"{name}-session.xlsx", XLSX,
                           key=f"dl.{prefix}.workbook", on_click="ignore", icon=":material/table_view:",
                           help="Every table of this page on its own sheet, and the settings and the time "
                                "on the first.")


def country(v, latest: dict) -> None:
    """The country page's (and the upload page's) popover. ``latest`` holds what the live fragment
    drew last: the ranking, top k, and the sensitivity panel's settings when it is open (None when
    closed); every file is built from it when clicked, so a slider press never redraws this."""
    from wiintech import tables as report_tables

    P = v.prefix

    def k() -> int:
        return int(latest.get("k", 3))

    def s() -> sensitivity_view.Settings | None:
        return latest.get("sens")

    def table():
        r = latest.get("ranking")
        return None if r is None else minutes.ranking_table(r, k(), v.label, v.printed_ranks, v.outcomes)

    def tables() -> dict:
        settings = s()
        return sensitivity_tables(latest.get("ranking"), k(), settings) if settings else {}

    def sens() -> dict:
        return tables() or {"Sensitivity": pd.DataFrame({"note": [
            "No sensitivity table: open the sensitivity panel on its stability or chances view (for a "
            "method it covers), then download again."]})}

    def session():
        r, settings = latest.get("ranking"), s()
        rows = [(f"Top k (the {v.label.lower()}s marked)", k()),
                *(minutes.settings_rows(r) if r is not None else [("Ranking", "none: every weight is 0")]),
                *(sensitivity_settings(settings, k()) if settings else [])]
        sheets = {"Live ranking": table()} if r is not None else {}
        if v.survey is not None:
            sheets.update({"The report's ranking": report_tables.report_comparison(v.survey),
                           "The decision": report_tables.decision(v.survey),
                           "Step 1 as printed": report_tables.step1(v.survey),
                           "Step 2 index": report_tables.synthetic_index(v.survey),
                           "The methods": report_tables.methods()})
        sheets.update(tables())
        return rows, sheets

    downloads(P, f"{v.label.lower()}-ranking", "Country selection" if v.survey is not None else "Your own decision",
              table, session, sens)


def clusters(ranking: Ranking, targets, picked: set[str], rule: str, value, country: str | None, top: int,
             edits: dict[str, str], s: sensitivity_view.Settings | None) -> None:
    """The cluster page's popover: the ranked shortlist with its rule and the room's edits."""
    from wiintech import report, tables as report_tables

    words = minutes.rule_words(rule, int(value), float(value), country)

    def table():
        return minutes.cluster_table(ranking, report.cluster_table(ranking, targets), picked, words, edits)

    def sens() -> dict:
        return sensitivity_tables(ranking, top, s) if s else {}

    def session():
        rows = [("Country", country or "all countries"), ("Shortlist rule", words), *minutes.settings_rows(ranking),
                ("Scores", "edited in the room" if edits else "the report's (Tables 10–13)"),
                *(sensitivity_settings(s, top) if s else [])]
        sheets = {"Shortlist": table(), "Scores in use": report_tables.cluster_targets(targets)}
        if edits:
            sheets["Edited in the room"] = pd.DataFrame({"Cluster target": list(edits), "What changed": list(edits.values())})
        unscored = report_tables.unscored(targets)
        if len(unscored):
            sheets["Not scored"] = unscored
        sheets.update(sens())
        return rows, sheets

    tabled = s is not None and s.view in ("stability", "smaa") and sensitivity.covers(ranking.method)
    downloads("clusters", f"cluster-shortlist-{(country or 'all').lower()}", "Cluster shortlist",
              table, session, sens if tabled else None)
