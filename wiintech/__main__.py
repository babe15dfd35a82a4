import os
import sys

# Before NumPy loads: one BLAS thread. The products here are thin (alternatives × a dozen criteria),
# so more threads buy little, and on a busy machine OpenBLAS's spinning threads made SMAA-2 at
# 20,000 × 12 ten times slower (benchmarks/scale.py). A value the user set is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from wiintech.cli import main  # noqa: E402

sys.exit(main())
