"""Seats under the composition rule with the latest populations, when the agreement's year is old.

The agreement fixes the population year its seats are computed from; councils must still be told
when newer figures would give another composition. The computation is ``composition_seats``, the
same one the agreement's seats come from (and the SEAT-AGE rule's).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.build import composition_seats
from generator.model.entities import Agreement, Case, Seat


@dataclass(frozen=True)
class SeatDrift:
    """The seats the agreement's rule would give with ``year``'s populations, and their total."""

    year: int
    seats: tuple[Seat, ...]

    @property
    def total(self) -> int:
        return sum(s.seats for s in self.seats)

    def of(self, municipality_id: str) -> Seat:
        return next(s for s in self.seats if s.municipality.id == municipality_id)


def latest_common_population_year(agreement: Agreement) -> int | None:
    years = [set(m.populations) for m in agreement.parties]
    common = set.intersection(*years) if years else set()
    return max(common) if common else None


def seat_drift(case: Case, agreement: Agreement) -> SeatDrift | None:
    """The recomputed seats if the population year is older than the case allows and they differ."""
    comp = agreement.composition
    if comp is None or comp.rule != "per_started_inhabitants" or comp.population_year is None:
        return None
    age = case.version.date.year - comp.population_year
    latest = latest_common_population_year(agreement)
    if age <= case.population_max_age_years or latest is None or latest <= comp.population_year:
        return None
    seats = composition_seats(agreement.source.data["composition"], agreement.parties, latest)
    if seats is None or [s.seats for s in seats] == [s.seats for s in comp.seats]:
        return None
    return SeatDrift(latest, seats)
