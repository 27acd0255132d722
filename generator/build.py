"""The whole pipeline for one case: validate, compose every agreement, write files and manifest."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from generator.check.pipeline import validate_case
from generator.compose.agreement import compose_agreement
from generator.compose.compliance import compose_compliance
from generator.compose.deck import compose_deck
from generator.compose.facts import case_facts
from generator.compose.proposal import compose_proposal
from generator.readback.consistency import check_rendered
from generator.write.pptx_writer import write_pptx
from generator.compose.tree import Document
from generator.findings import Finding, Position
from generator.law.requirements import REQUIREMENTS, section_of, section_sort_key
from generator.model.entities import Case
from generator.write.docx_writer import write_docx
from generator.write.files import write_all
from generator.write.manifest import Output, manifest_json
from generator.write.markdown_writer import write_markdown

MANIFEST = "manifest.json"


@dataclass
class BuildResult:
    case: Case | None
    findings: list[Finding]
    outputs: list[Output]
    backups: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # PDFs of an earlier build whose source changed


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def previous_manifest(out: Path) -> dict:
    """The manifest the last build wrote into ``out``, or an empty one."""
    try:
        manifest = json.loads((out / MANIFEST).read_text("utf-8"))
        return manifest if isinstance(manifest, dict) else {}
    except (OSError, ValueError):
        return {}


def edited_outputs(out: Path, outputs: list[Output], previous: dict) -> list[Path]:
    """Files in ``out`` that this build would overwrite and that differ from what the last build wrote.

    The last manifest records each output's hash; a file whose hash differs was edited by hand (or
    was not written by this tool at all) and must not be silently replaced.
    """
    recorded = {o.get("path"): o.get("sha256") for o in previous.get("outputs", []) if isinstance(o, dict)}
    edited = []
    for output in outputs:
        path = out / output.path
        if path.is_file():
            current = sha256_file(path)
            if current != output.sha256 and current != recorded.get(output.path):
                edited.append(path)
    return edited


def current_renditions(out: Path, outputs: list[Output], previous: dict) -> tuple[list[dict], list[Path]]:
    """PDFs of an earlier build that still show their source, and those that no longer do.

    A PDF made from an older .docx beside the new .docx would tell a different story, so a PDF
    whose source changed is removed; one whose source is byte-identical stays listed.
    """
    new_hashes = {o.path: o.sha256 for o in outputs}
    keep, stale = [], []
    for entry in previous.get("renditions", []):
        if not isinstance(entry, dict) or not (out / str(entry.get("path"))).is_file():
            continue
        if new_hashes.get(entry.get("source")) == entry.get("source_sha256"):
            keep.append(entry)
        else:
            stale.append(out / entry["path"])
    return keep, stale


def _backup_name(path: Path) -> Path:
    """'x.docx' → 'x.muokattu-1a2b3c4d.docx': beside the new file, named by the edited content."""
    return path.with_name(f"{path.stem}.muokattu-{sha256_file(path)[:8]}{path.suffix}")


def legal_basis(tree: Document) -> tuple[str, ...]:
    """Section-level citations of every requirement the document's clauses satisfy."""
    sections = {section_of(REQUIREMENTS[code].citation) for clause in tree.clauses() for code in clause.requirements}
    return tuple(sorted(sections, key=section_sort_key))


def render_case(case: Case, review: bool = False) -> list[Output]:
    """Every output of a valid case, in memory; nothing is written here."""
    author = case.prepared_by.official_name if case.prepared_by else ""
    outputs = []
    trees = []
    for agreement in case.agreements:
        tree = compose_agreement(case, agreement)
        trees.append((agreement, tree))
        data = write_docx(tree, author, case.version.date, case.language, review=review)
        outputs.append(Output(
            path=f"{agreement.output_stem}.docx", kind="agreement", title=agreement.title, data=data,
            legal_basis=legal_basis(tree), parties=tuple(m.id for m in agreement.parties),
            extra={"agreement": agreement.id},
        ))
    report = compose_compliance(case, trees)
    words = report.labels
    stem = f"{case.id}-{words['compliance']['file_stem']}"
    report_basis = tuple(sorted({b for o in outputs for b in o.legal_basis}, key=section_sort_key))
    all_parties = tuple(dict.fromkeys(p for o in outputs for p in o.parties))
    for suffix, data in (
        ("docx", write_docx(report, author, case.version.date, case.language)),
        ("md", write_markdown(report)),
    ):
        outputs.append(Output(path=f"{stem}.{suffix}", kind="compliance_report", title=report.title, data=data,
                              legal_basis=report_basis, parties=all_parties))
    outputs += _council_outputs(case, outputs, f"{stem}.docx", author)
    return outputs


def _council_outputs(case: Case, agreements: list[Output], report_file: str, author: str) -> list[Output]:
    """A deck and a decision proposal for every council the case names."""
    legal = {o.extra["agreement"]: ", ".join(o.legal_basis) for o in agreements if o.kind == "agreement"}
    outputs = []
    for municipality in case.councils:
        view_basis = tuple(sorted({b for o in agreements if o.kind == "agreement" and municipality.id in o.parties
                                   for b in o.legal_basis}, key=section_sort_key))
        deck = compose_deck(case, municipality.id)
        outputs.append(Output(
            path=f"{municipality.id}-{deck.labels['deck']['file_stem']}.pptx", kind="deck", title=deck.title,
            data=write_pptx(deck, author, case.version.date, case.language, case.deck_template), legal_basis=view_basis,
            parties=(municipality.id,), extra={"municipality": municipality.id},
        ))
        proposal = compose_proposal(case, municipality.id, legal, report_file)
        outputs.append(Output(
            path=f"{proposal.id}.docx", kind="council_proposal", title=proposal.title,
            data=write_docx(proposal, author, case.version.date, case.language), legal_basis=view_basis,
            parties=(municipality.id,), extra={"municipality": municipality.id},
        ))
    return outputs


def build(folder: str | os.PathLike[str], out_dir: str | os.PathLike[str], review: bool = False,
          force: bool = False) -> BuildResult:
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
    facts = case_facts(case)
    disagreements = check_rendered(((o.path, o.data, o.extra.get("agreement")) for o in outputs), facts, out,
                                   case.language)
    if disagreements:
        return BuildResult(None, findings + disagreements, outputs)
    previous = previous_manifest(out)
    edited = edited_outputs(out, outputs, previous)
    if edited and not force:
        findings = findings + [Finding("BUILD-EDITED", "error", Position(str(p), 0, 0)) for p in edited]
        return BuildResult(None, findings, outputs)
    backups = []
    for path in edited:
        backup = _backup_name(path)
        shutil.copy2(path, backup)
        backups.append(str(backup))
    renditions, stale = current_renditions(out, outputs, previous)
    manifest = manifest_json(case.id, case_inputs(case, Path(folder)), outputs, facts, renditions)
    write_all([(out / o.path, o.data) for o in outputs] + [(out / MANIFEST, manifest)])
    for path in stale:
        path.unlink(missing_ok=True)
    return BuildResult(case, findings, outputs, backups, [str(p) for p in stale])


def case_inputs(case: Case, root: Path) -> list[tuple[str, str]]:
    """Every file the outputs depend on, relative to the case folder, with its hash."""
    inputs = [(f.path.relative_to(root).as_posix(), f.sha256) for f in case.inputs]
    if case.deck_template is not None:
        inputs.append((os.path.relpath(case.deck_template, root).replace(os.sep, "/"), sha256_file(case.deck_template)))
    return sorted(inputs)
