"""The upload page with AppTest: a matrix ranked with the country page's views, the round trip of a
downloaded ranking, YAML data files used by the other pages, and "previous data stays until valid".

AppTest has no file uploader; the page reads the same (name, bytes) pairs from ``upload.incoming``
that its uploader hands it. The real uploader is driven in tests/browser/test_upload_browser.py."""

from tests.conftest import seen, shown
from wiintech import export, loader
from wiintech.ranking import rank
from wiintech.usermatrix import read_table

MATRIX = b"supplier,quality,price,delivery\nAcme,9,100,3\nBolt,7,50,5\nCog,4,20,4\nDyn,8,70,1\n"


def upload(at, *files):
    at.session_state["upload.incoming"] = list(files)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def live(at):
    return seen(at.table[0])


def test_a_matrix_is_ranked_with_the_country_pages_views(app):
    at = upload(app("upload"), ("m.csv", MATRIX))
    assert live(at)["Alternative"].tolist() == rank(read_table(MATRIX, "m.csv").matrix(), "wsum").table()["name"].tolist()
    assert {s.key for s in at.slider} >= {"mine.w.quality", "mine.w.price", "mine.w.delivery"}
    at.multiselect(key="mine.cost").set_value(["price"]).run()
    expected = rank(read_table(MATRIX, "m.csv").matrix(["price"]), "wsum").table()["name"].tolist()
    assert live(at)["Alternative"].tolist() == expected
    at.slider(key="mine.w.quality").set_value(5.0).run()
    assert at.query_params["w.quality"] == "5"  # the shareable state, as on the country page
    at.selectbox(key="mine.method").set_value("topsis").run()
    assert "Ranked by TOPSIS" in " ".join(c.value for c in at.caption)
    at.selectbox(key="mine.method").set_value("wsum").run()
    at.toggle(key="mine.sens").set_value(True).run()
    assert not at.exception and "How robust" in " ".join(m.value for m in at.markdown)


def test_a_downloaded_ranking_uploaded_again_gives_the_same_view(app):
    at = upload(app("upload"), ("m.csv", MATRIX))
    at.multiselect(key="mine.cost").set_value(["price"]).run()
    at.selectbox(key="mine.method").set_value("wsum").run()
    at.selectbox(key="mine.norm").set_value("vector").run()
    at.slider(key="mine.w.delivery").set_value(3.5).run()
    before = live(at)
    exported = export.ranking_csv(at.session_state["mine.latest"]["ranking"])
    again = upload(app("upload"), ("mine-ranking-wsum.csv", exported))
    assert again.multiselect(key="mine.cost").value == ["price"]
    assert again.selectbox(key="mine.method").value == "wsum" and again.selectbox(key="mine.norm").value == "vector"
    assert again.slider(key="mine.w.delivery").value == 3.5
    assert live(again).equals(before)
    assert export.ranking_csv(again.session_state["mine.latest"]["ranking"]) == exported


def test_a_bad_upload_keeps_the_previous_matrix_in_use(app):
    at = upload(app("upload"), ("m.csv", MATRIX))
    before = live(at)
    upload(at, ("bad.csv", b"supplier,quality\nAcme,lots\n"))
    assert "bad.csv: row 2 (Acme) › quality: 'lots' is not a number." in at.error[0].value.replace("\\", "")
    assert "what was in use before still is" in at.error[0].value
    assert live(at).equals(before)


def test_uploaded_data_files_drive_the_other_pages_until_forgotten(app):
    text = (loader.DEFAULT_DATA_DIR / "countries.yaml").read_text(encoding="utf-8")
    mine = text.replace("{name: USA,", "{name: Atlantis,").replace("USA: 75.55", "Atlantis: 75.55") \
               .replace("{country: USA,", "{country: Atlantis,")
    at = upload(app("upload"), ("countries.yaml", mine.encode()))
    assert "countries.yaml" in at.success[0].value.replace("\\", "")
    at.switch_page("pages/countries.py").run()
    assert not at.exception
    assert "Atlantis" in live(at)["Country"].tolist()
    # A broken countries.yaml is refused; Atlantis stays in use.
    at.switch_page("pages/upload.py").run()
    upload(at, ("countries.yaml", mine.replace("N: 10,", "N: -10,", 1).encode()))
    assert "upload/countries.yaml: Section D, step 1 table › Atlantis › N: -10 is below 0" in \
        at.error[0].value.replace("\\", "")
    at.switch_page("pages/countries.py").run()
    assert "Atlantis" in live(at)["Country"].tolist()
    at.switch_page("pages/upload.py").run()
    at.button(key="upload.forget").click().run()
    at.switch_page("pages/countries.py").run()
    assert "USA" in live(at)["Country"].tolist()


def test_values_near_1e308_on_the_country_page_give_a_message_not_a_traceback(app, data_copy, monkeypatch):
    path = data_copy / "countries.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("N: 10, Na: 7", "N: 4.0e+307, Na: 4.0e+307"), encoding="utf-8")
    monkeypatch.setenv("WIINTECH_DATA", str(data_copy))
    at = app("countries")
    assert not at.exception and seen(at.table[0])["Country"].iloc[0] == "USA"
    at.slider(key="countries.w.N").set_value(5.0).run()
    at.slider(key="countries.w.Na").set_value(5.0).run()  # 2e308 + 2e308: beyond the float range
    assert not at.exception and "overflow the largest number" in at.warning[0].value
    at.selectbox(key="countries.method").set_value("wsum").run()  # min-max: computed exactly
    assert not at.exception and seen(at.table[0])["Country"].iloc[0] == "USA"
    assert not seen(at.table[0]).astype(str).isin(["nan", "inf"]).any().any()
    at.toggle(key="countries.sens").set_value(True).run()
    assert not at.exception
    # The report's own index cannot be computed at all: the file's problem, in one sentence.
    path.write_text(text.replace("N: 10, Na: 7", "N: 1.7e+308, Na: 1.7e+308"), encoding="utf-8")
    at = app("countries")
    assert "countries.yaml: The scores of Report's synthetic index (no normalisation) overflow" in shown(at.error[0].value)
