"""Every fact in every generated file equals the model's: `kuntasopimus check OUTDIR`, and the build.

A difference names the file, the place and the fact, e.g. a seat number edited by hand in one
council's proposal, so nobody sends five councils documents that disagree. The build runs the same
check on its outputs in memory, before writing anything: a negotiated wording that contradicts the
data then stops the build with a finding instead of leaving contradictory files behind.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from generator.contract import clean
from generator.findings import Finding, Position, Severity
from generator.language import LANGUAGES, labels
from generator.load.archive import ArchiveProblem
from generator.load.bounded import read_bounded
from generator.readback.docx_reader import read_docx
from generator.readback.observations import Observation
from generator.readback.pptx_reader import read_pptx
from generator.write.files import interrupted, recover
from generator.write.manifest import Output, manifest_unedited

MANIFEST = "manifest.json"


class _Expected:
    """The facts a set of outputs in one language must state, as the manifest (or the model) formats them."""

    def __init__(self, facts: dict[str, str], lang: str, anchor_severity: Severity = "warning") -> None:
        self.anchor_severity = anchor_severity
        self.facts = {key: clean(value) for key, value in facts.items()}
        # A name or title is read back from a table cell, which is compared cleaned (without the
        # asterisk of an illustrative figure): keys are looked up cleaned too, or a municipality or
        # an agreement with an asterisk in its name could never be found again.
        self.cleaned = {clean(key): value for key, value in self.facts.items()}
        self.titles = {clean(value): key.split(":", 1)[1] for key, value in facts.items() if key.startswith("title:")}
        self.words = labels(lang)

    def observe(
        self,
        name: str,
        source: Path | bytes,
        anchors: Sequence[Mapping[str, str]],
        tables: Sequence[Mapping[str, object]] = (),
    ) -> Iterable[Observation]:
        total = self.words["tables"]["total"]
        if name.endswith(".docx"):
            return read_docx(source, name, total, self.titles, anchors, self.facts, tables)
        if name.endswith(".pptx"):
            return read_pptx(source, name, total, self.titles, anchors, self.facts)
        return ()

    def compare(self, display: str, observed: Iterable[Observation]) -> list[Finding]:
        findings = []
        for obs in observed:
            expected = self.facts.get(obs.key, self.cleaned.get(clean(obs.key)))
            if obs.key.startswith("table:"):
                findings.append(
                    Finding("CHECK-TABLE", "warning", Position(display, 0, 0), {"table": obs.key[len("table:") :]})
                )
            elif expected is None:
                findings.append(
                    Finding("CHECK-UNKNOWN", "error", Position(display, 0, 0), {"where": obs.where, "fact": obs.key})
                )
            elif obs.value is None:
                findings.append(
                    Finding(
                        "CHECK-ANCHOR",
                        self.anchor_severity,
                        Position(display, 0, 0),
                        {"where": obs.where, "fact": obs.key, "expected": expected},
                    )
                )
            elif clean(obs.value) != expected:
                kind = obs.key.split(":", 1)[0]
                what = self.words["facts"].get(kind, kind)
                findings.append(
                    Finding(
                        "CHECK-FACT",
                        "error",
                        Position(display, 0, 0),
                        {
                            "where": obs.where,
                            "what": what,
                            "fact": obs.key,
                            "found": clean(obs.value),
                            "expected": expected,
                        },
                    )
                )
        return findings


def check_rendered(outputs: Iterable[Output], facts: dict[str, dict[str, str]], out_dir: str | Path) -> list[Finding]:
    """Check a build's outputs still in memory against the facts of each output's language.

    Here a fact whose place is not found is an error: the tool has just written that text itself.
    """
    expected = {lang: _Expected(lang_facts, lang, "error") for lang, lang_facts in facts.items()}
    findings: list[Finding] = []
    for output in outputs:
        if output.kind != "original" and output.path.endswith((".docx", ".pptx")):
            facts_of = expected[output.extra["lang"]]
            observed = facts_of.observe(
                Path(output.path).name, output.data, output.extra.get("anchors", []), output.extra.get("tables", [])
            )
            findings += facts_of.compare(str(Path(out_dir) / output.path), observed)
    return findings


def _figures(value: str | None) -> str:
    """A stated value reduced to its figures, the same in every language ('12 kuukautta' = '12 månader')."""
    return " ".join(re.findall(r"\d+", value or ""))


def _neutral(observed: Iterable[Observation], ids: dict[str, str]) -> dict[str, str]:
    """Facts keyed by municipality id instead of the name the language uses, with figures as values."""
    cleaned = {clean(name): municipality for name, municipality in ids.items()}
    facts = {}
    for obs in observed:
        kind, *rest = obs.key.split(":")
        facts[":".join([kind, *(cleaned.get(clean(part), part) for part in rest)])] = _figures(obs.value)
    return facts


def check_language_versions(
    versions: list[Output], facts: dict[str, dict[str, str]], ids: dict[str, dict[str, str]], out_dir: str | Path
) -> list[Finding]:
    """The language versions of one agreement (the official one first) state the same figures.

    ``ids`` maps each language's municipality names (and official names) to their ids, so that
    a municipality's Swedish and Finnish names ("Exempelborg", "Esimerkkilä") are compared as the same party.
    """

    def figures(output: Output) -> dict[str, str]:
        lang = output.extra["lang"]
        expected = _Expected(facts[lang], lang)
        names = {**ids[lang], expected.words["tables"]["total"]: "total"}
        observed = expected.observe(
            Path(output.path).name, output.data, output.extra.get("anchors", []), output.extra.get("tables", [])
        )
        return _neutral(observed, names)

    official, *others = versions
    stated = figures(official)
    findings = []
    for other in others:
        found = figures(other)
        for key in sorted(set(stated) | set(found)):
            if stated.get(key) != found.get(key):
                findings.append(
                    Finding(
                        "LANG-FACTS",
                        "error",
                        Position(str(Path(out_dir) / other.path), 0, 0),
                        {
                            "official": official.path,
                            "fact": key,
                            "expected": stated.get(key, "–"),
                            "found": found.get(key, "–"),
                        },
                    )
                )
                break
    return findings


# A manifest is a few hundred kilobytes; a larger file named manifest.json is not one of ours.
MAX_MANIFEST_BYTES = 50_000_000


def _strings(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def manifest_problem(manifest: object) -> str | None:
    """What makes ``manifest`` unusable for the check (its shape, not its figures), or None."""
    if not isinstance(manifest, dict):
        return "not an object"
    facts = manifest.get("facts", {})
    if not isinstance(facts, dict) or not all(lang in LANGUAGES and _strings(f) for lang, f in facts.items()):
        return "facts"
    outputs = manifest.get("outputs")
    if not isinstance(outputs, list):
        return "outputs"
    for output in outputs:
        if not isinstance(output, dict):
            return "outputs"
        path, lang = output.get("path"), output.get("lang")
        if not isinstance(path, str) or not path or Path(path).name != path or path in (".", "..") or "\\" in path:
            return f"outputs: {str(path)[:80]!r}"
        if path.endswith((".docx", ".pptx")) and (lang not in facts):
            return f"{path}: lang"
        anchors, tables = output.get("anchors", []), output.get("tables", [])
        if not isinstance(anchors, list) or not all(_strings(a) and "fact" in a for a in anchors):
            return f"{path}: anchors"
        if not isinstance(tables, list) or not all(
            isinstance(t, dict)
            and isinstance(t.get("id"), str)
            and isinstance(t.get("header"), list)
            and all(isinstance(h, str) for h in t["header"])
            for t in tables
        ):
            return f"{path}: tables"
    return None


def check_outputs(out_dir: str | Path, lang: str = "fi") -> list[Finding]:
    """Check the files of a finished build against the facts its manifest recorded.

    Anything the folder may hold instead (a damaged or truncated file, an edited manifest, a build
    killed while writing) is a finding about that file, never a crash.
    """
    out = Path(out_dir)
    manifest_path = out / MANIFEST
    findings: list[Finding] = []
    if interrupted(out):
        try:
            recover(out)
            findings.append(Finding("CHECK-RECOVERED", "warning", Position(str(out), 0, 0)))
        except OSError as exc:
            return [
                Finding("CHECK-INTERRUPTED", "error", Position(str(out), 0, 0), {"reason": exc.strerror or str(exc)})
            ]
    if not manifest_path.is_file():
        return findings + [Finding("CHECK-MANIFEST", "error", Position(str(manifest_path), 0, 0))]
    try:
        raw = read_bounded(manifest_path, MAX_MANIFEST_BYTES)
        manifest = json.loads(raw)
    except (OSError, ValueError) as exc:
        detail = exc.strerror if isinstance(exc, OSError) else str(exc)
        return findings + [
            Finding("CHECK-MANIFEST-BAD", "error", Position(str(manifest_path), 0, 0), {"detail": detail})
        ]
    problem = manifest_problem(manifest)
    if problem is not None:
        return findings + [
            Finding("CHECK-MANIFEST-BAD", "error", Position(str(manifest_path), 0, 0), {"detail": problem})
        ]
    if not manifest_unedited(raw):
        findings.append(Finding("CHECK-MANIFEST-EDITED", "warning", Position(str(manifest_path), 0, 0)))
    expected = {doc_lang: _Expected(facts, doc_lang) for doc_lang, facts in manifest.get("facts", {}).items()}
    for output in manifest["outputs"]:
        path = out / output["path"]
        if path.suffix not in (".docx", ".pptx"):
            continue
        if not path.is_file():
            findings.append(Finding("CHECK-MISSING", "error", Position(str(path), 0, 0)))
            continue
        facts_of = expected[output["lang"]]
        try:
            findings += facts_of.compare(
                str(path), list(facts_of.observe(path.name, path, output.get("anchors", []), output.get("tables", [])))
            )
        except ArchiveProblem as damage:
            findings.append(
                Finding(
                    "CHECK-DAMAGED",
                    "error",
                    Position(str(path), 0, 0),
                    {"reason_fi": damage.reason("fi"), "reason_en": damage.reason("en")},
                )
            )
    return findings
