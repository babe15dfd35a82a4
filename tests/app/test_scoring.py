"""The cluster scoring round on the workshop page, with AppTest: the partner's form, the facilitator's
group scores with their spread, notes, proposed candidates and the aggregation setting."""

import pytest

from tests.app.test_workshop import button, open_workshop, texts
from tests.conftest import seen, shown
from wiintech import loader, scoring, store, workshop
from wiintech.store import Store

TARGETS = loader.load_cluster_targets()
SUAPE = "Suape/Pernambuco"


@pytest.fixture
def db(sqlite_url, monkeypatch):
    monkeypatch.setenv(store.ENV_URL, sqlite_url)
    return Store(sqlite_url)


@pytest.fixture
def demo(db):
    """A workshop whose eight partners scored as the demo does, with the report's two notes."""
    w, ftok = workshop.create(db, "Scoring", loader.load_countries())
    tokens = {}
    for c in loader.load_eu_clusters():
        _, tokens[c.name] = db.join(w.join_code, c.name)
    scoring.fill_demo(db, ftok, tokens, TARGETS)
    return db, ftok, tokens


def inputs(at, candidate):
    return [n for n in at.number_input if n.label.startswith(f"{candidate} › ")]


def board(at):
    return seen(next(t for t in at.table if "Total / consensus note" in shown(" ".join(t.value.columns))))


def test_a_partner_scores_from_their_page_and_comes_back_to_their_scores(db):
    w, _ = workshop.create(db, "Scoring", loader.load_countries())
    _, ptok = db.join(w.join_code, "NEPIC")
    at = open_workshop(p=ptok)
    assert any(b.label == "Submit my scores" for b in at.button)
    # Every candidate of Tables 10–13 × the three criteria, empty until scored.
    assert len([n for n in at.number_input if (n.key or "").startswith("sc.")]) == 3 * len(TARGETS.candidates)
    fit = inputs(at, SUAPE)[0]
    assert fit.label == "Suape/Pernambuco › Fit for Programme" and fit.value is None
    assert "H = 10" in fit.help and "M = 5" in fit.help and "L = 1" in fit.help and "HML 1/5/10" in fit.help
    for box, v in zip(inputs(at, SUAPE), (10, 7, 5)):
        box.set_value(v)
    button(at, "Submit my scores").click()
    at.run()
    assert not at.exception
    assert "1 candidate scored for round 1" in at.success[0].value
    (entry,) = db.entries(w.id, "score")
    assert (entry.subject, entry.payload) == (SUAPE, {"fit": 10, "size": 7, "interaction": 5})
    again = open_workshop(p=ptok)
    assert [n.value for n in inputs(again, SUAPE)] == [10, 7, 5]
    assert any(b.label == "Submit my scores again" for b in again.button)


def test_a_half_scored_candidate_is_refused_and_nothing_recorded(db):
    w, _ = workshop.create(db, "Scoring", loader.load_countries())
    _, ptok = db.join(w.join_code, "NEPIC")
    at = open_workshop(p=ptok)
    inputs(at, SUAPE)[0].set_value(7)
    inputs(at, "San Diego")[1].set_value(3)
    button(at, "Submit my scores").click()
    at.run()
    assert "Suape/Pernambuco › Size: give a score from 1 to 10" in shown(at.error[0].value)
    assert db.entries(w.id, "score") == []


def test_a_closed_round_takes_no_scores(db):
    w, ftok = workshop.create(db, "Scoring", loader.load_countries())
    _, ptok = db.join(w.join_code, "NEPIC")
    db.close_round(ftok)
    at = open_workshop(p=ptok)
    assert button(at, "Submit my scores").disabled
    assert "Round 1 is closed: scores are not taken" in texts(at)


def test_the_facilitator_sees_group_scores_most_disputed_first_and_the_notes(demo):
    db, ftok, _ = demo
    at = open_workshop(f=ftok)
    assert not at.exception
    table = board(at)
    assert list(table.columns) == ["Candidate", "Country", "Fit for Programme", "Size", "Interaction", "n",
                                   "Total / consensus note"]
    res = scoring.results(db, db.facilitator(ftok), TARGETS)
    assert list(table["Candidate"]) == [r.name for r in res.disputed()]
    assert table["Candidate"][0] == "San Diego"
    totals = dict(zip(table["Candidate"], table["Total / consensus note"]))
    assert totals[SUAPE] == "700" and totals["Rio Grande do Sul/Porto Alegre"] == "343" and totals["San Diego"] == "100"
    san_diego = table.iloc[0]
    assert san_diego["Interaction"] == "1 (1–7, IQR 2.5)" and san_diego["n"] == "8"
    ohio = table[table["Candidate"] == "Ohio Polymer Institute"].iloc[0]
    assert ohio["Total / consensus note"].startswith("Note: Put forward at meeting – consensus was to make contact")
    assert (ohio["Fit for Programme"], ohio["Size"], ohio["Interaction"]) == ("—", "—", "—")
    assert any(m.label == "Partners who scored" and m.value == "8 of 8" for m in at.metric)
    assert "To discuss first:" in texts(at) and "San Diego" in texts(at)
    labels = [d.proto.label for d in at.get("download_button")]
    assert {"Group scores (CSV)", "Group scores (YAML for data/)", "Every score (CSV)"} <= set(labels)


