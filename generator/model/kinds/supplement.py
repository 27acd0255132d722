"""A supplementary agreement (täydentävä sopimus): new tasks for an existing joint body.

It extends a KuntaL 51 § cooperation agreement in force (its ``base_agreement``), so it answers to
52 § for the tasks and costs it adds; when it also hands over authority tasks it must say so and
meet 54 § (``applies_section_54``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.model.kinds import common
from generator.model.kinds.base import ChapterSpec, ClauseSpec, Details, Kind, PartyRole
from generator.model.parse import ParseContext, texts


@dataclass(frozen=True)
class SupplementDetails(Details):
    base_agreement: str
    tasks: tuple[str, ...] = ()
    applies_section_54: bool | None = None
    coordination: str | None = None
    operating_model: tuple[str, ...] = ()
    local_service: tuple[str, ...] = ()
    monitoring: tuple[str, ...] = ()
    service_points: dict[str, str] = field(default_factory=dict)


def _applies_54(a: Any) -> bool:
    return isinstance(a.details, SupplementDetails) and bool(a.details.applies_section_54)


def _organiser_elsewhere(a: Any) -> bool:
    """The tasks are statutory and their organiser (the area's lead) is not a party: the agreement
    must say it transfers neither organising responsibility nor powers (KuntaL 8 §)."""
    area = a.employment_area
    return area is not None and a.sector.statutory and not a.has_party(area.lead.id)


def _has(name: str) -> Any:
    return lambda a: bool(getattr(a.details, name, None))


class Supplement(Kind):
    name = "supplement"
    section = "KuntaL 51 §"
    schema = "kinds/supplement.schema.json"
    party_roles = (PartyRole(("lead",), "lead"),)
    content = {"KL52-1": ("tasks",), "KL52-3": ("cost",), "KL52-4": ("term", "termination")}
    kuntalaki_sections = frozenset({49, 51})
    sets_up_body = True
    authority_tasks = True
    outline = (
        ChapterSpec(
            "yleista",
            (
                *common.GENERAL,
                common.DEPENDENCIES,
                ClauseSpec("taydennettava_sopimus", ("KL49", "KL51")),
                common.AREA,
            ),
        ),
        ChapterSpec(
            "tehtavat",
            (
                ClauseSpec("tehtavat.jarjestamisvastuu", ("KL52-1-8",), _organiser_elsewhere),
                ClauseSpec("tehtavat.sisalto", ("KL52-1", "KL54-2A")),
                ClauseSpec("tehtavat.koordinointi", (), _has("coordination")),
                ClauseSpec("tehtavat.soveltaminen_54", ("KL54-1",), _applies_54),
                ClauseSpec("tehtavat.toimintamalli", (), _has("operating_model")),
                ClauseSpec("tehtavat.lahipalvelu", (), _has("local_service")),
                ClauseSpec("tehtavat.seuranta", ("KL54-2B",)),
            ),
        ),
        common.staff_and_premises(),
        common.costs("KL52-3", "KL54-2C"),
        common.ADMIN,
        common.final("KL52-4", "KL54-2D"),
    )

    def parse(self, data: dict[str, Any], ctx: ParseContext) -> SupplementDetails:
        return SupplementDetails(
            base_agreement=data["base_agreement"],
            tasks=texts(data.get("tasks")),
            applies_section_54=data.get("applies_section_54"),
            coordination=data.get("coordination"),
            operating_model=texts(data.get("operating_model")),
            local_service=texts(data.get("local_service")),
            monitoring=texts(data.get("monitoring")),
            service_points=dict(data.get("service_points", {})),
        )

    def applies(self, agreement: Any, code: str) -> bool:
        return not code.startswith("KL54") or _applies_54(agreement)

    def cited_sections(self, agreement: Any) -> frozenset[int]:
        return self.kuntalaki_sections | ({54} if _applies_54(agreement) else frozenset())
