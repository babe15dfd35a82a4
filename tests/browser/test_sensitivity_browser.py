"""Open the sensitivity panel in a real browser and see its charts."""

from tests.browser.conftest import assert_no_exception, wait_idle

CHARTS = "[data-testid='stVegaLiteChart']"


def test_open_the_panel_and_see_the_charts(server, page):
    page.goto(f"{server}/countries")
    wait_idle(page)
    page.wait_for_selector(CHARTS)
    page.get_by_text("How robust is this ranking? (sensitivity analysis)", exact=True).click()
    page.wait_for_function(f"document.querySelectorAll(\"{CHARTS}\").length === 2", polling=50)
    page.wait_for_selector("text=Top 3 stays the same")
    page.get_by_text("Chances under random weights").click()
    page.wait_for_selector("text=the draws follow the sliders")
    page.wait_for_function(f"document.querySelectorAll(\"{CHARTS} svg, {CHARTS} canvas\").length >= 2", polling=50)
    page.get_by_text("What moves the leader's lead", exact=True).click()
    page.wait_for_selector("text=leads by")
    wait_idle(page)
    assert_no_exception(page)
