"""One agreement of the model → a document tree, clause by clause from the kind's outline.

Tables are composed here from computed facts (never typed in templates), so a seat or a share is
formatted in exactly one place. Templates are looked up by kind and sector (``templating``), so a
clause reads the same for every kind unless a kind or a sector words it its own way.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from generator.compose.facts import share_text
from generator.compose.markup import parse_blocks, runs
from generator.compose.templating import kind_words, render, render_clause, template_names
from generator.compose.tree import Block, Cell, Chapter, Clause, Document, Paragraph, Run, Signatory, Table, marks_of
from generator.formats import fi_date, fi_euro, fi_number
from generator.language import join_words, labels
from generator.model.entities import Agreement, Case, Municipality
from generator.model.kinds.base import ClauseSpec
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
    return {
        "name": sector.name or "",
        "act": basis,
        "basis_54": basis,
        "rests_on": basis,
        "principal_role": "",
        "authority_powers": "",
        "organiser_basis": basis,
    }


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
        """Each party's figure under the basis, its share and its euros. A share computed from an
        illustrative figure is illustrative too; agreed fixed shares need no figure column of their own."""
        cost = self.a.cost
        assert cost is not None
        fixed = cost.basis == "fixed"
        figure_label = self.words["basis_figure"][cost.basis]
        if cost.year and not fixed:
            figure_label += f" {cost.year}"
        header = [self.t["municipality"]] + ([] if fixed else [figure_label]) + [self.t["share"]]
        budget = cost.budget
        if budget is not None:
            entry = self.a.entry_into_force
            # A budget year the agreement enters into force during: its euros are a full year's.
            part_year = entry.year == budget.year and (entry.month, entry.day) != (1, 1)
            header.append(f"{self.t['euros_full' if part_year else 'euros']} ({budget.year})")
        rows = []
        # A party that pays nothing, for a reason the agreement states below the table, is no cost line.
        for s in (s for s in cost.shares if s.hundredths or not s.no_share_reason):
            figure = (
                fi_number(s.figure, 0 if s.figure == s.figure.to_integral() else 2) if s.figure is not None else "–"
            )
            row = [_cell(s.municipality.name)]
            if not fixed:
                row.append(_cell(figure, True, s.figure_illustrative))
            row.append(_cell(share_text(cost, s.hundredths), True, s.figure_illustrative))
            if budget is not None:
                row.append(_cell(fi_euro(s.euros or 0), True, budget.illustrative or s.figure_illustrative))
            rows.append(tuple(row))
        total_figure = sum((s.figure for s in cost.shares if s.figure is not None), Decimal(0))
        # A sum of illustrative figures is illustrative too; shares add up to 100 % by definition.
        total_illustrative = not fixed and any(s.figure_illustrative for s in cost.shares)
        total = [_cell(self.t["total"])]
        if not fixed:
            total.append(
                _cell(
                    fi_number(total_figure, 0 if total_figure == total_figure.to_integral() else 2),
                    True,
                    total_illustrative,
                )
            )
        total.append(_cell(share_text(cost, sum(s.hundredths for s in cost.shares)), True))
        if budget is not None:
            total.append(_cell(fi_euro(budget.amount), True, budget.illustrative))
        rows.append(tuple(total))
        widths = ((5.0, 3.5, 3.5, 4.0) if budget is not None else (7.0, 4.5, 4.5))[: len(header)]
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

    def powers(self) -> Table:
        """A 54 § agreement's powers: each with its statutory basis and the posts that exercise it."""
        rows = []
        for p in getattr(self.a.details, "powers", ()):
            posts = Cell(
                tuple(
                    run
                    for i, q in enumerate(p.posts)
                    for run in (
                        *((Run("; "),) if i else ()),
                        Run(f"{q.title} ({q.count}"),
                        *((Run("*", "illustrative"),) if q.illustrative else ()),
                        Run(")"),
                    )
                )
            )
            rows.append((_cell(p.power), _cell(p.basis), posts))
        header = (self.t["power"], self.t["power_basis"], self.t["power_posts"])
        return Table(f"powers:{self.a.id}", header, tuple(rows), (7.0, 4.5, 4.5))


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
    parties = agreement.parties
    bilingual = [m for m in parties if m.bilingual]
    first_languages = {m.languages[0] for m in parties}
    common = next(iter(first_languages)) if len(first_languages) == 1 else case.language
    language = words["language_words"].get(common, words["language_words"][case.language])
    details = agreement.details
    principal = getattr(getattr(details, "principal", None), "municipality", None)
    invoicer = agreement.lead or getattr(details, "employer", None) or parties[0]
    others = [m for m in parties if m.id != invoicer.id]
    invoicing = words["invoicing"]
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
        "sector_id": agreement.sector.id,
        # The agreement forms its statutory area (a member cannot simply leave it).
        "statutory_area": own_area(agreement) and agreement.sector.statutory,
        "bilingual_parties": bilingual,
        # A joint body is bilingual when a party is bilingual or the parties' languages differ (kielilaki 6 §).
        "bilingual_body": bool(bilingual) or len(first_languages) > 1,
        "language_name": language["name"],
        "language_adjective": language["adjective"],
        "language_essive": language["essive"],
        "principal_bilingual": bool(principal is not None and principal.bilingual),
        "invoicer": invoicer,
        "payers_text": invoicing["other"].format(name=others[0].official_name)
        if len(others) == 1
        else invoicing["others"],
        # The 54 § agreements this one rests on: the only basis of its parties' authority tasks.
        "authority_agreements": [
            d.title
            for d in agreement.depends_on
            if d.agreement is not None and d.agreement.kind.compensation_parties(d.agreement) is not None
        ],
    }


