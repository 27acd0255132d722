"""An amendment agreement (muutossopimus): the clauses of an agreement in force that change, as amended.

The agreement in force and the agreement as amended are composed the same way, clause by clause;
every clause whose text differs is restated in the amendment as "Sopimuksen 2.3 kohta muutetaan
kuulumaan seuraavasti: …", a clause that appears is added and one that disappears is repealed. The
original's clause numbers come from the case's description of the agreement in force; where the
sources do not give a number, the amendment names the clause by its title and asks for the number.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from generator.compose.agreement import compose_agreement
from generator.compose.markup import runs
from generator.compose.templating import kind_words
from generator.compose.tree import Clause, Document, Paragraph, Run
from generator.model.entities import Agreement, Case
from generator.model.kinds.amendment import AmendmentDetails


@dataclass(frozen=True)
class ClauseChange:
    """One clause of the agreement in force that the amendment changes, adds or repeals."""

    clause_id: str
    how: str  # "changed" | "added" | "repealed"
    before: Clause | None
    after: Clause | None


def clause_changes(before: Document, after: Document) -> list[ClauseChange]:
    """Every clause whose title or text differs between two compositions, in the amended order."""
    old = {c.id: c for c in before.clauses()}
    new = {c.id: c for c in after.clauses()}
    changes = []
    for clause in after.clauses():
        previous = old.get(clause.id)
        if previous is None:
            changes.append(ClauseChange(clause.id, "added", None, clause))
        elif (previous.title, previous.blocks) != (clause.title, clause.blocks):
            changes.append(ClauseChange(clause.id, "changed", previous, clause))
    changes += [ClauseChange(c.id, "repealed", c, None) for c in before.clauses() if c.id not in new]
    return changes


def _reference(change: ClauseChange, base: Agreement, words: dict[str, str]) -> tuple[Run, ...]:
    """How the amendment names the clause: its number in the original, or its title and a request
    for the number when the sources do not give it."""
    clause = change.before or change.after
    assert clause is not None
    term = base.in_force.term_for(change.clause_id) if base.in_force is not None else None
    if term is not None and term.number:
        return runs(words["numbered"].format(number=term.number))
    # The original's own heading, where the sources give it, names the clause better than ours.
    title = term.title if term is not None and term.title else clause.title
    return (*runs(words["titled"].format(title=title)), Run(words["number_to_check"], "placeholder"), Run(")"))


def compose_amendment(case: Case, amendment: Agreement) -> Document:
    details = amendment.details
    assert isinstance(details, AmendmentDetails) and details.in_force is not None and details.amended is not None
    base = details.in_force
    words = kind_words(amendment.kind.name, case.language)["amendment"]
    tree = compose_agreement(case, amendment)
    # The agreement in force as if it were a draft, so only what the amendment changes differs.
    before = compose_agreement(case, dataclasses.replace(base, existing=False))
    after = compose_agreement(case, details.amended)
    clauses: list[Clause] = []
    for change in clause_changes(before, after):
        reference = _reference(change, base, words)
        if change.how == "repealed":
            assert change.before is not None
            lead = Paragraph((*reference, Run(" " + words["repealed"])))
            clauses.append(Clause(f"muutos:{change.clause_id}", change.before.title, (), [lead], provenance="amended"))
            continue
        assert change.after is not None
        if change.how == "added":
            lead = Paragraph(runs(words["added"].format(title=change.after.title)), keep_with_next=True)
        else:
            lead = Paragraph((*reference, Run(" " + words["changed"])), keep_with_next=True)
        clauses.append(
            Clause(
                f"muutos:{change.clause_id}",
                change.after.title,
                change.after.requirements,
                [lead, *change.after.blocks],
                review_notes=change.after.review_notes,
                provenance="amended",
            )
        )
    if not clauses:
        clauses.append(
            Clause("muutos:none", words["none_title"], (), [Paragraph((Run(words["none"], "placeholder"),))])
        )
    for chapter in tree.chapters:
        if any(c.id == "muutos.kohdat" for c in chapter.clauses):
            at = next(i for i, c in enumerate(chapter.clauses) if c.id == "muutos.kohdat")
            chapter.clauses[at : at + 1] = clauses
    return tree
