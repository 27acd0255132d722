"""A joint body (yhteinen toimielin) under KuntaL 51–52 §: one municipality's organ for all parties.

The lead municipality (vastuukunta) hosts the body; the agreement must state the body's tasks and,
where needed, the transfer of organising responsibility (8 §), its composition and the others' right
to elect members, the basis and division of costs and the term and termination (52 § 1 mom.); it
may exclude the lead board's right to take up the body's decisions (52 § 2 mom.).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.model.kinds import common
from generator.model.kinds.base import ChapterSpec, ClauseSpec, Details, Kind, PartyRole
from generator.model.parse import ParseContext, texts


@dataclass(frozen=True)
class Body:
    name: str
    form: str
    composition_name: str | None = None


@dataclass(frozen=True)
class OrganisingResponsibility:
    """The tasks whose organising responsibility moves to the lead (KuntaL 8 §) and which of the five
    8 § 2 mom. duties the lead answers for (availability, needs, production, supervision, authority)."""

    tasks: str
    covers: tuple[str, ...]


@dataclass(frozen=True)
class PreparatoryBody:
    name: str
    members: str


@dataclass(frozen=True)
class Chair:
    """How the chair and vice-chair are chosen: from the lead's members (``lead``), in turn among
    the parties (``rotating``) or by the body itself (``elected``); the vice-chair likewise or from
    the other parties' members (``other_parties``)."""

    chair: str
    vice_chair: str | None = None


@dataclass(frozen=True)
class JointBodyDetails(Details):
    body: Body
    tasks: tuple[str, ...]
    presenter: str
    additional_tasks_by_council_approval: bool = False
    organising_responsibility: OrganisingResponsibility | None = None
    preparatory_body: PreparatoryBody | None = None
    deputy_presenter: str | None = None
    right_of_take_up: str | None = None  # "retained" | "excluded" | None (the agreement is silent)
    chair: Chair | None = None
    decision_making: tuple[str, ...] = ()


def body_of(data: dict[str, Any]) -> Body:
    body = data["body"]
    return Body(body["name"], body["form"], body.get("composition_name"))


class JointBody(Kind):
    name = "joint_body"
    section = "KuntaL 51 §"
    schema = "kinds/joint_body.schema.json"
    party_roles = (PartyRole(("lead",), "lead"),)
    content = {
        "KL52-1": ("tasks",),
        "KL52-2": ("composition",),
        "KL52-3": ("cost",),
        "KL52-4": ("term", "termination"),
    }
    kuntalaki_sections = frozenset({49, 51})
    sets_up_body = True
    authority_tasks = True
    outline = (
        ChapterSpec(
            "yleista",
            (*common.GENERAL, common.DEPENDENCIES, ClauseSpec("vastuukunta", ("KL49", "KL51")), common.AREA),
        ),
        ChapterSpec(
            "toimielin",
            (
                ClauseSpec("toimielin.asema", ("KL51",)),
                ClauseSpec("toimielin.tehtavat", ("KL52-1",)),
                ClauseSpec(
                    "toimielin.jarjestamisvastuu",
                    ("KL52-1-8",),
                    lambda a: (
                        isinstance(a.details, JointBodyDetails) and a.details.organising_responsibility is not None
                    ),
                ),
                ClauseSpec("toimielin.kokoonpano", ("KL52-2",)),
                ClauseSpec("toimielin.jasenten_valinta", ("KL51-2", "KL52-2", "TASA4A")),
                ClauseSpec("toimielin.puheenjohtaja", (), standard=("chair",)),
                ClauseSpec("toimielin.valmistelu"),
                ClauseSpec("toimielin.paatoksenteko", ("KL90", "KL137"), standard=("decision_making",)),
                ClauseSpec(
                    "toimielin.otto_oikeus",
                    ("KL52-OTTO",),
                    lambda a: isinstance(a.details, JointBodyDetails) and a.details.right_of_take_up is not None,
                    absent="missing",
                ),
            ),
        ),
        common.staff_and_premises(),
        common.costs("KL52-3"),
        common.ADMIN,
        common.final("KL52-4"),
    )

    def parse(self, data: dict[str, Any], ctx: ParseContext) -> JointBodyDetails:
        organising = data.get("organising_responsibility")
        preparatory = data.get("preparatory_body")
        return JointBodyDetails(
            body=body_of(data),
            tasks=texts(data.get("tasks")),
            presenter=data["presenter"],
            additional_tasks_by_council_approval=bool(data.get("additional_tasks_by_council_approval")),
            organising_responsibility=OrganisingResponsibility(organising["tasks"], tuple(organising.get("covers", ())))
            if organising
            else None,
            preparatory_body=PreparatoryBody(preparatory["name"], preparatory["members"]) if preparatory else None,
            deputy_presenter=data.get("deputy_presenter"),
            right_of_take_up=data.get("right_of_take_up"),
            chair=Chair(data["chair"]["chair"], data["chair"].get("vice_chair")) if "chair" in data else None,
            decision_making=texts(data.get("decision_making")),
        )
