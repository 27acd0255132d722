"""The neutral tree of a council slide deck: slides with text blocks, charts, a diagram, a timeline.

Like the agreement tree it carries formatted text and plain numbers only; the pptx writer decides
how they look. Each chart and table has an id (``seats:<agreement>``) that the consistency check
uses to find the same fact in every output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from generator.compose.tree import AltText, Block, Run, Table


@dataclass(frozen=True)
class Chart:
    id: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    number_format: str
    kind: Literal["column", "bar"] = "column"
    alt: AltText | None = None


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    row: int


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str


@dataclass(frozen=True)
class Diagram:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    alt: AltText | None = None


@dataclass(frozen=True)
class Milestone:
    label: str
    date: str
    illustrative: bool


@dataclass
class Slide:
    id: str
    layout: Literal["title", "content", "visual"]
    title: str
    title_runs: tuple[Run, ...] = ()  # the title with its marks (a fact it states); ``title`` is its text
    blocks: list[Block] = field(default_factory=list)
    subtitle: str = ""
    chart: Chart | None = None
    table: Table | None = None
    diagram: Diagram | None = None
    timeline: tuple[Milestone, ...] = ()
    notes: str = ""
    timeline_alt: AltText | None = None


@dataclass
class Deck:
    id: str
    title: str
    municipality_id: str
    slides: list[Slide]
    labels: dict[str, object]
