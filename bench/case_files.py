"""One synthetic employment area → one case folder's YAML files (case, registry, agreements).

Every area gets the area's joint body (KuntaL 51 §); the other arrangement kinds and the cost bases
rotate with the area's index, so any run of four or more areas uses every kind (joint body,
supplement, authority task, joint post), both composition rules and every cost basis (customers,
population, labour force, fixed). Every figure is marked illustrative and every source says it is
synthetic, so a generated document can never be mistaken for a real draft.
"""

from __future__ import annotations

import math
import random
from typing import Any

import yaml
from geography import Area, Municipality

YEAR = 2024
ENTRY_INTO_FORCE = "2025-01-01"
BASES = ("population", "labour_force", "customers", "fixed")
COURTS = ("Helsingin", "Hämeenlinnan", "Itä-Suomen", "Pohjois-Suomen", "Turun", "Vaasan")
ORGANISING_ITEMS = ["availability", "needs", "production", "supervision", "authority"]
MAX_SEATS = 25


def _source(seed: int) -> str:
    return f"synteettinen testiaineisto (bench/national.py, siemen {seed})"


def _kind_word(m: Municipality) -> str:
    return "kaupunki" if m.city else "kunta"


def _org_genitive(m: Municipality) -> str:
    """'Korvajärven kaupungin': the organisation's name in the genitive."""
    return f"{m.genitive} {'kaupungin' if m.city else 'kunnan'}"


def _municipality_entry(m: Municipality, seed: int) -> dict[str, Any]:
    # A bilingual place keeps its name in both languages, but the set's other texts are Finnish only,
    # and a bilingual council gets its material in both languages (kielilaki 29 §): so every synthetic
    # municipality is Finnish-speaking here, and the Swedish-language paths are measured by the
    # example cases instead.
    entry: dict[str, Any] = {"id": m.id, "name": {"fi": m.name, "sv": m.name_sv} if m.name_sv else m.name}
    entry.update(
        {
            "genitive": m.genitive,
            "official_name": f"{m.genitive} {_kind_word(m)}",
            "business_id": m.business_id,
            "language": "fi",
            "council": f"{m.genitive} {'kaupunginvaltuusto' if m.city else 'kunnanvaltuusto'}",
            "board": f"{m.genitive} {'kaupunginhallitus' if m.city else 'kunnanhallitus'}",
            "preparer": "kaupunginjohtaja" if m.city else "kunnanjohtaja",
            "populations": [{"year": YEAR, "value": m.population, "source": _source(seed), "illustrative": True}],
            "labour_force": [{"year": YEAR, "value": m.labour_force, "source": _source(seed), "illustrative": True}],
            "neighbours": list(m.neighbours),
        }
    )
    return entry


def registry(area: Area, seed: int) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": area.id,
        "name": area.name,
        "lead": area.lead.id,
        "authority": f"{_org_genitive(area.lead)} työllisyyslautakunta",
        "members": [m.id for m in area.members],
    }
    if area.exception_14:
        # The Council of State's permit for an area under 20 000 (Act 383/2023 4 §); synthetic.
        entry["permit"] = {"date": f"{YEAR - 1}-12-14", "record_number": None, "illustrative": True}
    entry["neighbours_source"] = _source(seed)
    return {"municipalities": [_municipality_entry(m, seed) for m in area.members], "employment_areas": [entry]}


def _fixed_percentages(members: tuple[Municipality, ...]) -> dict[str, int]:
    """Whole percentages by population (largest remainder), each at least 1, adding up to exactly 100."""
    total = sum(m.population for m in members)
    exact = [100 * m.population / total for m in members]
    whole = [max(1, math.floor(x)) for x in exact]
    while sum(whole) > 100:
        whole[whole.index(max(whole))] -= 1
    by_remainder = sorted(range(len(members)), key=lambda i: (whole[i] - exact[i], i))
    for i in by_remainder[: 100 - sum(whole)]:
        whole[i] += 1
    return {m.id: w for m, w in zip(members, whole, strict=False)}


