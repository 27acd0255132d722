"""Validation in stages — files, schema, references, model, rules, languages — each run only when
the one before it found no errors.

Gating keeps one mistake from cascading: a misspelt key is reported once by the schema, not again as
a missing reference and a failed computation. The stages run forward only: load reads the files,
the model stage checks their structure and references and builds the typed case (in every language
its documents use), and the rules judge that model.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from generator.findings import Finding, has_errors
from generator.load.case_folder import RawCase, load_case_folder
from generator.model.build import build_model
from generator.model.deck_template import REASONS as DECK_REASONS
from generator.model.deck_template import check_deck_template, template_finding
from generator.model.documents import output_name_clashes
from generator.model.entities import Case
from generator.model.identity import municipality_name_clashes
from generator.model.references import check_references, referenced
from generator.model.schema import check_schema
from generator.model.versions import language_versions, localize_case, text_index
from generator.rules import run_rules
from generator.write.ooxml_parts import LANG_TAGS
from generator.write.pptx_skeleton import template_loads


def _schema_findings(raw: RawCase) -> list[Finding]:
    findings: list[Finding] = []
    for case in (raw, *referenced(raw)):
        assert case.case is not None and case.registry is not None
        findings += check_schema(case.case, "case")
        findings += check_schema(case.registry, "municipalities")
        for loaded in case.agreements:
            findings += check_schema(loaded, "agreement")
    return findings


def validate_case(
    folder: str | os.PathLike[str], drafts: Mapping[Path, bytes] | None = None
) -> tuple[Case | None, list[Finding]]:
    """Load and check a case folder; the model is returned only when there are no errors.

    ``drafts`` (resolved path → content) are checked in place of those files on disk.
    """
    case, findings = check_case(folder, drafts)
    return (None if has_errors(findings) else case), findings


def check_case(
    folder: str | os.PathLike[str], drafts: Mapping[Path, bytes] | None = None
) -> tuple[Case | None, list[Finding]]:
    """Like ``validate_case``, but the model is returned whenever it could be built, even when the
    rules (the last stage) found errors: an editor previews the documents while it shows them."""
    raw, findings = load_case_folder(folder, drafts=drafts)
    if has_errors(findings):
        return None, findings
    assert raw.case is not None and raw.registry is not None
    findings += _schema_findings(raw)
    if has_errors(findings):
        return None, findings
    # References, the model and the rules work on the data in the case's own language; the
    # documents in other languages are checked last, when the case itself is sound.
    texts = text_index(raw)
    own, _ = localize_case(raw, raw.case.data["language"], texts)
    findings += check_references(own) + check_deck_template(own)
    if has_errors(findings):
        return None, findings
    case, model_findings = build_model(own)
    findings += model_findings
    if case is None or has_errors(findings):
        return None, findings
    findings += output_name_clashes(case)
    if case.deck_template is not None and not template_loads(case.deck_template, LANG_TAGS["fi"]):
        findings.append(template_finding(own, *DECK_REASONS["not_pptx"]))
    # Every language version is built even where a text lacks a translation (it keeps its own
    # language's text), so the rules judge each version while the missing texts are reported too.
    case.versions, language_findings = language_versions(raw, case, texts)
    findings += language_findings + municipality_name_clashes(case) + run_rules(case)
    return case, findings
