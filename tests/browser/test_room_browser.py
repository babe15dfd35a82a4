"""Presentation mode on every page, the room's edits across a reload and another device, and the
files for the minutes, in the real app."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import (GAP_LABELS_JS, assert_no_exception, select_grid_cell, tick_clusterland_chemicals,
                                    wait_idle)
from tests.browser.test_app_browser import cli

FIRST_RANKED_JS = "document.querySelector(\"[data-testid='stTable'] tbody tr td:nth-child(2)\")?.innerText"
SLUGS = ["", "countries", "profiles", "clusters", "competence", "action_plans", "upload", "workshop"]


SIDEBAR_HIDDEN_JS = ("(() => { const s = document.querySelector(\"[data-testid='stSidebar']\");"
                     " return !s || s.getBoundingClientRect().width < 50; })()")


def sidebar_shown(page) -> bool:
    return not page.evaluate(SIDEBAR_HIDDEN_JS)


def wait_sidebar_hidden(page) -> None:
    page.wait_for_function(SIDEBAR_HIDDEN_JS, polling=50, timeout=15_000)


@pytest.mark.parametrize("slug", SLUGS)
def test_presentation_mode_hides_the_sidebar_on_every_page(server, page, slug):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{server}/{slug}?present=1")
    wait_idle(page)
    page.wait_for_selector(".st-key-present-bar")
    assert_no_exception(page)
    wait_sidebar_hidden(page)
    assert page.locator("[data-testid='stMain'] [data-testid='stDownloadButton']:visible").count() == 0
    bar = page.locator(".st-key-present-bar").bounding_box()
    assert bar["y"] + bar["height"] <= 768 and bar["x"] + bar["width"] <= 1366  # the switch is on screen
    if slug in ("countries", "clusters"):  # secondary controls, found by their widget keys' classes
        page.wait_for_selector(f".st-key-{slug}-w-{'N' if slug == 'countries' else 'fit'}")
        assert not page.locator(f".st-key-{slug}-sens").is_visible()
    title = page.locator("h1").first
    assert float(title.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 40  # large type


def test_presentation_mode_stays_across_page_switches_and_switches_off(server, page):
    page.goto(f"{server}/countries")
    wait_idle(page)
    assert sidebar_shown(page)
    page.locator("[data-testid='stSidebar']").get_by_text("Presentation mode").click()
    page.wait_for_selector(".st-key-present-bar")
    page.wait_for_function("location.search.includes('present=1')", polling=50)
    wait_sidebar_hidden(page)
    page.locator(".st-key-present-bar button", has_text="Pages").click()
    page.locator("[data-testid='stPageLink'] a", has_text="Action plans").click()
    page.wait_for_function("location.pathname.endsWith('/action_plans') && location.search.includes('present=1')",
                           polling=50)
    wait_idle(page)
    page.wait_for_selector(".st-key-present-bar")
    wait_sidebar_hidden(page)
    assert_no_exception(page)
    page.locator(".st-key-present-bar").get_by_text("Presentation mode").click()
    page.wait_for_function("!document.querySelector('.st-key-present-bar')", polling=50)
    wait_idle(page)
    assert sidebar_shown(page)
    assert "present=" not in page.url


def edit_first_fit(page, value: str) -> None:
    page.get_by_role("tab", name="Score in the room").click()
    select_grid_cell(page, row=1, right=0)  # away from the cell the last edit left selected
    select_grid_cell(page, row=0, right=2)  # Suape/Pernambuco's Fit for Programme
    page.keyboard.press("Enter")
    cell = page.locator("input.gdg-input")
    cell.fill(value)
    cell.press("Enter")


def test_an_edited_score_survives_a_reload_and_reaches_another_device(server, page, browser):
    page.goto(f"{server}/clusters")
    wait_idle(page)
    page.wait_for_function(f"{FIRST_RANKED_JS} === 'Suape/Pernambuco'", polling=25)
    edit_first_fit(page, "11")  # outside the scale: said, not silently made 10
    page.wait_for_selector("text=11 is outside 1–10")
    assert "room=" not in page.url  # nothing valid to keep yet
    edit_first_fit(page, "1")
    page.wait_for_function(f"{FIRST_RANKED_JS} === 'Indian Chemical Council'", polling=25)
    page.wait_for_function("location.search.includes('room=')", polling=50)
    page.wait_for_selector("text=Edited in the room")
    wait_idle(page)
    link = page.url

    page.reload()
    wait_idle(page)
    page.wait_for_function(f"{FIRST_RANKED_JS} === 'Indian Chemical Council'", polling=25)
    assert_no_exception(page)

    other = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()  # another device
    other.goto(link)
    other.wait_for_function(f"{FIRST_RANKED_JS} === 'Indian Chemical Council'", polling=25, timeout=30_000)
    other.get_by_role("tab", name="Score in the room").click()
    other.wait_for_selector("text=Fit for Programme 10 → 1")
    # The room goes back to the report's scores for everyone on the link.
    other.get_by_role("button", name="Back to the report's scores").click()
    other.wait_for_function(f"{FIRST_RANKED_JS} === 'Suape/Pernambuco'", polling=25)
    other.context.close()
    page.reload()
    wait_idle(page)
    page.wait_for_function(f"{FIRST_RANKED_JS} === 'Suape/Pernambuco'", polling=25)


def test_the_minutes_files_from_the_country_page(server, page):
    page.goto(f"{server}/countries?w.N=2")
    wait_idle(page)
    page.locator("[data-testid='stPopover'] button", has_text="For the minutes").click()
    page.get_by_text("For Excel in French").dispatch_event("click")  # the popover may open past the window
    wait_idle(page)
    page.wait_for_timeout(300)
    with page.expect_download() as info:
        page.get_by_role("button", name="Ranking for the minutes (CSV)").dispatch_event("click")
    text = open(info.value.path(), "rb").read().decode("utf-8-sig")
    assert text.encode("utf-8-sig") == cli("rank", "countries", "--minutes", "--excel-eu", "--weights", "N=2")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Rank", "Country", "Score"] and "Weight of Priority Number (N)" in rows[0]
    assert rows[1][rows[0].index("Weight of Priority Number (N)")] == "2"
    assert "," in rows[1][2] and "." not in rows[1][2]  # the score with a decimal comma
    with page.expect_download() as info:
        page.get_by_role("button", name="The whole session (Excel workbook)").dispatch_event("click")
    assert info.value.suggested_filename == "country-ranking-session.xlsx"
    wb = load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    assert wb.sheetnames[:3] == ["Settings", "Live ranking", "The report's ranking"]
    settings = {r[0].value: r[1].value for r in wb["Settings"].iter_rows(min_row=2)}
    assert settings["Weight of Priority Number (N)"] == 2 and settings["Page"] == "Country selection"
    assert "w.N=2" in settings["Link"] and settings["Made (UTC)"].startswith("20")
    assert_no_exception(page)


# Every text element, table and chart of the page must lie within the main column: none wider than
# its own box (scrollWidth) or reaching past the column's right edge.
OVERFLOW_JS = """() => {
  const main = document.querySelector("[data-testid='stMainBlockContainer']").getBoundingClientRect();
  const out = [];
  const sel = "[data-testid='stMarkdownContainer'], [data-testid='stCaptionContainer'], [data-testid='stTable'], "
            + "[data-testid='stMetric'], [data-testid='stVegaLiteChart'], [data-testid='stPlotlyChart'], "
            + "[data-testid='stAlert'], h1, h2, h3";
  for (const e of document.querySelectorAll(sel)) {
    if (e.closest('.st-key-present-bar') || e.closest("[data-testid='stSidebar']")) continue;
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;  // in a closed tab or expander
    if (r.right > main.right + 2 || e.scrollWidth > e.clientWidth + 2)
      out.push(`${e.dataset.testid || e.tagName}: ${Math.round(r.right)} > ${Math.round(main.right)} or `
               + `${e.scrollWidth} > ${e.clientWidth}: ${(e.innerText || '').slice(0, 60)}`);
  }
  return out;
}"""


@pytest.mark.parametrize("slug", ["", "profiles", "competence", "action_plans", "upload", "workshop"])
def test_nothing_is_clipped_at_1366x768(server, page, slug):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{server}/{slug}")
    wait_idle(page)
    page.wait_for_selector("h1")
    page.wait_for_timeout(1500)  # charts draw after the app is idle
    assert_no_exception(page)
    assert page.evaluate(OVERFLOW_JS) == []


def test_the_overview_names_each_lead_partner_in_full(server, page):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{server}/")
    wait_idle(page)
    page.wait_for_selector("text=Lead EU partner: Chemie Cluster Bayern")
    assert page.locator("[data-testid='stMetricDelta']").count() == 0  # no "↑ lead: Chemie Cluster B…" pill


def test_a_competence_tick_survives_a_reload(server, page):
    tick_clusterland_chemicals(server, page)
    page.wait_for_function("location.search.includes('room=')", polling=50)
    page.wait_for_selector("text=Changed in the room")
    wait_idle(page)
    page.reload()
    wait_idle(page)
    page.wait_for_function(f"{GAP_LABELS_JS} === 22", polling=50)
    page.get_by_role("tab", name="Edit in the room").click()
    page.wait_for_selector("text=Changed in the room")
    assert "Chemicals added" in " ".join(page.locator("[data-testid='stAlert']").all_inner_texts())
    assert_no_exception(page)
