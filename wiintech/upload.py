"""What a user uploads: a decision matrix (CSV or Excel) or the data folder's own YAML files, singly
or as a zip. Everything is read in memory and validated before it is used; nothing is written.

The YAML files are validated by the loaders themselves (``loader.Upload`` over the data folder), so an
uploaded file passes or fails exactly as it would in ``data/``.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from wiintech import limits, loader
from wiintech.errors import DataError, InputError
from wiintech.usermatrix import EXCEL_SUFFIXES, Table, read_table

MATRIX_SUFFIXES = (".csv", *EXCEL_SUFFIXES)
YAML_SUFFIXES = (".yaml", ".yml")
ACCEPTED = ("csv", "xlsx", "xlsm", "yaml", "yml", "zip")
LOADER_OF = {file_name: name for name, file_name in loader.FILES.items()}


def read(files, base=None) -> Table | loader.Upload:
    """``files``: (file name, bytes) pairs as uploaded. A matrix, or the data files as a
    ``loader.Upload`` over ``base``; raises InputError or DataError naming the file."""
    files = list(files)
    if not files:
        raise InputError("No file was uploaded.")
    for name, data in files:
        limits.check_size(len(data), name)
    matrices = [n for n, _ in files if n.lower().endswith(MATRIX_SUFFIXES)]
    if matrices:
        if len(files) > 1:
            raise InputError(f"{matrices[0]}: upload a decision matrix on its own, one file at a time.")
        name, data = files[0]
        return read_table(data, name)
    yaml_files = []
    for name, data in files:
        if name.lower().endswith(".zip"):
            yaml_files.extend(_unzip(name, data))
        elif name.lower().endswith(YAML_SUFFIXES):
            yaml_files.append((name, posixpath.basename(name), data))
        else:
            raise InputError(f"{name}: not a file this page reads; upload a CSV or Excel matrix, "
                             f"or the data folder's YAML files ({', '.join(loader.FILES.values())}), "
                             "singly or as a zip.")
    return data_files(yaml_files, base)


def _unzip(label: str, data: bytes) -> list[tuple[str, str, bytes]]:
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(f"{label}: not a readable zip file.") from None
    with z:
        members = [i for i in z.infolist() if not i.is_dir() and not posixpath.basename(i.filename).startswith(".")]
        if len(members) > limits.MAX_ZIP_FILES:
            raise InputError(f"{label}: {len(members)} files is more than {limits.MAX_ZIP_FILES}, "
                             "the limit for a zip of data files.")
        out = []
        for info in members:
            where = f"{label}/{info.filename}"
            if not info.filename.lower().endswith(YAML_SUFFIXES):
                raise InputError(f"{where}: not a YAML data file; the zip may hold only "
                                 f"{', '.join(loader.FILES.values())}.")
            limits.check_size(info.file_size, where)  # the size the zip declares, checked before reading
            with z.open(info) as f:
                body = f.read(limits.MAX_FILE_BYTES + 1)
            limits.check_size(len(body), where)
            out.append((where, posixpath.basename(info.filename), body))
        return out


def data_files(yaml_files, base=None) -> loader.Upload:
    """(label, file name, bytes) triples, checked by the loaders that read them."""
    seen = {}
    for label, file_name, _ in yaml_files:
        if file_name not in LOADER_OF:
            raise InputError(f"{label}: not one of the data files ({', '.join(loader.FILES.values())}).")
        if file_name in seen:
            raise InputError(f"{label}: {file_name} is uploaded twice (also as {seen[file_name]}).")
        seen[file_name] = label
    upload = loader.Upload(tuple((f, d) for _, f, d in yaml_files), base or loader.DEFAULT_DATA_DIR)
    given = {LOADER_OF[f] for _, f, _ in yaml_files}
    problems = []
    for name, load in loader.LOADERS.items():
        if given & {name, *loader.READS_ALSO.get(name, ())}:
            try:
                load(upload)
            except DataError as exc:
                problems.extend(p for p in exc.problems if p not in problems)
    if problems:
        raise DataError(problems)
    return upload
