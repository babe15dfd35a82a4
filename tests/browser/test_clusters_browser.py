"""Scoring in the room: edit a score in the table, see the shortlist change, take the files away."""

import shutil
import subprocess
import sys

from tests.browser.conftest import assert_no_exception, select_grid_cell, wait_idle
from tests.conftest import DATA, ROOT

FIRST_RANKED_JS = ("document.querySelector(\"[data-testid='stTable'] tbody tr td:nth-child(2)\")?.innerText")


def download(page, label) -> bytes:
    with page.expect_download() as info:
        page.locator("[data-testid='stDownloadButton'] button", has_text=label).click()
    return open(info.value.path(), "rb").read()


def test_edit_a_score_rerank_and_take_the_files_away(server, page, tmp_path):
    page.goto(f"{server}/clusters")
    wait_idle(page)
    page.wait_for_function(f"{FIRST_RANKED_JS} === 'Suape/Pernambuco'", polling=25)
    page.get_by_role("tab", name="Score in the room").click()
    select_grid_cell(page, row=0, right=2)  # Suape/Pernambuco's Fit for Programme
    page.keyboard.press("Enter")
    cell = page.locator("input.gdg-input")  # the grid's overlay editor, open on Fit for Programme
    assert cell.input_value() == "10"
    cell.fill("1")
    cell.press("Enter")
    page.wait_for_function(f"{FIRST_RANKED_JS} === 'Indian Chemical Council'", polling=25)
    wait_idle(page)
    assert_no_exception(page)

    page.get_by_role("tab", name="Shortlist").click()
    ranked = download(page, "ranked shortlist").decode("utf-8-sig")
    assert "Suape/Pernambuco,70,1,10,7,Brazil" in ranked

    page.get_by_role("tab", name="Score in the room").click()
    edited_yaml = download(page, "YAML")
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "cluster_targets.yaml").write_bytes(edited_yaml)
    cli = subprocess.run([sys.executable, "-m", "wiintech", "rank", "clusters", "--data", str(data)],
                         capture_output=True, check=True, cwd=ROOT).stdout
    assert cli.decode("utf-8-sig") == ranked  # the edited set loads back and ranks to the same bytes
    assert "workshop edit" in edited_yaml.decode()

    # The room's edits survive a visit to another page.
    page.locator("[data-testid='stSidebarNavLink']", has_text="Overview").click()
    page.wait_for_selector("text=The decision in brief")
    page.locator("[data-testid='stSidebarNavLink']", has_text="Cluster shortlist").click()
    page.wait_for_function(f"{FIRST_RANKED_JS} === 'Indian Chemical Council'", polling=25)
