"""Validation in stages — files, schema, references, model, rules — each run only when the one
before it found no errors.

Gating keeps one mistake from cascading: a misspelt key is reported once by the schema, not again as
a missing reference and a failed computation.
"""

from __future__ import annotations

import os

from generator.check.deck_template import check_deck_template
from generator.check.references import check_references
from generator.check.rules import run_rules
from generator.check.schema_check import check_schema
from generator.check.translations import language_versions, localize_case, text_index
from generator.findings import Finding, has_errors
from generator.load.case_folder import load_case_folder
from generator.model.build import build_model
from generator.model.entities import Case


def validate_case(folder: str | os.PathLike[str]) -> tuple[Case | None, list[Finding]]:
    """Load and check a case folder; the model is returned only when there are no errors."""
    raw, findings = load_case_folder(folder)
    if has_errors(findings):
        return None, findings
    assert raw.case is not None and raw.registry is not None
    findings += check_schema(raw.case, "case")
    findings += check_schema(raw.registry, "municipalities")
    for loaded in raw.agreements:
        findings += check_schema(loaded, "agreement")
    if has_errors(findings):
        return None, findings
    # References, the model and the rules work on the data in the case's own language; the
    # documents in other languages are checked last, when the case itself is sound.
    texts = text_index(raw)
    own, _ = localize_case(raw, raw.case.data["language"], texts=texts)
    findings += check_references(own) + check_deck_template(own)
    if has_errors(findings):
        return None, findings
    case, model_findings = build_model(own)
    findings += model_findings
    if case is None or has_errors(findings):
        return None, findings
    findings += run_rules(case)
    if has_errors(findings):
        return None, findings
    case.versions, language_findings = language_versions(raw, case, texts)
    findings += language_findings
    return (None if has_errors(findings) else case), findings
