"""Deck tree → .pptx: PresentationML serialised directly, on the template's own layouts and look.

Titles and texts sit in real placeholders of the template's layouts (found by layout type, in any
language) and inherit their font, colour and size from the master: one body size per deck. What the
writer draws itself — tables, charts, the contract diagram, the timeline, a headline — goes inside
the content area the template's "title and content" layout gives, in theme colours (``schemeClr``)
and theme fonts, at sizes taken from the master's text styles (``pptx_geometry``). A slide whose
text would overflow its placeholder continues on the next slide rather than shrinking its type.

Charts are native PowerPoint charts with their data in an embedded workbook; the contract diagram
is native shapes joined by glued connectors; every slide carries its number and, when it shows an
illustrative figure, the legend in the footer. Chart and table shapes are named after their tree
ids ("chart:seats:…") so the consistency check can read the same facts back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.compose.deck_tree import Chart, Deck, Diagram, Milestone, Slide
from generator.compose.records import Records
from generator.compose.tree import AltText, Block, BulletList, Paragraph, Run, Table
from generator.paths import templates_dir
from generator.write import pptx_text as tx
from generator.write.ooxml_parts import (
    CT_RELS,
    LANG_TAGS,
    PROPERTY_TYPES,
    REL,
    XML_HEAD,
    content_types,
    esc,
    package_rels,
    property_parts,
    relationships,
)
from generator.write.pptx_a11y import Box, bounds, cnvpr, group
from generator.write.pptx_chart import chart_parts
from generator.write.pptx_geometry import MasterStyle, Rect
from generator.write.pptx_skeleton import Layout, Placeholder, PptxSkeleton, find_placeholder, pptx_skeleton
from generator.write.zip_writer import Deflated, zip_package

PT = tx.PT
GAP = 228600  # a quarter inch between a visual and its caption, or between boxes

_NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_PML = "application/vnd.openxmlformats-officedocument.presentationml"
_CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
_CT_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"  # PowerPoint's built-in Medium Style 2 – Accent 1
_GROUP = (
    '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>'
    '<a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
)
# The reader's own municipality: its table row and chart bar in a tint of the theme's second accent.
OWN_FILL = (
    '<a:solidFill><a:schemeClr val="accent2"><a:lumMod val="40000"/><a:lumOff val="60000"/></a:schemeClr></a:solidFill>'
)
# Boxes of the diagram: a pale tint of the first accent, the joint body in the accent itself.
BOX_FILL = (
    '<a:solidFill><a:schemeClr val="accent1"><a:lumMod val="20000"/><a:lumOff val="80000"/></a:schemeClr></a:solidFill>'
)


def base_template() -> Path:
    return templates_dir() / "pptx" / "base.pptx"


_RANGE = re.compile(r"(?<=\d)([\u2013-])(?=\d)")


def _glued(text: str) -> str:
    """'1.3.2021–31.12.2024' kept on one line: a word joiner after a dash between figures, where a
    renderer would otherwise break the range in two."""
    return _RANGE.sub("\\1\u2060", text) if ("\u2013" in text or "-" in text) else text


def _scheme(role: str) -> str:
    return f'<a:solidFill><a:schemeClr val="{role}"/></a:solidFill>'


def _xfrm(x: int, y: int, cx: int, cy: int, tag: str = "a:xfrm", flip: str = "") -> str:
    return f'<{tag}{flip}><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></{tag}>'


@dataclass(frozen=True)
class Frame:
    """The template's geometry and type scale, as one deck is written with them."""

    width: int
    height: int
    master: MasterStyle
    content: Layout
    area: Rect  # where visuals go: the content layout's body box
    # The deck's one body size: the master's, or a smaller step of its scale when the master's body
    # size cannot hold the decision on one slide (a 4:3 master with 32 pt text).
    body_size: int | None = None

    @property
    def body(self) -> int:
        return self.body_size or self.master.body_size

    @property
    def body_run_size(self) -> int | None:
        """The size body text is written with: none (the master's) unless the deck steps down."""
        return self.body_size if self.body_size and self.body_size != self.master.body_size else None

    @property
    def headline(self) -> int:
        """The decision slide's headline: the master's title size, or, when the deck steps its body
        size down, the step of the scale at most half as large again as the body."""
        if self.body_run_size is None:
            return self.master.title_size
        return self.master.at_most(self.body * 1.5)[0]

    @property
    def caption(self) -> int:
        """Captions and labels: the largest of the master's sizes at most four fifths of the body size
        (16 pt beside 20 pt body text), so a caption reads as one and leaves the visual its room."""
        return self.master.at_most(self.body * 0.8)[0]

    @property
    def small(self) -> int:
        return self.master.sizes[-1]


