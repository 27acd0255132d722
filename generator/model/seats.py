"""Seats in a joint body from its composition rule and the parties' populations."""

from __future__ import annotations

import math


def seats_per_started(population: int, per_inhabitants: int, minimum: int) -> int:
    """One member per *started* ``per_inhabitants`` inhabitants, but never fewer than ``minimum``.

    "Alkavaa 1 000 asukasta kohti": 1 219 inhabitants have started two thousands, so two seats.
    """
    return max(minimum, math.ceil(population / per_inhabitants))
