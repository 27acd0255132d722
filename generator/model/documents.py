"""Which documents a case yields, in which language, and which of the case's texts each one shows.

The inventory is known from the model alone, before anything is composed: every agreement in each of
its languages (the first is the official version and keeps the plain file name; a translation adds
its language, ``te24.sv.docx``), the compliance matrix in the case's own language, and each council's
deck and proposal in its own language. Validation uses it to find the texts a document would show
untranslated; the composer uses it to name and plan the files, so both agree by construction.

What a document shows is declared here, by file and field, not found by composing it: an agreement
shows its own file, its parties' registry entries, the agreement it supplements and its employment
area; council material shows the case file and everything of the agreements the council is a party
to. ``tests/test_languages.py`` composes every document with its untranslated texts marked and
proves that nothing outside these declarations reaches a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.findings import Finding, Position
from generator.language import labels
from generator.model.entities import Agreement, Case, Municipality

# "docx" | "pptx" | "md"; every document is also written as "html" on demand (the editor's preview).
Format = str


@dataclass(frozen=True)
class DocumentSpec:
    """One output file: its name, what it is, its language and whose it is."""

    path: str
    kind: str  # agreement | compliance_report | deck | council_proposal
    lang: str
    format: Format
    agreement_id: str | None = None
    municipality_id: str | None = None


def council_languages(municipality: Municipality) -> tuple[str, ...]:
    """The languages a council receives its material in: its municipality's majority language."""
    return municipality.languages


def document_languages(case: Case) -> list[str]:
    """Every language some document of the case is written in, the case's own first."""
    langs = {case.base_language}
    langs.update(lang for a in case.agreements for lang in a.languages)
    langs.update(lang for m in case.councils for lang in council_languages(m))
    return [case.base_language] + sorted(langs - {case.base_language})


def agreement_path(agreement: Agreement, lang: str) -> str:
    """'te24.docx' for the official version, 'te24.sv.docx' for a translation; an agreement in force
    is written as a summary, 'yhteistoimintasopimus-tiivistelma.docx'."""
    stem = agreement.output_stem
    if agreement.existing:
        stem += "-" + labels(agreement.languages[0])["in_force"]["file_suffix"]
    stem = stem if lang == agreement.languages[0] else f"{stem}.{lang}"
    return f"{stem}.docx"


def compliance_stem(case: Case) -> str:
    return f"{case.id}-{labels(case.base_language)['compliance']['file_stem']}"


def documents(case: Case) -> list[DocumentSpec]:
    """Every output of the case, in the order the build writes them."""
    out = [
        DocumentSpec(agreement_path(a, lang), "agreement", lang, "docx", agreement_id=a.id)
        for a in case.agreements
        for lang in a.languages
    ]
    stem = compliance_stem(case)
    out += [DocumentSpec(f"{stem}.{fmt}", "compliance_report", case.base_language, fmt) for fmt in ("docx", "md")]
    for m in case.councils:
        for lang in council_languages(m):
            words = labels(lang)
            out.append(
                DocumentSpec(f"{m.id}-{words['deck']['file_stem']}.pptx", "deck", lang, "pptx", municipality_id=m.id)
            )
            out.append(
                DocumentSpec(
                    f"{m.id}-{words['proposal']['file_stem']}.docx",
                    "council_proposal",
                    lang,
                    "docx",
                    municipality_id=m.id,
                )
            )
    return out


def original_path(agreement: Agreement) -> str | None:
    """The file name the signed original of an agreement in force is copied under beside the outputs."""
    if agreement.in_force is None or agreement.in_force.original is None:
        return None
    return f"{agreement.id}-{agreement.in_force.original.name}"


def _names(doc: DocumentSpec) -> set[str]:
    """The file names ``doc`` occupies: its own and, for a .docx or .pptx, its PDF ('x.docx' and
    'x.pptx' would both give 'x.pdf'), compared as Windows and macOS compare names, regardless of case."""
    names = {doc.path.lower()}
    if doc.format in ("docx", "pptx"):
        names.add(doc.path.rsplit(".", 1)[0].lower() + ".pdf")
    return names