def frame_of(skeleton: PptxSkeleton) -> Frame:
    assert skeleton.master is not None, "the template has no slide master"
    content = skeleton.layouts["content"]
    body = find_placeholder(content.placeholders, idx="1") or find_placeholder(
        content.placeholders, (None, "body", "obj")
    )
    rect = content.rect(body)
    if rect is None:
        margin = skeleton.width // 20
        rect = (margin, skeleton.height // 4, skeleton.width - 2 * margin, skeleton.height * 3 // 5)
    return Frame(skeleton.width, skeleton.height, skeleton.master, content, rect)


@dataclass
class _SlideWriter:
    """Shapes of one slide, with the running shape id and the charts it links to."""

    lang: str
    frame: Frame
    shapes: list[str] = field(default_factory=list)
    charts: list[tuple[Chart, int]] = field(default_factory=list)
    next_id: int = 2
    illustrative: bool = False  # the slide shows an illustrative figure: it carries the legend

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    # --- text ----------------------------------------------------------------------------------

    def run(
        self, text: str, size: int | None = None, bold: bool = False, italic: bool = False, color: str | None = None
    ) -> str:
        attrs = (
            f' lang="{self.lang}"'
            + (f' sz="{size}"' if size else "")
            + (' b="1"' if bold else "")
            + (' i="1"' if italic else "")
        )
        props = f"<a:rPr{attrs}>{_scheme(color)}</a:rPr>" if color else f"<a:rPr{attrs}/>"
        # A star marks an illustrative figure wherever it stands: the slide then carries the legend.
        self.illustrative = self.illustrative or "*" in text
        return f"<a:r>{props}<a:t>{esc(_glued(text))}</a:t></a:r>"

    def runs(self, runs: tuple[Run, ...], size: int | None = None, bold: bool = False) -> str:
        """Illustrative figures are italic and starred, to-be-checked values bold italic, as in the
        agreements, but without colours of their own: the template's colours are the only ones."""
        out = []
        for r in runs:
            if r.mark == "illustrative":
                self.illustrative = True
            out.append(
                self.run(
                    r.text,
                    size,
                    bold=bold or r.mark in ("strong", "placeholder"),
                    italic=r.mark in ("illustrative", "placeholder"),
                )
            )
        return "".join(out)

    @staticmethod
    def paragraph(content: str, align: str | None = None, bullet: bool = True, level: int = 0) -> str:
        props = (f' algn="{align}"' if align else "") + ("" if bullet else ' marL="0" indent="0"')
        props += f' lvl="{level}"' if level else ""
        children = "" if bullet else "<a:buNone/>"
        ppr = f"<a:pPr{props}>{children}</a:pPr>" if children else (f"<a:pPr{props}/>" if props else "")
        return f"<a:p>{ppr}{content}</a:p>"

    # --- shapes --------------------------------------------------------------------------------

    def placeholder(self, ph: Placeholder, name: str, paragraphs: str, rect: Rect | None = None) -> None:
        """A placeholder that inherits its box from the layout, or takes ``rect`` (below a headline)."""
        geometry = f"<p:spPr>{_xfrm(*rect)}</p:spPr>" if rect else "<p:spPr/>"
        self.shapes.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self._id()}" name="{esc(name)}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr>{ph.xml}</p:nvPr></p:nvSpPr>{geometry}<p:txBody><a:bodyPr wrap="square"/><a:lstStyle/>'
            f"{paragraphs}</p:txBody></p:sp>"
        )

    def slide_number(self, ph: Placeholder, number: int) -> None:
        self.shapes.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self._id()}" name="Slide Number"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
            f"</p:cNvSpPr><p:nvPr>{ph.xml}</p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>"
            f'<a:p><a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum"><a:rPr lang="{self.lang}"/>'
            f"<a:t>{number}</a:t></a:fld></a:p></p:txBody></p:sp>"
        )

    def group(self, start: int, name: str, alt: AltText | None, box: Box) -> None:
        """The shapes written since ``start`` as one group with the graphic's alternative text."""
        members, self.shapes[start:] = self.shapes[start:], []
        self.shapes.append(group(self._id(), name, alt, members, box))

    def _frame(self, name: str, x: int, y: int, cx: int, cy: int, graphic: str, alt: AltText | None = None) -> None:
        self.shapes.append(
            f"<p:graphicFrame><p:nvGraphicFramePr>{cnvpr(self._id(), name, alt)}<p:cNvGraphicFramePr>"
            '<a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
            f"{_xfrm(x, y, cx, cy, 'p:xfrm')}<a:graphic>{graphic}</a:graphic></p:graphicFrame>"
        )

    def chart(self, chart: Chart, x: int, y: int, cx: int, cy: int) -> None:
        self.charts.append((chart, self.frame.caption))
        rel = f"rIdChart{len(self.charts)}"
        self._frame(
            f"chart:{chart.id}",
            x,
            y,
            cx,
            cy,
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
            f'<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="{rel}"/></a:graphicData>',
            chart.alt,
        )

    def table(self, table: Table, x: int, y: int, fit: TableFit) -> None:
        numeric = [all(row[c].numeric for row in table.rows) for c in range(len(table.header))]

        def cell(paragraph: str, fill: str = "") -> str:
            margins = f' marL="{tx.INSET_X}" marR="{tx.INSET_X}" marT="{tx.INSET_Y}" marB="{tx.INSET_Y}"'
            return (
                f"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{paragraph}</a:txBody><a:tcPr{margins}>{fill}</a:tcPr></a:tc>"
            )

        header = "".join(
            cell(self.paragraph(self.run(h, fit.size), "r" if numeric[c] else None, bullet=False))
            for c, h in enumerate(table.header)
        )
        body = []
        for r, row in enumerate(table.rows):
            own = r in table.highlight
            body.append(
                f'<a:tr h="{fit.line}">'
                + "".join(
                    cell(
                        self.paragraph(
                            self.runs(content.runs, fit.size, own), "r" if content.numeric else None, bullet=False
                        ),
                        OWN_FILL if own else "",
                    )
                    for content in row
                )
                + "</a:tr>"
            )
        grid = "".join(f'<a:gridCol w="{w}"/>' for w in fit.columns)
        last = ' lastRow="1"' if table.total else ""
        self._frame(
            f"table:{table.id}",
            x,
            y,
            sum(fit.columns),
            sum(fit.rows),
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>'
            f'<a:tblPr firstRow="1" bandRow="1"{last}><a:tableStyleId>{_TABLE_STYLE}</a:tableStyleId></a:tblPr>'
            f'<a:tblGrid>{grid}</a:tblGrid><a:tr h="{fit.line}">{header}</a:tr>{"".join(body)}</a:tbl></a:graphicData>',
            table.alt,
        )

    def shape(
        self,
        name: str,
        geometry: str,
        x: int,
        y: int,
        cx: int,
        cy: int,
        fill: str,
        paragraphs: str = "",
        decorative: bool = False,
        line: str = "accent1",
        line_width: int | None = None,
    ) -> int:
        """A preset shape (rounded box, dot) in theme colours; a shape that only decorates (a
        timeline's dot) is marked so, and screen readers skip it."""
        shape_id = self._id()
        text = (
            f'<p:txBody><a:bodyPr rtlCol="0" anchor="ctr" wrap="square" lIns="{tx.INSET_X}" rIns="{tx.INSET_X}"/>'
            f"<a:lstStyle/>{paragraphs}</p:txBody>"
            if paragraphs
            else ""
        )
        width = f' w="{line_width}"' if line_width else ""
        self.shapes.append(
            f"<p:sp><p:nvSpPr>{cnvpr(shape_id, name, decorative=decorative)}<p:cNvSpPr/><p:nvPr/></p:nvSpPr>"
            f'<p:spPr>{_xfrm(x, y, cx, cy)}<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>{fill}'
            f"<a:ln{width}>{_scheme(line)}</a:ln></p:spPr>{text}</p:sp>"
        )
        return shape_id

    def textbox(self, x: int, y: int, cx: int, cy: int, paragraphs: str, name: str | None = None) -> None:
        shape_id = self._id()
        self.shapes.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{esc(name or f"TextBox {shape_id - 1}")}"/>'
            '<p:cNvSpPr txBox="1"/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr>{_xfrm(x, y, cx, cy)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
            f'<p:txBody><a:bodyPr wrap="square" lIns="{tx.INSET_X}" rIns="{tx.INSET_X}" tIns="{tx.INSET_Y}" '
            f'bIns="{tx.INSET_Y}"><a:noAutofit/></a:bodyPr><a:lstStyle/>{paragraphs}</p:txBody></p:sp>'
        )

    def line(
        self,
        x1: int,
        y1: int,
        x2: int,
        y2: int,
        width_emu: int,
        ends: tuple[int, int] | None = None,
        color: str = "accent1",
    ) -> None:
        """A straight connector; with ``ends`` glued from the bottom of one shape to the top of another.

        A line only draws what the boxes, labels and the group's description say in words, so it is
        marked decorative."""
        flip = (' flipH="1"' if x2 < x1 else "") + (' flipV="1"' if y2 < y1 else "")
        glue = f'<a:stCxn id="{ends[0]}" idx="2"/><a:endCxn id="{ends[1]}" idx="0"/>' if ends else ""
        shape_id = self._id()
        self.shapes.append(
            f"<p:cxnSp><p:nvCxnSpPr>{cnvpr(shape_id, f'Connector {shape_id - 1}', decorative=True)}"
            f"<p:cNvCxnSpPr>{glue}</p:cNvCxnSpPr>"
            f"<p:nvPr/></p:nvCxnSpPr><p:spPr>{_xfrm(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1), flip=flip)}"
            f'<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="{width_emu}">{_scheme(color)}'
            "</a:ln></p:spPr></p:cxnSp>"
        )


