"""What one council's material says about its municipality, computed once for deck and proposal.

A council sees its seats in the joint body, its share of each agreement's costs, its service point
and the agreements it is asked to approve; the same objects feed every output, so a figure cannot
differ between the deck and the proposal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.model.drift import SeatDrift, seat_drift
from generator.model.entities import Agreement, Case, EmploymentArea, Municipality, Seat, Share


@dataclass(frozen=True)
class Compensation:
    """A 54 § agreement's money: the principal compensates the provider for performing its tasks.

    It is not a cost share of the provider (whose share is nil), so it is never shown as one.
    """

    agreement: Agreement
    payer: Municipality
    payee: Municipality
    euros: int | None
    year: int | None
    illustrative: bool


@dataclass(frozen=True)
class CouncilView:
    municipality: Municipality
    agreements: tuple[Agreement, ...]
    seat: Seat | None
    seat_total: int | None
    body_name: str | None
    shares: tuple[tuple[Agreement, Share], ...]
    service_point: str | None
    to_approve: tuple[Agreement, ...] = ()
    existing: tuple[Agreement, ...] = ()
    posts: tuple[Agreement, ...] = ()
    compensations: tuple[Compensation, ...] = ()
    joint: Agreement | None = None
    drift: SeatDrift | None = None
    drift_seat: Seat | None = None
    own_area: EmploymentArea | None = None  # the employment area whose organ the joint body is
    # When today's amendment changes the composition of a body in force: the seat and total it has
    # now, and the day the amendment's composition applies (a council is told "3, now 4").
    seat_now: Seat | None = None
    seat_total_now: int | None = None
    seats_change_on: date | None = None


def compensation(agreement: Agreement) -> Compensation | None:
    """The compensation one party pays another for the work (a 54 § agreement), if it states costs."""
    flow = agreement.kind.compensation_parties(agreement)
    if flow is None or agreement.cost is None:
        return None
    principal, provider = flow
    budget = agreement.cost.budget
    paid = agreement.cost.share_of(principal.id)
    return Compensation(
        agreement,
        principal,
        provider,
        paid.euros,
        budget.year if budget else None,
        bool(budget and budget.illustrative),
    )


def council_view(case: Case, municipality: Municipality) -> CouncilView:
    mine = tuple(a for a in case.agreements if any(p.id == municipality.id for p in a.parties))
    seat = seat_total = body_name = joint = None
    seat_now = seat_total_now = seats_change_on = None
    for original in mine:
        a = case.current(original)
        if a.composition is not None:
            seat = next(s for s in a.composition.seats if s.municipality.id == municipality.id)
            seat_total = a.composition.total
            body = getattr(a.details, "body", None)
            body_name = (body.composition_name or body.name) if body is not None else None
            joint = a
            amendment = next(
                (x for x in mine if x.kind.amends and getattr(x.details, "amends", None) == original.id), None
            )
            if amendment is not None and original.composition is not None:
                now = next(s for s in original.composition.seats if s.municipality.id == municipality.id)
                if now.seats != seat.seats or original.composition.total != seat_total:
                    seat_now, seat_total_now = now, original.composition.total
                    seats_change_on = amendment.entry_into_force
            break
    drift = seat_drift(case, joint) if joint is not None else None
    # A 54 § agreement's costs are the principal's compensation to the provider, not shares.
    # An agreement in force is not decided on: its costs are not this decision's (nor are they sourced).
    shares = tuple(
        (a, a.cost.share_of(municipality.id))
        for a in mine
        if a.cost is not None and a.kind.compensation_parties(a) is None and not a.existing
    )
    compensations = tuple(c for c in (compensation(a) for a in mine) if c is not None)
    service_point = next(
        (
            getattr(a.details, "service_points", {})[municipality.id]
            for a in mine
            if municipality.id in getattr(a.details, "service_points", {})
        ),
        None,
    )
    to_approve = tuple(a for a in mine if not a.existing)
    return CouncilView(
        municipality,
        mine,
        seat,
        seat_total,
        body_name,
        shares,
        service_point,
        to_approve=to_approve,
        existing=tuple(a for a in mine if a.existing),
        posts=tuple(a for a in to_approve if getattr(a.details, "posts", None)),
        compensations=compensations,
        joint=joint,
        drift=drift,
        drift_seat=drift.of(municipality.id) if drift else None,
        own_area=own_area(case, joint),
        seat_now=seat_now,
        seat_total_now=seat_total_now,
        seats_change_on=seats_change_on,
    )


def own_area(case: Case, joint: Agreement | None) -> EmploymentArea | None:
    """The employment area a joint body is the organ of: one its lead municipality also leads.

    Then the cooperation agreement is the area's own, not an arrangement under another municipality's
    organising responsibility (Act 380/2023 12 §).
    """
    if joint is None or joint.lead is None:
        return None
    return next(
        (a for a in case.employment_areas.values() if a.lead.id == joint.lead.id and joint.lead in a.members), None
    )


def pending(agreements: tuple[Agreement, ...]) -> tuple[Agreement, ...]:
    """The agreements among ``agreements`` that the councils are asked to approve (not yet concluded)."""
    return tuple(a for a in agreements if not a.existing)
