"""The case as typed objects. Computed facts live here, once, so every writer shows the same figure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from generator.load.yaml_loader import LoadedFile

Kind = Literal["joint_body", "supplement", "authority_task", "joint_post"]
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

    def latest_population(self) -> Figure:
        return self.populations[max(self.populations)]

    def latest_labour_force(self) -> Figure | None:
        return self.labour_force[max(self.labour_force)] if self.labour_force else None


@dataclass(frozen=True)
class EmploymentArea:
    """An employment area (työllisyysalue) under Act 380/2023 12 §, with its lead and members."""

    id: str
    name: str
    lead: Municipality
    authority: str
    members: tuple[Municipality, ...]
    exception_14: str | None


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
    basis: Basis
    year: int | None
    source: str | None
    note: str | None
    illustrative: bool
    budget: Budget | None
    shares: tuple[Share, ...]

    def share_of(self, municipality_id: str) -> Share:
        return next(s for s in self.shares if s.municipality.id == municipality_id)


@dataclass(frozen=True)
class Seat:
    municipality: Municipality
    population: Figure | None
    seats: int


@dataclass(frozen=True)
class Composition:
    rule: Literal["per_started_inhabitants", "fixed_per_party"]
    per_inhabitants: int | None
    minimum: int | None
    members_per_party: int | None
    population_year: int
    declared_total: int | None
    seats: tuple[Seat, ...]

    @property
    def total(self) -> int:
        return sum(s.seats for s in self.seats)


@dataclass(frozen=True)
class HistoryEvent:
    when: str
    event: str


@dataclass
class Agreement:
    """Fields every agreement kind has; the kind-specific ones sit in ``details``."""

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
    details: dict[str, object] = field(default_factory=dict)
    lead: Municipality | None = None
    composition: Composition | None = None
    history: tuple[HistoryEvent, ...] = ()
    base: Agreement | None = None
    languages: tuple[str, ...] = ()  # the first is the official version, the others translations
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
    councils: tuple[Municipality, ...] = ()
    schedule: tuple[ScheduleStep, ...] = ()
    administrative_court: str | None = None
    proposal_title: str | None = None
    deck_template: Path | None = None  # the municipality's own .pptx; None means the bundled one
    base_language: str = "fi"  # the case's own language (plain texts are in it); ``language`` is this model's
    # The case in every language its documents use, each built from the data in that language.
    versions: dict[str, Case] = field(default_factory=dict)

    def agreement(self, agreement_id: str) -> Agreement:
        return next(a for a in self.agreements if a.id == agreement_id)


@dataclass(frozen=True)
class ScheduleStep:
    step: str
    date: dt.date
    illustrative: bool = False
