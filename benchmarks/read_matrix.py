"""How reading a user's CSV matrix scales with its rows: time and peak memory for 12,500 to
100,000 rows × 6 criteria, and the ratio per doubling (linear: about 2×).

    .venv/bin/python benchmarks/read_matrix.py [--build] [--rank]

Reading is ``wiintech.usermatrix.read_table``, the CLI's and the upload page's reader (CSV parse,
limits, names, numbers). ``--build`` adds ``Table.matrix`` (``DecisionMatrix.build``, with its
duplicate-name check) and ``--rank`` also ``rank(..., "wsum")``: those kernels are measured by the
same doubling. Time is measured without tracing; peak memory in a second, traced run.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wiintech.ranking import rank  # noqa: E402
from wiintech.usermatrix import read_table  # noqa: E402

SIZES = (12_500, 25_000, 50_000, 100_000)


def csv_bytes(rows: int) -> bytes:
    lines = ["name,c1,c2,c3,c4,c5,c6"]
    lines += [f"alt{i},{i % 97},{(i * 7) % 101},{i % 13}.5,{(i * 3) % 89},{i % 7},{(i * 11) % 103}"
              for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def work(data: bytes, build: bool, with_rank: bool) -> None:
    table = read_table(data, "m.csv")
    if build or with_rank:
        matrix = table.matrix()
        if with_rank:
            rank(matrix, "wsum")


def measure(rows: int, build: bool, with_rank: bool) -> tuple[float, float]:
    data = csv_bytes(rows)
    t = time.perf_counter()
    work(data, build, with_rank)
    seconds = time.perf_counter() - t
    tracemalloc.start()
    work(data, build, with_rank)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", action="store_true", help="build the DecisionMatrix too")
    ap.add_argument("--rank", action="store_true", help="build and rank the matrix too (weighted sum)")
    args = ap.parse_args()
    print(f"{'rows':>8} {'MB in':>6} {'seconds':>8} {'peak MB':>8} {'time ×':>7} {'memory ×':>8}")
    last = None
    for rows in SIZES:
        seconds, peak = min((measure(rows, args.build, args.rank) for _ in range(3)), key=lambda r: r[0])
        ratio = f"{seconds / last[0]:7.2f} {peak / last[1]:8.2f}" if last else f"{'':7} {'':8}"
        print(f"{rows:>8,} {len(csv_bytes(rows)) / 2**20:6.1f} {seconds:8.3f} {peak:8.1f} {ratio}")
        last = (seconds, peak)


if __name__ == "__main__":
    main()
