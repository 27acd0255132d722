"""`kuntasopimus diff OLD NEW --out DIR`: a redline .docx per agreement in both, and a summary."""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.compose.plan import compose_document
from generator.diff.facts_diff import FactChange, fact_changes
from generator.diff.frame import track_frame
from generator.diff.sources import materialise
from generator.diff.tree_diff import ClauseChanges, redline
from generator.findings import Finding, Position, has_errors
from generator.formats import fi_date
from generator.language import labels
from generator.load.bounded import read_bounded
from generator.model.entities import Case
from generator.validate import validate_case
from generator.write.docx_writer import write_docx
from generator.write.files import recover, write_set
from generator.write.guard import edited_files, keep_backups
from generator.write.manifest import dump_manifest


@dataclass
class DiffResult:
    findings: list[Finding]
    facts: list[FactChange] = field(default_factory=list)
    clauses: dict[str, ClauseChanges] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    summary: str = ""
    files: list[str] = field(default_factory=list)
    backups: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.facts) + sum(c.count for c in self.clauses.values()) + len(self.added) + len(self.removed)


def summary_markdown(old: Case, new: Case, result: DiffResult) -> str:
    d = labels(new.language)["diff"]
    lines = [
        f"# {d['title']}: {new.title}",
        "",
        d["versions"].format(
            old=old.version.number,
            old_date=fi_date(old.version.date),
            new=new.version.number,
            new_date=fi_date(new.version.date),
        ),
        "",
        d["count"].format(n=result.count) if result.count else d["none"],
        "",
    ]
    if result.facts:
        lines += [f"## {d['facts_title']}", ""]
        lines += [f"- {c.subject} – {c.what}: {c.old} → {c.new}" for c in result.facts] + [""]
    if result.added or result.removed:
        lines += [f"## {d['agreements_title']}", ""]
        lines += (
            [f"- {d['added']}: {t}" for t in result.added] + [f"- {d['removed']}: {t}" for t in result.removed] + [""]
        )
    titles = {a.id: a.title for a in new.agreements}
    for agreement_id, changes in result.clauses.items():
        if not changes.count:
            continue
        lines += [f"## {titles[agreement_id]}", ""]
        for key, ids in (("added", changes.added), ("removed", changes.removed), ("reworded", changes.reworded)):
            if ids:
                lines.append(f"- {d[key]}: " + ", ".join(f"`{i}`" for i in ids))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _redline_docx(old: Case, new: Case, agreement_id: str, lang: str, author: str) -> tuple[bytes, ClauseChanges]:
    """One agreement's redline in ``lang``: OLD's text with NEW's changes as Word tracked changes."""
    # The document each version writes: a summary of an agreement in force, an amendment's changes, a draft.
    old_tree = compose_document(old, old.agreement(agreement_id))
    tree, changes = redline(old_tree, compose_document(new, new.agreement(agreement_id)))
    data = write_docx(tree, author, new.version.date, lang, redline_author=author)
    return track_frame(write_docx(old_tree, author, old.version.date, lang), data, author, new.version.date), changes


# What a diff wrote, with hashes, so that the next diff into the same folder keeps hand edits.
RECORD = "muutokset.json"


def _recorded(out: Path) -> dict[object, object]:
    try:
        body = json.loads(read_bounded(out / RECORD, 10_000_000))
        return {o.get("path"): o.get("sha256") for o in body.get("outputs", []) if isinstance(o, dict)}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def diff_cases(old_spec: str, new_spec: str, out_dir: str | Path, force: bool = False) -> DiffResult:
    with tempfile.TemporaryDirectory(prefix="kuntasopimus-diff-") as tmp:
        old_folder = materialise(old_spec, Path(tmp) / "old")
        new_folder = materialise(new_spec, Path(tmp) / "new")
        old, old_findings = validate_case(old_folder)
        new, new_findings = validate_case(new_folder)
    findings = [f for f in old_findings + new_findings if f.severity == "error"]
    if old is None or new is None or has_errors(findings):
        return DiffResult(findings)
    result = DiffResult([], fact_changes(old, new))
    old_by_id = {a.id: a for a in old.agreements}
    new_ids = {a.id for a in new.agreements}
    result.added = [a.title for a in new.agreements if a.id not in old_by_id]
    result.removed = [a.title for a in old.agreements if a.id not in new_ids]
    author = labels(new.language)["diff"]["author"]
    files = []
    out = Path(out_dir)
    for agreement in new.agreements:
        if agreement.id not in old_by_id:
            continue
        data, result.clauses[agreement.id] = _redline_docx(old, new, agreement.id, new.language, author)
        files.append((out / f"{agreement.id}-muutokset.docx", data))
        # A translation gets its own redline, so the Swedish-reading lawyer sees the changes in Swedish.
        for lang in agreement.languages:
            old_version = (old.versions or {}).get(lang)
            if lang != new.language and old_version is not None and lang in old_by_id[agreement.id].languages:
                data, _ = _redline_docx(old_version, (new.versions or {})[lang], agreement.id, lang, author)
                files.append((out / f"{agreement.id}-muutokset.{lang}.docx", data))
    result.summary = summary_markdown(old, new, result)
    files.append((out / "muutokset.md", result.summary.encode("utf-8")))
    # Written as one set, with its record last, and hand edits kept as the build keeps them.
    new_hashes = {path.name: hashlib.sha256(data).hexdigest() for path, data in files}
    record = dump_manifest({"outputs": [{"path": name, "sha256": digest} for name, digest in new_hashes.items()]})
    recover(out)
    edited = edited_files(out, new_hashes, _recorded(out), RECORD)
    if edited and not force:
        return DiffResult([Finding("DIFF-EDITED", "error", Position(str(path), 0, 0)) for path in edited])
    result.backups = keep_backups(edited)
    write_set(out, [(path.name, data) for path, data in files] + [(RECORD, record)])
    result.files = [str(path) for path, _ in files]
    return result