def test_a_note_recorded_by_the_facilitator_replaces_the_total(demo):
    db, ftok, _ = demo
    at = open_workshop(f=ftok)
    note_form = next(s for s in at.selectbox if s.key == "sc.note.who")
    note_form.select("San Diego")
    next(t for t in at.text_area if t.key == "sc.note.text").input("Too far: contact later")
    button(at, "Record the note").click()
    at.run()
    assert not at.exception
    row = board(at).set_index("Candidate").loc["San Diego"]
    assert row["Total / consensus note"] == "Note: Too far: contact later" and row["Size"] == "—"
    w = db.facilitator(ftok)
    assert scoring.results(db, w, TARGETS).row("San Diego").note == "Too far: contact later"


def test_a_proposed_candidate_joins_the_board_and_the_partners_form(demo):
    db, ftok, tokens = demo
    at = open_workshop(f=ftok)
    next(t for t in at.text_input if t.key == "sc.propose.name").input("**Akron** [x](http://example.org)")
    next(s for s in at.selectbox if s.key == "sc.propose.country").select("USA")
    button(at, "Add it to the round").click()
    at.run()
    assert not at.exception
    table = board(at)
    # Shown as typed (the word joiner after "http" keeps the address from becoming a link).
    assert "**Akron** [x](http\u2060://example.org) (proposed)" in list(table["Candidate"])
    partner = open_workshop(p=tokens["NEPIC"])
    assert len(inputs(partner, "**Akron** [x](http://example.org)")) == 3
    assert r"\*\*Akron\*\*" in " ".join(m.value for m in partner.markdown)  # escaped, not bold
    # The same name again is refused with a sentence.
    next(t for t in at.text_input if t.key == "sc.propose.name").input("**akron** [x](http://example.org)")
    button(at, "Add it to the round").click()
    at.run()
    assert "already a candidate" in shown(at.error[0].value)


def test_the_mean_is_a_setting_of_the_workshop(demo):
    db, ftok, _ = demo
    at = open_workshop(f=ftok)
    next(r for r in at.radio if r.key == "sc.how").set_value("mean").run()
    assert not at.exception
    w = db.facilitator(ftok)
    assert scoring.results(db, w, TARGETS).aggregation == "mean"
    assert "Group score: mean of the partners' scores" in texts(at)
    assert board(at).set_index("Candidate").loc[SUAPE, "Total / consensus note"] != "700"


def test_presentation_mode_shows_the_board_without_the_controls(demo):
    _, ftok, _ = demo
    at = open_workshop(f=ftok, present="1")
    assert len(board(at)) == len(TARGETS.candidates)
    assert not any(b.label == "Record the note" for b in at.button)
    assert not [d for d in at.get("download_button") if d.proto.label.startswith("Group scores")]


def test_the_setting_follows_the_store_when_another_device_changes_it(demo):
    db, ftok, _ = demo
    at = open_workshop(f=ftok)
    assert next(r for r in at.radio if r.key == "sc.how").value == "median"
    scoring.set_aggregation(db, ftok, "mean")  # the facilitator's other device
    at.run()
    assert next(r for r in at.radio if r.key == "sc.how").value == "mean"
    at.run()
    w = db.facilitator(ftok)
    assert [e.payload for e in db.entries(w.id, "setting")] == [{"aggregation": "mean"}]  # not undone


def test_partners_see_the_groups_scores_once_revealed(demo):
    db, ftok, tokens = demo
    at = open_workshop(p=tokens["NEPIC"])
    assert "The group's scores, round 1" not in texts(at)
    db.reveal(ftok)
    at = open_workshop(p=tokens["NEPIC"])
    assert "The group's scores, round 1" in texts(at)
    table = board(at)
    assert table["Candidate"][0] == "San Diego" and len(table) == len(TARGETS.candidates)
    assert "Plastipolis" not in texts(at)  # the other partners' names are not shown


def test_the_partners_notice_says_what_changed():
    from ui.scoring_view import news
    drawn = (("Suape", None), ("San Diego", None))
    assert news(drawn, drawn) is None
    assert news(drawn, (*drawn, ("Akron", None))) == "new candidate: Akron"
    assert news(drawn, (("Suape", "Visit first"), ("San Diego", None), ("A", None), ("B", None))) == \
        "new candidates: A, B; a consensus note on Suape"
    assert news(drawn, (("Suape", None),)) == "a change to the candidates"


def test_the_facilitator_withdraws_a_proposed_candidate(demo):
    db, ftok, _ = demo
    scoring.propose(db, ftok, TARGETS, "Akron Polymer Cluster", "USA")
    at = open_workshop(f=ftok)
    assert "Akron Polymer Cluster (proposed)" in list(board(at)["Candidate"])
    button(at, "Withdraw it").click()
    at.run()
    assert not at.exception
    assert "Akron Polymer Cluster (proposed)" not in list(board(at)["Candidate"])
    assert not any(b.label == "Withdraw it" for b in at.button)


def test_means_are_shown_rounded():
    from ui.scoring_view import number
    assert [number(700.0, 1), number(8.5, 2), number(20 / 3, 2), number(20 / 3 * 25 / 3 * 3, 1)] == \
        ["700", "8.5", "6.67", "166.7"]
