"""Statutory content rules: what KuntaL 52–54 §, 8 § and 63 § require an agreement to state.

Each missing item gives exactly one finding, under the section that governs the agreement's kind, so
a lawyer reads one citation per gap rather than a cascade.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.catalogue import finding
from generator.findings import Finding, Position
from generator.model.entities import Agreement, Case

_TASKS = {"joint_body": "KL52-1", "supplement": "KL52-1", "authority_task": "KL54-2A"}
_COSTS = {"joint_body": "KL52-3", "supplement": "KL52-3", "authority_task": "KL54-2C", "joint_post": "KL53-3B"}
_TERM = {"joint_body": "KL52-4", "supplement": "KL52-4", "authority_task": "KL54-2D"}
_ORGANISING = ("availability", "needs", "production", "supervision", "authority")


def anchor(agreement: Agreement) -> Position:
    """Where a finding about something the agreement lacks points: its ``kind`` line."""
    return agreement.source.key_position(("kind",))


def _applies_54(a: Agreement) -> bool:
    return a.kind == "authority_task" or bool(a.details.get("applies_section_54"))


def _term_finding(a: Agreement) -> Iterator[Finding]:
    code = _TERM.get(a.kind)
    if code is None:
        return
    missing = [name for name, value in (("term", a.term), ("termination", a.termination)) if value is None]
    if not missing:
        return
    words_fi = {"term": "voimassaolo", "termination": "irtisanomisehdot"}
    words_en = {"term": "term", "termination": "termination terms"}
    yield finding(
        code,
        anchor(a),
        missing_fi=" ja ".join(words_fi[m] for m in missing),
        missing_en=" and ".join(words_en[m] for m in missing),
        fields=" ja ".join(missing),
    )


def check_statutory(case: Case) -> Iterator[Finding]:
    for a in case.agreements:
        d = a.details
        if a.kind in _TASKS and not d.get("tasks"):
            yield finding(_TASKS[a.kind], anchor(a))
        if a.kind in _COSTS and a.cost is None:
            yield finding(_COSTS[a.kind], anchor(a))
        yield from _term_finding(a)
        if _applies_54(a) and a.kind in ("authority_task", "supplement") and not d.get("monitoring"):
            yield finding("KL54-2B", anchor(a))
        if a.kind == "supplement" and "applies_section_54" not in d:
            yield finding("KL54-APPLY", anchor(a))
        if a.kind == "authority_task" and "statutory_basis" not in d:
            yield finding("TVPL13", anchor(a))
        if a.kind == "authority_task" and d.get("delegable_to_office_holder") is not True:
            where = (
                a.source.position(("delegable_to_office_holder",)) if "delegable_to_office_holder" in d else anchor(a)
            )
            yield finding("KL54-1", where)
        if a.kind == "joint_body":
            if a.composition is None and "composition" not in a.source.data:
                yield finding("KL52-2", anchor(a))
            if "right_of_take_up" not in d:
                yield finding("KL52-OTTO", anchor(a))
            organising = d.get("organising_responsibility")
            if organising is not None:
                covers = organising.get("covers", [])
                for n, key in enumerate(_ORGANISING, start=1):
                    if key not in covers:
                        yield finding(f"KL8-2-{n}", a.source.key_position(("organising_responsibility",)))
        if a.kind == "joint_post":
            if d.get("established_by_identical_decisions") is not True:
                yield finding("KL53-1", anchor(a))
            if "employer" not in d:
                yield finding("KL53-3A", anchor(a))
        forum = d.get("disputes", {}).get("forum")
        if forum is not None and forum != "administrative_court":
            yield finding("KL63", a.source.position(("disputes", "forum")), forum=forum)
