"""What one council's material says about its municipality, computed once for deck and proposal.

A council sees its seats in the joint body, its share of each agreement's costs, its service point
and the agreements it is asked to approve; the same objects feed every output, so a figure cannot
differ between the deck and the proposal.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.entities import Agreement, Case, Municipality, Seat, Share


@dataclass(frozen=True)
class CouncilView:
    municipality: Municipality
    agreements: tuple[Agreement, ...]
    seat: Seat | None
    seat_total: int | None
    body_name: str | None
    shares: tuple[tuple[Agreement, Share], ...]
    service_point: str | None


def council_view(case: Case, municipality: Municipality) -> CouncilView:
    mine = tuple(a for a in case.agreements if any(p.id == municipality.id for p in a.parties))
    seat = seat_total = body_name = None
    for a in mine:
        if a.composition is not None:
            seat = next(s for s in a.composition.seats if s.municipality.id == municipality.id)
            seat_total = a.composition.total
            body_name = a.details["body"].get("composition_name") or a.details["body"]["name"]
            break
    shares = tuple((a, a.cost.share_of(municipality.id)) for a in mine if a.cost is not None)
    service_point = next((a.details["service_points"][municipality.id] for a in mine
                          if municipality.id in a.details.get("service_points", {})), None)
    return CouncilView(municipality, mine, seat, seat_total, body_name, shares, service_point)


def council_agreements(case: Case) -> tuple[Agreement, ...]:
    """Agreements every council of the case is party to: the ones all decks and proposals present."""
    ids = {m.id for m in case.councils}
    return tuple(a for a in case.agreements if ids <= {p.id for p in a.parties})
