"""Statutory content requirements: a stable code, the citation, and a short Finnish/English name.

A clause in an outline names the requirement codes it satisfies; the manifest's ``legal_basis`` and
the compliance matrix are queries over those codes, never typed again by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Requirement:
    code: str
    citation: str
    name_fi: str
    name_en: str
    evidence_fi: str = ""  # a negotiated wording must still say this (regex, lower case)
    # The arrangement the requirement belongs to (a key of _NOT_APPLICABLE): why it does not apply to
    # an agreement whose kind does not carry it. Empty for a requirement every kind carries.
    scope: str = ""

    def name(self, lang: str) -> str:
        """The requirement's short name in ``lang`` (Finnish, Swedish or English)."""
        return {"fi": self.name_fi, "sv": _SWEDISH_NAMES[self.code]}.get(lang, self.name_en)


# Why a requirement does not apply, said of an agreement that has none of the arrangement it belongs
# to; by (scope, kind) where the kind changes the reason, else by scope. Finnish, English. The matrix
# prints them in a narrow column: no word longer than "täydennettävässä", or it breaks mid-word.
_NOT_APPLICABLE: dict[str | tuple[str, str], tuple[str, str]] = {
    "body": (
        "sopimuksella ei perusteta yhteistä toimielintä (KuntaL 51 §)",
        "the agreement sets up no joint body (KuntaL 51 §)",
    ),
    ("body", "supplement"): (
        "yhteinen toimielin perustetaan täydennettävässä sopimuksessa (KuntaL 51 §)",
        "the joint body is set up by the agreement this one supplements (KuntaL 51 §)",
    ),
    "post": (
        "sopimuksella ei perusteta yhteistä virkaa (KuntaL 53 §)",
        "the agreement establishes no joint post (KuntaL 53 §)",
    ),
    "task": (
        "sopimuksella ei anneta tehtävää toisen kunnan viranhaltijan hoidettavaksi (KuntaL 54 §)",
        "the agreement gives no task to another municipality's office holder (KuntaL 54 §)",
    ),
    "area": (
        "sopimuksella ei anneta työllisyysalueen tehtäviä kunnan hoidettavaksi (L 380/2023 13 §)",
        "the agreement gives no employment area tasks to a municipality (Act 380/2023 13 §)",
    ),
    "form": (
        "yhteistoiminnan muoto kerrotaan sopimustyypin omassa pykälässä (KuntaL 53 § tai 54 §)",
        "the form of cooperation is stated under the agreement type's own section (KuntaL 53 § or 54 §)",
    ),
}


# The same reasons in Swedish, with no compound longer than the Finnish ones (the matrix's column).
_NOT_APPLICABLE_SV: dict[str | tuple[str, str], str] = {
    "body": "avtalet inrättar inget gemensamt organ (KomL 51 §)",
    ("body", "supplement"): "det gemensamma organet inrättas genom det avtal som detta avtal kompletterar (KomL 51 §)",
    "post": "avtalet inrättar ingen gemensam tjänst (KomL 53 §)",
    "task": "avtalet ger ingen uppgift åt en annan kommuns tjänsteinnehavare (KomL 54 §)",
    "area": "avtalet ger inte områdets myndighets­uppgifter åt en kommun (L 380/2023 13 §)",
    "form": "samarbetsformen anges under avtalstypens egen paragraf (KomL 53 § eller 54 §)",
}


def not_applicable_reason(requirement: Requirement, kind: str, lang: str) -> str:
    """Why ``requirement`` does not apply to an agreement of ``kind`` (one whose outline lacks it)."""
    if lang == "sv":
        return _NOT_APPLICABLE_SV.get((requirement.scope, kind)) or _NOT_APPLICABLE_SV[requirement.scope]
    fi, en = _NOT_APPLICABLE.get((requirement.scope, kind)) or _NOT_APPLICABLE[requirement.scope]
    return fi if lang == "fi" else en


