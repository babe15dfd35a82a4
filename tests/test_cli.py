import csv
import io
import subprocess
import sys

import pytest

from wiintech import export, loader, report
from wiintech.cli import main


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "wiintech", *args], capture_output=True, cwd=cwd)


def rows(out: bytes):
    return list(csv.reader(io.StringIO(out.decode("utf-8-sig"))))


def test_rank_countries_reproduces_the_printed_index():
    res = run("rank", "countries")
    assert res.returncode == 0, res.stderr
    table = rows(res.stdout)
    assert table[0][:3] == ["rank", "name", "score"]
    assert table[1][:3] == ["1", "USA", "75.55"]
    scores = {r[1]: r[2] for r in table[1:]}
    assert scores == {"USA": "75.55", "China": "47.1", "Brazil": "44", "India": "25.5", "Japan": "23",
                      "Korea": "20.6", "Morocco": "20.32", "Mexico": "15.15", "Russia": "13.81"}


def test_rank_clusters_reproduces_the_printed_totals():
    res = run("rank", "clusters")
    assert res.returncode == 0
    table = rows(res.stdout)
    totals = {r[1]: r[2] for r in table[1:]}
    assert totals["Suape/Pernambuco"] == totals["Indian Chemical Council"] == "700"
    assert sorted(map(int, totals.values()), reverse=True) == [700, 700, 490, 343, 150, 100, 70, 63, 21]
    assert b"Ohio Polymer Institute" in res.stderr  # the unscored candidates are named, not dropped


def test_cli_bytes_equal_the_library_export(tmp_path):
    out = tmp_path / "r.csv"
    assert main(["rank", "countries", "--method", "topsis", "--weights", "N=2,smes=0.5", "-o", str(out)]) == 0
    ranking = report.rank_countries(loader.load_countries(), "topsis", {"N": 2, "smes": 0.5})
    assert out.read_bytes() == export.ranking_csv(ranking)


def test_clusters_of_one_country_with_weights(tmp_path):
    out = tmp_path / "c.csv"
    assert main(["rank", "clusters", "--country", "brazil", "--weights", "fit=2", "-o", str(out)]) == 0
    table = rows(out.read_bytes())
    assert [r[1] for r in table[1:]] == ["Suape/Pernambuco", "Rio Grande do Sul/Porto Alegre"]
    assert [r[2] for r in table[1:]] == ["7000", "2401"]
    assert table[1][table[0].index("total_0_1000")] == "700"  # Suape: 1000 × (10/10)² × (10/10) × (7/10)


def test_rank_a_users_own_matrix(tmp_path):
    f = tmp_path / "m.csv"
    f.write_text("supplier,quality,price\n=evil,9,100\nB,7,50\nC,4,20\n", encoding="utf-8")
    res = run("rank", str(f), "--method", "wsum", "--cost", "price", "--weights", "quality=1,price=1")
    assert res.returncode == 0, res.stderr
    table = rows(res.stdout)
    assert table[0][:5] == ["rank", "name", "score", "quality", "price"]
    assert "'=evil" in [r[1] for r in table[1:]]
    assert table[0][-4:] == ["method", "normalisation", "weights", "cost_criteria"]
    assert table[1][-3:] == ["min-max normalisation", "quality=1;price=1", "price"]


@pytest.mark.parametrize("args, message", [
    (["rank", "countries", "--weights", "N=0,Na=0,N1=0,reach=0"], "All weights are zero"),
    (["rank", "countries", "--weights", "bogus=1"], "unknown criterion 'bogus'"),
    (["rank", "countries", "--weights", "N=abc"], "must be a number"),
    (["rank", "countries", "--method", "wprod", "--norm", "minmax"], "Weighted product uses no normalisation"),
    (["rank", "clusters", "--country", "Atlantis"], "no cluster targets for 'Atlantis'"),
    (["rank", "nosuchfile.csv", "--method", "wsum"], "nosuchfile.csv: file not found"),
    (["rank", "countries", "--method", "magic"], "invalid choice"),
    (["rank", "countries", "--method", "wsum", "--pref", "N=usual"], "use it with --method promethee"),
    (["rank", "countries", "--method", "promethee", "--pref", "N=linear:3"], "should be usual, vshape:P or linear:Q:P"),
    (["rank", "countries", "--method", "promethee", "--pref", "N=linear:3:1"], "N: the linear function needs 0 ≤ q < p"),
    (["rank", "countries", "--method", "promethee", "--pref", "N=vshape:x"], "thresholds of N must be numbers"),
    (["sensitivity", "countries", "--smaa", "100", "--spread", "120"], "--spread must be from 0 to 100"),
])
def test_errors_are_plain_words_on_stderr_with_status_2(args, message):
    res = run(*args)
    assert res.returncode == 2
    assert res.stdout == b""
    assert message in res.stderr.decode()
    assert "Traceback" not in res.stderr.decode()


def test_promethee_on_a_users_matrix_with_preference_functions(tmp_path):
    """price is a cost, V-shape with p = 60; quality linear with q = 1, p = 4 (by name, any case)."""
    f = tmp_path / "m.csv"
    f.write_text("supplier,quality,price\nA,9,100\nB,7,50\nC,4,20\n", encoding="utf-8")
    res = run("rank", str(f), "--method", "promethee", "--cost", "price",
              "--pref", "QUALITY=linear:1:4,price=vshape:60")
    assert res.returncode == 0, res.stderr
    table = rows(res.stdout)
    assert table[0][-5:] == ["method", "normalisation", "weights", "preference_functions", "cost_criteria"]
    assert table[1][-2:] == ["quality=linear q=1 p=4;price=V-shape p=60", "price"]
    # by hand: quality d(A,B) = 2 → 1/3, d(A,C) = 5 → 1, d(B,C) = 3 → 2/3, so φ1 = (2/3, 1/6, -5/6);
    # price (a cost, lower is better) d(B,A) = 50 → 5/6, d(C,A) = 80 → 1, d(C,B) = 30 → 1/2, so
    # φ2 = (-11/12, 1/6, 3/4); φ = (φ1 + φ2) / 2 = (-1/8, 1/6, -1/24): B, then C, then A.
    scores = {r[1]: float(r[2]) for r in table[1:]}
    assert scores == pytest.approx({"A": -1 / 8, "B": 1 / 6, "C": -1 / 24}, abs=1e-9)
    assert [r[1] for r in table[1:]] == ["B", "C", "A"]
    assert sum(scores.values()) == pytest.approx(0)


