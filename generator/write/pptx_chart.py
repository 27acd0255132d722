"""A native, editable PowerPoint chart: its chart part and the embedded workbook holding its data.

The chart XML is written here (a clustered bar or column chart with value labels) rather than
generated and then patched, so its axis ids are valid unsigned integers from the start. The
workbook, which PowerPoint opens under "Edit Data", is laid out as python-pptx lays it out, with
every text stored as text. Colours are the theme's (bars in the first accent, the reader's own
municipality in the second), text is in the theme's fonts at a size of the master's scale, and each
value's label is the text the slide prints ("9,51 %"), so the chart does not depend on the viewer's
locale. Both parts are cached by the chart's content: every council's deck carries the same charts
but its own highlight.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import lru_cache

from generator.compose.deck_tree import Chart
from generator.write.ooxml_parts import XML_HEAD, esc
from generator.write.package import normalise_package
from generator.write.zip_writer import Deflated, deflate

_CAT_AX, _VAL_AX = 100001, 100002
_SHOW = (
    '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
    '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>'
)


def _fill(role: str) -> str:
    return f'<c:spPr><a:solidFill><a:schemeClr val="{role}"/></a:solidFill></c:spPr>'


def _text_props(size: int, bold: bool = False) -> str:
    weight = ' b="1"' if bold else ""
    return f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"{weight}/></a:pPr></a:p></c:txPr>'


def _labels(chart: Chart, index: int, size: int, lang_tag: str) -> str:
    """The series' value labels: each point's own text when the chart gives it, else the value."""
    points = ""
    if index < len(chart.value_labels):
        for i, text in enumerate(chart.value_labels[index]):
            points += (
                f'<c:dLbl><c:idx val="{i}"/><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>'
                f'<a:defRPr sz="{size}" b="1"/></a:pPr><a:r><a:rPr lang="{lang_tag}" sz="{size}" b="1"/>'
                f'<a:t>{esc(text)}</a:t></a:r></a:p></c:rich></c:tx><c:dLblPos val="outEnd"/>{_SHOW}</c:dLbl>'
            )
    return (
        f'<c:dLbls>{points}<c:numFmt formatCode="{esc(chart.number_format)}" sourceLinked="0"/>'
        f'{_text_props(size, True)}<c:dLblPos val="outEnd"/>{_SHOW}</c:dLbls>'
    )


def _series(chart: Chart, index: int, name: str, values: tuple[float, ...], size: int, lang_tag: str) -> str:
    column = chr(ord("B") + index)
    last = len(chart.categories) + 1
    categories = "".join(f'<c:pt idx="{i}"><c:v>{esc(c)}</c:v></c:pt>' for i, c in enumerate(chart.categories))
    points = "".join(f'<c:pt idx="{i}"><c:v>{v!r}</c:v></c:pt>' for i, v in enumerate(values))
    own = "".join(
        f'<c:dPt><c:idx val="{i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>{_fill("accent2")}</c:dPt>'
        for i in chart.highlight
    )
    return (
        f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>'
        f'<c:tx><c:strRef><c:f>Sheet1!${column}$1</c:f><c:strCache><c:ptCount val="1"/>'
        f'<c:pt idx="0"><c:v>{esc(name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
        f'{_fill("accent1")}<c:invertIfNegative val="0"/>{own}{_labels(chart, index, size, lang_tag)}'
        f'<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${last}</c:f><c:strCache><c:ptCount val="{len(chart.categories)}"/>'
        f"{categories}</c:strCache></c:strRef></c:cat>"
        f"<c:val><c:numRef><c:f>Sheet1!${column}$2:${column}${last}</c:f><c:numCache>"
        f'<c:formatCode>{esc(chart.number_format)}</c:formatCode><c:ptCount val="{len(values)}"/>{points}'
        "</c:numCache></c:numRef></c:val></c:ser>"
    )


def chart_xml(chart: Chart, lang_tag: str, size: int = 1400) -> bytes:
    """Clustered columns (or bars, top to bottom in category order) with bold value labels, no axis line."""
    horizontal = chart.kind == "bar"
    series = "".join(_series(chart, i, name, values, size, lang_tag) for i, (name, values) in enumerate(chart.series))
    plot = (
        f'<c:barChart><c:barDir val="{"bar" if horizontal else "col"}"/><c:grouping val="clustered"/>'
        f'<c:varyColors val="0"/>{series}<c:gapWidth val="60"/>'
        f'<c:axId val="{_CAT_AX}"/><c:axId val="{_VAL_AX}"/></c:barChart>'
    )
    category_axis = (
        f'<c:catAx><c:axId val="{_CAT_AX}"/><c:scaling><c:orientation val="{"maxMin" if horizontal else "minMax"}"/>'
        f'</c:scaling><c:delete val="0"/><c:axPos val="{"l" if horizontal else "b"}"/>'
        '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="nextTo"/>{_text_props(size)}<c:crossAx val="{_VAL_AX}"/><c:crosses val="autoZero"/>'
        '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
    )
    value_axis = (
        f'<c:valAx><c:axId val="{_VAL_AX}"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>'
        f'<c:delete val="1"/><c:axPos val="{"b" if horizontal else "l"}"/>'
        f'<c:numFmt formatCode="{esc(chart.number_format)}" sourceLinked="0"/><c:majorTickMark val="none"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="{_CAT_AX}"/>'
        '<c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>'
    )
    return (
        XML_HEAD + '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<c:date1904 val="0"/><c:lang val="{lang_tag}"/><c:roundedCorners val="0"/>'
        f'<c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>{plot}{category_axis}{value_axis}</c:plotArea>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"/>'
        f'</a:pPr><a:endParaRPr lang="{lang_tag}"/></a:p></c:txPr>'
        '<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>'
    ).encode("utf-8")


def workbook(chart: Chart, when: dt.date) -> bytes:
    """The chart's data as an .xlsx (categories in column A, a series a column), dated by the case.

    The layout is python-pptx's (what PowerPoint opens under "Edit Data"), but every text is written
    as a string: XlsxWriter's ``write`` would turn a municipality named "=HYPERLINK(…)" into a live
    formula, and "www.…" into a link.
    """
    from xlsxwriter import Workbook

    buffer = io.BytesIO()
    book = Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )
    sheet = book.add_worksheet()
    general = book.add_format({"num_format": "General"})
    sheet.set_column(0, 0, 10)
    for row, category in enumerate(chart.categories, start=1):
        sheet.write_string(row, 0, str(category), general)
    for column, (name, values) in enumerate(chart.series, start=1):
        number = book.add_format({"num_format": chart.number_format})
        sheet.write_string(0, column, str(name))
        for row, value in enumerate(values, start=1):
            sheet.write_number(row, column, value, number)
    book.close()
    return normalise_package(buffer.getvalue(), when)


@lru_cache(maxsize=256)
def chart_parts(chart: Chart, lang_tag: str, when: dt.date, size: int = 1400) -> tuple[Deflated, Deflated]:
    """The deflated chart part and workbook of ``chart``, made once per process."""
    return deflate(chart_xml(chart, lang_tag, size)), deflate(workbook(chart, when))
