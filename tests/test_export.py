import csv
import io

import pandas as pd

from wiintech import export, loader, report


def _rows(data: bytes):
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_ranking_csv_records_method_normalisation_and_weights():
    ranking = report.rank_countries(loader.load_countries(), "wsum", {"N": 2}, "vector")
    rows = _rows(export.ranking_csv(ranking))
    assert rows[0][:3] == ["rank", "name", "score"]
    assert rows[0][-3:] == ["method", "normalisation", "weights"]
    assert "N°1" in rows[0]
    assert rows[1][-3:] == ["Weighted sum", "vector normalisation", "N=2;Na=1;N1=1;accessibility=1;smes=1"]
    assert len(rows) == 10


def test_formulas_are_neutralised_and_numbers_stay_numbers():
    df = pd.DataFrame({"name": ["=HYPERLINK(\"x\")", "+1", "-cmd", "@SUM(A1)", "\tx", "\rx", "plain"],
                       "score": [-1.5, 2, 0.1 + 0.2, 700.0, float("nan"), -0.0, 1e-12]})
    rows = _rows(export.csv_bytes(df))
    assert [r[0] for r in rows[1:]] == ["'=HYPERLINK(\"x\")", "'+1", "'-cmd", "'@SUM(A1)", "'\tx", "'\rx", "plain"]
    assert [r[1] for r in rows[1:]] == ["-1.5", "2", "0.3", "700", "", "0", "0"]


def test_headers_are_neutralised_too():
    rows = _rows(export.csv_bytes(pd.DataFrame({"=cmd": [1]})))
    assert rows[0] == ["'=cmd"]
