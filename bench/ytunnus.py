"""Synthetic business IDs (Y-tunnus) with a valid check digit.

The validator rejects a wrong check digit, so a benchmark that wants the "business ID present" code
paths needs valid ones. They are drawn from 9000000–9999999, a range chosen to stay clear of the IDs
municipalities actually hold (which start with 0–2), so none of them should be mistaken for real.
"""

from __future__ import annotations

import random

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def check_digit(digits: str) -> int | None:
    """The check digit of seven digits, or None when the remainder is 1 (no valid ID has that body)."""
    remainder = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


def synthetic_business_id(rng: random.Random) -> str:
    """'9123456-7': a random body in the synthetic range and its check digit; remainder 1 is redrawn."""
    while True:
        digits = str(rng.randint(9_000_000, 9_999_999))
        check = check_digit(digits)
        if check is not None:
            return f"{digits}-{check}"
