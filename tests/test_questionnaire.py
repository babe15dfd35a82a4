"""The country questionnaire: the counting rule worked by hand, the store (SQLite and PostgreSQL),
the files, the demo workshop and the command line."""

import threading

import pytest

from tests.test_workshop import run
from wiintech import demo, loader, questionnaire as q, report, scoring, workshop
from wiintech.errors import AccessError, InputError
from wiintech.questionnaire import Sheet, answer
from wiintech.store import Store

SURVEY = loader.load_countries()
COUNTRIES = list(SURVEY.names)
PRINTED = {"USA": 75.55, "Brazil": 44, "Mexico": 15.15, "India": 25.5, "China": 47.1, "Korea": 20.6,
           "Japan": 23, "Russia": 13.81, "Morocco": 20.32}


def sheet(name, **answers):
    return Sheet(name, {c.replace("_", " "): answer(*a) for c, a in answers.items()})


# Three sheets from two partners, worked by hand below.
#              select priority access smes
HAND = {
    "A": [sheet("A office", USA=(True, 1, 3, 40), Japan=(True, 2, 1, 10), Mexico=(False, None, 2, 5)),
          sheet("A members", USA=(True, 2, 2, 60), Japan=(True, 1, None, None))],
    "B": [sheet("B office", USA=(True, None, 0, 0), Mexico=(True, 1, None, None), Japan=(False, None, 3, 25))],
}


def test_the_sheet_rule_worked_by_hand():
    t = q.aggregate(HAND, COUNTRIES, "sheet")
    # USA: selected on 3 sheets; 3 rate it (3 + 2 + 0); first on one; SMEs 40 + 60 + 0.
    assert t["USA"] == {"N": 3, "Na": 3, "N1": 1, "accessibility": 5, "smes": 100}
    # Japan: selected on 2 (A's), rated on 2 (A office 1, B office 3: B rates without selecting).
    assert t["Japan"] == {"N": 2, "Na": 2, "N1": 1, "accessibility": 4, "smes": 35}
    # Mexico: selected once (B, first), rated once (A office, who did not select it): N and Na differ.
    assert t["Mexico"] == {"N": 1, "Na": 1, "N1": 1, "accessibility": 2, "smes": 5}
    assert t["China"] == {"N": 0, "Na": 0, "N1": 0, "accessibility": 0, "smes": 0}
    # N exceeds the number of partners (2) for the USA: sheets count, not partners.
    assert t["USA"]["N"] > len(HAND)


def test_the_partner_rule_worked_by_hand():
    t = q.aggregate(HAND, COUNTRIES, "partner")
    # USA: both partners select and rate it; A's rating is the mean of 3 and 2, B's is 0.
    assert t["USA"] == {"N": 2, "Na": 2, "N1": 1, "accessibility": 2.5, "smes": 100}
    # Japan: A selects (first on A members), A rates 1, B rates 3.
    assert t["Japan"] == {"N": 1, "Na": 2, "N1": 1, "accessibility": 4, "smes": 35}
    assert max(row["N"] for row in t.values()) <= len(HAND)


def test_the_index_of_a_hand_worked_table():
    t = q.aggregate(HAND, COUNTRIES, "sheet")
    s = q.survey(SURVEY, t, "hand")
    idx = report.rank_countries(s, "seed")
    got = dict(zip(idx.matrix.names, idx.scores))
    assert got["USA"] == pytest.approx(3 + 3 + 1 + 100 * 5 / 100)  # 12
    assert got["Japan"] == pytest.approx(2 + 2 + 1 + 35 * 4 / 100)  # 6.4
    table = q.step1_table(s)
    assert list(table["Country"][:3]) == ["USA", "Japan", "Mexico"]  # by N, then Na, then N°1
    assert table.iloc[0]["Synthetic index"] == pytest.approx(12)


