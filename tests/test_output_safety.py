"""Regenerating is safe: hand edits are not lost and a failed build leaves the old outputs whole."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import copy_case

import generator.write.files as files
from generator.build import build
from generator.cli import cli

EXAMPLE = Path(__file__).resolve().parent.parent / "agreements" / "kaustisen-seutukunta"


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture()
def built(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    assert build(EXAMPLE, out).case is not None
    return out


def _edit(path: Path) -> None:
    document = docx.Document(str(path))
    document.add_paragraph("Lakimiehen lisäys käsin.")
    document.save(str(path))


def test_manifest_records_every_outputs_hash(built: Path) -> None:
    manifest = json.loads((built / "manifest.json").read_text("utf-8"))
    for output in manifest["outputs"]:
        assert hashlib.sha256((built / output["path"]).read_bytes()).hexdigest() == output["sha256"]


def test_build_refuses_to_overwrite_a_hand_edited_output(built: Path, tmp_path: Path) -> None:
    edited = built / "veteli-paatosehdotus.docx"
    _edit(edited)
    before = _hashes(built)
    result = CliRunner().invoke(cli, ["build", str(EXAMPLE), "--out", str(built)])
    assert result.exit_code == 1
    assert f"{edited}: error BUILD-EDITED:" in result.stdout
    assert _hashes(built) == before


def test_force_keeps_the_edited_file_as_a_backup(built: Path) -> None:
    edited = built / "veteli-paatosehdotus.docx"
    _edit(edited)
    edited_hash = hashlib.sha256(edited.read_bytes()).hexdigest()
    result = CliRunner().invoke(cli, ["build", str(EXAMPLE), "--out", str(built), "--force"])
    assert result.exit_code == 0, result.output
    backup = built / f"veteli-paatosehdotus.muokattu-{edited_hash[:8]}.docx"
    assert backup.is_file() and hashlib.sha256(backup.read_bytes()).hexdigest() == edited_hash
    assert str(backup) in result.stdout
    assert "Lakimiehen lisäys käsin." not in "\n".join(p.text for p in docx.Document(str(edited)).paragraphs)


def test_an_unchanged_output_folder_rebuilds_without_force(built: Path) -> None:
    before = _hashes(built)
    assert CliRunner().invoke(cli, ["build", str(EXAMPLE), "--out", str(built)]).exit_code == 0
    assert _hashes(built) == before


def test_a_failure_half_way_leaves_the_previous_outputs_whole(built: Path, tmp_path: Path, monkeypatch) -> None:
    changed = tmp_path / "case"
    copy_case(EXAMPLE, changed)
    text = (changed / "case.yaml").read_text("utf-8").replace('number: "0.1"', 'number: "0.2"')
    (changed / "case.yaml").write_text(text, "utf-8")
    before = _hashes(built)
    real_stage = files._write_new
    calls = {"n": 0}

    def failing_stage(path: Path, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(28, "No space left on device")
        return real_stage(path, data)

    monkeypatch.setattr(files, "_write_new", failing_stage)
    with pytest.raises(OSError):
        build(changed, built)
    assert _hashes(built) == before
    assert not [p for p in built.iterdir() if p.name.startswith(".")]


def test_a_write_failure_is_one_clear_line_not_a_traceback(built: Path, monkeypatch) -> None:
    def full_disk(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "_write_new", full_disk)
    result = CliRunner().invoke(cli, ["build", str(EXAMPLE), "--out", str(built), "--force"])
    assert result.exit_code == 1
    assert "No space left on device" in result.output and "Aiemmat tiedostot ovat ennallaan" in result.output
    assert "Traceback" not in result.output
