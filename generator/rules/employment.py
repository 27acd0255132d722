"""Act 380/2023 12 §: employment areas of at least 20 000 labour force (or with the Council of State's
permit, Act 383/2023 4 §), covering every smaller municipality, geographically contiguous; and every
employment-services agreement that carries employment-authority tasks names its area.

Neighbour relations are data in the registry, so contiguity is a graph search rather than a map
lookup. The checks run on every area the case uses or describes, including an area described in a
case this one refers to, so splitting a case into several files or cases never switches them off.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Finding
from generator.formats import fi_number
from generator.law.catalogue import finding
from generator.load.yaml_loader import LoadedFile
from generator.model.entities import Agreement, Case, EmploymentArea
from generator.rules.registry import agreement_rule, anchor, case_rule

LABOUR_FORCE_THRESHOLD = 20_000
EMPLOYMENT = ["employment_services"]


def _where(case: Case, area: EmploymentArea) -> tuple[LoadedFile, int] | None:
    """The registry file that describes ``area`` and its index there."""
    files = [case.registry_source, *(f for f in case.referenced_registries)]
    for loaded in files:
        if loaded is None:
            continue
        ids = [a["id"] for a in loaded.data.get("employment_areas", [])]
        if area.id in ids:
            return loaded, ids.index(area.id)
    return None


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


def _areas_in_use(case: Case) -> list[EmploymentArea]:
    """The areas this case describes in its own registry and those its agreements name."""
    own = {a["id"] for a in (case.registry_source.data.get("employment_areas", []) if case.registry_source else [])}
    used = {a.employment_area.id for a in case.agreements if a.employment_area is not None}
    return [area for area in case.employment_areas.values() if area.id in own | used]


@case_rule("TPJ12-1", "TPJ12-3")
def areas(case: Case) -> Iterator[Finding]:
    for area in _areas_in_use(case):
        where = _where(case, area)
        if where is None:
            continue
        loaded, index = where
        members = loaded.position(("employment_areas", index, "members"))
        labour = area.labour_force()
        if area.permit is None and labour is not None and labour.value < LABOUR_FORCE_THRESHOLD:
            yield finding("TPJ12-1", members, area=area.name, total=fi_number(labour.value), year=labour.year)
        detached = _detached(area)
        if detached:
            yield finding("TPJ12-3", members, area=area.name, detached=", ".join(detached))


@case_rule("TPJ12-2", sectors=EMPLOYMENT)
def members(case: Case) -> Iterator[Finding]:
    """A municipality under 20 000 that takes part in employment-services agreements belongs to an area."""
    registry = case.registry_source
    if registry is None:
        return
    in_some_area = {m.id for area in case.employment_areas.values() for m in area.members}
    parties = {m.id for a in case.agreements if a.sector.id in EMPLOYMENT for m in a.parties}
    for index, entry in enumerate(registry.data["municipalities"]):
        m = case.municipalities[entry["id"]]
        figure = m.latest_labour_force()
        if (
            m.id in parties
            and figure is not None
            and figure.value < LABOUR_FORCE_THRESHOLD
            and m.id not in in_some_area
        ):
            yield finding(
                "TPJ12-2",
                registry.position(("municipalities", index, "id")),
                name=m.name,
                value=fi_number(figure.value),
                year=figure.year,
            )


@agreement_rule("TPJ-AREA", sectors=EMPLOYMENT)
def area_named(case: Case, a: Agreement) -> Iterator[Finding]:
    if a.kind.authority_tasks and a.employment_area is None:
        yield finding("TPJ-AREA", anchor(a))
