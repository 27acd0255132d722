"""Cross-file references: every municipality id, lead, principal, area and base agreement must resolve.

Runs only on schema-valid files, so each reference is known to be where the schema puts it. A case
that refers to other cases (``references``) also knows their municipalities and employment areas:
an area is described once, in the case that forms it, and every case that works inside it names it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from generator.findings import Finding
from generator.law.catalogue import finding as rule_finding
from generator.load.case_folder import RawCase
from generator.load.yaml_loader import LoadedFile
from generator.model.kinds import KINDS
from generator.model.kinds.amendment import amended_file
from generator.model.schema import check_schema

# Role names for messages printed in English (the Finnish ones are the language pack's).
_ROLES_EN = {"lead": "lead municipality", "principal": "principal", "provider": "provider", "employer": "employer"}


def referenced(raw: RawCase) -> list[RawCase]:
    """Every case ``raw`` refers to, directly or through another, each once."""
    out: list[RawCase] = []
    for other in raw.references:
        for case in (other, *referenced(other)):
            if all(case.folder.resolve() != seen.folder.resolve() for seen in out):
                out.append(case)
    return out


def _get(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _neighbours_of(entries: list[dict[str, Any]], municipality_id: str) -> list[str]:
    entry = next(e for e in entries if e["id"] == municipality_id)
    return list(entry.get("neighbours", []))


def check_references(raw: RawCase) -> list[Finding]:
    assert raw.case is not None and raw.registry is not None
    findings: list[Finding] = []
    known: dict[str, tuple[LoadedFile, tuple[Any, ...]]] = {}
    path: tuple[Any, ...]
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
    outside = [c for c in referenced(raw) if c.registry is not None]
    entries = list(raw.registry.data["municipalities"])
    for other in outside:
        assert other.registry is not None
        for entry in other.registry.data["municipalities"]:
            if entry["id"] not in known:
                known[entry["id"]] = (other.registry, ())
                entries.append(entry)
    known_list = ", ".join(sorted(known))
    # Lower-case names in every language given, so 'storby' suggests suurikylä.
    names = {
        e["id"]: {n.lower() for n in (e["name"].values() if isinstance(e["name"], dict) else (e["name"],))}
        for e in entries
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
            elif entry["id"] not in _neighbours_of(entries, other):
                findings.append(
                    Finding("REF-NEIGHBOUR-SYMMETRY", "error", registry.position(path), {"a": entry["id"], "b": other})
                )
    every_agreement = {a.data["id"] for c in (raw, *outside) for a in c.agreements}
    areas: dict[str, int] = {}
    for other in outside:
        assert other.registry is not None
        areas.update((area["id"], -1) for area in other.registry.data.get("employment_areas", []))
    for i, area in enumerate(registry.data.get("employment_areas", [])):
        areas.setdefault(area["id"], i)
        findings.extend(municipality(registry, ("employment_areas", i, "lead"), area["lead"]))
        for j, member in enumerate(area["members"]):
            findings.extend(municipality(registry, ("employment_areas", i, "members", j), member))
        own_agreement = area.get("agreement", {}).get("id")
        if own_agreement is not None and own_agreement not in every_agreement:
            findings.append(
                Finding(
                    "REF-AREA-AGREEMENT",
                    "error",
                    registry.position(("employment_areas", i, "agreement", "id")),
                    {"id": own_agreement, "known": ", ".join(sorted(every_agreement)) or "–"},
                )
            )
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
        for role in KINDS[data["kind"]].party_roles:
            path = role.path
            value = _get(data, role.path)
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
                        {
                            "id": value,
                            "role_fi": str(KINDS[data["kind"]].words("fi")["roles"][role.role]).capitalize(),
                            "role_en": _ROLES_EN.get(role.role, role.role).capitalize(),
                        },
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
        findings.extend(_seat_table(loaded, parties, known))
        if "base_agreement" in data:
            base = data["base_agreement"]
            if base not in agreements:
                findings.append(
                    rule_finding(
                        "REF-BASE",
                        loaded.position(("base_agreement",)),
                        id=base,
                        known=", ".join(sorted(k for k, v in agreements.items() if v.data["kind"] == "joint_body"))
                        or "–",
                    )
                )
            elif agreements[base].data["kind"] != "joint_body":
                findings.append(Finding("REF-BASE-KIND", "error", loaded.position(("base_agreement",)), {"id": base}))
        if "amends" in data and all(p in known for p in data["parties"]):
            findings.extend(_amendment(loaded, agreements, known))
        for i, dependency in enumerate(data.get("depends_on", [])):
            other = dependency.get("agreement")
            if other is not None and other not in every_agreement:
                findings.append(
                    rule_finding(
                        "REF-DEPENDS",
                        loaded.position(("depends_on", i, "agreement")),
                        id=other,
                        known=", ".join(sorted(every_agreement)) or "–",
                    )
                )
        findings.extend(_original(raw, loaded))
    return findings


def _amendment(loaded: LoadedFile, agreements: dict[str, LoadedFile], known: dict[str, Any]) -> list[Finding]:
    """An amendment names an agreement of this case, keeps its parties, and leaves valid data.

    With an unknown party on either side the reference check has already said so: one finding."""
    data = loaded.data
    base = agreements.get(data["amends"])
    if base is None or base.data["kind"] == data["kind"]:
        # The agreements that can be amended: those described as in force or signed.
        amendable = ", ".join(sorted(k for k, v in agreements.items() if {"in_force", "signed"} & set(v.data))) or "–"
        return [rule_finding("REF-AMENDS", loaded.position(("amends",)), id=data["amends"], known=amendable)]
    parties = data["changes"].get("parties", base.data["parties"])
    if not all(p in known for p in parties):
        return []
    if sorted(parties) != sorted(data["parties"]):
        return [
            rule_finding(
                "AMEND-PARTIES",
                loaded.position(("parties",)),
                parties=", ".join(parties),
                given=", ".join(data["parties"]),
            )
        ]
    # The agreement as amended must be a valid agreement of the base's kind.
    return check_schema(amended_file(base, loaded), "agreement")


# The largest signed original copied beside the outputs (a scanned agreement is a few megabytes).
MAX_ORIGINAL_BYTES = 50_000_000


def _original(raw: RawCase, loaded: LoadedFile) -> list[Finding]:
    """The signed original of an agreement in force is a file inside the case folder."""
    original = loaded.data.get("in_force", {}).get("original")
    if original is None:
        return []
    folder = raw.folder.resolve()
    target = (folder / original).resolve()
    if not target.is_relative_to(folder) or not target.is_file():
        return [rule_finding("IN-FORCE-ORIGINAL", loaded.position(("in_force", "original")), path=original)]
    size = target.stat().st_size
    if size > MAX_ORIGINAL_BYTES:  # it is copied beside the outputs: not an 8 GiB file by mistake
        where = loaded.position(("in_force", "original"))
        return [Finding("FILE-TOO-BIG", "error", where, {"size": size, "limit": MAX_ORIGINAL_BYTES})]
    return []


def _seat_table(loaded: LoadedFile, parties: list[str], known: dict[str, Any]) -> list[Finding]:
    """An agreed seat table gives seats to every party and to no one else (SEAT-TABLE)."""
    composition = loaded.data.get("composition")
    if not isinstance(composition, dict) or composition.get("rule") != "seat_table" or "seats" not in composition:
        return []
    seats = composition["seats"]
    if not all(p in known for p in parties):
        return []
    strangers = [key for key in seats if key not in parties]
    if strangers:
        path = ("composition", "seats", strangers[0])
        return [
            rule_finding(
                "SEAT-TABLE",
                loaded.key_position(path),
                problem_fi=f"on kunta {strangers[0]}, joka ei ole sopijakunta",
                problem_en=f"names {strangers[0]}, which is not a party",
            )
        ]
    missing = [p for p in parties if p not in seats]
    if missing:
        return [
            rule_finding(
                "SEAT-TABLE",
                loaded.position(("composition", "seats")),
                problem_fi=f"ei ole paikkoja kunnalle {', '.join(missing)}",
                problem_en=f"gives no seats to {', '.join(missing)}",
            )
        ]
    return []
