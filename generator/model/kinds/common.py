"""Chapters and clauses every kind shares: the general chapter, staff and premises, costs,
administration, the closing one.

Chapters a real agreement has even when the case says nothing of them (staff, premises, liability,
language, invoicing, dissolution) are standard wordings (``ClauseSpec.standard``) that become the
case's own text once the agreement gives the field: the compliance matrix says which is which.
"""

from __future__ import annotations

from generator.model.entities import Agreement
from generator.model.kinds.base import ChapterSpec, ClauseSpec


def _has_background(a: Agreement) -> bool:
    return bool(a.purpose or a.history)


GENERAL = (
    ClauseSpec("osapuolet"),
    ClauseSpec("tausta", (), _has_background),
)

# The agreements this one rests on, and what follows if one of them ends.
DEPENDENCIES = ClauseSpec("riippuvuudet", (), lambda a: bool(a.depends_on))

# The statutory cooperation area the agreement belongs to (an employment area), named with the
# decision that formed or permitted it.
AREA = ClauseSpec("alue", (), lambda a: a.employment_area is not None)

STAFF = ClauseSpec("henkilosto", (), standard=("staff",))
PREMISES = ClauseSpec("toimitilat", (), standard=("premises",))


def staff_and_premises(*extra: ClauseSpec) -> ChapterSpec:
    return ChapterSpec("henkilosto", (STAFF, *extra, PREMISES))


LANGUAGE = ClauseSpec("kieli", ("KIELI10",), standard=())
LIABILITY = ClauseSpec("vahingonkorvaus", (), standard=("liability",))

ADMIN = ChapterSpec(
    "hallinto",
    (ClauseSpec("tiedonsaanti"), ClauseSpec("asiakirjat", standard=()), LANGUAGE, LIABILITY),
)


def costs(*requirements: str) -> ChapterSpec:
    """The finance chapter: the cost basis (meeting the governing sections' cost items), the budget
    and invoicing."""
    return ChapterSpec(
        "talous",
        (
            ClauseSpec("kustannukset.jakoperuste", requirements),
            ClauseSpec("kustannukset.talousarvio"),
            ClauseSpec("kustannukset.laskutus", (), standard=("invoicing",)),
        ),
    )


def final(*term_requirements: str) -> ChapterSpec:
    """The closing chapter, citing the term-and-termination items of the governing sections."""
    return ChapterSpec(
        "voimassaolo",
        (
            ClauseSpec("voimassaolo.kesto", term_requirements),
            ClauseSpec("voimassaolo.irtisanominen", term_requirements, lambda a: a.termination is not None),
            ClauseSpec("voimassaolo.purkaminen", (), standard=("dissolution",)),
            ClauseSpec("muutokset", standard=()),
            ClauseSpec("erimielisyydet", ("KL63",), standard=()),
            ClauseSpec("voimaantulo"),
            ClauseSpec("sopimuskappaleet", standard=()),
        ),
    )
