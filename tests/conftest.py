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


# -- the workshop store: a real database in every test -------------------------------------------
# SQLite: a fresh file per test. PostgreSQL: $WIINTECH_TEST_DATABASE_URL (.ci/run starts a throwaway
# server from Debian's package and sets it); each test gets its own schema, dropped afterwards.
# Without that variable the PostgreSQL tests skip on a developer's machine and fail under CI=true.

PG_ENV = "WIINTECH_TEST_DATABASE_URL"


def pg_base_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL tests must run in CI: set {PG_ENV} (.ci/run does)")
        pytest.skip(f"{PG_ENV} is not set (see .ci/run for a throwaway PostgreSQL)")
    return url


def _forget(url: str) -> None:
    from wiintech import store
    engine = store._engines.pop(store.database_url(url), None)
    if engine is not None:
        engine.dispose()


@pytest.fixture
def pg_url():
    """A PostgreSQL URL whose connections use a schema of their own."""
    import uuid

    import psycopg
    base = pg_base_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    plain = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options=-csearch_path%3D{schema}"
    yield url
    _forget(url)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def sqlite_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'workshop.sqlite3'}"
    yield url
    _forget(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request):
    """The same test against SQLite and PostgreSQL."""
    return request.getfixturevalue({"sqlite": "sqlite_url", "postgresql": "pg_url"}[request.param])
