"""A workshop in real browsers: a facilitator and three partners, each in their own browser context,
on one server (SQLite) and on two servers sharing one PostgreSQL database."""

import re

import numpy as np
import pytest

from tests.browser.conftest import assert_no_exception, start_server, wait_idle
from wiintech import loader, workshop
from wiintech.ranking import rank
from wiintech.report import index_matrix
from wiintech.store import ENV_URL, Store

# Each partner pushes one slider to 5 (End key): technology (N°1), business (N), market reach.
PARTNERS = [("NEPIC", 2), ("Plastipolis", 0), ("Chemie Cluster Bayern", 3)]
FIRST_TABLE_COLUMN = """(col) => [...document.querySelectorAll("[data-testid='stTable']")[0]
    .querySelectorAll('tbody tr')].map(tr => tr.querySelectorAll('td')[col].innerText.trim())"""


@pytest.fixture
def workshop_server(sqlite_url):
    proc, url = start_server("app.py", {ENV_URL: sqlite_url})
    yield url, Store(sqlite_url)
    proc.terminate()
    proc.wait(10)


def new_page(browser, width=1400, height=1200):
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return context, page


def create_workshop(page, url: str) -> tuple[str, str]:
    """Through the start page's form; returns the facilitator link and the join code."""
    page.goto(f"{url}/workshop")
    wait_idle(page)
    page.get_by_label("Workshop name").fill("Porto, round of the room")
    page.get_by_role("button", name="Create the workshop").click()
    page.wait_for_url(re.compile(r"[?&]f="))
    page.wait_for_selector("text=No submissions yet")
    code = re.search(r"Code: ([A-Z0-9]{6})", page.locator("[data-testid='stMain']").inner_text()).group(1)
    return page.url, code


def join_and_submit(browser, url: str, code: str, org: str, slider: int):
    """A partner opens the join link, picks their organisation, pushes one slider to 5, submits."""
    context, page = new_page(browser)
    page.goto(f"{url}/workshop?join={code}")
    wait_idle(page)
    page.locator("[data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name=org, exact=True).click()
    page.get_by_role("button", name="Join").click()
    page.wait_for_selector("text=You speak for")
    wait_idle(page)
    thumb = page.locator("[data-testid='stSlider'] input[type='range']").nth(slider)
    thumb.focus()
    thumb.press("End")
    page.wait_for_function(f"document.querySelectorAll(\"[data-testid='stSliderThumbValue']\")[{slider}]"
                           "?.innerText === '5.0'", polling=25)
    wait_idle(page)
    page.get_by_role("button", name="Submit my weights").click()
    page.wait_for_selector("text=Submitted for round 1")
    assert_no_exception(page)
    personal = page.url
    context.close()
    return personal


def expected_order(weights_list) -> list[str]:
    """The group ranking by the mean of normalised weights, from the library."""
    keys = ("N", "Na", "N1", "reach")
    W = np.mean([np.array([w[k] for k in keys]) / sum(w.values()) for w in weights_list], axis=0)
    r = rank(index_matrix(loader.load_countries()), "seed", dict(zip(keys, W)))
    return [r.matrix.names[i] for i in r.order]


def partner_weights(slider: int) -> dict:
    w = dict.fromkeys(("N", "Na", "N1", "reach"), 1.0)
    w[("N", "Na", "N1", "reach")[slider]] = 5.0
    return w


def test_three_partners_submit_and_the_facilitator_sees_them_without_a_reload(workshop_server, browser):
    url, s = workshop_server
    fctx, fac = new_page(browser, 1920, 1080)
    facilitator_link, code = create_workshop(fac, url)
    navigations = []
    fac.on("framenavigated", lambda frame: navigations.append(frame.url))
    personal = [join_and_submit(browser, url, code, org, slider) for org, slider in PARTNERS]
    # The facilitator's page was never reloaded: its poll saw the store change.
    fac.wait_for_function("document.body.innerText.includes('3 of 3')", polling=100, timeout=20_000)
    wait_idle(fac)
    assert navigations == []
    names = fac.evaluate(FIRST_TABLE_COLUMN, 1)
    assert names == expected_order([partner_weights(slider) for _, slider in PARTNERS])
    assert "In: NEPIC, Plastipolis, Chemie Cluster Bayern" in fac.locator("[data-testid='stMain']").inner_text()
    assert_no_exception(fac)

    # A personal link opened on another device (a fresh context) brings back that partner's weights.
    ctx, page = new_page(browser)
    page.goto(personal[0])
    page.wait_for_selector("text=You speak for")
    wait_idle(page)
    values = page.locator("[data-testid='stSliderThumbValue']").all_inner_texts()
    assert values == ["1.0", "1.0", "5.0", "1.0"]
    ctx.close()

    # The facilitator's group ranking download is the command line's bytes.
    with fac.expect_download() as info:
        fac.locator("[data-testid='stDownloadButton'] button", has_text="Group ranking (CSV)").click()
    res = workshop.results(s, s.facilitator(re.search(r"f=([^&]+)", facilitator_link).group(1)))
    assert open(info.value.path(), "rb").read() == workshop.group_csv(res, "mean")
    fctx.close()


def test_a_tampered_token_is_refused_and_shows_nothing(workshop_server, browser):
    url, s = workshop_server
    w, ftok = workshop.create(s, "Confidential workshop", loader.load_countries())
    _, ptok = s.join(w.join_code, "NEPIC")
    ctx, page = new_page(browser)
    for param, token in (("f", ftok[:-2] + "xx"), ("p", ptok[::-1])):
        page.goto(f"{url}/workshop?{param}={token}")
        page.wait_for_selector("[data-testid='stAlertContentError']")
        wait_idle(page)
        main = page.locator("[data-testid='stMain']").inner_text()
        assert "is not valid" in main
        assert "Confidential workshop" not in main and "NEPIC" not in main
        assert page.locator("[data-testid='stSlider'], [data-testid='stTable']").count() == 0
    ctx.close()


def test_two_servers_share_one_postgresql_workshop(pg_url, browser):
    """A partner submits through one server; the facilitator watches through another."""
    a, url_a = start_server("app.py", {ENV_URL: pg_url})
    b, url_b = start_server("app.py", {ENV_URL: pg_url})
    try:
        fctx, fac = new_page(browser, 1920, 1080)
        facilitator_link, code = create_workshop(fac, url_b)
        join_and_submit(browser, url_a, code, "NEPIC", 2)
        fac.wait_for_function("document.body.innerText.includes('1 of 1')", polling=100, timeout=20_000)
        join_and_submit(browser, url_a, code, "Plastipolis", 0)
        fac.wait_for_function("document.body.innerText.includes('2 of 2')", polling=100, timeout=20_000)
        wait_idle(fac)
        assert fac.evaluate(FIRST_TABLE_COLUMN, 1) == expected_order([partner_weights(2), partner_weights(0)])
        assert "Agreement" in fac.locator("[data-testid='stMain']").inner_text()
        assert_no_exception(fac)
        fctx.close()
    finally:
        for proc in (a, b):
            proc.terminate()
            proc.wait(10)
