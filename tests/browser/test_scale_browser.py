"""The cluster shortlist on 2,000 generated candidates in a real browser: a page of the ranking, a
search that finds the rest, a weight that reranks the page, and the room's editor in its own tab."""

import pytest

from tests.browser.conftest import assert_no_exception, start_server, wait_idle
from wiintech import loader, report, synthetic

SHOWS = """want => JSON.stringify(
  [...document.querySelectorAll("[data-testid='stTable'] tbody tr td:nth-child(2)")].map(td => td.innerText)
) === JSON.stringify(want)"""


@pytest.fixture(scope="module")
def big_server(tmp_path_factory):
    data = synthetic.data_folder(tmp_path_factory.mktemp("big"), clusters=2000, seed=5)
    proc, url = start_server("app.py", {"WIINTECH_DATA": str(data)})
    yield url, data
    proc.terminate()
    proc.wait(10)


def wait_rows(page, names: list[str]) -> None:
    """Until the ranked table shows exactly these candidates, in this order."""
    page.wait_for_function(SHOWS, arg=names, polling=50)


def test_page_search_and_rerank_2000_candidates(big_server, page):
    url, data = big_server
    targets = loader.load_cluster_targets(data)
    expected = report.rank_clusters(targets).table()["name"].tolist()
    page.set_default_timeout(120_000)
    page.goto(f"{url}/clusters")
    wait_idle(page)
    wait_rows(page, expected[:10])

    search = page.get_by_label("Find a cluster")
    search.fill("cluster 012")
    search.press("Enter")
    matching = [n for n in expected if "cluster 012" in n.casefold()][:10]
    wait_rows(page, matching)
    assert "100 of 2,000 names contain" in page.inner_text("[data-testid='stMain']")
    search.fill("")
    search.press("Enter")
    wait_rows(page, expected[:10])

    slider = page.locator("[data-testid='stSlider'] input[type='range']").first  # Fit for Programme
    slider.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")  # 1.0 -> 2.0
    reranked = report.rank_clusters(targets, None, {"fit": 2.0}).table()["name"].tolist()
    wait_rows(page, reranked[:10])
    wait_idle(page)

    page.get_by_role("tab", name="Score in the room").click()  # drawn once opened
    page.locator("[data-testid='stDataFrame']").first.wait_for()
    wait_idle(page)
    assert_no_exception(page)
