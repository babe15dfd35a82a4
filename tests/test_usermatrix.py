"""Reading a user's matrix: CSV and Excel give the same matrix; an exported ranking reads back as the
matrix it ranked, with how it was ranked."""

import io
import zipfile

import openpyxl

from wiintech import export, upload
from wiintech.loader import DEFAULT_DATA_DIR, Upload
from wiintech.ranking import rank
from wiintech.usermatrix import Restored, read_table

CSV = "supplier,quality,price\n=Acme,9,100\nBolt,7.5,50\nCog,4,20\n"


def test_excel_and_csv_give_the_same_matrix():
    book = openpyxl.Workbook()
    for row in [["supplier", "quality", "price"], ["Acme", 9, 100], ["Bolt", 7.5, 50], [None, None, None], ["Cog", 4, 20]]:
        book.active.append(row)
    buf = io.BytesIO()
    book.save(buf)
    csv = CSV.replace("=Acme", "Acme").encode()
    a, b = read_table(csv, "m.csv").matrix(["price"]), read_table(buf.getvalue(), "m.xlsx").matrix(["price"])
    assert a.names == b.names == ("Acme", "Bolt", "Cog")
    assert a.values.tolist() == b.values.tolist() and a.criteria == b.criteria


def test_an_exported_ranking_reads_back_with_how_it_was_ranked():
    matrix = read_table(CSV.encode(), "m.csv").matrix(["price"])
    ranking = rank(matrix, "wsum", {"quality": 2.5, "price": 0.5}, "vector")
    data = export.ranking_csv(ranking)
    again = read_table(data, "ranking.csv")
    assert again.restored == Restored("wsum", "vector", {"quality": 2.5, "price": 0.5}, ("price",))
    assert again.names == matrix.names  # '=Acme, neutralised in the file, is =Acme again
    back = rank(again.matrix(again.restored.cost), "wsum", again.restored.weights, "vector")
    assert export.ranking_csv(back) == data


def test_a_zip_of_data_files_is_validated_and_used_over_the_folder():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mine/roadmap.yaml", (DEFAULT_DATA_DIR / "roadmap.yaml").read_bytes())
        z.writestr("mine/__MACOSX/.hidden", b"")
    got = upload.read([("data.zip", buf.getvalue())])
    assert isinstance(got, Upload) and [name for name, _ in got.files] == ["roadmap.yaml"]