def _budget(labour_force: int, rng: random.Random, low: float, high: float) -> dict[str, Any]:
    """Euros a year, in whole thousands, scaled by the labour force served."""
    return {"amount": int(round(labour_force * rng.uniform(low, high), -3)), "year": YEAR + 1, "illustrative": True}


def cost_sharing(basis: str, members: tuple[Municipality, ...], rng: random.Random, seed: int) -> dict[str, Any]:
    budget = _budget(sum(m.labour_force for m in members), rng, 40, 90)
    data: dict[str, Any] = {"basis": basis}
    if basis != "fixed":
        data["year"] = YEAR
    if basis == "customers":
        data["figures"] = {m.id: max(1, round(m.labour_force * rng.uniform(0.03, 0.08))) for m in members}
        data["source"] = _source(seed)
    elif basis == "fixed":
        data["figures"] = _fixed_percentages(members)
        data["note"] = "Sovitut osuudet; synteettiset."
    data["illustrative"] = True
    data["budget"] = budget
    return data


def _composition(area: Area, index: int) -> dict[str, Any]:
    """Alternately one member per started N inhabitants (N as small as keeps the body at most 25
    strong) and a fixed number per party, with the declared total the tool must confirm."""
    members = area.members
    if index % 2 == 0:
        minimum = 2 if len(members) <= 5 else 1
        for per in (2_000, 5_000, 10_000, 20_000, 50_000):
            total = sum(max(minimum, -(-m.population // per)) for m in members)
            if total <= MAX_SEATS:
                break
        return {
            "rule": "per_started_inhabitants",
            "per_inhabitants": per,
            "minimum": minimum,
            "population_year": YEAR,
            "declared_total": total,
        }
    per_party = 2 if len(members) <= 6 else 1
    return {
        "rule": "fixed_per_party",
        "members_per_party": per_party,
        "population_year": YEAR,
        "declared_total": per_party * len(members),
    }


def joint_body(area: Area, rng: random.Random, seed: int) -> dict[str, Any]:
    lead = area.lead
    return {
        "id": "yhteistoimintasopimus",
        "kind": "joint_body",
        "employment_area": area.id,
        "title": f"{area.name.replace('työllisyysalue', 'työllisyysalueen')} yhteistoimintasopimus",
        "parties": [m.id for m in area.members],
        "lead": lead.id,
        "purpose": (
            f"Sopijakunnat järjestävät työvoimapalvelut yhteisenä työllisyysalueena lain 380/2023 "
            f"12 §:n mukaisesti niin, että {lead.genitive} {_kind_word(lead)} on vastuukunta."
        ),
        "body": {"name": f"{_org_genitive(lead)} työllisyyslautakunta", "form": "vastuukunnan lautakunta"},
        "tasks": [
            "työvoimapalvelujen järjestäminen työllisyysalueella",
            "työnhakija- ja työnantaja-asiakkaiden palvelut",
            "työllisyyden edistäminen yhteistyössä alueen elinkeinoelämän kanssa",
        ],
        "additional_tasks_by_council_approval": True,
        "organising_responsibility": {
            "tasks": "työvoimapalvelujen järjestäminen (laki 380/2023)",
            "covers": ORGANISING_ITEMS,
        },
        "composition": _composition(area, area.index),
        "preparatory_body": {"name": "työllisyysalueen johtoryhmä", "members": "sopijakuntien kunnanjohtajat"},
        "presenter": "työllisyysjohtaja",
        "deputy_presenter": "työllisyyspäällikkö",
        "right_of_take_up": "retained" if area.index % 2 == 0 else "excluded",
        "cost_sharing": cost_sharing(BASES[area.index % 4], area.members, rng, seed),
        "entry_into_force": ENTRY_INTO_FORCE,
        "term": {"indefinite": True},
        "termination": {"notice_months": 12, "effective": "end_of_calendar_year", "illustrative": True},
    }


def supplement(area: Area, rng: random.Random, seed: int) -> dict[str, Any]:
    return {
        "id": "lahipalvelut-taydennys",
        "kind": "supplement",
        "title": "Täydentävä sopimus työllisyyspalvelujen lähipalveluista",
        "base_agreement": "yhteistoimintasopimus",
        "parties": [m.id for m in area.members],
        "lead": area.lead.id,
        "applies_section_54": True,
        "employment_area": area.id,
        "purpose": "Sopimus täydentää yhteistoimintasopimusta lähipalvelujen järjestämisellä jokaisessa sopijakunnassa.",
        "tasks": [
            "henkilöasiakkaiden palvelu omavirkailijamallilla sopijakuntien palvelupisteissä",
            "työnantaja-asiakkaiden palvelu yhdessä työllisyysalueen yrityspalvelujen kanssa",
        ],
        "coordination": f"{area.lead.genitive} {_kind_word(area.lead)} koordinoi palvelupisteiden toimintaa.",
        "operating_model": [
            "Vastuukunnassa on kiinteä toimipiste.",
            "Muissa sopijakunnissa palvellaan ajanvarauksella kunnantalolla.",
        ],
        "local_service": [
            "Asiakas voi asioida kotikunnassaan ajanvarauksella.",
            "Digitaaliset palvelut täydentävät mutta eivät korvaa kasvokkain tapahtuvaa palvelua.",
        ],
        "service_points": {
            m.id: f"{m.genitive} {'kaupungintalo' if m.city else 'kunnantalo'}, ajanvarauksella" for m in area.members
        },
        "monitoring": ["Vastuukunta raportoi sopijakunnille asiakasmäärät puolivuosittain."],
        "cost_sharing": cost_sharing(BASES[(area.index + 1) % 4], area.members, rng, seed),
        "entry_into_force": ENTRY_INTO_FORCE,
        "term": {"indefinite": True},
        "termination": {"notice_months": 12, "effective": "end_of_calendar_year", "illustrative": True},
    }


def authority_task(area: Area, rng: random.Random, seed: int) -> dict[str, Any]:
    """The area's lead gives authority tasks to the office holders of its second-largest member."""
    lead, provider = area.members[0], max(area.members[1:], key=lambda m: (m.population, m.id))
    served = [provider.id, *[n for n in provider.neighbours if n != lead.id]]
    return {
        "id": "viranomaistehtavat-54",
        "kind": "authority_task",
        "employment_area": area.id,
        "title": f"Sopimus työvoimaviranomaisen tehtävien hoitamisesta {provider.genitive} alueella",
        "parties": [lead.id, provider.id],
        "principal": {
            "municipality": lead.id,
            "authority": f"{_org_genitive(lead)} työllisyyslautakunta",
            "role": "työllisyysalueen vastuukunta",
        },
        "provider": {
            "municipality": provider.id,
            "office_holders": f"{_org_genitive(provider)} työllisyyspalvelujen viranhaltijat",
        },
        "area": served,
        "statutory_basis": "laki työvoimapalveluiden järjestämisestä (380/2023) 13 §",
        "delegable_to_office_holder": True,
        "purpose": "Vastuukunta antaa alueen työvoimaviranomaisen tehtävät toisen sopijakunnan viranhaltijoille.",
        "tasks": [
            "työnhakijoiden palvelutarpeen arviointi ja työllistymissuunnitelmat",
            "työvoimapoliittiset lausunnot alueen asiakkaille",
        ],
        "excluded": ["alkupalvelut, jotka hoidetaan keskitetysti vastuukunnassa"],
        "monitoring": ["Tehtävien hoitaja raportoi työllisyyslautakunnalle neljännesvuosittain."],
        "cost_sharing": {
            "basis": "fixed",
            "figures": {lead.id: 100, provider.id: 0},
            "no_share": {provider.id: "Vastuukunta korvaa tehtävien hoidon kustannukset."},
            "illustrative": True,
            "budget": _budget(provider.labour_force, rng, 20, 40),
        },
        "entry_into_force": ENTRY_INTO_FORCE,
        "term": {"end": "2028-12-31"},
        "termination": {"notice_months": 6, "effective": "after_notice", "illustrative": True},
    }


def joint_post(area: Area, rng: random.Random, seed: int) -> dict[str, Any]:
    parties = area.members[:4]
    basis = ("fixed", "labour_force", "population", "customers")[(area.index // 2) % 4]
    return {
        "id": "yhteiset-virat-53",
        "kind": "joint_post",
        "title": "Sopimus työllisyysalueen yhteisistä viroista",
        "parties": [m.id for m in parties],
        "purpose": "Sopijakunnat perustavat yhteiset virat, jotta viranhaltijat voivat sijaistaa toisiaan koko alueella.",
        "employer": area.lead.id,
        "established_by_identical_decisions": True,
        "posts": [
            {"title": "työllisyyskoordinaattori", "count": rng.randint(1, 3)},
            {"title": "työvoima-asiantuntija", "count": rng.randint(2, 6), "illustrative": True},
        ],
        "shared_duties": "Viranhaltijat hoitavat virkakuvaustensa mukaisia tehtäviä kaikissa sopijakunnissa.",
        "cost_sharing": cost_sharing(basis, parties, rng, seed),
        "entry_into_force": ENTRY_INTO_FORCE,
        "term": {"indefinite": True},
        "termination": {"notice_months": 6, "effective": "end_of_calendar_year", "illustrative": True},
    }


def agreements(area: Area, rng: random.Random, seed: int) -> list[dict[str, Any]]:
    """The joint body always; a supplement, an authority task and joint posts by the area's index."""
    result = [joint_body(area, rng, seed)]
    if area.index % 3 == 1:
        result.append(supplement(area, rng, seed))
    if area.index % 3 == 2:
        result.append(authority_task(area, rng, seed))
    if area.index % 2 == 0 and len(area.members) >= 2:
        result.append(joint_post(area, rng, seed))
    return result


def case_yaml(area: Area) -> dict[str, Any]:
    return {
        "id": area.id,
        "title": f"{area.name} (synteettinen)",
        "language": "fi",
        "sector": "employment_services",
        "version": {"number": "0.1", "date": "2024-10-15", "status": "luonnos"},
        "prepared_by": area.lead.id,
        "councils": [m.id for m in area.members],
        "proposal_title": f"{area.name.replace('työllisyysalue', 'työllisyysalueen')} yhteistoimintasopimus",
        "schedule": [
            {"step": "board", "date": "2024-10-28", "illustrative": True},
            {"step": "councils", "date": "2024-11-25", "illustrative": True},
            {"step": "signing", "date": "2024-12-16", "illustrative": True},
        ],
        "administrative_court": f"{COURTS[area.index % len(COURTS)]} hallinto-oikeus",
    }


def _dump(header: str, data: dict[str, Any]) -> str:
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)


def case_files(area: Area, seed: int) -> dict[str, str]:
    """File name → YAML text; the same area and seed always give the same bytes."""
    rng = random.Random(f"{seed}:{area.id}")
    header = (
        f"# Synteettinen testiaineisto (bench/national.py, siemen {seed}): kunnat, luvut ja Y-tunnukset\n"
        f"# on keksitty suorituskykymittausta varten. Ne eivät kuvaa oikeita kuntia.\n"
    )
    files = {"case.yaml": _dump(header, case_yaml(area)), "municipalities.yaml": _dump(header, registry(area, seed))}
    for number, agreement in enumerate(agreements(area, rng, seed), start=1):
        files[f"{number}0-{agreement['id']}.yaml"] = _dump(header, agreement)
    return files
