"""The context a kind parses its details in: the registry, the areas, the file and its findings.

Data reaching a kind is schema-valid and its ids resolve (model.references ran first), so parsing
is lookups and conversions; what still cannot be built (a date that does not exist) becomes a
finding at the value's position instead of an exception.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from generator.findings import Finding
from generator.load.yaml_loader import JsonPath, LoadedFile
from generator.model.entities import EmploymentArea, Municipality

_FI_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
# Dates a case can sensibly hold: a typo such as 2108 or 1025 is caught here, not in a writer (a ZIP
# entry cannot be dated after 2107) or as a term of a thousand years.
FIRST_YEAR, LAST_YEAR = 1900, 2099


def parse_date(text: str) -> dt.date:
    """'2025-01-01' or '1.1.2025' → date; raises ValueError for a date that does not exist."""
    match = _FI_DATE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text)


@dataclass
class ParseContext:
    """What parsing one agreement file needs, and where its findings go."""

    loaded: LoadedFile
    registry: dict[str, Municipality]
    areas: dict[str, EmploymentArea]
    findings: list[Finding] = field(default_factory=list)

    def add(self, code: str, path: JsonPath, **params: Any) -> None:
        self.findings.append(Finding(code, "error", self.loaded.position(path), params))

    def municipality(self, municipality_id: str) -> Municipality:
        return self.registry[municipality_id]

    def municipalities(self, ids: list[str] | tuple[str, ...]) -> tuple[Municipality, ...]:
        return tuple(self.registry[m] for m in ids)

    def date(self, text: str, path: JsonPath) -> dt.date | None:
        try:
            when = parse_date(text)
        except ValueError:
            self.add("DATA-DATE", path, value=text)
            return None
        if not FIRST_YEAR <= when.year <= LAST_YEAR:
            self.add("DATA-DATE-RANGE", path, value=text, first=FIRST_YEAR, last=LAST_YEAR)
            return None
        return when


def texts(value: Any) -> tuple[str, ...]:
    """A list of texts (already in the document's language) as a tuple; absent → empty."""
    return tuple(str(v) for v in value or ())
