"""Declared figures against computed ones: a number typed into YAML is checked, never trusted.

The model computes seats and shares; when the YAML also states them (``declared_total``,
``declared_shares``), any difference is an error that names both numbers.
"""

from __future__ import annotations

from decimal import Decimal

from generator.findings import Finding
from generator.formats import fi_number
from generator.model.entities import Agreement, Case


def _seat_detail(agreement: Agreement) -> str:
    assert agreement.composition is not None
    return " + ".join(f"{s.municipality.name} {s.seats}" for s in agreement.composition.seats)


def check_arithmetic(case: Case) -> list[Finding]:
    findings: list[Finding] = []
    for agreement in case.agreements:
        src = agreement.source
        comp = agreement.composition
        if comp is not None and comp.declared_total is not None and comp.declared_total != comp.total:
            findings.append(Finding("CALC-SEATS-TOTAL", "error", src.position(("composition", "declared_total")), {
                "declared": comp.declared_total, "computed": comp.total, "detail": _seat_detail(agreement),
            }))
        declared = src.data["cost_sharing"].get("declared_shares", {})
        for municipality_id, value in declared.items():
            share = agreement.cost.share_of(municipality_id)
            if Decimal(str(value)) * 100 != share.hundredths:
                findings.append(Finding("CALC-SHARE", "error", src.position(("cost_sharing", "declared_shares", municipality_id)), {
                    "name": share.municipality.name,
                    "declared": fi_number(Decimal(str(value)), 2),
                    "computed": fi_number(Decimal(share.hundredths) / 100, 2),
                }))
    return findings
