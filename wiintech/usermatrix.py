"""A user's own decision matrix from CSV or Excel: first column the alternative's name, other columns
numeric criteria. Every problem names the file, the row and the column; every limit of
``wiintech.limits`` is checked before the work it bounds.

A file this app exported (``rank,name,score,<criteria>,method,normalisation,weights[,preference_functions][,cost_criteria]``)
is read back as the matrix it ranked, with the method, normalisation, weights and cost criteria it
was ranked with (``Restored``), so a downloaded ranking uploaded again gives the same view.
"""

from __future__ import annotations

import csv
import io
import math
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from wiintech import limits
from wiintech.export import unneutralise
from wiintech.errors import InputError
from wiintech.models import BENEFIT, COST, Criterion
from wiintech.ranking import METHODS, NORM_NAMES, DecisionMatrix

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
EXPORT_HEAD = ("rank", "name", "score")
EXPORT_META = ("method", "normalisation", "weights", "preference_functions", "cost_criteria")

csv.field_size_limit(limits.MAX_CELL)


@dataclass(frozen=True)
class Restored:
    """How an exported ranking was made, read back from its own columns."""

    method: str
    norm: str
    weights: dict = field(default_factory=dict)  # criterion name -> weight
    cost: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A matrix file read but not yet given directions: the names, the criteria's headers, the values."""

    label: str
    name_header: str
    names: tuple[str, ...]
    headers: tuple[str, ...]
    values: tuple[tuple[float, ...], ...]
    restored: Restored | None = None

    def matrix(self, cost=()) -> DecisionMatrix:
        """The decision matrix with ``cost`` naming the criteria where less is better."""
        cost = [c.strip() for c in cost if c.strip()]
        unknown = [c for c in cost if c not in self.headers]
        if unknown:
            raise InputError(f"{self.label}: --cost names {unknown[0]!r}, which is not a column; "
                             f"the criteria are: {', '.join(self.headers)}.")
        criteria = [Criterion(h, h, COST if h in cost else BENEFIT) for h in self.headers]
        try:
            return DecisionMatrix.build(self.names, criteria, self.values)
        except InputError as exc:
            raise InputError(f"{self.label}: {exc}") from None


def number(text: str) -> float | None:
    """A finite number from a cell (a typographic minus reads as "-"), or None."""
    try:
        v = float(text.strip().replace("\u2212", "-"))
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def read_matrix(path, cost=()) -> DecisionMatrix:
    """Read a CSV or Excel file; ``cost`` names the columns where less is better."""
    label = str(path)
    p = Path(path)
    try:
        limits.check_size(p.stat().st_size, label)
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{label}: file not found.") from None
    except OSError as exc:
        raise InputError(f"{label}: cannot be read ({exc.strerror}).") from None
    return read_table(data, label).matrix(cost)


def read_table(data: bytes, label: str) -> Table:
    """A CSV or Excel file's bytes (Excel by its name's suffix, .xlsx or .xlsm)."""
    limits.check_size(len(data), label)
    if label.lower().endswith(EXCEL_SUFFIXES):
        return parse_rows(excel_rows(data, label), label)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{label}: cannot be read as UTF-8 text (byte {exc.start}); save it as CSV UTF-8.") from None
    return parse_rows(csv_rows(text, label), label)


def parse_matrix(text: str, cost=(), label: str = "matrix") -> DecisionMatrix:
    return parse_rows(csv_rows(text, label), label).matrix(cost)


def csv_rows(text: str, label: str) -> list[list[str]]:
    rows = []
    try:
        for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
            if any(c.strip() for c in row):
                rows.append(row)
                if len(rows) > limits.MAX_ROWS + 1:
                    break
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise InputError(f"{label}: row {len(rows) + 1} has a cell longer than {limits.MAX_CELL:,} "
                             "characters, the limit for a CSV cell.") from None
        raise InputError(f"{label}: row {len(rows) + 1} is not readable CSV ({exc}).") from None
    return rows