# --- text that fits ----------------------------------------------------------------------------------


def _block_height(block: Block, size: int, available: int) -> int:
    """The estimated height of a block of body text (bullets or a paragraph) in the body placeholder."""
    space_before = int(size / 100 * PT * 0.2)
    if isinstance(block, Paragraph):
        return tx.height(tx.lines(block.text, size, available), size) + space_before
    if isinstance(block, BulletList):
        return sum(
            tx.height(tx.lines("".join(r.text for r in item), size, available), size) + space_before
            for item in block.items
        )
    return 0


def _split_list(block: BulletList) -> list[BulletList]:
    return [BulletList((item,)) for item in block.items]


def paginate(blocks: list[Block], size: int, available: int, capacity: int) -> list[list[Block]]:
    """Body blocks in pages that each fit ``capacity`` EMU at ``size``: the template's body size is
    kept, and a slide that would overflow continues on the next one."""
    pieces: list[Block] = []
    for block in blocks:
        pieces += _split_list(block) if isinstance(block, BulletList) else [block]
    pages: list[list[Block]] = [[]]
    used = 0
    for piece in pieces:
        need = _block_height(piece, size, available)
        if pages[-1] and used + need > capacity:
            pages.append([])
            used = 0
        if isinstance(piece, BulletList) and pages[-1] and isinstance(pages[-1][-1], BulletList):
            pages[-1][-1] = BulletList(pages[-1][-1].items + piece.items)
        else:
            pages[-1].append(piece)
        used += need
    return pages


@dataclass(frozen=True)
class TableFit:
    size: int
    columns: tuple[int, ...]
    rows: tuple[int, ...]  # estimated heights, the header first

    @property
    def line(self) -> int:
        """A row's minimum height (one line): PowerPoint and LibreOffice grow a row to its text."""
        return tx.height(1, self.size) + 2 * tx.INSET_Y


def _cell_texts(table: Table) -> list[list[str]]:
    return [list(table.header)] + [[c.text for c in row] for row in table.rows]


@lru_cache(maxsize=1024)
def fit_table(table: Table, width: int, height: int, sizes: tuple[int, ...]) -> TableFit:
    """The largest of ``sizes`` at which every column holds its longest word or figure unbroken and
    the table fits ``height``; columns get that width first and share what is left by content."""
    texts = _cell_texts(table)
    # The header, a total row and the reader's own row are bold (the table style and the highlight).
    bold = [True] + [i in table.highlight or (table.total and i == len(table.rows) - 1) for i in range(len(table.rows))]
    pad = 2 * tx.INSET_X + PT  # the cell's insets and a point of slack
    columns_n = len(table.header)

    def measure(size: int, fn: Callable[[str, int, bool], int]) -> list[int]:
        return [max(fn(row[c], size, b) for row, b in zip(texts, bold, strict=True)) + pad for c in range(columns_n)]

    def heights(size: int, columns: list[int]) -> tuple[int, ...]:
        return tuple(
            max(tx.height(tx.lines(row[c], size, max(1, columns[c] - pad), b), size) for c in range(columns_n))
            + 2 * tx.INSET_Y
            for row, b in zip(texts, bold, strict=True)
        )

    best: TableFit | None = None
    for size in sizes:
        minimum = measure(size, tx.longest_token)
        if sum(minimum) > width:
            continue
        columns = _share(minimum, measure(size, tx.width), width)
        best = TableFit(size, tuple(columns), heights(size, columns))
        if sum(best.rows) <= height:
            return best
    if best is not None:
        return best
    # Not even the smallest size holds every word in the width: the smallest, shared by content.
    size = sizes[-1]
    natural = measure(size, tx.width)
    columns = [int(width * n / sum(natural)) for n in natural]
    return TableFit(size, tuple(columns), heights(size, columns))


def _share(minimum: list[int], natural: list[int], width: int) -> list[int]:
    """Column widths: each its minimum, the rest shared in proportion to how much more it would use;
    a table that needs less than ``width`` is widened evenly to fill it."""
    spare = width - sum(minimum)
    wants = [n - m for m, n in zip(minimum, natural, strict=True)]
    if sum(wants) >= spare:
        columns = [m + int(spare * w / sum(wants)) if sum(wants) else m for m, w in zip(minimum, wants, strict=True)]
    else:
        extra = (spare - sum(wants)) // len(minimum)
        columns = [n + extra for n in natural]
    columns[-1] += width - sum(columns)
    return columns


# --- slides ----------------------------------------------------------------------------------------


def _content_paragraphs(w: _SlideWriter, blocks: list[Block]) -> str:
    size = w.frame.body_run_size
    paragraphs = []
    for block in blocks:
        if isinstance(block, Paragraph):
            paragraphs.append(w.paragraph(w.runs(block.runs, size), bullet=False))
        elif isinstance(block, BulletList):
            paragraphs += [w.paragraph(w.runs(item, size)) for item in block.items]
    return "".join(paragraphs)


def _callout(w: _SlideWriter, runs: tuple[Run, ...], area: Rect) -> int:
    """The headline above the body, in the master's title size and the theme's accent; its height."""
    x, y, cx, _ = area
    size = w.frame.headline
    text = "".join(r.text for r in runs)
    height = tx.height(tx.lines(text, size, cx - 2 * tx.INSET_X, True), size) + 2 * tx.INSET_Y
    w.illustrative = w.illustrative or any(r.mark == "illustrative" for r in runs)
    content = "".join(w.run(r.text, size, bold=True, italic=r.mark == "illustrative", color="accent1") for r in runs)
    w.textbox(x, y, cx, height, w.paragraph(content, bullet=False), name="headline")
    return height


