"""The workshop's live view: submit → seen, and what an idle view costs the server.

Usage:  python benchmarks/workshop_latency.py [--submissions 20] [--viewers 30] [--seconds 20] [--db URL]

1. **Submit → seen.** One app server on a fresh store (SQLite in a temporary folder, or ``--db``).
   The facilitator's view is open in one Chromium context; in another, each of N partners (joined
   beforehand) opens their personal link and presses Submit. Timed from the click to the moment the
   facilitator's page, never reloaded, shows the new count ("k of N"). Default poll interval (1 s).
2. **Idle cost.** V viewers hold the facilitator's view open through Streamlit's own WebSocket
   protocol (a small client here, not V Chromiums): each loads the page, then sends the fragment
   reruns its ``run_every`` asks for, as the browser would, while nothing changes. The server's CPU
   time (``/proc/PID/stat``) over the window, divided by viewers × ticks, is the cost per viewer per
   tick. The same is measured in the same run on a bare app whose fragment polls and draws nothing
   (``benchmarks/bare_poll_app.py``), for the ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, IDLE, LAUNCH_ARGS, start_server  # noqa: E402

CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


def setup(db: str, partners: int):
    from wiintech import loader, workshop
    from wiintech.store import Store

    s = Store(db)
    w, ftok = workshop.create(s, "Benchmark workshop", loader.load_countries())
    tokens = [s.join(w.join_code, f"Partner {i + 1}")[1] for i in range(partners)]
    return ftok, tokens


def submit_to_seen(url: str, ftok: str, tokens: list[str]) -> list[float]:
    from playwright.sync_api import sync_playwright

    n = len(tokens)
    out = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        fac = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
        fac.goto(f"{url}/workshop?f={ftok}")
        fac.wait_for_selector("text=No submissions yet", timeout=60_000)
        partner = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
        for k, token in enumerate(tokens, start=1):
            partner.goto(f"{url}/workshop?p={token}")
            partner.wait_for_selector(IDLE, timeout=60_000)
            button = partner.get_by_role("button", name="Submit my weights")
            button.wait_for()
            start = time.monotonic()
            button.click()
            fac.wait_for_function(f"document.body.innerText.includes('{k} of {n}')", polling=10, timeout=30_000)
            out.append((time.monotonic() - start) * 1000)
            partner.wait_for_selector("text=Submitted for round", timeout=30_000)
        browser.close()
    return out


class Viewer:
    """One browser tab's worth of Streamlit protocol: load the page, then rerun its timed fragments."""

    def __init__(self, url: str, query: str, page_name: str):
        from websockets.sync.client import connect

        self.ws = connect(url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"],
                          max_size=None, open_timeout=30, ping_interval=None, legacy=True)
        self.query, self.page_name = query, page_name
        self.fragments: dict[str, float] = {}
        self.page_hash = ""
        self.ticks = 0
        self.stop = threading.Event()

    def _send(self, fragment_id: str = "") -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.page_name = self.page_name
        cs.page_script_hash = self.page_hash
        if fragment_id:
            cs.fragment_id = fragment_id
            cs.is_auto_rerun = True
        self.ws.send(msg.SerializeToString())

    def _until_finished(self, timeout: float = 60) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            fm = ForwardMsg()
            fm.ParseFromString(self.ws.recv(timeout=timeout))
            kind = fm.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fm.new_session.page_script_hash or self.page_hash
            elif kind == "auto_rerun":
                self.fragments[fm.auto_rerun.fragment_id] = fm.auto_rerun.interval
            elif kind == "script_finished" and fm.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                return  # not a run that ended early for a rerun (a fresh server's first deep link)
        raise TimeoutError("the page did not finish loading")

    def load(self) -> None:
        self._send()
        self._until_finished()
        if not self.fragments:
            raise SystemExit("the page asked for no timed fragment: nothing polls")

    def run(self) -> None:
        """Rerun each timed fragment at its interval; drain whatever the server sends."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        fragment_id, interval = next(iter(self.fragments.items()))
        next_at = time.monotonic() + interval
        while not self.stop.is_set():
            now = time.monotonic()
            if now >= next_at:
                self._send(fragment_id)
                self.ticks += 1
                next_at += interval
            try:
                ForwardMsg().ParseFromString(self.ws.recv(timeout=max(0.01, next_at - time.monotonic())))
            except TimeoutError:
                pass

    def close(self) -> None:
        self.ws.close()


def idle_cost(url: str, pid: int, query: str, page_name: str, viewers: int, seconds: float) -> tuple[float, int]:
    """Server CPU milliseconds per viewer per tick over ``seconds`` with ``viewers`` open views."""
    vs = [Viewer(url, query, page_name) for _ in range(viewers)]
    for v in vs:
        v.load()
    threads = [threading.Thread(target=v.run, daemon=True) for v in vs]
    for t in threads:
        t.start()
    time.sleep(3)  # let every viewer's first ticks and any reruns settle
    cpu0, ticks0 = cpu_seconds(pid), sum(v.ticks for v in vs)
    time.sleep(seconds)
    cpu1, ticks1 = cpu_seconds(pid), sum(v.ticks for v in vs)
    for v in vs:
        v.stop.set()
    for t in threads:
        t.join(5)
    for v in vs:
        v.close()
    ticks = ticks1 - ticks0
    return (cpu1 - cpu0) * 1000 / max(ticks, 1), ticks


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--submissions", type=int, default=20)
    ap.add_argument("--viewers", type=int, default=30)
    ap.add_argument("--seconds", type=float, default=20, help="the idle window")
    ap.add_argument("--db", help="store URL (default: SQLite in a temporary folder)")
    ap.add_argument("--no-post-script-gc", action="store_true",
                    help="the bare app too without Streamlit's post-run garbage collection, like the app")
    args = ap.parse_args(argv)
    tmp = tempfile.mkdtemp(prefix="wiintech-bench-")
    db = args.db or f"sqlite:///{tmp}/workshop.sqlite3"
    ftok, tokens = setup(db, args.submissions)
    env = {"WIINTECH_DATABASE_URL": db}
    # The app with its configuration (runner.postScriptGC off); the bare app as Streamlit ships (on),
    # or like the app with --no-post-script-gc.
    bare_gc = "false" if args.no_post_script_gc else "true"
    app, url = start_server("app.py", {**env, "STREAMLIT_RUNNER_POST_SCRIPT_GC": "false"})
    bare, bare_url = start_server("benchmarks/bare_poll_app.py", {**env, "STREAMLIT_RUNNER_POST_SCRIPT_GC": bare_gc})
    try:
        seen = submit_to_seen(url, ftok, tokens)
        app_ms, app_ticks = idle_cost(url, app.pid, f"f={ftok}", "workshop", args.viewers, args.seconds)
        bare_ms, bare_ticks = idle_cost(bare_url, bare.pid, "", "", args.viewers, args.seconds)
    finally:
        for proc in (app, bare):
            proc.terminate()
            proc.wait(10)
    store = "PostgreSQL" if db.startswith("postgres") else "SQLite"
    print(f"store: {store}; bare app's runner.postScriptGC {'off' if args.no_post_script_gc else 'on (Streamlit default)'}, "
          f"this app's off (its config); poll interval 1 s; {args.submissions} submissions; {args.viewers} viewers × {args.seconds:g} s")
    print(f"submit → seen by the facilitator's view: median {statistics.median(seen):.0f} ms, "
          f"p95 {sorted(seen)[round(0.95 * (len(seen) - 1))]:.0f} ms, max {max(seen):.0f} ms (target ≤ 1,500 ms median)")
    print(f"idle cost, server CPU per viewer per tick: {app_ms:.2f} ms ({app_ticks} ticks); "
          f"bare polling app {bare_ms:.2f} ms ({bare_ticks} ticks); ratio {app_ms / bare_ms:.2f}× "
          f"(target ≤ 5 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
