"""What an arrangement kind is: typed details, party roles, an outline and the law it must meet.

A kind (a joint body under KuntaL 51 §, an authority-task agreement under 54 §, ...) is the one
place that knows its own data: the schema of its YAML, how that data becomes typed details, which
of its fields name a party in a role, which chapters and clauses its agreement has and which
statutory requirements each clause meets. Everything downstream (rules, composer, council
material) asks the kind instead of switching on its name, so a new kind is its module, its schema
and its templates.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import yaml

from generator.language import labels
from generator.paths import templates_dir

if TYPE_CHECKING:
    from generator.model.entities import Agreement, Municipality
    from generator.model.parse import ParseContext

Condition = Callable[["Agreement"], bool]


@dataclass(frozen=True)
class ClauseSpec:
    """One clause: its stable id, the requirements it satisfies, when it is present and whether its
    text is a standard wording.

    ``absent`` says what a missing conditional clause means for the compliance matrix: usually that
    the requirement does not apply, but for a clause the statute expects the agreement to address
    (otto-oikeus) its absence is reported as missing.
    """

    id: str
    requirements: tuple[str, ...] = ()
    when: Condition | None = None
    absent: str = "not_applicable"
    #: Where the clause's text comes from when the parties have not negotiated it: None for a clause
    #: written from the case's own facts; a tuple of fields for a standard wording (vakiomuotoilu)
    #: that becomes case-specific once the agreement gives one of those fields.
    standard: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ChapterSpec:
    id: str
    clauses: tuple[ClauseSpec, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PartyRole:
    """A field naming one municipality that must be a party: its YAML path and its role's label key."""

    path: tuple[str, ...]
    role: str


class Details:
    """Base of every kind's typed details (a frozen dataclass per kind)."""


class Kind(ABC):
    """An arrangement kind. Subclasses set the class attributes and implement ``parse``."""

    #: The value of ``kind:`` in an agreement file.
    name: ClassVar[str]
    #: The kuntalaki section that governs the kind, e.g. "KuntaL 51 §".
    section: ClassVar[str]
    #: Chapters and clauses of the agreement, in order (a sector may add clauses, see Sector).
    outline: ClassVar[tuple[ChapterSpec, ...]]
    #: Fields that name a municipality which must also be a party.
    party_roles: ClassVar[tuple[PartyRole, ...]] = ()
    #: Statutory content the data must give: requirement code → the fields that give it. The
    #: STATUTE rule reports each missing one at the agreement's ``kind`` line.
    content: ClassVar[Mapping[str, tuple[str, ...]]] = {}
    #: The kuntalaki sections an agreement of the kind rests on (the deck quotes these).
    kuntalaki_sections: ClassVar[frozenset[int]] = frozenset({49})
    #: True for a kind that sets up a joint body (a bilingual party makes it a bilingual authority).
    sets_up_body: ClassVar[bool] = False
    #: True when the agreement gives or exercises a statutory authority's tasks (a statutory
    #: sector's area must then be named, e.g. the employment area).
    authority_tasks: ClassVar[bool] = False
    #: True for a kind that changes another agreement (an amendment): the rules judge the agreement
    #: as amended, so only rules that name this kind judge the amendment itself.
    amends: ClassVar[bool] = False
    #: The JSON Schema of the kind's own properties (an object schema whose ``properties`` and
    #: ``required`` apply besides the common agreement properties); a path under schema/ or a dict.
    schema: ClassVar[str | dict[str, Any]]
    #: A folder holding ``<lang>/kinds/<name>/`` templates and labels, for a kind defined outside
    #: the package (the bundled kinds keep theirs under templates/).
    template_root: ClassVar[Path | None] = None

    @abstractmethod
    def parse(self, data: dict[str, Any], ctx: ParseContext) -> Details:
        """The kind's typed details from schema-valid, reference-checked data."""

    def role_of(self, agreement: Agreement, m: Municipality) -> str:
        """The label key of ``m``'s role in ``agreement`` (lead / member / principal / ...)."""
        if agreement.lead is not None:
            return "lead" if m.id == agreement.lead.id else "member"
        return "member"

    def signatory(self, agreement: Agreement, m: Municipality) -> str:
        """Who signs for ``m``: the municipality (a kind may name the organ that makes the agreement)."""
        return m.official_name

    def approver(self, agreement: Agreement, m: Municipality) -> str:
        """The organ whose decision binds ``m`` to the agreement: its council, unless the kind names
        another (the employment authority that gives 54 § tasks)."""
        return m.council

    def applies(self, agreement: Agreement, code: str) -> bool:
        """Whether requirement ``code`` of the outline applies to this agreement (a supplement meets
        54 § only when it hands over authority tasks)."""
        return True

    def compensation_parties(self, agreement: Agreement) -> tuple[Municipality, Municipality] | None:
        """(payer, payee) when the agreement's money is one party compensating another for work it
        does (a 54 § agreement), not costs the parties share; None for shared costs."""
        return None

    def cited_sections(self, agreement: Agreement) -> frozenset[int]:
        """The kuntalaki sections this agreement rests on (the deck quotes these and no others)."""
        return self.kuntalaki_sections

    def words(self, lang: str) -> dict[str, Any]:
        """The language pack with the kind's own words over it (``kinds/<name>/labels.yaml`` in the
        bundled templates or the kind's own folder): chapter titles and role names it brings."""
        words = dict(labels(lang))
        roots = [templates_dir() / lang] + ([self.template_root / lang] if self.template_root else [])
        for root in roots:
            own = root / "kinds" / self.name / "labels.yaml"
            if own.is_file():
                extra = yaml.safe_load(own.read_text("utf-8")) or {}
                for key, value in extra.items():
                    words[key] = {**words.get(key, {}), **value} if isinstance(value, dict) else value
        return words

    def lead_of(self, data: dict[str, Any], ctx: ParseContext) -> Municipality | None:
        """The lead municipality of an agreement of this kind, if it has one."""
        lead = data.get("lead")
        return ctx.municipality(lead) if isinstance(lead, str) else None
