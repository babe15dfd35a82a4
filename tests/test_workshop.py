"""wiintech.workshop: what a round's submissions add up to, its files, and the command line on the store."""

import contextlib
import io
import subprocess
import sys
from typing import NamedTuple

import numpy as np
import pandas as pd
import pytest
import yaml

from tests.conftest import ROOT
from wiintech import cli, consensus, export, loader, workshop
from wiintech.errors import InputError
from wiintech.rankfile import parse_rankings
from wiintech.store import Store

SURVEY = loader.load_countries()
TECH = {"N": 1, "Na": 1, "N1": 5, "reach": 0}  # first choices weigh most: Japan rises
BUSINESS = {"N": 5, "Na": 1, "N1": 0, "reach": 5}  # market size and SMEs: India rises


@pytest.fixture
def room(sqlite_url):
    """A workshop with two technology-minded and two business-minded partners."""
    s = Store(sqlite_url)
    w, ftok = workshop.create(s, "Porto", SURVEY)
    for name, wts in (("NEPIC", TECH), ("Veneto Nanotech", TECH), ("Plastipolis", BUSINESS),
                      ("Chemie Cluster Bayern", BUSINESS)):
        _, t = s.join(w.join_code, name)
        workshop.submit(s, t, wts)
    return s, ftok


def res_of(room, rnd=None):
    s, ftok = room
    return workshop.results(s, s.facilitator(ftok), rnd)


def test_the_mean_aggregation_ranks_with_the_mean_of_normalised_weights(room):
    res = res_of(room)
    t, b = np.array([1, 1, 5, 0]) / 7, np.array([5, 1, 0, 5]) / 11
    expect = dict(zip(("N", "Na", "N1", "reach"), (t + b) / 2))
    assert res.group_weights["mean"] == pytest.approx(expect)
    index = SURVEY  # the index terms of the report's formula, weighted by the mean weights
    scores = {c.name: expect["N"] * c.values["N"] + expect["Na"] * c.values["Na"] + expect["N1"] * c.values["N1"]
              + expect["reach"] * c.values["smes"] * c.values["accessibility"] / 100 for c in index.countries}
    g = res.group["mean"]
    assert dict(zip(g.items, g.scores)) == pytest.approx(scores)


def test_borda_and_copeland_count_the_partners_own_rankings(room):
    res = res_of(room)
    R = np.column_stack([r.ranks for r in res.own])
    for how in ("borda", "copeland"):
        expect = consensus.aggregate(consensus.Rankings.build(res.matrix.names, res.labels(), R), how)
        assert res.group[how].scores.tolist() == expect.scores.tolist()


def test_two_camps_show_as_two_factions_each_with_its_own_choice(room):
    res = res_of(room)
    found = res.factions(2, 3)
    assert [f["members"] for f in found] == [["NEPIC", "Veneto Nanotech"], ["Plastipolis", "Chemie Cluster Bayern"]]
    tech, business = found
    assert "Japan" in tech["top"] and "Japan" not in business["top"]
    for faction, above, below in ((tech, "Japan", "India"), (business, "India", "Japan")):
        r = workshop.rank(res.matrix, "seed", faction["weights"])
        pos = {res.matrix.names[i]: p for p, i in enumerate(r.order)}
        assert pos[above] < pos[below]
    assert res.agreement.kendall_w < 0.9


def test_hidden_names_show_labels_everywhere(room):
    s, ftok = room
    s.set_show_names(ftok, False)
    res = res_of(room)
    assert res.labels() == ["P1", "P2", "P3", "P4"]
    assert [f["members"] for f in res.factions(2, 3)] == [["P1", "P2"], ["P3", "P4"]]
    assert "NEPIC" not in workshop.rankings_csv(res).decode()


def test_group_csv_columns_and_round(room):
    df = pd.read_csv(io.BytesIO(workshop.group_csv(res_of(room), "median")), encoding="utf-8-sig")
    assert list(df.columns) == ["rank", "name", "score", "aggregation", "judges", "round", "method",
                                "normalisation", "weights"]
    assert set(df["round"]) == {1} and set(df["judges"]) == {4}
    assert df["method"][0] == "Report's synthetic index" and df["normalisation"][0] == "no normalisation"
    assert df["weights"][0].startswith("Priority Number (N)=")


def test_the_consensus_command_gives_the_apps_borda_on_the_exported_rankings(room, tmp_path):
    res = res_of(room)
    path = tmp_path / "rankings.csv"
    path.write_bytes(workshop.rankings_csv(res))
    for how in ("borda", "copeland"):
        out = subprocess.run([sys.executable, "-m", "wiintech", "consensus", str(path), "--method", how],
                             capture_output=True, cwd=ROOT, check=True).stdout
        app = export.csv_bytes(res.group_table(how)[["rank", "name", "score", "aggregation", "judges"]]
                               .assign(aggregation=consensus.AGGREGATIONS[how]))
        assert out == app
    stats = subprocess.run([sys.executable, "-m", "wiintech", "consensus", str(path), "--stats"],
                           capture_output=True, cwd=ROOT, check=True).stdout
    assert stats == workshop.stats_csv(res)


