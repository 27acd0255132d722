"""Hostile input: nothing a user (or an attacker) puts in a case or an output folder crashes, hangs,
exhausts memory, forges text or loses a file.

One section per class of failure found by an adversarial run against the tool (issue 17), each with
more than one case. Every case asserts the exact outcome: the finding's code and its file, line and
column, the exit code, and that no file was written or changed. Cases that could hang or take
memory run as a real subprocess under ``RLIMIT_AS`` = 500 MB and a 30 s timeout, and assert the time
and peak memory they took; the others run in-process.

Each test starts from the case ``kuntasopimus new`` writes (three invented municipalities, one
joint-body agreement), not from the example cases, which change as the domain work goes on; it is
broken in one place, and positions are computed from the edited text, never typed in.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import position_of
from lxml import etree

from generator.cli import cli
from generator.starter import write_starter
from generator.write.zip_writer import Deflated, zip_package

REPO = Path(__file__).resolve().parent.parent
AGREEMENT = "10-yhteistoimintasopimus.yaml"
REGISTRY = "municipalities.yaml"
PURPOSE = "  Sopijakunnat hoitavat elinkeinojen"  # the start of the agreement's purpose
TITLE = "title: Esimerkkiseudun yhteistoimintasopimus"

MEMORY_LIMIT = 500 * 2**20  # bytes of address space a hostile case may use
TIME_LIMIT = 30.0  # seconds a hostile case may take
FINDING = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning) (?P<code>[A-Z0-9-]+): ", re.M
)
OUTPUT_FINDING = re.compile(r"^(?P<file>[^:\n]+): (?P<severity>error|warning) (?P<code>[A-Z0-9-]+): ", re.M)
posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and rlimits as on Linux")


# --- running the tool ----------------------------------------------------------------------------


@dataclass
class Outcome:
    exit_code: int
    output: str
    seconds: float = 0.0
    peak_mb: float = 0.0


def cli_run(*args: str) -> Outcome:
    """The command in-process; any exception but SystemExit would be a traceback (exit 3)."""
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return Outcome(result.exit_code, result.output)


def bounded_run(*args: str) -> Outcome:
    """The installed command's entry point in a subprocess under the memory and time limits, with the
    time it took and its peak resident memory (from the kernel's accounting of the child)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    start = time.monotonic()
    with open(os.devnull, "rb") as stdin:
        process = subprocess.Popen(
            [sys.executable, "-c", "from generator.cli import main; main()", *args],
            cwd=REPO,
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            preexec_fn=limit,
        )
    timer = threading.Timer(TIME_LIMIT, process.kill)
    timer.start()
    try:
        assert process.stdout is not None
        output = process.stdout.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    finally:
        timer.cancel()
    seconds = time.monotonic() - start
    assert process.returncode != -signal.SIGKILL, f"no answer within {TIME_LIMIT} s"
    assert seconds < TIME_LIMIT
    peak = usage.ru_maxrss / 1024  # kilobytes on Linux
    assert peak * 2**20 < MEMORY_LIMIT
    assert "Traceback" not in output and "MemoryError" not in output, output[-2000:]
    print(f"bounds: {' '.join(args[:1])}: {seconds:.2f} s, peak {peak:.0f} MB")  # shown with pytest -s
    return Outcome(process.returncode, output, seconds, peak)


def findings(output: str, code: str) -> list[tuple[str, int, int]]:
    return [(m["file"], int(m["line"]), int(m["col"])) for m in FINDING.finditer(output) if m["code"] == code]


def assert_finding(outcome: Outcome, code: str, file: Path, line: int | None = None, col: int | None = None) -> None:
    """Exit 1, and the finding ``code`` at ``file`` (and the line and column, when given)."""
    assert outcome.exit_code == 1, outcome.output
    hits = findings(outcome.output, code)
    assert hits, outcome.output
    where = [(Path(f).resolve(), ln, c) for f, ln, c in hits]
    assert any(
        f == file.resolve() and (line is None or ln == line) and (col is None or c == col) for f, ln, c in where
    ), f"{code} expected at {file}:{line}:{col}, found {hits}"


def snapshot(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


# --- cases ---------------------------------------------------------------------------------------


def new_case(target: Path) -> Path:
    write_starter(target)
    return target


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return new_case(tmp_path / "esimerkki")


def edit(case: Path, name: str, old: str, new: str) -> str:
    path = case / name
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{name}: {old!r}"
    text = text.replace(old, new)
    path.write_text(text, "utf-8")
    return text


def refused(case: Path, tmp_path: Path, code: str, name: str, needle: str | None, offset: int = 0) -> None:
    """validate and build both report ``code`` at ``needle`` (plus ``offset`` columns) in ``name``,
    exit 1, and the build writes nothing."""
    line = col = None
    if needle is not None:
        line, col = position_of((case / name).read_text("utf-8"), needle)
        col += offset
    assert_finding(cli_run("validate", str(case)), code, case / name, line, col)
    out = tmp_path / "out"
    assert_finding(cli_run("build", str(case), "--out", str(out)), code, case / name, line, col)
    assert not out.exists()


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return new_case(tmp_path_factory.mktemp("starter") / "esimerkki")


@pytest.fixture(scope="module")
def built(starter: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built") / "out"
    assert cli_run("build", str(starter), "--out", str(out)).exit_code == 0
    return out


def version_02(target: Path) -> Path:
    """The starter with another version number: every output differs from the starter's."""
    case = new_case(target)
    edit(case, "case.yaml", 'number: "0.1"', 'number: "0.2"')
    return case


def copy_outputs(built: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for p in built.iterdir():
        (target / p.name).write_bytes(p.read_bytes())
    return target


# === 1. User errors reported as program errors ===================================================


def test_1_a_budget_written_with_a_decimal_point_is_a_schema_finding(case: Path, tmp_path: Path) -> None:
    edit(
        case,
        AGREEMENT,
        "  year: 2024\n  illustrative: true\n",
        "  year: 2024\n  illustrative: true\n  budget: {amount: 380000.0, year: 2024}\n",
    )
    refused(case, tmp_path, "SCHEMA-TYPE", AGREEMENT, "380000.0")


@pytest.mark.parametrize("date", ["2108-10-15", "1.1.2500", "1899-12-31"])
def test_1_a_version_date_outside_the_years_a_case_can_hold_is_a_finding(case: Path, tmp_path: Path, date: str) -> None:
    edit(case, "case.yaml", "date: 2025-01-15", f"date: {date}")
    refused(case, tmp_path, "DATA-DATE-RANGE", "case.yaml", date)


def _rezip(data: bytes, edit_part) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, edit_part(info.filename, source.read(info.filename)))
    return buffer.getvalue()


def _drop(data: bytes, part: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != part:
                target.writestr(info.filename, source.read(info.filename))
    return buffer.getvalue()


def _chart_value_as_text(data: bytes) -> bytes:
    def edit_part(name: str, content: bytes) -> bytes:
        if name.startswith("ppt/charts/chart") and name.endswith(".xml"):
            return re.sub(rb"(<c:numCache>.*?<c:pt idx=\"0\"><c:v>)[^<]*", rb"\g<1>kaksi", content, count=1)
        return content

    return _rezip(data, edit_part)


DAMAGES = {
    "not a zip": ("mallila-paatosehdotus.docx", lambda data: b"hello"),
    "truncated": ("mallila-paatosehdotus.docx", lambda data: data[:3000]),
    "empty": ("mallila-valtuustoesitys.pptx", lambda data: b""),
    "document.xml not XML": (
        "yhteistoimintasopimus.docx",
        lambda data: _rezip(data, lambda n, c: b"<w:document" if n == "word/document.xml" else c),
    ),
    "document.xml missing": ("yhteistoimintasopimus.docx", lambda data: _drop(data, "word/document.xml")),
    "a slide missing": ("mallila-valtuustoesitys.pptx", lambda data: _drop(data, "ppt/slides/slide3.xml")),
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_1_check_reads_a_damaged_output_as_a_finding(built: Path, tmp_path: Path, damage: str) -> None:
    out = copy_outputs(built, tmp_path / "out")
    name, damaged = DAMAGES[damage]
    (out / name).write_bytes(damaged((out / name).read_bytes()))
    before = snapshot(out)
    outcome = cli_run("check", str(out))
    assert outcome.exit_code == 1, outcome.output
    hits = [(m["file"], m["code"]) for m in OUTPUT_FINDING.finditer(outcome.output) if m["severity"] == "error"]
    assert hits == [(str(out / name), "CHECK-DAMAGED")], outcome.output
    assert snapshot(out) == before


def test_1_check_reads_a_chart_value_typed_over_with_text_as_a_wrong_fact(built: Path, tmp_path: Path) -> None:
    out = copy_outputs(built, tmp_path / "out")
    deck = out / "kokeilula-valtuustoesitys.pptx"
    deck.write_bytes(_chart_value_as_text(deck.read_bytes()))
    outcome = cli_run("check", str(out))
    assert outcome.exit_code == 1
    assert re.search(rf"^{re.escape(str(deck))}: error CHECK-FACT: .*'kaksi'", outcome.output, re.M), outcome.output


@pytest.mark.parametrize(
    "manifest",
    [
        b'{"outputs": 5}',
        b"[1, 2]",
        b"{not json",
        b'{"outputs": [{"path": "../../etc/passwd.docx", "lang": "fi"}]}',
        b"",
    ],
    ids=["outputs not a list", "not an object", "not JSON", "path out of the folder", "empty"],
)
def test_1_check_reads_a_bad_manifest_as_a_finding(built: Path, tmp_path: Path, manifest: bytes) -> None:
    out = copy_outputs(built, tmp_path / "out")
    (out / "manifest.json").write_bytes(manifest)
    outcome = cli_run("check", str(out))
    assert outcome.exit_code == 1
    hits = [(m["file"], m["code"]) for m in OUTPUT_FINDING.finditer(outcome.output)]
    assert hits == [(str(out / "manifest.json"), "CHECK-MANIFEST-BAD")], outcome.output


def test_1_a_private_use_marker_in_swedish_text_is_a_finding_at_the_character(case: Path, tmp_path: Path) -> None:
    swedish = 'title: {fi: Esimerkkiseudun yhteistoimintasopimus, sv: "Exempelregionens\ue010 samarbetsavtal"}'
    edit(case, AGREEMENT, TITLE, swedish)
    refused(case, tmp_path, "TEXT-PRIVATE-USE", AGREEMENT, "\ue010")


def test_1_a_negotiated_wording_placing_a_table_is_a_finding_not_a_crash(case: Path, tmp_path: Path) -> None:
    path = case / AGREEMENT
    path.write_text(
        path.read_text("utf-8")
        + "overrides:\n  voimassaolo.irtisanominen:\n    text: |-\n      Irtisanomisaika on 12 kuukautta.\n\n      @table seats\n",
        "utf-8",
    )
    refused(case, tmp_path, "OVERRIDE-TABLE", AGREEMENT, "|-")


# === 2. Hangs and runaway memory (subprocesses under 500 MB and 30 s) ==============================


@posix_only
def test_2_a_named_pipe_called_x_yaml_is_refused_not_waited_on(case: Path, tmp_path: Path) -> None:
    os.mkfifo(case / "50-x.yaml")
    outcome = bounded_run("validate", str(case))
    assert_finding(outcome, "CASE-NOT-FILE", case / "50-x.yaml", 1, 1)
    assert outcome.seconds < 10


@posix_only
def test_2_a_named_pipe_in_place_of_case_yaml_is_refused(case: Path, tmp_path: Path) -> None:
    (case / "case.yaml").unlink()
    os.mkfifo(case / "case.yaml")
    outcome = bounded_run("build", str(case), "--out", str(tmp_path / "out"))
    assert_finding(outcome, "CASE-NOT-FILE", case / "case.yaml", 1, 1)
    assert not (tmp_path / "out").exists()


@posix_only
def test_2_a_link_to_dev_zero_is_refused_before_reading(case: Path) -> None:
    os.symlink("/dev/zero", case / "60-zero.yaml")
    outcome = bounded_run("validate", str(case))
    assert_finding(outcome, "CASE-NOT-FILE", case / "60-zero.yaml", 1, 1)


@posix_only
def test_2_an_8_gib_sparse_file_is_refused_by_its_size(case: Path) -> None:
    with open(case / "70-sparse.yaml", "wb") as handle:
        handle.truncate(8 * 2**30)
    outcome = bounded_run("validate", str(case))
    assert_finding(outcome, "YAML-TOO-BIG", case / "70-sparse.yaml", 1, 1)


@posix_only
def test_2_a_file_just_under_the_size_limit_is_read_within_the_bounds(case: Path) -> None:
    path = case / "case.yaml"
    path.write_text(path.read_text("utf-8") + "# " + "x" * 1_900_000 + "\n", "utf-8")
    outcome = bounded_run("validate", str(case))
    assert outcome.exit_code == 0, outcome.output


@posix_only
def test_2_one_long_text_fanned_out_through_aliases_is_refused(case: Path, tmp_path: Path) -> None:
    """420 KB that expand to 800 MB of text: 1.6 GB to validate and 4.7 GB to build before the fix."""
    text = edit(case, AGREEMENT, "purpose: >-\n", 'purpose: &big "' + "x" * 400_000 + '"\nold_purpose: >-\n')
    aliases = ", ".join(["*big"] * 2000)
    (case / AGREEMENT).write_text(text + f"tasks_too: [{aliases}]\n", "utf-8")
    text = (case / AGREEMENT).read_text("utf-8")
    line = text.count("\n", 0, text.index("tasks_too:")) + 1
    for command in (["validate", str(case)], ["build", str(case), "--out", str(tmp_path / "out")]):
        outcome = bounded_run(*command)
        assert_finding(outcome, "YAML-TOO-LARGE", case / AGREEMENT, line)
        # At the alias that takes the expanded text past 2 000 000 characters: the fourth or fifth.
        ((_, _, col),) = findings(outcome.output, "YAML-TOO-LARGE")
        assert text.splitlines()[line - 1][col - 1 :].startswith("*big")
        assert col in (position_of(text, "*big", 4)[1], position_of(text, "*big", 5)[1])
    assert not (tmp_path / "out").exists()


@posix_only
def test_2_an_alias_bomb_is_refused_at_the_value_that_passes_the_budget(case: Path) -> None:
    rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for name, previous in zip("bcdefg", "abcdef", strict=True):
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    (case / "case.yaml").write_text((case / "case.yaml").read_text("utf-8") + "\n".join(rows) + "\n", "utf-8")
    outcome = bounded_run("validate", str(case))
    assert_finding(outcome, "YAML-TOO-LARGE", case / "case.yaml")


@posix_only
def test_2_two_megabytes_of_tiny_values_are_refused_before_a_node_is_built(case: Path) -> None:
    (case / "50-values.yaml").write_text("a: [" + "1," * 990_000 + "1]\n", "utf-8")
    outcome = bounded_run("validate", str(case))
    # The mapping, its key and the list are values 1-3; item 99 998 is the 100 001st value.
    assert_finding(outcome, "YAML-TOO-LARGE", case / "50-values.yaml", 1, len("a: [") + 1 + 2 * 99_997)


@posix_only
def test_2_ten_thousand_nested_brackets_are_refused(case: Path) -> None:
    (case / "50-deep.yaml").write_text("a: " + "[" * 10_000 + "]" * 10_000 + "\n", "utf-8")
    outcome = bounded_run("validate", str(case))
    assert_finding(outcome, "YAML-TOO-LARGE", case / "50-deep.yaml", 1)


BOMB_BYTES = 600_000_000  # more than the memory limit: inflated whole, it could not be answered


@functools.cache
def _zeros_deflated() -> Deflated:
    """600 MB of zeros as one deflate stream (about 600 KB), made once."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    chunk, pieces, crc = b"\0" * 1_000_000, [], 0
    for _ in range(BOMB_BYTES // len(chunk)):
        pieces.append(compressor.compress(chunk))
        crc = zlib.crc32(chunk, crc)
    pieces.append(compressor.flush())
    return Deflated(b"".join(pieces), crc, BOMB_BYTES)


def _bomb(parts: dict[str, bytes], bomb_part: str, lying: bool = False) -> bytes:
    """A package whose ``bomb_part`` inflates to 600 MB of zeros; with ``lying``, its headers
    declare 1 000 bytes (so only inflating it would tell)."""
    packed = _zeros_deflated()
    member = Deflated(packed.data, packed.crc, 1000) if lying else packed
    others = [(n, c) for n, c in parts.items() if n != bomb_part]
    return zip_package([*others, (bomb_part, member)], dt.date(2024, 1, 1))


def _parts(path: Path) -> dict[str, bytes]:
    archive = zipfile.ZipFile(path)
    return {name: archive.read(name) for name in archive.namelist()}


@posix_only
@pytest.mark.parametrize("lying", [False, True], ids=["declared", "lying headers"])
def test_2_a_zip_bomb_as_deck_template_is_refused(case: Path, tmp_path: Path, lying: bool) -> None:
    template = _parts(REPO / "templates" / "pptx" / "base.pptx")
    (case / "oma.pptx").write_bytes(_bomb(template, "ppt/slideLayouts/slideLayout1.xml", lying))
    text = (case / "case.yaml").read_text("utf-8") + "deck_template: oma.pptx\n"
    (case / "case.yaml").write_text(text, "utf-8")
    assert (case / "oma.pptx").stat().st_size < 1_000_000
    outcome = bounded_run("build", str(case), "--out", str(tmp_path / "out"))
    assert_finding(outcome, "DECK-TEMPLATE", case / "case.yaml", *position_of(text, "oma.pptx"))
    assert not (tmp_path / "out").exists()


@posix_only
@pytest.mark.parametrize("lying", [False, True], ids=["declared", "lying headers"])
def test_2_a_zip_bomb_given_to_check_is_refused(built: Path, tmp_path: Path, lying: bool) -> None:
    out = copy_outputs(built, tmp_path / "out")
    target = out / "yhteistoimintasopimus.docx"
    target.write_bytes(_bomb(_parts(target), "word/document.xml", lying))
    outcome = bounded_run("check", str(out))
    assert outcome.exit_code == 1
    hits = [(m["file"], m["code"]) for m in OUTPUT_FINDING.finditer(outcome.output) if m["severity"] == "error"]
    assert hits == [(str(target), "CHECK-DAMAGED")], outcome.output


def _sparse(path: Path, size: int) -> None:
    with open(path, "wb") as handle:
        handle.truncate(size)


def in_force_with_original(case: Path, original: str) -> None:
    """The starter's agreement as one in force since 2016, its signed original at ``original``."""
    edit(
        case,
        AGREEMENT,
        "entry_into_force: 2025-06-01",
        f"in_force:\n  source: keksitty lähde\n  original: {original}\nentry_into_force: 2016-01-01",
    )
    (case / "liitteet").mkdir(exist_ok=True)


@posix_only
@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda path: _sparse(path, 8 * 2**30), "FILE-TOO-BIG"),
        (os.mkfifo, "IN-FORCE-ORIGINAL"),
        (lambda path: os.symlink("/dev/zero", path), "IN-FORCE-ORIGINAL"),
    ],
    ids=["an 8 GiB sparse file", "a named pipe", "a link to /dev/zero"],
)
def test_2_a_signed_original_that_is_no_sensible_file_is_refused(case: Path, tmp_path: Path, make, code: str) -> None:
    in_force_with_original(case, "liitteet/sopimus.pdf")
    make(case / "liitteet" / "sopimus.pdf")
    text = (case / AGREEMENT).read_text("utf-8")
    outcome = bounded_run("build", str(case), "--out", str(tmp_path / "out"))
    assert_finding(outcome, code, case / AGREEMENT, *position_of(text, "liitteet/sopimus.pdf"))
    assert not (tmp_path / "out").exists()


# === 3. Forged or lost text =======================================================================


@pytest.mark.parametrize(
    ("char", "code"),
    [
        ("\ue010", "TEXT-PRIVATE-USE"),  # the composer's fact marker: cut the paragraph short
        ("\ue000", "TEXT-PRIVATE-USE"),  # the illustrative-figure marker: restyled the rest
        ("\uf0b7", "TEXT-PRIVATE-USE"),  # a Symbol-font bullet pasted from Word
        ("\u202e", "TEXT-BIDI"),  # right-to-left override: displays text in another order
        ("\x0b", "TEXT-CONTROL"),  # a vertical tab from a PDF
        ("\t", "TEXT-TAB"),  # a tab: a jump to the next tab stop mid-sentence (it failed the build's read-back)
    ],
    ids=["U+E010", "U+E000", "U+F0B7", "U+202E", "U+000B", "TAB"],
)
def test_3_a_character_that_would_forge_or_lose_text_is_refused_where_it_stands(
    case: Path, tmp_path: Path, char: str, code: str
) -> None:
    edit(case, AGREEMENT, PURPOSE, PURPOSE.replace("elinkeinojen", f"{char}elinkeinojen"))
    refused(case, tmp_path, code, AGREEMENT, char)


def test_3_an_escaped_marker_in_double_quotes_is_refused_at_its_text(case: Path, tmp_path: Path) -> None:
    edit(
        case,
        AGREEMENT,
        TITLE,
        'title: "Esimerkkiseudun \\ue010yhteistoimintasopimus"',
    )
    refused(case, tmp_path, "TEXT-PRIVATE-USE", AGREEMENT, '"Esimerkkiseudun')


def test_3_a_marker_in_a_key_is_refused(case: Path, tmp_path: Path) -> None:
    edit(case, AGREEMENT, "right_of_take_up: retained", "right_of_take_up\ue001: retained")
    refused(case, tmp_path, "TEXT-PRIVATE-USE", AGREEMENT, "\ue001")


def test_3_text_that_looks_like_clause_markup_stays_text(case: Path, tmp_path: Path, built: Path) -> None:
    """A blank line and '@table', '- ' or '> ' in a YAML text add no block of their own to a clause."""
    edit(
        case,
        AGREEMENT,
        "purpose: >-\n",
        "purpose: |-\n  Alku.\n\n  @table seats\n\n  - lisätty kohta\n\n  > huomautus\n",
    )
    out = tmp_path / "out"
    assert cli_run("build", str(case), "--out", str(out)).exit_code == 0
    import docx

    document = docx.Document(str(out / "yhteistoimintasopimus.docx"))
    text = [p.text for p in document.paragraphs]
    assert any("Alku. @table seats - lisätty kohta > huomautus" in t for t in text)
    assert len(document.tables) == len(docx.Document(str(built / "yhteistoimintasopimus.docx")).tables)


# === 4. Outputs overwriting each other ============================================================


@pytest.mark.parametrize(
    "agreement_id",
    ["mallila-paatosehdotus", "kokeilula-valtuustoesitys", "esimerkki-vaatimustenmukaisuus"],
    ids=["a council's proposal", "a deck's PDF", "the compliance matrix"],
)
def test_4_an_agreement_id_naming_another_output_is_refused_before_writing(
    case: Path, tmp_path: Path, agreement_id: str
) -> None:
    edit(case, AGREEMENT, "id: yhteistoimintasopimus", f"id: {agreement_id}")
    refused(case, tmp_path, "OUTPUT-NAME-CLASH", AGREEMENT, agreement_id)


def test_4_a_signed_original_copied_under_another_outputs_name_is_refused(case: Path, tmp_path: Path) -> None:
    edit(case, AGREEMENT, "id: yhteistoimintasopimus", "id: mallila")
    in_force_with_original(case, "liitteet/paatosehdotus.docx")
    (case / "liitteet" / "paatosehdotus.docx").write_bytes(b"signed")
    refused(case, tmp_path, "OUTPUT-NAME-CLASH", AGREEMENT, "liitteet/paatosehdotus.docx")


@pytest.mark.parametrize("agreement_id", ["con", "nul", "aux", "com1", "lpt9"])
def test_4_an_id_windows_reserves_is_refused(case: Path, tmp_path: Path, agreement_id: str) -> None:
    edit(case, AGREEMENT, "id: yhteistoimintasopimus", f"id: {agreement_id}")
    refused(case, tmp_path, "SCHEMA-FORMAT", AGREEMENT, f"id: {agreement_id}", len("id: "))


def test_4_an_id_of_300_characters_is_refused(case: Path, tmp_path: Path) -> None:
    long_id = "a" * 300
    edit(case, AGREEMENT, "id: yhteistoimintasopimus", f"id: {long_id}")
    refused(case, tmp_path, "SCHEMA-LONG", AGREEMENT, long_id)


# === 5. The set of outputs is written as one (see also tests/test_atomic_set.py) ==================


def test_5_a_folder_in_an_outputs_place_leaves_every_file_as_it_was(built: Path, tmp_path: Path) -> None:
    out = copy_outputs(built, tmp_path / "out")
    (out / "mallila-paatosehdotus.docx").unlink()
    (out / "mallila-paatosehdotus.docx").mkdir()
    changed = version_02(tmp_path / "case")
    before = snapshot(out)
    outcome = cli_run("build", str(changed), "--out", str(out))
    assert outcome.exit_code == 1
    assert "mallila-paatosehdotus.docx" in outcome.output and "Aiemmat tiedostot ovat ennallaan" in outcome.output
    assert snapshot(out) == before and not [p for p in out.iterdir() if p.name.startswith(".")]


@posix_only
def test_5_an_immutable_output_rolls_the_whole_set_back(built: Path, tmp_path: Path) -> None:
    """chattr +i on one output half way through the set: the files renamed before it are put back."""
    out = copy_outputs(built, tmp_path / "out")
    stuck = out / "mallila-valtuustoesitys.pptx"
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(stuck)], capture_output=True).returncode:
        pytest.skip("chattr +i is not permitted here (needs CAP_LINUX_IMMUTABLE)")
    try:
        changed = version_02(tmp_path / "case")
        before = snapshot(out)
        outcome = cli_run("build", str(changed), "--out", str(out))
        assert outcome.exit_code == 1
        assert "mallila-valtuustoesitys.pptx" in outcome.output and "Aiemmat tiedostot ovat ennallaan" in outcome.output
        assert snapshot(out) == before
        assert not [p.name for p in out.iterdir() if p.name.startswith(".")]
        assert cli_run("check", str(out)).exit_code == 0
    finally:
        subprocess.run(["chattr", "-i", str(stuck)], check=True)


