"""Every fact that appears in more than one output, formatted once, keyed for the consistency check.

Keys name what the fact is ("seats:yhteistoimintasopimus:Mallila"); values are the exact text the
outputs print. The manifest carries them, so `kuntasopimus check` can prove every file says the same.
"""

from __future__ import annotations

from generator.contract import fact_key
from generator.formats import fi_date, fi_euro, fi_percent
from generator.language import labels, months
from generator.model.entities import Agreement, Case, CostSharing
from generator.model.money import statement


def share_text(cost: CostSharing, hundredths: int) -> str:
    """A share as the documents print it: '8,19 %', but an agreed whole share as '40 %' (the
    parties agreed forty per cent, not 40,00)."""
    if cost.basis == "fixed" and hundredths % 100 == 0:
        return f"{hundredths // 100}\u00a0%"
    return fi_percent(hundredths)


def _seats(facts: dict[str, str], a: Agreement, total: str) -> None:
    comp = a.composition
    assert comp is not None
    for seat in comp.seats:
        facts[fact_key("seats", a.id, seat.municipality.name)] = str(seat.seats)
    facts[fact_key("seats", a.id, total)] = str(comp.total)
    if comp.deputies_per_member:
        for seat in comp.seats:
            facts[fact_key("deputies", a.id, seat.municipality.name)] = str(seat.deputies)
        facts[fact_key("deputies", a.id, total)] = str(comp.deputies_total)


def case_facts(case: Case) -> dict[str, str]:
    words = labels(case.language)
    total = words["tables"]["total"]
    facts: dict[str, str] = {}
    for listed in case.agreements:
        # An agreement in force is shown as a summary of its sourced terms: no figure of ours is
        # stated about it but its dates and the seats an amendment restates (as amended).
        a = case.current(listed)
        facts[fact_key("title", a.id)] = a.title
        facts[fact_key("entry", a.id)] = fi_date(a.entry_into_force)
        if listed.existing:
            # Its seats are shown (the council's members in the body it already has), as amended.
            if a.composition is not None:
                _seats(facts, a, total)
            continue
        if a.termination is not None:
            facts[fact_key("notice", a.id)] = months(a.termination.notice_months, case.language)
        if a.composition is not None:
            _seats(facts, a, total)
        if a.cost is not None:
            for share in a.cost.shares:
                facts[fact_key("share", a.id, share.municipality.name)] = share_text(a.cost, share.hundredths)
                if share.euros is not None:
                    facts[fact_key("euros", a.id, share.municipality.name)] = fi_euro(share.euros)
            if a.cost.budget is not None:
                facts[fact_key("euros", a.id, total)] = fi_euro(a.cost.budget.amount)
        for m in a.parties:
            facts[f"business_id:{m.official_name}"] = m.business_id or words["to_be_checked"]
    for m in case.councils:
        # Each council's headline: its net yearly effect, on the deck's decision slide and in the proposal.
        headline = statement(case, m).headline
        if headline is not None:
            facts[fact_key("net", case.id, m.name)] = fi_euro(headline.euros)
    return dict(sorted(facts.items()))
