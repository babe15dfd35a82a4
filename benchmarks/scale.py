"""Time and peak memory of the command line's work at 9 × 5, 200 × 12, 2,000 × 12 and 20,000 × 12,
with the growth exponents between sizes; optionally the slider ratios of the two live pages on
generated data against the shipped data.

Usage:  python benchmarks/scale.py [--repeat 3] [--sizes 9x5,200x12,2000x12,20000x12] [--pages]

Then the library calls alone at each size (in this process), and the stability intervals at 200 × 12
before (the pair loop, kept as the tests' oracle) and now.

Each matrix is seeded random (``wiintech.synthetic``), written to a temporary CSV on the fly. Each
measure runs in a fresh Python process, as a user's command would: ``wall`` is that process from
start to exit (interpreter, imports, reading the CSV, the work, writing the CSV), ``work`` the time
inside it after the imports, and ``peak`` the process's peak resident memory (``ru_maxrss``). The
median of ``--repeat`` runs is printed. The growth exponent is log(work₂ / work₁) / log(n₂ / n₁)
between consecutive sizes: 1 is linear, 2 quadratic; an exponent above 1.3 between the two largest
sizes is flagged. ``--pages`` also runs ``slider_latency.py`` on the country page (shipped data and
200 × 12) and the cluster page (shipped data and 5,000 candidates) and prints each median ratio
against the bare app and the ratio of ratios (target ≤ 1.25 for the country page).
"""

from __future__ import annotations

import argparse
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# name -> arguments of ``python -m wiintech`` (FILE is the generated CSV)
WORK = {
    "rank wsum": ["rank", "FILE", "--method", "wsum"],
    "rank wprod": ["rank", "FILE", "--method", "wprod"],
    "rank topsis": ["rank", "FILE", "--method", "topsis"],
    "rank promethee": ["rank", "FILE", "--method", "promethee"],
    "intervals, top 3": ["sensitivity", "FILE", "--method", "wsum", "--top", "3"],
    "SMAA-2, 10,000 draws": ["sensitivity", "FILE", "--method", "wsum", "--smaa", "10000"],
    "tornado ±25%": ["tornado", "FILE"],  # not a command: the library call, in the same kind of process
}


def child(argv: list[str]) -> None:
    """Run one measure in this process and print the time after the imports (``work``)."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # the CSV goes nowhere, as with -o /dev/null
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as ``python -m wiintech`` does (wiintech/__main__.py)
    if argv[0] == "tornado":
        from wiintech import sensitivity
        from wiintech.ranking import rank
        from wiintech.usermatrix import read_matrix

        start = time.perf_counter()
        sensitivity.tornado(sensitivity.linear(rank(read_matrix(argv[1]), "wsum")), 0.25)
    else:
        from wiintech import cli  # imported before the clock starts, like the library for sensitivity

        if argv[0] == "sensitivity":
            import wiintech.sensitivity  # noqa: F401

        start = time.perf_counter()
        code = cli.main(argv)
        if code:
            raise SystemExit(code)
    print(f"work {time.perf_counter() - start:.6f}", file=sys.stderr)


def measure(args: list[str]) -> tuple[float, float, float]:
    """(wall s, work s, peak MiB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    found = re.search(r"work (\S+)", err)
    if proc.returncode or not found:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{err[-2000:]}")
    return wall, float(found.group(1)), usage.ru_maxrss / 1024


def exponent(small: float, large: float, n_small: int, n_large: int) -> float:
    return math.log(max(large, 1e-6) / max(small, 1e-6)) / math.log(n_large / n_small)


def run_table(sizes: list[tuple[int, int]], repeat: int) -> None:
    from wiintech import synthetic

    folder = Path(tempfile.mkdtemp(prefix="wiintech-scale-"))
    files = {}
    for n, m in sizes:
        files[n, m] = folder / f"m{n}x{m}.csv"
        files[n, m].write_text(synthetic.matrix_csv(n, m, seed=n), encoding="utf-8")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; median of {repeat} runs each; "
          "wall = the whole process, work = after the imports")
    head = f"{'work':24}" + "".join(f"{f'{n:,} × {m}':>26}" for n, m in sizes) + "   growth (work, last two sizes)"
    print(head)
    print(f"{'':24}" + "".join(f"{'wall   work   peak':>26}" for _ in sizes))
    for name, template in WORK.items():
        cells, works = [], []
        for size in sizes:
            args = [str(files[size]) if a == "FILE" else a for a in template]
            runs = [measure(args) for _ in range(repeat)]
            wall, work, peak = (statistics.median(r[i] for r in runs) for i in range(3))
            works.append(work)
            cells.append(f"{wall:6.2f}s {_t(work):>7} {peak:5.0f}MiB")
        grow = ""
        if len(sizes) >= 2:
            (n1, _), (n2, _) = sizes[-2], sizes[-1]
            e = exponent(works[-2], works[-1], n1, n2)
            grow = f"   {e:4.2f}{'' if e <= 1.3 else '  SUPERLINEAR'}"
        print(f"{name:24}" + "".join(f"{c:>26}" for c in cells) + grow)