def _captions(w: _SlideWriter, blocks: Sequence[Block], x: int, bottom: int, cx: int) -> int:
    """Caption lines (a rounding note, a risk) at the bottom of the content area; their top."""
    notes = [b for b in blocks if isinstance(b, Paragraph)]
    if not notes:
        return bottom
    size = w.frame.caption
    height = sum(tx.height(tx.lines(p.text, size, cx - 2 * tx.INSET_X), size) for p in notes) + 2 * tx.INSET_Y
    top = bottom - height
    w.textbox(x, top, cx, height, "".join(w.paragraph(w.runs(p.runs, size), bullet=False) for p in notes))
    return top


@dataclass(frozen=True)
class _DiagramPlan:
    size: int  # box names and agreement labels
    detail: int  # a box's second line and a label's section
    bands: tuple[tuple[str, ...], ...]  # rows of boxes, top to bottom (a long row wrapped)
    widths: tuple[int, ...]
    heights: tuple[int, ...]  # each band's boxes as tall as its tallest needs, so a row lines up
    gap: int
    top: int

    @property
    def height(self) -> int:
        return sum(self.heights) + (len(self.bands) - 1) * self.gap


def _plan_diagram(diagram: Diagram, area: Rect, frame: Frame) -> _DiagramPlan:
    """The largest of the master's sizes (up to the caption size) at which the boxes hold their
    names unbroken and the rows, with room for the agreements' names between them, fit the area."""
    ax, ay, aw, ah = area
    rows = sorted({n.row for n in diagram.nodes})
    nodes = {n.id: n for n in diagram.nodes}
    by_row = {r: [n.id for n in diagram.nodes if n.row == r] for r in rows}
    sizes = frame.master.at_most(frame.caption)
    plan: _DiagramPlan | None = None
    for size in sizes:
        detail = next((s for s in sizes if s < size), size)
        bands: list[tuple[str, ...]] = []
        for r in rows:
            ids = by_row[r]
            need = max(tx.longest_token(nodes[i].label, size, True) for i in ids) + 2 * tx.INSET_X + PT
            per_row = max(1, min(len(ids), (aw + GAP) // (need + GAP)))
            bands += [tuple(ids[i : i + per_row]) for i in range(0, len(ids), per_row)]
        widths = tuple(
            aw * 2 // 5 if len(band) == 1 else min(aw * 2 // 5, (aw - GAP * (len(band) - 1)) // len(band))
            for band in bands
        )

        def needed(node_id: str, width: int, size: int = size, detail: int = detail) -> int:
            first, *rest = nodes[node_id].label.split("\n")
            inner = width - 2 * tx.INSET_X
            return (
                tx.height(tx.lines(first, size, inner, True), size)
                + sum(tx.height(tx.lines(line, detail, inner), detail) for line in rest)
                + 6 * tx.INSET_Y
            )

        heights = tuple(max(needed(i, width) for i in band) for band, width in zip(bands, widths, strict=True))
        # Room between rows for the names of agreements drawn as a single line (a fan's name stands
        # beside its source box), as wide as half the area.
        fans = Counter((e.source, e.label) for e in diagram.edges)
        label_h = max(
            (
                tx.height(tx.lines(e.label, size, aw // 2 - 2 * tx.INSET_X, e.today), size)
                + (tx.height(1, detail) if e.detail else 0)
                + 2 * tx.INSET_Y
                for e in diagram.edges
                if fans[(e.source, e.label)] == 1
            ),
            default=0,
        )
        spare = (ah - sum(heights)) // max(1, len(bands) - 1) if len(bands) > 1 else 0
        gap = min(max(label_h + GAP // 2, spare), max(heights) * 2)
        plan = _DiagramPlan(size, detail, tuple(bands), widths, heights, gap, ay)
        if plan.height <= ah:
            break
    assert plan is not None
    if plan.height > ah and len(plan.bands) > 1:
        # Not even the smallest size leaves room for the names between the rows: the rows close up.
        plan = dataclasses.replace(plan, gap=max(GAP // 2, (ah - sum(plan.heights)) // (len(plan.bands) - 1)))
    return dataclasses.replace(plan, top=ay + max(0, (ah - plan.height) // 2))


def _diagram(w: _SlideWriter, diagram: Diagram, area: Rect) -> None:
    """Boxes in rows (area, bodies and posts, municipalities), a line per agreement and party, each
    agreement's name next to its lines (grouped with them, so they move together)."""
    start = len(w.shapes)
    ax, ay, aw, ah = area
    plan = _plan_diagram(diagram, area, w.frame)
    size, detail_size, label_size = plan.size, plan.detail, plan.size
    bands, widths, gap = plan.bands, plan.widths, plan.gap
    nodes = {n.id: n for n in diagram.nodes}
    boxes: dict[str, tuple[int, int, int, int, int]] = {}
    # Where each box goes: rows centred; a lone box that is no hub (the employment area) stands above
    # the boxes its lines go to, so its line does not run behind the hub between them.
    places: dict[str, Rect] = {}
    y = plan.top
    for band, width, box_h in zip(bands, widths, plan.heights, strict=True):
        span = width * len(band) + GAP * (len(band) - 1)
        left = ax + (aw - span) // 2
        for i, node_id in enumerate(band):
            places[node_id] = (left + i * (width + GAP), y, width, box_h)
        y += box_h + gap
    for band in bands:
        node_id = band[0]
        if len(band) == 1 and not node_id.startswith(("body:", "posts:")):
            ends = [
                e.target if e.source == node_id else e.source for e in diagram.edges if node_id in (e.source, e.target)
            ]
            if ends:
                x, y0, width, box_h = places[node_id]
                centre = sum(places[n][0] + places[n][2] // 2 for n in ends) // len(ends)
                places[node_id] = (max(ax, min(centre - width // 2, ax + aw - width)), y0, width, box_h)
    for node_id, (x, y, width, box_h) in places.items():
        node = nodes[node_id]
        first, *rest = node.label.split("\n")
        body = node.id.startswith("body:")
        ink = "bg1" if body else None
        paragraphs = w.paragraph(w.run(first, size, bold=True, color=ink), "ctr", bullet=False) + "".join(
            w.paragraph(w.run(line, detail_size, color=ink), "ctr", bullet=False) for line in rest
        )
        fill = _scheme("accent1") if body else OWN_FILL if node.own else BOX_FILL
        shape_id = w.shape(f"node:{node.id}", "roundRect", x, y, width, box_h, fill, paragraphs)
        boxes[node.id] = (shape_id, x, y, width, box_h)
    # One label per box and agreement (a fan of equal lines is named once), placed where it touches
    # no line, box or other label, and grouped with its lines.
    # A line runs from the bottom of the upper box to the top of the lower one, whichever is the source.
    segments: list[tuple[int, int, int, int]] = []
    glue: list[tuple[int, int]] = []
    for edge in diagram.edges:
        upper, lower = (edge.source, edge.target)
        if boxes[upper][2] > boxes[lower][2]:
            upper, lower = lower, upper
        uid, ux, uy, uw, uh = boxes[upper]
        lid, lx, ly, lw, _ = boxes[lower]
        segments.append((ux + uw // 2, uy + uh, lx + lw // 2, ly))
        glue.append((uid, lid))
    obstacles = [(x, y, cx, cy) for _, x, y, cx, cy in boxes.values()]
    groups: dict[tuple[str, str], list[int]] = {}
    for i, edge in enumerate(diagram.edges):
        groups.setdefault((edge.source, edge.label), []).append(i)
    for (source, label), members in groups.items():
        edge = diagram.edges[members[0]]
        group_start = len(w.shapes)
        for i in members:
            e = diagram.edges[i]
            w.line(
                *segments[i],
                int(2.5 * PT) if e.today else int(1.25 * PT),
                ends=glue[i],
                color="accent2" if e.today else "accent1",
            )
        lines_of = [segments[i] for i in members]
        _, sx, _, sw, _ = boxes[source]
        # A fan's name stands beside its source box: as wide as the room to the area's right edge.
        room = ax + aw - (sx + sw) - 2 * 60000 if len(members) > 1 else aw // 2
        natural = max(tx.width(label, label_size, edge.today), tx.width(edge.detail, detail_size))
        text_w = min(max(room, aw // 5), natural + 2 * tx.INSET_X + PT)
        # Never narrower than its longest word: a name broken mid-word is worse than a name that moves.
        text_w = max(text_w, tx.longest_token(label, label_size, edge.today) + 2 * tx.INSET_X + PT)
        n_lines = tx.lines(label, label_size, text_w - 2 * tx.INSET_X, edge.today)
        height = tx.height(n_lines, label_size) + (tx.height(1, detail_size) if edge.detail else 0) + 2 * tx.INSET_Y
        x, y = _label_place(
            tuple(lines_of), text_w, height, tuple(segments), tuple(obstacles), boxes[source][1:], (ax, ax + aw)
        )
        obstacles.append((x, y, text_w, height))
        paragraphs = w.paragraph(w.run(label, label_size, bold=edge.today), "l", bullet=False)
        if edge.detail:
            paragraphs += w.paragraph(w.run(edge.detail, detail_size, italic=True), "l", bullet=False)
        w.textbox(x, y, text_w, height, paragraphs, name=f"label:{label}")
        member_boxes = [
            (min(s[0], s[2]), min(s[1], s[3]), abs(s[2] - s[0]) or 1, abs(s[3] - s[1]) or 1) for s in lines_of
        ]
        targets = ", ".join(nodes[diagram.edges[i].target].label.split("\n")[0] for i in members)
        source_name = nodes[source].label.split("\n")[0]
        alt = AltText(
            label,
            f"{label} ({edge.detail}): {source_name} – {targets}"
            if edge.detail
            else f"{label}: {source_name} – {targets}",
        )
        w.group(group_start, f"agreement:{label}", alt, bounds([*member_boxes, (x, y, text_w, height)]))
    # Boxes, connectors and labels are one graphic, described once for a screen reader.
    w.group(start, "diagram", diagram.alt, bounds(obstacles))


def _hits(rect: tuple[int, int, int, int], segment: tuple[int, int, int, int], margin: int = 40000) -> bool:
    """Whether the segment passes through the rectangle grown by ``margin`` (Liang–Barsky clipping)."""
    x, y, cx, cy = rect
    x1, y1, x2, y2 = segment
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in (
        (-dx, x1 - (x - margin)),
        (dx, x + cx + margin - x1),
        (-dy, y1 - (y - margin)),
        (dy, y + cy + margin - y1),
    ):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


@lru_cache(maxsize=256)
def _label_place(
    lines: tuple[tuple[int, int, int, int], ...],
    width: int,
    height: int,
    segments: tuple[tuple[int, int, int, int], ...],
    obstacles: tuple[tuple[int, int, int, int], ...],
    source: tuple[int, int, int, int],
    span: tuple[int, int],
) -> tuple[int, int]:
    """The free spot nearest the labelled lines' midpoint (a fan's: just below its source box).

    Cached: every council of a case gets the same diagram, and the search tests thousands of spots."""
    top = min(y1 for _, y1, _, _ in lines)
    bottom = min(y2 for _, _, _, y2 in lines)
    if len(lines) == 1:
        # Beside the line's midpoint, on the side it leans to (outside a V of two lines).
        x1, y1, x2, y2 = lines[0]
        mid_x = (x1 + x2) // 2
        anchor = (mid_x - 60000 - width if x2 < x1 else mid_x + 60000, (y1 + y2) // 2 - height // 2)
    else:
        # A fan: beside its source box, where the lines leave from; the search moves it down if needed.
        sx, sy, sw, sh = source
        anchor = (sx + sw + GAP // 2, sy + (sh - height) // 2)
        # Beside the box it may reach above it (the lines leave from its bottom).
        top = sy + sh - height - 20000

    def free(x: int, y: int) -> bool:
        rect = (x, y, width, height)
        return not any(_hits(rect, s) for s in segments) and not any(_overlaps(rect, o) for o in obstacles)

    spot = _nearest(anchor, (span[0], span[1] - width, top, max(top, bottom - height)), free)
    if spot is None:
        spot = _nearest(
            anchor,
            (span[0], span[1] - width, top, max(top, bottom - height)),
            lambda x, y: not any(_overlaps((x, y, width, height), o) for o in obstacles),
        )
    x, y = spot if spot is not None else anchor
    return max(span[0], min(x, span[1] - width)), y


def _nearest(
    anchor: tuple[int, int], bounds: tuple[int, int, int, int], free: Callable[[int, int], bool], step: int = 50000
) -> tuple[int, int] | None:
    """The grid point nearest ``anchor`` (distance |dx| + 2|dy|, vertical moves cost double) inside
    ``bounds`` (x min, x max, y min, y max) for which ``free`` holds; points are tried nearest first,
    so the search stops at the first free one instead of testing the whole band."""
    ax, ay = anchor
    x_min, x_max, y_min, y_max = bounds
    reach_x = max(abs(ax - x_min), abs(ax - x_max)) // step + 1
    reach_y = max(abs(ay - y_min), abs(ay - y_max)) // step + 1
    for distance in range(reach_x + 2 * reach_y + 1):
        for dy in range(min(distance // 2, reach_y) + 1):
            dx = distance - 2 * dy
            for sy in (dy, -dy) if dy else (0,):
                for sx in (dx, -dx) if dx else (0,):
                    x, y = ax + sx * step, ay + sy * step
                    if x_min <= x <= x_max and y_min <= y <= y_max and free(x, y):
                        return x, y
    return None


def _timeline(w: _SlideWriter, steps: tuple[Milestone, ...], area: Rect, alt: AltText | None = None) -> None:
    """A line with a dot per step; labels below it, or above and below in turn when a step is too
    narrow for its longest word. The largest of the master's sizes that fits the area is used."""
    start = len(w.shapes)
    ax, ay, aw, ah = area
    n = max(1, len(steps))
    step = aw // n
    pad = 2 * tx.INSET_X + PT
    texts = [s.label for s in steps] + [s.date + ("*" if s.illustrative else "") for s in steps]
    sizes = w.frame.master.at_most(w.frame.body)
    choice: tuple[int, bool, int, int] | None = None
    for size in sizes:
        widest = max(tx.longest_token(t, size, True) for t in texts) + pad
        if widest <= step - GAP // 2:
            alternate, label_w = False, step - GAP // 2
        elif widest <= 2 * step - GAP:
            alternate, label_w = True, 2 * step - GAP
        else:
            continue
        label_h = max(tx.height(tx.lines(s.label, size, label_w - pad, True) + 1, size) + 2 * tx.INSET_Y for s in steps)
        choice = (size, alternate, label_w, label_h)
        dot = size // 100 * PT
        if (2 if alternate else 1) * (label_h + dot) + dot <= ah:
            break
    if choice is None:
        size = sizes[-1]
        label_w = 2 * step - GAP
        choice = (
            size,
            True,
            label_w,
            max(tx.height(tx.lines(s.label, size, label_w - pad, True) + 1, size) for s in steps),
        )
    size, alternate, label_w, label_h = choice
    dot = size // 100 * PT
    total = (2 if alternate else 1) * (label_h + dot) + dot
    top = ay + max(0, (ah - total) // 3)
    y = top + (label_h + dot if alternate else 0) + dot // 2
    w.line(ax, y, ax + aw, y, int(3 * PT))
    for i, milestone in enumerate(steps):
        cx = ax + step * i + step // 2
        w.shape(
            f"milestone:{i + 1}", "ellipse", cx - dot // 2, y - dot // 2, dot, dot, _scheme("accent1"), decorative=True
        )
        date = Run(
            milestone.date + ("*" if milestone.illustrative else ""),
            "illustrative" if milestone.illustrative else "plain",
        )
        centred = cx - label_w // 2
        left = max(ax, min(centred, ax + aw - label_w))
        # A label the area's edge pushed aside starts (or ends) at its dot instead of centring on it.
        align = "ctr" if left == centred else ("l" if left > centred else "r")
        if align == "l":
            left = max(ax, cx - dot)
        elif align == "r":
            left = min(ax + aw - label_w, cx + dot - label_w)
        above = alternate and i % 2 == 1
        label_top = y - dot // 2 - dot // 2 - label_h if above else y + dot
        w.textbox(
            left,
            label_top,
            label_w,
            label_h,
            w.paragraph(w.runs((Run(milestone.label, "strong"),), size), align, bullet=False)
            + w.paragraph(w.runs((date,), size), align, bullet=False),
        )
    w.group(start, "timeline", alt, (ax, top, aw, total))


def _visual(w: _SlideWriter, s: Slide, area: Rect) -> None:
    x, y, cx, cy = area
    # Shapes are written in reading order (a screen reader follows it): the visual, then its caption.
    # The caption is measured first so the visual knows the room it has.
    notes = [b for b in s.blocks if isinstance(b, Paragraph)]
    caption_h = (
        sum(tx.height(tx.lines(p.text, w.frame.caption, cx - 2 * tx.INSET_X), w.frame.caption) for p in notes)
        + 2 * tx.INSET_Y
        if notes
        else 0
    )
    room = (x, y, cx, cy - caption_h - (GAP if notes else 0))
    if s.diagram is not None:
        _diagram(w, s.diagram, room)
    if s.timeline:
        _timeline(w, s.timeline, room, s.timeline_alt)
    if s.chart is not None:
        w.chart(s.chart, *room)
    bottom = y + cy
    if s.table is not None:
        fit = fit_table(s.table, room[2], room[3], w.frame.master.at_most(w.frame.body))
        w.table(s.table, x, y, fit)
        # A table's caption follows it; a chart's, diagram's or timeline's stands at the area's foot.
        bottom = min(bottom, y + sum(fit.rows) + GAP + caption_h)
    if notes:
        _captions(w, notes, x, bottom, cx)


def _title_fit(frame: Frame, layout: Layout, title_ph: Placeholder, title: str) -> tuple[Rect | None, int]:
    """A title too long for its box at the master's title size gets a taller box (the type stays the
    template's); the content below moves down by as much. Returns the box to write and the shift."""
    rect = layout.rect(title_ph)
    if rect is None:
        return None, 0
    x, y, cx, cy = rect
    size = frame.master.title_size
    need = tx.height(tx.lines(title, size, cx - 2 * tx.INSET_X, True), size) + 2 * tx.INSET_Y
    if need <= cy:
        return None, 0
    return (x, y, cx, need), need - cy


def _below(rect: Rect, shift: int, slide_height: int) -> Rect:
    """``rect`` moved down by ``shift`` and shortened so it still ends where it did (or on the slide)."""
    x, y, cx, cy = rect
    bottom = min(y + cy, slide_height)
    return x, y + shift, cx, max(bottom - y - shift, cy // 3)


def _visual_area(frame: Frame, layout: Layout, title_ph: Placeholder) -> Rect:
    """The content area below the slide's own title: a template's title-only layout may have a
    taller title band than its title-and-content layout."""
    x, y, cx, cy = frame.area
    title = layout.rect(title_ph)
    if title is not None and title[1] + title[3] + GAP // 2 > y:
        shift = title[1] + title[3] + GAP // 2 - y
        y, cy = y + shift, cy - shift
    return x, y, cx, cy


def _slide_xml(w: _SlideWriter, s: Slide, skeleton: PptxSkeleton, number: int, legend: str) -> str:
    layout = skeleton.layouts.get(s.layout)
    if layout is None:
        raise LookupError(f"the deck template has no layout for {s.layout!r} slides")
    title_ph = find_placeholder(layout.placeholders, ("title", "ctrTitle"))
    body_ph = find_placeholder(layout.placeholders, idx="1") or find_placeholder(
        layout.placeholders, (None, "body", "obj", "subTitle")
    )
    if title_ph is None or (s.layout != "visual" and body_ph is None):
        raise LookupError(f"the layout for {s.layout!r} slides lacks a title or body placeholder")
    title_rect, shift = _title_fit(w.frame, layout, title_ph, s.title)
    w.placeholder(title_ph, "Title", w.paragraph(w.run(s.title), bullet=False), title_rect)
    if s.layout == "title":
        assert body_ph is not None
        sub = layout.rect(body_ph)
        w.placeholder(
            body_ph,
            "Subtitle",
            "".join(w.paragraph(w.run(line, w.frame.body_run_size), bullet=False) for line in s.subtitle.splitlines()),
            _below(sub, shift, w.frame.height) if sub and shift else None,
        )
    elif s.layout == "content":
        assert body_ph is not None
        area = layout.rect(body_ph) or w.frame.area
        rect = _below(area, shift, w.frame.height) if shift else None
        if s.callout:
            area = rect or area
            used = _callout(w, s.callout, area) + GAP // 2
            rect = (area[0], area[1] + used, area[2], area[3] - used)
        w.placeholder(body_ph, "Content", _content_paragraphs(w, s.blocks), rect)
    else:
        x, y, cx, cy = _visual_area(w.frame, layout, title_ph)
        _visual(w, s, (x, y + shift, cx, cy - shift))
    for ph in layout.footers:
        if ph.type == "sldNum":
            w.slide_number(ph, number)
        elif ph.type == "ftr" and w.illustrative:
            w.placeholder(ph, "Footer", w.paragraph(w.run(legend), bullet=False))
    return XML_HEAD + (
        f"<p:sld {_NS}><p:cSld><p:spTree>{_GROUP}{''.join(w.shapes)}</p:spTree></p:cSld>"
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    )


def _caption_height(blocks: list[Block], frame: Frame, width: int) -> int:
    notes = [b for b in blocks if isinstance(b, Paragraph)]
    if not notes:
        return 0
    size = frame.caption
    return sum(tx.height(tx.lines(p.text, size, width - 2 * tx.INSET_X), size) for p in notes) + 2 * tx.INSET_Y + GAP


def _table_pages(s: Slide, frame: Frame, skeleton: PptxSkeleton, continued: str) -> list[Slide]:
    """A table too tall for the area even in the master's smallest size continues on the next
    slide, its header repeated; the caption goes with the last part. A table that fits whole
    without its caption keeps together, and its caption follows on a slide of its own."""
    assert s.table is not None
    layout = skeleton.layouts[s.layout]
    title_ph = find_placeholder(layout.placeholders, ("title", "ctrTitle"))
    x, y, cx, cy = _visual_area(frame, layout, title_ph) if title_ph is not None else frame.area
    cy -= _title_fit(frame, layout, title_ph, s.title)[1] if title_ph is not None else 0
    room = cy - _caption_height(s.blocks, frame, cx)
    fit = fit_table(s.table, cx, room, frame.master.at_most(frame.body))
    if sum(fit.rows) <= room:
        return [s]
    notes: list[Block] = [b for b in s.blocks if isinstance(b, Paragraph)]
    alone = fit_table(s.table, cx, cy, frame.master.at_most(frame.body))
    if notes and sum(alone.rows) <= cy:
        # The table fits whole without its notes: a table cut from its total row misleads more than
        # notes on the next slide. The leading notes that still fit stay under it (the template puts
        # the risk first), the rest follow.
        others: list[Block] = [b for b in s.blocks if not isinstance(b, Paragraph)]
        keep = 0
        while keep < len(notes):
            room = cy - _caption_height(notes[: keep + 1], frame, cx)
            if sum(fit_table(s.table, cx, room, frame.master.at_most(frame.body)).rows) > room:
                break
            keep += 1
        title = continued.format(title=s.title)
        return [
            dataclasses.replace(s, blocks=others + notes[:keep]),
            dataclasses.replace(
                s,
                id=f"{s.id}:+",
                layout="content",
                title=title,
                title_runs=(Run(title),),
                table=None,
                blocks=notes[keep:],
            ),
        ]
    chunks: list[list[int]] = [[]]
    used = fit.rows[0]
    for index, height in enumerate(fit.rows[1:]):
        if chunks[-1] and used + height > room:
            chunks.append([])
            used = fit.rows[0]
        chunks[-1].append(index)
        used += height
    out = []
    kind, _, rest = s.table.id.partition(":")
    for n, chunk in enumerate(chunks):
        last = n == len(chunks) - 1
        # Every part of a cost table states its rows' shares; only the last states a money table's net.
        part_id = s.table.id if last or kind != "money" else f"{kind}-part:{rest}"
        part = dataclasses.replace(
            s.table,
            id=part_id,
            rows=tuple(s.table.rows[i] for i in chunk),
            highlight=tuple(chunk.index(i) for i in s.table.highlight if i in chunk),
            total=s.table.total and n == len(chunks) - 1,
        )
        title = s.title if n == 0 else continued.format(title=s.title)
        blocks: list[Block] = s.blocks if last else [b for b in s.blocks if not isinstance(b, Paragraph)]
        out.append(
            dataclasses.replace(
                s,
                id=s.id + ":+" * n,
                title=title,
                title_runs=s.title_runs if n == 0 else (Run(title),),
                table=part,
                blocks=blocks,
            )
        )
    return out


def _pages(s: Slide, frame: Frame, skeleton: PptxSkeleton, continued: str) -> list[Slide]:
    """The slide, or its continuation slides when its body text or its table would overflow."""
    if s.layout == "visual" and s.table is not None:
        return _table_pages(s, frame, skeleton, continued)
    if s.layout != "content":
        return [s]
    layout = skeleton.layouts["content"]
    body_ph = find_placeholder(layout.placeholders, idx="1") or find_placeholder(
        layout.placeholders, (None, "body", "obj")
    )
    x, y, cx, cy = layout.rect(body_ph) or frame.area
    title_ph = find_placeholder(layout.placeholders, ("title", "ctrTitle"))
    cy -= _title_fit(frame, layout, title_ph, s.title)[1] if title_ph is not None else 0
    if s.callout:
        size = frame.headline
        text = "".join(r.text for r in s.callout)
        cy -= tx.height(tx.lines(text, size, cx - 2 * tx.INSET_X, True), size) + 2 * tx.INSET_Y + GAP // 2
    indent = 342900  # a bullet's hanging indent in most masters
    pages = paginate(s.blocks, frame.body, cx - 2 * tx.INSET_X - indent, cy - 2 * tx.INSET_Y)
    if len(pages) == 1:
        return [s]
    out = [dataclasses.replace(s, blocks=pages[0])]
    for page in pages[1:]:
        title = continued.format(title=s.title)
        out.append(
            dataclasses.replace(s, id=f"{s.id}:+", title=title, title_runs=(Run(title),), blocks=page, callout=())
        )
    return out


# The slides a council must see whole: what it decides (with its net figure) and the board's proposal.
_WHOLE = ("paatos", "paatosehdotus")


def _deck_body(deck: Deck, frame: Frame, skeleton: PptxSkeleton, continued: str) -> Frame:
    """The frame with the deck's body size: the master's own if the decision slides fit at it,
    else the largest smaller step of the master's scale at which they do (one size for the deck)."""
    whole = [s for s in deck.slides if s.id in _WHOLE]
    for size in frame.master.at_most(frame.master.body_size):
        candidate = dataclasses.replace(frame, body_size=size)
        if all(len(_pages(s, candidate, skeleton, continued)) == 1 for s in whole):
            return candidate
    return dataclasses.replace(frame, body_size=frame.master.sizes[-1])


def _notes_xml(skeleton: PptxSkeleton, notes: str, lang: str) -> str:
    image = find_placeholder(skeleton.notes_placeholders, ("sldImg",))
    body = find_placeholder(skeleton.notes_placeholders, ("body",))
    assert image is not None and body is not None, "the notes master lacks its slide image or body placeholder"
    shapes = (
        f'<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/>'
        f"</p:cNvSpPr><p:nvPr>{image.xml}</p:nvPr></p:nvSpPr><p:spPr/></p:sp>"
        f'<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr>{body.xml}</p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>"
        f'<a:p><a:r><a:rPr lang="{lang}"/><a:t>{esc(notes)}</a:t></a:r></a:p></p:txBody></p:sp>'
    )
    return XML_HEAD + (
        f"<p:notes {_NS}><p:cSld><p:spTree>{_GROUP}{shapes}</p:spTree></p:cSld>"
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
    )


def write_pptx(
    deck: Deck, author: str, when: dt.date, lang: str, template: Path | None = None, records: Records | None = None
) -> bytes:
    skeleton = pptx_skeleton((template or base_template()).resolve(), LANG_TAGS.get(lang, lang))
    frame = frame_of(skeleton)
    words = deck.labels["deck"]
    assert isinstance(words, dict)
    frame = _deck_body(deck, frame, skeleton, str(words["continued"]))
    parts: list[tuple[str, bytes | Deflated]] = []
    overrides: list[tuple[str, str]] = []
    slide_list = []
    slide_rels = []
    chart_count = 0
    slides = [page for s in deck.slides for page in _pages(s, frame, skeleton, str(words["continued"]))]
    for number, s in enumerate(slides, start=1):
        w = _SlideWriter(skeleton.lang_tag, frame)
        slide_name = f"ppt/slides/slide{number}.xml"
        parts.append((slide_name, _slide_xml(w, s, skeleton, number, str(words["legend"])).encode("utf-8")))
        layout_target = "../" + skeleton.layouts[s.layout].part.removeprefix("ppt/")
        rels = [("rId1", f"{REL}/slideLayout", layout_target)]
        for index, (chart, size) in enumerate(w.charts, start=1):
            chart_count += 1
            chart_part, workbook = chart_parts(chart, skeleton.lang_tag, when, size)
            rels.append((f"rIdChart{index}", f"{REL}/chart", f"../charts/chart{chart_count}.xml"))
            parts += [
                (f"ppt/charts/chart{chart_count}.xml", chart_part),
                (
                    f"ppt/charts/_rels/chart{chart_count}.xml.rels",
                    relationships(
                        [("rId1", f"{REL}/package", f"../embeddings/Microsoft_Excel_Sheet{chart_count}.xlsx")]
                    ),
                ),
                (f"ppt/embeddings/Microsoft_Excel_Sheet{chart_count}.xlsx", workbook),
            ]
            overrides.append((f"ppt/charts/chart{chart_count}.xml", _CT_CHART))
        if s.notes:
            notes_name = f"ppt/notesSlides/notesSlide{number}.xml"
            rels.append(("rIdNotes", f"{REL}/notesSlide", f"../notesSlides/notesSlide{number}.xml"))
            parts += [
                (notes_name, _notes_xml(skeleton, s.notes, skeleton.lang_tag).encode("utf-8")),
                (
                    f"ppt/notesSlides/_rels/notesSlide{number}.xml.rels",
                    relationships(
                        [
                            ("rId1", f"{REL}/notesMaster", "../" + skeleton.notes_master.removeprefix("ppt/")),
                            ("rId2", f"{REL}/slide", f"../slides/slide{number}.xml"),
                        ]
                    ),
                ),
            ]
            overrides.append((notes_name, f"{_PML}.notesSlide+xml"))
        parts.append((f"ppt/slides/_rels/slide{number}.xml.rels", relationships(rels)))
        overrides.append((slide_name, f"{_PML}.slide+xml"))
        slide_list.append(f'<p:sldId id="{255 + number}" r:id="rIdSlide{number}"/>')
        slide_rels.append((f"rIdSlide{number}", f"{REL}/slide", f"slides/slide{number}.xml"))
    head, tail = skeleton.presentation
    presentation = f"{head}<p:sldIdLst>{''.join(slide_list)}</p:sldIdLst>{tail}".encode()
    overrides = [
        ("ppt/presentation.xml", f"{_PML}.presentation.main+xml"),
        *overrides,
        *skeleton.overrides,
        *PROPERTY_TYPES,
    ]
    defaults = {**dict(skeleton.defaults), "rels": CT_RELS, "xml": "application/xml", "xlsx": _CT_XLSX}
    records = records or Records(deck.title, "", "", "", lang, author, when, deck.id)
    return zip_package(
        [
            ("[Content_Types].xml", content_types(defaults, overrides)),
            ("_rels/.rels", package_rels("ppt/presentation.xml")),
            *property_parts(records),
            ("ppt/presentation.xml", presentation),
            ("ppt/_rels/presentation.xml.rels", relationships([*skeleton.rels, *slide_rels])),
            *parts,
            *skeleton.static_parts,
        ],
        when,
    )
