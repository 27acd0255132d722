"""The case in every language its documents use, and the texts a document would show untranslated.

A Swedish document must not carry a Finnish sentence because an author forgot one translation, yet
most texts of a bilingual case are needed in one language only (a Finnish council's proposal). So
the case is localised to each document language with every untranslated text marked, the whole
plan is composed, and each mark that reaches a document in that language becomes one finding at
the text's YAML position. The same plan shows whether the language versions of an agreement carry
the same clauses in the same order.
"""

from __future__ import annotations

from generator.check.schema_check import schemas
from generator.compose.plan import Planned, document_languages, plan_outputs
from generator.findings import Finding, Position
from generator.load.case_folder import RawCase
from generator.load.languages import MARKED, Untranslated, localize, strings
from generator.model.build import build_model
from generator.model.entities import Case
from generator.model.names import municipality_names

_NAMES = {"fi": ("suomeksi", "in Finnish"), "sv": ("ruotsiksi", "in Swedish")}


def localize_case(raw: RawCase, lang: str, mark: bool = False) -> tuple[RawCase, list[Untranslated]]:
    """The case's files with every text in ``lang``; the texts that have no version in it."""
    assert raw.case is not None and raw.registry is not None
    ids = {name: schema["$id"] for name, schema in schemas().items()}
    base = raw.case.data["language"]
    missing: list[Untranslated] = []
    case = localize(raw.case, ids["case"], lang, base, missing, mark)
    registry = localize(raw.registry, ids["municipalities"], lang, base, missing, mark,
                        municipality_names(base))
    agreements = [localize(a, ids["agreement"], lang, base, missing, mark) for a in raw.agreements]
    return RawCase(raw.folder, case, registry, agreements), missing


def _version(raw: RawCase, lang: str, mark: bool) -> tuple[Case, list[Untranslated]]:
    localized, missing = localize_case(raw, lang, mark)
    case, findings = build_model(localized, lang)
    assert case is not None, findings  # the same data already built once in the case's own language
    return case, missing


def _untranslated(planned: list[Planned], missing: dict[str, list[Untranslated]]) -> list[Finding]:
    findings: dict[tuple[str, str, tuple], Finding] = {}
    for output in planned:
        for text in strings(output.tree):
            for match in MARKED.finditer(text):
                gap = missing[output.lang][int(match.group(1))]
                key = (gap.file.display, gap.lang, gap.path)
                if key not in findings:
                    fi, en = _NAMES[gap.lang]
                    findings[key] = Finding("LANG-TEXT", "error", gap.file.position(gap.path),
                                            {"document": output.path, "lang_fi": fi, "lang_en": en})
    return list(findings.values())


def _clause_parity(planned: list[Planned]) -> list[Finding]:
    """The language versions of one agreement have the same clause ids in the same order."""
    findings = []
    by_agreement: dict[str, list[Planned]] = {}
    for output in planned:
        if output.kind == "agreement":
            by_agreement.setdefault(output.extra["agreement"], []).append(output)
    for versions in by_agreement.values():
        official, *others = versions
        ids = [c.id for c in official.tree.clauses()]
        for other in others:
            other_ids = [c.id for c in other.tree.clauses()]
            if other_ids != ids:
                differ = next((a, b) for a, b in zip(ids + [""] * len(other_ids), other_ids + [""] * len(ids)) if a != b)
                findings.append(Finding("LANG-CLAUSES", "error", Position(other.path, 0, 0),
                                        {"official": official.path, "expected": differ[0] or "–", "found": differ[1] or "–"}))
    return findings


def language_versions(raw: RawCase, case: Case) -> tuple[dict[str, Case], list[Finding]]:
    """The case in each document language, or the findings that stop it."""
    langs = document_languages(case)
    marked: dict[str, Case] = {}
    missing: dict[str, list[Untranslated]] = {}
    for lang in langs:
        marked[lang], missing[lang] = _version(raw, lang, mark=True)
    case.versions = marked
    planned = plan_outputs(case)
    findings = _untranslated(planned, missing) + _clause_parity(planned)
    versions = {lang: case if lang == case.language else _version(raw, lang, mark=False)[0] for lang in langs}
    for version in versions.values():
        version.versions = versions
    return versions, findings
