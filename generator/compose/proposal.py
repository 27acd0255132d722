"""The draft agenda item (päätösehdotus) for one council, as Finnish councils write them.

Same tree as the agreements, unnumbered: title with the § placeholder, case number, earlier handling,
preparer, reasoning, this municipality's seats and shares (the very tables of the agreements),
key terms, schedule, what follows if not approved, attachments, proposal and appeal instructions.
"""

from __future__ import annotations

from typing import Any

from generator.compose.agreement import seats_table, sector_words, shares_table, template_context
from generator.compose.in_force import original_name
from generator.compose.markup import parse_blocks
from generator.compose.templating import render, template_names
from generator.compose.tree import Cell, Chapter, Clause, Document, Run, Table
from generator.formats import fi_date
from generator.language import labels, months
from generator.model.council import council_view
from generator.model.documents import agreement_path
from generator.model.entities import Agreement, Case

SECTIONS = ("perustelut", "kunnan_osuus", "ehdot", "aikataulu", "jos_ei", "liitteet", "ehdotus", "muutoksenhaku")
# Sections whose blocks stay on one page: the decision is read out as one piece.
KEEP_TOGETHER = {"ehdotus"}


def entry_dates(agreements: tuple[Agreement, ...]) -> str:
    """When the decision takes effect: the entry into force of the agreements it approves."""
    return " / ".join(fi_date(d) for d in sorted({a.entry_into_force for a in agreements}))


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
    view = council_view(case, case.municipalities[municipality_id])
    board = next((s for s in case.schedule if s.step == "board"), None)
    summaries = {
        a.id: render(lang, template_names(a, "summary.j2", shared="proposal"), template_context(case, a)).strip()
        for a in view.agreements
    }
    acts = list(dict.fromkeys(w for a in view.to_approve if (w := sector_words(a, lang)["rests_on"])))
    context = {
        "summaries": summaries,
        "acts": acts,
        "employment": any(a.sector.id == "employment_services" for a in view.agreements),
        "case": case,
        "view": view,
        "labels": words,
        "legal": legal,
        "entry": entry_dates(view.to_approve),
    }
    by_id = {a.id: case.current(a) for a in view.agreements}
    # Agreements the council's decision rests on without being its party (a 54 § agreement the joint
    # body's staff work under), and the employment area's own agreement: oheismateriaali.
    deciding = {a.id for a in view.agreements}
    own = {a.id for a in case.agreements}
    related = list(
        {
            d.agreement.id: d.agreement
            for a in view.to_approve
            for d in a.depends_on
            if d.agreement is not None and d.agreement.id not in deciding and d.agreement.id in own
        }.values()
    )
    areas = list(
        {
            a.employment_area.id: a.employment_area
            for a in (*view.agreements, *related)
            if a.employment_area is not None
            and a.employment_area.agreement_title
            and a.employment_area.agreement_id not in deciding
        }.values()
    )
    context["related"] = related
    context["areas"] = areas
    context["area"] = next(
        (a.employment_area for a in view.agreements if a.employment_area is not None and not a.existing), None
    )
    context["paths"] = {a.id: {lang: agreement_path(a, lang) for lang in a.languages} for a in case.agreements}
    context["originals"] = {a.id: original_name(a) for a in case.agreements}

    def tables(name: str) -> Table:
        kind, _, agreement_id = name.partition(":")
        if kind == "terms":
            return terms_table(view.to_approve, words, lang)
        table = {"seats": seats_table, "shares": shares_table}[kind]
        return table(by_id[agreement_id], words)

    chapters = []
    for section in SECTIONS:
        text = render(lang, f"proposal/{section}.j2", context)
        title, _, body = text.strip().partition("\n")
        clause = Clause(section, "", (), parse_blocks(body, tables), keep_together=section in KEEP_TOGETHER)
        chapters.append(Chapter(section, title.strip(), [clause]))
    municipality = view.municipality
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
