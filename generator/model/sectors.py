"""Fields of municipal work (sectors): what the sector's own law adds to an agreement.

Kuntalaki 49–54 § are the same for every field; what differs is the sector's act: whether
cooperation is statutory (an employment area must reach 20 000 labour force, an environmental
health area 10 person-years), which section lets a municipality give its tasks to another's office
holder (Act 380/2023 13 §, rakentamislaki 103 §) and which words the agreements use. A sector is
data: the bundled ones are listed here, a case may name its own with the statutory basis it rests
on, and the words live in each language pack under ``sectors``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

GENERAL_ID = "general"


@dataclass(frozen=True)
class Sector:
    """A field of cooperation.

    ``statutory``: the law obliges the municipalities to cooperate (a member cannot simply leave).
    ``area_kind``: the statutory cooperation area the agreements belong to ("employment_area").
    ``requirements``: requirement codes the sector's act adds, by (kind, clause id).
    ``name`` and ``statutory_basis``: the user's own words, for a sector the tool does not bundle.
    """

    id: str
    statutory: bool = False
    area_kind: str | None = None
    requirements: Mapping[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    name: str | None = None
    statutory_basis: str | None = None
    bundled: bool = True
    #: Where the sector's act puts the organising responsibility of statutory cooperation (cited
    #: when parties that do not hold it try to give its powers away).
    organiser_citation: str | None = None

    @property
    def knows_basis(self) -> bool:
        """Whether the sector names the act that lays its tasks on municipalities (all but "general")."""
        return self.id != GENERAL_ID

    def requirements_for(self, kind: str, clause_id: str) -> tuple[str, ...]:
        return tuple(self.requirements.get((kind, clause_id), ()))

    def all_requirements(self, kind: str) -> tuple[str, ...]:
        return tuple(code for (k, _), codes in self.requirements.items() if k == kind for code in codes)


GENERAL = Sector(GENERAL_ID)

SECTORS: dict[str, Sector] = {
    s.id: s
    for s in (
        GENERAL,
        Sector(
            "employment_services",
            statutory=True,
            area_kind="employment_area",
            requirements={("authority_task", "sopimuksen_peruste"): ("TVPL13",)},
            organiser_citation="L 380/2023 12–13 §",
        ),
        Sector(
            "building_supervision",
            requirements={
                ("authority_task", "sopimuksen_peruste"): ("RAKL103",),
                ("joint_post", "virat.perustaminen"): ("RAKL103",),
                ("joint_body", "toimielin.tehtavat"): ("RAKL99",),
            },
        ),
        Sector(
            "environmental_health",
            statutory=True,
            requirements={("joint_body", "toimielin.tehtavat"): ("YTH2",)},
        ),
    )
}


def sector_of(value: object) -> Sector:
    """The sector an agreement or case names: a bundled id, or the user's own ``{id, name, statutory_basis}``."""
    if value is None:
        return GENERAL
    if isinstance(value, str):
        return SECTORS[value]
    assert isinstance(value, dict)
    if value["id"] in SECTORS:
        return SECTORS[value["id"]]
    return Sector(
        value["id"],
        bool(value.get("statutory", False)),
        None,
        {},
        value.get("name"),
        value.get("statutory_basis"),
        False,
    )
