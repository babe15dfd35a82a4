"""ui.heap: the libraries are frozen out of the collector, what runs create is still collected."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import gc, sys
from ui import heap
heap.freeze_imports()
frozen = gc.get_freeze_count()
heap.freeze_imports()
assert gc.get_freeze_count() == frozen, "a second call froze again"
class Node: pass
a, b = Node(), Node(); a.b, b.a = b, a  # a reference cycle, garbage once the names go
del a, b
print(frozen, gc.collect(2), " ".join(sorted(sys.modules)))
"""


def _run_probe():
    res = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    frozen, collected, modules = res.stdout.split(" ", 2)
    return int(frozen), int(collected), set(modules.split())


def test_freezes_the_imported_libraries_once_and_still_collects_new_garbage():
    frozen, collected, _ = _run_probe()
    assert frozen > 50_000  # pandas, pyarrow, NumPy and the app: ~120,000 objects
    assert collected >= 2  # the cycle made after freezing


def test_every_module_a_page_imports_is_loaded_before_freezing():
    _, _, loaded = _run_probe()
    imported = set()
    for path in [*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module)
                package = ROOT.joinpath(*node.module.split("."))
                imported.update(f"{node.module}.{a.name}" for a in node.names
                                if (package / f"{a.name}.py").exists())
    assert imported - loaded - {"__future__"} == set()