# === 6. Hand edits are never lost =================================================================


def test_6_a_hand_edited_manifest_is_kept_unless_forced(starter: Path, built: Path, tmp_path: Path) -> None:
    out = copy_outputs(built, tmp_path / "out")
    manifest = out / "manifest.json"
    manifest.write_text(manifest.read_text("utf-8").replace('"case": "esimerkki"', '"case": "muokattu"'))
    before = snapshot(out)
    outcome = cli_run("build", str(starter), "--out", str(out))
    assert outcome.exit_code == 1
    assert f"{manifest}: error BUILD-EDITED:" in outcome.output
    assert snapshot(out) == before
    forced = cli_run("build", str(starter), "--out", str(out), "--force")
    assert forced.exit_code == 0
    (backup,) = out.glob("manifest.muokattu-*.json")
    assert '"case": "muokattu"' in backup.read_text("utf-8")


def test_6_a_manifest_whose_whitespace_alone_changed_is_also_an_edit(
    starter: Path, built: Path, tmp_path: Path
) -> None:
    out = copy_outputs(built, tmp_path / "out")
    manifest = out / "manifest.json"
    manifest.write_text(manifest.read_text("utf-8") + "\n", "utf-8")
    assert f"{manifest}: error BUILD-EDITED:" in cli_run("build", str(starter), "--out", str(out)).output


