"""The workshop store against real SQLite and PostgreSQL databases (the same tests for both)."""

import sqlite3
import threading

import pytest
from sqlalchemy import text

from wiintech import loader, store, workshop
from wiintech.errors import AccessError, StoreError
from wiintech.store import Store

SURVEY = loader.load_countries()
TECH = {"N": 1, "Na": 1, "N1": 5, "reach": 0}
BUSINESS = {"N": 5, "Na": 1, "N1": 0, "reach": 5}


@pytest.fixture
def s(db_url):
    return Store(db_url)


def new(s, name="Porto"):
    return workshop.create(s, name, SURVEY)


def test_create_join_submit_and_read_back(s):
    w, ftok = new(s)
    assert len(w.join_code) == store.JOIN_CODE_LENGTH and w.round == 1 and w.round_open
    p, ptok = s.join(w.join_code.lower(), "  NEPIC  ")  # codes are case-insensitive, names trimmed
    assert (p.name, p.label) == ("NEPIC", "P1")
    sub = workshop.submit(s, ptok, TECH, "tech first")
    assert (sub.round, sub.weights, sub.comment) == (1, {k: float(v) for k, v in TECH.items()}, "tech first")
    assert s.facilitator(ftok).id == w.id
    assert s.partner(ptok)[1].id == p.id
    assert s.revision(w.id) > w.revision


def test_tokens_are_stored_hashed_never_in_clear(s, db_url):
    w, ftok = new(s)
    _, ptok = s.join(w.join_code, "NEPIC")
    with s.engine.connect() as c:
        dump = " ".join(str(v) for table in ("workshops", "partners")
                        for row in c.execute(text(f"SELECT * FROM {table}")) for v in row)
    assert ftok not in dump and ptok not in dump
    assert store.hash_token(ftok) in dump and store.hash_token(ptok) in dump


def test_wrong_missing_or_foreign_tokens_are_refused(s):
    w, ftok = new(s)
    other, other_f = new(s, "Another")
    _, ptok = s.join(w.join_code, "NEPIC")
    for bad in ("", "x" * 32, ftok[:-1] + ("A" if ftok[-1] != "A" else "B")):
        with pytest.raises(AccessError, match="not valid"):
            s.facilitator(bad)
        with pytest.raises(AccessError, match="not valid"):
            s.partner(bad)
    with pytest.raises(AccessError, match="not valid"):
        s.facilitator(ptok)  # a partner token opens no facilitator control
    with pytest.raises(AccessError):
        s.close_round(ptok)
    with pytest.raises(AccessError, match="not valid"):
        s.partner(ftok)
    assert s.facilitator(other_f).id != w.id  # each facilitator token opens its own workshop only
    with pytest.raises(AccessError, match="No workshop has the join code"):
        s.join("ZZZZZZ", "NEPIC")


def test_a_partner_token_changes_only_that_partners_submissions(s):
    w, ftok = new(s)
    _, t1 = s.join(w.join_code, "NEPIC")
    _, t2 = s.join(w.join_code, "Plastipolis")
    workshop.submit(s, t1, TECH)
    workshop.submit(s, t2, BUSINESS)
    workshop.submit(s, t1, BUSINESS)
    history = s.history(w.id)
    by_partner = {}
    for sub in history:
        by_partner.setdefault(sub.partner_id, []).append(sub.weights)
    p1, p2 = s.partner(t1)[1].id, s.partner(t2)[1].id
    assert len(by_partner[p1]) == 2 and len(by_partner[p2]) == 1
    assert by_partner[p2] == [{k: float(v) for k, v in BUSINESS.items()}]
    # A partner cannot remove anything; only the facilitator can, and it stays in the history.
    with pytest.raises(AccessError):
        s.remove_submission(t1, history[1].id)
    s.remove_submission(ftok, history[1].id)
    assert [x.removed for x in s.history(w.id)] == [False, True, False]
    with pytest.raises(AccessError, match="not in this workshop"):
        _, f2 = new(s, "Other")
        s.remove_submission(f2, history[0].id)


