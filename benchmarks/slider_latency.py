"""Key press → view complete, and AppTest rerun time, on a page of this app against a bare app.

Usage:  python benchmarks/slider_latency.py [--presses 20] [--sensitivity] [--page countries]
        [--data FOLDER | --countries 200x12 | --clusters 5000]

In one run it starts two Streamlit servers (this app and ``bare_app.py``), opens both in Debian's
Chromium, and presses an arrow key on a slider of each in turn (interleaved, so machine drift hits both
alike). For each press it measures the time from the keydown to the last change inside the main area:
any DOM mutation there (except a dataframe's hidden ``glide-cell-*`` copy) or any change of a
canvas's pixels, taken once the rerun the press caused has finished (the app's websocket carries the
rerun request and then the run's end: the app goes running → idle) and the view has stayed unchanged
for 400 ms after that. A press whose rerun starts seconds late is therefore timed to the end of that
rerun, not to the slider's own redraw. Then it
times AppTest reruns after a slider change on the same page and on the bare app (100 each by default,
interleaved too: a whole-script rerun, as AppTest does not run fragments alone). It prints medians,
p95s and the ratios against the bare app; absolute times on a shared machine are not stable, ratios
are what to compare.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, IDLE, LAUNCH_ARGS, start_server  # noqa: E402

QUIET_MS = 400

# Installed in the page: records the keydown time and the time of the last change in the main area.
PROBE = """
(() => {
  if (window.__bench) return;
  const b = window.__bench = {keydown: 0, last: 0};
  document.addEventListener('keydown', () => { b.keydown = performance.now(); }, true);
  const main = document.querySelector("[data-testid='stMain']");
  new MutationObserver((records) => {
    for (const r of records) {
      const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (el && el.closest && el.closest("[data-testid^='glide-cell']")) continue;
      b.last = performance.now(); return;
    }
  }).observe(main, {subtree: true, childList: true, attributes: true, characterData: true});
  const sig = new Map();
  setInterval(() => {  // canvas pixels change without DOM mutations
    for (const c of main.querySelectorAll('canvas')) {
      let s = c.width + 'x' + c.height;
      try {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let h = 0; for (let i = 0; i < d.length; i += 97) h = (h * 31 + d[i]) | 0; s += ':' + h;
      } catch (e) {}
      if (sig.has(c) && sig.get(c) !== s) b.last = performance.now();
      sig.set(c, s);
    }
  }, 20);
})();
"""

SETTLED = f"""() => {{
  const b = window.__bench;
  const idle = !!document.querySelector("{IDLE}".replace(/\\\\/g, ''));
  return idle && b.last > b.keydown && performance.now() - Math.max(b.last, b.ran || 0) >= {QUIET_MS};
}}"""

QUIET = f"""() => !!document.querySelector("{IDLE}") &&
  performance.now() - window.__bench.last >= {QUIET_MS}"""


class Runs:
    """The reruns a page asks for and the ends of its runs, read from its websocket: a widget change
    sends a ``rerun_script`` BackMsg, and each run ends with a ``script_finished`` ForwardMsg."""

    def __init__(self, page):
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self._back, self._forward, self._early = BackMsg, ForwardMsg, ForwardMsg.FINISHED_EARLY_FOR_RERUN
        self.requested = self.finished = 0  # reruns asked for; runs ended after the last request
        page.on("websocket", self._socket)

    def _socket(self, ws) -> None:
        if "_stcore/stream" in ws.url:
            ws.on("framesent", self._sent)
            ws.on("framereceived", self._received)

    def _sent(self, payload) -> None:
        if isinstance(payload, (bytes, bytearray)) and \
                self._back.FromString(bytes(payload)).WhichOneof("type") == "rerun_script":
            self.requested += 1
            self.finished = 0

    def _received(self, payload) -> None:
        if isinstance(payload, (bytes, bytearray)):
            msg = self._forward.FromString(bytes(payload))
            if msg.WhichOneof("type") == "script_finished" and msg.script_finished != self._early:
                self.finished += 1

    def wait(self, page, before: int, timeout_s: float = 300) -> None:
        """Until a rerun was asked for after ``before`` requests and a run has ended since."""
        deadline = time.monotonic() + timeout_s
        while not (self.requested > before and self.finished):
            if time.monotonic() > deadline:
                raise SystemExit(f"no rerun finished within {timeout_s:.0f} s of the key press")
            page.wait_for_timeout(10)  # lets Playwright deliver the websocket events


def open_page(browser, url: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    page = context.new_page()
    page.runs = Runs(page)  # before the page opens its websocket
    page.goto(url, timeout=300_000)
    page.wait_for_selector(IDLE, timeout=300_000)
    page.wait_for_selector("[data-testid='stSlider'] input[type='range']", state="attached")
    page.wait_for_timeout(1500)
    page.evaluate(PROBE)
    return page


def press(page, key: str) -> float:
    page.wait_for_function(QUIET, polling=25, timeout=300_000)
    slider = page.locator("[data-testid='stSlider'] input[type='range']").first
    slider.focus()
    before = page.runs.requested
    page.keyboard.press(key)
    page.runs.wait(page, before)  # the rerun this press caused has ended: running → idle
    page.evaluate("window.__bench.ran = performance.now()")  # the quiet window starts after it
    page.wait_for_function(SETTLED, polling=25, timeout=300_000)
    return page.evaluate("window.__bench.last - window.__bench.keydown")


def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def browser_latency(app_url: str, bare_url: str, presses: int, expand: str | None):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        bare, app = open_page(browser, bare_url), open_page(browser, app_url)
        if expand:
            app.get_by_text(expand).first.click()
            app.wait_for_function(QUIET, polling=25, timeout=30_000)
        out = {"bare": [], "app": []}
        for i in range(presses + 2):  # two warm-up presses each, not counted
            key = "ArrowRight" if i % 2 == 0 else "ArrowLeft"
            for name, page in (("bare", bare), ("app", app)):
                ms = press(page, key)
                if i >= 2:
                    out[name].append(ms)
        errors = app.locator("[data-testid='stException']").count()
        browser.close()
    if errors:
        raise SystemExit("the page showed an exception during the benchmark")
    return out


def smaa_seconds() -> float:
    """The time of one SMAA-2 run on a random 200 × 12 matrix (the issue's size), median of 5."""
    import numpy as np

    from wiintech.sensitivity import Linear, smaa

    rng = np.random.default_rng(0)
    L = Linear(tuple(f"a{i}" for i in range(200)), tuple(f"c{j}" for j in range(12)),
               tuple(f"c{j}" for j in range(12)), rng.random((200, 12)), np.full(12, 1 / 12))
    times = []
    for seed in range(5):
        start = time.perf_counter()
        smaa(L, 10_000, seed)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _apptest(page: str | None, toggle: str | None, method: str | None = None):
    from streamlit.testing.v1 import AppTest

    if page:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        if method:
            at.query_params["method"] = method
        at.switch_page(f"pages/{page}.py")
    else:
        at = AppTest.from_file(str(ROOT / "benchmarks" / "bare_app.py"), default_timeout=60)
    at.run()
    if toggle:
        at.toggle(key=toggle).set_value(True).run()
    return at


def apptest_rerun(page: str, slider_key: str, runs: int, toggle: str | None = None,
                  method: str | None = None) -> dict[str, list[float]]:
    """AppTest rerun after a slider change, on the bare app and on the page, interleaved like the
    key presses (a machine slowing down for a while slows both alike)."""
    apps = {"bare": (_apptest(None, None), None), "app": (_apptest(page, toggle, method), slider_key)}
    times = {"bare": [], "app": []}
    for i in range(runs + 2):  # two warm-up runs each, not counted
        value = 1.1 if i % 2 == 0 else 1.0
        for name, (at, key) in apps.items():
            slider = at.slider(key=key) if key else at.slider[0]
            start = time.perf_counter()
            slider.set_value(value).run()
            if i >= 2:
                times[name].append((time.perf_counter() - start) * 1000)
    for at, _ in apps.values():
        assert not at.exception, [e.message for e in at.exception]
    return times


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--presses", type=int, default=20)
    ap.add_argument("--apptest-runs", type=int, default=100, help="AppTest reruns each (they are fast)")
    ap.add_argument("--page", default="countries")
    ap.add_argument("--slider-key", help="AppTest: the slider to move (default: the page's first weight)")
    ap.add_argument("--expand", help="click this text first (e.g. a toggle's or an expander's label)")
    ap.add_argument("--method", help="open the page with this method (?method=...), e.g. promethee, "
                    "which adds the GAIA plane (Plotly) to what a press redraws")
    ap.add_argument("--sensitivity", action="store_true",
                    help="with the sensitivity panel open (clicks its toggle; AppTest turns it on too)")
    ap.add_argument("--no-post-script-gc", action="store_true",
                    help="the bare app too without the full garbage collection Streamlit runs after every "
                         "run (runner.postScriptGC; the app's config turns it off, Streamlit's default is on): "
                         "this shows the ratio against a bare app configured like this one")
    ap.add_argument("--data", type=Path, help="run the app on this data folder (WIINTECH_DATA)")
    ap.add_argument("--countries", metavar="NxM", help="run the app on generated data: N countries × M criteria")
    ap.add_argument("--clusters", type=int, metavar="N", help="run the app on generated data: N cluster candidates")
    args = ap.parse_args(argv)
    data = args.data
    if args.countries or args.clusters:
        from wiintech import synthetic

        size = tuple(int(x) for x in args.countries.lower().split("x")) if args.countries else None
        data = synthetic.data_folder(tempfile.mkdtemp(prefix="wiintech-bench-"), size, args.clusters)
    if data:
        os.environ["WIINTECH_DATA"] = str(data)  # both the server and AppTest read it
    if not args.slider_key:
        first = {"countries": "c1" if args.countries else "N", "clusters": "fit"}.get(args.page, "N")
        args.slider_key = f"{args.page}.w.{first}"
    if args.sensitivity:
        args.expand = args.expand or "(sensitivity analysis)"
    print(f"SMAA-2, 10,000 draws × 200 alternatives × 12 criteria: {smaa_seconds():.3f} s (median of 5)")

    # The app runs with its own configuration (.streamlit/config.toml: runner.postScriptGC off); the bare
    # app with Streamlit's default (on), i.e. Streamlit as it ships, unless both are asked to go without.
    app_env = {"STREAMLIT_RUNNER_POST_SCRIPT_GC": "false"}
    bare_env = app_env if args.no_post_script_gc else {"STREAMLIT_RUNNER_POST_SCRIPT_GC": "true"}
    app_proc, app_url = start_server("app.py", app_env)
    bare_proc, bare_url = start_server("benchmarks/bare_app.py", bare_env)
    try:
        query = f"?method={args.method}" if args.method else ""
        lat = browser_latency(f"{app_url}/{args.page}{query}", bare_url, args.presses, args.expand)
    finally:
        for proc in (app_proc, bare_proc):
            proc.terminate()
            proc.wait(10)
    at = apptest_rerun(args.page, args.slider_key, args.apptest_runs,
                       f"{args.page}.sens" if args.sensitivity else None, args.method)

    med = {k: statistics.median(v) for k, v in lat.items()}
    p = {k: p95(v) for k, v in lat.items()}
    print(f"page: {args.page}{' (' + args.expand + ' open)' if args.expand else ''}"
          f"{', method ' + args.method if args.method else ''}; "
          f"{'data: ' + (args.countries + ' countries' if args.countries else f'{args.clusters} clusters' if args.clusters else str(data)) + '; ' if data else ''}"
          f"{'runner.postScriptGC off on both servers; ' if args.no_post_script_gc else 'bare app with Streamlit defaults (postScriptGC on), this app with its config (off); '}"
          f"{args.presses} presses each, interleaved")
    print(f"{'':28}{'bare app':>12}{'this page':>12}{'ratio':>9}")
    print(f"{'key → view complete, median':28}{med['bare']:>10.0f}ms{med['app']:>10.0f}ms{med['app'] / med['bare']:>8.2f}×")
    print(f"{'key → view complete, p95':28}{p['bare']:>10.0f}ms{p['app']:>10.0f}ms{p['app'] / p['bare']:>8.2f}×")
    mb, ma = statistics.median(at["bare"]), statistics.median(at["app"])
    print(f"{'AppTest rerun, median':28}{mb:>10.1f}ms{ma:>10.1f}ms{ma / mb:>8.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
