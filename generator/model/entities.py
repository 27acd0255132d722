"""The case as typed objects. Computed facts live here, once, so every writer shows the same figure.

What every agreement has (parties, dates, term, costs, sector) is a field of ``Agreement``; what one
arrangement kind has (a joint body's tasks, a 54 § agreement's principal) is that kind's typed
``details`` (see ``model.kinds``), so nothing downstream reads an untyped dictionary.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from generator.load.yaml_loader import LoadedFile

if TYPE_CHECKING:
    from generator.model.kinds.base import Details, Kind
    from generator.model.sectors import Sector

Basis = Literal["customers", "population", "labour_force", "fixed"]


@dataclass(frozen=True)
class Figure:
    """A yearly statistic with its source; ``illustrative`` marks a value the sources don't give."""

    year: int
    value: int
    source: str
    illustrative: bool = False


@dataclass(frozen=True)
class Municipality:
    id: str
    name: str
    genitive: str
    official_name: str
    business_id: str | None
    language: str
    council: str
    board: str | None
    populations: dict[int, Figure]
    labour_force: dict[int, Figure]
    neighbours: tuple[str, ...] = ()
    preparer: str | None = None

    @property
    def bilingual(self) -> bool:
        return "-" in self.language

    @property
    def languages(self) -> tuple[str, ...]:
        """Its official languages, the majority language first ('fi-sv' → fi, sv)."""
        return tuple(self.language.split("-"))

    def latest_population(self) -> Figure:
        return self.populations[max(self.populations)]

    def latest_labour_force(self) -> Figure | None:
        return self.labour_force[max(self.labour_force)] if self.labour_force else None

    def __hash__(self) -> int:
        return hash(self.id)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Municipality) and other.id == self.id


@dataclass(frozen=True)
class Decision:
    """A Council of State decision on an employment area, by date and record number: a permit for an
    area below 20 000 (Act 383/2023 4 §) or the decision that formed an area (Act 380/2023 16 §)."""

    date: dt.date
    record_number: str | None  # None: not known yet, shown as to be checked
    illustrative: bool = False


@dataclass(frozen=True)
class EmploymentArea:
    """An employment area (työllisyysalue) under Act 380/2023 12 §: members, organiser and authority.

    The organiser is the lead municipality whose joint body is the employment authority; ``agreement``
    is the title of the area's own cooperation agreement when the case knows it (its id in ``agreement_id``).
    """

    id: str
    name: str
    lead: Municipality
    authority: str
    members: tuple[Municipality, ...]
    permit: Decision | None = None
    formed_by: Decision | None = None
    agreement_id: str | None = None
    agreement_title: str | None = None
    agreement_date: dt.date | None = None
    agreement_file: str | None = None  # the file the agreement's title was read from (by its id)
    # The area's own labour-force figure, where the sources give the area's and not each member's.
    own_labour_force: Figure | None = None

    def labour_force(self) -> Figure | None:
        """The area's labour force: its own figure, or the sum of each member's latest; None if a member lacks one."""
        if self.own_labour_force is not None:
            return self.own_labour_force
        figures = [m.latest_labour_force() for m in self.members]
        if not all(figures):
            return None
        known = [f for f in figures if f is not None]
        return Figure(
            max(f.year for f in known),
            sum(f.value for f in known),
            "; ".join(dict.fromkeys(f.source for f in known)),
            any(f.illustrative for f in known),
        )


@dataclass(frozen=True)
class Version:
    number: str
    date: dt.date
    status: str


@dataclass(frozen=True)
class Term:
    indefinite: bool
    end: dt.date | None = None


@dataclass(frozen=True)
class Termination:
    notice_months: int
    effective: Literal["end_of_calendar_year", "after_notice"]
    illustrative: bool = False


@dataclass(frozen=True)
class Budget:
    amount: int
    year: int
    illustrative: bool = False


@dataclass(frozen=True)
class Share:
    """One party's part of the costs: its figure under the basis, its percentage and its euros."""

    municipality: Municipality
    figure: Decimal | None
    figure_illustrative: bool
    hundredths: int
    euros: int | None
    no_share_reason: str | None = None


