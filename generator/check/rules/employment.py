"""Act 380/2023 12 §: employment areas of at least 20 000 labour force, covering every smaller
municipality, geographically contiguous.

The rules apply to cases that describe employment areas; neighbour relations are data in the
registry, so contiguity is a graph search rather than a map lookup.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.catalogue import finding
from generator.findings import Finding
from generator.formats import fi_number
from generator.model.entities import Case, EmploymentArea

LABOUR_FORCE_THRESHOLD = 20_000


def _area_index(case: Case, area: EmploymentArea) -> int:
    assert case.registry_source is not None
    ids = [a["id"] for a in case.registry_source.data.get("employment_areas", [])]
    return ids.index(area.id)


def _detached(area: EmploymentArea) -> list[str]:
    member_ids = {m.id for m in area.members}
    neighbours = {m.id: set(m.neighbours) & member_ids for m in area.members}
    reached = {area.lead.id}
    frontier = [area.lead.id]
    while frontier:
        current = frontier.pop()
        for nxt in neighbours.get(current, ()):
            if nxt not in reached:
                reached.add(nxt)
                frontier.append(nxt)
    return [m.name for m in area.members if m.id not in reached]


def check_employment(case: Case) -> Iterator[Finding]:
    if not case.employment_areas or case.registry_source is None:
        return
    registry = case.registry_source
    for area in case.employment_areas.values():
        index = _area_index(case, area)
        figures = [m.latest_labour_force() for m in area.members]
        if area.exception_14 is None and all(figures):
            total = sum(f.value for f in figures if f)
            if total < LABOUR_FORCE_THRESHOLD:
                yield finding(
                    "TPJ12-1",
                    registry.position(("employment_areas", index, "members")),
                    area=area.name,
                    total=fi_number(total),
                    year=max(f.year for f in figures if f),
                )
        detached = _detached(area)
        if detached:
            yield finding(
                "TPJ12-3",
                registry.position(("employment_areas", index, "members")),
                area=area.name,
                detached=", ".join(detached),
            )
    in_some_area = {m.id for area in case.employment_areas.values() for m in area.members}
    for index, entry in enumerate(registry.data["municipalities"]):
        m = case.municipalities[entry["id"]]
        figure = m.latest_labour_force()
        if figure is not None and figure.value < LABOUR_FORCE_THRESHOLD and m.id not in in_some_area:
            yield finding(
                "TPJ12-2",
                registry.position(("municipalities", index, "id")),
                name=m.name,
                value=fi_number(figure.value),
                year=figure.year,
            )
