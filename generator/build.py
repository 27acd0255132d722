"""The whole pipeline for one case: validate, compose every agreement, write files and manifest."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.compose.facts import case_facts
from generator.compose.in_force import original_name
from generator.compose.plan import Planned, plan_outputs
from generator.findings import Finding, Position
from generator.load.bounded import read_bounded
from generator.model.entities import Case
from generator.model.references import MAX_ORIGINAL_BYTES
from generator.readback.accessibility import check_rendered_accessibility
from generator.readback.consistency import check_language_versions, check_rendered
from generator.validate import validate_case
from generator.write.files import recover, write_set
from generator.write.formats import WriteContext, write
from generator.write.guard import MAX_OUTPUT_BYTES, edited_files, keep_backups, sha256_file
from generator.write.manifest import Output, manifest_json

MANIFEST = "manifest.json"


@dataclass
class BuildResult:
    case: Case | None
    findings: list[Finding]
    outputs: list[Output]
    backups: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # PDFs of an earlier build whose source changed
    recovered: bool = False  # an earlier build killed while writing was completed first


def previous_manifest(out: Path) -> dict:
    """The manifest the last build wrote into ``out``, or an empty one."""
    try:
        manifest = json.loads(read_bounded(out / MANIFEST, MAX_OUTPUT_BYTES))
        return manifest if isinstance(manifest, dict) else {}
    except (OSError, ValueError):
        return {}


def edited_outputs(out: Path, outputs: list[Output], previous: dict) -> list[Path]:
    """Files in ``out`` that this build would overwrite and that differ from what the last build wrote.

    The last manifest records each output's hash; a file whose hash differs was edited by hand (or
    was not written by this tool at all) and must not be silently replaced. The manifest records
    its own hash, so a manifest edited by hand is kept the same way (``write.guard``).
    """
    recorded = {o.get("path"): o.get("sha256") for o in _entries(previous, "outputs")}
    return edited_files(out, {o.path: o.sha256 for o in outputs}, recorded, MANIFEST)


def _entries(manifest: dict, key: str) -> list[dict]:
    """The manifest's list under ``key``, keeping only entries shaped as this tool writes them."""
    entries = manifest.get(key)
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def _plain_name(name: object) -> bool:
    """A file name in the output folder itself: no folder part, no climbing out."""
    return isinstance(name, str) and name not in ("", ".", "..") and Path(name).name == name and "\\" not in name


def current_renditions(out: Path, outputs: list[Output], previous: dict) -> tuple[list[dict], list[Path]]:
    """PDFs of an earlier build that still show their source, and those that no longer do.

    A PDF made from an older .docx beside the new .docx would tell a different story, so a PDF
    whose source changed is removed; one whose source is byte-identical stays listed.
    """
    new_hashes = {o.path: o.sha256 for o in outputs}
    keep, stale = [], []
    for entry in _entries(previous, "renditions"):
        name = entry.get("path")
        # Only a PDF beside the outputs is ours to remove, whatever a hand-edited manifest says.
        if not _plain_name(name) or not str(name).endswith(".pdf") or not (out / str(name)).is_file():
            continue
        if new_hashes.get(str(entry.get("source"))) == entry.get("source_sha256"):
            keep.append(entry)
        else:
            stale.append(out / entry["path"])
    return keep, stale


def render_case(case: Case, review: bool = False) -> list[Output]:
    """Every output of a valid case, in every language it uses, in memory; nothing is written here.

    The signed original of an agreement in force, when the case has it, is copied beside the
    summary that describes it, so the councils receive the binding text itself.
    """
    outputs = [render_output(planned, case, review) for planned in plan_outputs(case)]
    for a in case.agreements:
        name = original_name(a)
        if name is not None and a.in_force is not None and a.in_force.original is not None:
            outputs.append(
                Output(
                    name,
                    "original",
                    a.title,
                    read_bounded(a.in_force.original, MAX_ORIGINAL_BYTES),
                    (),
                    tuple(m.id for m in a.parties),
                    {"agreement": a.id, "lang": a.languages[0]},
                )
            )
    return outputs