@pytest.fixture
def diffed(starter: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    new = version_02(tmp_path / "new" / "esimerkki")
    out = tmp_path / "diff"
    assert cli_run("diff", str(starter), str(new), "--out", str(out)).exit_code == 0
    return starter, new, out


@pytest.mark.parametrize("name", ["muutokset.md", "yhteistoimintasopimus-muutokset.docx", "muutokset.json"])
def test_6_hand_edited_diff_outputs_are_kept_unless_forced(diffed: tuple[Path, Path, Path], name: str) -> None:
    old, new, out = diffed
    with open(out / name, "ab") as handle:
        handle.write(b"\n")
    before = snapshot(out)
    outcome = cli_run("diff", str(old), str(new), "--out", str(out))
    assert outcome.exit_code == 1
    assert f"{out / name}: error DIFF-EDITED:" in outcome.output
    assert snapshot(out) == before
    assert cli_run("diff", str(old), str(new), "--out", str(out), "--force").exit_code == 0
    stem, suffix = name.split(".", 1)
    assert list(out.glob(f"{stem}.muokattu-*.{suffix}"))


# === 7. Formula injection in the decks' chart workbooks ============================================


@pytest.mark.parametrize(
    "name",
    ['=HYPERLINK("http://example.invalid","x")', "=cmd|' /C calc'!A0", "+1+1", "@SUM(1)", "www.example.invalid"],
)
def test_7_a_municipality_name_is_stored_as_text_in_every_chart_workbook(case: Path, tmp_path: Path, name: str) -> None:
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    edit(case, REGISTRY, "    name: Mallila\n", f'    name: "{quoted}"\n')
    out = tmp_path / "out"
    assert cli_run("build", str(case), "--out", str(out)).exit_code == 0
    deck = zipfile.ZipFile(out / "mallila-valtuustoesitys.pptx")
    workbooks = [n for n in deck.namelist() if n.startswith("ppt/embeddings/") and n.endswith(".xlsx")]
    assert workbooks
    found = False
    for part in workbooks:
        book = zipfile.ZipFile(io.BytesIO(deck.read(part)))
        sheet = book.read("xl/worksheets/sheet1.xml")
        assert b"<f>" not in sheet and b"<f " not in sheet, "a formula in the workbook"
        assert b"hyperlink" not in sheet.lower()
        strings = book.read("xl/sharedStrings.xml") if "xl/sharedStrings.xml" in book.namelist() else b""
        texts = [t.text for t in etree.fromstring(strings).iter("{*}t")] if strings else []
        cells = etree.fromstring(sheet).iter("{*}c")
        for cell in cells:
            assert cell.get("t") in (None, "s", "inlineStr"), cell.get("t")  # numbers, or text
        found = found or name in texts
    assert found, "the name is in the workbooks as text"


# === 8. Wrong documents that built with exit 0 =====================================================


def test_8_a_term_that_ends_before_the_entry_into_force(case: Path, tmp_path: Path) -> None:
    edit(case, AGREEMENT, "term: {indefinite: true}", "term: {end: 2024-12-31}")
    refused(case, tmp_path, "DATE-TERM-END", AGREEMENT, "2024-12-31")


def test_8_an_agreement_with_one_party(case: Path, tmp_path: Path) -> None:
    edit(case, AGREEMENT, "parties: [esimerkkila, mallila, kokeilula]", "parties: [esimerkkila]")
    edit(case, "case.yaml", "councils: [esimerkkila, mallila, kokeilula]", "councils: [esimerkkila]")
    refused(case, tmp_path, "KL49-PARTIES", AGREEMENT, "[esimerkkila]")


def test_8_a_council_whose_municipality_is_party_to_no_agreement(case: Path, tmp_path: Path) -> None:
    edit(case, AGREEMENT, "parties: [esimerkkila, mallila, kokeilula]", "parties: [esimerkkila, mallila]")
    refused(case, tmp_path, "COUNCIL-PARTY", "case.yaml", "kokeilula]")


def test_8_a_notice_period_written_with_a_decimal_point(case: Path, tmp_path: Path) -> None:
    edit(case, AGREEMENT, "notice_months: 12", "notice_months: 12.0")
    refused(case, tmp_path, "SCHEMA-TYPE", AGREEMENT, "12.0")


@pytest.mark.parametrize("blank", ['" "', '"\\n"', '"\u00a0"', "{fi: ' '}"])
def test_8_a_blank_title(case: Path, tmp_path: Path, blank: str) -> None:
    edit(case, AGREEMENT, TITLE, f"title: {blank}")
    refused(case, tmp_path, "SCHEMA-BLANK", AGREEMENT, "' '" if blank.startswith("{") else blank)


def test_8_a_key_with_a_stray_apostrophe(case: Path, tmp_path: Path) -> None:
    edit(case, AGREEMENT, "right_of_take_up: retained", "right_of_take_up': excluded")
    refused(case, tmp_path, "SCHEMA-UNKNOWN", AGREEMENT, "right_of_take_up'")


@pytest.mark.parametrize("name", ["50-lisasopimus.yml", "50-lisasopimus.YAML"])
def test_8_an_agreement_saved_with_another_extension(case: Path, tmp_path: Path, name: str) -> None:
    text = (case / AGREEMENT).read_text("utf-8").replace("id: yhteistoimintasopimus", "id: lisasopimus")
    (case / name).write_text(text, "utf-8")
    refused(case, tmp_path, "CASE-EXTENSION", name, None)
    assert findings(cli_run("validate", str(case)).output, "CASE-EXTENSION") == [(str(case / name), 1, 1)]


# === 9. Whatever build would refuse, validate reports at its position =============================


def test_9_a_blank_municipality_name(case: Path, tmp_path: Path) -> None:
    edit(case, REGISTRY, "    name: Mallila\n", '    name: "  "\n')
    refused(case, tmp_path, "SCHEMA-BLANK", REGISTRY, '"  "')


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("    name: Mallila\n", "    name: Esimerkkilä\n", "name: Esimerkkilä\n    genitive: Mallilan"),
        ("    name: Mallila\n", "    name: Yhteensä\n", "name: Yhteensä"),
        (
            "official_name: Mallilan kunta",
            "official_name: Esimerkkilän kunta",
            "official_name: Esimerkkilän kunta\n    business_id: null\n    language: fi\n    council: Mallilan",
        ),
        ("    name: Mallila\n", "    name: Esimerkki*lä\n", "name: Esimerkki*lä"),
    ],
    ids=["two names alike", "named like the total row", "two official names alike", "alike but for an asterisk"],
)
def test_9_municipality_names_that_cannot_tell_municipalities_apart(
    case: Path, tmp_path: Path, old: str, new: str, needle: str
) -> None:
    edit(case, REGISTRY, old, new)
    refused(case, tmp_path, "NAME-CLASH", REGISTRY, needle, needle.index(": ") + 2)
    assert len(findings(cli_run("validate", str(case)).output, "NAME-CLASH")) == 1


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("Malli*la", "Esimerkkiseudun *yhteistoimintasopimus*"),
        ('"Malli:la"', '"**lihava** [linkki](http://x)"'),
    ],
    ids=["asterisks", "a colon and Markdown"],
)
def test_9_what_validate_accepts_build_builds_and_check_passes(
    case: Path, tmp_path: Path, name: str, title: str
) -> None:
    """Asterisks (stripped from figures as illustrative marks) and colons (which join fact keys) in a
    name or a title once made the build refuse its own outputs after validate had passed."""
    edit(case, REGISTRY, "    name: Mallila\n", f"    name: {name}\n")
    edit(case, AGREEMENT, TITLE, f"title: {title}")
    assert cli_run("validate", str(case)).exit_code == 0
    out = tmp_path / "out"
    built_ = cli_run("build", str(case), "--out", str(out))
    assert built_.exit_code == 0, built_.output
    assert cli_run("check", str(out)).exit_code == 0


