"""One agreement of the model → a document tree, clause by clause from the kind's outline.

Tables are composed here from computed facts (never typed in templates), so a seat or a share is
formatted in exactly one place. Templates are looked up by kind and sector (``templating``), so a
clause reads the same for every kind unless a kind or a sector words it its own way.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from generator.compose.markup import parse_blocks, runs
from generator.compose.templating import kind_words, render, render_clause, template_names
from generator.compose.tree import Block, BulletList, Cell, Chapter, Clause, Document, Paragraph, Run, Signatory, Table
from generator.formats import fi_date, fi_euro, fi_number, fi_percent
from generator.language import cite, join_words, labels
from generator.law.requirements import REQUIREMENTS
from generator.model.entities import Agreement, Case, Municipality
from generator.model.outline import chapters_of, requirements_of


def _cell(text: str, numeric: bool = False, illustrative: bool = False) -> Cell:
    return Cell((Run(text + ("*" if illustrative else ""), "illustrative" if illustrative else "plain"),), numeric)


def sector_words(agreement: Agreement, lang: str) -> dict[str, str]:
    """The agreement's sector in words: the pack's for a bundled sector, the case's own otherwise."""
    sector = agreement.sector
    words = labels(lang)["sectors"]
    if sector.id in words:
        return dict(words[sector.id])
    basis = sector.statutory_basis or ""
    return {"name": sector.name or "", "act": basis, "basis_54": basis, "rests_on": basis, "principal_role": ""}


def role_words(agreement: Agreement, m: Municipality, words: dict[str, Any]) -> str:
    """A party's role in words: the kind's role, with what the agreement (or its sector) says of it."""
    key = agreement.role_of(m)
    role = str(words["roles"][key])
    note = getattr(getattr(agreement.details, key, None), "role", None) if key == "principal" else None
    note = note or (sector_words(agreement, words["lang"])["principal_role"] if key == "principal" else "")
    return f"{role}, {note}" if note else role


