import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def open_page(page: str | None = None, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page:  # open the page directly, as a link to it would
        at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.fixture
def app():
    return open_page


def own_downloads(at: AppTest) -> list:
    """A page's download buttons, without the "For the minutes" popover's (ui.minutes_view)."""
    return [b for b in at.get("download_button") if "minutes" not in b.proto.id and "workbook" not in b.proto.id]
