"""Every document a case yields, composed: its tree and what the manifest says of it.

Which files exist, in which language, comes from the model's inventory (``model.documents``), so
validation and the build agree on every name; here each is composed from its language's model.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from generator.compose.agreement import compose_agreement
from generator.compose.amendment import compose_amendment
from generator.compose.anchors import anchors, tables
from generator.compose.compliance import Judged, compose_compliance
from generator.compose.deck import compose_deck
from generator.compose.deck_tree import Deck
from generator.compose.in_force import compose_in_force
from generator.compose.proposal import compose_proposal
from generator.compose.records import Records, records_for
from generator.compose.tree import Document
from generator.contract import AnchorRecord, TableRecord
from generator.language import cite, labels
from generator.law.requirements import REQUIREMENTS, section_of, section_sort_key
from generator.model.documents import DocumentSpec, documents
from generator.model.entities import Agreement, Case
from generator.model.kinds.amendment import AmendmentDetails
from generator.rules import run_rules


@dataclass
class Planned:
    """One output before it is written: its tree, its format and what the manifest says of it."""

    path: str
    kind: str
    title: str
    lang: str
    format: str
    tree: Document | Deck
    legal_basis: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    agreement_id: str | None = None
    municipality_id: str | None = None
    anchors: list[AnchorRecord] = field(default_factory=list)
    tables: list[TableRecord] = field(default_factory=list)
    records: Records | None = None  # the document properties and PDF metadata (JHS 143)

    def manifest_fields(self) -> dict[str, object]:
        """What the manifest records of this output beyond path, kind, title and hashes."""
        out: dict[str, object] = {"lang": self.lang}
        if self.agreement_id is not None:
            out["agreement"] = self.agreement_id
        if self.municipality_id is not None:
            out["municipality"] = self.municipality_id
        if self.format != "md":
            out["anchors"] = self.anchors
            out["tables"] = self.tables
        return out


def legal_basis(tree: Document, lang: str) -> tuple[str, ...]:
    """Section-level citations, in ``lang``, of every requirement the document's clauses satisfy."""
    sections = {
        cite(section_of(REQUIREMENTS[code].citation), lang) for clause in tree.clauses() for code in clause.requirements
    }
    return tuple(sorted(sections, key=section_sort_key))


def agreement_basis(agreement: Agreement, tree: Document, lang: str) -> tuple[str, ...]:
    """The sections an agreement rests on: its clauses' requirements, or, for an agreement in force
    (whose summary has no clauses of ours), the kuntalaki sections its kind rests on."""
    if agreement.existing:
        return tuple(cite(f"KuntaL {n} §", lang) for n in sorted(agreement.kind.cited_sections(agreement)))
    return legal_basis(tree, lang)


