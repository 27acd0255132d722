"""Every fact in every generated file equals the model's: `kuntasopimus check OUTDIR`, and the build.

A difference names the file, the place and the fact, e.g. a seat number edited by hand in one
council's proposal, so nobody sends five councils documents that disagree. The build runs the same
check on its outputs in memory, before writing anything: a negotiated wording that contradicts the
data then stops the build with a finding instead of leaving contradictory files behind.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from generator.compose.templating import labels
from generator.findings import Finding, Position
from generator.readback.docx_reader import read_docx
from generator.readback.observations import Observation, clean
from generator.readback.pptx_reader import read_pptx

MANIFEST = "manifest.json"


class _Expected:
    """The facts a set of outputs must state, as the manifest (or the model) formats them."""

    def __init__(self, facts: dict[str, str], lang: str) -> None:
        self.facts = {key: clean(value) for key, value in facts.items()}
        self.titles = {value: key.split(":", 1)[1] for key, value in facts.items() if key.startswith("title:")}
        self.words = labels(lang)

    def observe(self, name: str, source: Path | bytes, agreement_id: str | None) -> Iterable[Observation]:
        total = self.words["tables"]["total"]
        if name.endswith(".docx"):
            return read_docx(source, name, total, self.titles, agreement_id)
        return read_pptx(source, name, total, self.titles)

    def compare(self, display: str, observed: Iterable[Observation]) -> list[Finding]:
        findings = []
        for obs in observed:
            expected = self.facts.get(obs.key)
            if expected is None:
                findings.append(Finding("CHECK-UNKNOWN", "error", Position(display, 0, 0), {"where": obs.where, "fact": obs.key}))
            elif clean(obs.value) != expected:
                kind = obs.key.split(":", 1)[0]
                what = self.words["facts"].get(kind, kind)
                findings.append(Finding("CHECK-FACT", "error", Position(display, 0, 0),
                                        {"where": obs.where, "what": what, "fact": obs.key, "found": clean(obs.value),
                                         "expected": expected}))
        return findings


def check_rendered(outputs: Iterable[tuple[str, bytes, str | None]], facts: dict[str, str], out_dir: str | Path,
                   lang: str = "fi") -> list[Finding]:
    """Check outputs still in memory: (relative path, bytes, agreement id or None) each."""
    expected = _Expected(facts, lang)
    findings: list[Finding] = []
    for path, data, agreement_id in outputs:
        if path.endswith((".docx", ".pptx")):
            findings += expected.compare(str(Path(out_dir) / path), expected.observe(Path(path).name, data, agreement_id))
    return findings


def check_outputs(out_dir: str | Path, lang: str = "fi") -> list[Finding]:
    """Check the files of a finished build against the facts its manifest recorded."""
    out = Path(out_dir)
    manifest_path = out / MANIFEST
    if not manifest_path.is_file():
        return [Finding("CHECK-MANIFEST", "error", Position(str(manifest_path), 0, 0))]
    manifest = json.loads(manifest_path.read_text("utf-8"))
    expected = _Expected(manifest.get("facts", {}), lang)
    findings: list[Finding] = []
    for output in manifest["outputs"]:
        path = out / output["path"]
        if path.suffix not in (".docx", ".pptx"):
            continue
        if not path.is_file():
            findings.append(Finding("CHECK-MISSING", "error", Position(str(path), 0, 0)))
            continue
        findings += expected.compare(str(path), expected.observe(path.name, path, output.get("agreement")))
    return findings
