"""Deck tree → .pptx with python-pptx, on the base template's layouts (found by name).

Titles and texts sit in real placeholders; charts are native PowerPoint charts with their data in
the embedded workbook; the contract structure is native shapes and connectors; every content slide
carries speaker notes. Chart and table shapes are named after their tree ids ("chart:seats:…") so
the consistency check can read the same facts back.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from generator.compose.deck_tree import Chart, Deck, Diagram, Milestone, Slide
from generator.compose.tree import BulletList, Paragraph, Run, Table
from generator.paths import templates_dir
from generator.write.package import normalise_package

LAYOUTS = {"title": "Title Slide", "content": "Title and Content", "visual": "Title Only"}
INK = RGBColor(0x1F, 0x2A, 0x44)
ACCENT = RGBColor(0x2F, 0x5D, 0x8A)
LIGHT = RGBColor(0xDC, 0xE3, 0xED)
ILLUSTRATIVE = RGBColor(0xB4, 0x5F, 0x06)
MARGIN = Emu(609600)


def base_template() -> Path:
    return templates_dir() / "pptx" / "base.pptx"


def _layout(prs, name: str):
    for layout in prs.slide_layouts:
        if layout.name == LAYOUTS[name]:
            return layout
    raise LookupError(f"the deck template has no layout named {LAYOUTS[name]!r}")


def _runs(paragraph, runs: tuple[Run, ...], size: Pt | None = None) -> None:
    for run in runs:
        r = paragraph.add_run()
        r.text = run.text
        if size is not None:
            r.font.size = size
        if run.mark in ("illustrative", "placeholder"):
            r.font.color.rgb = ILLUSTRATIVE
            r.font.bold = True
        if run.mark == "strong":
            r.font.bold = True


def _no_bullet(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", "0")
    ppr.set("indent", "0")
    etree.SubElement(ppr, qn("a:buNone"))  # after spacing, as the schema orders pPr children


def _body(slide, blocks) -> None:
    placeholder = next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 1)
    frame = placeholder.text_frame
    frame.word_wrap = True
    length = sum(len("".join(r.text for r in item)) for b in blocks if isinstance(b, BulletList) for item in b.items)
    length += sum(len(b.text) for b in blocks if isinstance(b, Paragraph))
    size = Pt(22) if length < 380 else Pt(18) if length < 650 else Pt(15)
    first = True
    for block in blocks:
        items = block.items if isinstance(block, BulletList) else (block.runs,)
        for item in items:
            paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
            first = False
            _runs(paragraph, item, size)
            paragraph.space_after = Pt(8)
            if isinstance(block, Paragraph):
                _no_bullet(paragraph)
                paragraph.runs[0].font.bold = True


def _fix_axis_ids(chart) -> None:
    """python-pptx writes negative axis ids, which the OOXML schema (unsignedInt) rejects."""
    space = chart._chartSpace
    ids = {}
    for element in space.iter(qn("c:axId"), qn("c:crossAx")):
        old = element.get("val")
        ids.setdefault(old, str(100000 + len(ids) + 1))
        element.set("val", ids[old])


def _add_chart(slide, chart: Chart, left, top, width, height) -> None:
    data = CategoryChartData(number_format=chart.number_format)
    data.categories = chart.categories
    for name, values in chart.series:
        data.add_series(name, values, number_format=chart.number_format)
    kind = XL_CHART_TYPE.COLUMN_CLUSTERED if chart.kind == "column" else XL_CHART_TYPE.BAR_CLUSTERED
    frame = slide.shapes.add_chart(kind, left, top, width, height, data)
    frame.name = f"chart:{chart.id}"
    c = frame.chart
    c.has_legend = False
    c.has_title = False
    c.font.size = Pt(14)
    c.font.name = "Calibri"
    plot = c.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = chart.number_format
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(14)
    labels.font.bold = True
    for series in plot.series:
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = ACCENT
    value_axis = c.value_axis
    value_axis.has_major_gridlines = False
    value_axis.visible = False
    value_axis.minimum_scale = 0
    c.category_axis.tick_labels.font.size = Pt(14)
    if chart.kind == "bar":
        c.category_axis.reverse_order = True
    lang = etree.Element(qn("c:lang"))
    lang.set("val", "fi-FI")
    date1904 = c._chartSpace.find(qn("c:date1904"))
    if date1904 is not None:
        date1904.addnext(lang)
    else:
        c._chartSpace.insert(0, lang)
    _fix_axis_ids(c)


def _add_table(slide, table: Table, left, top, width) -> None:
    rows, cols = len(table.rows) + 1, len(table.header)
    row_height = Emu(420000)
    frame = slide.shapes.add_table(rows, cols, left, top, width, Emu(row_height * rows))
    frame.name = f"table:{table.id}"
    grid = frame.table
    total_width = sum(table.widths)
    for i, w in enumerate(table.widths):
        grid.columns[i].width = Emu(int(width * w / total_width))
    size = Pt(16) if rows <= 8 and cols <= 4 else Pt(14)
    for c, heading in enumerate(table.header):
        cell = grid.cell(0, c)
        cell.text_frame.paragraphs[0].text = ""
        _runs(cell.text_frame.paragraphs[0], (Run(heading, "strong"),), size)
    for r, row in enumerate(table.rows, start=1):
        for c, content in enumerate(row):
            cell = grid.cell(r, c)
            paragraph = cell.text_frame.paragraphs[0]
            _runs(paragraph, content.runs, size)
            if content.numeric:
                paragraph.alignment = PP_ALIGN.RIGHT
            if table.total and r == len(table.rows):
                for run in paragraph.runs:
                    run.font.bold = True
    for c in range(cols):
        if all(row[c].numeric for row in table.rows):
            grid.cell(0, c).text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT


def _box(slide, text: str, left, top, width, height, fill: RGBColor, bold_first: bool = True):
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, left, top, width, height)
    shape.fill.solid()
    shape.fill.fore_color.rgb = fill
    shape.line.color.rgb = ACCENT
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.CENTER
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(15 if i == 0 else 12)
        run.font.bold = bold_first and i == 0
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF) if fill == ACCENT else INK
    return shape


def _label(slide, text: str, left, top, width, height, size: int = 11):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.italic = True
    run.font.color.rgb = INK
    return box


def _arrow(slide, source, target) -> None:
    x1 = source.left + source.width // 2
    y1 = source.top + source.height
    x2 = target.left + target.width // 2
    y2 = target.top
    connector = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, x1, y1, x2, y2)
    connector.begin_connect(source, 2)
    connector.end_connect(target, 0)
    connector.line.color.rgb = ACCENT
    connector.line.width = Pt(1.5)
    line = connector.line._get_or_add_ln()
    tail = etree.SubElement(line, qn("a:tailEnd"))
    tail.set("type", "triangle")
    return connector


def _diagram(slide, diagram: Diagram, slide_width) -> None:
    rows = sorted({n.row for n in diagram.nodes})
    top0, row_gap, height = Emu(1450000), Emu(1300000), Emu(800000)
    usable = slide_width - 2 * MARGIN
    shapes = {}
    for index, row in enumerate(rows):
        nodes = [n for n in diagram.nodes if n.row == row]
        width = min(Emu(4200000), int((usable - Emu(250000) * (len(nodes) - 1)) / len(nodes)))
        span = width * len(nodes) + Emu(250000) * (len(nodes) - 1)
        left = MARGIN + (usable - span) // 2
        for i, node in enumerate(nodes):
            fill = ACCENT if node.id in ("body",) else LIGHT
            shapes[node.id] = _box(slide, node.label, left + i * (width + Emu(250000)), top0 + index * row_gap, width, height, fill)
    labelled_rows: set[tuple[str, str]] = set()
    for edge in diagram.edges:
        source, target = shapes[edge.source], shapes[edge.target]
        _arrow(slide, source, target)
        key = (edge.source, edge.label)
        mid_y = source.top + source.height + (target.top - source.top - source.height) // 2 - Emu(120000)
        x = target.left + target.width // 2 + Emu(60000)
        _label(slide, edge.label, x, mid_y, Emu(2300000), Emu(260000), 10 if key in labelled_rows else 11)
        labelled_rows.add(key)


def _timeline(slide, steps: tuple[Milestone, ...], slide_width) -> None:
    y = Emu(3400000)
    usable = slide_width - 2 * MARGIN
    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, MARGIN, y, MARGIN + usable, y)
    line.line.color.rgb = ACCENT
    line.line.width = Pt(3)
    step = usable // max(1, len(steps))
    for i, milestone in enumerate(steps):
        cx = MARGIN + step * i + step // 2
        dot = slide.shapes.add_shape(MSO_SHAPE.OVAL, cx - Emu(150000), y - Emu(150000), Emu(300000), Emu(300000))
        dot.fill.solid()
        dot.fill.fore_color.rgb = ACCENT
        dot.line.color.rgb = ACCENT
        box = slide.shapes.add_textbox(cx - step // 2 + Emu(50000), y + Emu(300000), step - Emu(100000), Emu(900000))
        frame = box.text_frame
        frame.word_wrap = True
        name = frame.paragraphs[0]
        name.alignment = PP_ALIGN.CENTER
        _runs(name, (Run(milestone.label, "strong"),), Pt(18))
        when = frame.add_paragraph()
        when.alignment = PP_ALIGN.CENTER
        _runs(when, (Run(milestone.date + ("*" if milestone.illustrative else ""),
                         "illustrative" if milestone.illustrative else "plain"),), Pt(18))


def _visual(slide, s: Slide, prs) -> None:
    width = prs.slide_width - 2 * MARGIN
    top, height = Emu(1500000), Emu(4700000)
    if s.diagram is not None:
        _diagram(slide, s.diagram, prs.slide_width)
    if s.timeline:
        _timeline(slide, s.timeline, prs.slide_width)
    if s.chart is not None and s.table is not None:
        chart_width = int(width * 0.45)
        _add_chart(slide, s.chart, MARGIN, top, chart_width, height)
        _add_table(slide, s.table, MARGIN + chart_width + Emu(250000), top + Emu(300000), width - chart_width - Emu(250000))
    elif s.chart is not None:
        _add_chart(slide, s.chart, MARGIN, top, width, height)
    elif s.table is not None:
        _add_table(slide, s.table, MARGIN, top + Emu(200000), width)


def _title(slide, text: str, size: int) -> None:
    title = slide.shapes.title
    title.text_frame.word_wrap = True
    title.text_frame.paragraphs[0].text = ""
    run = title.text_frame.paragraphs[0].add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = True
    run.font.color.rgb = INK
    title.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT


def write_pptx(deck: Deck, author: str, when: dt.date, template: Path | None = None) -> bytes:
    prs = Presentation(str(template or base_template()))
    for s in deck.slides:
        slide = prs.slides.add_slide(_layout(prs, s.layout))
        if s.layout == "title":
            _title(slide, s.title, 36)
            slide.shapes.title.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
            subtitle = next(ph for ph in slide.placeholders if ph.placeholder_format.idx == 1)
            subtitle.text_frame.text = ""
            for i, line in enumerate(s.subtitle.splitlines()):
                paragraph = subtitle.text_frame.paragraphs[0] if i == 0 else subtitle.text_frame.add_paragraph()
                _runs(paragraph, (Run(line),), Pt(20))
        else:
            _title(slide, s.title, 28 if len(s.title) < 60 else 24)
            if s.layout == "content":
                _body(slide, s.blocks)
            else:
                _visual(slide, s, prs)
        if s.notes:
            slide.notes_slide.notes_text_frame.text = s.notes
    stamp = dt.datetime(when.year, when.month, when.day, 12, 0, 0)
    props = prs.core_properties
    props.title = deck.title
    props.author = author
    props.last_modified_by = author
    props.created = props.modified = stamp
    props.revision = 1
    props.identifier = deck.id
    props.language = "fi-FI"
    buffer = io.BytesIO()
    prs.save(buffer)
    return normalise_package(buffer.getvalue(), when)
