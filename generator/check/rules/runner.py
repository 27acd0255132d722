"""Runs every rule family over a valid model and returns their findings."""

from __future__ import annotations

from generator.check.rules.composition import check_composition
from generator.check.rules.costs import check_costs
from generator.check.rules.dates import check_dates
from generator.check.rules.employment import check_employment
from generator.check.rules.identity import check_identity
from generator.check.rules.overrides import check_overrides
from generator.check.rules.statutory import check_statutory
from generator.findings import Finding
from generator.model.entities import Case

RULE_FAMILIES = (
    check_statutory,
    check_employment,
    check_composition,
    check_costs,
    check_dates,
    check_identity,
    check_overrides,
)


def run_rules(case: Case) -> list[Finding]:
    return [f for family in RULE_FAMILIES for f in family(case)]
