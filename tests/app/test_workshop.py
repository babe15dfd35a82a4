"""The workshop page with AppTest: start, create, join, partner, facilitator, wrong tokens."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, shown
from wiintech import loader, store, workshop
from wiintech.store import Store

TECH = {"N": 1, "Na": 1, "N1": 5, "reach": 0}
BUSINESS = {"N": 5, "Na": 1, "N1": 0, "reach": 5}


@pytest.fixture
def db(sqlite_url, monkeypatch):
    monkeypatch.setenv(store.ENV_URL, sqlite_url)
    return Store(sqlite_url)


def open_workshop(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("pages/workshop.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts(at) -> str:
    return shown("\n".join([*(m.value for m in at.markdown), *(c.value for c in at.caption), *(e.value for e in at.error),
                            *(i.value for i in at.info), *(t.value for t in at.title), *(s.value for s in at.subheader)]))


def button(at, label):
    return next(b for b in at.button if b.label == label)


def test_start_page_offers_join_and_create_with_the_eight_clusters(db):
    at = open_workshop()
    assert [s.value for s in at.subheader] == ["Join a workshop", "Run a workshop"]
    orgs = at.selectbox[0].options
    assert len(orgs) == 9 and orgs[-1] == "Another organisation…"
    assert "NEPIC" in " ".join(orgs)


def test_creating_a_workshop_opens_the_facilitator_view(db):
    at = open_workshop()
    next(t for t in at.text_input if t.label == "Workshop name").input("Porto")
    button(at, "Create the workshop").click()
    at.run()
    assert not at.exception
    token = at.query_params["f"]
    token = token[0] if isinstance(token, list) else token
    w = db.facilitator(token)
    assert shown(at.title[0].value) == "Porto · round 1 (open)"
    assert f"Code: `{w.join_code}`" in texts(at)
    assert "No submissions yet" in texts(at)
    assert len(at.get("image")) == 1  # the QR code


def test_an_empty_name_is_refused_and_nothing_created(db):
    at = open_workshop()
    button(at, "Create the workshop").click()
    at.run()
    assert "cannot be empty" in texts(at)
    assert "f" not in at.query_params


def test_joining_opens_the_partners_own_page(db):
    w, _ = workshop.create(db, "Porto", loader.load_countries())
    at = open_workshop(join=w.join_code)
    assert at.text_input[0].value == w.join_code  # the join link fills the code
    org = at.selectbox[0].options[2]
    at.selectbox[0].select(org)
    button(at, "Join").click()
    at.run()
    token = at.query_params["p"]
    token = token[0] if isinstance(token, list) else token
    _, me = db.partner(token)
    assert me.name == org
    assert "You speak for" in texts(at) and "(P1)" in texts(at)
    # plain words on the sliders, the report's own terms in their help
    assert [shown(s.label) for s in at.slider] == ["Chosen as a priority (N)", "Answered about the country (Na)",
                                            "Ranked first (N°1)", "SMEs within reach (SMEs × accessibility / 100)"]
    assert shown(at.slider[2].help).startswith("N°1: How many partners ranked")


def test_joining_with_another_organisation_name(db):
    w, _ = workshop.create(db, "Porto", loader.load_countries())
    at = open_workshop(join=w.join_code)
    at.selectbox[0].select("Another organisation…")
    next(t for t in at.text_input if t.label.startswith("If another")).input("Polo Plastico")
    button(at, "Join").click()
    at.run()
    assert "You speak for **Polo Plastico** (P1)" in texts(at)


def test_a_partner_submits_sees_their_ranking_and_comes_back_to_their_weights(db):
    w, ftok = workshop.create(db, "Porto", loader.load_countries())
    _, ptok = db.join(w.join_code, "NEPIC")
    at = open_workshop(p=ptok)
    assert [s.value for s in at.slider] == [1.0, 1.0, 1.0, 1.0]
    table = at.table[0].value
    assert list(table["Country"])[:3] == ["USA", "China", "Brazil"]  # the report's index
    at.slider[2].set_value(5.0).run()
    at.slider[3].set_value(0.0).run()
    assert list(at.table[0].value["Country"])[:3] == ["USA", "Brazil", "Japan"]  # redrawn as they move
    button(at, "Submit my weights").click()
    at.run()
    assert "Submitted for round 1" in at.success[0].value
    assert db.history(w.id)[-1].weights == {"N": 1.0, "Na": 1.0, "N1": 5.0, "reach": 0.0}
    again = open_workshop(p=ptok)  # another device: the same link
    assert [s.value for s in again.slider] == [1.0, 1.0, 5.0, 0.0]
    assert any(b.label == "Submit again" for b in again.button)
    assert "The facilitator has not shown the group's result yet." in texts(again)


def test_a_closed_round_disables_submitting_and_a_revealed_result_shows(db):
    w, ftok = workshop.create(db, "Porto", loader.load_countries())
    _, t1 = db.join(w.join_code, "NEPIC")
    _, t2 = db.join(w.join_code, "Plastipolis")
    workshop.submit(db, t1, TECH)
    workshop.submit(db, t2, BUSINESS)
    db.close_round(ftok)
    at = open_workshop(p=t1)
    assert button(at, "Submit again").disabled
    assert "Round 1 is closed" in texts(at)
    db.open_next_round(ftok)
    at = open_workshop(p=t1)
    assert "Round 1: 2 partners" in texts(at)  # the group's round-1 result beside their own
    assert not button(at, "Submit again").disabled


def test_facilitator_view_shows_everyone_the_group_and_agreement(db):
    w, ftok = workshop.create(db, "Porto", loader.load_countries())
    for name, wts in (("NEPIC", TECH), ("Veneto Nanotech", TECH), ("Plastipolis", BUSINESS)):
        _, t = db.join(w.join_code, name)
        workshop.submit(db, t, wts)
    db.join(w.join_code, "Late cluster")
    at = open_workshop(f=ftok)
    page = texts(at)
    assert "Group ranking" in page and "Agreement" in page and "Factions" in page
    assert "In: NEPIC, Veneto Nanotech, Plastipolis" in page and "Waiting for: Late cluster" in page
    assert any(m.value == "3 of 4" for m in at.metric)
    table = at.table[0].value
    assert list(table.columns) == ["Top 3", "Candidate", "Mean weights", "Median weights", "Borda", "Copeland"]
    res = workshop.results(db, w)
    assert list(table["Candidate"]) == [res.matrix.names[i] for i in res.group["mean"].order]
    assert "Kendall's W" in at.metric[0].label
    assert len(at.get("plotly_chart")) == 1 and len(at.get("vega_lite_chart")) == 1


def test_facilitator_controls_close_round_and_hide_names(db):
    w, ftok = workshop.create(db, "Porto", loader.load_countries())
    _, t = db.join(w.join_code, "NEPIC")
    workshop.submit(db, t, TECH)
    at = open_workshop(f=ftok)
    button(at, "Close round 1").click()
    at.run()
    assert db.facilitator(ftok).round_open is False
    assert shown(at.title[0].value) == "Porto · round 1 (closed)"
    names = next(t for t in at.toggle if t.label == "Show partners' names")
    names.set_value(False).run()
    assert db.facilitator(ftok).show_names is False
    assert "In: P1" in texts(at) and "NEPIC" not in texts(at)


def test_presentation_mode_hides_the_controls(db):
    w, ftok = workshop.create(db, "Porto", loader.load_countries())
    at = open_workshop(f=ftok, present="1")
    assert not any(b.label.startswith("Close round") for b in at.button)
    assert at.toggle[0].value is True


@pytest.mark.parametrize("params, message", [
    ({"f": "tampered"}, "facilitator link (token) is not valid"),
    ({"p": "tampered"}, "personal link (token) is not valid"),
])
def test_wrong_tokens_show_a_plain_message_and_nothing_else(db, params, message):
    w, ftok = workshop.create(db, "Secret workshop name", loader.load_countries())
    at = open_workshop(**params)
    assert message in shown(at.error[0].value)
    assert "Secret workshop name" not in texts(at)
    assert not at.table and not at.slider


def test_a_broken_store_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database" * 100)
    monkeypatch.setenv(store.ENV_URL, f"sqlite:///{junk}")
    at = open_workshop()
    assert "The workshop store cannot be used" in at.error[0].value


def test_names_from_the_room_are_shown_as_text(db):
    w, ftok = workshop.create(db, "**Bold** [link](http://example.org) $x$", loader.load_countries())
    _, t = db.join(w.join_code, "![img](http://example.org/beacon.png) <b>Org</b>")
    workshop.submit(db, t, TECH)
    at = open_workshop(f=ftok)
    assert at.title[0].value.startswith(r"\*\*Bold\*\* \[link\]\(http")  # escaped: no emphasis, no link
    assert shown(at.title[0].value).startswith("**Bold** [link](http")
    joined = next(c.value for c in at.caption if "In:" in c.value)
    assert r"\!\[img\]" in joined and r"\<b\>" in joined
