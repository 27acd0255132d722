"""Seat rules: declared seats equal the computed ones, no party below its minimum, current data."""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Finding
from generator.law.catalogue import finding
from generator.model.build import composition_seats
from generator.model.entities import Agreement, Case, Seat
from generator.rules.registry import agreement_rule


def seat_detail(seats: tuple[Seat, ...]) -> str:
    return " + ".join(f"{s.municipality.name} {s.seats}" for s in seats)


def _latest_common_year(a: Agreement) -> int | None:
    years = set.intersection(*(set(m.populations) for m in a.parties))
    return max(years) if years else None


@agreement_rule("SEAT-DECLARED", "SEAT-MIN", as_written=True)
def composition(case: Case, a: Agreement) -> Iterator[Finding]:
    """Declared seats equal the computed ones and no party is below the minimum, in every file."""
    comp = a.composition
    if comp is None:
        return
    src = a.source
    if comp.declared_total is not None and comp.declared_total != comp.total:
        yield finding(
            "SEAT-DECLARED",
            src.position(("composition", "declared_total")),
            declared=comp.declared_total,
            computed=comp.total,
            detail=seat_detail(comp.seats),
        )
    declared = src.data["composition"].get("declared_seats", {})
    minimum = comp.minimum or comp.members_per_party or 1
    for seat in comp.seats:
        if seat.municipality.id not in declared:
            continue
        value = declared[seat.municipality.id]
        where = src.position(("composition", "declared_seats", seat.municipality.id))
        if value < minimum:
            yield finding("SEAT-MIN", where, name=seat.municipality.name, declared=value, minimum=minimum)
        elif value != seat.seats:
            yield finding(
                "SEAT-DECLARED",
                where,
                declared=value,
                computed=seat.seats,
                detail=f"{seat.municipality.name} {seat.seats}",
            )


@agreement_rule("SEAT-AGE")
def seat_age(case: Case, a: Agreement) -> Iterator[Finding]:
    """Seats counted from old populations, in the agreement as the councils would leave it."""
    comp = a.composition
    if comp is None or comp.rule != "per_started_inhabitants" or comp.population_year is None:
        return  # only seats counted from populations go out of date
    src = a.source
    age = case.version.date.year - comp.population_year
    latest = _latest_common_year(a)
    if age > case.population_max_age_years and latest is not None and latest > comp.population_year:
        recomputed = composition_seats(src.data["composition"], a.parties, latest)
        assert recomputed is not None
        yield finding(
            "SEAT-AGE",
            src.position(("composition", "population_year")),
            year=comp.population_year,
            age=age,
            limit=case.population_max_age_years,
            total=comp.total,
            latest_year=latest,
            latest_total=sum(s.seats for s in recomputed),
            latest_detail=seat_detail(recomputed),
        )
