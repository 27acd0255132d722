"""One agreement of the model → a document tree, clause by clause from the kind's outline.

Tables are composed here from computed facts (never typed in templates), so a seat or a share is
formatted in exactly one place.
"""

from __future__ import annotations

from typing import Any

from generator.compose.markup import parse_blocks, runs
from generator.compose.outlines import OUTLINES
from generator.compose.templating import environment, join_words, labels, render
from generator.compose.tree import Cell, Chapter, Clause, Document, Paragraph, Run, Signatory, Table
from generator.formats import fi_date, fi_euro, fi_number, fi_percent
from generator.model.entities import Agreement, Case, Municipality


def _cell(text: str, numeric: bool = False, illustrative: bool = False) -> Cell:
    return Cell((Run(text + ("*" if illustrative else ""), "illustrative" if illustrative else "plain"),), numeric)


def _role(agreement: Agreement, m: Municipality, words: dict[str, Any]) -> str:
    d = agreement.details
    roles = words["roles"]
    if agreement.lead is not None:
        return roles["lead"] if m.id == agreement.lead.id else roles["member"]
    if agreement.kind == "authority_task":
        return roles["principal"] if m.id == d["principal"]["municipality"].id else roles["provider"]
    if agreement.kind == "joint_post":
        return roles["employer"] if m.id == d["employer"].id else roles["partner"]
    return roles["member"]


class _Tables:
    """The named tables a clause template can place with ``@table NAME``."""

    def __init__(self, agreement: Agreement, lang: str) -> None:
        self.a = agreement
        self.words = labels(lang)
        self.t = self.words["tables"]

    @classmethod
    def for_words(cls, agreement: Agreement, words: dict[str, Any]) -> _Tables:
        tables = cls.__new__(cls)
        tables.a, tables.words, tables.t = agreement, words, words["tables"]
        return tables

    def __call__(self, name: str) -> Table:
        return getattr(self, name)()

    def parties(self) -> Table:
        rows = []
        for m in self.a.parties:
            bid = _cell(m.business_id) if m.business_id else Cell((Run(self.words["to_be_checked"], "placeholder"),))
            rows.append((_cell(m.official_name), bid, _cell(_role(self.a, m, self.words))))
        return Table(
            f"parties:{self.a.id}",
            (self.t["party"], self.t["business_id"], self.t["role"]),
            tuple(rows),
            (6.5, 3.5, 6.0),
        )

    def seats(self) -> Table:
        comp = self.a.composition
        assert comp is not None
        rows = [
            (
                _cell(s.municipality.name),
                _cell(fi_number(s.population.value), True, s.population.illustrative)
                if s.population
                else _cell("–", True),
                _cell(str(s.seats), True),
            )
            for s in comp.seats
        ]
        total_pop = sum(s.population.value for s in comp.seats if s.population)
        pop_illustrative = any(s.population.illustrative for s in comp.seats if s.population)
        rows.append(
            (_cell(self.t["total"]), _cell(fi_number(total_pop), True, pop_illustrative), _cell(str(comp.total), True))
        )
        header = (self.t["municipality"], f"{self.t['population']} {comp.population_year}", self.t["seats"])
        return Table(f"seats:{self.a.id}", header, tuple(rows), (7.0, 5.0, 4.0), total=True)

    def shares(self) -> Table:
        cost = self.a.cost
        figure_label = self.words["basis_figure"][cost.basis]
        if cost.year and cost.basis != "fixed":
            figure_label += f" {cost.year}"
        header = [self.t["municipality"], figure_label, self.t["share"]]
        has_euros = cost.budget is not None
        if has_euros:
            header.append(f"{self.t['euros']} ({cost.budget.year})")
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
            if has_euros:
                row.append(_cell(fi_euro(s.euros or 0), True, cost.budget.illustrative))
            rows.append(tuple(row))
        total_figure = sum(s.figure for s in cost.shares if s.figure is not None)
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
        if has_euros:
            total.append(_cell(fi_euro(cost.budget.amount), True, cost.budget.illustrative))
        rows.append(tuple(total))
        widths = (5.0, 3.5, 3.5, 4.0) if has_euros else (7.0, 4.5, 4.5)
        return Table(f"shares:{self.a.id}", tuple(header), tuple(rows), widths, total=True)

    def posts(self) -> Table:
        posts = self.a.details["posts"]
        rows = [(_cell(p["title"]), _cell(str(p["count"]), True, p.get("illustrative", False))) for p in posts]
        rows.append(
            (
                _cell(self.t["total"]),
                _cell(str(sum(p["count"] for p in posts)), True, any(p.get("illustrative", False) for p in posts)),
            )
        )
        return Table(f"posts:{self.a.id}", (self.t["post"], self.t["count"]), tuple(rows), (11.0, 5.0), total=True)


