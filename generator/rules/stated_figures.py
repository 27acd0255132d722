"""Figures a free text states — notice period, entry into force, cost shares, seats — set against the
agreement's computed facts.

Why: a negotiated wording replaces a clause's text, not the case's facts. If it says "Irtisanomisaika
on 3 kuukautta" while the data say 12, the agreement contradicts its own other clauses, the council
material and the manifest; validate must say so at the override, before anything is written.

One rule for every kind of figure, so the check stays general rather than a list of phrasings:
the text is cut into phrases (at sentence punctuation, a comma followed by a space, a line break);
in a phrase, a figure ("3 kuukautta", "1.2.2025", "20 %", "5 jäsentä") is a claim about the fact an
*anchor* word names ("irtisanomisaika", "voimaan", a party's name, "yhteensä"): the nearest anchor
before it, or after it when the phrase opens with a figure ("6 kuukauden irtisanomisajalla"), and
only the first figure an anchor meets. A party's name outranks a word for the whole
("Mallila valitsee toimielimeen 5 jäsentä" is about Mallila). A figure with no anchor in its
phrase is not a claim about this agreement's facts ("johtoryhmään kuuluu 5 jäsentä") and is left
alone: a missed contradiction is a review point, a false one would block a correct draft.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from generator.formats import fi_date, fi_number
from generator.language import labels, months
from generator.model.entities import Agreement, Municipality

_PHRASE_BREAK = re.compile(r"(?<=[.!?;:])\s+|,\s+|\n+")
_DATE = re.compile(
    r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b|\b(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})\b"
)


@dataclass(frozen=True)
class Anchor:
    """A word that names a fact, the model's value of that fact and how to name it in a message."""

    pattern: re.Pattern[str]
    value: Any
    what_fi: str
    what_en: str
    rank: int = 1  # 0 for a party's name: in a phrase that names a party, figures are the party's


@dataclass(frozen=True)
class FigureKind:
    """One kind of figure: how it is written (in a language), read and shown, and which facts it can state."""

    name: str
    figure: Callable[[str], re.Pattern[str]]
    parse: Callable[[re.Match[str]], Any]
    show: Callable[[Any, str], str]
    field: str  # the YAML the model's value comes from: the fix hint
    anchors: Callable[[Agreement, str], list[Anchor]]


@dataclass(frozen=True)
class Contradiction:
    kind: str
    stated: str
    expected: str
    what_fi: str
    what_en: str
    field: str


@cache
def _pattern(lang: str, key: str) -> str:
    """One of the pack's figure patterns (``figures`` in templates/<lang>/labels.yaml)."""
    return str(labels(lang)["figures"][key])


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{pattern})", re.IGNORECASE)


def _stem(m: Municipality, lang: str) -> str:
    """The part of a name every inflected form shares: 'Mallijärvi'/'Mallijärven' → 'mallijärv'
    (Finnish, from the registry's genitive); a Swedish name inflects only by a final -s."""
    name = m.name.casefold()
    if lang != "fi":
        return name
    genitive = m.genitive.casefold()
    n = 0
    while n < min(len(name), len(genitive)) and name[n] == genitive[n]:
        n += 1
    return name[: max(n, min(len(name), 3))]


def _party_anchors(a: Agreement, lang: str, value: Callable[[Municipality], Any], fi: str, en: str) -> list[Anchor]:
    """One anchor per party, its name's stem; a stem that is another's prefix yields to the longer one."""
    stems = {m.id: _stem(m, lang) for m in a.parties}
    anchors = []
    for m in a.parties:
        stem = stems[m.id]
        # 'Ii' must not claim 'Iisalmen': a longer stem that begins with this one keeps its words.
        longer = "".join(f"(?!{re.escape(s[len(stem) :])})" for s in stems.values() if s != stem and s.startswith(stem))
        pattern = re.compile(rf"\b{re.escape(stem)}{longer}\w*", re.IGNORECASE)
        anchors.append(Anchor(pattern, value(m), fi.format(name=m.name), en.format(name=m.name), rank=0))
    return anchors


def _date(match: re.Match[str]) -> dt.date | None:
    day, month, year = (match["d"], match["m"], match["y"]) if match["d"] else (match["id"], match["im"], match["iy"])
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _notice_anchors(a: Agreement, lang: str) -> list[Anchor]:
    if a.termination is None:
        return []
    return [
        Anchor(
            _words(_pattern(lang, "notice_anchor")), a.termination.notice_months, "irtisanomisaika", "the notice period"
        )
    ]


def _entry_anchors(a: Agreement, lang: str) -> list[Anchor]:
    return [
        Anchor(_words(_pattern(lang, "entry_anchor")), a.entry_into_force, "voimaantulopäivä", "the entry into force")
    ]


