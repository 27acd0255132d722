"""PDFs of the outputs, made by LibreOffice: one soffice process per job, not one per file.

Starting LibreOffice costs a second or two, so each job converts its whole share of the files in
one process. Every process gets a profile directory of its own (two instances sharing a profile
lock each other out). Inputs are staged as numbered links, so files of the same name from different
cases cannot overwrite each other's PDF, and each PDF is moved beside its source atomically.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

TIMEOUT_SECONDS = 1800


def soffice() -> str | None:
    """The LibreOffice command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


# LibreOffice formats chart numbers by its process locale, not the chart's <c:lang>: in the C locale a
# data label reads "9.51 %". Finnish and Swedish in Finland both write "9,51 %", as PowerPoint shows it
# on a Finnish system; the locale needs no glibc locale data, LibreOffice reads the name.
_FINNISH_LOCALE = {"LC_ALL": "fi_FI.UTF-8", "LANG": "fi_FI.UTF-8"}


def _shares(sources: list[Path], jobs: int) -> list[list[Path]]:
    """Split the files between the jobs, largest first to the least loaded, so the jobs end together."""
    loads: list[tuple[int, int, list[Path]]] = [(0, i, []) for i in range(max(1, min(jobs, len(sources))))]
    for source in sorted(sources, key=lambda p: (-p.stat().st_size, str(p))):
        size, index, files = min(loads, key=lambda load: (load[0], load[1]))
        files.append(source)
        loads[index] = (size + source.stat().st_size, index, files)
    return [files for _, _, files in loads if files]


def _convert(command: str, share: list[Path]) -> tuple[list[tuple[Path, Path]], list[tuple[Path, str]]]:
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
                    "pdf",
                    "--outdir",
                    str(results),
                    *map(str, links),
                ],
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
                env={**os.environ, **_FINNISH_LOCALE},
            )
            reason = (run.stderr.strip().splitlines() or [f"exit {run.returncode}"])[-1]
        except (OSError, subprocess.TimeoutExpired) as exc:
            reason = str(exc)
        for link, source in zip(links, share, strict=False):
            result = results / f"{link.stem}.pdf"
            if not result.is_file():
                failed.append((source, reason))
                continue
            target = source.with_suffix(".pdf")
            staging = target.with_name(f".{target.name}.tmp")
            shutil.copyfile(result, staging)
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
