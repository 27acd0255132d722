"""Turn a captioned table, a named chart or anchored running text into (fact key, value, where)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from generator.contract import clean


@dataclass(frozen=True)
class Observation:
    key: str
    value: str | None  # None: the place where the fact should stand was not found
    where: str


def _cell(row: list[str], index: int) -> str | None:
    """A cell of a row, or None where a hand-edited table has fewer columns (the fact is then unread)."""
    return row[index] if -len(row) <= index < len(row) else None


def from_table(
    caption: str, rows: list[list[str]], total_label: str, titles: dict[str, str], where: str
) -> Iterator[Observation]:
    kind, _, agreement_id = caption.partition(":")
    body = [[clean(c) for c in row] for row in rows[1:]]
    label = f"{where}, {caption}"
    # The share is the last column of percentages (an agreed fixed share has no separate figure
    # column), and the euros, if any, follow it.
    width = min((len(row) for row in body if row), default=0)
    percent = [c for c in range(1, width) if all(row[c].endswith("%") for row in body if row)]
    share_col = percent[-1] if percent else 2
    for row in body:
        if not row:
            continue
        name = row[0]
        if kind == "seats":
            # The last two columns are members and deputies (the table's shape in every output).
            members, deputies = (_cell(row, -2), _cell(row, -1)) if len(row) >= 3 else (None, None)
            yield Observation(f"seats:{agreement_id}:{name}", members, f"{label}, {name}")
            yield Observation(f"deputies:{agreement_id}:{name}", deputies, f"{label}, {name}")
        elif kind == "shares":
            if name != total_label and len(row) > share_col:
                yield Observation(f"share:{agreement_id}:{name}", row[share_col], f"{label}, {name}")
            if len(row) > share_col + 1:
                yield Observation(f"euros:{agreement_id}:{name}", row[share_col + 1], f"{label}, {name}")
        elif kind == "money" and row is body[-1]:
            # The last row is the net effect; its last column the full year, the headline figure.
            yield Observation(f"net:{agreement_id}", row[-1].replace("\u2212", "-"), f"{label}, {name}")
        elif kind == "parties":
            yield Observation(f"business_id:{name}", _cell(row, 1), f"{label}, {name}")
        elif kind == "terms":
            agreement = titles.get(name, f"?{name}")
            yield Observation(f"entry:{agreement}", _cell(row, 1), f"{label}, {name}")
            if _cell(row, 3) not in ("–", None):
                yield Observation(f"notice:{agreement}", row[3], f"{label}, {name}")


def identify(
    found: list[tuple[str | None, list[list[str]]]], expected: Sequence[Mapping[str, object]], where: str
) -> Iterator[tuple[str, list[list[str]] | None]]:
    """The file's tables by id: by caption, or, without one, the next expected table whose header the
    table's first row repeats. An expected table found nowhere comes back with no rows."""
    pending = [t for t in expected if t["id"] not in {caption for caption, _ in found}]
    seen = set()
    for caption, rows in found:
        if caption is None and rows:
            header = [clean(c) for c in rows[0]]
            match = next((t for t in pending if t["header"] == header), None)
            if match is not None:
                pending.remove(match)
                caption = str(match["id"])
        if caption is not None:
            seen.add(caption)
            yield caption, rows
    for table in pending:
        if table["id"] not in seen:
            yield str(table["id"]), None


_TRAILING = ".,;:)"


def _places(texts: list[str], before: str | None, after: str | None) -> list[tuple[str, str]]:
    """Every place the anchor stands, in document order, as (text before it, text after it)."""
    marker = before if before is not None else after
    places: list[tuple[str, str]] = []
    if marker is None:
        return places
    for text in texts:
        start = text.find(marker)
        while start >= 0:
            places.append((text[:start], text[start + len(marker) :]))
            start = text.find(marker, start + 1)
    return places


def _stated(place: tuple[str, str], before: str | None, size: int) -> str:
    """The ``size`` words the place holds where the fact stands (after ``before``, or else before ``after``)."""
    words = place[1].split()[:size] if before is not None else place[0].split()[-size:]
    return " ".join(words).rstrip(_TRAILING)


def from_anchors(
    paragraphs: list[str], anchors: Sequence[Mapping[str, str]], facts: dict[str, str], where: str
) -> Iterator[Observation]:
    """Facts stated in running text, found next to their anchors (see compose.anchors).

    Anchors with the same text are matched to the places that text stands, in order, when there are
    as many places as anchors (the same sentence on two slides is then checked twice). Otherwise a
    fact is confirmed if its anchor and value stand together anywhere, and reported with the words
    next to its anchor if not. An anchor found nowhere yields no value: the text was rewritten.
    """
    texts = [clean(p) for p in paragraphs]
    groups: dict[tuple[str | None, str | None], list[Mapping[str, str]]] = {}
    for anchor in anchors:
        groups.setdefault((anchor.get("before"), anchor.get("after")), []).append(anchor)
    for (before, after), group in groups.items():
        places = _places(texts, before, after)
        label = f"{where}: ”{before if before is not None else after}”"
        for index, anchor in enumerate(group):
            expected = facts.get(anchor["fact"], "")
            size = max(1, len(expected.split()))
            if not places:
                yield Observation(anchor["fact"], None, label)
            elif len(places) == len(group):
                yield Observation(anchor["fact"], _stated(places[index], before, size), label)
            else:
                stated = [_stated(place, before, size) for place in places]
                yield Observation(anchor["fact"], expected if expected in stated else stated[0], label)