def library_times(sizes: list[tuple[int, int]], repeat: int) -> None:
    """The library calls alone, in this process (best of ``repeat``): the issue's targets for the
    stability intervals at 200 × 12 (≤ 20 ms) and SMAA-2 at 200 × 12 (≤ 0.5 s) are on these."""
    import numpy as np

    from wiintech import sensitivity, synthetic
    from wiintech.ranking import rank
    from wiintech.usermatrix import parse_matrix

    print(f"\nlibrary calls alone (best of {repeat}): stability intervals top 3, SMAA-2 10,000 draws, tornado")
    for n, m in sizes:
        L = sensitivity.linear(rank(parse_matrix(synthetic.matrix_csv(n, m, seed=n)), "wsum"))
        row = []
        for name, call in (("intervals", lambda: sensitivity.intervals(L, min(3, n))),
                           ("SMAA-2", lambda: sensitivity.smaa(L, 10_000, 0)),
                           ("tornado", lambda: sensitivity.tornado(L, 0.25))):
            best = np.inf
            for _ in range(repeat):
                start = time.perf_counter()
                call()
                best = min(best, time.perf_counter() - start)
            row.append(f"{name} {_t(best):>7}")
        print(f"  {f'{n:,} × {m}':>12}:  " + "   ".join(row))


def intervals_before_after(repeat: int) -> None:
    """Stability intervals at 200 × 12, top 3: the pair loop this replaced (kept as the tests'
    oracle, ``tests/reference.py``) against the library now."""
    from tests import reference
    from wiintech import sensitivity, synthetic
    from wiintech.ranking import rank
    from wiintech.usermatrix import parse_matrix

    L = sensitivity.linear(rank(parse_matrix(synthetic.matrix_csv(200, 12, seed=200)), "wsum"))
    times = {}
    for name, call in (("before (pair loop)", reference.intervals), ("now", sensitivity.intervals)):
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            call(L, 3)
            runs.append(time.perf_counter() - start)
        times[name] = min(runs)
    print(f"\nstability intervals, 200 × 12, top 3 (best of {repeat}): "
          + ", ".join(f"{k} {_t(v)}" for k, v in times.items()))


def _t(seconds: float) -> str:
    return f"{seconds * 1000:.0f}ms" if seconds < 1 else f"{seconds:.2f}s"


def page_ratios(presses: int) -> None:
    runs = [("countries", "shipped data", []), ("countries", "200 × 12", ["--countries", "200x12"]),
            ("clusters", "shipped data", []), ("clusters", "5,000 candidates", ["--clusters", "5000"])]
    ratios = {}
    print(f"\nslider key → view complete, median ratio against the bare app ({presses} presses each)")
    for page, label, extra in runs:
        out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "slider_latency.py"), "--page", page,
                              "--presses", str(presses), "--apptest-runs", "20", *extra],
                             cwd=ROOT, capture_output=True, text=True, check=True).stdout
        line = next(x for x in out.splitlines() if x.startswith("key → view complete, median"))
        nums = re.findall(r"([\d.]+)(?:ms|×)", line)
        ratios[page, label] = float(nums[2])
        print(f"  {page:10} {label:18} bare {nums[0]:>5} ms, page {nums[1]:>6} ms: {nums[2]}×")
    for page, big in (("countries", "200 × 12"), ("clusters", "5,000 candidates")):
        r = ratios[page, big] / ratios[page, "shipped data"]
        print(f"  {page}: {big} / shipped = {r:.2f}{' (target ≤ 1.25)' if page == 'countries' else ''}")


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        child(argv[1:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sizes", default="9x5,200x12,2000x12,20000x12")
    ap.add_argument("--pages", action="store_true", help="also the slider ratios of the live pages")
    ap.add_argument("--presses", type=int, default=10, help="--pages: key presses per page")
    args = ap.parse_args(argv)
    sizes = [tuple(int(x) for x in s.split("x")) for s in args.sizes.split(",")]
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before NumPy loads here, as in the children
    run_table(sizes, args.repeat)
    library_times(sizes, args.repeat)
    intervals_before_after(args.repeat)
    if args.pages:
        page_ratios(args.presses)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
