"""Build from the editor: the same build (and PDFs) as ``kuntasopimus build``, and the outputs as one zip.

The build runs in this process through ``batch.build_one`` (validation first, nothing written on
errors, hand-edited outputs kept unless forced), and PDFs through the same LibreOffice machinery as
``--pdf``. The zip holds exactly what the output folder's manifest lists — the outputs, their PDFs
and the manifest — so a stray file in the folder is never handed out. It is read under the folder's
write lock, after any interrupted write is finished, so it never mixes files of two builds.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.batch import CaseReport, Target, add_pdfs, build_one
from generator.build import MANIFEST
from generator.findings import Finding, sort_findings
from generator.serve.workspace import Workspace
from generator.write.files import locked, recover
from generator.write.pdf import soffice

_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".pdf": "application/pdf",
    ".md": "text/markdown; charset=utf-8",
    ".json": "application/json",
}


@dataclass
class BuildOutcome:
    written: bool
    findings: list[tuple[Finding, str]]  # (finding, message)
    files: list[str] = field(default_factory=list)  # paths in the output folder
    problem: str = ""
    pdf_failures: list[str] = field(default_factory=list)


def pdf_available() -> bool:
    return soffice() is not None


def media_type(path: Path) -> str:
    return _TYPES.get(path.suffix, "application/octet-stream")


def build_outputs(ws: Workspace, pdf: bool, force: bool, lang: str) -> BuildOutcome:
    report: CaseReport = build_one(Target(ws.case_dir, ws.out_dir), review=False, force=force)
    findings = [(f, f.message(lang)) for f in sort_findings(report.findings)]
    if report.problem is not None:
        key, params = report.problem
        return BuildOutcome(False, findings, problem=f"{key}: {params}")
    if not report.written:
        return BuildOutcome(False, findings)
    failures = add_pdfs([report], jobs=1) if pdf and pdf_available() else []
    return BuildOutcome(True, findings, listed_files(ws), pdf_failures=[f"{p.name}: {r}" for p, r in failures])


def listed_files(ws: Workspace) -> list[str]:
    """The files the output folder's manifest lists (outputs and PDFs), then the manifest itself."""
    try:
        manifest = json.loads((ws.out_dir / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return []
    paths = [o.get("path") for o in manifest.get("outputs", []) if isinstance(o, dict)]
    paths += [r.get("path") for r in manifest.get("renditions", []) if isinstance(r, dict)]
    return [p for p in paths if isinstance(p, str) and (ws.out_dir / p).is_file()] + [MANIFEST]


def zip_outputs(ws: Workspace) -> bytes | None:
    if not ws.out_dir.is_dir():
        return None
    recover(ws.out_dir)
    with locked(ws.out_dir):
        files = listed_files(ws)
        if not files:
            return None
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in files:
                archive.write(ws.out_file(name), name)
    return buffer.getvalue()
