"""Runs every registered rule over a valid model and returns their findings.

Importing the rule families registers their checks (see ``rules.registry``); the order of the
imports is the order findings are produced in, before they are sorted by position.
"""

from __future__ import annotations

from generator.findings import Finding
from generator.model.entities import Case
from generator.rules import (  # noqa: F401
    composition,
    costs,
    dates,
    dependencies,
    employment,
    identity,
    overrides,
    parties,
    powers,
    statutory,
)
from generator.rules.registry import run_checks


def run_rules(case: Case) -> list[Finding]:
    return list(run_checks(case))
