"""Facts stated in a generated .pptx: named tables and the data of named charts."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from generator.formats import fi_percent
from generator.readback.observations import Observation, from_anchors, from_table
from generator.readback.package_reader import NS, Package, paragraph_text

_ID = f"{{{NS['r']}}}id"


def _chart_data(package: Package, part: str) -> list[tuple[str, float]]:
    """Categories and values of the chart's first series, from the caches PowerPoint keeps current."""
    series = package.xml(part).find(".//c:plotArea/*/c:ser", NS)
    if series is None:
        return []
    categories = {pt.get("idx"): pt.findtext("c:v", "", NS) for pt in series.iterfind("c:cat//c:pt", NS)}
    values = {pt.get("idx"): float(pt.findtext("c:v", "0", NS)) for pt in series.iterfind("c:val//c:pt", NS)}
    return [(categories.get(idx, ""), value) for idx, value in values.items()]


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
        slide_part = slides[slide_id.get(_ID)]
        targets = package.targets(slide_part)
        where = f"{name}, dia {number}"
        slide = package.xml(slide_part)
        paragraphs += [
            "".join(t.text or "" for t in p.iterfind(".//a:t", NS)) for p in slide.iterfind(".//p:sp//a:p", NS)
        ]
        for frame in slide.iterfind(".//p:graphicFrame", NS):
            shape = frame.find("p:nvGraphicFramePr/p:cNvPr", NS).get("name", "")
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
                            f"seats:{agreement_id}:{category}", str(round(value)), f"{where}, kaavio, {category}"
                        )
                    elif kind == "shares":
                        yield Observation(
                            f"share:{agreement_id}:{category}",
                            fi_percent(round(value * 100)).replace("\u00a0", " "),
                            f"{where}, kaavio, {category}",
                        )
    if anchors:
        yield from from_anchors(paragraphs, list(anchors), facts or {}, name)
