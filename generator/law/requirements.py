"""Statutory content requirements: a stable code, the citation, and a short Finnish/English name.

A clause in an outline names the requirement codes it satisfies; the manifest's ``legal_basis`` and
(later) the compliance matrix are queries over those codes, never typed again by hand.
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


_ALL = [
    Requirement("KL49", "KuntaL 49 §", "yhteistoiminnan muoto", "form of cooperation", "yhteistoimin"),
    Requirement("KL51", "KuntaL 51 §", "yhteinen toimielin ja vastuukunta", "joint body and lead municipality", "toimielin|vastuukun"),
    Requirement("KL51-2", "KuntaL 51 § 2 mom.", "muiden kuntien oikeus valita jäseniä", "other municipalities' right to elect members", "valit"),
    Requirement("KL52-1", "KuntaL 52 § 1 mom. 1 k.", "toimielimen tehtävät", "the body's tasks", "tehtäv"),
    Requirement("KL52-1-8", "KuntaL 52 § 1 mom. 1 k., 8 §", "järjestämisvastuun siirtyminen", "transfer of organising responsibility", "järjestämisvastuu"),
    Requirement("KL52-2", "KuntaL 52 § 1 mom. 2 k.", "kokoonpano ja jäsenten valinta", "composition and election of members", "jäsen|kokoonpano"),
    Requirement("KL52-3", "KuntaL 52 § 1 mom. 3 k.", "kustannusten perusteet ja jakautuminen", "basis and division of costs", "kustannu"),
    Requirement("KL52-4", "KuntaL 52 § 1 mom. 4 k.", "voimassaolo ja irtisanominen", "term and termination", "voimassa|irtisano"),
    Requirement("KL52-OTTO", "KuntaL 52 § 2 mom.", "vastuukunnan otto-oikeus", "lead municipality's right to take up decisions", "otto-oikeu|käsiteltäväkseen"),
    Requirement("KL53-1", "KuntaL 53 § 1 mom.", "yhtäpitävät päätökset", "identical decisions", "yhtäpitäv"),
    Requirement("KL53-2", "KuntaL 53 § 2 mom.", "virkasuhde kaikkiin osapuoliin", "office relationship with every party", "virkasuhtee"),
    Requirement("KL53-3A", "KuntaL 53 § 3 mom.", "työnantajan velvoitteista vastaava kunta", "party carrying the employer's obligations", "työnantaja"),
    Requirement("KL53-3B", "KuntaL 53 § 3 mom.", "kustannusten perusteet ja jakautuminen", "basis and division of costs", "kustannu"),
    Requirement("KL54-1", "KuntaL 54 § 1 mom.", "tehtävä hoidetaan virkavastuulla", "task performed under official liability", "virkavastuu"),
    Requirement("KL54-2A", "KuntaL 54 § 2 mom.", "tehtävän sisältö", "content of the task", "tehtäv"),
    Requirement("KL54-2B", "KuntaL 54 § 2 mom.", "tehtävän hoidon seuranta", "monitoring of the task", "seura"),
    Requirement("KL54-2C", "KuntaL 54 § 2 mom.", "kustannusten perusteet ja jakautuminen", "basis and division of costs", "kustannu"),
    Requirement("KL54-2D", "KuntaL 54 § 2 mom.", "voimassaolo ja irtisanominen", "term and termination", "voimassa|irtisano"),
    Requirement("KL63", "KuntaL 63 §", "erimielisyyksien ratkaiseminen", "settlement of disputes", "hallintoriita|hallinto-oikeu"),
    Requirement("TVPL13", "L 380/2023 13 §", "työvoimaviranomaisen tehtävät sopimuksella", "employment authority tasks by agreement", "380/2023|työvoima"),
]

REQUIREMENTS: dict[str, Requirement] = {r.code: r for r in _ALL}

_SECTION = re.compile(r"^(?P<law>.+?) (?P<num>\d+)( [a-z])? §")


def section_of(citation: str) -> str:
    """'KuntaL 52 § 1 mom. 3 k.' → 'KuntaL 52 §': the level the manifest lists."""
    match = _SECTION.match(citation)
    return match.group(0) if match else citation


def section_sort_key(citation: str) -> tuple[int, str, int]:
    match = _SECTION.match(citation)
    if not match:
        return (1, citation, 0)
    return (0 if match["law"] == "KuntaL" else 1, match["law"], int(match["num"]))