@pytest.mark.parametrize("args, message", [
    ((True, 0, None, None), "priority order must be from 1"),
    ((True, None, 4, 1), "accessibility must be from 0 to 3"),
    ((True, None, None, 5), "5 SMEs are given but the market's accessibility is not rated"),
    ((True, None, 2, -1), "number of SMEs must be from 0"),
    ((True, None, 2, 2.5), "whole number, not 2.5"),
    ((True, "x", None, None), "whole number, not 'x'"),
])
def test_bad_answers_are_refused_in_words(args, message):
    with pytest.raises(InputError, match=message):
        answer(*args, where="NEPIC office › USA")


def test_a_priority_given_twice_or_an_unknown_country_is_refused():
    with pytest.raises(InputError, match="priority 1 is given to both USA and Brazil"):
        q.check_sheets([sheet("X", USA=(True, 1, None, None), Brazil=(True, 1, None, None))], COUNTRIES)
    with pytest.raises(InputError, match="'Atlantis' is not one of the workshop's countries"):
        q.check_sheets([sheet("X", Atlantis=(True, 1, None, None))], COUNTRIES)
    with pytest.raises(InputError, match="Two sheets are both called 'X'"):
        q.check_sheets([sheet("X"), sheet("X")], COUNTRIES)
    with pytest.raises(InputError, match="at least one answer sheet"):
        q.check_sheets([], COUNTRIES)
    # a priority order is a selection
    assert answer(False, 2, None, None).select


def test_the_aggregated_table_loads_back_equal_as_countries_yaml(tmp_path):
    s = q.survey(SURVEY, q.aggregate(HAND, COUNTRIES, "partner"), "Workshop X, unit partner", "partner")
    data = q.survey_yaml(s, q.rule("partner"))
    assert loader.load_countries(loader.Upload(files=(("countries.yaml", data),))) == s
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "countries.yaml").write_bytes(data)
    out = run("rank", "countries", "--data", str(folder))
    assert out.returncode == 0, out.stderr
    # USA: 2 + 2 + 1 + 100 × 2.5 / 100 = 7.5, first
    assert out.stdout.decode("utf-8-sig").splitlines()[1].startswith("1,USA,7.5,")


# -- the demo ---------------------------------------------------------------------------------------

def test_the_demo_sheets_add_up_to_the_reports_step1_table_exactly():
    sheets = demo.sheets(SURVEY)
    assert list(sheets) == list(demo.TECHNOLOGY + demo.BUSINESS)
    assert sum(len(v) for v in sheets.values()) == 16
    t = q.aggregate(sheets, COUNTRIES, "sheet")
    assert t == {c.name: {k: c.values[k] for k in q.KEYS} for c in SURVEY.countries}
    for every in sheets.values():  # each sheet's priorities are 1, 2, 3 … on selected countries only
        for sh in every:
            prios = sorted(a.priority for a in sh.answers.values() if a.priority is not None)
            assert prios == list(range(1, len(prios) + 1))
            assert all(a.select for a in sh.answers.values() if a.priority is not None)
            assert all(0 <= a.accessibility <= 3 for a in sh.answers.values() if a.answered)


@pytest.fixture
def demo_room(db_url):
    s = Store(db_url)
    w, ftok, tokens = demo.create(s, SURVEY)
    return s, w, ftok, tokens


def test_the_demo_workshop_reproduces_all_nine_index_values(demo_room):
    s, w, ftok, tokens = demo_room
    col = q.collect(s, s.facilitator(ftok))
    assert col.unit == "sheet" and col.sheet_count == 16 and len(col.answered) == 8
    built = col.survey(SURVEY)
    idx = report.rank_countries(built, "seed")
    got = {n: round(float(v), 2) for n, v in zip(idx.matrix.names, idx.scores)}
    assert got == PRINTED
    table = col.step1(SURVEY)
    assert list(table["Country"]) == ["USA", "Brazil", "Mexico", "India", "China", "Korea", "Japan", "Russia", "Morocco"]
    beside = q.beside_report(built, SURVEY)
    assert (beside["Step-1 values as the report's"] == "yes").all()
    assert list(beside["Index (answers)"].round(2)) == list(beside["Index (report)"])