def test_submissions_table_keeps_every_submission_with_its_status(room):
    s, ftok = room
    w = s.facilitator(ftok)
    _, t = s.join(w.join_code, "=HYPERLINK(\"http://evil\")")
    workshop.submit(s, t, TECH, "+1 from us")
    workshop.submit(s, t, BUSINESS)
    history = s.history(w.id)
    s.remove_submission(ftok, history[0].id)
    table = workshop.submissions_table(w, s.partners(w.id), s.history(w.id))
    assert list(table["status"]) == ["removed", "counts", "counts", "counts", "replaced", "counts"]
    assert "Priority Number (N)" in table.columns
    data = export.csv_bytes(table).decode("utf-8-sig")
    assert "'=HYPERLINK" in data and "'+1 from us" in data  # spreadsheet formulas neutralised


def test_settings_yaml_loads_back(room):
    s, ftok = room
    w = s.facilitator(ftok)
    doc = yaml.safe_load(workshop.settings_yaml(w, s.rounds(w.id)))
    assert doc["workshop"] == "Porto" and doc["method"] == "seed" and doc["rounds"][0]["number"] == 1
    assert doc["candidates"][0] == "USA" and len(doc["values"]) == 9


def test_agreement_round_by_round(room):
    s, ftok = room
    w = s.open_next_round(ftok)
    table = workshop.agreement_by_round(workshop.results(s, w))
    assert list(table["round"]) == [1, 2] and list(table["partners"]) == [4, 0]
    assert table["kendall_w"].notna().tolist() == [True, False]


def test_a_round_with_no_submissions_has_no_group_ranking(room):
    s, ftok = room
    s.open_next_round(ftok)
    res = res_of(room)
    assert res.group == {} and res.agreement is None
    with pytest.raises(InputError, match="at least 2"):
        workshop.stats_csv(res)


@pytest.mark.parametrize("weights, message", [
    ({"N": 1, "Na": 1, "N1": 1}, "Give a weight for"),
    ({"N": 1, "Na": 1, "N1": 1, "reach": 6}, "from 0 to 5"),
    ({"N": 0, "Na": 0, "N1": 0, "reach": 0}, "All weights are 0"),
    ({"N": 1, "Na": 1, "N1": 1, "reach": 1, "price": 1}, "Unknown criterion 'price'"),
    ({"N": "lots", "Na": 1, "N1": 1, "reach": 1}, "must be a number"),
])
def test_bad_weights_are_refused_and_nothing_is_written(room, weights, message):
    s, ftok = room
    w = s.facilitator(ftok)
    _, t = s.join(w.join_code, "New")
    before = len(s.history(w.id))
    with pytest.raises(InputError, match=message):
        workshop.submit(s, t, weights)
    assert len(s.history(w.id)) == before


# -- the command line ---------------------------------------------------------------------------

class Done(NamedTuple):
    returncode: int
    stdout: bytes
    stderr: bytes


def run(*args, db=None) -> Done:
    """``python -m wiintech ARGS`` in this process (a subprocess per call would cost a second each)."""
    extra = ["--db", db] if db else []
    out, err = io.BytesIO(), io.StringIO()
    wrapper = io.TextIOWrapper(out, encoding="utf-8")
    with contextlib.redirect_stdout(wrapper), contextlib.redirect_stderr(err):
        try:
            code = cli.main([*args, *extra])
        except SystemExit as exc:  # argparse's own usage errors
            code = exc.code
    wrapper.flush()
    return Done(code, out.getvalue(), err.getvalue().encode())


def test_cli_choices_match_the_library():
    assert cli.CONSENSUS_METHODS == tuple(consensus.AGGREGATIONS)
    assert cli.GROUP_METHODS == tuple(workshop.GROUP_METHODS)


def test_workshop_from_the_command_line_gives_the_apps_bytes(db_url):
    made = run("workshop", "create", "Scripted", db=db_url)
    assert made.returncode == 0, made.stderr
    lines = dict(line.split("=", 1) for line in made.stdout.decode().split())
    ftok, code = lines["facilitator_token"], lines["join_code"]
    tokens = []
    for name in ("NEPIC", "Plastipolis"):
        j = run("workshop", "join", code, "--name", name, db=db_url)
        assert j.returncode == 0, j.stderr
        tokens.append(j.stdout.decode().strip().removeprefix("partner_token="))
    assert run("workshop", "submit", tokens[0], "--weights", "N1=5,reach=0", db=db_url).returncode == 0
    assert run("workshop", "submit", tokens[1], "--weights", "N=5,reach=5,N1=0", db=db_url).returncode == 0
    s = Store(db_url)
    res = workshop.results(s, s.facilitator(ftok))
    assert res.submissions[0].weights == {"N": 1.0, "Na": 1.0, "N1": 5.0, "reach": 0.0}  # missing = 1
    for how in workshop.GROUP_METHODS:
        out = run("workshop", "results", ftok, "--method", how, db=db_url)
        assert out.returncode == 0, out.stderr
        assert out.stdout == workshop.group_csv(res, how)
    assert run("workshop", "results", ftok, "--stats", db=db_url).stdout == workshop.stats_csv(res)


