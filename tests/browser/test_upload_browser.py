"""The upload page in a real browser: the real file uploader, a bad upload that leaves the previous
matrix in use, and the round trip of a downloaded ranking uploaded again."""

from pathlib import Path

from tests.browser.conftest import assert_no_exception, wait_idle

MATRIX = b"supplier,quality,price,delivery\nAcme,9,100,3\nBolt,7,50,5\nCog,4,20,4\nDyn,8,70,1\n"
TABLE = "[data-testid='stTable']"


def send(page, name: str, data: bytes) -> None:
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}])


def table_text(page) -> str:
    return page.locator(TABLE).first.inner_text()


def test_upload_rank_refuse_a_bad_file_and_round_trip(server, page):
    page.goto(f"{server}/upload")
    wait_idle(page)
    send(page, "suppliers.csv", MATRIX)
    page.wait_for_selector(TABLE)
    wait_idle(page)
    # The benefit/cost step: price is a cost.
    page.locator("[data-testid='stMultiSelect']").first.click()
    page.keyboard.type("price")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("document.querySelector(\"[data-testid='stTable'] tbody tr td:nth-child(2)\")"
                           "?.innerText === 'Bolt'", polling=25)  # first once price is a cost (Acme before)
    wait_idle(page)
    before = table_text(page)
    assert "Alternative" in before and "Acme" in before
    with page.expect_download() as dl:
        page.locator("[data-testid='stDownloadButton'] button").first.click()
    exported = Path(dl.value.path()).read_bytes()
    assert b"cost_criteria" in exported and b"price" in exported

    send(page, "bad.csv", b"supplier,quality\nAcme,lots\n")
    page.wait_for_selector("[data-testid='stAlertContentError']")
    wait_idle(page)
    error = page.locator("[data-testid='stAlertContentError']").inner_text()
    assert "bad.csv: row 2 (Acme) › quality: 'lots' is not a number." in error
    assert "what was in use before still is" in error
    assert table_text(page) == before  # the previous matrix is still the one ranked
    assert_no_exception(page)

    # A fresh session: the downloaded file alone gives the same view, price still a cost.
    page.goto(f"{server}/upload")
    wait_idle(page)
    send(page, "alternative-ranking-wsum.csv", exported)
    page.wait_for_selector(TABLE)
    wait_idle(page)
    page.wait_for_function(f"document.querySelector(\"{TABLE}\")?.innerText === {before!r}", polling=25)
    assert "price" in page.locator("[data-testid='stMultiSelect']").first.inner_text()
    assert_no_exception(page)