def test_the_demo_factions_are_the_technology_and_the_business_group(demo_room):
    s, w, ftok, tokens = demo_room
    res = workshop.results(s, s.facilitator(ftok))
    found = res.factions(2, 3)
    groups = sorted((sorted(f["members"]), f["top"]) for f in found)
    assert groups == sorted([(sorted(demo.TECHNOLOGY), ["USA", "Brazil", "Japan"]),
                             (sorted(demo.BUSINESS), ["USA", "Brazil", "India"])])


def test_the_unit_is_a_workshop_setting(demo_room):
    s, w, ftok, tokens = demo_room
    q.set_unit(s, ftok, "partner")
    col = q.collect(s, w)
    assert col.unit == "partner"
    assert col.table["USA"]["N"] == 7  # every partner but Plastival has a sheet that selects it
    assert max(r["N"] for r in col.table.values()) <= 8
    with pytest.raises(InputError, match="not a counting unit"):
        q.set_unit(s, ftok, "votes")
    with pytest.raises(AccessError):
        q.set_unit(s, tokens["NEPIC"], "sheet")  # a partner's link changes no setting


def test_taking_the_table_over_makes_it_the_workshops_data(db_url):
    s = Store(db_url)
    w, ftok = workshop.create(s, "Porto", SURVEY)
    _, t = s.join(w.join_code, "NEPIC")
    q.submit(s, t, HAND["A"])
    workshop.submit(s, t, {"N": 1, "Na": 1, "N1": 1, "reach": 1})
    col = q.collect(s, w)
    after = q.take_over(s, ftok, col.survey(SURVEY), col.unit)
    res = workshop.results(s, after)
    scores = dict(zip(res.own[0].matrix.names, res.own[0].scores))
    assert scores["USA"] == pytest.approx(2 + 2 + 1 + 100 * 5 / 100)  # A's two sheets: the new data ranked
    kept = [e for e in s.entries(w.id, "setting") if e.subject == q.DATA_SUBJECT]
    assert loader.load_countries(loader.Upload(files=(("countries.yaml", kept[-1].payload["yaml"].encode()),))) \
        == col.survey(SURVEY)


# -- the store: SQLite and PostgreSQL --------------------------------------------------------------

def test_concurrent_questionnaires_lose_nothing(db_url):
    s = Store(db_url)
    w, ftok = workshop.create(s, "Porto", SURVEY)
    sheets = demo.sheets(SURVEY)
    tokens = {name: s.join(w.join_code, name)[1] for name in sheets}
    errors = []

    def answer_all(name):
        try:
            for _ in range(3):  # each partner sends its whole questionnaire three times
                q.submit(Store(db_url), tokens[name], sheets[name])
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)

    threads = [threading.Thread(target=answer_all, args=(n,)) for n in sheets]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    col = q.collect(s, w)
    assert len(col.entries) == 8 * 3 * len(COUNTRIES)  # every transaction's nine entries are there
    assert col.table == {c.name: {k: c.values[k] for k in q.KEYS} for c in SURVEY.countries}
    assert s.revision(w.id) > w.revision + 8 * 3


def test_a_partner_changes_only_their_own_answers(db_url):
    s = Store(db_url)
    w, ftok = workshop.create(s, "Porto", SURVEY)
    _, ta = s.join(w.join_code, "NEPIC")
    _, tb = s.join(w.join_code, "Plastipolis")
    q.submit(s, ta, HAND["A"])
    q.submit(s, tb, HAND["B"])
    q.submit(s, tb, [sheet("B office", China=(True, 1, 3, 7))])  # B changes its mind
    col = q.collect(s, w)
    pa, pb = s.partner(ta)[1].id, s.partner(tb)[1].id
    assert [sh.respondent for sh in col.sheets[pa]] == ["A office", "A members"]
    assert col.sheets[pa][0].answer("USA") == answer(True, 1, 3, 40)
    assert col.sheets[pb][0].answer("China") == answer(True, 1, 3, 7)
    assert col.sheets[pb][0].answer("USA") == answer()
    assert {e.partner_id for e in s.own_entries(ta, q.KIND)} == {pa}
    table = q.answers_table(col)
    assert set(table[table["partner"] == "NEPIC"]["status"]) == {"counts"}
    assert set(table[table["partner"] == "Plastipolis"]["status"]) == {"counts", "replaced"}