def test_resubmitting_replaces_only_the_count_and_rounds_keep_everything(s):
    w, ftok = new(s)
    _, t1 = s.join(w.join_code, "NEPIC")
    workshop.submit(s, t1, TECH)
    workshop.submit(s, t1, BUSINESS)
    s.close_round(ftok)
    with pytest.raises(AccessError, match="Round 1 is closed"):
        workshop.submit(s, t1, TECH)
    w2 = s.open_next_round(ftok)
    assert (w2.round, w2.round_open, w2.revealed_through) == (2, True, 1)
    workshop.submit(s, t1, TECH)
    history = s.history(w.id)
    assert [(x.round, x.weights["N"]) for x in history] == [(1, 1.0), (1, 5.0), (2, 1.0)]
    assert store.latest(history, 1)[history[0].partner_id].id == history[1].id
    rounds = s.rounds(w.id)
    assert [r.number for r in rounds] == [1, 2] and rounds[0].closed_at and rounds[1].closed_at is None


def test_facilitator_switches(s):
    w, ftok = new(s)
    assert s.set_show_names(ftok, False).show_names is False
    assert s.reveal(ftok).revealed_through == 1
    assert s.reveal(ftok, 0).revealed_through == 0
    assert s.close_round(ftok).round_open is False
    assert s.reopen_round(ftok).round_open is True


