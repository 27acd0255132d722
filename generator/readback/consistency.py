"""`kuntasopimus check OUTDIR`: every fact in every generated file equals the manifest's (the model's).

A difference names the file, the place and the fact, e.g. a seat number edited by hand in one
council's proposal, so nobody sends five councils documents that disagree.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.compose.templating import labels
from generator.findings import Finding, Position
from generator.readback.docx_reader import read_docx
from generator.readback.observations import clean
from generator.readback.pptx_reader import read_pptx

MANIFEST = "manifest.json"


def check_outputs(out_dir: str | Path, lang: str = "fi") -> list[Finding]:
    out = Path(out_dir)
    manifest_path = out / MANIFEST
    if not manifest_path.is_file():
        return [Finding("CHECK-MANIFEST", "error", Position(str(manifest_path), 0, 0))]
    manifest = json.loads(manifest_path.read_text("utf-8"))
    facts = {key: clean(value) for key, value in manifest.get("facts", {}).items()}
    titles = {value: key.split(":", 1)[1] for key, value in manifest.get("facts", {}).items() if key.startswith("title:")}
    total = labels(lang)["tables"]["total"]
    findings: list[Finding] = []
    for output in manifest["outputs"]:
        path = out / output["path"]
        display = str(path)
        if path.suffix not in (".docx", ".pptx"):
            continue
        if not path.is_file():
            findings.append(Finding("CHECK-MISSING", "error", Position(display, 0, 0)))
            continue
        if path.suffix == ".docx":
            observed = read_docx(path, total, titles, output.get("agreement"))
        else:
            observed = read_pptx(path, total, titles)
        for obs in observed:
            expected = facts.get(obs.key)
            if expected is None:
                findings.append(Finding("CHECK-UNKNOWN", "error", Position(display, 0, 0), {"where": obs.where, "fact": obs.key}))
            elif clean(obs.value) != expected:
                kind = obs.key.split(":", 1)[0]
                what = labels(lang)["facts"].get(kind, kind)
                findings.append(Finding("CHECK-FACT", "error", Position(display, 0, 0),
                                        {"where": obs.where, "what": what, "fact": obs.key, "found": clean(obs.value), "expected": expected}))
    return findings
