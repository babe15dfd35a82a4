import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# CI replays the same examples every run (a red CI must mean a change broke something); a developer's
# run explores new ones, and Hypothesis keeps any failure it finds to replay.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the shipped data folder, to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def shown(markdown: str) -> str:
    """Markdown source as the reader sees it: ui.text.md's backslash escapes removed."""
    import re
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def seen(table_element):
    """An AppTest ``st.table`` as the reader sees it: cells and headers with ui.text.md's escapes
    removed (``st.table`` renders Markdown, so the app escapes what it puts there)."""
    df = table_element.value
    return df.map(lambda v: shown(v) if isinstance(v, str) else v).rename(columns=shown)
