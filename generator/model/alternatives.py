"""What each party would pay under every cost basis the case has data for.

A council weighs the chosen basis against the others; the figures use the same largest-remainder
division as the agreement, over the latest year every party has data for.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.model.entities import Agreement, Municipality
from generator.model.shares import PERCENT_HUNDREDTHS, largest_remainder


@dataclass(frozen=True)
class Alternative:
    basis: str
    year: int | None
    weights: tuple[Decimal, ...]
    hundredths: tuple[int, ...]
    euros: tuple[int, ...] | None
    illustrative: bool


def _latest_common(parties: tuple[Municipality, ...], attribute: str) -> int | None:
    years = [set(getattr(m, attribute)) for m in parties]
    common = set.intersection(*years) if years else set()
    return max(common) if common else None


def alternatives(agreement: Agreement) -> list[Alternative]:
    """The chosen basis first (with the agreement's own year), then every basis with data for its
    latest year: the chosen basis with newer figures, then the other bases."""
    cost = agreement.cost
    assert cost is not None
    parties = agreement.parties
    chosen = tuple(s.figure or Decimal(0) for s in cost.shares)
    options = [
        _alternative(
            cost.basis, cost.year, chosen, cost, cost.illustrative or any(s.figure_illustrative for s in cost.shares)
        )
    ]
    for basis, attribute in (("population", "populations"), ("labour_force", "labour_force")):
        year = _latest_common(parties, attribute)
        # The chosen basis again when newer figures exist: what the same basis gives today is the
        # alternative a council most needs to see.
        if year is None or (basis == cost.basis and year == cost.year):
            continue
        figures = [getattr(m, attribute)[year] for m in parties]
        weights = tuple(Decimal(f.value) for f in figures)
        options.append(_alternative(basis, year, weights, cost, any(f.illustrative for f in figures)))
    return options


def _alternative(basis: str, year: int | None, weights: tuple[Decimal, ...], cost, illustrative: bool) -> Alternative:
    euros = tuple(largest_remainder(weights, cost.budget.amount)) if cost.budget else None
    return Alternative(basis, year, weights, tuple(largest_remainder(weights, PERCENT_HUNDREDTHS)), euros, illustrative)