@dataclass(frozen=True)
class CostSharing:
    """How costs are shared: the basis and its figures, and — operatively — what the shared costs
    are (``covers``), what is deducted first (``net_of``) and how the key is kept current."""

    basis: Basis
    year: int | None
    source: str | None
    note: str | None
    illustrative: bool
    budget: Budget | None
    shares: tuple[Share, ...]
    covers: tuple[str, ...] = ()
    net_of: tuple[str, ...] = ()
    key_update: str | None = None
    # Who carries the difference when a compensation (54 §) falls short of the costs, in the
    # agreement's words; without it the party performing the tasks does (see model.money).
    shortfall: str | None = None

    def share_of(self, municipality_id: str) -> Share:
        return next(s for s in self.shares if s.municipality.id == municipality_id)


@dataclass(frozen=True)
class Seat:
    municipality: Municipality
    population: Figure | None
    seats: int
    deputies: int = 0


SeatRule = Literal["per_started_inhabitants", "fixed_per_party", "seat_table"]


@dataclass(frozen=True)
class Composition:
    """A joint body's members by party, and their deputies.

    ``rule`` says how the seats were set: one per started ``per_inhabitants`` inhabitants with a
    ``minimum`` (computed from ``population_year``), the same ``members_per_party`` for everyone, or
    an agreed ``seat_table``. Deputies are one per member unless the agreement says otherwise.
    """

    rule: SeatRule
    per_inhabitants: int | None
    minimum: int | None
    members_per_party: int | None
    population_year: int | None
    declared_total: int | None
    seats: tuple[Seat, ...]
    deputies_per_member: int = 1
    basis_text: str | None = None  # the agreed rule in words, for a seat table (e.g. one per 5 000 employed)
    # Counted afresh for each council term (population_year is the current term's year), so the
    # agreement need not be amended when populations change.
    recount_each_term: bool = False

    @property
    def total(self) -> int:
        return sum(s.seats for s in self.seats)

    @property
    def deputies_total(self) -> int:
        return sum(s.deputies for s in self.seats)


@dataclass(frozen=True)
class HistoryEvent:
    when: str
    event: str


@dataclass(frozen=True)
class ReliedTerm:
    """A term of an agreement in force that the case relies on, as its source states it."""

    text: str
    source: str
    clause: str | None = None  # the matching clause id here, when an amendment changes it
    number: str | None = None  # the clause's number in the original, if the sources give it
    title: str | None = None


@dataclass(frozen=True)
class InForce:
    """An agreement in force, described rather than redrafted: where its facts come from, the signed
    original (attached to the outputs when the case gives its path) and the terms relied on."""

    source: str
    original: Path | None = None
    terms: tuple[ReliedTerm, ...] = ()

    def term_for(self, clause_id: str) -> ReliedTerm | None:
        """The relied-on term that corresponds to clause ``clause_id`` of the tool's outline, if any."""
        return next((t for t in self.terms if t.clause == clause_id), None)

    def number_of(self, clause_id: str) -> str | None:
        term = self.term_for(clause_id)
        return term.number if term is not None else None


@dataclass(frozen=True)
class Dependency:
    """An agreement this one rests on, and what happens to this one if that one ends."""

    agreement_id: str | None
    title: str
    date: dt.date | None
    on_end: str | None  # "ends" | "renegotiate" | None (not agreed)
    note: str | None = None
    agreement: Agreement | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Invoicing:
    advances: str | None = None  # monthly | quarterly | yearly
    due_days: int | None = None
    settlement: str | None = None


@dataclass(frozen=True)
class Override:
    """A negotiated wording of one clause: the parties' own text (and optionally title)."""

    text: str
    title: str | None = None


