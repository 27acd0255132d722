"""Negotiated wordings: an override replaces a clause's text, never its statutory duty.

A clause that carries a requirement keeps its check: the new text must still speak of what the
statute asks (the requirement's evidence words in that language's pack), and the finding cites that
requirement. Any figure the new text states (notice period, entry into force, a share, a seat count)
must be the model's, or the agreement would contradict its own tables and the council material.
Both checks run on every language version of the agreement, each with its own language's words:
a Swedish official text is judged as Swedish, its Finnish translation as Finnish.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.findings import Finding
from generator.law.catalogue import finding
from generator.law.requirements import REQUIREMENTS
from generator.model.entities import Agreement, Case
from generator.model.outline import all_clause_specs, requirements_of
from generator.rules.registry import agreement_rule
from generator.rules.stated_figures import contradictions

_LANGUAGE_NAMES = {"fi": ("suomenkielinen", "Finnish"), "sv": ("ruotsinkielinen", "Swedish")}


@agreement_rule("OVERRIDE-UNKNOWN", "OVERRIDE-REQ", "OVERRIDE-FACT", "OVERRIDE-TABLE")
def overrides(case: Case, a: Agreement) -> Iterator[Finding]:
    specs = all_clause_specs(a)
    for clause_id, override in a.overrides.items():
        # The clause markup's table line: the tables are composed from the data, not typed.
        if any(line.strip().startswith("@table") for line in override.text.splitlines()):
            yield finding("OVERRIDE-TABLE", a.source.position(("overrides", clause_id, "text")), id=clause_id)
    for clause_id in a.overrides:
        if clause_id not in specs:
            yield finding(
                "OVERRIDE-UNKNOWN",
                a.source.key_position(("overrides", clause_id)),
                id=clause_id,
                known=", ".join(specs),
            )
    for lang in a.languages:
        version = case.version_in(lang).agreement(a.id)
        lang_fi, lang_en = _LANGUAGE_NAMES.get(lang, (lang, lang))
        for clause_id, override in version.overrides.items():
            if clause_id not in specs:
                continue
            where = a.source.position(("overrides", clause_id, "text"))
            text = (override.title or "") + "\n" + override.text
            for c in contradictions(version, text, lang):
                yield finding(
                    "OVERRIDE-FACT",
                    where,
                    id=clause_id,
                    lang_fi=lang_fi,
                    lang_en=lang_en,
                    what_fi=c.what_fi,
                    what_en=c.what_en,
                    stated=c.stated,
                    expected=c.expected,
                    field=c.field,
                )
            lowered = text.lower()
            for code in requirements_of(version, specs[clause_id]):
                requirement = REQUIREMENTS[code]
                evidence = requirement.evidence(lang)
                if evidence and not re.search(evidence, lowered):
                    yield Finding(
                        "OVERRIDE-REQ",
                        "error",
                        where,
                        {
                            "id": clause_id,
                            "lang_fi": lang_fi,
                            "lang_en": lang_en,
                            "requirement": f"{requirement.name('fi')} ({code})",
                        },
                        requirement.citation,
                    )
