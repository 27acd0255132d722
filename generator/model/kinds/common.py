"""Chapters and clauses every kind shares: the general chapter, costs, administration, the closing one."""

from __future__ import annotations

from generator.model.entities import Agreement
from generator.model.kinds.base import ChapterSpec, ClauseSpec


def _has_background(a: Agreement) -> bool:
    return bool(a.purpose or a.history)


GENERAL = (
    ClauseSpec("osapuolet"),
    ClauseSpec("tausta", (), _has_background),
)

# The statutory cooperation area the agreement belongs to (an employment area), named with the
# decision that formed or permitted it.
AREA = ClauseSpec("alue", (), lambda a: a.employment_area is not None)

ADMIN = ChapterSpec("hallinto", (ClauseSpec("tiedonsaanti"), ClauseSpec("asiakirjat")))


def costs(*requirements: str) -> ChapterSpec:
    """The finance chapter: the cost basis (meeting the governing sections' cost items) and the budget."""
    return ChapterSpec(
        "talous",
        (ClauseSpec("kustannukset.jakoperuste", requirements), ClauseSpec("kustannukset.talousarvio")),
    )


def final(*term_requirements: str) -> ChapterSpec:
    """The closing chapter, citing the term-and-termination items of the governing sections."""
    return ChapterSpec(
        "voimassaolo",
        (
            ClauseSpec("voimassaolo.kesto", term_requirements),
            ClauseSpec("voimassaolo.irtisanominen", term_requirements, lambda a: a.termination is not None),
            ClauseSpec("muutokset"),
            ClauseSpec("erimielisyydet", ("KL63",)),
            ClauseSpec("voimaantulo"),
            ClauseSpec("sopimuskappaleet"),
        ),
    )
