"""Files for the minutes: readable columns, the reader's CSV dialect, the session's Excel workbook."""

import csv
import io

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from wiintech import export, loader, minutes, report, sensitivity, shortlist, tables, workbook
from wiintech.ranking import rank_change, reference_ranks

SURVEY = loader.load_countries()
TARGETS = loader.load_cluster_targets()


def _rows(data: bytes, sep=","):
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=sep))


def _country_table(k=3, weights=None):
    ranking = report.rank_countries(SURVEY, "seed", weights or {"N": 2.5})
    return ranking, minutes.ranking_table(ranking, k, "Country", reference_ranks(SURVEY.printed_index),
                                          tables.outcomes(SURVEY))


def test_the_country_minutes_use_criterion_names_and_the_sliders_weights():
    ranking, df = _country_table()
    names = [c.name for c in ranking.matrix.criteria]
    assert list(df.columns[:3]) == ["Rank", "Country", "Score"]
    assert set(names) <= set(df.columns)
    assert not {"N1", "reach", "weights", "rank"} & set(df.columns)
    assert df[f"Weight of {names[0]}"].iloc[0] == 2.5  # as the slider showed it, not normalised
    assert all(df[f"Weight of {n}"].iloc[0] == 1.0 for n in names[1:])
    assert df["Method"].iloc[0] == ranking.method.name


def test_the_country_minutes_carry_the_pages_columns():
    ranking, df = _country_table(k=2)
    assert df["In the top 2"].tolist() == ["yes", "yes"] + ["no"] * (len(df) - 2)
    assert set(df["Change against the report's index"]) <= {"same place", "not in the report"} | {
        f"{d} {n} place{'s' if n != 1 else ''}" for d in ("up", "down") for n in range(1, 10)}
    printed = reference_ranks(SURVEY.printed_index)
    assert df["Change against the report's index"].tolist() == [
        minutes.change_words(rank_change(int(r), printed.get(n))) for r, n in zip(df["Rank"], df["Country"])]
    decided = dict(zip(df["Country"], df["Consortium's decision"]))
    assert decided == {n: tables.outcomes(SURVEY).get(n, "") for n in df["Country"]}


@pytest.mark.parametrize("mark, words", [("↑2", "up 2 places"), ("↓1", "down 1 place"), ("=", "same place"),
                                         ("new", "not in the report")])
def test_change_words(mark, words):
    assert minutes.change_words(mark) == words


def test_the_cluster_minutes_say_shortlisted_the_rule_and_the_rooms_edits():
    rows = [{"name": c.name, "country": c.country, **c.scores} for c in TARGETS.scored()]
    edited_rows = [dict(rows[0], fit=1), *rows[1:]]
    edited = shortlist.apply_rows(TARGETS, edited_rows)
    edits, removed = shortlist.row_changes(rows, edited_rows, TARGETS.criteria)
    assert edits == {rows[0]["name"]: f"{TARGETS.criteria[0].name} {rows[0]['fit']:g} → 1"} and removed == []
    ranking = report.rank_clusters(edited, None, {})
    picked = shortlist.shortlist(ranking, ranking.matrix.extra["country"], "top", k=1)
    words = minutes.rule_words("top", 1, 0, None)
    df = minutes.cluster_table(ranking, report.cluster_table(ranking, edited), picked, words, edits)
    assert words == "top 1 per country"
    assert set(df["Shortlist rule"]) == {words}
    assert sorted(df.loc[df["Shortlisted"] == "yes", "Cluster target"]) == sorted(picked)
    assert df.set_index("Cluster target").loc[rows[0]["name"], "Scores edited in the room"] == edits[rows[0]["name"]]
    assert (df["Scores edited in the room"] != "").sum() == 1
    assert {"Chosen in the report", "Total (0–1000)", *(c.name for c in TARGETS.criteria)} <= set(df.columns)


def test_row_changes_names_added_and_removed_rows():
    rows = [{"name": c.name, "country": c.country, **c.scores} for c in TARGETS.scored()]
    after = [*rows[1:], {"name": "New one", "country": rows[0]["country"], "fit": 5, "size": 5, "interaction": 5}]
    changes, removed = shortlist.row_changes(rows, after, TARGETS.criteria)
    assert changes == {"New one": "added in the room"} and removed == [rows[0]["name"]]


