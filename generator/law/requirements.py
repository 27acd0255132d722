"""Statutory content requirements: a stable code, the citation, and what the agreement must say.

A clause in a kind's outline names the requirement codes it satisfies; the manifest's
``legal_basis``, the compliance matrix and the review comments are queries over those codes, never
typed again by hand. A requirement's name in a document's language is in that language's pack
(``requirements`` in templates/<lang>/labels.yaml), with the words a negotiated wording must still
use (``evidence``); English is kept here for findings printed in English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.language import labels


@dataclass(frozen=True)
class Requirement:
    code: str
    citation: str
    name_en: str

    def name(self, lang: str) -> str:
        """The requirement's short name in ``lang`` (a document language's pack, or English)."""
        if lang == "en":
            return self.name_en
        return str(labels(lang)["requirements"][self.code])

    def evidence(self, lang: str) -> str:
        """A regex (lower case) a negotiated wording of the clause must match in ``lang``; '' if none."""
        return str(labels(lang).get("evidence", {}).get(self.code, ""))


_ALL = [
    Requirement("KL49", "KuntaL 49 §", "form of cooperation"),
    Requirement("KL51", "KuntaL 51 §", "joint body and lead municipality"),
    Requirement("KL51-2", "KuntaL 51 § 2 mom.", "other municipalities' right to elect members"),
    Requirement("KL52-1", "KuntaL 52 § 1 mom. 1 k.", "the body's tasks"),
    Requirement("KL52-1-8", "KuntaL 52 § 1 mom. 1 k., 8 §", "transfer of organising responsibility"),
    Requirement("KL52-2", "KuntaL 52 § 1 mom. 2 k.", "composition and election of members"),
    Requirement("KL52-3", "KuntaL 52 § 1 mom. 3 k.", "basis and division of costs"),
    Requirement("KL52-4", "KuntaL 52 § 1 mom. 4 k.", "term and termination"),
    Requirement("KL52-OTTO", "KuntaL 52 § 2 mom.", "lead municipality's right to take up decisions"),
    Requirement("KL53-1", "KuntaL 53 § 1 mom.", "identical decisions"),
    Requirement("KL53-2", "KuntaL 53 § 2 mom.", "office relationship with every party"),
    Requirement("KL53-3A", "KuntaL 53 § 3 mom.", "party carrying the employer's obligations"),
    Requirement("KL53-3B", "KuntaL 53 § 3 mom.", "basis and division of costs"),
    Requirement("KL54-1", "KuntaL 54 § 1 mom.", "task performed under official liability"),
    Requirement("KL54-2A", "KuntaL 54 § 2 mom.", "content of the task"),
    Requirement("KL54-2B", "KuntaL 54 § 2 mom.", "monitoring of the task"),
    Requirement("KL54-2C", "KuntaL 54 § 2 mom.", "basis and division of costs"),
    Requirement("KL54-2D", "KuntaL 54 § 2 mom.", "term and termination"),
    Requirement("KL63", "KuntaL 63 §", "settlement of disputes"),
    Requirement("KL90", "KuntaL 90 §", "which administrative regulation governs decisions"),
    Requirement("KL97", "KuntaL 97 §", "disqualification"),
    Requirement("KL137", "KuntaL 137 § 2 mom.", "the parties' right to appeal the joint body's decisions"),
    Requirement("KIELI10", "KieliL 423/2003 10 §, 23 §", "customers' language rights"),
    Requirement("TASA4A", "L 609/1986 4 a §", "women and men each at least 40 % of the body"),
    # Sector acts: what a field's own law adds (see model.sectors).
    Requirement("TVPL13", "L 380/2023 13 § 2 mom.", "employment authority tasks given by agreement"),
    Requirement("RAKL103", "RakL 751/2023 103 § 1 mom.", "building supervision task of another municipality"),
    Requirement("RAKL99", "RakL 751/2023 99 §", "the building supervision authority is a multi-member organ"),
    Requirement("YTH2", "L 410/2009 2 §", "one organ responsible for environmental health"),
]

REQUIREMENTS: dict[str, Requirement] = {r.code: r for r in _ALL}


def register_requirement(requirement: Requirement) -> Requirement:
    """Add a requirement (a kind defined outside the package may bring its own)."""
    REQUIREMENTS[requirement.code] = requirement
    return requirement


_SECTION = re.compile(r"^(?P<law>.+?) (?P<num>\d+)( [a-z])? §")


def section_of(citation: str) -> str:
    """'KuntaL 52 § 1 mom. 3 k.' → 'KuntaL 52 §': the level the manifest lists."""
    match = _SECTION.match(citation)
    return match.group(0) if match else citation


def section_sort_key(citation: str) -> tuple[int, str, int]:
    match = _SECTION.match(citation)
    if not match:
        return (1, citation, 0)
    return (0 if match["law"] in ("KuntaL", "KomL") else 1, match["law"], int(match["num"]))
