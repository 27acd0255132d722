"""A case folder: ``case.yaml``, ``municipalities.yaml`` and one YAML file per agreement.

Agreement files are every other ``*.yaml`` in the folder, taken in name order so that a numeric
prefix (``10-``, ``20-``) sets the order of the outputs; hidden files (``.x.yaml``, editors' and
macOS's own) are not case files. A file that looks meant as one but is not read (``x.yml``,
``X.YAML``) is reported, not silently left out of the documents. A case may refer to other case
folders (``references`` in case.yaml: an employment area's own case, say); those are loaded too,
once each, so the model can know their municipalities, areas and agreements.

One validation reads at most ``MAX_AGREEMENT_FILES`` agreement files per folder, ``MAX_CASES`` case
folders and ``MAX_TOTAL_VALUES`` values in all: each file is bounded by the loader, and these keep
many bounded files from adding up to minutes and gigabytes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.findings import Finding, Position, has_errors
from generator.load.yaml_loader import LoadedFile, load_yaml_file

CASE_FILE = "case.yaml"
REGISTRY_FILE = "municipalities.yaml"
MAX_AGREEMENT_FILES = 100
MAX_CASES = 20
MAX_TOTAL_VALUES = 200_000
_ALMOST_YAML = (".yml", ".yaml")


@dataclass
class _Budget:
    """What one validation has read so far, over the case and every case it refers to."""

    cases: int = 0
    values: int = 0


@dataclass
class RawCase:
    """The case's files as loaded, before any validation of their content."""

    folder: Path
    case: LoadedFile | None = None
    registry: LoadedFile | None = None
    agreements: list[LoadedFile] = field(default_factory=list)
    # Other cases this one refers to (case.yaml ``references``), loaded as they are.
    references: list[RawCase] = field(default_factory=list)

    @property
    def files(self) -> list[LoadedFile]:
        """This case's own files (a referenced case's files are its inputs, not this one's)."""
        return [f for f in (self.case, self.registry, *self.agreements) if f is not None]


def display_path(folder_arg: str | os.PathLike[str], name: str) -> str:
    """The path as the user would type it: the folder as given, joined with the file name."""
    return os.path.normpath(os.path.join(os.fspath(folder_arg), name))


def _folder_names(folder: Path) -> list[str]:
    try:
        return sorted(entry.name for entry in os.scandir(folder))
    except OSError:
        return []


def load_case_folder(
    folder_arg: str | os.PathLike[str],
    _seen: frozenset[Path] = frozenset(),
    _budget: _Budget | None = None,
    drafts: Mapping[Path, bytes] | None = None,
) -> tuple[RawCase, list[Finding]]:
    """Load the case in ``folder_arg`` and, after it, every case it refers to (each once).

    ``drafts`` maps a file's resolved path to content read in its place (an editor's unsaved text).
    """
    budget = _budget or _Budget()
    drafts = drafts or {}
    folder = Path(folder_arg)
    raw = RawCase(folder=folder)
    here = Position(os.fspath(folder_arg), 1, 1)
    if not folder.is_dir():
        return raw, [Finding("CASE-NOT-FOUND", "error", here)]
    budget.cases += 1
    findings: list[Finding] = []
    for name in (CASE_FILE, REGISTRY_FILE):
        if not os.path.lexists(folder / name):
            findings.append(
                Finding("CASE-MISSING-FILE", "error", Position(display_path(folder_arg, name), 1, 1), {"name": name})
            )
    if findings:
        return raw, findings

    def load(name: str) -> LoadedFile | None:
        if budget.values > MAX_TOTAL_VALUES:
            return None  # reported once, below
        path = folder / name
        content = drafts.get(path.resolve()) if drafts else None
        loaded, file_findings = load_yaml_file(path, display_path(folder_arg, name), content)
        findings.extend(file_findings)
        if loaded is not None:
            budget.values += len(loaded.value_positions)
            if budget.values > MAX_TOTAL_VALUES:
                findings.append(_too_much(loaded.position(()), "values"))
                return None
        if loaded is not None and not isinstance(loaded.data, dict):
            findings.append(Finding("YAML-NOT-MAPPING", "error", loaded.position(())))
            return None
        return loaded

    raw.case = load(CASE_FILE)
    raw.registry = load(REGISTRY_FILE)
    names = _folder_names(folder)
    others = [n for n in names if n.endswith(".yaml") and not n.startswith(".") and n not in (CASE_FILE, REGISTRY_FILE)]
    for name in names:
        if name.lower().endswith(_ALMOST_YAML) and not name.endswith(".yaml") and not name.startswith("."):
            findings.append(Finding("CASE-EXTENSION", "error", Position(display_path(folder_arg, name), 1, 1)))
    if len(others) > MAX_AGREEMENT_FILES:
        findings.append(_too_much(here, "files"))
        others = []
    for name in others:
        loaded = load(name)
        if loaded is not None:
            raw.agreements.append(loaded)
    if not others and not has_errors(findings):
        findings.append(Finding("CASE-NO-AGREEMENTS", "error", here))
    references = raw.case.data.get("references") if raw.case is not None and isinstance(raw.case.data, dict) else None
    seen = _seen | {folder.resolve()}
    for i, reference in enumerate(references if isinstance(references, list) else []):
        if not isinstance(reference, str):
            continue  # the schema reports it
        target = folder / reference
        where = raw.case.position(("references", i)) if raw.case is not None else here
        if target.resolve() in seen:
            findings.append(Finding("CASE-REFERENCE-LOOP", "error", where, {"path": reference}))
            continue
        if not os.path.lexists(target / CASE_FILE):
            findings.append(Finding("CASE-REFERENCE", "error", where, {"path": reference}))
            continue
        if budget.cases >= MAX_CASES:
            findings.append(_too_much(where, "cases"))
            break
        other, other_findings = load_case_folder(display_path(folder_arg, reference), seen, budget, drafts)
        findings.extend(other_findings)
        raw.references.append(other)
    return raw, findings


_TOO_MUCH = {
    "values": (MAX_TOTAL_VALUES, "arvoa kaikissa tiedostoissa yhteensä", "values in all files together"),
    "files": (MAX_AGREEMENT_FILES, "sopimustiedostoa", "agreement files"),
    "cases": (MAX_CASES, "viitattua tapauskansiota", "referenced case folders"),
}


def _too_much(where: Position, what: str) -> Finding:
    limit, fi, en = _TOO_MUCH[what]
    return Finding(
        "CASE-TOO-LARGE", "error", where, {"what_fi": f"yli {limit} {fi}", "what_en": f"more than {limit} {en}"}
    )
