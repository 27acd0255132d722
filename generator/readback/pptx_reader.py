"""Facts stated in a generated .pptx: named tables and the data of named charts."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from pptx import Presentation

from generator.formats import fi_percent
from generator.readback.observations import Observation, from_table


def read_pptx(path: Path, total_label: str, titles: dict[str, str]) -> Iterator[Observation]:
    prs = Presentation(str(path))
    for number, slide in enumerate(prs.slides, start=1):
        where = f"{path.name}, dia {number}"
        for shape in slide.shapes:
            name = shape.name
            if name.startswith("table:") and shape.has_table:
                rows = [[cell.text for cell in row.cells] for row in shape.table.rows]
                yield from from_table(name[len("table:"):], rows, total_label, titles, where)
            elif name.startswith("chart:") and shape.has_chart:
                kind, _, agreement_id = name[len("chart:"):].partition(":")
                plot = shape.chart.plots[0]
                categories = list(plot.categories)
                values = list(plot.series[0].values)
                for category, value in zip(categories, values):
                    if kind == "seats":
                        yield Observation(f"seats:{agreement_id}:{category}", str(round(value)), f"{where}, kaavio, {category}")
                    elif kind == "shares":
                        yield Observation(f"share:{agreement_id}:{category}", fi_percent(round(value * 100)).replace("\u00a0", " "),
                                          f"{where}, kaavio, {category}")
