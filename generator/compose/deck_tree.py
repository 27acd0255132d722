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
    highlight: tuple[int, ...] = ()  # categories of the reader's own municipality
    # Each value's label as the slide prints it ("9,51 %"), so the chart reads the same as the table
    # whatever the viewer's locale (PowerPoint would format the number by the presentation laptop's).
    value_labels: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    row: int


@dataclass(frozen=True)
class Edge:
    """An agreement binding two boxes: its name (``label``), its section in small type (``detail``),
    and whether this council approves it today."""

    source: str
    target: str
    label: str
    detail: str = ""
    today: bool = False


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
    # The headline in large type above the body (the council's net figure on the decision slide).
    callout: tuple[Run, ...] = ()
    appendix: bool = False  # background after the sources slide, not part of the ten-minute briefing


@dataclass
class Deck:
    id: str
    title: str
    municipality_id: str
    slides: list[Slide]
    labels: dict[str, object]