@pytest.mark.parametrize("args, message", [
    (["workshop", "results", "not-a-token"], "facilitator link (token) is not valid"),
    (["workshop", "join", "QQQQQQ", "--name", "X"], "No workshop has the join code QQQQQQ"),
    (["workshop", "submit", "nope", "--weights", "N=1"], "personal link (token) is not valid"),
    (["workshop", "create", "   "], "cannot be empty"),
    (["workshop", "create", "X", "--method", "wsum", "--norm", "none"], None),
])
def test_workshop_command_errors_are_words_and_exit_2(sqlite_url, args, message):
    out = run(*args, db=sqlite_url)
    if message is None:
        assert out.returncode == 0, out.stderr
        return
    assert out.returncode == 2
    assert message in out.stderr.decode()
    assert "Traceback" not in out.stderr.decode()


def test_a_refused_submission_writes_nothing(sqlite_url):
    lines = dict(line.split("=", 1) for line in run("workshop", "create", "W", db=sqlite_url).stdout.decode().split())
    tok = run("workshop", "join", lines["join_code"], "--name", "A", db=sqlite_url).stdout.decode().strip().split("=", 1)[1]
    bad = run("workshop", "submit", tok, "--weights", "N=9", db=sqlite_url)
    assert bad.returncode == 2 and "from 0 to 5" in bad.stderr.decode()
    s = Store(sqlite_url)
    assert s.history(s.facilitator(lines["facilitator_token"]).id) == []


def test_consensus_command_on_a_file(tmp_path):
    f = tmp_path / "r.csv"
    f.write_text("item,Ann,Bob,Cy\na,1,2,1\nb,2,1,2\nc,3,3,3\n", encoding="utf-8")
    out = run("consensus", str(f))
    assert out.returncode == 0
    assert out.stdout.decode("utf-8-sig").splitlines() == [
        "rank,name,score,aggregation,judges", "1,a,5,Borda count,3", "2,b,4,Borda count,3", "3,c,0,Borda count,3"]
    weighted = run("consensus", str(f), "--judge-weights", "Bob=3", "--method", "mean-rank")
    assert weighted.stdout.decode("utf-8-sig").splitlines()[1:3] == ["1,b,1.4,Mean rank,5", "2,a,1.6,Mean rank,5"]
    stats = run("consensus", str(f), "--stats").stdout.decode("utf-8-sig").splitlines()
    assert stats[0] == "judges,items,kendall_w,chi2,df,p_value"
    assert stats[1].startswith("3,3,0.777777778,4.666666667,2,")


@pytest.mark.parametrize("content, args, message", [
    ("item,A\nx,1\n", [], "at least 2 items"),
    ("item,A,B\nx,1,2\ny,2\n", [], "row 3 has 2 cells"),
    ("item,A\nx,1\ny,zero\n", [], "row 3 (y) › A: 'zero' is not a rank"),
    ("item,A\nx,1\nx,2\n", [], "'x' is repeated"),
    ("item,A,A\nx,1,1\ny,2,2\n", [], "'A' is repeated"),
    ("item,\nx,1\ny,2\n", [], "column 2 has no judge name"),
    ("item,A\nx,1\ny,2\n", ["--judge-weights", "Zed=2"], "unknown judge 'Zed'"),
    ("item,A\nx,1\ny,2\n", ["--judge-weights", "A=0"], "above 0"),
    ("item,A\nx,1\ny,2\n", ["--judge-weights", "A=2,A=3"], "A is given twice"),
    ("item,A\nx,1\ny,2\n", ["--method", "plurality"], "invalid choice"),
])
def test_consensus_command_errors(tmp_path, content, args, message):
    f = tmp_path / "r.csv"
    f.write_text(content, encoding="utf-8")
    out = run("consensus", str(f), *args)
    assert out.returncode == 2
    assert message in out.stderr.decode()


def test_consensus_missing_file():
    out = run("consensus", "no-such-file.csv")
    assert out.returncode == 2 and "file not found" in out.stderr.decode()


def test_rankings_file_round_trip(room):
    res = res_of(room)
    back = parse_rankings(workshop.rankings_csv(res).decode("utf-8-sig"))
    assert back.judges == tuple(res.labels()) and np.array_equal(back.ranks, res.rankings().ranks)