def shares_table(agreement: Agreement, words: dict[str, Any]) -> Table:
    """The cost-share table of ``agreement`` (used by the agreement, the deck and the proposals)."""
    return _Tables.for_words(agreement, words).shares()


def seats_table(agreement: Agreement, words: dict[str, Any]) -> Table:
    return _Tables.for_words(agreement, words).seats()


def _no_tables(name: str) -> Table:
    raise ValueError(f"a negotiated wording cannot place a table ({name})")


def template_context(case: Case, agreement: Agreement) -> dict[str, Any]:
    """What clause templates may use: the agreement, its parts and the whole case."""
    return {
        "case": case,
        "a": agreement,
        "d": agreement.details,
        "parties": agreement.parties,
        "lead": agreement.lead,
        "comp": agreement.composition,
        "cost": agreement.cost,
        "base": agreement.base,
        "labels": labels(case.language),
        # Two-party agreements (54 §, 53 §) speak of "the other party", not of "the other parties".
        "two": len(agreement.parties) == 2,
        "other": lambda m: next(p for p in agreement.parties if p.id != m.id),
    }


def _has_mark(doc_chapters: list[Chapter], mark: str) -> bool:
    from generator.compose.tree import BulletList

    for chapter in doc_chapters:
        for clause in chapter.clauses:
            for block in clause.blocks:
                if isinstance(block, Paragraph) and any(r.mark == mark for r in block.runs):
                    return True
                if isinstance(block, BulletList) and any(r.mark == mark for item in block.items for r in item):
                    return True
                if isinstance(block, Table) and any(r.mark == mark for row in block.rows for c in row for r in c.runs):
                    return True
    return False


def compose_agreement(case: Case, agreement: Agreement) -> Document:
    lang = case.language
    words = labels(lang)
    context = template_context(case, agreement)
    tables = _Tables(agreement, lang)
    overrides: dict[str, dict[str, str]] = agreement.details.get("overrides", {})
    chapters: list[Chapter] = []
    for chapter_spec in OUTLINES[agreement.kind]:
        chapter = Chapter(chapter_spec.id, words["chapters"][chapter_spec.id])
        for spec in chapter_spec.clauses:
            if spec.when is not None and not spec.when(agreement):
                continue
            text = render(lang, f"clauses/{spec.id}.j2", context)
            title, _, body = text.strip().partition("\n")
            override = overrides.get(spec.id)
            if override is not None:
                # A negotiated wording is the parties' own text: plain text, never a template.
                chapter.clauses.append(
                    Clause(
                        spec.id,
                        override.get("title", title.strip()),
                        spec.requirements,
                        parse_blocks(override["text"], _no_tables),
                        negotiated=True,
                    )
                )
                continue
            chapter.clauses.append(Clause(spec.id, title.strip(), spec.requirements, parse_blocks(body, tables)))
        chapters.append(chapter)
    lead = [Paragraph(runs(p)) for p in render(lang, "lead.j2", context).strip().split("\n\n") if p.strip()]
    notes = []
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
        kind=agreement.kind,
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
        return words["official"].format(
            translations=join_words((words["translated_into"][t] for t in translations), lang)
        )
    return words["translation"].format(official=words["official_is"][official])


__all__ = ["compose_agreement", "environment", "language_line"]
