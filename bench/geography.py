"""A synthetic Finland: employment areas of 2–12 municipalities with populations and labour forces.

The shape follows the TE24 reform (Act 380/2023 12–14 §): about 45 areas and 300 municipalities;
each area led by its largest town and reaching a combined labour force of 20 000, except a handful of
small (mostly bilingual, coastal-like) areas that hold a Government exception under 14 §, as six real
areas do. Populations are skewed like Finland's: a few cities of 100 000+, towns of 20 000–90 000,
and many municipalities of 1 000–10 000. Neighbours make each area a ring or a chain with a few
chords, so the contiguity rule (12 §) holds by construction.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from synth_names import PlaceName, swedish_name, unique_place_names
from ytunnus import synthetic_business_id

LABOUR_FORCE_THRESHOLD = 20_000
MUNICIPALITIES_PER_45_AREAS = 300
EXCEPTIONS_PER_45_AREAS = 6
BIG_CITIES_PER_45_AREAS = 3
MIN_MEMBERS, MAX_MEMBERS = 2, 12
EXCEPTION_TEXT = "valtioneuvoston poikkeus lain 380/2023 14 §:n nojalla (synteettinen esimerkki, ei oikea päätös)"


@dataclass(frozen=True)
class Municipality:
    id: str
    name: str
    genitive: str
    name_sv: str | None
    language: str  # fi, fi-sv or sv-fi
    city: bool  # a 'kaupunki' (town) rather than a 'kunta'
    population: int
    labour_force: int
    business_id: str | None
    neighbours: tuple[str, ...]


@dataclass(frozen=True)
class Area:
    index: int
    id: str
    name: str
    lead: Municipality
    members: tuple[Municipality, ...]  # the lead first, then in chain order
    exception_14: str | None

    @property
    def labour_force(self) -> int:
        return sum(m.labour_force for m in self.members)


def _log_uniform(rng: random.Random, low: float, high: float) -> int:
    return round(math.exp(rng.uniform(math.log(low), math.log(high))))


def _area_sizes(rng: random.Random, areas: int, exceptions: set[int]) -> list[int]:
    """Members per area: exception areas 2–4; the others 2–12, nudged until the total is about 300."""
    sizes = [rng.randint(2, 4) if i in exceptions else rng.randint(MIN_MEMBERS, MAX_MEMBERS) for i in range(areas)]
    target = round(areas * MUNICIPALITIES_PER_45_AREAS / 45)
    adjustable = [i for i in range(areas) if i not in exceptions]
    while sum(sizes) != target:
        step = -1 if sum(sizes) > target else 1
        candidates = [i for i in adjustable if MIN_MEMBERS <= sizes[i] + step <= MAX_MEMBERS]
        if not candidates:
            break
        sizes[rng.choice(candidates)] += step
    return sizes


def _populations(rng: random.Random, size: int, exception: bool, big_city: bool) -> list[int]:
    """The lead's population first (the largest), then the others'."""
    if exception:
        return sorted((_log_uniform(rng, 1_500, 12_000) for _ in range(size)), reverse=True)
    others = []
    for _ in range(size - 1):
        draw = rng.random()
        if draw < 0.80:
            others.append(_log_uniform(rng, 1_000, 10_000))
        elif draw < 0.95:
            others.append(_log_uniform(rng, 10_000, 20_000))
        else:
            others.append(_log_uniform(rng, 600, 1_000))
    lead = _log_uniform(rng, 100_000, 320_000) if big_city else _log_uniform(rng, 20_000, 90_000)
    return [lead, *others]


def _labour_forces(rng: random.Random, pops: list[int], exception: bool) -> tuple[list[int], list[int]]:
    """Populations and labour forces (about 45 % of the population). A normal area's lead grows until
    the area reaches 20 000; an exception area shrinks so that it really needs its exception."""
    ratios = [rng.uniform(0.40, 0.50) for _ in pops]
    forces = [round(p * r) for p, r in zip(pops, ratios, strict=True)]
    if exception and sum(forces) >= LABOUR_FORCE_THRESHOLD:
        scale = LABOUR_FORCE_THRESHOLD * 0.8 / sum(forces)
        pops = [math.floor(p * scale) for p in pops]
        forces = [round(p * r) for p, r in zip(pops, ratios, strict=True)]
    elif not exception and sum(forces) < LABOUR_FORCE_THRESHOLD:
        needed = LABOUR_FORCE_THRESHOLD - sum(forces[1:]) + rng.randint(200, 3_000)
        pops[0] = math.ceil(needed / ratios[0])
        forces[0] = round(pops[0] * ratios[0])
    return pops, forces


def _neighbours(rng: random.Random, ids: list[str]) -> dict[str, tuple[str, ...]]:
    """A chain through the members, closed into a ring for four or more, plus up to two chords."""
    links = {(ids[i], ids[i + 1]) for i in range(len(ids) - 1)}
    if len(ids) >= 4:
        links.add((ids[-1], ids[0]))
        for _ in range(rng.randint(0, 2)):
            a, b = rng.sample(ids, 2)
            links.add((a, b))
    order = {mid: n for n, mid in enumerate(ids)}
    result = {}
    for mid in ids:
        adjacent = {b for a, b in links if a == mid} | {a for a, b in links if b == mid}
        result[mid] = tuple(sorted(adjacent - {mid}, key=order.__getitem__))
    return result


def _municipality(
    rng: random.Random, place: PlaceName, population: int, labour_force: int, language: str, neighbours: tuple[str, ...]
) -> Municipality:
    return Municipality(
        id=place.id,
        name=place.name,
        genitive=place.genitive,
        name_sv=swedish_name(rng, place) if language != "fi" else None,
        language=language,
        city=population >= 15_000 or rng.random() < 0.1,
        population=population,
        labour_force=labour_force,
        business_id=synthetic_business_id(rng) if rng.random() < 0.5 else None,
        neighbours=neighbours,
    )


def national_areas(seed: int, areas: int = 45) -> list[Area]:
    """The whole synthetic country for ``seed``: same seed, same areas, in the same order."""
    rng = random.Random(seed)
    exception_count = round(areas * EXCEPTIONS_PER_45_AREAS / 45)
    exceptions = set(rng.sample(range(areas), exception_count))
    normal = [i for i in range(areas) if i not in exceptions]
    big_cities = set(rng.sample(normal, min(len(normal), max(1, round(areas * BIG_CITIES_PER_45_AREAS / 45)))))
    sizes = _area_sizes(rng, areas, exceptions)
    places = iter(unique_place_names(rng, sum(sizes)))
    result = []
    for index, size in enumerate(sizes):
        exception = index in exceptions
        pops, forces = _labour_forces(rng, _populations(rng, size, exception, index in big_cities), exception)
        members_places = [next(places) for _ in range(size)]
        ids = [p.id for p in members_places]
        neighbours = _neighbours(rng, ids)
        members = []
        for n, place in enumerate(members_places):
            if exception:
                # Bilingual small areas, as those given a 14 § exception are; Finnish-majority here so
                # that every council's material is Finnish, like the rest of the synthetic texts.
                language = "fi-sv"
            else:
                language = "fi-sv" if n == 0 and rng.random() < 0.15 else "fi"
            members.append(_municipality(rng, place, pops[n], forces[n], language, neighbours[place.id]))
        lead = members[0]
        area_id = f"{lead.id}-tyollisyysalue"
        result.append(
            Area(
                index=index,
                id=area_id,
                name=f"{lead.genitive} seudun työllisyysalue",
                lead=lead,
                members=tuple(members),
                exception_14=EXCEPTION_TEXT if exception else None,
            )
        )
    return result
