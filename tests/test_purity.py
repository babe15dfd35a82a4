import subprocess
import sys


def test_importing_the_library_does_not_import_streamlit():
    code = ("import sys, wiintech, wiintech.cli, wiintech.tables, wiintech.report, wiintech.export, "
            "wiintech.urlstate, wiintech.usermatrix; "
            "bad = [m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout
