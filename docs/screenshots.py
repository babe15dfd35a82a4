"""Refresh the screenshots in docs/: the country page at 1920×1080 (the projector; also the README's
docs/screenshot.png) and 1366×768 (a laptop), and the cluster page at 1920×1080.

Usage:  .venv/bin/python docs/screenshots.py

Starts the app on a free port, opens each page in Debian's Chromium (never ``playwright install``),
waits until the app is idle and the live table is drawn, and saves the first screen as it is."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, IDLE, LAUNCH_ARGS, start_server  # noqa: E402

SHOTS = [  # page, width, height, files
    ("countries", 1920, 1080, ["screenshot.png", "countries-1920x1080.png"]),
    ("countries", 1366, 768, ["countries-1366x768.png"]),
    ("clusters", 1920, 1080, ["clusters-1920x1080.png"]),
]


def main() -> None:
    from playwright.sync_api import sync_playwright

    proc, url = start_server("app.py")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            for slug, width, height, files in SHOTS:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.set_default_timeout(60_000)
                page.goto(f"{url}/{slug}")
                page.wait_for_selector(IDLE)
                page.wait_for_selector("[class*='-live-table'] tbody tr")
                page.wait_for_selector("[data-testid='stVegaLiteChart'] svg, [data-testid='stVegaLiteChart'] canvas")
                page.wait_for_timeout(1500)  # the table and the chart repaint after the run's last message
                for name in files:
                    page.screenshot(path=str(ROOT / "docs" / name))
                    print(f"docs/{name}")
                page.close()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
