"""Cost rules: fixed shares make exactly 100 %, every party pays or says why not, declared = computed."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from generator.findings import Finding
from generator.formats import fi_number
from generator.law.catalogue import finding
from generator.model.entities import Agreement, Case
from generator.rules.registry import agreement_rule


@agreement_rule("COST-100", "COST-ZERO", "COST-DECLARED", as_written=True)
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


def _normal(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".")


def _compensations_to(case: Case, provider_id: str, sector_id: str) -> list[Agreement]:
    """Agreements under which someone compensates ``provider_id`` for work it does in the sector."""
    out = []
    for b in case.every_agreement():
        flow = b.kind.compensation_parties(b)
        if flow is not None and flow[1].id == provider_id and b.sector.id == sector_id:
            out.append(b)
    return out


def _paid_tasks(b: Agreement) -> dict[str, str]:
    """The tasks and powers a compensation agreement pays for, by their normal form."""
    texts = [*getattr(b.details, "tasks", ()), *(p.power for p in getattr(b.details, "powers", ()))]
    return {_normal(t): t for t in texts}


@agreement_rule("COST-OVERLAP", "COST-NET")
def cost_overlap(case: Case, a: Agreement) -> Iterator[Finding]:
    """A shared cost pool never covers a task another agreement already pays for, and deducts the
    compensation its lead municipality receives for related work."""
    if a.cost is None or a.lead is None or a.kind.compensation_parties(a) is not None:
        return
    for b in _compensations_to(case, a.lead.id, a.sector.id):
        payer = b.kind.compensation_parties(b)
        assert payer is not None
        paid = _paid_tasks(b)
        for i, task in enumerate(getattr(a.details, "tasks", ())):
            if _normal(task) in paid:
                yield finding(
                    "COST-OVERLAP",
                    a.source.position(("tasks", i)),
                    task=task,
                    other=b.title,
                    payer=payer[0].official_name,
                )
        if not a.cost.net_of:
            yield finding(
                "COST-NET",
                a.source.position(("cost_sharing",)),
                provider=a.lead.official_name,
                other=b.title,
            )
