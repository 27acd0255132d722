"""Dividing a whole (100 % or a budget) by weights so that the rounded parts add up exactly.

Largest remainder (Hamilton): each part gets the floor of its exact quota, and the units left over
go to the largest fractional remainders, ties to the earlier party. The agreement says so in words,
so a council can redo the arithmetic by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction


def largest_remainder(weights: Sequence[Decimal | int | Fraction], total_units: int) -> list[int]:
    """Split ``total_units`` in proportion to ``weights``; the result always sums to ``total_units``."""
    fractions = [Fraction(w) for w in weights]
    weight_sum = sum(fractions, Fraction(0))
    if weight_sum <= 0:
        raise ValueError("weights must have a positive sum")
    quotas = [w * total_units / weight_sum for w in fractions]
    floors = [q.numerator // q.denominator for q in quotas]
    left = total_units - sum(floors)
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return floors


PERCENT_HUNDREDTHS = 10_000
