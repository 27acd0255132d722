"""Two builds of the same input are byte-identical: lawyers and archives compare files by hash."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from generator.build import build

EXAMPLE = Path(__file__).resolve().parent.parent / "agreements" / "kaustisen-seutukunta"


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_building_twice_gives_identical_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    build(EXAMPLE, first)
    build(EXAMPLE, second)
    assert _hashes(first) == _hashes(second)
    assert len(_hashes(first)) == 18  # the 54 § agreement also in Swedish


def test_zip_entries_carry_the_case_date_not_the_clock(tmp_path: Path) -> None:
    """Every package, the summary of the agreement in force (signed in 2016) included, carries the
    case's version date."""
    build(EXAMPLE, tmp_path)
    packages = sorted(p for p in tmp_path.iterdir() if p.suffix in (".docx", ".pptx"))
    assert "yhteistoimintasopimus-tiivistelma.docx" in {p.name for p in packages}
    for path in packages:
        with zipfile.ZipFile(path) as package:
            assert {info.date_time for info in package.infolist()} == {(2024, 10, 15, 12, 0, 0)}, path.name
            core = package.read("docProps/core.xml").decode("utf-8")
        assert "2024-10-15T12:00:00Z" in core, path.name
