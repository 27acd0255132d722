"""The lawyer's compliance matrix: a query over the composed agreements' clause ids and requirements.

For each agreement, every requirement its kind and its sector's act carry: the clause number and
title that meets it, or why it is not there — missing, or not applicable with the reason a
conditional clause gives. Requirements of other kinds and other sectors' acts are not rows at all: a
building-supervision agreement is not judged against the employment act. Nothing here is typed
twice: numbers come from the trees the agreements were written from, citations from the catalogue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.compose.markup import runs
from generator.compose.tree import Cell, Chapter, Clause, Document, Mark, Paragraph, Run, Table
from generator.formats import fi_date
from generator.language import cite, labels, no_break
from generator.law.requirements import REQUIREMENTS
from generator.model.entities import Agreement, Case
from generator.model.outline import requirement_specs

MET, MISSING, NOT_APPLICABLE, NEGOTIATED = "met", "missing", "not_applicable", "negotiated"
_SECTION_LETTER = re.compile(r"(\d) ([a-z]) §")

# Column widths in cm, 15,4 in all (the text width less the clause indent). Each is wide enough for
# the longest word its column holds (10 pt): a code "KL52-OTTO", a requirement's name, a clause title
# "1.3 Suhde yhteistoimintasopimukseen", a status and its reason. A narrower column makes Word and
# LibreOffice break a word mid-letters ("järjestämisva|stuu"); tests/test_compliance.py renders it.
_WIDTHS = (1.8, 2.1, 3.4, 4.5, 3.6)


@dataclass(frozen=True)
class MatrixRow:
    code: str
    citation: str
    name: str
    clauses: tuple[tuple[str, str], ...]
    status: str

    @property
    def where(self) -> str:
        """'2.3 Title; 2.4 Title' — each meeting clause with its number, as a lawyer cites them."""
        return "; ".join(f"{number} {title}" for number, title in self.clauses) or "–"

    reason: str | None


def matrix_rows(agreement: Agreement, tree: Document, lang: str) -> list[MatrixRow]:
    words = labels(lang)["compliance"]
    numbered = tree.numbered_clauses()
    rows = []
    specs = requirement_specs(agreement)
    for code, spec in specs:
        requirement = REQUIREMENTS[code]
        name = requirement.name(lang)
        clauses = [(number, clause) for number, clause in numbered if code in clause.requirements]
        meeting = tuple((number, clause.title) for number, clause in clauses)
        if meeting:
            status = NEGOTIATED if any(clause.negotiated for _, clause in clauses) else MET
            rows.append(MatrixRow(code, cite(requirement.citation, lang), name, meeting, status, None))
        else:
            reason = words["reasons"].get(spec.id, words["reasons"]["default"])
            rows.append(MatrixRow(code, cite(requirement.citation, lang), name, (), spec.absent, reason))
    return rows


def compose_compliance(case: Case, documents: list[tuple[Agreement, Document]]) -> Document:
    lang = case.language
    all_words = labels(lang)
    words = all_words["compliance"]
    chapters = []
    for agreement, tree in documents:
        table_rows = []
        for row in matrix_rows(agreement, tree, lang):
            status = words["status"][row.status] + (f": {row.reason}" if row.reason else "")
            mark: Mark = "plain" if row.status in (MET, NOT_APPLICABLE) else "placeholder"
            table_rows.append(
                (
                    Cell((Run(row.code),)),
                    # A column of citations only: it may wrap between their parts, never inside "4 a §".
                    Cell((Run(_SECTION_LETTER.sub("\\1\u00a0\\2\u00a0§", row.citation)),)),
                    Cell((Run(no_break(row.name)),)),
                    Cell((Run(row.where),)),
                    Cell((Run(no_break(status), mark),)),
                )
            )
        table = Table("compliance", tuple(words["columns"]), tuple(table_rows), _WIDTHS)
        clause = Clause("vaatimukset", words["clause_title"], (), [table])
        chapters.append(Chapter(agreement.id, agreement.title, [clause]))
    lead = [Paragraph(runs(words["lead"].format(case=case.title)))]
    return Document(
        kind="compliance_report",
        id=f"{case.id}-vaatimustenmukaisuus",
        title=words["title"],
        status=all_words["status"][case.version.status],
        version=case.version.number,
        date=fi_date(case.version.date),
        lead_paragraphs=lead,
        chapters=chapters,
        signatures_title="",
        signatories=[],
        labels=all_words,
        meta=[(all_words["version"], case.version.number), (all_words["date"], fi_date(case.version.date))],
    )
