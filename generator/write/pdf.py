"""PDFs of the outputs, made by LibreOffice: one soffice process per job, not one per file.

Each PDF is fit to archive and to publish: PDF/A-2 (what the national preservation service
recommends), tagged (headings, lists, tables and reading order for screen readers), with the
document's title shown in the window and its language, bookmarks from the headings (slide titles
in a deck), and the records metadata of its source in the XMP (``pdf_metadata``). A Word document
is also exported in LibreOffice's PDF/UA mode and says so; a deck is not claimed PDF/UA, because
LibreOffice 7.4 neither carries a chart's alternative text into the PDF nor leaves a connector
marked decorative out of the structure tree (the .pptx itself has both).

Starting LibreOffice costs a second or two, so each job converts its whole share of the files in
one process. Every process gets a profile directory of its own (two instances sharing a profile
lock each other out). Inputs are staged as numbered links, so files of the same name from different
cases cannot overwrite each other's PDF, and each PDF is moved beside its source atomically.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from generator.write.pdf_metadata import PdfMetadataError, add_records, package_records

TIMEOUT_SECONDS = 1800


def soffice() -> str | None:
    """The LibreOffice command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


# LibreOffice formats chart numbers by its process locale, not the chart's <c:lang>: in the C locale a
# data label reads "9.51 %". Finnish and Swedish in Finland both write "9,51 %", as PowerPoint shows it
# on a Finnish or Swedish-Finnish system; the locale needs no glibc locale data, LibreOffice reads the
# name. Impress also takes a deck's document language (the PDF's /Lang) from the locale, so each deck is
# converted in the locale of its own language: a Swedish deck in sv_FI. (Writer reads a document's
# language from the document, so Word files join whichever process runs.)
def _locale(source: Path) -> str:
    """fi_FI.UTF-8 for a document in Finnish (dc:language fi-FI), sv_FI.UTF-8 for one in Swedish."""
    try:
        tag = package_records(source).get("lang", "fi-FI")
    except (OSError, ValueError, KeyError):
        tag = "fi-FI"
    return tag.replace("-", "_") + ".UTF-8"


def _option(value: bool | int) -> dict[str, str]:
    kind = "boolean" if isinstance(value, bool) else "long"
    return {"type": kind, "value": str(value).lower()}


# LibreOffice's PDF export options (filter data), given as JSON (LibreOffice 7.4 and later). The
# filter name only selects the option set: LibreOffice exports a deck with the same options.
PDF_OPTIONS = {
    "SelectPdfVersion": 2,  # PDF/A-2b; LibreOffice declares the conformance level it meets
    "UseTaggedPDF": True,
    "PDFUACompliance": True,
    "ExportBookmarks": True,
    "DisplayPDFDocumentTitle": True,
    "ExportNotes": False,  # a review copy's margin notes stay in the Word file
}
CONVERT_TO = "pdf:writer_pdf_Export:" + json.dumps({key: _option(value) for key, value in PDF_OPTIONS.items()})


def finish_pdf(pdf: bytes, source: Path) -> bytes:
    """The PDF with its source's records metadata in the XMP, claiming PDF/UA only for Word documents."""
    return add_records(pdf, package_records(source), keep_ua=source.suffix == ".docx")


def _shares(sources: list[Path], jobs: int) -> list[list[Path]]:
    """Split the files between the jobs, largest first to the least loaded, so the jobs end together."""
    loads: list[tuple[int, int, list[Path]]] = [(0, i, []) for i in range(max(1, min(jobs, len(sources))))]
    for source in sorted(sources, key=lambda p: (-p.stat().st_size, str(p))):
        size, index, files = min(loads, key=lambda load: (load[0], load[1]))
        files.append(source)
        loads[index] = (size + source.stat().st_size, index, files)
    return [files for _, _, files in loads if files]


def _convert(command: str, share: list[Path]) -> tuple[list[tuple[Path, Path]], list[tuple[Path, str]]]:
    """One job's files: one LibreOffice process per language of its decks (usually just one)."""
    made: list[tuple[Path, Path]] = []
    failed: list[tuple[Path, str]] = []
    by_locale: dict[str, list[Path]] = {}
    for source in share:
        if source.suffix == ".pptx":
            by_locale.setdefault(_locale(source), []).append(source)
    documents = [source for source in share if source.suffix != ".pptx"]
    if documents:
        by_locale.setdefault(min(by_locale, default=_locale(documents[0])), []).extend(documents)
    for locale, files in sorted(by_locale.items()):
        group_made, group_failed = _convert_in(command, files, locale)
        made += group_made
        failed += group_failed
    return made, failed


def _convert_in(command: str, share: list[Path], locale: str) -> tuple[list[tuple[Path, Path]], list[tuple[Path, str]]]:
    made: list[tuple[Path, Path]] = []
    failed: list[tuple[Path, str]] = []
    with tempfile.TemporaryDirectory(prefix="kuntasopimus-pdf-") as tmp:
        staged, results = Path(tmp, "in"), Path(tmp, "out")
        staged.mkdir()
        links = []
        for number, source in enumerate(share):
            link = staged / f"{number:05d}-{source.name}"
            link.symlink_to(source.resolve())
            links.append(link)
        try:
            run = subprocess.run(
                [
                    command,
                    f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    CONVERT_TO,
                    "--outdir",
                    str(results),
                    *map(str, links),
                ],
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
                env={**os.environ, "LC_ALL": locale, "LANG": locale},
            )
            reason = (run.stderr.strip().splitlines() or [f"exit {run.returncode}"])[-1]
        except (OSError, subprocess.TimeoutExpired) as exc:
            reason = str(exc)
        for link, source in zip(links, share, strict=False):
            result = results / f"{link.stem}.pdf"
            if not result.is_file():
                failed.append((source, reason))
                continue
            try:
                data = finish_pdf(result.read_bytes(), source)
            except (OSError, PdfMetadataError, ValueError) as exc:
                failed.append((source, str(exc)))
                continue
            target = source.with_suffix(".pdf")
            staging = target.with_name(f".{target.name}.tmp")
            staging.write_bytes(data)
            os.replace(staging, target)
            made.append((source, target))
    return made, failed


def make_pdfs(
    sources: list[Path], jobs: int, done: Callable[[int], None] = lambda n: None, command: str | None = None
) -> tuple[list[tuple[Path, Path]], list[tuple[Path, str]]]:
    """Convert .docx/.pptx files to PDFs beside them; returns (source, PDF) pairs and the files that failed.

    ``done`` is told how many files each finished job converted (for a progress bar).
    """
    command = command or soffice()
    if command is None:
        return [], [(source, "LibreOffice (soffice) is not installed") for source in sources]
    made: list[tuple[Path, Path]] = []
    failed: list[tuple[Path, str]] = []
    shares = _shares(sources, jobs)
    with ThreadPoolExecutor(max_workers=len(shares) or 1) as pool:
        futures = {pool.submit(_convert, command, share): share for share in shares}
        for future in as_completed(futures):
            share_made, share_failed = future.result()
            made += share_made
            failed += share_failed
            done(len(futures[future]))
    return sorted(made), sorted(failed)
