"""A real Streamlit server and Debian's Chromium driven by Playwright (never `playwright install`).

Locally the browser tests skip when Chromium or Playwright is missing; in CI (CI=true) they fail
instead, so a green CI always means they ran."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT

CHROMIUM = os.environ.get("WIINTECH_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IDLE = ("[data-testid='stApp'][data-test-script-state='notRunning']"
        "[data-test-connection-state='CONNECTED']")


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(script: str, env: dict | None = None):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.1)
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited: {proc.stderr.read().decode()[-2000:]}")
    proc.kill()
    raise RuntimeError("streamlit did not become healthy in 60 s")


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    # The room's edits (and any workshop) go to a throwaway store, not the working copy's var/.
    from wiintech.store import ENV_URL

    db = tmp_path_factory.mktemp("store") / "workshop.sqlite3"
    proc, url = start_server("app.py", {ENV_URL: f"sqlite:///{db}"})
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        _missing(f"{CHROMIUM} not found (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1600}, accept_downloads=True)
    p = context.new_page()
    p.set_default_timeout(30_000)
    yield p
    context.close()


def wait_idle(page):
    page.wait_for_selector(IDLE, timeout=30_000)


def assert_no_exception(page):
    errors = page.locator("[data-testid='stException']")
    assert errors.count() == 0, errors.all_inner_texts()


def select_grid_cell(page, row: int, right: int) -> None:
    """Select a cell of the page's first data editor (a canvas grid): data row ``row`` (from 0),
    ``right`` cells to the right of the first column. Rows are 35 px, under a 35 px header."""
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.wait_for()
    page.wait_for_timeout(500)  # the grid draws on its canvas after it is attached
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 60, box["y"] + 35 + 35 * row + 17)
    page.wait_for_timeout(200)
    for _ in range(right):
        page.keyboard.press("ArrowRight")


# The competence heat map's red "gap" cells, counted in the drawn chart.
GAP_LABELS_JS = ("Array.from(document.querySelectorAll(\"[data-testid='stVegaLiteChart'] text\"))"
                 ".filter(t => t.textContent === 'gap').length")


def tick_clusterland_chemicals(server, page) -> None:
    """Open the competence map (24 gaps), and in its editor tick Clusterland's "Chemicals"."""
    page.goto(f"{server}/competence")
    wait_idle(page)
    page.wait_for_function(f"{GAP_LABELS_JS} === 24", polling=50)
    page.get_by_role("tab", name="Edit in the room").click()
    select_grid_cell(page, row=4, right=2)  # Clusterland's "Chemicals"
    page.keyboard.press("Space")
