"""An agreement's outline as it stands: its kind's chapters and clauses, with the sector's requirements.

The kind declares the chapters; a clause is present when its condition holds for the agreement; the
agreement's sector adds the requirements of its own act to the clauses that meet them (a 54 §
agreement in employment services also meets Act 380/2023 13 §). The composer, the compliance matrix
and the rules all read the outline through these functions, so they agree on every clause.
"""

from __future__ import annotations

from generator.model.entities import Agreement
from generator.model.kinds.base import ChapterSpec, ClauseSpec


def chapters_of(agreement: Agreement) -> list[tuple[ChapterSpec, list[ClauseSpec]]]:
    """The agreement's chapters, each with the clauses present in it."""
    return [
        (chapter, [spec for spec in chapter.clauses if spec.when is None or spec.when(agreement)])
        for chapter in agreement.kind.outline
    ]


def clauses_of(agreement: Agreement) -> list[ClauseSpec]:
    return [spec for _, specs in chapters_of(agreement) for spec in specs]


def all_clause_specs(agreement: Agreement) -> dict[str, ClauseSpec]:
    """Every clause the kind can have, present or not, by id."""
    return {spec.id: spec for chapter in agreement.kind.outline for spec in chapter.clauses}


def requirements_of(agreement: Agreement, spec: ClauseSpec) -> tuple[str, ...]:
    """What the clause meets: its own requirements and those the sector's act adds to it."""
    extra = agreement.sector.requirements_for(agreement.kind.name, spec.id)
    codes = dict.fromkeys((*spec.requirements, *extra))
    return tuple(code for code in codes if agreement.kind.applies(agreement, code))


def requirement_specs(agreement: Agreement) -> list[tuple[str, ClauseSpec]]:
    """Every requirement the agreement can meet, in outline order, with the clause that meets it."""
    seen: dict[str, ClauseSpec] = {}
    for spec in all_clause_specs(agreement).values():
        for code in requirements_of(agreement, spec):
            seen.setdefault(code, spec)
    return list(seen.items())