def _share_anchors(a: Agreement, lang: str) -> list[Anchor]:
    if a.cost is None:
        return []
    cost = a.cost
    parties = _party_anchors(
        a,
        lang,
        lambda m: Decimal(cost.share_of(m.id).hundredths) / 100,
        "kunnan {name} kustannusosuus",
        "{name}'s cost share",
    )
    return parties + [
        Anchor(_words(_pattern(lang, "total_anchor")), Decimal(100), "osuudet yhteensä", "the shares in total")
    ]


def _seat_anchors(a: Agreement, lang: str) -> list[Anchor]:
    comp = a.composition
    if comp is None:
        return []
    seats = {s.municipality.id: s.seats for s in comp.seats}
    whole = _pattern(lang, "total_anchor") + "|" + _pattern(lang, "body_anchor")
    body = getattr(a.details, "body", None)
    name = getattr(body, "composition_name", None)
    if name:
        # Its inflected forms too: 'seutuvaltuusto' → 'seutuvaltuustossa', 'seutuvaltuustoon'.
        whole += "|" + re.escape(str(name)[:-1])
    return _party_anchors(a, lang, lambda m: seats[m.id], "kunnan {name} jäsenmäärä", "{name}'s seats") + [
        Anchor(_words(whole), comp.total, "toimielimen jäsenmäärä", "the body's number of members")
    ]


KINDS: tuple[FigureKind, ...] = (
    FigureKind(
        "notice",
        lambda lang: re.compile(rf"\b(\d+)\s*(?:{_pattern(lang, 'notice_unit')})", re.IGNORECASE),
        lambda m: int(m[1]),
        lambda n, lang: months(n, lang),
        "termination.notice_months",
        _notice_anchors,
    ),
    FigureKind("entry", lambda lang: _DATE, _date, lambda d, lang: fi_date(d), "entry_into_force", _entry_anchors),
    FigureKind(
        "share",
        lambda lang: re.compile(rf"(?<![\d,])(\d+(?:,\d+)?)\s*(?:{_pattern(lang, 'percent_unit')})", re.IGNORECASE),
        lambda m: Decimal(m[1].replace(",", ".")),
        lambda v, lang: f"{fi_number(v, 2)} %",
        "cost_sharing",
        _share_anchors,
    ),
    FigureKind(
        "seats",
        lambda lang: re.compile(rf"\b(\d+)\s+(?:{_pattern(lang, 'seats_unit')})", re.IGNORECASE),
        lambda m: int(m[1]),
        lambda n, lang: str(n),
        "composition",
        _seat_anchors,
    ),
)


def _phrases(text: str) -> Iterator[str]:
    return (p for p in _PHRASE_BREAK.split(text) if p.strip())


def _pairs(phrase: str, kind: FigureKind, anchors: list[Anchor], lang: str) -> Iterator[tuple[Anchor, re.Match[str]]]:
    """(anchor, figure) pairs of one phrase: each figure with the nearest anchor before it, or after
    it when the phrase starts with a figure ('6 kuukauden irtisanomisajalla'); one figure an anchor."""
    figures = list(kind.figure(lang).finditer(phrase))
    found = sorted(
        ((match.span(), anchor) for anchor in anchors for match in anchor.pattern.finditer(phrase)), key=lambda f: f[0]
    )
    if not figures or not found:
        return
    best_rank = min(anchor.rank for _, anchor in found)
    found = [(span, anchor) for span, anchor in found if anchor.rank == best_rank]
    anchor_first = found[0][0][0] < figures[0].start()
    taken: set[tuple[int, int]] = set()
    for figure in figures:
        if anchor_first:
            before = [f for f in found if f[0][1] <= figure.start()]
            chosen = before[-1] if before else None
        else:
            after = [f for f in found if f[0][0] >= figure.end()]
            chosen = after[0] if after else None
        if chosen is None or chosen[0] in taken:
            continue
        taken.add(chosen[0])
        yield chosen[1], figure


def contradictions(agreement: Agreement, text: str, lang: str) -> list[Contradiction]:
    """Every figure in ``text`` (written in ``lang``) that states one of the agreement's facts and
    differs from the model."""
    out = []
    for kind in KINDS:
        anchors = kind.anchors(agreement, lang)
        if not anchors:
            continue
        for phrase in _phrases(text):
            for anchor, match in _pairs(phrase, kind, anchors, lang):
                stated = kind.parse(match)
                if stated is not None and stated != anchor.value:
                    out.append(
                        Contradiction(
                            kind.name,
                            match[0].strip(),
                            kind.show(anchor.value, lang),
                            anchor.what_fi,
                            anchor.what_en,
                            kind.field,
                        )
                    )
    return out
