"""Every fact that appears in more than one output, formatted once, keyed for the consistency check.

Keys name what the fact is ("seats:yhteistoimintasopimus:Mallila"); values are the exact text the
outputs print. The manifest carries them, so `kuntasopimus check` can prove every file says the same.
"""

from __future__ import annotations

from generator.contract import fact_key
from generator.formats import fi_date, fi_euro, fi_percent
from generator.language import labels, months
from generator.model.entities import Case


def case_facts(case: Case) -> dict[str, str]:
    words = labels(case.language)
    total = words["tables"]["total"]
    facts: dict[str, str] = {}
    for a in case.agreements:
        facts[fact_key("title", a.id)] = a.title
        facts[fact_key("entry", a.id)] = fi_date(a.entry_into_force)
        if a.termination is not None:
            facts[fact_key("notice", a.id)] = months(a.termination.notice_months, case.language)
        if a.composition is not None:
            for seat in a.composition.seats:
                facts[fact_key("seats", a.id, seat.municipality.name)] = str(seat.seats)
            facts[fact_key("seats", a.id, total)] = str(a.composition.total)
            if a.composition.deputies_per_member:
                for seat in a.composition.seats:
                    facts[fact_key("deputies", a.id, seat.municipality.name)] = str(seat.deputies)
                facts[fact_key("deputies", a.id, total)] = str(a.composition.deputies_total)
        if a.cost is not None:
            for share in a.cost.shares:
                facts[fact_key("share", a.id, share.municipality.name)] = fi_percent(share.hundredths)
                if share.euros is not None:
                    facts[fact_key("euros", a.id, share.municipality.name)] = fi_euro(share.euros)
            if a.cost.budget is not None:
                facts[fact_key("euros", a.id, total)] = fi_euro(a.cost.budget.amount)
        for m in a.parties:
            facts[f"business_id:{m.official_name}"] = m.business_id or words["to_be_checked"]
    return dict(sorted(facts.items()))