def test_promethee_thresholds_on_the_countries_equal_the_library(tmp_path):
    from wiintech.models import Preference

    out = tmp_path / "p.csv"
    assert main(["rank", "countries", "--method", "promethee", "--pref", "smes=vshape:100", "-o", str(out)]) == 0
    matrix = report.country_matrix(loader.load_countries()).with_preferences({"smes": Preference("vshape", 0, 100)})
    from wiintech.ranking import rank
    assert out.read_bytes() == export.ranking_csv(rank(matrix, "promethee"))


def test_a_bad_cell_in_a_users_matrix_names_row_and_column(tmp_path):
    f = tmp_path / "m.csv"
    f.write_text("name,a,b\nx,1,2\ny,3,lots\n", encoding="utf-8")
    res = run("rank", str(f), "--method", "wprod")
    assert res.returncode == 2
    assert "row 3 (y) › b: 'lots' is not a number" in res.stderr.decode()


def test_a_malformed_data_file_gives_file_record_field(data_copy):
    path = data_copy / "cluster_targets.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "fit: 10, size: 10, interaction: 1,", "fit: 10, size: 10, interaction: 11,"), encoding="utf-8")
    res = run("rank", "clusters", "--data", str(data_copy))
    assert res.returncode == 2
    assert "Table 12 › San Diego › interaction: 11 is outside 1–10" in res.stderr.decode()
    # the countries do not need that file and keep working
    assert run("rank", "countries", "--data", str(data_copy)).returncode == 0


def test_sensitivity_prints_intervals_on_the_normalised_scale():
    res = run("sensitivity", "countries", "--top", "3")
    assert res.returncode == 0, res.stderr
    table = rows(res.stdout)
    assert table[0] == ["criterion", "weight", "topk_low", "topk_high", "full_low", "full_high"]
    assert [r[1] for r in table[1:]] == ["0.25"] * 4
    for r in table[1:]:
        low, high = float(r[2]), float(r[3])
        assert 0 <= low <= 0.25 <= high <= 1


def test_sensitivity_smaa_is_seeded_and_rows_sum_to_one():
    a = run("sensitivity", "clusters", "--smaa", "2000", "--seed", "5")
    b = run("sensitivity", "clusters", "--smaa", "2000", "--seed", "5")
    assert a.returncode == 0 and a.stdout == b.stdout
    table = rows(a.stdout)
    assert table[0][:3] == ["name", "rank_1", "rank_2"] and len(table[0]) == 1 + 9
    for r in table[1:]:
        assert abs(sum(map(float, r[1:])) - 1) < 1e-9


def test_sensitivity_refuses_topsis_and_a_bad_top():
    assert b"covers the methods linear in the weights" in run("sensitivity", "countries", "--method", "topsis").stderr
    res = run("sensitivity", "countries", "--top", "12")
    assert res.returncode == 2 and b"--top must be from 1 to 9" in res.stderr


def test_cluster_cli_bytes_equal_the_pages_export(tmp_path):
    """The cluster page's download is export.ranking_csv(ranking, report.cluster_table(...))."""
    out = tmp_path / "c.csv"
    assert main(["rank", "clusters", "--country", "USA", "--weights", "interaction=2", "-o", str(out)]) == 0
    targets = loader.load_cluster_targets()
    ranking = report.rank_clusters(targets, "USA", {"interaction": 2})
    assert out.read_bytes() == export.ranking_csv(ranking, report.cluster_table(ranking, targets))


def test_rank_minutes_is_the_apps_file_for_the_minutes_and_the_default_bytes_stay():
    from wiintech import minutes, shortlist, tables
    from wiintech.ranking import reference_ranks

    survey = loader.load_countries()
    ranking = report.rank_countries(survey, "seed", {"N": 2})
    expected = minutes.ranking_table(ranking, 2, "Country", reference_ranks(survey.printed_index), tables.outcomes(survey))
    res = run("rank", "countries", "--minutes", "--top", "2", "--weights", "N=2", "--excel-eu")
    assert res.returncode == 0, res.stderr
    assert res.stdout == export.csv_bytes(expected, export.EXCEL_EU)
    assert res.stdout.decode("utf-8-sig").splitlines()[0].startswith("Rank;Country;Score;Priority Number (N)")
    targets = loader.load_cluster_targets()
    cr = report.rank_clusters(targets, None, {})
    picked = shortlist.shortlist(cr, cr.matrix.extra["country"], "top", k=1)
    clusters = run("rank", "clusters", "--minutes")
    assert clusters.stdout == export.csv_bytes(minutes.cluster_table(cr, report.cluster_table(cr, targets), picked,
                                                                     "top 1 per country"))
    assert run("rank", "countries").stdout == export.ranking_csv(report.rank_countries(survey, "seed", {}))


def test_excel_eu_without_minutes_is_refused():
    res = run("rank", "countries", "--excel-eu")
    assert res.returncode == 2 and b"use it with --minutes" in res.stderr
