"""wiintech.scoring: the cluster scoring round, from the partners' scores in the store to the group's
scores, their spread, the totals, the consensus notes and the files."""

import csv
import io
import threading

import numpy as np
import pytest

from wiintech import loader, scoring, workshop
from wiintech.errors import AccessError, InputError
from wiintech.store import Store

TARGETS = loader.load_cluster_targets()
SURVEY = loader.load_countries()
CLUSTERS = [c.name for c in loader.load_eu_clusters()]
REPORT_TOTALS = {"Suape/Pernambuco": 700, "Rio Grande do Sul/Porto Alegre": 343, "PlastIndia": 490,
                 "Indian Chemical Council": 700, "SPI: The Plastics Industry Trade Association Inc": 150,
                 "San Diego": 100, "Nagano techno Foundation": 63, "Japan Plastics Industry Federation (JPIF)": 21,
                 "Kyushu Recycle & Environmental Industry Plaza": 70}
SUAPE, PORTO = "Suape/Pernambuco", "Rio Grande do Sul/Porto Alegre"


def room(url, partners=("NEPIC", "Proplast", "Plastival")):
    s = Store(url)
    w, ftok = workshop.create(s, "Scoring", SURVEY)
    tokens = {}
    for name in partners:
        _, tokens[name] = s.join(w.join_code, name)
    return s, ftok, tokens


def res_of(s, ftok, rnd=None):
    return scoring.results(s, s.facilitator(ftok), TARGETS, rnd)


def sc(fit, size, interaction):
    return {"fit": fit, "size": size, "interaction": interaction}


@pytest.fixture
def three(sqlite_url):
    """Three partners score Suape: fit 10/7/3, size 10/10/5, interaction 7/1/1."""
    s, ftok, tokens = room(sqlite_url)
    for name, score in zip(tokens, (sc(10, 10, 7), sc(7, 10, 1), sc(3, 5, 1))):
        scoring.record_scores(s, tokens[name], TARGETS, {SUAPE: score})
    return s, ftok, tokens


def test_median_and_spread_on_a_hand_worked_example(three):
    s, ftok, _ = three
    row = res_of(s, ftok).row(SUAPE)
    fit, size, inter = row.cells["fit"], row.cells["size"], row.cells["interaction"]
    assert (fit.group, size.group, inter.group) == (7, 10, 1)
    assert row.total == 70  # 7 × 10 × 1
    # fit 3, 7, 10: Q1 = 3 + 0.5 × 4 = 5, Q3 = 7 + 0.5 × 3 = 8.5
    assert (fit.n, fit.low, fit.q1, fit.q3, fit.high, fit.iqr) == (3, 3, 5, 8.5, 10, 3.5)
    assert (size.q1, size.q3, size.iqr) == (7.5, 10, 2.5)  # 5, 10, 10
    assert (inter.q1, inter.q3, inter.iqr) == (1, 4, 3)  # 1, 1, 7
    assert row.disagreement == 3.5 + 2.5 + 3
    assert fit.spread() == "IQR 3.5 · 3–10 · n=3"


def test_the_mean_is_a_workshop_setting(three):
    s, ftok, _ = three
    scoring.set_aggregation(s, ftok, "mean")
    res = res_of(s, ftok)
    row = res.row(SUAPE)
    assert res.aggregation == "mean"
    assert [row.cells[k].group for k in ("fit", "size", "interaction")] == pytest.approx([20 / 3, 25 / 3, 3])
    assert row.total == pytest.approx(20 / 3 * 25 / 3 * 3)
    assert row.cells["fit"].median == 7  # the spread is the same whatever the aggregation
    scoring.set_aggregation(s, ftok, "median")
    assert res_of(s, ftok).row(SUAPE).total == 70
    with pytest.raises(InputError, match="not an aggregation"):
        scoring.set_aggregation(s, ftok, "mode")


def test_an_even_number_of_scores_has_a_half_point_median(three):
    s, ftok, tokens = three
    _, t4 = s.join(s.facilitator(ftok).join_code, "Poolnet")
    scoring.record_scores(s, t4, TARGETS, {SUAPE: sc(5, 10, 10)})
    row = res_of(s, ftok).row(SUAPE)
    assert row.cells["fit"].group == 6  # 3, 5, 7, 10
    assert row.cells["interaction"].group == 4  # 1, 1, 7, 10
    assert row.total == 6 * 10 * 4


