"""Finnish presentation of dates, numbers, euros and percentages.

Finnish typography separates thousands with a space and decimals with a comma. The space is a
no-break space so that a figure never wraps across lines in a legal text.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"


def fi_date(value: dt.date) -> str:
    """21.3.2016: day and month without leading zeros, as Finnish documents write them."""
    return f"{value.day}.{value.month}.{value.year}"


def fi_number(value: int | float | Decimal, decimals: int = 0) -> str:
    """1 234,5 with a no-break space for thousands and a comma for decimals."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):f}"
    whole, _, frac = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = NBSP.join(groups)
    if decimals:
        out += "," + frac
    return sign + out


def fi_percent(hundredths: int) -> str:
    """A share kept as hundredths of a percent (2353 → '23,53 %')."""
    return fi_number(Decimal(hundredths) / 100, 2) + NBSP + "%"


def fi_euro(value: int | float | Decimal) -> str:
    """Whole euros, '1 234 €', the way budgets in agreements are stated."""
    return fi_number(value, 0) + NBSP + "€"
