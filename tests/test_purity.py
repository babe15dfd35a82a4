import subprocess
import sys


def test_importing_the_library_does_not_import_streamlit():
    code = ("import sys, wiintech, wiintech.cli, wiintech.tables, wiintech.report, wiintech.export, "
            "wiintech.urlstate, wiintech.usermatrix; "
            "bad = [m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout


# A pinned distribution and the module the app imports it as, where the two names differ.
MODULES = {"PyYAML": "yaml", "SQLAlchemy": "sqlalchemy", "psycopg[binary]": "psycopg"}


def test_every_pinned_runtime_dependency_is_imported_by_the_app():
    """requirements.txt pins only what the app uses: each is imported by app.py, ui/, pages/ or
    wiintech/ (psycopg is loaded by SQLAlchemy from the store's postgresql+psycopg:// URL)."""
    from tests.conftest import ROOT

    source = "\n".join(p.read_text(encoding="utf-8") for d in ("ui", "pages", "wiintech")
                       for p in (ROOT / d).glob("*.py")) + (ROOT / "app.py").read_text(encoding="utf-8")
    pinned = [line.split("==")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()
              if "==" in line and not line.lstrip().startswith("#")]
    assert {"altair", "plotly"} <= set(pinned)
    for name in pinned:
        module = MODULES.get(name, name).replace("-", "_")
        used = (f"import {module}" in source or f"from {module}" in source
                or (module == "psycopg" and "postgresql+psycopg://" in source))
        assert used, f"{name} is pinned in requirements.txt but the app never imports it"


def test_the_chart_libraries_load_with_the_chart_modules():
    from tests.conftest import ROOT

    code = ("import sys, ui.charts, ui.gaia_view; "
            "print(all(m in sys.modules for m in ('altair', 'plotly.graph_objects')))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert res.stdout.strip() == "True", res.stderr