def test_the_most_disputed_candidates_come_first(three):
    s, ftok, tokens = three
    for name, score in zip(tokens, (sc(7, 7, 7), sc(7, 7, 7), sc(7, 7, 8))):  # Porto: nearly agreed
        scoring.record_scores(s, tokens[name], TARGETS, {PORTO: score})
    order = [r.name for r in res_of(s, ftok).disputed()]
    assert order[:2] == [SUAPE, PORTO]
    # Nobody scored the others yet: listed after; the two candidates the report noted come from the
    # data with no note until the facilitator records one.
    assert set(order[2:]) == {c.name for c in TARGETS.candidates} - {SUAPE, PORTO}


def test_a_partners_newest_score_counts_and_carries_into_the_next_round(three):
    s, ftok, tokens = three
    scoring.record_scores(s, tokens["NEPIC"], TARGETS, {SUAPE: sc(1, 1, 1)})
    assert res_of(s, ftok).row(SUAPE).cells["fit"].scores == (1, 7, 3)
    s.open_next_round(ftok)
    scoring.record_scores(s, tokens["Proplast"], TARGETS, {SUAPE: sc(9, 9, 9)})
    now, before = res_of(s, ftok), res_of(s, ftok, 1)
    assert now.row(SUAPE).cells["fit"].scores == (1, 9, 3)  # NEPIC and Plastival carried over
    assert before.row(SUAPE).cells["fit"].scores == (1, 7, 3)


def test_a_consensus_note_replaces_the_total_and_can_be_withdrawn(three):
    s, ftok, _ = three
    scoring.record_note(s, ftok, TARGETS, SUAPE, "  Consensus:   contact them first ")
    row = res_of(s, ftok).row(SUAPE)
    assert row.note == "Consensus: contact them first" and row.total is None
    assert row.cells["fit"].n == 3  # the scores are kept, only not totalled
    agg = res_of(s, ftok).aggregated_targets()
    suape = next(c for c in agg.candidates if c.name == SUAPE)
    assert suape.scores is None and suape.consensus_note == "Consensus: contact them first"
    scoring.record_note(s, ftok, TARGETS, SUAPE, "")
    assert res_of(s, ftok).row(SUAPE).total == 70


def test_proposed_candidates_join_the_round(three):
    s, ftok, tokens = three
    scoring.propose(s, ftok, TARGETS, "Akron Polymer Cluster", "USA")
    res = res_of(s, ftok)
    assert [r.name for r in res.rows if r.country == "USA"][-1] == "Akron Polymer Cluster"
    assert res.row("Akron Polymer Cluster").proposed
    scoring.record_scores(s, tokens["NEPIC"], TARGETS, {"Akron Polymer Cluster": sc(7, 5, 3)})
    agg = res_of(s, ftok).aggregated_targets()
    akron = next(c for c in agg.candidates if c.name == "Akron Polymer Cluster")
    assert (akron.country, akron.scores, akron.source) == ("USA", sc(7, 5, 3), scoring.PROPOSED_SOURCE)
    for name, country, message in (("akron polymer cluster", "USA", "already a candidate"),
                                   ("San Diego", "USA", "already a candidate"),
                                   ("Somewhere", "Mexico", "not one of the countries"),
                                   ("  ", "USA", "Give the new candidate's name")):
        with pytest.raises(InputError, match=message):
            scoring.propose(s, ftok, TARGETS, name, country)


@pytest.mark.parametrize("payload, message", [
    (sc(11, 5, 5), "Fit for Programme: 11 is outside 1–10"),
    (sc(0, 5, 5), "outside 1–10"),
    (sc(7.5, 5, 5), "7.5 is not a whole number"),
    (sc(True, 5, 5), "not a whole number"),
    (sc("high", 5, 5), "'high' is not a number"),
    ({"fit": 5, "size": 5}, "Interaction: give a score from 1 to 10"),
    ({**sc(5, 5, 5), "intraction": 3}, "'intraction' is not a criterion"),
    ("10", "give a score for each of"),
])
def test_bad_scores_are_refused_with_a_sentence(three, payload, message):
    s, ftok, tokens = three
    with pytest.raises(InputError, match=message):
        scoring.record_scores(s, tokens["NEPIC"], TARGETS, {SUAPE: payload})
    with pytest.raises(InputError, match="not a candidate of this scoring round"):
        scoring.record_scores(s, tokens["NEPIC"], TARGETS, {"Atlantis": sc(5, 5, 5)})
    assert res_of(s, ftok).row(SUAPE).cells["fit"].scores == (10, 7, 3)  # nothing half-recorded


def test_whole_numbers_given_as_text_or_floats_are_taken():
    assert scoring.check_score(TARGETS, SUAPE, {"fit": "7", "size": 10.0, "interaction": 1}) == sc(7, 10, 1)


