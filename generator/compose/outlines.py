"""Which chapters and clauses each agreement kind has, in order, and what each clause satisfies.

The outline is language-neutral: clause ids are stable (a lawyer's "kustannukset.jakoperuste" is the
same clause in every draft and every language) and the words live in ``templates/<lang>/clauses``.
A clause may be conditional on the model (``when``); a statutory item always gets a clause of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from generator.model.entities import Agreement

Condition = Callable[[Agreement], bool]


@dataclass(frozen=True)
class ClauseSpec:
    """One clause: its stable id, the requirements it satisfies, and when it is present.

    ``absent`` says what a missing conditional clause means for the compliance matrix: usually that
    the requirement does not apply, but for a clause the statute expects the agreement to address
    (otto-oikeus) its absence is reported as missing.
    """

    id: str
    requirements: tuple[str, ...] = ()
    when: Condition | None = None
    absent: str = "not_applicable"


@dataclass(frozen=True)
class ChapterSpec:
    id: str
    clauses: tuple[ClauseSpec, ...] = field(default_factory=tuple)


def _has(key: str) -> Condition:
    return lambda a: key in a.details


def _applies_54(a: Agreement) -> bool:
    return bool(a.details.get("applies_section_54"))


def _has_background(a: Agreement) -> bool:
    return bool(a.purpose or a.history)


_GENERAL = ChapterSpec(
    "yleista",
    (
        ClauseSpec("osapuolet"),
        ClauseSpec("tausta", (), _has_background),
    ),
)

_FINAL = ChapterSpec(
    "voimassaolo",
    (
        ClauseSpec("voimassaolo.kesto", ("KL52-4",)),
        ClauseSpec("voimassaolo.irtisanominen", ("KL52-4",), lambda a: a.termination is not None),
        ClauseSpec("muutokset"),
        ClauseSpec("erimielisyydet", ("KL63",)),
        ClauseSpec("voimaantulo"),
        ClauseSpec("sopimuskappaleet"),
    ),
)

_ADMIN = ChapterSpec(
    "hallinto",
    (
        ClauseSpec("tiedonsaanti"),
        ClauseSpec("asiakirjat"),
    ),
)


def _final(*term_requirements: str) -> ChapterSpec:
    """The closing chapter, citing the term-and-termination items of the governing sections."""
    return ChapterSpec(
        _FINAL.id,
        tuple(
            ClauseSpec(c.id, term_requirements if c.requirements == ("KL52-4",) else c.requirements, c.when)
            for c in _FINAL.clauses
        ),
    )


OUTLINES: dict[str, tuple[ChapterSpec, ...]] = {
    "joint_body": (
        ChapterSpec("yleista", (*_GENERAL.clauses, ClauseSpec("vastuukunta", ("KL49", "KL51")))),
        ChapterSpec(
            "toimielin",
            (
                ClauseSpec("toimielin.asema", ("KL51",)),
                ClauseSpec("toimielin.tehtavat", ("KL52-1",)),
                ClauseSpec("toimielin.jarjestamisvastuu", ("KL52-1-8",), _has("organising_responsibility")),
                ClauseSpec("toimielin.kokoonpano", ("KL52-2",)),
                ClauseSpec("toimielin.jasenten_valinta", ("KL51-2", "KL52-2")),
                ClauseSpec("toimielin.valmistelu"),
                ClauseSpec("toimielin.otto_oikeus", ("KL52-OTTO",), _has("right_of_take_up"), absent="missing"),
            ),
        ),
        ChapterSpec(
            "talous",
            (
                ClauseSpec("kustannukset.jakoperuste", ("KL52-3",)),
                ClauseSpec("kustannukset.talousarvio"),
            ),
        ),
        _ADMIN,
        _final("KL52-4"),
    ),
    "supplement": (
        ChapterSpec("yleista", (*_GENERAL.clauses, ClauseSpec("taydennettava_sopimus", ("KL49", "KL51")))),
        ChapterSpec(
            "tehtavat",
            (
                ClauseSpec("tehtavat.sisalto", ("KL52-1", "KL54-2A")),
                ClauseSpec("tehtavat.koordinointi", (), _has("coordination")),
                ClauseSpec("tehtavat.soveltaminen_54", ("KL54-1",), _applies_54),
                ClauseSpec("tehtavat.toimintamalli", (), _has("operating_model")),
                ClauseSpec("tehtavat.lahipalvelu", (), _has("local_service")),
                ClauseSpec("tehtavat.seuranta", ("KL54-2B",)),
            ),
        ),
        ChapterSpec(
            "talous",
            (
                ClauseSpec("kustannukset.jakoperuste", ("KL52-3", "KL54-2C")),
                ClauseSpec("kustannukset.talousarvio"),
            ),
        ),
        _ADMIN,
        _final("KL52-4", "KL54-2D"),
    ),
    "authority_task": (
        ChapterSpec("yleista", (*_GENERAL.clauses, ClauseSpec("sopimuksen_peruste", ("TVPL13",)))),
        ChapterSpec(
            "tehtavat",
            (
                ClauseSpec("tehtavat.sisalto", ("KL54-2A",)),
                ClauseSpec("tehtavat.rajaukset", (), _has("excluded")),
                ClauseSpec("tehtavat.virkavastuu", ("KL54-1",)),
                ClauseSpec("tehtavat.seuranta", ("KL54-2B",)),
            ),
        ),
        ChapterSpec(
            "talous",
            (
                ClauseSpec("kustannukset.jakoperuste", ("KL54-2C",)),
                ClauseSpec("kustannukset.talousarvio"),
            ),
        ),
        _ADMIN,
        _final("KL54-2D"),
    ),
    "joint_post": (
        ChapterSpec("yleista", _GENERAL.clauses),
        ChapterSpec(
            "virat",
            (
                ClauseSpec("virat.perustaminen", ("KL53-1",)),
                ClauseSpec("virat.virkasuhde", ("KL53-2",)),
                ClauseSpec("virat.tyonantaja", ("KL53-3A",)),
                ClauseSpec("virat.tehtavat", (), _has("shared_duties")),
            ),
        ),
        ChapterSpec(
            "talous",
            (
                ClauseSpec("kustannukset.jakoperuste", ("KL53-3B",)),
                ClauseSpec("kustannukset.talousarvio"),
            ),
        ),
        _final(),
    ),
}


def requirement_specs(kind: str) -> list[tuple[str, ClauseSpec]]:
    """Every requirement an agreement of ``kind`` can satisfy, in outline order, with its clause spec."""
    seen: dict[str, ClauseSpec] = {}
    for chapter in OUTLINES[kind]:
        for spec in chapter.clauses:
            for code in spec.requirements:
                seen.setdefault(code, spec)
    return list(seen.items())