def test_9_validate_and_build_report_the_same_errors(case: Path, tmp_path: Path) -> None:
    edit(case, AGREEMENT, "id: yhteistoimintasopimus", "id: " + "b" * 300)
    edit(case, REGISTRY, "    name: Mallila\n", '    name: " "\n')
    validated = cli_run("validate", str(case))
    built_ = cli_run("build", str(case), "--out", str(tmp_path / "out"))

    def errors(outcome: Outcome) -> list[tuple[str, int, int]]:
        return sorted(f for code in ("SCHEMA-LONG", "SCHEMA-BLANK") for f in findings(outcome.output, code))

    assert len(errors(validated)) == 2 and errors(validated) == errors(built_)


# === 10. Smaller ===================================================================================


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LINE SEPARATOR", "PARAGRAPH SEPARATOR"])
def test_10_a_line_break_editors_do_not_show_is_reported_at_its_own_line(case: Path, tmp_path: Path, char: str) -> None:
    edit(case, AGREEMENT, PURPOSE, PURPOSE.replace(" elinkeinojen", f"{char} elinkeinojen"))
    refused(case, tmp_path, "TEXT-CONTROL", AGREEMENT, char)


def test_10_a_raw_control_character_after_windows_line_ends_is_reported_at_its_line(case: Path, tmp_path: Path) -> None:
    text = edit(case, AGREEMENT, PURPOSE, PURPOSE.replace("elinkeinojen", "\x01elinkeinojen"))
    (case / AGREEMENT).write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    line, col = position_of(text, "\x01")
    assert_finding(cli_run("validate", str(case)), "TEXT-CONTROL", case / AGREEMENT, line, col)