@dataclass
class Agreement:
    """Fields every agreement kind has; the kind's own ones are its typed ``details``."""

    id: str
    kind: Kind
    title: str
    parties: tuple[Municipality, ...]
    purpose: str | None
    signed: dt.date | None
    entry_into_force: dt.date
    term: Term | None
    termination: Termination | None
    cost: CostSharing | None
    source: LoadedFile
    details: Details
    sector: Sector
    lead: Municipality | None = None
    composition: Composition | None = None
    history: tuple[HistoryEvent, ...] = ()
    base: Agreement | None = None
    employment_area: EmploymentArea | None = None
    overrides: dict[str, Override] = field(default_factory=dict)
    disputes_forum: str | None = None
    in_force: InForce | None = None
    depends_on: tuple[Dependency, ...] = ()
    staff: tuple[str, ...] = ()
    premises: tuple[str, ...] = ()
    liability: tuple[str, ...] = ()
    dissolution: tuple[str, ...] = ()
    invoicing: Invoicing | None = None
    open_questions: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # the first is the official version, the others translations
    equally_authentic: bool = False  # every language version is equally valid (bilingual parties)
    # Already concluded on the case's version date (see ``concluded``): in force or signed, so the
    # councils receive it as the existing agreement, never for approval again.
    existing: bool = False

    def concluded(self, on: dt.date) -> bool:
        """Signed by ``on``; or, with no signing date recorded, in force by ``on``.

        An agreement enters into force only once it has been signed (the DATE-SIGN rule), so an
        entry into force on or before the version date means the parties concluded it earlier.
        """
        if self.signed is not None:
            return self.signed <= on
        return self.entry_into_force <= on

    @property
    def output_stem(self) -> str:
        return self.id

    def gives(self, name: str) -> bool:
        """Whether the agreement gives field ``name`` (a common field or its kind's), non-empty."""
        value = getattr(self, name) if hasattr(self, name) else getattr(self.details, name, None)
        return bool(value) if isinstance(value, (tuple, list, dict, str)) else value is not None

    def has_party(self, municipality_id: str) -> bool:
        return any(p.id == municipality_id for p in self.parties)

    def role_of(self, m: Municipality) -> str:
        return self.kind.role_of(self, m)


@dataclass(frozen=True)
class ScheduleStep:
    step: str
    date: dt.date
    illustrative: bool = False


@dataclass(frozen=True)
class BeforeAfter:
    """Today against the new arrangement, row by row (who organises, who serves, where)."""

    before: str
    after: str
    rows: tuple[tuple[str, str, str], ...]  # (aspect, before, after)


@dataclass(frozen=True)
class Briefing:
    """What the council material says beyond the agreements: why now, and what changes."""

    reasons: tuple[str, ...] = ()
    before_after: BeforeAfter | None = None


@dataclass
class Case:
    id: str
    title: str
    language: str
    version: Version
    prepared_by: Municipality | None
    municipalities: dict[str, Municipality]
    agreements: list[Agreement]
    inputs: list[LoadedFile]
    employment_areas: dict[str, EmploymentArea] = field(default_factory=dict)
    population_max_age_years: int = 2
    registry_source: LoadedFile | None = None
    referenced_registries: tuple[LoadedFile, ...] = ()  # municipalities.yaml of the cases this one refers to
    councils: tuple[Municipality, ...] = ()
    schedule: tuple[ScheduleStep, ...] = ()
    administrative_court: str | None = None
    proposal_title: str | None = None
    briefing: Briefing = field(default_factory=Briefing)
    elections: bool = False  # the proposals elect the joint body's members (and the lead its chair)
    deck_template: Path | None = None  # the municipality's own .pptx; None means the bundled one
    record_number: str | None = None  # the case's diaarinumero in the records system, for the metadata
    base_language: str = "fi"  # the case's own language (plain texts are in it); ``language`` is this model's
    # The case in every language its documents use, each built from the data in that language.
    versions: dict[str, Case] = field(default_factory=dict)
    # Agreements in force that an amendment of the case changes: the version it would leave, by id.
    amended: dict[str, Agreement] = field(default_factory=dict)
    # Agreements of the cases this one refers to (an employment area's own agreement, say).
    referenced_agreements: tuple[Agreement, ...] = ()

    def every_agreement(self) -> tuple[Agreement, ...]:
        """This case's agreements and those of the cases it refers to."""
        return (*self.agreements, *self.referenced_agreements)

    def current(self, agreement: Agreement) -> Agreement:
        """``agreement`` as the councils would leave it: amended, if the case amends it."""
        return self.amended.get(agreement.id, agreement)

    def agreement(self, agreement_id: str) -> Agreement:
        return next(a for a in self.agreements if a.id == agreement_id)

    def version_in(self, lang: str) -> Case:
        """This case as documents in ``lang`` show it (itself when no other version was built)."""
        return self.versions.get(lang, self)
