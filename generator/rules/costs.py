"""Cost rules: fixed shares make exactly 100 %, every party pays or says why not, declared = computed."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from generator.findings import Finding
from generator.formats import fi_number
from generator.law.catalogue import finding
from generator.model.entities import Agreement, Case
from generator.rules.registry import agreement_rule


@agreement_rule("COST-100", "COST-ZERO", "COST-DECLARED")
def costs(case: Case, a: Agreement) -> Iterator[Finding]:
    cost = a.cost
    if cost is None:
        return
    src = a.source
    data = src.data["cost_sharing"]
    figures = data.get("figures", {})
    if cost.basis == "fixed":
        total = sum((Decimal(str(figures.get(m.id, 0))) for m in a.parties), Decimal(0))
        if total != 100:
            yield finding(
                "COST-100",
                src.position(("cost_sharing", "figures")),
                total=fi_number(total, 0 if total == total.to_integral() else 2),
            )
            return
    for share in cost.shares:
        if share.hundredths == 0 and share.no_share_reason is None:
            mid = share.municipality.id
            where = (
                src.position(("cost_sharing", "figures", mid)) if mid in figures else src.position(("cost_sharing",))
            )
            yield finding("COST-ZERO", where, name=share.municipality.name, value="0 %")
    for mid, value in data.get("declared_shares", {}).items():
        share = cost.share_of(mid)
        if Decimal(str(value)) * 100 != share.hundredths:
            yield finding(
                "COST-DECLARED",
                src.position(("cost_sharing", "declared_shares", mid)),
                name=share.municipality.name,
                declared=fi_number(Decimal(str(value)), 2),
                computed=fi_number(Decimal(share.hundredths) / 100, 2),
            )
