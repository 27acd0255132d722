"""The ``kuntasopimus`` command as its users meet it: exit codes, one line per finding, no tracebacks.

Exit codes: 0 when the case has no errors (warnings allowed), 1 when it has errors, 2 when the command
itself was used wrongly. Most tests drive the click group in-process; one runs ``python -m generator``
as a real subprocess, the way a shell or CI job does.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import REPO, position_of

from generator.cli import cli

# The amendment of the Kaustinen case: it declares the regional council's new total, 15 members.
AMENDMENT_FILE = "15-muutossopimus.yaml"

FINDING_LINE = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning) (?P<code>[A-Z0-9-]+): (?P<message>.+)$"
)


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def error_lines(output: str) -> list[re.Match[str]]:
    matches = [FINDING_LINE.match(line) for line in output.splitlines()]
    return [m for m in matches if m and m["severity"] == "error"]


@pytest.fixture
def broken_case(case_copy: Path, edit) -> tuple[Path, int, int]:
    """The example with a declared seat total of 16 instead of 15 in its amendment: (folder, line,
    column) of the 16."""
    text = edit(AMENDMENT_FILE, "declared_total: 15", "declared_total: 16")
    line, column = position_of(text, "declared_total: 16")
    return case_copy, line, column + len("declared_total: ")


# --- validate ---------------------------------------------------------------------------------------


def test_validating_the_example_succeeds_with_warnings_only(example_case: Path) -> None:
    """Five unknown business IDs, and the agreement in force (as amended) does not say whether the
    lead's board may take up the body's decisions. The amendment brings the seats to the 2024
    populations, so there is no SEAT-AGE warning."""
    result = run("validate", str(example_case))
    assert result.exit_code == 0
    assert error_lines(result.stdout) == []
    warnings = [m for m in (FINDING_LINE.match(line) for line in result.stdout.splitlines()) if m]
    assert all(m["severity"] == "warning" for m in warnings)
    assert sorted(m["code"] for m in warnings) == ["BID-MISSING"] * 5 + ["KL52-OTTO"]
    [take_up] = [m for m in warnings if m["code"] == "KL52-OTTO"]
    assert Path(take_up["path"]).name == "10-yhteistoimintasopimus.yaml"
    assert "kunnossa" in result.stderr and "0 virhettä" in result.stderr


def test_a_broken_case_exits_1_with_one_line_per_error_in_path_line_column_form(broken_case) -> None:
    case, line, column = broken_case
    result = run("validate", str(case))
    assert result.exit_code == 1
    [error] = error_lines(result.stdout)
    assert Path(error["path"]) == case / AMENDMENT_FILE
    assert (int(error["line"]), int(error["col"])) == (line, column)
    assert error["code"] == "SEAT-DECLARED"
    assert error["message"].startswith("sopimukseen kirjoitettu jäsenmäärä 16 poikkeaa säännöstä lasketusta 15")
    assert error["message"].endswith("(KuntaL 52 § 1 mom. 2 k.)")  # the citation closes the line
    assert "1 virhe" in result.stderr


def test_json_output_is_a_list_of_findings_with_their_positions(broken_case) -> None:
    case, line, column = broken_case
    result = run("validate", str(case), "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert isinstance(findings, list) and findings
    for finding in findings:
        assert {"file", "line", "column", "severity", "code", "message"} <= set(finding)
        assert finding["severity"] in ("error", "warning")
        assert isinstance(finding["line"], int) and isinstance(finding["column"], int)
    [error] = [f for f in findings if f["severity"] == "error"]
    assert Path(error["file"]) == case / AMENDMENT_FILE
    assert (error["line"], error["column"], error["code"]) == (line, column, "SEAT-DECLARED")
    assert "jäsenmäärä 16" in error["message"]


def test_json_output_of_a_valid_case_exits_0_and_holds_only_warnings(example_case: Path) -> None:
    result = run("validate", str(example_case), "--format", "json")
    assert result.exit_code == 0
    findings = json.loads(result.stdout)
    assert findings and {f["severity"] for f in findings} == {"warning"}


def test_lang_en_gives_english_messages(broken_case) -> None:
    case, _, _ = broken_case
    result = run("validate", str(case), "--lang", "en")
    assert result.exit_code == 1
    [error] = error_lines(result.stdout)
    assert error["message"].startswith("the declared number of members 16 differs from 15 computed by the rule")
    assert "1 error, " in result.stderr
    as_json = json.loads(run("validate", str(case), "--lang", "en", "--format", "json").stdout)
    assert [f["message"] for f in as_json if f["severity"] == "error"][0].startswith("the declared number")


def test_a_folder_that_does_not_exist_is_a_finding_not_a_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "ei-ole"
    result = run("validate", str(missing))
    assert result.exit_code == 1
    [error] = error_lines(result.stdout)
    assert error["code"] == "CASE-NOT-FOUND"
    assert error["path"] == str(missing)
    assert "Traceback" not in result.output


def test_an_unknown_option_is_a_usage_error(example_case: Path) -> None:
    result = run("validate", str(example_case), "--no-such-option")
    assert result.exit_code == 2
    assert "--no-such-option" in result.output


def test_an_unknown_language_is_a_usage_error(example_case: Path) -> None:
    assert run("validate", str(example_case), "--lang", "sv").exit_code == 2


# --- build ------------------------------------------------------------------------------------------


def test_build_of_a_broken_case_exits_1_and_writes_nothing(broken_case, tmp_path: Path) -> None:
    case, line, column = broken_case
    out = tmp_path / "out"
    result = run("build", str(case), "--out", str(out))
    assert result.exit_code == 1
    [error] = error_lines(result.stdout)
    assert (error["code"], int(error["line"]), int(error["col"])) == ("SEAT-DECLARED", line, column)
    assert not out.exists() or list(out.iterdir()) == []


def test_build_of_a_broken_case_leaves_an_existing_output_folder_empty(broken_case, tmp_path: Path) -> None:
    case, _, _ = broken_case
    out = tmp_path / "out"
    out.mkdir()
    assert run("build", str(case), "--out", str(out)).exit_code == 1
    assert list(out.iterdir()) == []


def test_build_requires_an_output_folder(example_case: Path) -> None:
    assert run("build", str(example_case)).exit_code == 2


# --- new --------------------------------------------------------------------------------------------


def test_new_writes_a_starting_case_that_validates_and_builds(tmp_path: Path) -> None:
    target = tmp_path / "uusi"
    result = run("new", str(target))
    assert result.exit_code == 0
    assert {"case.yaml", "municipalities.yaml"} <= {p.name for p in target.iterdir()}
    assert len(list(target.glob("*.yaml"))) >= 3  # at least one agreement besides the two fixed files
    validated = run("validate", str(target))
    assert validated.exit_code == 0, validated.output
    assert error_lines(validated.stdout) == []
    out = tmp_path / "out"
    built = run("build", str(target), "--out", str(out))
    assert built.exit_code == 0, built.output
    assert list(out.glob("*.docx"))
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert [o for o in manifest["outputs"] if o["kind"] == "agreement"]


def test_new_into_an_empty_existing_folder_is_allowed(tmp_path: Path) -> None:
    target = tmp_path / "tyhja"
    target.mkdir()
    assert run("new", str(target)).exit_code == 0
    assert (target / "case.yaml").is_file()


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    target = tmp_path / "varattu"
    target.mkdir()
    (target / "muistio.txt").write_text("älä korvaa", "utf-8")
    result = run("new", str(target))
    assert result.exit_code == 2
    assert sorted(p.name for p in target.iterdir()) == ["muistio.txt"]
    assert (target / "muistio.txt").read_text("utf-8") == "älä korvaa"


def test_new_refuses_a_path_that_is_a_file(tmp_path: Path) -> None:
    """A file where the new folder should go is a usage error (2), not an internal error (3)."""
    target = tmp_path / "tiedosto.txt"
    target.write_text("x", "utf-8")
    result = CliRunner().invoke(cli, ["new", str(target)])
    assert isinstance(result.exception, SystemExit) or result.exception is None, repr(result.exception)
    assert result.exit_code == 2
    assert target.read_text("utf-8") == "x"


# --- a real process -----------------------------------------------------------------------------------


def _python_m_generator(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8"}
    env.pop("KUNTASOPIMUS_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_python_m_generator_validates_the_example_with_exit_0(agreements_dir: Path) -> None:
    assert agreements_dir.parent == REPO
    process = _python_m_generator("validate", "agreements/kaustisen-seutukunta", cwd=REPO)
    assert process.returncode == 0, process.stderr
    lines = [FINDING_LINE.match(line) for line in process.stdout.splitlines()]
    assert all(lines), process.stdout
    assert {m["severity"] for m in lines if m} == {"warning"}
    # Paths are as the user typed them, relative to where the command was run.
    assert all(m["path"].startswith(os.path.join("agreements", "kaustisen-seutukunta")) for m in lines if m)


def test_python_m_generator_reports_a_missing_folder_without_a_traceback(tmp_path: Path) -> None:
    process = _python_m_generator("validate", "ei-ole-olemassa", cwd=tmp_path)
    assert process.returncode == 1
    assert "ei-ole-olemassa:1:1: error CASE-NOT-FOUND: " in process.stdout
    assert "Traceback" not in process.stdout + process.stderr