def test_the_sensitivity_minutes_record_k_method_weights_draws_and_seed():
    ranking, _ = _country_table()
    L = sensitivity.linear(ranking)
    acc = sensitivity.smaa(L, 2000, 7, None)[0]
    df = minutes.sensitivity_table(acc, ranking, 3, "smaa", 2000, 7, 20)
    assert set(df["Top k analysed"]) == {3} and set(df["Draws"]) == {2000} and set(df["Seed"]) == {7}
    assert set(df["Weight range"]) == {"each weight within ±20% of its value"}
    assert set(df["Method"]) == {ranking.method.name}
    assert df[f"Weight of {ranking.matrix.criteria[0].name}"].iloc[0] == 2.5
    stab = minutes.sensitivity_table(sensitivity.interval_table(sensitivity.intervals(L, 2)), ranking, 2, "stability")
    assert set(stab["Top k analysed"]) == {2} and "Draws" not in stab.columns


def test_the_excel_dialect_uses_semicolons_and_a_decimal_comma_on_numbers_only():
    df = pd.DataFrame({"name": ["São Paulo, Brazil", "=1+1", "v1.2"], "score": [75.55, -0.5, 700.0],
                       "mixed": ["2.5", 1.25, None], "n": [1, 2, 3]})
    rows = _rows(export.csv_bytes(df, export.EXCEL_EU), sep=";")
    assert rows[0] == ["name", "score", "mixed", "n"]
    assert rows[1] == ["São Paulo, Brazil", "75,55", "2.5", "1"]  # text keeps its points and commas
    assert rows[2] == ["'=1+1", "-0,5", "1,25", "2"]  # formulas still neutralised
    assert rows[3] == ["v1.2", "700", "", "3"]
    assert export.csv_bytes(df) == export.csv_bytes(df, export.STANDARD)
    assert b";" not in export.csv_bytes(df)


def test_the_standard_dialect_is_the_command_lines_bytes():
    ranking = report.rank_countries(SURVEY, "seed", {})
    cols = ranking.columns()
    df = pd.DataFrame(cols)
    assert export.csv_bytes(df) == export.csv_bytes(df, export.DIALECTS["standard"])


def test_the_workbook_has_the_settings_every_table_and_no_formula():
    _, df = _country_table()
    hostile = pd.DataFrame({"name": ["=HYPERLINK(\"http://x\")", "+1", "plain"], "value": [1.5, np.nan, 3]})
    data = workbook.workbook_bytes([("Made (UTC)", "2026-11-28 12:00:00"), ("Method", "Report's synthetic index"),
                                    ("Note", "=cmd|' /C calc'!A0")],
                                   {"Live ranking": df, "Step 1: a/b [x]?": hostile, "live RANKING": hostile})
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Settings", "Live ranking", "Step 1  a b  x", "live RANKING (2)"]
    s = wb["Settings"]
    assert [c.value for c in s["A"]] == ["Setting", "Made (UTC)", "Method", "Note"]
    assert s["B4"].value == "=cmd|' /C calc'!A0" and s["B4"].data_type == "s"
    live = wb["Live ranking"]
    assert [c.value for c in live[1]] == list(df.columns)
    assert live.max_row == len(df) + 1
    assert live["C2"].value == pytest.approx(float(df["Score"].iloc[0]))
    h = wb["Step 1  a b  x"]
    assert h["A2"].value == "=HYPERLINK(\"http://x\")" and h["A2"].data_type == "s"  # text, never a formula
    assert h["B3"].value is None and h["B4"].value == 3
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            assert all(c.data_type != "f" for c in row)


def test_sheet_names_follow_excels_rules():
    used: set[str] = set()
    assert workbook.sheet_name("x" * 40, used) == "x" * 31
    assert workbook.sheet_name("X" * 40, used) == "X" * 27 + " (2)"  # unique, case-insensitively
    assert workbook.sheet_name("a:b", used) == "a b" and workbook.sheet_name("", used) == "Sheet"
