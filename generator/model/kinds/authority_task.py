"""An agreement on performing an authority task (KuntaL 54 §): one municipality's office holders
perform tasks of another municipality, under official liability.

The principal keeps the task and its organising responsibility; the provider's office holders
exercise the powers the agreement lists. 54 § 2 mom. requires the task's content, the monitoring of
how it is performed, the basis and division of costs and the term and termination.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.model.entities import Agreement, Municipality
from generator.model.kinds import common
from generator.model.kinds.base import ChapterSpec, ClauseSpec, Details, Kind, PartyRole
from generator.model.parse import ParseContext, texts


@dataclass(frozen=True)
class Principal:
    """The municipality whose task it is, the organ that gives it and, optionally, its role in words."""

    municipality: Municipality
    authority: str
    role: str | None = None


@dataclass(frozen=True)
class Provider:
    """The municipality whose office holders perform the task, its unit and the office holders."""

    municipality: Municipality
    office_holders: str
    unit: str | None = None


@dataclass(frozen=True)
class PostCount:
    """A post by its title (virkanimike) and how many there are."""

    title: str
    count: int
    illustrative: bool = False


@dataclass(frozen=True)
class Power:
    """A power given to the provider's office holders: what it is, the act that lays it on the
    principal, and the posts whose holders exercise it."""

    power: str
    basis: str
    posts: tuple[PostCount, ...]


@dataclass(frozen=True)
class AuthorityTaskDetails(Details):
    principal: Principal
    provider: Provider
    area: tuple[Municipality, ...]
    tasks: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    monitoring: tuple[str, ...] = ()
    statutory_basis: str | None = None
    delegable_to_office_holder: bool | None = None
    powers: tuple[Power, ...] = ()
    service_level: tuple[str, ...] = ()
    language_service: str | None = None

    @property
    def scope(self) -> tuple[str, ...]:
        """What the agreement gives: its powers if it lists them, else its tasks (54 § 2 mom.)."""
        return tuple(p.power for p in self.powers) or self.tasks


class AuthorityTask(Kind):
    name = "authority_task"
    section = "KuntaL 54 §"
    schema = "kinds/authority_task.schema.json"
    party_roles = (
        PartyRole(("principal", "municipality"), "principal"),
        PartyRole(("provider", "municipality"), "provider"),
    )
    content = {
        "KL54-2A": ("scope",),
        "KL54-2B": ("monitoring",),
        "KL54-2C": ("cost",),
        "KL54-2D": ("term", "termination"),
    }
    kuntalaki_sections = frozenset({49, 54})
    authority_tasks = True
    outline = (
        ChapterSpec("yleista", (*common.GENERAL, common.DEPENDENCIES, ClauseSpec("sopimuksen_peruste"), common.AREA)),
        ChapterSpec(
            "tehtavat",
            (
                ClauseSpec("tehtavat.sisalto", ("KL54-2A",)),
                ClauseSpec("tehtavat.rajaukset", (), lambda a: bool(getattr(a.details, "excluded", ()))),
                ClauseSpec("tehtavat.toimivallan_siirto", ("KL54-1",), standard=()),
                ClauseSpec("tehtavat.virkavastuu", ("KL54-1",)),
                ClauseSpec("tehtavat.paatoksenteko", ("KL90", "KL97"), standard=()),
                ClauseSpec("tehtavat.palvelutaso", (), lambda a: bool(getattr(a.details, "service_level", ()))),
                ClauseSpec("tehtavat.seuranta", ("KL54-2B",)),
            ),
        ),
        common.staff_and_premises(),
        common.costs("KL54-2C"),
        ChapterSpec(
            "hallinto",
            (
                ClauseSpec("tiedonsaanti"),
                ClauseSpec("asiakirjat", standard=()),
                ClauseSpec("kieli", ("KIELI10",), standard=("language_service",)),
                common.LIABILITY,
            ),
        ),
        common.final("KL54-2D"),
    )

    def parse(self, data: dict[str, Any], ctx: ParseContext) -> AuthorityTaskDetails:
        principal, provider = data["principal"], data["provider"]
        return AuthorityTaskDetails(
            principal=Principal(
                ctx.municipality(principal["municipality"]), principal["authority"], principal.get("role")
            ),
            provider=Provider(
                ctx.municipality(provider["municipality"]), provider["office_holders"], provider.get("unit")
            ),
            area=ctx.municipalities(data["area"]),
            tasks=texts(data.get("tasks")),
            excluded=texts(data.get("excluded")),
            monitoring=texts(data.get("monitoring")),
            statutory_basis=data.get("statutory_basis"),
            delegable_to_office_holder=data.get("delegable_to_office_holder"),
            powers=tuple(
                Power(
                    p["power"],
                    p["basis"],
                    tuple(PostCount(q["title"], q["count"], q.get("illustrative", False)) for q in p["posts"]),
                )
                for p in data.get("powers", ())
            ),
            service_level=texts(data.get("service_level")),
            language_service=data.get("language_service"),
        )

    def role_of(self, agreement: Agreement, m: Municipality) -> str:
        assert isinstance(agreement.details, AuthorityTaskDetails)
        return "principal" if m.id == agreement.details.principal.municipality.id else "provider"

    def signatory(self, agreement: Agreement, m: Municipality) -> str:
        """The principal signs through the organ that gives the tasks (for employment services the
        employment authority itself, Act 380/2023 13 § 2 mom.)."""
        assert isinstance(agreement.details, AuthorityTaskDetails)
        principal = agreement.details.principal
        return f"{m.official_name} / {principal.authority}" if m.id == principal.municipality.id else m.official_name

    def approver(self, agreement: Agreement, m: Municipality) -> str:
        assert isinstance(agreement.details, AuthorityTaskDetails)
        principal = agreement.details.principal
        return principal.authority if m.id == principal.municipality.id else m.council

    def compensation_parties(self, agreement: Agreement) -> tuple[Municipality, Municipality] | None:
        assert isinstance(agreement.details, AuthorityTaskDetails)
        return agreement.details.principal.municipality, agreement.details.provider.municipality