def test_a_refused_questionnaire_writes_nothing(db_url):
    s = Store(db_url)
    w, ftok = workshop.create(s, "Porto", SURVEY)
    _, t = s.join(w.join_code, "NEPIC")
    with pytest.raises(InputError):
        q.submit(s, t, [sheet("X", USA=(True, 1, None, None), Brazil=(True, 1, None, None))])
    s.close_round(ftok)
    with pytest.raises(AccessError, match="closed"):
        q.submit(s, t, HAND["A"])
    assert s.entries(w.id, q.KIND) == []


def test_answers_csv_has_every_answer_with_partner_round_and_time(demo_room):
    s, w, ftok, tokens = demo_room
    data = q.answers_csv(q.collect(s, w)).decode("utf-8-sig").splitlines()
    assert data[0] == "partner,label,round,answered_at,respondent,country,select,priority,accessibility,smes,status"
    assert len(data) == 1 + 16 * len(COUNTRIES)
    assert data[1].startswith("Veneto Nanotech,P1,1,")


def test_formulas_in_a_respondents_name_are_neutralised(sqlite_url):
    s = Store(sqlite_url)
    w, ftok = workshop.create(s, "Porto", SURVEY)
    _, t = s.join(w.join_code, "NEPIC")
    q.submit(s, t, [sheet("=HYPERLINK(1)", USA=(True, 1, 2, 3))])
    assert ",'=HYPERLINK(1),USA," in q.answers_csv(q.collect(s, w)).decode("utf-8-sig")


# -- the command line -------------------------------------------------------------------------------

def test_workshop_demo_command(db_url, tmp_path):
    out = run("workshop", "demo", db=db_url)
    assert out.returncode == 0, out.stderr
    lines = dict(line.split("=", 1) for line in out.stdout.decode().split())
    assert len(lines["join_code"]) == 6
    assert sorted(k for k in lines if k.startswith("partner_token.")) == sorted(
        "partner_token." + "_".join(n.split()) for n in demo.partners())
    s = Store(db_url)
    w = s.facilitator(lines["facilitator_token"])
    assert s.partner(lines["partner_token.Veneto_Nanotech"])[0].id == w.id
    yml = run("workshop", "questionnaire", lines["facilitator_token"], "--yaml", db=db_url)
    assert yml.returncode == 0, yml.stderr
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "countries.yaml").write_bytes(yml.stdout)
    back = loader.load_countries(folder)
    assert {c.name: c.values for c in back.countries} == {c.name: c.values for c in SURVEY.countries}
    ranked = run("rank", "countries", "--data", str(folder))
    assert ranked.stdout == run("rank", "countries").stdout  # the report's index, from answers
    csv = run("workshop", "questionnaire", lines["facilitator_token"], db=db_url).stdout.decode("utf-8-sig")
    assert csv.splitlines()[1].startswith("1,USA,10,7,5,17,315,75.55,1,")
    answers = run("workshop", "questionnaire", lines["facilitator_token"], "--answers", db=db_url)
    assert len(answers.stdout.decode("utf-8-sig").splitlines()) == 1 + 16 * 9
    bad = run("workshop", "questionnaire", "nope", db=db_url)
    assert bad.returncode == 2 and "not valid" in bad.stderr.decode()


def test_the_demo_scoring_round_reproduces_the_nine_cluster_totals(sqlite_url):
    s = Store(sqlite_url)
    targets = loader.load_cluster_targets()
    w, ftok, tokens = demo.create(s, SURVEY, targets)
    res = scoring.results(s, s.facilitator(ftok), targets)
    assert len(res.scorers) == 8  # every demo partner scored
    totals = {r.name: r.total for r in res.rows if r.total is not None}
    assert totals == {c.name: c.printed_total for c in targets.scored()}
    assert sorted(totals.values()) == [21, 63, 70, 100, 150, 343, 490, 700, 700]
    assert {r.name for r in res.rows if r.note} == {c.name for c in targets.unscored()}  # the two notes
