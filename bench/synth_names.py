"""Invented Finnish-looking municipality names with their genitives, from syllables.

A benchmark needs hundreds of distinct names that exercise the same text paths as real ones (non-ASCII
letters, genitive forms in prose, ids folded to ASCII) without pretending to be real municipalities.
Names are a generated two-syllable stem plus a common place-name ending whose genitive is known, so
the prose ("Korvajärven kunnan") stays grammatical.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

_CONSONANTS = "hjklmnprstv"
_CODAS = ("", "", "", "l", "n", "r", "s", "t", "k")
_BACK_VOWELS = ("a", "o", "u", "a", "o", "i", "e")
_FRONT_VOWELS = ("ä", "ö", "y", "ä", "i", "e")

# Ending → genitive ending. Compound endings keep their own vowel harmony; derivational -la/-lä and
# -nen follow the stem's.
_COMPOUND_ENDINGS = (
    ("järvi", "järven"),
    ("joki", "joen"),
    ("koski", "kosken"),
    ("lahti", "lahden"),
    ("mäki", "mäen"),
    ("niemi", "niemen"),
    ("salmi", "salmen"),
    ("vaara", "vaaran"),
    ("vesi", "veden"),
    ("ranta", "rannan"),
    ("saari", "saaren"),
    ("kylä", "kylän"),
    ("harju", "harjun"),
    ("lampi", "lammen"),
    ("virta", "virran"),
)
_SWEDISH_ENDINGS = ("by", "vik", "ström", "sund", "näs", "holm")
_ASCII = str.maketrans({"ä": "a", "ö": "o", "å": "a"})


@dataclass(frozen=True)
class PlaceName:
    name: str
    genitive: str
    id: str


def _stem(rng: random.Random) -> tuple[str, bool]:
    """Two syllables, e.g. 'korva' or 'hälki'; the flag says whether the vowels are front vowels."""
    front = rng.random() < 0.3
    vowels = _FRONT_VOWELS if front else _BACK_VOWELS
    first = rng.choice(_CONSONANTS) + rng.choice(vowels) + rng.choice(_CODAS)
    second = rng.choice(_CONSONANTS) + rng.choice(vowels)
    return first + second, front


def place_name(rng: random.Random) -> PlaceName:
    stem, front = _stem(rng)
    kind = rng.random()
    if kind < 0.25:
        name, genitive = stem + ("lä" if front else "la"), stem + ("län" if front else "lan")
    elif kind < 0.35:
        base = stem[:-1] + "i"
        name, genitive = base + "nen", base + "sen"
    else:
        ending, ending_genitive = rng.choice(_COMPOUND_ENDINGS)
        name, genitive = stem + ending, stem + ending_genitive
    return PlaceName(name.capitalize(), genitive.capitalize(), name.translate(_ASCII))


def swedish_name(rng: random.Random, finnish: PlaceName) -> str:
    """A Swedish parallel name for a bilingual municipality: the Finnish stem plus a Swedish ending."""
    return (finnish.id[:4] + rng.choice(_SWEDISH_ENDINGS)).capitalize()


def unique_place_names(rng: random.Random, count: int) -> list[PlaceName]:
    """``count`` names with distinct ids, in generation order (deterministic for a given ``rng``)."""
    seen: set[str] = set()
    names: list[PlaceName] = []
    while len(names) < count:
        candidate = place_name(rng)
        if candidate.id not in seen:
            seen.add(candidate.id)
            names.append(candidate)
    return names
