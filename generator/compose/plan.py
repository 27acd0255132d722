"""Which documents a case yields, in which language, each composed from that language's model.

An agreement is written in each of its languages (the first is the official version and keeps the
plain file name; a translation adds its language, ``te24.sv.docx``). The compliance matrix is in
the case's own language; each council gets its deck and proposal in its own language (a
Swedish-majority municipality in Swedish). Validation composes the same plan, so a text missing in
a document's language is found before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from generator.compose.agreement import compose_agreement
from generator.compose.anchors import anchors, tables
from generator.compose.compliance import compose_compliance
from generator.compose.deck import compose_deck
from generator.compose.deck_tree import Deck
from generator.compose.proposal import compose_proposal
from generator.compose.templating import labels
from generator.compose.tree import Document
from generator.law.requirements import REQUIREMENTS, cite, section_of, section_sort_key
from generator.model.entities import Agreement, Case, Municipality


@dataclass
class Planned:
    """One output before it is written: its tree and what the manifest says of it."""

    path: str
    kind: str
    title: str
    lang: str
    tree: Document | Deck
    legal_basis: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


def council_language(municipality: Municipality) -> str:
    """The language a council works in first: its municipality's (majority) language."""
    return municipality.language.split("-")[0]


def document_languages(case: Case) -> list[str]:
    """Every language some document of the case is written in, the case's own first."""
    langs = {case.base_language}
    langs.update(lang for a in case.agreements for lang in a.languages)
    langs.update(council_language(m) for m in case.councils)
    return [case.base_language] + sorted(langs - {case.base_language})


def legal_basis(tree: Document, lang: str) -> tuple[str, ...]:
    """Section-level citations, in ``lang``, of every requirement the document's clauses satisfy."""
    sections = {
        cite(section_of(REQUIREMENTS[code].citation), lang) for clause in tree.clauses() for code in clause.requirements
    }
    return tuple(sorted(sections, key=section_sort_key))


def _union(bases: list[tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(sorted({b for basis in bases for b in basis}, key=section_sort_key))


def plan_agreements(case: Case, keep: Callable[[Agreement, str], bool] | None = None) -> list[Planned]:
    """Every agreement in each of its languages (those ``keep`` accepts); the official version keeps
    the plain file name."""
    versions = case.versions or {case.language: case}
    planned: list[Planned] = []
    for agreement in case.agreements:
        for position, lang in enumerate(agreement.languages):
            if keep is not None and not keep(agreement, lang):
                continue
            version = versions[lang]
            a = version.agreement(agreement.id)
            tree = compose_agreement(version, a)
            stem = a.output_stem if position == 0 else f"{a.output_stem}.{lang}"
            planned.append(
                Planned(
                    f"{stem}.docx",
                    "agreement",
                    a.title,
                    lang,
                    tree,
                    legal_basis(tree, lang),
                    tuple(m.id for m in a.parties),
                    {"agreement": a.id},
                )
            )
    return planned


def plan_outputs(case: Case, only: Collection[str] | None = None) -> list[Planned]:
    """Every output of the case; with ``only``, just those written in one of its languages (validation
    composes the documents of the languages where some text is missing, not the whole packet)."""
    versions = case.versions or {case.language: case}
    planned = plan_agreements(case, None if only is None else lambda _, lang: lang in only)
    trees: dict[tuple[str, str], Document] = {(p.extra["agreement"], p.lang): p.tree for p in planned}  # type: ignore[misc]

    def tree_in(agreement_id: str, lang: str) -> Document:
        """The agreement's tree in ``lang``; composed for reference only when no version is written in it."""
        if (agreement_id, lang) not in trees:
            version = versions[lang]
            trees[(agreement_id, lang)] = compose_agreement(version, version.agreement(agreement_id))
        return trees[(agreement_id, lang)]

    base = case.base_language
    base_case = versions[base]
    stem = f"{case.id}-{labels(base)['compliance']['file_stem']}"
    if only is None or base in only:
        report = compose_compliance(base_case, [(a, tree_in(a.id, base)) for a in base_case.agreements])
        agreements = [p for p in planned if p.kind == "agreement"]
        everyone = tuple(dict.fromkeys(party for p in agreements for party in p.parties))
        report_basis = _union([legal_basis(tree_in(a.id, base), base) for a in base_case.agreements])
        for suffix in ("docx", "md"):
            planned.append(
                Planned(f"{stem}.{suffix}", "compliance_report", report.title, base, report, report_basis, everyone)
            )

    for municipality in case.councils:
        lang = council_language(municipality)
        if only is not None and lang not in only:
            continue
        version = versions[lang]
        legal = {a.id: ", ".join(legal_basis(tree_in(a.id, lang), lang)) for a in version.agreements}
        view_basis = _union(
            [
                legal_basis(tree_in(a.id, lang), lang)
                for a in version.agreements
                if municipality.id in {m.id for m in a.parties}
            ]
        )
        deck = compose_deck(version, municipality.id)
        planned.append(
            Planned(
                f"{municipality.id}-{deck.labels['deck']['file_stem']}.pptx",
                "deck",
                deck.title,
                lang,
                deck,
                view_basis,
                (municipality.id,),
                {"municipality": municipality.id},
            )
        )
        proposal = compose_proposal(version, municipality.id, legal, f"{stem}.docx")
        planned.append(
            Planned(
                f"{proposal.id}.docx",
                "council_proposal",
                proposal.title,
                lang,
                proposal,
                view_basis,
                (municipality.id,),
                {"municipality": municipality.id},
            )
        )
    for output in planned:
        if not output.path.endswith(".md"):
            output.extra["anchors"] = anchors(output.tree)
            output.extra["tables"] = tables(output.tree)
    return planned
