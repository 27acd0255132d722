"""Facts stated in a generated .pptx: named tables and the data of named charts."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from generator.formats import fi_percent
from generator.readback.observations import Observation, from_anchors, from_table
from generator.readback.package_reader import NS, ArchiveProblem, Package, paragraph_text

_ID = f"{{{NS['r']}}}id"


def _number(text: str) -> float | None:
    """A chart value as a number; None for text typed over it (then the text itself is compared)."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _chart_data(package: Package, part: str) -> list[tuple[str, str]]:
    """Categories and values of the chart's first series, from the caches PowerPoint keeps current."""
    series = package.xml(part).find(".//c:plotArea/*/c:ser", NS)
    if series is None:
        return []
    categories = {pt.get("idx"): pt.findtext("c:v", "", NS) for pt in series.iterfind("c:cat//c:pt", NS)}
    values = {pt.get("idx"): pt.findtext("c:v", "", NS) for pt in series.iterfind("c:val//c:pt", NS)}
    return [(categories.get(idx, ""), value) for idx, value in values.items()]


def _seats(text: str) -> str:
    value = _number(text)
    return text if value is None else str(round(value))


def _share(text: str) -> str:
    value = _number(text)
    return text if value is None else fi_percent(round(value * 100)).replace("\u00a0", " ")


def read_pptx(
    source: Path | bytes,
    name: str,
    total_label: str,
    titles: dict[str, str],
    anchors: Sequence[Mapping[str, str]] = (),
    facts: dict[str, str] | None = None,
) -> Iterator[Observation]:
    package = Package(source)
    paragraphs: list[str] = []
    slides = package.targets("ppt/presentation.xml")
    order = package.xml("ppt/presentation.xml").iterfind("p:sldIdLst/p:sldId", NS)
    for number, slide_id in enumerate(order, start=1):
        slide_part = slides.get(str(slide_id.get(_ID)))
        if slide_part is None:
            raise ArchiveProblem("missing", f"ppt/presentation.xml: {slide_id.get(_ID)}")
        targets = package.targets(slide_part)
        where = f"{name}, dia {number}"
        slide = package.xml(slide_part)
        paragraphs += [
            "".join(t.text or "" for t in p.iterfind(".//a:t", NS)) for p in slide.iterfind(".//p:sp//a:p", NS)
        ]
        for frame in slide.iterfind(".//p:graphicFrame", NS):
            properties = frame.find("p:nvGraphicFramePr/p:cNvPr", NS)
            shape = properties.get("name", "") if properties is not None else ""
            if shape.startswith("table:"):
                table = frame.find(".//a:tbl", NS)
                if table is not None:
                    rows = [
                        [paragraph_text(cell, "a:t") for cell in row.iterfind("a:tc", NS)]
                        for row in table.iterfind("a:tr", NS)
                    ]
                    yield from from_table(shape[len("table:") :], rows, total_label, titles, where)
            elif shape.startswith("chart:"):
                chart = frame.find(".//c:chart", NS)
                if chart is None or chart.get(_ID) not in targets:
                    continue
                kind, _, agreement_id = shape[len("chart:") :].partition(":")
                for category, value in _chart_data(package, targets[chart.get(_ID)]):
                    if kind == "seats":
                        yield Observation(
                            f"seats:{agreement_id}:{category}", _seats(value), f"{where}, kaavio, {category}"
                        )
                    elif kind == "shares":
                        yield Observation(
                            f"share:{agreement_id}:{category}", _share(value), f"{where}, kaavio, {category}"
                        )
    if anchors:
        yield from from_anchors(paragraphs, list(anchors), facts or {}, name)
