"""Statute-aware rules over the model: each has a code, a citation, a severity and a test that breaks it.

Rules run after the schema (structure) and the references (ids resolve). They report what the law
or arithmetic requires and the YAML does not give, with the citation a lawyer would check.
"""

from __future__ import annotations

from generator.check.rules.catalogue import RULES, Rule
from generator.check.rules.runner import run_rules

__all__ = ["RULES", "Rule", "run_rules"]
