"""Joint posts (yhteinen virka) under KuntaL 53 §: an office holder who serves every party.

The posts are established by identical decisions of all parties (1 mom.); the holder is in office
with each of them (2 mom.); the agreement must name the party that carries the employer's
obligations and state the basis and division of costs (3 mom.).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.model.entities import Agreement, Municipality
from generator.model.kinds import common
from generator.model.kinds.base import ChapterSpec, ClauseSpec, Details, Kind, PartyRole
from generator.model.parse import ParseContext, texts


@dataclass(frozen=True)
class Post:
    title: str
    count: int
    illustrative: bool = False


@dataclass(frozen=True)
class JointPostDetails(Details):
    posts: tuple[Post, ...]
    employer: Municipality | None = None
    shared_duties: str | None = None
    established_by_identical_decisions: bool | None = None
    qualifications: str | None = None
    workplaces: tuple[str, ...] = ()


class JointPost(Kind):
    name = "joint_post"
    section = "KuntaL 53 §"
    schema = "kinds/joint_post.schema.json"
    party_roles = (PartyRole(("employer",), "employer"),)
    content = {"KL53-3A": ("employer",), "KL53-3B": ("cost",)}
    kuntalaki_sections = frozenset({49, 53})
    outline = (
        ChapterSpec("yleista", (*common.GENERAL, common.DEPENDENCIES)),
        ChapterSpec(
            "virat",
            (
                ClauseSpec("virat.perustaminen", ("KL53-1",)),
                ClauseSpec("virat.virkasuhde", ("KL53-2",)),
                ClauseSpec("virat.tyonantaja", ("KL53-3A",)),
                ClauseSpec("virat.tehtavat", (), lambda a: bool(getattr(a.details, "shared_duties", None))),
                ClauseSpec("virat.toimivalta", (), standard=()),
                ClauseSpec("virat.kelpoisuus", (), standard=("qualifications",)),
                ClauseSpec("virat.tyoskentelypaikat", (), lambda a: bool(getattr(a.details, "workplaces", ()))),
            ),
        ),
        common.staff_and_premises(),
        common.costs("KL53-3B"),
        common.ADMIN,
        common.final(),
    )

    def parse(self, data: dict[str, Any], ctx: ParseContext) -> JointPostDetails:
        return JointPostDetails(
            posts=tuple(Post(p["title"], p["count"], p.get("illustrative", False)) for p in data["posts"]),
            employer=ctx.municipality(data["employer"]) if "employer" in data else None,
            shared_duties=data.get("shared_duties"),
            established_by_identical_decisions=data.get("established_by_identical_decisions"),
            qualifications=data.get("qualifications"),
            workplaces=texts(data.get("workplaces")),
        )

    def role_of(self, agreement: Agreement, m: Municipality) -> str:
        assert isinstance(agreement.details, JointPostDetails)
        employer = agreement.details.employer
        return "employer" if employer is not None and m.id == employer.id else "partner"
