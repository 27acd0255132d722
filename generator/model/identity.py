"""Names that must tell municipalities apart in every document language.

Documents name municipalities, not ids: a seats table reads "Mallila 4", and the read-back finds
each figure again by the name beside it. Two municipalities of the same name (or official name) in
one language, or one named like a table's total row, would make every figure of one of them seem
to belong to the other; the build would then refuse its own outputs with dozens of findings about
files, far from the YAML line that caused them. Validation says it once, at that line.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.contract import clean
from generator.findings import Finding, Position
from generator.language import labels
from generator.model.entities import Case


def _name_position(case: Case, municipality_id: str, field: str) -> Position:
    """Where the registry entry of ``municipality_id`` gives ``field`` (its name, or official name)."""
    for registry in (case.registry_source, *case.referenced_registries):
        if registry is None:
            continue
        entries = registry.data.get("municipalities", []) if isinstance(registry.data, dict) else []
        for index, entry in enumerate(entries):
            if isinstance(entry, dict) and entry.get("id") == municipality_id:
                return registry.position(("municipalities", index, field))
    return case.inputs[0].position(())


def municipality_name_clashes(case: Case) -> list[Finding]:
    """A finding at the later of two municipalities that share a name in some document language."""
    # One finding per municipality: a clashing name usually makes its derived official name clash too.
    first: dict[str, Finding] = {}
    for municipality_id, clash in _clashes(case):
        first.setdefault(municipality_id, clash)
    return list(first.values())


def _clashes(case: Case) -> Iterator[tuple[str, Finding]]:
    for lang, version in sorted((case.versions or {case.language: case}).items()):
        total = clean(labels(lang)["tables"]["total"]).casefold()
        seen: dict[str, str] = {}
        for municipality in version.municipalities.values():
            for field, name in (("name", municipality.name), ("official_name", municipality.official_name)):
                key = clean(name).casefold()  # as the read-back compares names: without asterisks
                other = seen.setdefault(key, municipality.id)
                if key == total or other != municipality.id:
                    yield (
                        municipality.id,
                        Finding(
                            "NAME-CLASH",
                            "error",
                            _name_position(case, municipality.id, field),
                            {"name": name, "other": other if key != total else labels(lang)["tables"]["total"]},
                        ),
                    )