def excel_rows(data: bytes, label: str) -> list[list[str]]:
    """The first worksheet's rows as text, read with openpyxl (read-only, values not formulas)."""
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except zipfile.BadZipFile:
        raise InputError(f"{label}: not an Excel workbook (.xlsx); save it as .xlsx or CSV.") from None
    if unpacked > limits.MAX_UNZIPPED:
        raise InputError(f"{label}: unpacks to {limits.megabytes(unpacked)}, more than "
                         f"{limits.megabytes(limits.MAX_UNZIPPED)}, the limit for an Excel file.")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise InputError(f"{label}: not a readable Excel workbook ({exc.__class__.__name__}).") from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True, max_col=limits.MAX_COLUMNS + 2):
            cells = ["" if v is None else _cell_text(v) for v in row]
            if any(c.strip() for c in cells):
                rows.append(cells)
                if len(rows) > limits.MAX_ROWS + 1:
                    break
        while rows and all(not r or not r[-1].strip() for r in rows):  # trailing empty columns
            rows = [r[:-1] for r in rows]
        return rows
    finally:
        book.close()


def _cell_text(v) -> str:
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e16:
        return str(int(v))
    return repr(v) if isinstance(v, float) else str(v)


def parse_rows(rows: list[list[str]], label: str = "matrix") -> Table:
    if len(rows) < 2:
        raise InputError(f"{label}: needs a header row and at least one alternative.")
    header = [h.strip() for h in rows[0]]
    if len(header) < 2:
        raise InputError(f"{label}: needs a name column and at least one criterion column.")
    limits.check_shape(len(rows) - 1, len(header) - 1, label)
    restored = None
    if tuple(header[:3]) == EXPORT_HEAD and "method" in header:
        rows, header, restored = _exported(rows, header, label)
    crit_names = header[1:]
    for j, h in enumerate(header, 1):
        if not h and j > 1:
            raise InputError(f"{label}: column {j} has no header.")
        if limits.name_problem(h):
            raise InputError(f"{label}: the header of column {j}: {limits.name_problem(h)}.")
    seen, dup = set(), []
    for h in crit_names:
        if h in seen:
            dup.append(h)
        seen.add(h)
    if dup:
        raise InputError(f"{label}: column names must be unique; repeated: {', '.join(sorted(set(dup)))}.")
    names, values = [], []
    width = len(header)
    for n, row in enumerate(rows[1:], start=2):
        if len(row) > width and any(c.strip() for c in row[width:]):
            raise InputError(f"{label}: row {n} has {len(row)} cells but the header has {width}.")
        row = row[:width] + [""] * (width - len(row))
        name = row[0].strip()
        if not name:
            raise InputError(f"{label}: row {n} › {header[0] or 'name'}: the alternative has no name.")
        if limits.name_problem(name):
            raise InputError(f"{label}: row {n} › {header[0] or 'name'}: {limits.name_problem(name)}.")
        vals = []
        for h, cell in zip(crit_names, row[1:]):
            v = number(cell)
            if v is None:
                shown = cell.strip() if len(cell.strip()) <= 40 else cell.strip()[:40] + "…"
                raise InputError(f"{label}: row {n} ({name}) › {h}: {shown!r} is not a number.")
            vals.append(v)
        names.append(name)
        values.append(tuple(vals))
    return Table(label, header[0], tuple(names), tuple(crit_names), tuple(values), restored)


def _exported(rows, header, label):
    """An exported ranking: keep the name and criteria columns, and read how it was ranked."""
    end = header.index("method")
    meta = {h: rows[1][j].strip() if j < len(rows[1]) else "" for j, h in enumerate(header) if h in EXPORT_META}
    by_name = {m.name: key for key, m in METHODS.items()}
    by_norm = {text: key for key, text in NORM_NAMES.items()}
    method, norm = by_name.get(meta.get("method", "")), by_norm.get(meta.get("normalisation", ""))
    if method is None or norm is None:
        raise InputError(f"{label}: looks like an exported ranking but its method "
                         f"{meta.get('method', '')[:40]!r} or normalisation is not one this app knows.")
    weights = {}
    for part in filter(None, meta.get("weights", "").split(";")):
        key, _, value = part.rpartition("=")
        v = number(value)
        if not key or v is None:
            raise InputError(f"{label}: row 2 › weights: {part[:40]!r} should look like NAME=NUMBER.")
        weights[key] = v
    cost = tuple(unneutralise(c) for c in filter(None, meta.get("cost_criteria", "").split(";")))
    keep = [1, *range(3, end)]
    rows = [[unneutralise(r[j]) if j < len(r) else "" for j in keep] for r in rows]
    return rows, [header[j] for j in keep], Restored(method, norm, weights, cost)


