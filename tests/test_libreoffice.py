"""Every Word file of the example opens in LibreOffice and converts to PDF.

Municipalities without Microsoft Office open the drafts in LibreOffice, and councils publish PDFs.
The conversion runs headless with a throw-away user profile, so it neither depends on nor disturbs
anyone's LibreOffice settings. Without ``soffice`` the test is skipped locally; under CI (CI=true),
where .ci/run installs LibreOffice, a missing ``soffice`` is a failure, never a silent skip.
"""

from __future__ import annotations

from pathlib import Path

from conftest import convert_to_pdf


def test_every_built_docx_converts_to_a_non_empty_pdf(soffice: str, built: Path, tmp_path: Path) -> None:
    documents = sorted(built.glob("*.docx"))
    assert len(documents) >= 4, "the example builds at least its four agreements"
    pdf_dir = tmp_path / "pdf"
    profile = tmp_path / "lo-profile"
    convert_to_pdf(soffice, documents, pdf_dir, profile)
    for document in documents:
        pdf = pdf_dir / f"{document.stem}.pdf"
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-"), document.name
        assert b"%%EOF" in data[-1024:], document.name
        assert len(data) > 5_000, f"{document.name}: suspiciously small PDF ({len(data)} bytes)"