def test_demo_scores_medians_are_tables_10_to_13():
    demo = scoring.demo_scores(TARGETS)
    assert list(demo) == CLUSTERS and len(demo) == 8
    spread = 0
    for cand in TARGETS.scored():
        total = 1
        for key in ("fit", "size", "interaction"):
            given = [demo[p][cand.name][key] for p in demo]
            assert all(isinstance(v, int) and 1 <= v <= 10 for v in given)
            assert np.median(given) == cand.scores[key], (cand.name, key)
            spread += len(set(given)) > 1
            total *= np.median(given)
        assert total == REPORT_TOTALS[cand.name]
    assert spread >= 20  # most of the 27 cells show disagreement; not everyone gives the same score
    assert all(c.name not in demo[CLUSTERS[0]] for c in TARGETS.unscored())


def test_the_demo_filled_in_a_store_reproduces_the_report(db_url, tmp_path):
    s, ftok, tokens = room(db_url, CLUSTERS)
    scoring.fill_demo(s, ftok, tokens, TARGETS)
    res = res_of(s, ftok)
    assert {r.name: r.total for r in res.rows if r.total is not None} == REPORT_TOTALS
    notes = {r.name: r.note for r in res.rows if r.note}
    assert notes == {c.name: c.consensus_note for c in TARGETS.unscored()}
    assert len(res.scorers) == 8 and all(r.n == 8 for r in res.rows if not r.note)
    # The aggregated result is the shipped file's targets, and its YAML loads back equal.
    assert res.aggregated_targets() == TARGETS
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "cluster_targets.yaml").write_bytes(scoring.aggregated_yaml(res))
    assert loader.load_cluster_targets(tmp_path / "data") == TARGETS
    assert res.disputed()[0].name == "San Diego"


def test_a_rescored_round_writes_yaml_that_loads_back_equal(three, tmp_path):
    s, ftok, tokens = three
    scoring.propose(s, ftok, TARGETS, "=HYPERLINK(\"x\")", "Japan")
    scoring.record_scores(s, tokens["NEPIC"], TARGETS, {"=HYPERLINK(\"x\")": sc(3, 3, 3)})
    scoring.record_note(s, ftok, TARGETS, "San Diego", "Too far from our members")
    res = res_of(s, ftok)
    agg = res.aggregated_targets()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "cluster_targets.yaml").write_bytes(scoring.aggregated_yaml(res))
    assert loader.load_cluster_targets(tmp_path / "data") == agg
    names = [c.name for c in agg.candidates]
    # Scored or noted candidates only: the ones nobody scored or noted yet are left out (the round
    # starts without the report's notes; the facilitator records the room's own).
    assert set(names) == {SUAPE, "=HYPERLINK(\"x\")", "San Diego"}
    suape = next(c for c in agg.candidates if c.name == SUAPE)
    assert suape.scores == sc(7, 10, 1) and suape.printed_total is None and suape.source == "workshop edit"


def test_the_csv_files_carry_every_score_and_neutralise_formulas(three):
    s, ftok, tokens = three
    scoring.propose(s, ftok, TARGETS, "=cmd()", "India")
    scoring.record_scores(s, tokens["NEPIC"], TARGETS, {SUAPE: sc(9, 9, 9), "=cmd()": sc(1, 2, 3)})
    w = s.facilitator(ftok)
    raw = scoring.scores_csv(w, s.partners(w.id), s.entries(w.id), TARGETS)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 5
    first = rows[0]
    assert (first["partner"], first["label"], first["round"], first["candidate"], first["Fit for Programme"],
            first["status"]) == ("NEPIC", "P1", "1", SUAPE, "10", "replaced")
    assert first["recorded_at"].endswith("Z")
    assert [r["status"] for r in rows if r["partner"] == "NEPIC"] == ["replaced", "counts", "counts"]
    assert "'=cmd()" in [r["candidate"] for r in rows]
    hidden = scoring.scores_csv(w, s.partners(w.id), s.entries(w.id), TARGETS, show_names=False)
    assert b"NEPIC" not in hidden
    agg = list(csv.DictReader(io.StringIO(scoring.aggregated_csv(res_of(s, ftok)).decode("utf-8-sig"))))
    suape = next(r for r in agg if r["candidate"] == SUAPE)
    assert (suape["Fit for Programme"], suape["Size"], suape["Interaction"], suape["total"]) == ("7", "9", "1", "63")
    assert suape["aggregation"] == "Median of the partners' scores" and "Fit × Size × Interaction" in suape["total_method"]
    assert "'=cmd()" in [r["candidate"] for r in agg]