_ALL = [
    Requirement("KL49", "KuntaL 49 §", "yhteistoiminnan muoto", "form of cooperation", "yhteistoimin", "form"),
    Requirement(
        "KL51",
        "KuntaL 51 §",
        "yhteinen toimielin ja vastuukunta",
        "joint body and lead municipality",
        "toimielin|vastuukun",
        "body",
    ),
    Requirement(
        "KL51-2",
        "KuntaL 51 § 2 mom.",
        "muiden kuntien oikeus valita jäseniä",
        "other municipalities' right to elect members",
        "valit",
        "body",
    ),
    Requirement("KL52-1", "KuntaL 52 § 1 mom. 1 k.", "toimielimen tehtävät", "the body's tasks", "tehtäv", "body"),
    Requirement(
        "KL52-1-8",
        "KuntaL 52 § 1 mom. 1 k., 8 §",
        "järjestämisvastuun siirtyminen",
        "transfer of organising responsibility",
        "järjestämisvastuu",
        "body",
    ),
    Requirement(
        "KL52-2",
        "KuntaL 52 § 1 mom. 2 k.",
        "kokoonpano ja jäsenten valinta",
        "composition and election of members",
        "jäsen|kokoonpano",
        "body",
    ),
    Requirement(
        "KL52-3",
        "KuntaL 52 § 1 mom. 3 k.",
        "kustannusten perusteet ja jakautuminen",
        "basis and division of costs",
        "kustannu",
        "body",
    ),
    Requirement(
        "KL52-4",
        "KuntaL 52 § 1 mom. 4 k.",
        "voimassaolo ja irtisanominen",
        "term and termination",
        "voimassa|irtisano",
        "body",
    ),
    Requirement(
        "KL52-OTTO",
        "KuntaL 52 § 2 mom.",
        "vastuukunnan otto-oikeus",
        "lead municipality's right to take up decisions",
        "otto-oikeu|käsiteltäväkseen",
        "body",
    ),
    Requirement("KL53-1", "KuntaL 53 § 1 mom.", "yhtäpitävät päätökset", "identical decisions", "yhtäpitäv", "post"),
    Requirement(
        "KL53-2",
        "KuntaL 53 § 2 mom.",
        "virkasuhde kaikkiin osapuoliin",
        "office relationship with every party",
        "virkasuhtee",
        "post",
    ),
    Requirement(
        "KL53-3A",
        "KuntaL 53 § 3 mom.",
        "työnantajan velvoitteista vastaava kunta",
        "party carrying the employer's obligations",
        "työnantaja",
        "post",
    ),
    Requirement(
        "KL53-3B",
        "KuntaL 53 § 3 mom.",
        "kustannusten perusteet ja jakautuminen",
        "basis and division of costs",
        "kustannu",
        "post",
    ),
    Requirement(
        "KL54-1",
        "KuntaL 54 § 1 mom.",
        "tehtävä hoidetaan virkavastuulla",
        "task performed under official liability",
        "virkavastuu",
        "task",
    ),
    Requirement("KL54-2A", "KuntaL 54 § 2 mom.", "tehtävän sisältö", "content of the task", "tehtäv", "task"),
    Requirement("KL54-2B", "KuntaL 54 § 2 mom.", "tehtävän hoidon seuranta", "monitoring of the task", "seura", "task"),
    Requirement(
        "KL54-2C",
        "KuntaL 54 § 2 mom.",
        "kustannusten perusteet ja jakautuminen",
        "basis and division of costs",
        "kustannu",
        "task",
    ),
    Requirement(
        "KL54-2D",
        "KuntaL 54 § 2 mom.",
        "voimassaolo ja irtisanominen",
        "term and termination",
        "voimassa|irtisano",
        "task",
    ),
    Requirement(
        "KL63",
        "KuntaL 63 §",
        "erimielisyyksien ratkaiseminen",
        "settlement of disputes",
        "hallintoriita|hallinto-oikeu",
    ),
    Requirement(
        "TVPL13",
        "L 380/2023 13 §",
        "työllisyysalueen viranomaistehtävät sopimuksella",
        "employment authority tasks by agreement",
        "380/2023|työvoima",
        "area",
    ),
]

_SWEDISH_NAMES = {
    "KL49": "samarbetsform",
    "KL51": "gemensamt organ och ansvarskommun",
    "KL51-2": "övriga kommuners rätt att välja ledamöter",
    "KL52-1": "organets uppgifter",
    "KL52-1-8": "överföring av organiserings­ansvaret",
    "KL52-2": "sammansättning och val av ledamöter",
    "KL52-3": "grunderna för och fördelningen av kostnaderna",
    "KL52-4": "giltighet och uppsägning",
    "KL52-OTTO": "ansvarskommunens rätt att ta upp ärenden till behandling",
    "KL53-1": "likalydande beslut",
    "KL53-2": "tjänsteförhållande till alla parter",
    "KL53-3A": "den kommun som svarar för arbetsgivarens skyldigheter",
    "KL53-3B": "grunderna för och fördelningen av kostnaderna",
    "KL54-1": "uppgiften sköts under tjänsteansvar",
    "KL54-2A": "uppgiftens innehåll",
    "KL54-2B": "uppföljning av hur uppgiften sköts",
    "KL54-2C": "grunderna för och fördelningen av kostnaderna",
    "KL54-2D": "giltighet och uppsägning",
    "KL63": "avgörande av menings\u00adskiljaktigheter",  # a soft hyphen: the word is wider than the matrix column
    "TVPL13": "sysselsättnings­områdets myndighets­uppgifter genom avtal",
}

REQUIREMENTS: dict[str, Requirement] = {r.code: r for r in _ALL}
assert set(_SWEDISH_NAMES) == set(REQUIREMENTS), "every requirement needs its Swedish name"

_SECTION = re.compile(r"^(?P<law>.+?) (?P<num>\d+)( [a-z])? §")


# Finnish citation abbreviations and their Swedish counterparts as Finlex writes them.
_CITATION_WORDS = {"sv": (("KuntaL ", "KomL "), (" k.", " p."))}


def cite(citation: str, lang: str) -> str:
    """A citation as written in ``lang``: 'KuntaL 52 § 1 mom. 3 k.' → 'KomL 52 § 1 mom. 3 p.' in Swedish."""
    for finnish, other in _CITATION_WORDS.get(lang, ()):
        citation = citation.replace(finnish, other)
    return citation


def section_of(citation: str) -> str:
    """'KuntaL 52 § 1 mom. 3 k.' → 'KuntaL 52 §': the level the manifest lists."""
    match = _SECTION.match(citation)
    return match.group(0) if match else citation


def section_sort_key(citation: str) -> tuple[int, str, int]:
    match = _SECTION.match(citation)
    if not match:
        return (1, citation, 0)
    return (0 if match["law"] in ("KuntaL", "KomL") else 1, match["law"], int(match["num"]))
