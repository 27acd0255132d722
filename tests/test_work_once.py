"""Nothing is done twice: a second build in the same process reads no template, schema or reference file.

An administration chief rebuilds dozens of times, and a batch builds dozens of cases in one worker:
templates are compiled once, schemas and language packs loaded once, and the Word and PowerPoint
reference documents read once per process.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLE

from generator.build import build
from generator.paths import schema_dir, templates_dir


def test_a_second_build_opens_only_the_case_and_its_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(EXAMPLE, tmp_path / "first")
    opened: list[str] = []
    real_open = io.open

    def recording_open(file, *args, **kwargs):
        opened.append(str(Path(file).resolve()) if isinstance(file, (str, Path)) else repr(file))
        return real_open(file, *args, **kwargs)

    real_os_open = os.open

    def recording_os_open(file, *args, **kwargs):
        # Case files are read with os.open (non-blocking, regular files only: load/bounded.py).
        opened.append(str(Path(file).resolve()) if isinstance(file, (str, Path)) else repr(file))
        return real_os_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", recording_open)
    monkeypatch.setattr("builtins.open", recording_open)
    monkeypatch.setattr(os, "open", recording_os_open)
    assert build(EXAMPLE, tmp_path / "second").case is not None
    shared = (str(templates_dir().resolve()), str(schema_dir().resolve()), str(Path(docx.__file__).parent.resolve()))
    assert [f for f in opened if f.startswith(shared)] == []
    assert any(f.startswith(str(EXAMPLE.resolve())) for f in opened), "the case itself is read on every build"
