"""Deck tree → .pptx: PresentationML serialised directly, on the template's layouts (found by name).

Titles and texts sit in real placeholders of the template's layouts; charts are native PowerPoint
charts with their data in an embedded workbook; the contract structure is native shapes joined by
connectors; every content slide carries speaker notes. Chart and table shapes are named after their
tree ids ("chart:seats:…") so the consistency check can read the same facts back.

The shared parts come from ``pptx_skeleton`` (read once per process) and charts from
``pptx_chart`` (made once per chart); this module writes each slide's own XML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.compose.deck_tree import Chart, Deck, Diagram, Milestone, Slide
from generator.compose.records import Records
from generator.compose.tree import AltText, BulletList, Paragraph, Run, Table
from generator.paths import templates_dir
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
from generator.write.pptx_skeleton import Placeholder, PptxSkeleton, find_placeholder, pptx_skeleton
from generator.write.zip_writer import Deflated, zip_package

INK = "1F2A44"
ACCENT = "2F5D8A"
LIGHT = "DCE3ED"
WHITE = "FFFFFF"
ILLUSTRATIVE = "B45F06"
MARGIN = 609600
PT = 12700  # EMU per point

_NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_PML = "application/vnd.openxmlformats-officedocument.presentationml"
_CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
_CT_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_ARROW_HEAD = '<a:tailEnd type="triangle"/>'
_TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"  # PowerPoint's built-in Medium Style 2 – Accent 1
_GROUP = (
    '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>'
    '<a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
)
_SHAPE_STYLE = (
    '<p:style><a:lnRef idx="1"><a:schemeClr val="accent1"/></a:lnRef><a:fillRef idx="3"><a:schemeClr val="accent1"/>'
    '</a:fillRef><a:effectRef idx="2"><a:schemeClr val="accent1"/></a:effectRef><a:fontRef idx="minor">'
    '<a:schemeClr val="lt1"/></a:fontRef></p:style>'
)


def base_template() -> Path:
    return templates_dir() / "pptx" / "base.pptx"


def _fill(color: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'


def _xfrm(x: int, y: int, cx: int, cy: int, tag: str = "a:xfrm", flip: str = "") -> str:
    return f'<{tag}{flip}><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></{tag}>'


@dataclass
class _SlideWriter:
    """Shapes of one slide, with the running shape id and the charts it links to."""

    lang: str
    shapes: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    next_id: int = 2

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    # --- text ----------------------------------------------------------------------------------

    def run(
        self, text: str, size: float | None = None, bold: bool = False, italic: bool = False, color: str | None = None
    ) -> str:
        attrs = (
            f' lang="{self.lang}"'
            + (f' sz="{round(size * 100)}"' if size else "")
            + (' b="1"' if bold else "")
            + (' i="1"' if italic else "")
        )
        props = f"<a:rPr{attrs}>{_fill(color)}</a:rPr>" if color else f"<a:rPr{attrs}/>"
        return f"<a:r>{props}<a:t>{esc(text)}</a:t></a:r>"

    def runs(self, runs: tuple[Run, ...], size: float | None, bold: bool = False) -> str:
        """Illustrative and to-be-checked values stand out in colour and bold, as in the agreements."""
        return "".join(
            self.run(
                r.text,
                size,
                bold=bold or r.mark != "plain",
                color=ILLUSTRATIVE if r.mark in ("illustrative", "placeholder") else None,
            )
            for r in runs
        )

    @staticmethod
    def paragraph(content: str, align: str | None = None, space_after: int | None = None, bullet: bool = True) -> str:
        props = (f' algn="{align}"' if align else "") + ("" if bullet else ' marL="0" indent="0"')
        children = (f'<a:spcAft><a:spcPts val="{space_after * 100}"/></a:spcAft>' if space_after else "") + (
            "" if bullet else "<a:buNone/>"
        )
        ppr = f"<a:pPr{props}>{children}</a:pPr>" if children else (f"<a:pPr{props}/>" if props else "")
        return f"<a:p>{ppr}{content}</a:p>"

    # --- shapes --------------------------------------------------------------------------------

    def placeholder(self, ph: Placeholder, name: str, paragraphs: str) -> None:
        self.shapes.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self._id()}" name="{esc(name)}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr>{ph.xml}</p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr wrap="square"/><a:lstStyle/>'
            f"{paragraphs}</p:txBody></p:sp>"
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
        self.charts.append(chart)
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

    def table(self, table: Table, x: int, y: int, width: int) -> None:
        row_height = 420000
        rows, cols = len(table.rows) + 1, len(table.header)
        size = 16 if rows <= 8 and cols <= 4 else 14
        total_width = sum(table.widths)
        widths = [int(width * w / total_width) for w in table.widths]
        numeric = [all(row[c].numeric for row in table.rows) for c in range(cols)]

        def cell(paragraph: str) -> str:
            return f"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{paragraph}</a:txBody><a:tcPr/></a:tc>"

        header = "".join(
            cell(self.paragraph(self.run(h, size, bold=True), "r" if numeric[c] else None))
            for c, h in enumerate(table.header)
        )
        body = []
        for r, row in enumerate(table.rows, start=1):
            bold = table.total and r == len(table.rows)
            body.append(
                f'<a:tr h="{row_height}">'
                + "".join(
                    cell(self.paragraph(self.runs(content.runs, size, bold), "r" if content.numeric else None))
                    for content in row
                )
                + "</a:tr>"
            )
        grid = "".join(f'<a:gridCol w="{w}"/>' for w in widths)
        self._frame(
            f"table:{table.id}",
            x,
            y,
            sum(widths),
            row_height * rows,
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>'
            f'<a:tblPr firstRow="1" bandRow="1"><a:tableStyleId>{_TABLE_STYLE}</a:tableStyleId></a:tblPr>'
            f'<a:tblGrid>{grid}</a:tblGrid><a:tr h="{row_height}">{header}</a:tr>{"".join(body)}</a:tbl></a:graphicData>',
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
    ) -> int:
        """A preset shape (rounded box, dot) filled with ``fill`` and outlined in the accent colour;
        a shape that only decorates (a timeline's dot) is marked so, and screen readers skip it."""
        shape_id = self._id()
        text = (
            f'<p:txBody><a:bodyPr rtlCol="0" anchor="ctr" wrap="square"/><a:lstStyle/>{paragraphs}</p:txBody>'
            if paragraphs
            else ""
        )
        self.shapes.append(
            f"<p:sp><p:nvSpPr>{cnvpr(shape_id, name, decorative=decorative)}<p:cNvSpPr/><p:nvPr/></p:nvSpPr>"
            f'<p:spPr>{_xfrm(x, y, cx, cy)}<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>{_fill(fill)}'
            f"<a:ln>{_fill(ACCENT)}</a:ln></p:spPr>{_SHAPE_STYLE}{text}</p:sp>"
        )
        return shape_id

    def textbox(self, x: int, y: int, cx: int, cy: int, paragraphs: str) -> None:
        shape_id = self._id()
        self.shapes.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="TextBox {shape_id - 1}"/><p:cNvSpPr txBox="1"/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr>{_xfrm(x, y, cx, cy)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
            f'<p:txBody><a:bodyPr wrap="square"><a:spAutoFit/></a:bodyPr><a:lstStyle/>{paragraphs}</p:txBody></p:sp>'
        )

    def line(
        self,
        x1: int,
        y1: int,
        x2: int,
        y2: int,
        width_pt: float,
        arrow: bool = False,
        ends: tuple[int, int] | None = None,
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
            f'<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="{round(width_pt * PT)}">{_fill(ACCENT)}'
            f"{_ARROW_HEAD if arrow else ''}</a:ln></p:spPr></p:cxnSp>"
        )


def _body(w: _SlideWriter, ph: Placeholder, blocks) -> None:
    """Bullets and lead lines in the content placeholder; the longer the text, the smaller the type."""
    length = sum(len("".join(r.text for r in item)) for b in blocks if isinstance(b, BulletList) for item in b.items)
    length += sum(len(b.text) for b in blocks if isinstance(b, Paragraph))
    size = 22 if length < 380 else 18 if length < 650 else 15
    paragraphs = []
    for block in blocks:
        if isinstance(block, Paragraph):
            # A lead line: bold, without a bullet, introducing the list below it.
            paragraphs.append(w.paragraph(w.runs(block.runs, size, bold=True), space_after=8, bullet=False))
        elif isinstance(block, BulletList):
            paragraphs += [w.paragraph(w.runs(item, size), space_after=8) for item in block.items]
    w.placeholder(ph, "Content", "".join(paragraphs))


def _diagram(w: _SlideWriter, diagram: Diagram, slide_width: int) -> None:
    start = len(w.shapes)
    rows = sorted({n.row for n in diagram.nodes})
    top0, row_gap, height, gap = 1450000, 1300000, 800000, 250000
    usable = slide_width - 2 * MARGIN
    boxes: dict[str, tuple[int, int, int, int, int]] = {}
    for index, row in enumerate(rows):
        nodes = [n for n in diagram.nodes if n.row == row]
        width = min(4200000, int((usable - gap * (len(nodes) - 1)) / len(nodes)))
        span = width * len(nodes) + gap * (len(nodes) - 1)
        left = MARGIN + (usable - span) // 2
        for i, node in enumerate(nodes):
            fill = ACCENT if node.id == "body" else LIGHT
            ink = WHITE if fill == ACCENT else INK
            paragraphs = "".join(
                w.paragraph(w.run(line, 15 if j == 0 else 12, bold=j == 0, color=ink), "ctr")
                for j, line in enumerate(node.label.split("\n"))
            )
            x, y = left + i * (width + gap), top0 + index * row_gap
            boxes[node.id] = (
                w.shape(f"node:{node.id}", "roundRect", x, y, width, height, fill, paragraphs),
                x,
                y,
                width,
                height,
            )
    segments = []
    for edge in diagram.edges:
        source_id, sx, sy, sw, sh = boxes[edge.source]
        target_id, tx, ty, tw, _ = boxes[edge.target]
        segments.append((sx + sw // 2, sy + sh, tx + tw // 2, ty))
        w.line(*segments[-1], 1.5, arrow=True, ends=(source_id, target_id))
    # One label per source and citation (a fan of equal edges is labelled once), all the same size,
    # placed where it touches no connector, box or other label.
    obstacles = [(x, y, cx, cy) for _, x, y, cx, cy in boxes.values()]
    groups: dict[tuple[str, str], list[tuple[int, int, int, int]]] = {}
    for edge, segment in zip(diagram.edges, segments, strict=True):
        groups.setdefault((edge.source, edge.label), []).append(segment)
    for (source, label), lines in groups.items():
        width, height = _label_size(label, LABEL_PT)
        x, y = _label_place(lines, width, height, segments, obstacles, boxes[source][1:], slide_width)
        obstacles.append((x, y, width, height))
        # The box is wider than the text, and a label breaks only between citations (no-break spaces).
        w.textbox(x, y, width, height, w.paragraph(w.run(label, LABEL_PT, italic=True, color=INK), "l"))
    # Boxes, connectors and labels are one graphic, described once for a screen reader.
    w.group(start, "diagram", diagram.alt, bounds(obstacles))


LABEL_PT = 11
_INSET = 91440  # a text box's default left and right inset


def _label_size(label: str, size: float) -> tuple[int, int]:
    """A generous estimate of a one-line label's box (Calibri averages about half an em a character)."""
    return int(len(label) * size * 0.56 * PT) + 2 * _INSET, int(size * 1.3 * PT) + 2 * 45720


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


def _label_place(
    lines: list[tuple[int, int, int, int]],
    width: int,
    height: int,
    segments: list[tuple[int, int, int, int]],
    obstacles: list[tuple[int, int, int, int]],
    source: tuple[int, int, int, int],
    slide_width: int,
) -> tuple[int, int]:
    """The free spot nearest the labelled edges' midpoint (a fan's: just below its source box)."""
    top = min(y1 for _, y1, _, _ in lines)
    bottom = min(y2 for _, _, _, y2 in lines)
    if len(lines) == 1:
        # Beside the edge's midpoint, on the side it leans to (outside a V of two edges).
        x1, y1, x2, y2 = lines[0]
        mid_x = (x1 + x2) // 2
        anchor = (mid_x - 60000 - width if x2 < x1 else mid_x + 60000, (y1 + y2) // 2 - height // 2)
    else:
        # A fan: just below the source box, beside the point its edges leave from, on the left (the
        # edges spread to the right and down).
        anchor = (min(x1 for x1, _, _, _ in lines) - 60000 - width, top + 20000)

    def free(x: int, y: int) -> bool:
        rect = (x, y, width, height)
        return not any(_hits(rect, s) for s in segments) and not any(_overlaps(rect, o) for o in obstacles)

    spot = _nearest(anchor, (MARGIN, slide_width - MARGIN - width, top, max(top, bottom - height)), free)
    return spot if spot is not None else anchor  # no free spot in the band: beside the source box


def _nearest(
    anchor: tuple[int, int], bounds: tuple[int, int, int, int], free: Callable[[int, int], bool], step: int = 20000
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


def _timeline(w: _SlideWriter, steps: tuple[Milestone, ...], slide_width: int, alt: AltText | None = None) -> None:
    start = len(w.shapes)
    y = 3400000
    usable = slide_width - 2 * MARGIN
    w.line(MARGIN, y, MARGIN + usable, y, 3)
    step = usable // max(1, len(steps))
    for i, milestone in enumerate(steps):
        cx = MARGIN + step * i + step // 2
        w.shape(f"milestone:{i + 1}", "ellipse", cx - 150000, y - 150000, 300000, 300000, ACCENT, decorative=True)
        date = Run(
            milestone.date + ("*" if milestone.illustrative else ""),
            "illustrative" if milestone.illustrative else "plain",
        )
        w.textbox(
            cx - step // 2 + 50000,
            y + 300000,
            step - 100000,
            900000,
            w.paragraph(w.runs((Run(milestone.label, "strong"),), 18), "ctr") + w.paragraph(w.runs((date,), 18), "ctr"),
        )
    w.group(start, "timeline", alt, (MARGIN, y - 150000, usable, 150000 + 300000 + 900000))


def _visual(w: _SlideWriter, s: Slide, slide_width: int) -> None:
    width = slide_width - 2 * MARGIN
    top, height = 1500000, 4700000
    captions = [b for b in s.blocks if isinstance(b, Paragraph)]
    if captions:
        height -= 700000  # room for the caption under the visual
    # Shapes are written in reading order (a screen reader follows it): the visual, then its caption.
    if s.diagram is not None:
        _diagram(w, s.diagram, slide_width)
    if s.timeline:
        _timeline(w, s.timeline, slide_width, s.timeline_alt)
    if s.chart is not None and s.table is not None:
        chart_width = int(width * 0.45)
        w.chart(s.chart, MARGIN, top, chart_width, height)
        w.table(s.table, MARGIN + chart_width + 250000, top + 300000, width - chart_width - 250000)
    elif s.chart is not None:
        w.chart(s.chart, MARGIN, top, width, height)
    elif s.table is not None:
        w.table(s.table, MARGIN, top + 200000, width)
    if captions:
        # A caption line under the visual (e.g. what newer figures would give), in the body text size.
        w.textbox(
            MARGIN,
            top + height + 100000,
            width,
            600000,
            "".join(w.paragraph(w.runs(p.runs, 16), bullet=False) for p in captions),
        )


def _slide_xml(w: _SlideWriter, s: Slide, skeleton: PptxSkeleton) -> str:
    layout = skeleton.layouts.get(s.layout)
    if layout is None:
        raise LookupError(f"the deck template has no layout for {s.layout!r} slides")
    title_ph = find_placeholder(layout.placeholders, ("title", "ctrTitle"))
    body_ph = find_placeholder(layout.placeholders, idx="1") or find_placeholder(
        layout.placeholders, (None, "body", "obj", "subTitle")
    )
    if title_ph is None or (s.layout != "visual" and body_ph is None):
        raise LookupError(f"the layout for {s.layout!r} slides lacks a title or body placeholder")
    if s.layout == "title":
        assert body_ph is not None
        w.placeholder(title_ph, "Title", w.paragraph(w.run(s.title, 36, bold=True, color=INK), "ctr"))
        w.placeholder(body_ph, "Subtitle", "".join(w.paragraph(w.run(line, 20)) for line in s.subtitle.splitlines()))
    else:
        w.placeholder(
            title_ph, "Title", w.paragraph(w.run(s.title, 28 if len(s.title) < 60 else 24, bold=True, color=INK), "l")
        )
        if s.layout == "content":
            assert body_ph is not None
            _body(w, body_ph, s.blocks)
        else:
            _visual(w, s, skeleton.width)
    return XML_HEAD + (
        f"<p:sld {_NS}><p:cSld><p:spTree>{_GROUP}{''.join(w.shapes)}</p:spTree></p:cSld>"
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    )


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
    parts: list[tuple[str, bytes | Deflated]] = []
    overrides: list[tuple[str, str]] = []
    slide_list = []
    slide_rels = []
    chart_count = 0
    for number, s in enumerate(deck.slides, start=1):
        w = _SlideWriter(skeleton.lang_tag)
        slide_name = f"ppt/slides/slide{number}.xml"
        parts.append((slide_name, _slide_xml(w, s, skeleton).encode("utf-8")))
        layout_target = "../" + skeleton.layouts[s.layout].part.removeprefix("ppt/")
        rels = [("rId1", f"{REL}/slideLayout", layout_target)]
        for index, chart in enumerate(w.charts, start=1):
            chart_count += 1
            chart_part, workbook = chart_parts(chart, skeleton.lang_tag, when)
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
