"""The limits on what a user can hand the app, the command line and the loader, in one place.

Each limit exists so that a file or an option can never stall the server, exhaust its memory or end
in a traceback: past a limit, the input is refused with one sentence that names the limit and the
file (or option). The README's "Limits" table lists these same numbers.
"""

from __future__ import annotations

from wiintech.errors import InputError

MAX_FILE_BYTES = 5 * 1024 * 1024  # any file read: a data file, a CSV or Excel matrix, an upload, a zip member
MAX_ZIP_FILES = 20  # members of an uploaded zip of data files
MAX_UNZIPPED = 10 * MAX_FILE_BYTES  # an Excel workbook's XML, unpacked (a zip bomb stops here)
MAX_ROWS = 100_000  # alternatives in a CSV or Excel matrix
MAX_COLUMNS = 200  # criteria in a matrix
MAX_NAME = 300  # characters in a name: an alternative, a criterion, a column header
MAX_CELL = 128 * 1024  # characters in one CSV cell (Python's csv module refuses longer ones)
MAX_YAML_DEPTH = 40  # nesting of lists and mappings in a data file (the shipped files use 5)
MAX_YAML_ALIASES = 0  # YAML anchors and aliases (&a, *a) are refused: they can expand exponentially
# SMAA-2: draws × alternatives × criteria. Scored chunk by chunk (wiintech.sensitivity), so memory does
# not grow with it; this bounds the time: 10,000 draws × 20,000 × 12 (2.4e9) takes ~4 s on 2 cores.
MAX_SMAA_WORK = 3_000_000_000
MAX_SMAA_DRAWS = 1_000_000
MAX_SEED = 2**32 - 1  # random seeds run from 0 to this

LIMITS = (  # (what, limit): shown on the upload page; the README's table says the same
    ("file size", f"{MAX_FILE_BYTES // (1024 * 1024)} MB per file (data file, CSV, Excel, upload, zip member)"),
    ("files in an uploaded zip", f"{MAX_ZIP_FILES}"),
    ("an Excel file, unpacked", f"{MAX_UNZIPPED // (1024 * 1024)} MB"),
    ("rows (alternatives) of a matrix", f"{MAX_ROWS:,}"),
    ("columns (criteria) of a matrix", f"{MAX_COLUMNS:,}"),
    ("length of a name or column header", f"{MAX_NAME} characters"),
    ("length of a CSV cell", f"{MAX_CELL:,} characters"),
    ("YAML nesting depth", f"{MAX_YAML_DEPTH} levels"),
    ("YAML anchors and aliases", "none (refused)"),
    ("SMAA-2 draws × alternatives × criteria", f"{MAX_SMAA_WORK:,} (and at most {MAX_SMAA_DRAWS:,} draws)"),
    ("random seed", f"0 to {MAX_SEED:,}"),
)


def megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def check_size(nbytes: int, label: str) -> None:
    if nbytes > MAX_FILE_BYTES:
        raise InputError(f"{label}: {megabytes(nbytes)} is larger than "
                         f"{MAX_FILE_BYTES // (1024 * 1024)} MB, the limit for a file.")


def check_shape(rows: int, columns: int, label: str) -> None:
    if rows > MAX_ROWS:
        raise InputError(f"{label}: {rows:,} rows is more than {MAX_ROWS:,}, the limit for a matrix.")
    if columns > MAX_COLUMNS:
        raise InputError(f"{label}: {columns:,} criteria is more than {MAX_COLUMNS:,}, the limit for a matrix.")


def name_problem(name: str) -> str | None:
    """Why a name is too long, or None."""
    if len(name) > MAX_NAME:
        return f"a name of {len(name):,} characters is longer than {MAX_NAME}, the limit for a name"
    return None


def check_smaa(draws: int, alternatives: int, criteria: int, label: str = "SMAA-2") -> None:
    if not 1 <= draws <= MAX_SMAA_DRAWS:
        raise InputError(f"{label}: {draws:,} draws is outside 1–{MAX_SMAA_DRAWS:,}, the limit for SMAA-2 draws.")
    work = draws * alternatives * criteria
    if work > MAX_SMAA_WORK:
        raise InputError(f"{label}: {draws:,} draws × {alternatives:,} alternatives × {criteria:,} criteria is "
                         f"{work:,}, more than {MAX_SMAA_WORK:,}, the limit for SMAA-2; use fewer draws.")


def check_seed(seed: int, label: str = "--seed") -> None:
    if not 0 <= seed <= MAX_SEED:
        raise InputError(f"{label}: {seed} is outside 0–{MAX_SEED:,}, the limit for a random seed.")
