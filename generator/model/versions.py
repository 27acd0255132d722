"""The case in every language its documents use, and the texts a document would show untranslated.

A Swedish document must not carry a Finnish sentence because an author forgot one translation, yet
most texts of a bilingual case are needed in one language only (a Finnish council's proposal). So
each document language's model is built from the data localised to it, and every text that has no
version in that language is reported at its YAML position if some document in that language shows
it, by the declaration of what each document shows (``model.documents``), without composing
anything. The language versions of one agreement must also carry the same clauses in the same order.
"""

from __future__ import annotations

from generator.findings import Finding, Position
from generator.load.case_folder import RawCase
from generator.load.yaml_loader import JsonPath
from generator.model.build import build_model
from generator.model.documents import DocumentSpec, Scope, document_languages, documents, shown
from generator.model.entities import Agreement, Case
from generator.model.languages import Untranslated, localize, text_paths
from generator.model.names import municipality_names
from generator.model.outline import clauses_of
from generator.model.references import referenced
from generator.model.schema import schemas

# What documents show of an employment area's registry entry (its neighbour note is for validation only).
AREA_TEXTS_SHOWN = ("name", "authority", "agreement")

_NAMES = {"fi": ("suomeksi", "in Finnish"), "sv": ("ruotsiksi", "in Swedish")}

TextIndex = dict[str, list[JsonPath]]


def _all_raw(raw: RawCase) -> list[RawCase]:
    return [raw, *referenced(raw)]


def text_index(raw: RawCase) -> TextIndex:
    """Every file's text paths (referenced cases' registries too), found once per validation."""
    ids = {name: schema["$id"] for name, schema in schemas().items()}
    index: TextIndex = {}
    for case in _all_raw(raw):
        assert case.case is not None and case.registry is not None
        index[case.case.display] = text_paths(case.case, ids["case"])
        index[case.registry.display] = text_paths(case.registry, ids["municipalities"])
        index.update((a.display, text_paths(a, ids["agreement"])) for a in case.agreements)
    return index


def localize_case(
    raw: RawCase, lang: str, texts: TextIndex | None = None, mark: bool = False
) -> tuple[RawCase, list[Untranslated]]:
    """The case's files (and referenced cases') with every text in ``lang``; the texts with no version
    in it (with ``mark``, each prefixed with its number in that list; see ``languages.MARKED``)."""
    texts = texts if texts is not None else text_index(raw)
    missing: list[Untranslated] = []

    def one(case: RawCase) -> RawCase:
        assert case.case is not None and case.registry is not None
        base = case.case.data["language"]
        return RawCase(
            case.folder,
            localize(case.case, texts[case.case.display], lang, base, missing, mark),
            localize(case.registry, texts[case.registry.display], lang, base, missing, mark, municipality_names(base)),
            [localize(a, texts[a.display], lang, base, missing, mark) for a in case.agreements],
            [one(other) for other in case.references],
        )

    return one(raw), missing


def _model(localized: RawCase, lang: str) -> Case:
    case, findings = build_model(localized, lang)
    assert case is not None, findings  # the same data already built once in the case's own language
    return case


def in_scope(gap: Untranslated, scope: Scope, registries: set[str]) -> bool:
    """Whether a document of ``scope`` shows the text ``gap`` lacks."""
    display = gap.file.display
    if display in registries and gap.path and gap.path[0] in ("municipalities", "employment_areas"):
        entry = gap.file.data[gap.path[0]][gap.path[1]]
        if gap.path[0] == "municipalities":
            # The Finnish genitive inflects Finnish names only; Swedish forms its genitive by rule.
            return entry["id"] in scope.municipalities and not (gap.path[2] == "genitive" and gap.lang != "fi")
        return entry["id"] in scope.areas and gap.path[2] in AREA_TEXTS_SHOWN
    return display in scope.files or any(
        display == file and gap.path[: len(path)] == path for file, path in scope.fields
    )


def untranslated(case: Case, gaps: list[Untranslated], docs: list[DocumentSpec], registries: set[str]) -> list[Finding]:
    """One LANG-TEXT finding per text a document in the text's language would show without it."""
    findings: dict[tuple[str, str, JsonPath], Finding] = {}
    scopes = {doc.path: shown(case, doc) for doc in docs}
    for gap in gaps:
        key = (gap.file.display, gap.lang, gap.path)
        if key in findings:
            continue
        doc = next((d for d in docs if d.lang == gap.lang and in_scope(gap, scopes[d.path], registries)), None)
        if doc is not None:
            fi, en = _NAMES[gap.lang]
            findings[key] = Finding(
                "LANG-TEXT", "error", gap.file.position(gap.path), {"document": doc.path, "lang_fi": fi, "lang_en": en}
            )
    return list(findings.values())


def clause_parity(versions: dict[str, Case], agreement: Agreement) -> list[Finding]:
    """The language versions of one agreement have the same clause ids in the same order."""
    official_lang, *others = agreement.languages
    ids = [spec.id for spec in clauses_of(versions[official_lang].agreement(agreement.id))]
    findings = []
    for lang in others:
        other_ids = [spec.id for spec in clauses_of(versions[lang].agreement(agreement.id))]
        if other_ids != ids:
            differ = next(
                (a, b) for a, b in zip(ids + [""] * len(other_ids), other_ids + [""] * len(ids), strict=True) if a != b
            )
            findings.append(
                Finding(
                    "LANG-CLAUSES",
                    "error",
                    Position(f"{agreement.output_stem}.{lang}.docx", 0, 0),
                    {
                        "official": f"{agreement.output_stem}.docx",
                        "expected": differ[0] or "–",
                        "found": differ[1] or "–",
                    },
                )
            )
    return findings


def language_versions(raw: RawCase, case: Case, texts: TextIndex) -> tuple[dict[str, Case], list[Finding]]:
    """The case in each document language, or the findings that stop it."""
    docs = documents(case)
    registries = {c.registry.display for c in _all_raw(raw) if c.registry is not None}
    versions: dict[str, Case] = {}
    findings: list[Finding] = []
    for lang in document_languages(case):
        localized, gaps = localize_case(raw, lang, texts)
        versions[lang] = case if lang == case.language else _model(localized, lang)
        findings += untranslated(case, gaps, docs, registries)
    for version in versions.values():
        version.versions = versions
    for agreement in case.agreements:
        if len(agreement.languages) > 1:
            findings += clause_parity(versions, agreement)
    return versions, findings
