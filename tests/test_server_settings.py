"""The server settings that protect viewers (.streamlit/config.toml)."""

import tomllib

from tests.conftest import ROOT
from wiintech import limits

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_viewers_never_see_a_traceback():
    assert CONFIG["client"]["showErrorDetails"] == "none"


def test_xsrf_protection_stays_on():
    assert CONFIG["server"]["enableXsrfProtection"] is True


def test_the_server_refuses_uploads_over_the_file_limit():
    assert CONFIG["server"]["maxUploadSize"] * 1024 * 1024 == limits.MAX_FILE_BYTES


def test_no_forced_collection_after_every_run():
    # Each open workshop view reruns its polling fragment every second; with Streamlit's forced
    # gc.collect(2) after each run, every view paid for every session's heap (benchmarks/workshop_latency.py).
    assert CONFIG["runner"]["postScriptGC"] is False
