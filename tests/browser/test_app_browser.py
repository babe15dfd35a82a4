"""The real app in a real browser."""

import csv
import io
import subprocess
import sys
from urllib.parse import urlparse

from tests.browser.conftest import assert_no_exception, wait_idle
from tests.conftest import ROOT

PAGES = [("Overview", ""), ("Country selection", "countries"), ("Country profiles", "profiles"),
         ("Cluster shortlist", "clusters"), ("Competence map", "competence"), ("Action plans", "action_plans"),
         ("Workshop", "workshop"), ("Your own decision", "upload")]
FIRST_SCORE_JS = "document.querySelector(\"[data-testid='stTable'] tbody tr td:nth-child(3)\")?.innerText"


def wait_for_first_score(page, text):
    page.wait_for_function(f"{FIRST_SCORE_JS} === {text!r}", polling=25)


def cli(*args) -> bytes:
    return subprocess.run([sys.executable, "-m", "wiintech", *args], capture_output=True, check=True, cwd=ROOT).stdout


def test_a_deep_link_then_every_page_through_the_sidebar(server, page):
    # First request of a fresh server is a deep link with state: it must go through app.py's navigation.
    page.goto(f"{server}/countries?w.N=2")
    wait_idle(page)
    page.wait_for_function("document.querySelector(\"[data-testid='stSliderThumbValue']\")?.innerText === '2.0'",
                           polling=25)
    assert page.locator("[data-testid='stSidebarNavLink']").count() == len(PAGES)
    for title, slug in PAGES:
        page.locator("[data-testid='stSidebarNavLink']", has_text=title).click()
        page.wait_for_url(lambda url, slug=slug: urlparse(url).path == f"/{slug}")
        page.wait_for_selector("h1")
        wait_idle(page)
        assert_no_exception(page)
        if slug not in ("workshop", "upload"):  # two forms; an uploader (a table once a file is read)
            assert page.locator("[data-testid='stTable']").count() >= 1, title
        if slug != "countries":  # the country page's weights stay with the country page
            assert "w.N" not in page.url


def test_download_a_csv_from_the_action_plans(server, page):
    page.goto(f"{server}/action_plans")
    wait_idle(page)
    page.get_by_role("tab", name="Brazil").click()
    with page.expect_download() as info:
        page.locator("[data-testid='stDownloadButton'] button:visible", has_text="Download CSV").first.click()
    data = open(info.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["What", "Who", "How", "When", "Where"]
    assert "Lead EU cluster - (NEPIC)" in rows[1]


def test_keyboard_slider_redraws_the_ranking_and_the_csv_equals_the_command_line(server, page):
    page.goto(f"{server}/countries")
    wait_idle(page)
    wait_for_first_score(page, "75.55")
    slider = page.locator("[data-testid='stSlider'] input[type='range']").first
    slider.focus()
    slider.press("ArrowRight")
    wait_for_first_score(page, "76.55")
    wait_idle(page)
    assert "w.N=1.1" in page.url
    with page.expect_download() as info:
        page.locator("[data-testid='stDownloadButton'] button").first.click()
    downloaded = open(info.value.path(), "rb").read()
    assert downloaded == cli("rank", "countries", "--method", "seed", "--weights", "N=1.1")
    assert_no_exception(page)


def test_the_gaia_plane_renders_with_a_point_per_country_and_hover(server, page):
    page.goto(f"{server}/countries?method=promethee")
    wait_idle(page)
    wait_for_first_score(page, "0.975")  # USA's net flow
    chart = page.locator("[data-testid='stPlotlyChart']")
    chart.locator(".main-svg").first.wait_for()
    points = chart.locator(".scatterlayer .trace").first.locator(".point")
    assert points.count() == 9
    labels = chart.locator(".scatterlayer .trace").first.locator(".textpoint").all_text_contents()
    assert sorted(labels) == sorted(["USA", "Brazil", "Mexico", "India", "China", "Korea", "Japan", "Russia", "Morocco"])
    assert "π" in chart.locator(".annotation").all_text_contents()
    assert "GAIA plane" in chart.locator(".gtitle").text_content()
    chart.scroll_into_view_if_needed()  # Streamlit scrolls in its own container, below the first screen
    box = points.first.bounding_box()  # Plotly's drag layer lies over the points: move the mouse there
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)  # a hover label: live, not a picture
    page.wait_for_selector("[data-testid='stPlotlyChart'] .hoverlayer .hovertext", timeout=10_000, state="attached")
    assert "φ =" in chart.locator(".hoverlayer .hovertext").first.text_content()
    assert_no_exception(page)
