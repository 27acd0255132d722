"""The draft agenda item (päätösehdotus) for one council, as Finnish councils write them.

The sections follow the case-management systems councils use (Dynasty and the like): the header
(Dnro, Toimielin, earlier handling, Valmistelija), Selostus, the municipality's money and seats,
key terms, entry into force with every party's approval, what follows if not approved, attachments
and supporting material, the board's proposal (Kunnanhallituksen ehdotus) in separate numbered
items, Päätös, Tiedoksi ja toimenpiteet, and the appeal instructions. Everything a council sees
is computed once in ``council_context`` for the deck and the proposal alike.
"""

from __future__ import annotations

from typing import Any

from generator.compose.agreement import seats_table, shares_table
from generator.compose.council import council_context
from generator.compose.council_money import money_table
from generator.compose.markup import parse_blocks
from generator.compose.templating import render
from generator.compose.tree import Cell, Chapter, Clause, Document, Run, Table
from generator.formats import fi_date
from generator.language import labels, months
from generator.model.entities import Agreement, Case

SECTIONS = (
    "selostus",
    "talous",
    "ehdot",
    "voimaantulo",
    "jos_ei",
    "liitteet",
    "ehdotus",
    "paatos",
    "tiedoksi",
    "muutoksenhaku",
)
# Sections whose blocks stay on one page: the decision is read out as one piece.
KEEP_TOGETHER = {"ehdotus"}


def terms_table(agreements: tuple[Agreement, ...], words: dict[str, Any], lang: str) -> Table:
    p = words["proposal"]
    rows = []
    for a in agreements:
        term = (
            p["indefinite"]
            if a.term is None or a.term.indefinite
            else p["until"].format(date=fi_date(a.term.end) if a.term.end else "–")
        )
        notice = months(a.termination.notice_months, lang) if a.termination else p["none"]
        illustrative = bool(a.termination and a.termination.illustrative)
        rows.append(
            (
                Cell((Run(a.title),)),
                Cell((Run(fi_date(a.entry_into_force)),)),
                Cell((Run(term),)),
                Cell((Run(notice + ("*" if illustrative else ""), "illustrative" if illustrative else "plain"),)),
            )
        )
    return Table("terms", tuple(p["terms_columns"]), tuple(rows), (7.0, 2.8, 2.8, 3.0))


def compose_proposal(case: Case, municipality_id: str, legal: dict[str, str]) -> Document:
    lang = case.language
    words = labels(lang)
    p = words["proposal"]
    context = council_context(case, municipality_id, legal)
    view = context["view"]
    by_id = {a.id: case.current(a) for a in view.agreements}

    def tables(name: str) -> Table:
        kind, _, agreement_id = name.partition(":")
        if kind == "terms":
            return terms_table(view.to_approve, words, lang)
        if kind == "money":
            return money_table(case, context["money"], lang)
        table = {"seats": seats_table, "shares": shares_table}[kind]
        return table(by_id[agreement_id], words)

    chapters = []
    for section in SECTIONS:
        text = render(lang, f"proposal/{section}.j2", context)
        title, _, body = text.strip().partition("\n")
        clause = Clause(section, "", (), parse_blocks(body, tables), keep_together=section in KEEP_TOGETHER)
        chapters.append(Chapter(section, title.strip(), [clause]))
    municipality = view.municipality
    board = context["board_step"]
    meta = [(p["case_number"], p["case_number_value"]), (p["council"], municipality.council)]
    if board is not None:
        meta.append((p["earlier"], p["earlier_value"].format(board=municipality.board or "", date=fi_date(board.date))))
    if municipality.preparer:
        meta.append((p["preparer"], municipality.preparer))
    meta.append((words["version"], f"{case.version.number} ({fi_date(case.version.date)})"))
    return Document(
        kind="council_proposal",
        id=f"{municipality_id}-{p['file_stem']}",
        title=p["title"].format(title=case.proposal_title or case.title),
        status=words["status"][case.version.status],
        version=case.version.number,
        date=fi_date(case.version.date),
        lead_paragraphs=[],
        chapters=chapters,
        signatures_title="",
        signatories=[],
        labels=words,
        meta=meta,
        numbered=False,
    )
