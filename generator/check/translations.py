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
from generator.compose.plan import Planned, document_languages, plan_agreements, plan_outputs
from generator.findings import Finding, Position
from generator.load.case_folder import RawCase
from generator.load.languages import MARKED, Untranslated, localize, strings, text_paths
from generator.model.build import build_model
from generator.model.entities import Case
from generator.model.names import municipality_names

_NAMES = {"fi": ("suomeksi", "in Finnish"), "sv": ("ruotsiksi", "in Swedish")}


TextIndex = dict[str, list[tuple]]


def text_index(raw: RawCase) -> TextIndex:
    """Every file's text paths, found once per validation and shared by every language pass."""
    assert raw.case is not None and raw.registry is not None
    ids = {name: schema["$id"] for name, schema in schemas().items()}
    index = {
        raw.case.display: text_paths(raw.case, ids["case"]),
        raw.registry.display: text_paths(raw.registry, ids["municipalities"]),
    }
    index.update((a.display, text_paths(a, ids["agreement"])) for a in raw.agreements)
    return index


def localize_case(
    raw: RawCase, lang: str, mark: bool = False, texts: TextIndex | None = None
) -> tuple[RawCase, list[Untranslated]]:
    """The case's files with every text in ``lang``; the texts that have no version in it."""
    assert raw.case is not None and raw.registry is not None
    texts = texts if texts is not None else text_index(raw)
    base = raw.case.data["language"]
    missing: list[Untranslated] = []
    case = localize(raw.case, texts[raw.case.display], lang, base, missing, mark)
    registry = localize(raw.registry, texts[raw.registry.display], lang, base, missing, mark, municipality_names(base))
    agreements = [localize(a, texts[a.display], lang, base, missing, mark) for a in raw.agreements]
    return RawCase(raw.folder, case, registry, agreements), missing


def _model(localized: RawCase, lang: str) -> Case:
    case, findings = build_model(localized, lang)
    assert case is not None, findings  # the same data already built once in the case's own language
    return case


def _untranslated(planned: list[Planned], missing: dict[str, list[Untranslated]]) -> list[Finding]:
    findings: dict[tuple[str, str, tuple], Finding] = {}
    for output in planned:
        for text in strings(output.tree):
            for match in MARKED.finditer(text):
                gap = missing[output.lang][int(match.group(1))]
                key = (gap.file.display, gap.lang, gap.path)
                if key not in findings:
                    fi, en = _NAMES[gap.lang]
                    findings[key] = Finding(
                        "LANG-TEXT",
                        "error",
                        gap.file.position(gap.path),
                        {"document": output.path, "lang_fi": fi, "lang_en": en},
                    )
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
                differ = next(
                    (a, b) for a, b in zip(ids + [""] * len(other_ids), other_ids + [""] * len(ids)) if a != b
                )
                findings.append(
                    Finding(
                        "LANG-CLAUSES",
                        "error",
                        Position(other.path, 0, 0),
                        {"official": official.path, "expected": differ[0] or "–", "found": differ[1] or "–"},
                    )
                )
    return findings


def language_versions(raw: RawCase, case: Case, texts: TextIndex) -> tuple[dict[str, Case], list[Finding]]:
    """The case in each document language, or the findings that stop it."""
    langs = document_languages(case)
    marked = {lang: localize_case(raw, lang, True, texts) for lang in langs}
    gaps = {lang: missing for lang, (_, missing) in marked.items()}
    findings = []
    if any(gaps.values()):
        # Some text lacks a language: compose the plan with those texts marked and see which show.
        models = {lang: _model(localized, lang) for lang, (localized, _) in marked.items()}
        for model in models.values():
            model.versions = models
        findings += _untranslated(plan_outputs(models[case.language], {lang for lang, g in gaps.items() if g}), gaps)
    versions = {
        lang: case
        if lang == case.language
        else _model(localized if not gaps[lang] else localize_case(raw, lang, False, texts)[0], lang)
        for lang, (localized, _) in marked.items()
    }
    for version in versions.values():
        version.versions = versions
    if any(len(a.languages) > 1 for a in case.agreements):
        findings += _clause_parity(plan_agreements(case, lambda agreement, _: len(agreement.languages) > 1))
    return versions, findings