def test_eight_threads_of_25_submissions_lose_nothing(s):
    w, _ = new(s)
    tokens = [s.join(w.join_code, f"Org {i}")[1] for i in range(8)]
    errors = []

    def partner(i, token):
        try:
            for n in range(25):
                s.submit(token, {"N": i, "Na": n, "N1": 1, "reach": 1})
        except Exception as exc:  # noqa: BLE001 — any failure at all is the test's finding
            errors.append(repr(exc))

    threads = [threading.Thread(target=partner, args=(i, t)) for i, t in enumerate(tokens)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    history = s.history(w.id)
    assert len(history) == 200
    latest = store.latest(history, 1)
    assert len(latest) == 8
    assert sorted((sub.weights["N"], sub.weights["Na"]) for sub in latest.values()) == [(i, 24) for i in range(8)]
    assert s.revision(w.id) == 1 + 8 + 200  # created, 8 joins, 200 submissions: no lost update


def test_concurrent_joins_get_distinct_labels(s):
    w, _ = new(s)
    labels, errors = [], []

    def join(i):
        try:
            labels.append(s.join(w.join_code, f"Org {i}")[0].label)
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))

    threads = [threading.Thread(target=join, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(labels, key=lambda x: int(x[1:])) == [f"P{i}" for i in range(1, 9)]


def test_names_and_comments_are_bounded(s):
    w, _ = new(s)
    with pytest.raises(AccessError, match="cannot be empty"):
        s.join(w.join_code, "   ")
    with pytest.raises(AccessError, match="longer than 120"):
        s.join(w.join_code, "x" * 121)
    _, t = s.join(w.join_code, "NEPIC")
    with pytest.raises(AccessError, match="longer than 1000"):
        s.submit(t, TECH, "y" * 1001)


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(sqlite_url):
    s = Store(sqlite_url)
    with s.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000


@pytest.mark.parametrize("version, message", [
    ("0", "schema '0'.*move the file aside"),  # older: cannot be upgraded, says what to do
    ("99", "newer version of this app"),
])
def test_another_schema_version_is_refused_with_what_to_do(tmp_path, version, message):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE wiintech_meta (key TEXT PRIMARY KEY, value TEXT)")
        c.execute("INSERT INTO wiintech_meta VALUES ('schema_version', ?)", (version,))
    with pytest.raises(StoreError, match=message):
        Store(f"sqlite:///{path}")


def test_a_foreign_database_and_a_file_that_is_not_one_are_refused(tmp_path):
    path = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE workshops (id INTEGER)")
    with pytest.raises(StoreError, match="not written by this app"):
        Store(f"sqlite:///{path}")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="Cannot open the workshop store"):
        Store(f"sqlite:///{junk}")


def test_the_url_setting(monkeypatch):
    monkeypatch.delenv(store.ENV_URL, raising=False)
    assert store.database_url() == f"sqlite:///{store.DEFAULT_PATH}"
    monkeypatch.setenv(store.ENV_URL, "postgresql://u@h/db")
    assert store.database_url() == "postgresql+psycopg://u@h/db"  # psycopg 3, not psycopg2
    assert store.database_url("sqlite:///x.db") == "sqlite:///x.db"
    with pytest.raises(StoreError, match="not a database URL"):
        store.engine_for("not a url")


# -- schema 2: entries and room edits -------------------------------------------------------------

def test_a_schema_1_store_is_upgraded_in_place_and_keeps_its_workshops(tmp_path):
    path = tmp_path / "v1.sqlite3"
    url = f"sqlite:///{path}"
    s = Store(url)
    w, ftok = new(s)
    _, ptok = s.join(w.join_code, "NEPIC")
    workshop.submit(s, ptok, TECH)
    with sqlite3.connect(path) as c:  # make it what schema 1 wrote
        c.execute("DROP TABLE entries")
        c.execute("DROP TABLE room_edits")
        c.execute("UPDATE wiintech_meta SET value = '1' WHERE key = 'schema_version'")
    store._engines.pop(url).dispose()
    s2 = Store(url)
    assert len(s2.history(w.id)) == 1 and s2.facilitator(ftok).id == w.id
    s2.add_entry(ptok, "questionnaire", "Japan", {"select": True})
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT value FROM wiintech_meta").fetchone() == ("2",)


def test_entries_belong_to_their_partner_and_the_newest_counts(s):
    w, ftok = new(s)
    p1, t1 = s.join(w.join_code, "NEPIC")
    p2, t2 = s.join(w.join_code, "Plastipolis")
    s.add_entry(t1, "score", "Suape", {"fit": 7})
    s.add_entry(t1, "score", "Suape", {"fit": 9})
    s.add_entries(t2, [("score", "Suape", {"fit": 3}), ("score", "ICC", {"fit": 5})])
    note = s.add_facilitator_entry(ftok, "note", "Mississippi", {"text": "agreed without scores"})
    assert note.partner_id is None
    found = s.entries(w.id, "score")
    assert len(found) == 4
    counted = store.newest_entries(found, 1)
    assert counted[(p1.id, "score", "Suape")].payload == {"fit": 9}
    assert counted[(p2.id, "score", "ICC")].payload == {"fit": 5}
    assert [e.payload for e in s.own_entries(t2)] == [{"fit": 3}, {"fit": 5}]  # only their own
    with pytest.raises(AccessError, match="not valid"):
        s.add_facilitator_entry(t1, "note", "x", {})  # a partner is not the facilitator
    s.remove_entry(ftok, found[0].id)
    assert s.entries(w.id, "score")[0].removed
    s.close_round(ftok)
    with pytest.raises(AccessError, match="closed"):
        s.add_entry(t1, "score", "Suape", {"fit": 1})
    s.add_facilitator_entry(ftok, "setting", "rule", {"rule": "x"})  # the facilitator still can


def test_entries_are_bounded_and_all_or_nothing(s):
    w, _ = new(s)
    _, t1 = s.join(w.join_code, "NEPIC")
    with pytest.raises(AccessError, match="longer than"):
        s.add_entries(t1, [("score", "A", {"fit": 1}), ("score", "B", {"x": "y" * (store.MAX_PAYLOAD + 1)})])
    assert s.entries(w.id) == []


def test_concurrent_entries_lose_nothing(s):
    w, _ = new(s)
    tokens = [s.join(w.join_code, f"Org {i}")[1] for i in range(6)]
    errors = []

    def answer(tok):
        try:
            for j in range(10):
                s.add_entry(tok, "questionnaire", f"C{j}", {"select": j % 2 == 0})
        except Exception as exc:  # noqa: BLE001 - surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=answer, args=(t,)) for t in tokens]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert errors == []
    assert len(s.entries(w.id, "questionnaire")) == 60
    assert len(store.newest_entries(s.entries(w.id))) == 60


def test_room_edits_are_kept_per_room_and_page(s):
    room, other = Store.new_room(), Store.new_room()
    assert room != other and s.load_edits(room, "clusters") is None
    assert s.save_edits(room, "clusters", {"Suape": {"fit": 9}}) == 1
    assert s.save_edits(room, "clusters", {"Suape": {"fit": 8}}) == 2
    assert s.load_edits(room, "clusters") == {"Suape": {"fit": 8}}
    assert s.load_edits(other, "clusters") is None and s.load_edits(room, "competence") is None
    s.clear_edits(room, "clusters")
    assert s.load_edits(room, "clusters") is None
    for bad in ("", "short", "UPPERCASEKEY123", "../../etc/passwd", "x" * 65):
        with pytest.raises(AccessError, match="room key"):
            s.load_edits(bad, "clusters")


def test_tokens_never_begin_with_a_dash_which_a_command_line_reads_as_an_option():
    # 1 in 64 of secrets.token_urlsafe begins with "-": CI once drew one (workshop submit -xyz… failed).
    assert not any(store.new_token().startswith("-") for _ in range(2000))
    assert len(store.new_token()) == 32