def _union(bases: list[tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(sorted({b for basis in bases for b in basis}, key=section_sort_key))


def plan_agreements(case: Case, keep: Callable[[Agreement, str], bool] | None = None) -> list[Planned]:
    """Every agreement in each of its languages (those ``keep`` accepts)."""
    return [
        p
        for p in _plan(case, [d for d in documents(case) if d.kind == "agreement"])
        if keep is None or keep(case.agreement(str(p.agreement_id)), p.lang)
    ]


def plan_outputs(
    case: Case, only: Collection[str] | None = None, paths: Collection[str] | None = None
) -> list[Planned]:
    """Every output of the case; with ``only``, just those written in one of those languages; with
    ``paths``, just the outputs of those names (an editor previews one document at a time)."""
    return _plan(
        case,
        [d for d in documents(case) if (only is None or d.lang in only) and (paths is None or d.path in paths)],
    )


def compose_document(case: Case, agreement: Agreement) -> Document:
    """The document an agreement is written as: a summary of one in force, an amendment's changes,
    or the draft agreement."""
    if agreement.existing:
        amended_by = next(
            (
                a
                for a in case.agreements
                if isinstance(a.details, AmendmentDetails) and a.details.amends == agreement.id
            ),
            None,
        )
        return compose_in_force(case, agreement, amended_by)
    if agreement.kind.amends:
        return compose_amendment(case, agreement)
    return compose_agreement(case, agreement)


def judged(case: Case, tree_in: Callable[[str], Document]) -> list[Judged]:
    """What the compliance matrix judges: each draft as written; each amendment as the agreement it
    leaves (its changed clauses marked as the amendment's, the rest as in force); nothing in force."""
    words = labels(case.language)["compliance"]
    out = []
    for a in case.agreements:
        if a.existing:
            continue
        if isinstance(a.details, AmendmentDetails):
            amended = a.details.amended
            if amended is None:
                continue
            tree = compose_agreement(case, amended)
            changed = {c.id.removeprefix("muutos:") for c in tree_in(a.id).clauses() if c.provenance == "amended"}
            for clause in tree.clauses():
                clause.provenance = "amended" if clause.id in changed else "in_force"
            out.append(Judged(amended, tree, words["amended_heading"].format(title=amended.title)))
        else:
            out.append(Judged(a, tree_in(a.id), a.title))
    return out


def _plan(case: Case, docs: list[DocumentSpec]) -> list[Planned]:
    trees: dict[tuple[str, str], Document] = {}

    def tree_in(agreement_id: str, lang: str) -> Document:
        """The agreement's tree in ``lang``, composed once (also for reference by other outputs)."""
        if (agreement_id, lang) not in trees:
            version = case.version_in(lang)
            trees[(agreement_id, lang)] = compose_document(version, version.agreement(agreement_id))
        return trees[(agreement_id, lang)]

    planned: list[Planned] = []
    for doc in docs:
        version = case.version_in(doc.lang)
        if doc.kind == "agreement":
            assert doc.agreement_id is not None
            a = version.agreement(doc.agreement_id)
            tree = tree_in(a.id, doc.lang)
            planned.append(
                Planned(
                    doc.path,
                    doc.kind,
                    a.title,
                    doc.lang,
                    doc.format,
                    tree,
                    agreement_basis(a, tree, doc.lang),
                    tuple(m.id for m in a.parties),
                    agreement_id=a.id,
                )
            )
        elif doc.kind == "compliance_report":
            lang = doc.lang

            def tree_of(agreement_id: str, lang: str = lang) -> Document:
                return tree_in(agreement_id, lang)

            report = compose_compliance(version, judged(version, tree_of), run_rules(version))
            everyone = tuple(dict.fromkeys(m.id for a in version.agreements for m in a.parties))
            basis = _union([legal_basis(tree_in(a.id, doc.lang), doc.lang) for a in version.agreements])
            planned.append(Planned(doc.path, doc.kind, report.title, doc.lang, doc.format, report, basis, everyone))
        else:
            assert doc.municipality_id is not None
            mid = doc.municipality_id
            mine = [a for a in version.agreements if a.has_party(mid)]
            basis = _union([legal_basis(tree_in(a.id, doc.lang), doc.lang) for a in mine])
            if doc.kind == "deck":
                deck = compose_deck(version, mid)
                planned.append(
                    Planned(
                        doc.path, doc.kind, deck.title, doc.lang, doc.format, deck, basis, (mid,), municipality_id=mid
                    )
                )
            else:
                legal = {
                    a.id: ", ".join(agreement_basis(a, tree_in(a.id, doc.lang), doc.lang)) for a in version.agreements
                }
                proposal = compose_proposal(version, mid, legal)
                planned.append(
                    Planned(
                        doc.path,
                        doc.kind,
                        proposal.title,
                        doc.lang,
                        doc.format,
                        proposal,
                        basis,
                        (mid,),
                        municipality_id=mid,
                    )
                )
    for output in planned:
        if output.format != "md":
            output.anchors = anchors(output.tree)
            output.tables = tables(output.tree)
            status = output.tree.status if isinstance(output.tree, Document) else None
            output.records = records_for(case, output.kind, output.tree.title, output.lang, output.tree.id, status)
    return planned
