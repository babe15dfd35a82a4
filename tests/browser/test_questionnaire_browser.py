"""The country questionnaire in real browsers: two partners answer from their own browser contexts and
the facilitator's page, never reloaded, shows the step-1 table their answers add up to."""

import pytest

from tests.browser.conftest import assert_no_exception, start_server, wait_idle
from tests.browser.test_workshop_browser import new_page
from wiintech import loader, questionnaire as q, workshop
from wiintech.store import ENV_URL, Store

STEP1_FROM_ANSWERS = """() => {
  const h = [...document.querySelectorAll("h3")].find(e => e.innerText.includes('Step 1, from the answers'));
  if (!h) return null;
  const table = h.closest("[data-testid='stVerticalBlock']").querySelector("[data-testid='stTable'] table");
  if (!table) return null;
  const head = [...table.querySelectorAll('thead th')].map(th => th.innerText.trim());
  return [...table.querySelectorAll('tbody tr')].map(tr => {
    const cells = [...tr.querySelectorAll('th, td')].map(td => td.innerText.trim());
    return Object.fromEntries(head.map((k, i) => [k, cells[i + (cells.length - head.length)]]));
  });
}"""


@pytest.fixture
def room(sqlite_url):
    proc, url = start_server("app.py", {ENV_URL: sqlite_url})
    s = Store(sqlite_url)
    w, ftok = workshop.create(s, "Porto", loader.load_countries())
    yield url, s, w, ftok
    proc.terminate()
    proc.wait(10)


def answer(browser, url, token, rows, respondent):
    """A partner's page: the questionnaire tab, one sheet, these countries' answers, saved."""
    ctx, page = new_page(browser, 1600, 1400)
    page.goto(f"{url}/workshop?p={token}")
    page.wait_for_selector("text=You speak for")
    wait_idle(page)
    page.get_by_role("tab", name="Country questionnaire").click()
    page.get_by_label("Respondent").fill(respondent)
    for country, (select, order, smes) in rows.items():
        if select:
            page.locator("[data-testid='stCheckbox']").filter(has=page.get_by_text(f"Select {country}", exact=True)).locator("label").click()
        if order is not None:
            page.get_by_label(f"Order of {country}", exact=True).fill(str(order))
        if smes is not None:
            box = page.get_by_label(f"Accessibility of {country}", exact=True)
            box.click()
            page.get_by_role("option", name="2 · medium").click(timeout=60_000)
            page.get_by_label(f"SMEs for {country}", exact=True).fill(str(smes))
    page.get_by_role("button", name="Save my answers").click()
    page.wait_for_selector("text=Saved 1 answer sheet", timeout=60_000)
    assert_no_exception(page)
    ctx.close()


def test_two_partners_answer_and_the_facilitator_sees_their_table_without_a_reload(room, browser):
    url, s, w, ftok = room
    _, t1 = s.join(w.join_code, "NEPIC")
    _, t2 = s.join(w.join_code, "Veneto Nanotech")
    fctx, fac = new_page(browser, 1920, 1400)
    fac.goto(f"{url}/workshop?f={ftok}")
    fac.wait_for_selector("text=No answers yet", timeout=60_000)
    navigations = []
    fac.on("framenavigated", lambda frame: navigations.append(frame.url))

    answer(browser, url, t1, {"USA": (True, 1, 40), "Brazil": (True, 2, None)}, "NEPIC office")
    fac.wait_for_function("document.body.innerText.includes('1 of 2 partners have answered')", polling=100,
                          timeout=30_000)
    answer(browser, url, t2, {"Japan": (False, 1, 10), "USA": (True, None, 5)}, "Veneto members")
    fac.wait_for_function("document.body.innerText.includes('2 of 2 partners have answered')", polling=100,
                          timeout=30_000)
    wait_idle(fac)
    assert navigations == []  # the page's poll saw the answers; it was never reloaded
    rows = fac.wait_for_function(f"(() => {{ const r = ({STEP1_FROM_ANSWERS})(); "
                                 "return r && r.length === 9 && r[0]['N°1'] !== undefined ? r : null; })()",
                                 polling=100, timeout=30_000).json_value()
    table = {r["Country"]: r for r in rows}
    # NEPIC: USA first (rated 2, 40 SMEs), Brazil second. Veneto: Japan first (rated 2, 10 SMEs; a
    # priority order is a selection), USA selected and rated 2 with 5 SMEs.
    assert {k: table["USA"][k] for k in ("N", "Na", "N°1", "Access", "SMEs")} \
        == {"N": "2", "Na": "2", "N°1": "1", "Access": "4", "SMEs": "45"}
    assert table["Japan"]["N°1"] == "1" and table["Japan"]["N"] == "1"
    assert table["Brazil"]["Na"] == "0"
    assert [r["Country"] for r in rows][:3] == ["USA", "Japan", "Brazil"]  # lexicographic: N, Na, N°1
    assert table["USA"]["Index"] == "6.8"  # 2 + 2 + 1 + 45 × 4 / 100
    col = q.collect(s, w)
    assert col.table["USA"] == {"N": 2, "Na": 2, "N1": 1, "accessibility": 4, "smes": 45}
    assert_no_exception(fac)
    fctx.close()
