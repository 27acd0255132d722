"""The neutral document tree: what the writers turn into Word (and, later, other formats).

Nothing in the tree is computed; it carries text already formatted for its language, marked where a
value is illustrative or a placeholder so each writer can show that in its own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Mark = Literal["plain", "illustrative", "placeholder", "strong"]
Change = Literal["ins", "del"] | None


@dataclass(frozen=True)
class Run:
    """Text with one look; ``change`` marks it as inserted or deleted in a redline.

    ``fact`` names the shared fact the text states ("notice:te24"), so the consistency check can
    find that figure again in the written file, whatever the sentence around it says.
    """

    text: str
    mark: Mark = "plain"
    change: Change = None
    fact: str | None = None


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    style: Literal["body", "note", "lead"] = "body"
    change: Change = None  # the whole paragraph (its mark too) was inserted or deleted
    keep_with_next: bool = False  # on the same page as the block after it (Word's keepNext)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class BulletList:
    items: tuple[tuple[Run, ...], ...]
    changes: tuple[Change, ...] = ()  # per item, in a redline


@dataclass(frozen=True)
class Cell:
    runs: tuple[Run, ...]
    numeric: bool = False

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class AltText:
    """What a screen reader says instead of a graphic: a short title and a description that states
    what the graphic shows, with its figures (composed from the same model as the graphic)."""

    title: str
    description: str


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``total`` marks the last row as a sum row."""

    id: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    total: bool = False
    row_changes: tuple[Change, ...] = ()  # per row, in a redline
    header_runs: tuple[tuple[Run, ...], ...] = ()  # a redlined header; empty means the plain header
    alt: AltText | None = None  # a summary for screen readers where the format carries one (slides)
    highlight: tuple[int, ...] = ()  # rows (0-based, below the header) of the reader's own municipality


Block = Paragraph | BulletList | Table


def marks_of(blocks: list[Block]) -> set[str]:
    """Every mark the blocks carry: whether a clause holds illustrative figures or placeholders."""
    found: set[str] = set()
    for block in blocks:
        if isinstance(block, Paragraph):
            found.update(r.mark for r in block.runs)
        elif isinstance(block, BulletList):
            found.update(r.mark for item in block.items for r in item)
        else:
            found.update(r.mark for row in block.rows for c in row for r in c.runs)
    return found


@dataclass
class Clause:
    id: str
    title: str
    requirements: tuple[str, ...]
    blocks: list[Block] = field(default_factory=list)
    negotiated: bool = False  # its text is an override from the YAML, not the template
    title_runs: tuple[Run, ...] = ()  # a redlined title; empty means the plain title
    change: Change = None
    keep_together: bool = False  # its blocks on one page (a decision must not split across pages)
    # Margin notes a review copy shows on the clause's title: what someone must do about it.
    review_notes: tuple[str, ...] = ()
    # Where its text comes from: "case" (written from the case's facts), "standard" (a standard
    # wording the case did not replace), "negotiated" (the parties' own), "amended" (an amendment's).
    provenance: str = "case"


@dataclass
class Chapter:
    id: str
    title: str
    clauses: list[Clause] = field(default_factory=list)


@dataclass(frozen=True)
class Signatory:
    name: str
    lines: tuple[str, ...]


@dataclass
class Document:
    """One agreement as a tree; ``labels`` are the language pack's fixed words for the writers."""

    kind: str
    id: str
    title: str
    status: str
    version: str
    date: str
    lead_paragraphs: list[Paragraph]
    chapters: list[Chapter]
    signatures_title: str
    signatories: list[Signatory]
    labels: dict[str, str]
    notes: list[Paragraph] = field(default_factory=list)
    meta: list[tuple[str, str]] = field(default_factory=list)
    numbered: bool = True

    def clauses(self) -> list[Clause]:
        return [clause for chapter in self.chapters for clause in chapter.clauses]

    def numbered_clauses(self) -> list[tuple[str, Clause]]:
        """Clause numbers as Word's multi-level list shows them (chapter.clause, from 1)."""
        return [
            (f"{i}.{j}", clause)
            for i, chapter in enumerate(self.chapters, start=1)
            for j, clause in enumerate(chapter.clauses, start=1)
        ]