def provenance(agreement: Agreement, spec: ClauseSpec) -> str:
    """Where the clause's text comes from: the parties' own wording, a standard wording the case
    did not replace, or the case's facts (see ``ClauseSpec.standard``)."""
    if spec.id in agreement.overrides:
        return "negotiated"
    if spec.standard is not None and not any(agreement.gives(name) for name in spec.standard):
        return "standard"
    return "case"


def review_notes(origin: str, marks: set[str], lang: str, source: str | None = None) -> tuple[str, ...]:
    """The margin notes of a clause in a review copy: only what someone must act on, each once.

    Where the clause's estimates come from (``source``) is a drafting note for the reviewer, never
    contract text.
    """
    words = labels(lang)["review"]
    notes = []
    if origin == "standard":
        notes.append(words["standard"])
    if "illustrative" in marks:
        notes.append(words["illustrative"] + (f" {words['source']}: {source}" if source else ""))
    if "placeholder" in marks:
        notes.append(words["placeholder"])
    return tuple(dict.fromkeys(notes))


def _estimates_source(agreement: Agreement, blocks: list[Block]) -> str | None:
    """The source of the cost figures, for the clause that shows them in its table."""
    shows_costs = any(isinstance(b, Table) and b.id.startswith("shares:") for b in blocks)
    return agreement.cost.source if shows_costs and agreement.cost is not None else None


def compose_agreement(case: Case, agreement: Agreement) -> Document:
    """The agreement as a draft: every clause of its kind's outline, from its templates or the
    parties' negotiated wording."""
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
            origin = provenance(agreement, spec)
            override = agreement.overrides.get(spec.id)
            if override is not None:
                # A negotiated wording is the parties' own text: plain text, never a template.
                blocks = parse_blocks(override.text, _no_tables)
                title = override.title or title
            else:
                blocks = parse_blocks(body, tables)
            chapter.clauses.append(
                Clause(
                    spec.id,
                    title.strip(),
                    requirements,
                    blocks,
                    negotiated=override is not None,
                    review_notes=review_notes(origin, marks_of(blocks), lang, _estimates_source(agreement, blocks)),
                    provenance=origin,
                )
            )
        chapters.append(chapter)
    lead_text = render(lang, template_names(agreement, "lead.j2", shared=""), context)
    lead = [Paragraph(runs(p)) for p in lead_text.strip().split("\n\n") if p.strip()]
    marks = marks_of([b for ch in chapters for cl in ch.clauses for b in cl.blocks])
    notes: list[Paragraph] = []
    if "illustrative" in marks:
        notes.append(Paragraph((Run(words["illustrative_note"], "plain"),), "note"))
    if "placeholder" in marks:
        notes.append(Paragraph((Run(words["placeholder_note"], "plain"),), "note"))
    meta = [
        (words["parties_line"], ", ".join(m.official_name for m in agreement.parties)),
        (words["version"], case.version.number),
        (words["date"], fi_date(case.version.date)),
    ]
    if len(agreement.languages) > 1:
        meta.append((words["language_line"], language_line(agreement.languages, lang, agreement.equally_authentic)))
    signatories = [
        Signatory(
            agreement.kind.signatory(agreement, m),
            (words["place_and_date"], words["signature_line"], words["signature_line"]),
        )
        for m in agreement.parties
    ]
    return Document(
        kind=agreement.kind.name,
        id=agreement.id,
        title=agreement.title,
        status=words["status"][case.version.status],
        version=case.version.number,
        date=fi_date(case.version.date),
        lead_paragraphs=lead,
        chapters=chapters,
        signatures_title=words["signatures"],
        signatories=signatories,
        labels=words,
        notes=notes,
        meta=meta,
    )


def language_line(languages: tuple[str, ...], lang: str, equal: bool = False) -> str:
    """Which version this is: the official one (naming its translations), a translation of it, or
    one of versions that are equally authentic."""
    words = labels(lang)["languages"]
    if equal:
        return str(words["equal"].format(languages=join_words((words["names"][code] for code in languages), lang)))
    official, *translations = languages
    if lang == official:
        return str(
            words["official"].format(translations=join_words((words["translated_into"][t] for t in translations), lang))
        )
    return str(words["translation"].format(official=words["official_is"][official]))
