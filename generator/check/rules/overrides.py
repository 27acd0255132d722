"""Negotiated wordings: an override replaces a clause's text, never its statutory duty.

A clause that carries a requirement keeps its check: the new text must still speak of what the
statute asks (the requirement's evidence words), and the finding cites that requirement. Any figure
the new text states (notice period, entry into force, a share, a seat count) must be the model's,
or the agreement would contradict its own tables and the council material.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.check.rules.catalogue import RULES, finding
from generator.check.rules.stated_figures import contradictions
from generator.compose.outlines import OUTLINES
from generator.findings import Finding
from generator.law.requirements import REQUIREMENTS
from generator.model.entities import Case


def check_overrides(case: Case) -> Iterator[Finding]:
    for a in case.agreements:
        overrides = a.details.get("overrides", {})
        specs = {spec.id: spec for chapter in OUTLINES[a.kind] for spec in chapter.clauses}
        for clause_id, override in overrides.items():
            where = a.source.key_position(("overrides", clause_id))
            if clause_id not in specs:
                rule = RULES["OVERRIDE-UNKNOWN"]
                yield Finding(
                    rule.code, rule.severity, where, {"id": clause_id, "known": ", ".join(specs)}, rule.citation
                )
                continue
            where_text = a.source.position(("overrides", clause_id, "text"))
            for c in contradictions(a, override.get("title", "") + "\n" + override["text"]):
                yield finding(
                    "OVERRIDE-FACT",
                    where_text,
                    id=clause_id,
                    what_fi=c.what_fi,
                    what_en=c.what_en,
                    stated=c.stated,
                    expected=c.expected,
                    field=c.field,
                )
            text = (override.get("title", "") + " " + override["text"]).lower()
            for code in specs[clause_id].requirements:
                requirement = REQUIREMENTS[code]
                if requirement.evidence_fi and not re.search(requirement.evidence_fi, text):
                    yield Finding(
                        "OVERRIDE-REQ",
                        RULES["OVERRIDE-REQ"].severity,
                        where_text,
                        {"id": clause_id, "requirement": f"{requirement.name_fi} ({code})"},
                        requirement.citation,
                    )
