"""The answer on the first screen (issue 14, items 1 and 7), at a projector's 1920×1080 and a
laptop's 1366×768: geometry, not pixels. The headline and the top k rows lie within the first screen;
at 1920×1080 the live table and its chart do too; no table, headline or select box is wider than the
column it sits in, and no select box cuts its text."""

import pytest

from tests.browser.conftest import assert_no_exception, wait_idle

VIEWPORTS = [(1920, 1080), (1366, 768)]

# Every table, headline and select box in the main area whose box passes its column's right edge
# (or the window's), or whose text is cut inside it: described for the assertion message.
OVERFLOWS_JS = """
() => {
  const out = [];
  const width = window.innerWidth;
  const main = document.querySelector("[data-testid='stMain']");
  const boxes = main.querySelectorAll("table, [class*='-headline'] p, [data-testid='stSelectbox'] [data-baseweb='select'] div[value], [data-testid='stSelectbox'] [data-baseweb='select'] > div > div:first-child");
  for (const el of boxes) {
    if (!el.offsetParent) continue;  // hidden (a closed expander, another tab)
    const r = el.getBoundingClientRect();
    const col = el.closest("[data-testid='stColumn']") || el.closest("[data-testid='stVerticalBlock']");
    const c = col.getBoundingClientRect();
    const text = (el.innerText || '').slice(0, 40);
    if (r.right > c.right + 1 || r.right > width) out.push(`${el.tagName} "${text}" ends at ${r.right}, column at ${c.right}`);
    if (el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'TABLE') out.push(`${el.tagName} "${text}" cut: ${el.scrollWidth} > ${el.clientWidth}`);
  }
  return out;
}
"""


def open_at(browser, url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(url)
    wait_idle(page)
    page.wait_for_selector("[class*='-headline'] p")
    page.wait_for_selector("[class*='-live-table'] tbody tr")
    page.wait_for_timeout(800)  # the table and the chart repaint after the run's last message
    return context, page


def bottom(locator) -> float:
    box = locator.bounding_box()
    return box["y"] + box["height"]


@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_country_page_answer_on_the_first_screen(server, browser, width, height):
    context, page = open_at(browser, f"{server}/countries", width, height)
    try:
        headline = page.locator("[class*='-headline'] p").first
        assert headline.inner_text().startswith("USA leads · top 3: USA, China, Brazil")
        assert bottom(headline) <= height
        rows = page.locator("[class*='-live-table'] tbody tr")
        assert rows.count() == 9
        assert bottom(rows.nth(2)) <= height, "the top 3 rows must be on the first screen"
        # the live table is set larger than the report's own table
        live = page.locator("[class*='-live-table'] td").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        report = page.locator("[data-testid='stMarkdownContainer'] table td").first.evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)")
        assert live >= report and live >= 18
        if height >= 1080:  # the projector: the whole table and its chart
            assert bottom(rows.nth(8)) <= height
            chart = page.locator("[data-testid='stVegaLiteChart']").first
            chart.locator("svg, canvas").first.wait_for()
            assert bottom(chart) <= height
        # a slider press rewrites the headline with what it changed
        slider = page.locator("[data-testid='stSlider'] input[type='range']").nth(3)  # SMEs × accessibility
        slider.focus()
        for _ in range(10):
            slider.press("ArrowLeft")
        page.wait_for_function("document.querySelector(\"[class*='-headline'] p\")?.innerText?.includes('last move')",
                               polling=50)
        wait_idle(page)
        assert "last move:" in headline.inner_text()
        page.get_by_text("The report's tables and the methods").click()  # the step-1 table, open
        page.wait_for_timeout(500)
        assert page.evaluate(OVERFLOWS_JS) == []
        assert_no_exception(page)
    finally:
        context.close()


@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_cluster_page_answer_on_the_first_screen(server, browser, width, height):
    context, page = open_at(browser, f"{server}/clusters", width, height)
    try:
        headline = page.locator("[class*='-headline'] p").first
        assert headline.inner_text().startswith("Shortlist (top 1 per country): Suape/Pernambuco, Indian Chemical")
        assert bottom(headline) <= height
        rows = page.locator("[class*='-live-table'] tbody tr")
        assert bottom(rows.nth(0)) <= height, "the first place must be on the first screen"
        if height >= 1080:
            assert bottom(rows.nth(8)) <= height
        assert page.evaluate(OVERFLOWS_JS) == []
        assert_no_exception(page)
    finally:
        context.close()


def test_sensitivity_results_appear_right_under_their_selector(server, browser):
    context, page = open_at(browser, f"{server}/countries", 1920, 1080)
    try:
        page.get_by_text("How robust is this ranking? (sensitivity analysis)").click()
        selector = page.locator("[data-testid='stButtonGroup']").first
        selector.wait_for()
        page.get_by_text("Chances under random weights", exact=True).click()
        caption = page.get_by_text("How often each country takes each rank")
        caption.wait_for()
        wait_idle(page)
        heat = page.locator("[data-testid='stVegaLiteChart']").nth(1)
        gap = heat.bounding_box()["y"] - (selector.bounding_box()["y"] + selector.bounding_box()["height"])
        assert 0 <= gap < 200, gap  # the results start right under what asked for them
        assert page.evaluate(OVERFLOWS_JS) == []
        assert_no_exception(page)
    finally:
        context.close()


def test_presentation_mode_puts_the_whole_country_answer_on_one_projector_screen(server, browser):
    context, page = open_at(browser, f"{server}/countries?present=1", 1920, 1080)
    try:
        assert not page.locator("[data-testid='stSidebar']").is_visible()
        headline = page.locator("[class*='-headline'] p").first
        assert headline.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 30  # the largest line
        rows = page.locator("[class*='-live-table'] tbody tr")
        assert bottom(rows.nth(8)) <= 1080
        chart = page.locator("[data-testid='stVegaLiteChart']").first
        chart.locator("svg, canvas").first.wait_for()
        assert bottom(chart) <= 1080
        assert page.evaluate(OVERFLOWS_JS) == []
        assert_no_exception(page)
    finally:
        context.close()
