"""The country questionnaire on the workshop page with AppTest: the partner's sheets, the facilitator's
live step-1 table, the counting setting, taking the table over, and the demo button."""

import pytest

from tests.app.test_workshop import button, open_workshop, texts
from tests.conftest import seen, shown
from wiintech import demo, loader, questionnaire as q, report, store, workshop
from wiintech.store import Store

SURVEY = loader.load_countries()


@pytest.fixture
def db(sqlite_url, monkeypatch):
    monkeypatch.setenv(store.ENV_URL, sqlite_url)
    return Store(sqlite_url)


def by_label(widgets, label):
    found = [w for w in widgets if w.label == label]
    assert found, label
    return found[0]


def test_a_partner_answers_two_sheets_and_they_are_stored(db):
    w, ftok = workshop.create(db, "Porto", SURVEY)
    _, ptok = db.join(w.join_code, "NEPIC")
    at = open_workshop(p=ptok)
    assert [t.label for t in at.tabs][:2] == ["Your weights", "Country questionnaire"]
    by_label(at.number_input, "Answer sheets you enter").set_value(2).run()
    at.text_input(key="wsq.0.who").input("NEPIC office")
    at.checkbox(key="wsq.0.0.sel").check()  # USA
    at.number_input(key="wsq.0.0.prio").set_value(1)
    at.selectbox(key="wsq.0.0.acc").set_value(3)
    at.number_input(key="wsq.0.0.smes").set_value(40)
    at.number_input(key="wsq.1.6.prio").set_value(1)  # Japan, first on the second sheet (a selection)
    at.selectbox(key="wsq.1.7.acc").set_value(1)  # Russia rated, not selected
    button(at, "Save my answers").click()
    at.run()
    assert not at.exception
    assert "Saved 2 answer sheets" in " ".join(s.value for s in at.success)
    col = q.collect(db, w)
    sheets = col.sheets[db.partner(ptok)[1].id]
    assert [s.respondent for s in sheets] == ["NEPIC office", "Sheet 2"]
    assert col.table["USA"] == {"N": 1, "Na": 1, "N1": 1, "accessibility": 3, "smes": 40}
    assert col.table["Japan"] == {"N": 1, "Na": 0, "N1": 1, "accessibility": 0, "smes": 0}
    assert col.table["Russia"] == {"N": 0, "Na": 1, "N1": 0, "accessibility": 1, "smes": 0}
    again = open_workshop(p=ptok)  # another device: the form starts at the saved answers
    assert again.number_input(key="wsq.n").value == 2
    assert again.checkbox(key="wsq.1.6.sel").value is True


def test_a_bad_sheet_is_refused_in_words_and_nothing_is_stored(db):
    w, _ = workshop.create(db, "Porto", SURVEY)
    _, ptok = db.join(w.join_code, "NEPIC")
    at = open_workshop(p=ptok)
    at.number_input(key="wsq.0.0.prio").set_value(1)
    at.number_input(key="wsq.0.1.prio").set_value(1)
    button(at, "Save my answers").click()
    at.run()
    assert not at.exception
    assert "priority 1 is given to both USA and Brazil" in texts(at)
    assert db.entries(w.id, q.KIND) == []


def test_the_demo_button_opens_a_filled_workshop_with_the_reports_table(db):
    at = open_workshop()
    button(at, "Demo workshop").click()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    token = at.query_params["f"]
    w = db.facilitator(token[0] if isinstance(token, list) else token)
    assert w.name == demo.NAME
    subheaders = [s.value for s in at.subheader]
    assert "Step 1, from the answers" in subheaders and "Factions" in subheaders
    ours, report = (seen(t) for t in at.table[1:3])
    assert ours.equals(report)  # the answers add up to the report's table, index and ranks
    assert list(ours["Index"]) == ["75.55", "44", "15.15", "25.5", "47.1", "20.6", "23", "13.81", "20.32"]
    text = texts(at)
    assert "16 answer sheets" in text and "N = answer sheets that select the country" in text
    assert "Group 1" in text and "Group 2" in text
    assert "Veneto Nanotech" in text
    links = [e for e in at.expander if "demo partners' personal links" in e.label]
    assert len(links) == 1 and "p=" in links[0].markdown[0].value  # shown in the session that made it


def test_presentation_mode_shows_the_table_without_the_controls(db):
    _, ftok, _ = demo.create(db, SURVEY)
    at = open_workshop(f=ftok, present="1")
    assert "Step 1, from the answers" in [s.value for s in at.subheader]
    assert not [r for r in at.radio if r.key == "wsq.unit"]
    assert not [b for b in at.button if b.label.startswith("Use this table")]


def test_the_counting_setting_and_taking_the_table_over(db):
    w, ftok, tokens = demo.create(db, SURVEY)
    at = open_workshop(f=ftok)
    at.radio(key="wsq.unit").set_value("partner").run()
    assert not at.exception
    assert q.collect(db, w).unit == "partner"
    assert "Each partner counts once" in texts(at)
    ours = seen(at.table[1])
    assert ours.loc[ours["Country"] == "USA", "N"].item() == "7"
    button(at, "Use this table as the workshop's country data").click()
    at.run()
    assert not at.exception
    now = db.facilitator(ftok)
    assert now.matrix != w.matrix
    usa = now.matrix["names"].index("USA")
    assert now.matrix["values"][usa][0] == 7  # the index term N, from the partner count
    report_side = seen(at.table[2])  # the report's table stays the report's beside the workshop's
    assert report_side.loc[report_side["Country"] == "USA", "N"].item() == "10"
    at.switch_page("pages/countries.py").run()  # this session's country page now reads the table
    assert not at.exception
    built = q.collect(db, w).survey(SURVEY)
    usa_index = report.rank_countries(built, "seed").scores[list(built.names).index("USA")]
    live = seen(at.table[0])
    assert live.loc[live["Country"] == "USA", "Score"].item() == f"{usa_index:.2f}" != "75.55"
    assert any("questionnaire, unit partner" in shown(m.value) for m in at.markdown)