class _Tables:
    """The named tables a clause template can place with ``@table NAME``."""

    def __init__(self, agreement: Agreement, words: dict[str, Any]) -> None:
        self.a = agreement
        self.words = words
        self.t = words["tables"]

    def __call__(self, name: str) -> Table:
        table: Table = getattr(self, name)()
        return table

    def parties(self) -> Table:
        rows = []
        for m in self.a.parties:
            bid = _cell(m.business_id) if m.business_id else Cell((Run(self.words["to_be_checked"], "placeholder"),))
            rows.append((_cell(m.official_name), bid, _cell(role_words(self.a, m, self.words))))
        return Table(
            f"parties:{self.a.id}",
            (self.t["party"], self.t["business_id"], self.t["role"]),
            tuple(rows),
            (6.5, 3.5, 6.0),
        )

    def seats(self) -> Table:
        comp = self.a.composition
        assert comp is not None
        counted = comp.rule == "per_started_inhabitants"
        rows = []
        for s in comp.seats:
            row = [_cell(s.municipality.name)]
            if counted:
                row.append(
                    _cell(fi_number(s.population.value), True, s.population.illustrative)
                    if s.population
                    else _cell("–", True)
                )
            row += [_cell(str(s.seats), True), _cell(str(s.deputies), True)]
            rows.append(tuple(row))
        total = [_cell(self.t["total"])]
        if counted:
            pop = sum(s.population.value for s in comp.seats if s.population)
            illustrative = any(s.population.illustrative for s in comp.seats if s.population)
            total.append(_cell(fi_number(pop), True, illustrative))
        total += [_cell(str(comp.total), True), _cell(str(comp.deputies_total), True)]
        rows.append(tuple(total))
        header = [self.t["municipality"]]
        if counted:
            header.append(f"{self.t['population']} {comp.population_year}")
        header += [self.t["seats"], self.t["deputies"]]
        widths = (6.0, 4.0, 3.0, 3.0) if counted else (8.0, 4.0, 4.0)
        return Table(f"seats:{self.a.id}", tuple(header), tuple(rows), widths, total=True)

    def shares(self) -> Table:
        cost = self.a.cost
        assert cost is not None
        figure_label = self.words["basis_figure"][cost.basis]
        if cost.year and cost.basis != "fixed":
            figure_label += f" {cost.year}"
        header = [self.t["municipality"], figure_label, self.t["share"]]
        budget = cost.budget
        if budget is not None:
            header.append(f"{self.t['euros']} ({budget.year})")
        rows = []
        # A party that pays nothing, for a reason the agreement states below the table, is no cost line.
        for s in (s for s in cost.shares if s.hundredths or not s.no_share_reason):
            figure = (
                fi_number(s.figure, 0 if s.figure == s.figure.to_integral() else 2) if s.figure is not None else "–"
            )
            if cost.basis == "fixed":
                figure += "\u00a0%"
            row = [
                _cell(s.municipality.name),
                _cell(figure, True, s.figure_illustrative),
                _cell(fi_percent(s.hundredths), True),
            ]
            if budget is not None:
                row.append(_cell(fi_euro(s.euros or 0), True, budget.illustrative))
            rows.append(tuple(row))
        total_figure = sum((s.figure for s in cost.shares if s.figure is not None), Decimal(0))
        # A sum of illustrative figures is illustrative too; fixed shares add up to 100 % by definition.
        total_illustrative = cost.basis != "fixed" and any(s.figure_illustrative for s in cost.shares)
        total = [
            _cell(self.t["total"]),
            _cell(
                fi_number(total_figure, 0 if total_figure == total_figure.to_integral() else 2)
                + ("\u00a0%" if cost.basis == "fixed" else ""),
                True,
                total_illustrative,
            ),
            _cell(fi_percent(sum(s.hundredths for s in cost.shares)), True),
        ]
        if budget is not None:
            total.append(_cell(fi_euro(budget.amount), True, budget.illustrative))
        rows.append(tuple(total))
        widths = (5.0, 3.5, 3.5, 4.0) if budget is not None else (7.0, 4.5, 4.5)
        return Table(f"shares:{self.a.id}", tuple(header), tuple(rows), widths, total=True)

    def posts(self) -> Table:
        posts = getattr(self.a.details, "posts", ())
        rows = [(_cell(p.title), _cell(str(p.count), True, p.illustrative)) for p in posts]
        rows.append(
            (
                _cell(self.t["total"]),
                _cell(str(sum(p.count for p in posts)), True, any(p.illustrative for p in posts)),
            )
        )
        return Table(f"posts:{self.a.id}", (self.t["post"], self.t["count"]), tuple(rows), (11.0, 5.0), total=True)


def shares_table(agreement: Agreement, words: dict[str, Any]) -> Table:
    """The cost-share table of ``agreement`` (used by the agreement, the deck and the proposals)."""
    return _Tables(agreement, words).shares()


def seats_table(agreement: Agreement, words: dict[str, Any]) -> Table:
    return _Tables(agreement, words).seats()


def _no_tables(name: str) -> Table:
    raise ValueError(f"a negotiated wording cannot place a table ({name})")


def own_area(agreement: Agreement) -> bool:
    """Whether the agreement sets up its employment area's own joint body (the area's lead is its lead)."""
    area = agreement.employment_area
    return area is not None and agreement.lead is not None and agreement.lead.id == area.lead.id


def template_context(case: Case, agreement: Agreement) -> dict[str, Any]:
    """What clause templates may use: the agreement, its parts and the whole case."""
    words = kind_words(agreement.kind.name, case.language)
    sector = sector_words(agreement, case.language)
    return {
        "case": case,
        "a": agreement,
        "d": agreement.details,
        "parties": agreement.parties,
        "lead": agreement.lead,
        "comp": agreement.composition,
        "cost": agreement.cost,
        "base": agreement.base,
        "labels": words,
        "sector": sector,
        # The act that lays the tasks on the municipality: the agreement's own words, or its sector's.
        "basis": getattr(agreement.details, "statutory_basis", None) or sector["basis_54"],
        "own_area": own_area(agreement),
        # Two-party agreements (54 §, 53 §) speak of "the other party", not of "the other parties".
        "two": len(agreement.parties) == 2,
        "other": lambda m: next(p for p in agreement.parties if p.id != m.id),
    }