def _named_by(case: Case, doc: DocumentSpec) -> Position:
    """Where the case names ``doc``'s file: the agreement's id, the council in case.yaml, the case id."""
    if doc.agreement_id is not None:
        return case.agreement(doc.agreement_id).source.position(("id",))
    case_file = case.inputs[0]
    if doc.municipality_id is not None:
        councils = [m.id for m in case.councils]
        return case_file.position(("councils", councils.index(doc.municipality_id)))
    return case_file.position(("id",))


def output_name_clashes(case: Case) -> list[Finding]:
    """Two outputs that would be written to the same file (or whose PDFs would): an agreement with the
    id ``mallila-paatosehdotus`` beside Mallila's decision proposal, say. Reported before anything is
    written, at the id that names the later one, which is usually the one the user just chose."""
    findings = []
    taken: dict[str, DocumentSpec] = {}
    # Agreements are named last: their ids are free text, the other names follow from the case.
    for doc in sorted(documents(case), key=lambda d: d.kind == "agreement"):
        names = _names(doc)
        other = next((taken[name] for name in sorted(names) if name in taken), None)
        taken.update((name, doc) for name in names)
        if other is not None:
            findings.append(
                Finding("OUTPUT-NAME-CLASH", "error", _named_by(case, doc), {"file": doc.path, "other": other.path})
            )
    for a in case.agreements:
        name = original_path(a)
        if name is not None and name.lower() in taken:
            findings.append(
                Finding(
                    "OUTPUT-NAME-CLASH",
                    "error",
                    a.source.position(("in_force", "original")),
                    {"file": name, "other": taken[name.lower()].path},
                )
            )
    return findings


def council_agreements(case: Case) -> tuple[Agreement, ...]:
    """Agreements every council of the case is party to: the ones all decks and proposals present."""
    ids = {m.id for m in case.councils}
    return tuple(a for a in case.agreements if ids <= {p.id for p in a.parties})


def shown_agreements(case: Case, doc: DocumentSpec) -> list[Agreement]:
    """The agreements whose texts ``doc`` shows."""
    if doc.agreement_id is not None:
        agreement = case.agreement(doc.agreement_id)
        return [agreement] + ([agreement.base] if agreement.base is not None else [])
    if doc.municipality_id is not None:
        ids = {a.id for a in case.agreements if a.has_party(doc.municipality_id)}
        ids |= {a.id for a in council_agreements(case)}
        ids |= {a.base.id for a in case.agreements if a.id in ids and a.base is not None}
        return [a for a in case.agreements if a.id in ids]
    return list(case.agreements)


@dataclass(frozen=True)
class Scope:
    """The case texts a document shows: whole files by display path, single fields of other files
    (the title of an area's agreement), and registry entries by id."""

    files: frozenset[str]
    municipalities: frozenset[str]
    areas: frozenset[str]
    fields: frozenset[tuple[str, tuple[str, ...]]] = frozenset()


def shown(case: Case, doc: DocumentSpec) -> Scope:
    """The declaration of what ``doc`` shows (see the module docstring)."""
    agreements = shown_agreements(case, doc)
    files = {a.source.display for a in agreements}
    if doc.kind != "agreement":
        assert case.inputs
        files.add(case.inputs[0].display)  # case.yaml: titles, schedule, the court
    municipalities = {m.id for a in agreements for m in a.parties}
    if doc.municipality_id is not None:
        municipalities.add(doc.municipality_id)
    areas = {a.employment_area.id for a in agreements if a.employment_area is not None}
    fields = set()
    for a in agreements:
        area = a.employment_area
        if area is not None:
            municipalities.add(area.lead.id)  # the area clause names its organiser (its members by name only)
            if area.agreement_file is not None:
                fields.add((area.agreement_file, ("title",)))
    return Scope(frozenset(files), frozenset(municipalities), frozenset(areas), frozenset(fields))
