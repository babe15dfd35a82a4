"""Bad inputs, table-driven: each row is one distinct bad input (a data file, a CSV or Excel matrix,
a command-line option, a URL parameter, an editor cell, an upload) and the message it must give.
None may hang, run out of memory or end in a traceback: each gives its one message, naming the
file (or option), record and field.

Run them: ``python -m pytest -q tests/test_bad_inputs.py``.
"""

from __future__ import annotations

import contextlib
import io
import zipfile

import pytest

from wiintech import cli, limits, loader, upload, urlstate
from wiintech.errors import DataError, InputError
from wiintech.ranking import METHODS
from wiintech.shortlist import validate_rows
from wiintech.usermatrix import read_table

DATA = loader.DEFAULT_DATA_DIR
COUNTRIES = (DATA / "countries.yaml").read_text(encoding="utf-8")
TARGETS = (DATA / "cluster_targets.yaml").read_text(encoding="utf-8")
SMALL = "name,quality,price\nA,9,100\nB,7,50\n"


def message(fn) -> str:
    """What a user reads: the error's message (every line of a DataError)."""
    try:
        fn()
    except DataError as exc:
        return "\n".join(exc.problems)
    except InputError as exc:
        return str(exc)
    raise AssertionError("no error was raised")


def yaml_file(file_name: str, text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    name = [k for k, v in loader.FILES.items() if v == file_name][0]
    return lambda: loader.LOADERS[name](loader.Upload(((file_name, data),), DATA, "mine"))


def countries(old: str, new: str):
    assert old in COUNTRIES
    return yaml_file("countries.yaml", COUNTRIES.replace(old, new, 1))


def targets(old: str, new: str):
    assert old in TARGETS
    return yaml_file("cluster_targets.yaml", TARGETS.replace(old, new, 1))


def matrix(text: str | bytes, name: str = "m.csv", cost=()):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return lambda: read_table(data, name).matrix(cost)


def zipped(members: dict, name: str = "data.zip"):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for member, body in members.items():
            z.writestr(member, body)
    return name, buf.getvalue()


def xlsx(rows) -> bytes:
    import openpyxl
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def cli_run(*args):
    """The CLI in-process: its stderr, where every error goes (exit status 2)."""
    def run():
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = cli.main(list(args))
        assert status == 2, err.getvalue()
        raise InputError(err.getvalue().strip())
    return run


def url(params: dict):
    """The country page's link parameters: the notices shown above the page."""
    def run():
        norms = {key: m.norms for key, m in METHODS.items()}
        _, notices = urlstate.parse(params, norms, ("N", "Na"), urlstate.ViewState("seed", "none", 3, {}), 9)
        raise InputError("\n".join(notices))
    return run


def editor(row: dict):
    def run():
        _, problems = validate_rows([{"name": "New", "country": "India", "fit": 5, "size": 5,
                                      "interaction": 5, **row}], loader.load_cluster_targets())
        raise InputError("\n".join(map(str, problems)))
    return run


def uploaded(*files):
    return lambda: upload.read(list(files), DATA)


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
BOMB_CANDIDATE = TARGETS.replace("countries:\n", BOMB + "countries:\n").replace(
    '{name: "PlastIndia", fit: 7', '{name: *i, fit: 7')
WIDE = "name," + ",".join(f"c{j}" for j in range(limits.MAX_COLUMNS + 1)) + "\nA," + ",".join(["1"] * (limits.MAX_COLUMNS + 1)) + "\n"
TALL = "name,a\n" + "".join(f"r{i},{i}\n" for i in range(limits.MAX_ROWS + 1))
BIG_CSV = "name,a\n" + "r,1\n" * (limits.MAX_FILE_BYTES // 4 + 1)
SMAA_CSV = "name,a,b,c,d,e\n" + "".join(f"r{i},{i},{i % 7},{i % 5},{i % 3},{i % 11}\n" for i in range(1000))
EXCEL_BOMB = zipped({"xl/worksheets/sheet1.xml": b"\0" * (11 * limits.MAX_FILE_BYTES)}, "bomb.xlsx")[1]
DEEP = "a: " + "[" * 5000 + "]" * 5000 + "\n"

CASES = [
    # --- YAML data files (loader) ---
    ("yaml-aliases-billion-laughs", yaml_file("cluster_targets.yaml", BOMB_CANDIDATE),
     "mine/cluster_targets.yaml: line 11, column 4: not valid YAML (anchors and aliases (& and *) are not allowed in data files)"),
    ("yaml-5000-levels", yaml_file("countries.yaml", DEEP),
     "mine/countries.yaml: line 1, column 43: not valid YAML (nested deeper than 40 levels, the limit for a data file)"),
    ("yaml-duplicate-key", countries('{name: USA,     source: "Section D, step 1 table",',
                                     '{name: USA, name: Atlantis, source: "Section D, step 1 table",'),
     "mine/countries.yaml: line 45, column 17: not valid YAML (the key 'name' is given twice)"),
    ("yaml-unknown-candidate-key", targets("fit: 10, size: 10, interaction: 1,", "fit: 10, size: 10, interaction: 1, intraction: 9,"),
     "mine/cluster_targets.yaml: Table 12 › San Diego › intraction: is not a field of a candidate (did you mean interaction?)"),
    ("yaml-negative-partner-count", countries("N: 10, Na: 7", "N: -3, Na: 7"),
     "mine/countries.yaml: Section D, step 1 table › USA › N: -3 is below 0"),
    ("yaml-negative-answers", countries("N: 10, Na: 7", "N: 10, Na: -1"),
     "mine/countries.yaml: Section D, step 1 table › USA › Na: -1 is below 0"),
    ("yaml-top-level-list", yaml_file("roadmap.yaml", "- a\n- b\n"),
     "mine/roadmap.yaml: expected a mapping at the top of the file"),
    ("yaml-syntax", yaml_file("roadmap.yaml", "a: [1, 2\n"),
     "mine/roadmap.yaml: line 2, column 1: not valid YAML (expected ',' or ']', but got '<stream end>')"),
    ("yaml-not-utf8", yaml_file("roadmap.yaml", b"a: \xff\xfe\n"),
     "mine/roadmap.yaml: cannot be read as UTF-8 text (byte 3)"),
    ("yaml-over-5-mb", yaml_file("roadmap.yaml", "#" * (limits.MAX_FILE_BYTES + 1)),
     "mine/roadmap.yaml: 5.0 MB is larger than 5 MB, the limit for a file."),
    ("yaml-name-too-long", countries("{name: Morocco,", "{name: " + "M" * 301 + ","),
     "mine/countries.yaml: alternatives #9 › name: a name of 301 characters is longer than 300, the limit for a name"),
    ("yaml-score-outside-scale", targets("fit: 10, size: 10, interaction: 1,", "fit: 10, size: 10, interaction: 11,"),
     "mine/cluster_targets.yaml: Table 12 › San Diego › interaction: 11 is outside 1–10"),
    ("yaml-score-not-a-number", targets("fit: 10, size: 10, interaction: 1,", "fit: ten, size: 10, interaction: 1,"),
     "mine/cluster_targets.yaml: Table 12 › San Diego › fit: 'ten' is not a number"),
    ("yaml-score-infinite", countries("smes: 315", "smes: .inf"),
     "mine/countries.yaml: Section D, step 1 table › USA › smes: inf is not a number"),
    ("yaml-bad-direction", countries("    unit: score\n    direction: benefit", "    unit: score\n    direction: up"),
     "mine/countries.yaml: criteria › accessibility › direction: 'up' is not one of benefit, cost"),
    ("yaml-duplicate-alternative", countries("{name: Morocco,", "{name: USA,"),
     "mine/countries.yaml: alternatives › name: 'USA' appears more than once"),
    ("yaml-unknown-criterion-value", countries("smes: 315}", "smes: 315, gdp: 3}"),
     "mine/countries.yaml: Section D, step 1 table › USA › values › gdp: is not one of the criteria"),
    ("yaml-huge-list-as-name", countries("{name: Morocco,", "{name: [" + "1, " * 100_000 + "1],"),
     "mine/countries.yaml: alternatives #9 › name: expected text, got list"),
    ("yaml-missing-file", lambda: loader.load_roadmap(DATA / "no-such-folder"),
     "no-such-folder/roadmap.yaml: file not found"),
    # --- CSV matrices ---
    ("csv-cell-over-128-kb", matrix("name,a\n" + "x" * (limits.MAX_CELL + 1) + ",1\n"),
     "m.csv: row 2 has a cell longer than 131,072 characters, the limit for a CSV cell."),
    ("csv-too-many-rows", matrix(TALL), "m.csv: 100,001 rows is more than 100,000, the limit for a matrix."),
    ("csv-too-many-columns", matrix(WIDE), "m.csv: 201 criteria is more than 200, the limit for a matrix."),
    ("csv-over-5-mb", matrix(BIG_CSV), "m.csv: 5.0 MB is larger than 5 MB, the limit for a file."),
    ("csv-not-a-number", matrix("name,quality\nAcme,lots\n"), "m.csv: row 2 (Acme) › quality: 'lots' is not a number."),
    ("csv-nan", matrix("name,quality\nAcme,nan\n"), "m.csv: row 2 (Acme) › quality: 'nan' is not a number."),
    ("csv-no-name", matrix("name,quality\n,3\n"), "m.csv: row 2 › name: the alternative has no name."),
    ("csv-name-too-long", matrix("name,quality\n" + "x" * 301 + ",3\n"),
     "m.csv: row 2 › name: a name of 301 characters is longer than 300, the limit for a name."),
    ("csv-duplicate-column", matrix("name,a,a\nx,1,2\n"), "m.csv: column names must be unique; repeated: a."),
    ("csv-duplicate-alternative", matrix("name,a\nx,1\nx,2\n"), "m.csv: Alternative names must be unique; repeated: x."),
    ("csv-header-only", matrix("name,a\n"), "m.csv: needs a header row and at least one alternative."),
    ("csv-one-column", matrix("name\nx\n"), "m.csv: needs a name column and at least one criterion column."),
    ("csv-extra-cells", matrix("name,a,b\nx,1,2,3\n"), "m.csv: row 2 has 4 cells but the header has 3."),
    ("csv-blank-header", matrix("name,a,\nx,1,2\n"), "m.csv: column 3 has no header."),
    ("csv-not-utf8", matrix(b"name,a\n\xe9t\xe9,1\n"), "m.csv: cannot be read as UTF-8 text (byte 7); save it as CSV UTF-8."),
    ("csv-unknown-cost", matrix(SMALL, cost=["cost"]),
     "m.csv: --cost names 'cost', which is not a column; the criteria are: quality, price."),
    # --- Excel matrices ---
    ("excel-not-a-workbook", matrix(SMALL, "m.xlsx"), "m.xlsx: not an Excel workbook (.xlsx); save it as .xlsx or CSV."),
    ("excel-text-in-a-number-cell", matrix(xlsx([["name", "a"], ["x", "many"]]), "m.xlsx"),
     "m.xlsx: row 2 (x) › a: 'many' is not a number."),
    ("excel-zip-bomb", matrix(EXCEL_BOMB, "bomb.xlsx"),
     "bomb.xlsx: unpacks to 55.0 MB, more than 50.0 MB, the limit for an Excel file."),
    # --- command-line options ---
    ("cli-seed-negative", cli_run("sensitivity", "countries", "--smaa", "100", "--seed", "-1"),
     "error: --seed: -1 is outside 0–4,294,967,295, the limit for a random seed."),
    ("cli-smaa-huge-count", cli_run("sensitivity", "countries", "--smaa", "1000000000"),
     "error: --smaa: 1,000,000,000 draws is outside 1–1,000,000, the limit for SMAA-2 draws."),
    ("cli-smaa-zero", cli_run("sensitivity", "countries", "--smaa", "0"),
     "error: --smaa: 0 draws is outside 1–1,000,000, the limit for SMAA-2 draws."),
    ("cli-weights-twice", cli_run("rank", "countries", "--weights", "N=1,N=5"),
     "error: --weights: N is given twice; give each criterion one value."),
    ("cli-weights-not-a-number", cli_run("rank", "countries", "--weights", "N=lots"),
     "error: --weights: the weight of N must be a number, not 'lots'."),
    ("cli-weights-negative", cli_run("rank", "countries", "--weights", "N=-1"),
     "error: The weight of Priority Number (N) must be a number of 0 or more, not -1.0."),
    ("cli-weights-all-zero", cli_run("rank", "countries", "--weights", "N=0,Na=0,N1=0,reach=0"),
     "error: All weights are zero: give at least one criterion a weight above 0."),
    ("cli-output-is-the-data-file", cli_run("rank", "countries", "-o", str(DATA / "countries.yaml")),
     f"error: -o {DATA / 'countries.yaml'}: that is the input file {DATA / 'countries.yaml'}; write the result to another file."),
    ("cli-top-zero", cli_run("sensitivity", "countries", "--top", "0"), "error: --top must be from 1 to 9."),
    ("cli-unknown-country", cli_run("rank", "clusters", "--country", "Atlantis"),
     "error: --country: no cluster targets for 'Atlantis'; the countries are: Brazil, India, USA, Japan."),
    ("cli-overflowing-scores", None,  # its data folder is the huge_data fixture
     "error: The scores of Report's synthetic index (no normalisation) overflow the largest number a computer "
     "can hold (about 1.8e308), so no ranking is given; use smaller weights or values."),
    # --- URL parameters of a shared link ---
    ("url-unknown-method", url({"method": "bogus"}), "method='bogus' is not a method here; using seed."),
    ("url-weight-huge", url({"w.N": "1e308"}), "w.N='1e308' is not a number from 0 to 5; using 1."),
    ("url-weight-nan", url({"w.N": "nan"}), "w.N='nan' is not a number from 0 to 5; using 1."),
    ("url-k-zero", url({"k": "0"}), "k='0' is not a whole number from 1 to 9; using 3."),
    ("url-unknown-weight", url({"w.gdp": "2"}), "w.gdp is not a criterion here; ignored."),
    ("url-wrong-norm", url({"method": "wprod", "norm": "minmax"}), "norm='minmax' does not apply to this method; using none."),
    # --- cells of the room's cluster editor ---
    ("editor-score-outside-scale", editor({"fit": 11}), "Row 1 › Fit for Programme: 11 is outside 1–10"),
    ("editor-score-text", editor({"size": "big"}), "Row 1 › Size: 'big' is not a number"),
    ("editor-blank-name", editor({"name": " "}), "Row 1 › name: is blank"),
    ("editor-name-too-long", editor({"name": "n" * 301}),
     "Row 1 › name: a name of 301 characters is longer than 300, the limit for a name"),
    ("editor-unknown-country", editor({"country": "Atlantis"}), "Row 1 › country: 'Atlantis' is not one of Brazil, India, USA, Japan"),
    # --- uploads ---
    ("upload-wrong-type", uploaded(("notes.txt", b"hello")),
     "notes.txt: not a file this page reads; upload a CSV or Excel matrix, or the data folder's YAML files"),
    ("upload-unknown-yaml", uploaded(("mine.yaml", b"a: 1\n")), "mine.yaml: not one of the data files"),
    ("upload-yaml-twice", uploaded(("roadmap.yaml", b"a: 1\n"), ("x/roadmap.yaml", b"a: 1\n")),
     "x/roadmap.yaml: roadmap.yaml is uploaded twice (also as roadmap.yaml)."),
    ("upload-matrix-with-others", uploaded(("m.csv", SMALL.encode()), ("roadmap.yaml", b"a: 1\n")),
     "m.csv: upload a decision matrix on its own, one file at a time."),
    ("upload-zip-too-many-files", uploaded(zipped({f"f{i}.yaml": "a: 1" for i in range(limits.MAX_ZIP_FILES + 1)})),
     "data.zip: 21 files is more than 20, the limit for a zip of data files."),
    ("upload-zip-not-yaml", uploaded(zipped({"evil.exe": "MZ"})), "data.zip/evil.exe: not a YAML data file"),
    ("upload-zip-bomb-member", uploaded(zipped({"roadmap.yaml": "#" * (limits.MAX_FILE_BYTES + 10)})),
     "data.zip/roadmap.yaml: 5.0 MB is larger than 5 MB, the limit for a file."),
    ("upload-not-a-zip", uploaded(("data.zip", b"not a zip")), "data.zip: not a readable zip file."),
    ("upload-invalid-data-file", uploaded(("countries.yaml", COUNTRIES.replace("N: 10, Na: 7", "N: -3, Na: 7").encode())),
     "upload/countries.yaml: Section D, step 1 table › USA › N: -3 is below 0"),
    ("upload-too-large", uploaded(("big.csv", b"x" * (limits.MAX_FILE_BYTES + 1))),
     "big.csv: 5.0 MB is larger than 5 MB, the limit for a file."),
]


def test_there_are_at_least_40_distinct_bad_inputs():
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids)) >= 40
    assert len({c[2] for c in CASES}) == len(CASES)  # and each has its own message


@pytest.fixture
def huge_data(tmp_path):
    """A data folder whose country values are near the float limit."""
    (tmp_path / "countries.yaml").write_text(COUNTRIES.replace("N: 10, Na: 7", "N: 1.7e+308, Na: 1.7e+308"), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("case, make, expected", CASES, ids=[c[0] for c in CASES])
def test_bad_input_gives_its_message(case, make, expected, huge_data):
    if make is None:
        make = cli_run("rank", "countries", "--data", str(huge_data))
    got = message(make)
    assert expected in got
    assert "Traceback" not in got and len(got) < 1000  # one sentence, never a dump of the input