def _has_mark(chapters: list[Chapter], mark: str) -> bool:
    def marked(block: Block) -> bool:
        if isinstance(block, Paragraph):
            return any(r.mark == mark for r in block.runs)
        if isinstance(block, BulletList):
            return any(r.mark == mark for item in block.items for r in item)
        return any(r.mark == mark for row in block.rows for c in row for r in c.runs)

    return any(marked(block) for chapter in chapters for clause in chapter.clauses for block in clause.blocks)


def review_notes(agreement: Agreement, requirements: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """The margin notes of a clause in a review copy: each requirement it meets, with its citation."""
    return tuple(f"{cite(REQUIREMENTS[c].citation, lang)} ({c}): {REQUIREMENTS[c].name(lang)}" for c in requirements)


def compose_agreement(case: Case, agreement: Agreement) -> Document:
    lang = case.language
    words = {**kind_words(agreement.kind.name, lang), "lang": lang}
    context = template_context(case, agreement)
    tables = _Tables(agreement, words)
    chapters: list[Chapter] = []
    for chapter_spec, specs in chapters_of(agreement):
        chapter = Chapter(chapter_spec.id, words["chapters"][chapter_spec.id])
        for spec in specs:
            requirements = requirements_of(agreement, spec)
            text = render_clause(lang, agreement, spec.id, context)
            title, _, body = text.strip().partition("\n")
            margin = review_notes(agreement, requirements, lang)
            override = agreement.overrides.get(spec.id)
            if override is not None:
                # A negotiated wording is the parties' own text: plain text, never a template.
                chapter.clauses.append(
                    Clause(
                        spec.id,
                        override.title or title.strip(),
                        requirements,
                        parse_blocks(override.text, _no_tables),
                        negotiated=True,
                        review_notes=margin,
                    )
                )
                continue
            chapter.clauses.append(
                Clause(spec.id, title.strip(), requirements, parse_blocks(body, tables), review_notes=margin)
            )
        chapters.append(chapter)
    lead_text = render(lang, template_names(agreement, "lead.j2", shared=""), context)
    lead = [Paragraph(runs(p)) for p in lead_text.strip().split("\n\n") if p.strip()]
    notes: list[Paragraph] = []
    existing = "_existing" if agreement.existing else ""  # an agreement in force is checked against its original
    if _has_mark(chapters, "illustrative"):
        notes.append(Paragraph((Run(words["illustrative_note" + existing], "plain"),), "note"))
    if _has_mark(chapters, "placeholder"):
        notes.append(Paragraph((Run(words["placeholder_note" + existing], "plain"),), "note"))
    meta = [
        (words["parties_line"], ", ".join(m.official_name for m in agreement.parties)),
        (words["version"], case.version.number),
        (words["date"], fi_date(case.version.date)),
    ]
    if len(agreement.languages) > 1:
        meta.append((words["language_line"], language_line(agreement.languages, lang)))
    status = words["status"][case.version.status]
    signatories = [
        Signatory(m.official_name, (words["place_and_date"], words["signature_line"], words["signature_line"]))
        for m in agreement.parties
    ]
    if agreement.existing:
        # An agreement already in force is restated for information: not a draft, nothing to sign.
        entry = fi_date(agreement.entry_into_force)
        status = words["status_existing"]
        meta.insert(1, (words["existing_meta"], words["existing_meta_value"].format(entry=entry)))
        lead.insert(0, Paragraph((Run(words["existing_note"].format(entry=entry), "strong"),)))
        signatories = []
    return Document(
        kind=agreement.kind.name,
        id=agreement.id,
        title=agreement.title,
        status=status,
        version=case.version.number,
        date=fi_date(case.version.date),
        lead_paragraphs=lead,
        chapters=chapters,
        signatures_title=words["signatures"] if signatories else "",
        signatories=signatories,
        labels=words,
        notes=notes,
        meta=meta,
    )


def language_line(languages: tuple[str, ...], lang: str) -> str:
    """Which version this is: the official one (naming its translations) or a translation of it."""
    words = labels(lang)["languages"]
    official, *translations = languages
    if lang == official:
        return str(
            words["official"].format(translations=join_words((words["translated_into"][t] for t in translations), lang))
        )
    return str(words["translation"].format(official=words["official_is"][official]))
