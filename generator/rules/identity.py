"""Business IDs (check digit; missing ones) and bilingual parties (kielilaki 6 § and 29 §).

A bilingual party means different things by the kind of agreement: a joint body (KuntaL 51 §, which
a supplement extends) with a bilingual municipality in it is itself a bilingual authority (kielilaki
6 § 1 mom. 2 k.) whose notices and minutes must be in both languages (29 §); a joint post or an
authority-task agreement sets up no such body, so the warning only asks to check whether the
bilingual party (whose council's notices and minutes are bilingual, 29 §) needs a Swedish text.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Finding
from generator.law.catalogue import finding
from generator.model.entities import Case
from generator.rules.registry import case_rule

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_problem(value: str) -> str | None:
    """None for a valid Y-tunnus, else why not (weights 7 9 10 5 8 4 2, sum mod 11)."""
    digits, check = value[:7], int(value[8])
    remainder = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return "jakojäännös 1: tunnusta ei voi olla"
    expected = 0 if remainder == 0 else 11 - remainder
    return None if expected == check else f"odotettu {expected}"


@case_rule("BID-CHECK", "BID-MISSING", "KIELI-6-29", "KIELI-SV")
def identity(case: Case) -> Iterator[Finding]:
    assert case.registry_source is not None
    registry = case.registry_source
    parties = {m.id for a in case.agreements for m in a.parties}
    for index, entry in enumerate(registry.data["municipalities"]):
        value = entry["business_id"]
        if value is None:
            if entry["id"] in parties:
                yield finding(
                    "BID-MISSING", registry.position(("municipalities", index, "business_id")), name=entry["name"]
                )
            continue
        problem = business_id_problem(value)
        if problem:
            yield finding(
                "BID-CHECK", registry.position(("municipalities", index, "business_id")), value=value, reason=problem
            )
    for a in case.agreements:
        for index, m in enumerate(a.parties):
            if m.bilingual and not {"fi", "sv"} <= set(a.languages):
                code = "KIELI-6-29" if a.kind.sets_up_body else "KIELI-SV"
                yield finding(code, a.source.position(("parties", index)), name=m.name)
