"""Cross-file references: every municipality id, lead, principal and base agreement must resolve.

Runs only on schema-valid files, so each reference is known to be where the schema puts it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from generator.check.rules.catalogue import finding as rule_finding
from generator.findings import Finding
from generator.load.case_folder import RawCase
from generator.load.yaml_loader import LoadedFile

# Fields naming one municipality that must also be a party, by agreement kind: (path, role fi, role en).
_PARTY_ROLES: dict[str, list[tuple[tuple[str, ...], str, str]]] = {
    "joint_body": [(("lead",), "vastuukunta", "lead municipality")],
    "supplement": [(("lead",), "vastuukunta", "lead municipality")],
    "authority_task": [
        (("principal", "municipality"), "toimeksiantaja", "principal"),
        (("provider", "municipality"), "tehtävän hoitaja", "provider"),
    ],
    "joint_post": [(("employer",), "työnantajakunta", "employing municipality")],
}


def _get(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _neighbours_of(registry: LoadedFile, municipality_id: str) -> list[str]:
    entry = next(e for e in registry.data["municipalities"] if e["id"] == municipality_id)
    return entry.get("neighbours", [])


def check_references(raw: RawCase) -> list[Finding]:
    assert raw.case is not None and raw.registry is not None
    findings: list[Finding] = []
    known: dict[str, tuple[LoadedFile, tuple[Any, ...]]] = {}
    for i, entry in enumerate(raw.registry.data["municipalities"]):
        path = ("municipalities", i, "id")
        if entry["id"] in known:
            other_file, other_path = known[entry["id"]]
            findings.append(
                Finding(
                    "REF-DUPLICATE-ID",
                    "error",
                    raw.registry.position(path),
                    {"id": entry["id"], "other": str(other_file.position(other_path))},
                )
            )
        else:
            known[entry["id"]] = (raw.registry, path)
    known_list = ", ".join(sorted(known))
    # Lower-case names in every language given, so 'karleby' suggests kokkola.
    names = {
        e["id"]: {n.lower() for n in (e["name"].values() if isinstance(e["name"], dict) else (e["name"],))}
        for e in raw.registry.data["municipalities"]
    }

    def municipality(loaded: LoadedFile, path: tuple[Any, ...], value: str) -> Iterator[Finding]:
        if value not in known:
            close = difflib.get_close_matches(value, list(known), n=1) or [
                mid for mid, name in names.items() if value in name
            ]
            hint = f"{close[0]} (?) — " if close else ""
            yield Finding("REF-MUNICIPALITY", "error", loaded.position(path), {"id": value, "known": hint + known_list})

    registry = raw.registry
    for i, entry in enumerate(registry.data["municipalities"]):
        for j, other in enumerate(entry.get("neighbours", [])):
            path = ("municipalities", i, "neighbours", j)
            if other not in known:
                findings.extend(municipality(registry, path, other))
            elif entry["id"] not in _neighbours_of(registry, other):
                findings.append(
                    Finding("REF-NEIGHBOUR-SYMMETRY", "error", registry.position(path), {"a": entry["id"], "b": other})
                )
    areas: dict[str, int] = {}
    for i, area in enumerate(registry.data.get("employment_areas", [])):
        areas.setdefault(area["id"], i)
        findings.extend(municipality(registry, ("employment_areas", i, "lead"), area["lead"]))
        for j, member in enumerate(area["members"]):
            findings.extend(municipality(registry, ("employment_areas", i, "members", j), member))
        if area["lead"] in known and area["lead"] not in area["members"]:
            findings.append(
                Finding(
                    "REF-NOT-PARTY",
                    "error",
                    registry.position(("employment_areas", i, "lead")),
                    {
                        "id": area["lead"],
                        "role_fi": "Työllisyysalueen vastuukunta",
                        "role_en": "The area's lead municipality",
                    },
                )
            )

    for i, council in enumerate(raw.case.data.get("councils", [])):
        findings.extend(municipality(raw.case, ("councils", i), council))

    prepared_by = raw.case.data.get("prepared_by")
    if prepared_by is not None:
        findings.extend(municipality(raw.case, ("prepared_by",), prepared_by))

    agreements: dict[str, LoadedFile] = {}
    for loaded in raw.agreements:
        agreement_id = loaded.data["id"]
        if agreement_id in agreements:
            findings.append(
                Finding(
                    "REF-DUPLICATE-ID",
                    "error",
                    loaded.position(("id",)),
                    {"id": agreement_id, "other": str(agreements[agreement_id].position(("id",)))},
                )
            )
        agreements.setdefault(agreement_id, loaded)

    for loaded in raw.agreements:
        data = loaded.data
        parties = data["parties"]
        for i, party in enumerate(parties):
            findings.extend(municipality(loaded, ("parties", i), party))
        for path, role_fi, role_en in _PARTY_ROLES[data["kind"]]:
            value = _get(data, path)
            if value is None:
                continue
            if value not in known:
                findings.extend(municipality(loaded, path, value))
            elif value not in parties and all(p in known for p in parties):
                findings.append(
                    Finding(
                        "REF-NOT-PARTY",
                        "error",
                        loaded.position(path),
                        {"id": value, "role_fi": role_fi.capitalize(), "role_en": role_en.capitalize()},
                    )
                )
        for i, member in enumerate(data.get("area", [])):
            findings.extend(municipality(loaded, ("area", i), member))
        area = data.get("employment_area")
        if area is not None and area not in areas:
            findings.append(
                Finding(
                    "REF-AREA",
                    "error",
                    loaded.position(("employment_area",)),
                    {"id": area, "known": ", ".join(sorted(areas)) or "–"},
                )
            )
        # With a wrong party list the figures are judged once the list is fixed: one finding, not two.
        sections = ("figures", "declared_shares", "no_share") if all(p in known for p in parties) else ()
        for section in sections:
            for key in data.get("cost_sharing", {}).get(section, {}):
                path = ("cost_sharing", section, key)
                if key not in known:
                    findings.extend(municipality(loaded, path, key))
                elif key not in parties:
                    findings.append(Finding("REF-FIGURES-PARTY", "error", loaded.key_position(path), {"id": key}))
        if data["kind"] == "supplement":
            base = data["base_agreement"]
            if base not in agreements:
                findings.append(
                    rule_finding(
                        "REF-BASE",
                        loaded.position(("base_agreement",)),
                        id=base,
                        known=", ".join(sorted(agreements)) or "–",
                    )
                )
            elif agreements[base].data["kind"] != "joint_body":
                findings.append(Finding("REF-BASE-KIND", "error", loaded.position(("base_agreement",)), {"id": base}))
    return findings
