"""What one council's material says, computed once for its deck and its decision proposal.

The view of its agreements (``model.council``), its money statement (``model.money``), who else must
approve each agreement, what the decision rests on (oheismateriaali) and what follows it: the deck's
slides and the proposal's sections are both rendered from this one context, so the decision items,
the net figure and the conditions cannot differ between them.
"""

from __future__ import annotations

from typing import Any

from generator.compose.agreement import own_area, sector_words, template_context
from generator.compose.council_money import notes, risk_texts, unchanged_notes
from generator.compose.in_force import original_name
from generator.compose.templating import render, template_names
from generator.formats import fi_date
from generator.language import labels
from generator.model.council import council_view
from generator.model.documents import agreement_path
from generator.model.entities import Agreement, Case
from generator.model.money import statement


def entry_dates(agreements: tuple[Agreement, ...]) -> str:
    """When the decision takes effect: the entry into force of the agreements it approves."""
    return " / ".join(fi_date(d) for d in sorted({a.entry_into_force for a in agreements}))


def council_context(case: Case, municipality_id: str, legal: dict[str, str] | None = None) -> dict[str, Any]:
    """What a council's deck and proposal both say, computed once: the view of its agreements, the
    money statement, who else must approve, what the decision rests on and what follows it."""
    lang = case.language
    words = labels(lang)
    view = council_view(case, case.municipalities[municipality_id])
    money = statement(case, view.municipality)
    summaries = {
        a.id: render(lang, template_names(a, "summary.j2", shared="proposal"), template_context(case, a)).strip()
        for a in view.agreements
    }
    acts = list(dict.fromkeys(w for a in view.to_approve if (w := sector_words(a, lang)["rests_on"])))
    deciding = {a.id for a in view.agreements}
    own = {a.id for a in case.agreements}
    # Agreements the council's decision rests on without being its party (a 54 § agreement the joint
    # body's staff work under), and the employment area's own agreement: oheismateriaali.
    related = list(
        {
            d.agreement.id: d.agreement
            for a in view.to_approve
            for d in a.depends_on
            if d.agreement is not None and d.agreement.id not in deciding and d.agreement.id in own
        }.values()
    )
    areas = list(
        {
            a.employment_area.id: a.employment_area
            for a in (*view.agreements, *related)
            if a.employment_area is not None
            and a.employment_area.agreement_title
            and a.employment_area.agreement_id not in deciding
        }.values()
    )
    councils = {m.id for m in case.councils}
    # Every party of every agreement the council approves decides on it too; those outside this
    # case's councils (the employment area's lead, say) are scheduled separately.
    approvals = [(a, [(m, a.kind.approver(a, m), m.id in councils) for m in a.parties]) for a in view.to_approve]
    approved = [case.current(a) for a in view.to_approve]
    joint_new = [a for a in approved if a.composition is not None and not a.kind.amends]
    board = next((s for s in case.schedule if s.step == "board"), None)
    meeting = next((s for s in case.schedule if s.step == "councils"), None)
    return {
        "case": case,
        "view": view,
        "labels": words,
        "legal": legal or {},
        "summaries": summaries,
        "acts": acts,
        "employment": any(a.sector.id == "employment_services" for a in view.agreements),
        "entry": entry_dates(view.to_approve),
        "related": related,
        "areas": areas,
        "area": next(
            (a.employment_area for a in view.agreements if a.employment_area is not None and not a.existing), None
        ),
        "paths": {a.id: {lang: agreement_path(a, lang) for lang in a.languages} for a in case.agreements},
        "originals": {a.id: original_name(a) for a in case.agreements},
        "money": money,
        "risks": risk_texts(money, lang),
        "money_notes": notes(money, lang),
        "unchanged": unchanged_notes(money, lang),
        "approvals": approvals,
        "approved": approved,
        "elect": case.elections and bool(joint_new) and view.seat is not None,
        "board_step": board,
        "meeting": meeting,
        "others": [m for m in dict.fromkeys(p for a in view.agreements for p in a.parties) if m.id != municipality_id],
        "notify_area": any(is_area_agreement(a) for a in approved),
        # Agreements forming their statutory area: a member may leave only into another area (12 §).
        "statutory_areas": {a.id for a in view.agreements if forms_statutory_area(a)},
        # Agreements of this case still to be concluded: only on those can another's entry into force
        # depend (one signed, or in force, or another case's, is a basis, not a condition).
        "drafted": {a.id for a in case.agreements if not a.existing and not a.signed},
    }


def forms_statutory_area(agreement: Agreement) -> bool:
    """Whether a member may leave the agreement only into another area (380/2023 12 §): it sets up a
    statutory cooperation area. Its notice period alone would tell a council it can simply leave."""
    return is_area_agreement(agreement) and agreement.sector.statutory


def is_area_agreement(agreement: Agreement) -> bool:
    """Whether the agreement sets up its employment area (its lead is the area's lead, and it has a
    joint body): the area's municipalities then file it with the ministry (380/2023 15 §)."""
    return agreement.composition is not None and own_area(agreement)