def render_output(planned: Planned, case: Case, review: bool = False) -> Output:
    """One planned output written to bytes by the writer for its format."""
    version = case.version_in(planned.lang)
    author = version.prepared_by.official_name if version.prepared_by else ""
    ctx = WriteContext(
        author,
        case.version.date,
        planned.lang,
        case.deck_template,
        review and planned.kind == "agreement",
        planned.records,
    )
    data = write(planned.format, planned.tree, ctx)
    return Output(
        planned.path,
        planned.kind,
        planned.title,
        data,
        planned.legal_basis,
        planned.parties,
        planned.manifest_fields(),
    )


def _language_disagreements(
    case: Case, outputs: list[Output], facts: dict[str, dict[str, str]], out: Path
) -> list[Finding]:
    """Each agreement's language versions, read back, state the official version's figures."""
    ids = municipality_ids(case)
    by_agreement: dict[str, list[Output]] = {}
    for o in outputs:
        if o.kind == "agreement":
            by_agreement.setdefault(o.extra["agreement"], []).append(o)
    return [
        f
        for versions in by_agreement.values()
        if len(versions) > 1
        for f in check_language_versions(versions, facts, ids, out)
    ]


def municipality_ids(case: Case) -> dict[str, dict[str, str]]:
    """Per language, each municipality's name and official name → its id (its Swedish and Finnish
    names alike)."""
    return {
        lang: {name: m.id for m in version.municipalities.values() for name in (m.name, m.official_name)}
        for lang, version in (case.versions or {case.language: case}).items()
    }


def facts_by_language(case: Case, outputs: list[Output]) -> dict[str, dict[str, str]]:
    """The shared facts as each language's outputs state them (names and words differ, figures not)."""
    langs = sorted({o.extra["lang"] for o in outputs})
    return {lang: case_facts(case.version_in(lang)) for lang in langs}


def build(
    folder: str | os.PathLike[str], out_dir: str | os.PathLike[str], review: bool = False, force: bool = False
) -> BuildResult:
    """Validate, render in memory, check, refuse to overwrite hand-edited outputs (unless ``force``), write.

    Nothing is written when validation fails, when the rendered documents disagree with the model
    (a negotiated wording contradicting the data), or when an edited output would be lost; with
    ``force`` each edited file is first copied aside, so the hand edits survive next to the new one.
    """
    case, findings = validate_case(folder)
    if case is None:
        return BuildResult(None, findings, [])
    outputs = render_case(case, review=review)
    out = Path(out_dir)
    facts = facts_by_language(case, outputs)
    disagreements = check_rendered(outputs, facts, out) + _language_disagreements(case, outputs, facts, out)
    if disagreements:
        return BuildResult(None, findings + disagreements, outputs)
    # Whether the outputs are fit to publish (warnings: the drafts are written all the same).
    findings = findings + check_rendered_accessibility(outputs, out)
    # A build killed while writing is completed first: its files are not hand edits.
    recovered = recover(out) is not None
    previous = previous_manifest(out)
    edited = edited_outputs(out, outputs, previous)
    if edited and not force:
        findings = findings + [Finding("BUILD-EDITED", "error", Position(str(p), 0, 0)) for p in edited]
        return BuildResult(None, findings, outputs)
    backups = keep_backups(edited)
    renditions, stale = current_renditions(out, outputs, previous)
    manifest = manifest_json(case.id, case_inputs(case, Path(folder)), outputs, facts, renditions)
    write_set(out, [(o.path, o.data) for o in outputs] + [(MANIFEST, manifest)], [p.name for p in stale])
    return BuildResult(case, findings, outputs, backups, [str(p) for p in stale], recovered)


def case_inputs(case: Case, root: Path) -> list[tuple[str, str]]:
    """Every file the outputs depend on, relative to the case folder, with its hash."""
    inputs = [(f.path.relative_to(root).as_posix(), f.sha256) for f in case.inputs]
    for a in case.agreements:
        original = a.in_force.original if a.in_force is not None else None
        if original is not None:
            inputs.append((os.path.relpath(original, root).replace(os.sep, "/"), sha256_file(original)))
    if case.deck_template is not None:
        inputs.append((os.path.relpath(case.deck_template, root).replace(os.sep, "/"), sha256_file(case.deck_template)))
    return sorted(inputs)
