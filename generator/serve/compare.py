"""Compare the working copy with a saved version or a git revision: the redline in the browser and in Word.

A saved version is a copy of the case's YAML files (and of the cases it refers to, laid out beside it
as its ``references`` expect) under the output folder's ``versions/<time>/``; a git revision is
materialised by ``diff.sources`` from the repository the case folder is in. Both sides go through the
ordinary validation; each agreement in both is redlined by ``diff.tree_diff`` and shown with the HTML
writer (``<ins>``/``<del>``), and ``diff.run`` writes the Word redlines into the output folder's
``muutokset/`` for download.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from generator.compose.agreement import compose_agreement
from generator.diff.facts_diff import FactChange, fact_changes
from generator.diff.run import diff_cases
from generator.diff.sources import SourceProblem, materialise
from generator.diff.tree_diff import redline
from generator.findings import has_errors
from generator.load.case_folder import CASE_FILE
from generator.load.yaml_loader import load_yaml_file
from generator.serve.workspace import Workspace, inside
from generator.validate import validate_case
from generator.write.html_writer import html_fragment

VERSIONS = "versions"
REDLINES = "muutokset"
_REVISION = re.compile(r"^[A-Za-z0-9_.~^@{}/-]{1,100}$")
_STAMP = re.compile(r"^[0-9]{8}-[0-9]{6}(?:-[0-9]+)?$")


class CompareProblem(Exception):
    """The comparison cannot be made; the message is for the user."""


@dataclass
class Redlined:
    title: str
    html: Markup
    changed: int


@dataclass
class CompareOutcome:
    against: str
    facts: list[FactChange]
    agreements: list[Redlined] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)  # paths in the output folder
    summary: str = ""


def _git_top(folder: Path) -> Path | None:
    try:
        run = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return Path(run.stdout.strip()).resolve() if run.returncode == 0 and run.stdout.strip() else None


def git_available(ws: Workspace) -> bool:
    return _git_top(ws.case_dir) is not None


def snapshots(ws: Workspace) -> list[str]:
    folder = ws.out_dir / VERSIONS
    if not folder.is_dir():
        return []
    return sorted((p.name for p in folder.iterdir() if _STAMP.match(p.name)), reverse=True)


def _copy_case(source: Path, target: Path, root: Path) -> None:
    """The case's YAML files, and each case it refers to where its reference finds it (inside ``root``)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.yaml")):
        if path.is_file():  # a pipe or a device in the folder is the loader's to report, not to copy
            shutil.copy2(path, target / path.name)
    # Read as the loader reads it (bounded in size, depth and aliases): the references to follow.
    loaded, _ = load_yaml_file(source / CASE_FILE, CASE_FILE)
    case = loaded.data if loaded is not None else None
    for reference in case.get("references", []) if isinstance(case, dict) else []:
        destination = (target / str(reference)).resolve()
        origin = (source / str(reference)).resolve()
        if origin.is_dir() and inside(root, destination) and not destination.exists():
            _copy_case(origin, destination, root)


def save_snapshot(ws: Workspace) -> str:
    """Copy the working copy to ``versions/<time>/<case>`` in the output folder; returns the version's name."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    name, n = stamp, 1
    while (ws.out_dir / VERSIONS / name).exists():
        n += 1
        name = f"{stamp}-{n}"
    root = ws.out_dir / VERSIONS / name
    _copy_case(ws.case_dir, root / ws.case_dir.name, root)
    return name


def _old_folder(ws: Workspace, against: str, revision: str, snapshot: str, tmp: Path) -> tuple[Path, str]:
    if against == "snapshot":
        if not _STAMP.match(snapshot or ""):
            raise CompareProblem(
                f"'{snapshot}' ei ole tallennettu versio" if snapshot else "ei tallennettuja versioita"
            )
        folder = (ws.out_dir / VERSIONS / snapshot / ws.case_dir.name).resolve()
        if not inside(ws.out_dir, folder) or not folder.is_dir():
            raise CompareProblem(f"'{snapshot}' ei ole tallennettu versio")
        return folder, snapshot
    revision = revision.strip() or "HEAD"
    if not _REVISION.match(revision) or revision.startswith("-"):
        raise CompareProblem(f"'{revision}' ei ole git-revisio (esim. HEAD, HEAD~1, main)")
    top = _git_top(ws.case_dir)
    if top is None:
        raise CompareProblem("tapauskansio ei ole git-varastossa")
    relative = ws.case_dir.relative_to(top).as_posix()
    try:
        return materialise(f"{revision}:{relative}", tmp, cwd=ws.case_dir), revision
    except SourceProblem as problem:
        raise CompareProblem(str(problem)) from None


def compare(ws: Workspace, against: str, revision: str, snapshot: str) -> CompareOutcome:
    with tempfile.TemporaryDirectory(prefix="kuntasopimus-compare-") as tmp:
        old_folder, label = _old_folder(ws, against, revision, snapshot, Path(tmp))
        old, old_findings = validate_case(old_folder)
        new, new_findings = validate_case(ws.case_dir)
        if old is None or new is None:
            which = label if old is None else ws.case_dir.name
            errors = [f for f in old_findings + new_findings if f.severity == "error"]
            raise CompareProblem(f"{which}: " + "; ".join(f.line() for f in errors[:3]))
        outcome = CompareOutcome(label, fact_changes(old, new))
        old_ids = {a.id for a in old.agreements}
        new_ids = {a.id for a in new.agreements}
        outcome.added = [a.title for a in new.agreements if a.id not in old_ids]
        outcome.removed = [a.title for a in old.agreements if a.id not in new_ids]
        for agreement in new.agreements:
            if agreement.id not in old_ids:
                continue
            tree, changes = redline(
                compose_agreement(old, old.agreement(agreement.id)), compose_agreement(new, agreement)
            )
            outcome.agreements.append(Redlined(agreement.title, Markup(html_fragment(tree)), changes.count))
        target = ws.out_dir / REDLINES
        if target.exists():
            shutil.rmtree(target)
        result = diff_cases(str(old_folder), str(ws.case_dir), target)
        if has_errors(result.findings):
            raise CompareProblem("; ".join(f.line() for f in result.findings[:3]))
        outcome.summary = result.summary
        outcome.downloads = [Path(p).resolve().relative_to(ws.out_dir).as_posix() for p in result.files]
    return outcome
