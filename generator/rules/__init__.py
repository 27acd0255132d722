"""Statute-aware rules over the model: each has a code, a citation, a severity and a test that breaks it.

Rules run after the model is built (structure, references, computations). They report what the law
or arithmetic requires and the YAML does not give, with the citation a lawyer would check. Each
rule declares the kinds and sectors it applies to (``rules.registry``); the catalogue of codes,
citations and messages is ``law.catalogue``.
"""

from __future__ import annotations

from generator.law.catalogue import RULES, Rule
from generator.rules.runner import run_rules

__all__ = ["RULES", "Rule", "run_rules"]
