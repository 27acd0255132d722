"""Turn a captioned table, a named chart or an agreement's prose into (fact key, value, where)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator


@dataclass(frozen=True)
class Observation:
    key: str
    value: str
    where: str


def clean(text: str) -> str:
    """Cell text as the facts store it: marks and spacing of any kind removed."""
    return " ".join(text.replace("*", "").replace("\u00a0", " ").split())


def from_table(caption: str, rows: list[list[str]], total_label: str, titles: dict[str, str], where: str) -> Iterator[Observation]:
    kind, _, agreement_id = caption.partition(":")
    body = [[clean(c) for c in row] for row in rows[1:]]
    label = f"{where}, {caption}"
    for row in body:
        if not row:
            continue
        name = row[0]
        if kind == "seats":
            yield Observation(f"seats:{agreement_id}:{name}", row[-1], f"{label}, {name}")
        elif kind == "shares":
            if name != total_label:
                yield Observation(f"share:{agreement_id}:{name}", row[2], f"{label}, {name}")
            if len(row) >= 4:
                yield Observation(f"euros:{agreement_id}:{name}", row[3], f"{label}, {name}")
        elif kind == "parties":
            yield Observation(f"business_id:{name}", row[1], f"{label}, {name}")
        elif kind == "terms":
            agreement = titles.get(name, f"?{name}")
            yield Observation(f"entry:{agreement}", row[1], f"{label}, {name}")
            if row[3] != "–":
                yield Observation(f"notice:{agreement}", row[3], f"{label}, {name}")


_PROSE = (
    ("notice", re.compile(r"Irtisanomisaika on (\d+ kuukau(?:tta|si))")),
    ("entry", re.compile(r"Sopimus tulee voimaan (\d{1,2}\.\d{1,2}\.\d{4})")),
)


def from_agreement_text(agreement_id: str, text: str, where: str) -> Iterator[Observation]:
    text = clean(text)
    for kind, pattern in _PROSE:
        for match in pattern.finditer(text):
            yield Observation(f"{kind}:{agreement_id}", match.group(1), f"{where}, teksti")