def test_a_partner_changes_only_their_own_scores(db_url):
    s, ftok, tokens = room(db_url)
    scoring.record_scores(s, tokens["NEPIC"], TARGETS, {SUAPE: sc(5, 5, 5)})
    scoring.record_scores(s, tokens["Proplast"], TARGETS, {SUAPE: sc(9, 9, 9)})
    scoring.record_scores(s, tokens["Proplast"], TARGETS, {SUAPE: sc(2, 2, 2)})
    res = res_of(s, ftok)
    by = {p.id: p.name for p in s.partners(s.facilitator(ftok).id)}
    counted = {by[e.partner_id]: e.payload for e in res.entries if e.kind == "score"}
    assert counted == {"NEPIC": sc(5, 5, 5), "Proplast": sc(2, 2, 2)}
    assert res.row(SUAPE).cells["fit"].scores == (5, 2)
    assert [e.partner_id for e in s.own_entries(tokens["NEPIC"])] == [next(i for i, n in by.items() if n == "NEPIC")]
    with pytest.raises(AccessError):
        scoring.record_scores(s, "not-a-token", TARGETS, {SUAPE: sc(1, 1, 1)})
    with pytest.raises(AccessError):  # a partner's token does not open the facilitator's notes
        scoring.record_note(s, tokens["NEPIC"], TARGETS, SUAPE, "mine")
    s.close_round(ftok)
    with pytest.raises(AccessError, match="closed"):
        scoring.record_scores(s, tokens["NEPIC"], TARGETS, {SUAPE: sc(1, 1, 1)})
    scoring.record_note(s, ftok, TARGETS, SUAPE, "The facilitator can still note")  # allowed when closed


def test_concurrent_scores_lose_nothing(db_url):
    names = CLUSTERS
    s, ftok, tokens = room(db_url, names)
    cands = [c.name for c in TARGETS.scored()]
    errors = []

    def partner(i, token):
        try:
            for j in range(5):
                scoring.record_scores(s, token, TARGETS, {c: sc(1 + (i + j) % 10, 1 + j, 1 + i) for c in cands})
        except Exception as exc:  # noqa: BLE001 — surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=partner, args=(i, t)) for i, t in enumerate(tokens.values())]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    w = s.facilitator(ftok)
    assert len(s.entries(w.id, "score")) == 8 * 5 * len(cands)
    res = res_of(s, ftok)
    for r in res.rows:
        if r.name in cands:
            assert sorted(r.cells["interaction"].scores) == list(range(1, 9))  # each partner's newest
            assert r.cells["size"].scores == (5,) * 8


def test_the_command_line_writes_the_apps_files(sqlite_url):
    from tests.test_workshop import run
    s, ftok, tokens = room(sqlite_url, CLUSTERS)
    scoring.fill_demo(s, ftok, tokens, TARGETS)
    res = res_of(s, ftok)
    w = s.facilitator(ftok)
    assert run("workshop", "scores", ftok, db=sqlite_url).stdout == scoring.aggregated_csv(res)
    assert run("workshop", "scores", ftok, "--yaml", db=sqlite_url).stdout == scoring.aggregated_yaml(res)
    everyone = run("workshop", "scores", ftok, "--all", db=sqlite_url).stdout
    assert everyone == scoring.scores_csv(w, s.partners(w.id), s.entries(w.id), TARGETS)
    assert everyone.count(b"\r\n") == 1 + 8 * 9  # the header, then 8 partners × 9 scored candidates
    bad = run("workshop", "scores", tokens["NEPIC"], db=sqlite_url)
    assert bad.returncode == 2 and b"facilitator link (token) is not valid" in bad.stderr


def test_a_proposed_candidate_can_be_withdrawn(three):
    s, ftok, tokens = three
    scoring.propose(s, ftok, TARGETS, "Akron Polymer Cluster", "USA")
    scoring.record_scores(s, tokens["NEPIC"], TARGETS, {"Akron Polymer Cluster": sc(7, 5, 3)})
    scoring.withdraw(s, ftok, "Akron Polymer Cluster")
    res = res_of(s, ftok)
    assert "Akron Polymer Cluster" not in [r.name for r in res.rows]
    assert "Akron Polymer Cluster" not in [c.name for c in res.aggregated_targets().candidates]
    w = s.facilitator(ftok)
    table = scoring.scores_table(w, s.partners(w.id), s.entries(w.id), TARGETS)
    assert "Akron Polymer Cluster" in list(table["candidate"])  # the history keeps the score
    with pytest.raises(InputError, match="not a candidate proposed"):
        scoring.withdraw(s, ftok, "San Diego")
    scoring.propose(s, ftok, TARGETS, "Akron Polymer Cluster", "USA")  # it may be proposed again
    assert res_of(s, ftok).row("Akron Polymer Cluster").proposed
