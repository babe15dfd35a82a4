import subprocess
import sys


def test_importing_the_library_does_not_import_streamlit():
    code = ("import sys, wiintech, wiintech.cli, wiintech.tables, wiintech.report, wiintech.export, "
            "wiintech.urlstate, wiintech.usermatrix; "
            "bad = [m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout


def test_the_chart_libraries_pinned_for_the_app_are_the_ones_it_draws_with():
    """altair and plotly are pinned in requirements.txt: the app's chart modules import them."""
    from tests.conftest import ROOT

    pinned = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert "altair==" in pinned and "plotly==" in pinned
    code = ("import sys, ui.charts, ui.gaia_view; "
            "print(all(m in sys.modules for m in ('altair', 'plotly.graph_objects')))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert res.stdout.strip() == "True", res.stderr
