"""An agreement in force, described: never regenerated, never a draft.

The councils receive the existing agreement as what it is — a title, its parties, when it was signed
and entered into force, and the terms the case relies on, each with its number in the original and
the source it was read from — with the signed original attached when the case has it. Nothing the
sources do not give is stated, so the summary carries no clause text of the tool's own.
"""

from __future__ import annotations

from generator.compose.markup import runs
from generator.compose.templating import kind_words
from generator.compose.tree import Cell, Chapter, Clause, Document, Paragraph, Run, Table
from generator.formats import fi_date
from generator.model.documents import original_path
from generator.model.entities import Agreement, Case


def original_name(agreement: Agreement) -> str | None:
    """The file name the signed original is written under beside the outputs (``model.documents``
    decides it, so validation can tell when it would clash with another output)."""
    return original_path(agreement)


def compose_in_force(case: Case, agreement: Agreement, amended_by: Agreement | None = None) -> Document:
    lang = case.language
    words = {**kind_words(agreement.kind.name, lang), "lang": lang}
    own = words["in_force"]
    described = agreement.in_force
    meta = [(words["parties_line"], ", ".join(m.official_name for m in agreement.parties))]
    meta.append((own["signed"], fi_date(agreement.signed) if agreement.signed else own["not_known"]))
    meta.append((own["entry"], own["entry_value"].format(entry=fi_date(agreement.entry_into_force))))
    if described is not None:
        meta.append((own["source"], described.source))
    lead = [Paragraph(runs(own["lead"]))]
    attached = original_name(agreement)
    if attached is not None:
        lead.append(Paragraph(runs(own["original_attached"].format(file=attached))))
    else:
        lead.append(Paragraph((Run(own["original_missing"], "placeholder"),)))
    if amended_by is not None:
        lead.append(Paragraph(runs(own["amended_by"].format(title=amended_by.title))))
    terms = described.terms if described is not None else ()
    if terms:
        rows = tuple(
            (
                Cell((Run(t.number or own["number_unknown"]),)),
                Cell((Run(f"{t.title}: {t.text}" if t.title else t.text),)),
                Cell((Run(t.source),)),
            )
            for t in terms
        )
        blocks: list[Paragraph | Table] = [
            Paragraph(runs(own["terms_intro"])),
            Table(f"relied:{agreement.id}", tuple(own["columns"]), rows, (1.6, 8.8, 5.6)),
        ]
    else:
        blocks = [Paragraph(runs(own["no_terms"]))]
    chapter = Chapter("ehdot", own["terms_chapter"], [Clause("ehdot", "", (), list(blocks))])
    return Document(
        kind=agreement.kind.name,
        id=agreement.id,
        title=own["title"].format(title=agreement.title),
        status=own["status"],
        version="",
        # The header's date is the summary's own, never the agreement's: "laadittu 15.10.2024".
        date=own["prepared"].format(date=fi_date(case.version.date)),
        lead_paragraphs=lead,
        chapters=[chapter],
        signatures_title="",
        signatories=[],
        labels=words,
        meta=meta,
        numbered=False,
    )