@pytest.mark.parametrize(
    "title",
    [
        '"Otsikko\\n# Väärä otsikko\\n| a | b |\\n|---|---|\\n<script>alert(1)</script>"',
        '"**lihava** [linkki](http://x)"',
    ],
    ids=["heading, table and HTML", "emphasis and a link"],
)
def test_10_a_title_forges_nothing_in_the_markdown(case: Path, tmp_path: Path, title: str) -> None:
    edit(case, "case.yaml", "title: Esimerkkiseudun yhteistoiminta\n", f"title: {title}\n")
    edit(case, AGREEMENT, TITLE, f"title: {title}")
    out = tmp_path / "out"
    assert cli_run("build", str(case), "--out", str(out)).exit_code == 0
    markdown = (out / "esimerkki-vaatimustenmukaisuus.md").read_text("utf-8")
    assert "<script>" not in markdown and "\n# Väärä" not in markdown and "\n| a |" not in markdown
    assert "**lihava**" not in markdown and "[linkki](" not in markdown
    assert cli_run("check", str(out)).exit_code == 0


def _template(edit_part) -> bytes:
    return _rezip((REPO / "templates" / "pptx" / "base.pptx").read_bytes(), edit_part)


@pytest.mark.parametrize(
    ("edit_part", "reason"),
    [
        (
            lambda n, c: (
                c.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/image" Target="http://example.invalid/pixel.png" TargetMode="External"/>'
                    b"</Relationships>",
                )
                if n == "ppt/slideMasters/_rels/slideMaster1.xml.rels"
                else c
            ),
            "http://example.invalid/pixel.png",
        ),
        (
            lambda n, c: (
                c.replace(b"presentationml.presentation.main+xml", b"presentation.macroEnabled.main+xml")
                if n == "[Content_Types].xml"
                else c
            ),
            "makroja",
        ),
        (
            lambda n, c: (
                b'<?xml version="1.0"?><!DOCTYPE p:presentation [<!ENTITY a "aaaaaaaaaa">'
                b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + c.split(b"?>", 1)[1]
                if n == "ppt/presentation.xml"
                else c
            ),
            "ppt/presentation.xml",
        ),
    ],
    ids=["an external link", "macros", "an entity bomb"],
)
def test_10_a_deck_template_that_would_carry_something_into_every_deck(
    case: Path, tmp_path: Path, edit_part, reason: str
) -> None:
    (case / "oma.pptx").write_bytes(_template(edit_part))
    text = (case / "case.yaml").read_text("utf-8") + "deck_template: oma.pptx\n"
    (case / "case.yaml").write_text(text, "utf-8")
    refused(case, tmp_path, "DECK-TEMPLATE", "case.yaml", "oma.pptx")
    assert reason in cli_run("validate", str(case)).output


@posix_only
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_10_outputs_get_the_mode_the_umask_gives(tmp_path: Path, umask: int, mode: int) -> None:
    previous = os.umask(umask)
    try:
        assert cli_run("build", str(new_case(tmp_path / "case")), "--out", str(tmp_path / "out")).exit_code == 0
    finally:
        os.umask(previous)
    modes = {p.name: p.stat().st_mode & 0o777 for p in (tmp_path / "out").iterdir()}
    assert set(modes.values()) == {mode}, modes


def test_hostile_bounds_are_what_the_issue_asks() -> None:
    """The bounds these tests run under, and the limits the tool enforces, as issue 17 states them."""
    from generator.load.archive import MAX_MEMBER_BYTES
    from generator.load.yaml_loader import MAX_FILE_BYTES, MAX_NODES

    assert (MEMORY_LIMIT, TIME_LIMIT) == (500 * 2**20, 30.0)
    assert (MAX_FILE_BYTES, MAX_NODES, MAX_MEMBER_BYTES) == (2_000_000, 100_000, 50_000_000)
