"""The contract between the composer and the read-back: how a shared fact is named and compared.

A fact's key names what it is ("seats:yhteistoimintasopimus:Mallila"); the manifest records, for
each output, where its running text states facts (anchors: the words just before a figure) and the
tables it places (their ids and headers). The composer writes these and ``readback`` reads them, so
both import this module and neither imports the other.
"""

from __future__ import annotations

from typing import TypedDict


class AnchorRecord(TypedDict, total=False):
    """Where running text states a fact: the text before it (or, at a paragraph's start, after it)."""

    fact: str
    before: str
    after: str


class TableRecord(TypedDict):
    """A table an output places: its id and its cleaned header (how it is found without its caption)."""

    id: str
    header: list[str]


def fact_key(kind: str, agreement_id: str, who: str | None = None) -> str:
    """A shared fact's name: 'notice:te24', 'seats:yhteistoimintasopimus:Mallila' (who is a name or 'total')."""
    return f"{kind}:{agreement_id}" + (f":{who}" if who is not None else "")


def clean(text: str) -> str:
    """Text as facts are compared: no illustrative asterisks, no-break spaces as spaces, spacing collapsed."""
    return " ".join(text.replace("*", "").replace("\u2060", "").replace("\u00a0", " ").split())
