"""No live markup from data: every text field of every data file (and an uploaded matrix's names and
headers) carries bold, emphasis, LaTeX, a link, an image, raw HTML, a colour directive and a bare URL.
Every page must show them as typed, render none of them, and fetch nothing from another server."""

from urllib.parse import urlparse

import pytest

from tests.browser.conftest import assert_no_exception, start_server, wait_idle
from tests.browser.test_app_browser import PAGES
from tests.payload import EVIL, PAYLOAD, payload_data

LIVE = (f"a[href*='{EVIL}'], img[src*='{EVIL}'], [data-testid='stMain'] strong:text-is('BOLD'), "
        "[data-testid='stMain'] em:text-is('EM'), .katex")


@pytest.fixture(scope="module")
def payload_server(tmp_path_factory):
    proc, url = start_server("app.py", {"WIINTECH_DATA": str(payload_data(tmp_path_factory.mktemp("payload")))})
    yield url
    proc.terminate()
    proc.wait(10)


def test_every_page_shows_the_payload_literally_and_fetches_nothing_external(payload_server, page):
    outside = []
    page.on("request", lambda r: outside.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", "localhost")
            and not r.url.startswith("data:") else None)
    for title, slug in PAGES:
        page.goto(f"{payload_server}/{slug}")
        page.wait_for_selector("h1")
        wait_idle(page)
        if slug == "upload":
            name, header = "Acme" + PAYLOAD, "quality" + PAYLOAD
            csv = f'name,"{header}",price\n"{name}",9,100\nBolt,7,50\n'.encode()
            page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
                files=[{"name": "m.csv", "mimeType": "text/csv", "buffer": csv}])
            page.wait_for_selector("[data-testid='stTable']")
            wait_idle(page)
        if slug == "workshop":  # its start page shows no data until a workshop is created
            assert page.locator(LIVE).count() == 0
            continue
        # Idle is not redrawn: wait for the data's text itself (it fails here if it never shows).
        page.wait_for_function("document.querySelector(\"[data-testid='stMain']\").textContent"
                               ".replaceAll('\\u2060', '').includes('**BOLD** _EM_ $x^2$')", polling=50)
        page.wait_for_timeout(300)
        assert_no_exception(page)
        text = page.locator("[data-testid='stMain']").text_content().replace("\u2060", "")  # the word joiners of ui.text
        assert "**BOLD** _EM_ $x^2$ [LINK](http://evil.invalid/l)" in text, title
        assert f"![IMG](http://{EVIL}/i.png) <img src=http://{EVIL}/h.png> :red[RED]" in text, title
        live = page.locator(LIVE)
        assert live.count() == 0, (title, live.first.evaluate("e => e.outerHTML"))
    assert not outside, sorted(set(outside))
