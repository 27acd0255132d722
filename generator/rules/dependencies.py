"""Agreements that rest on each other, agreements in force and their amendments.

An agreement that depends on another names it and says what follows if it ends; linked notice
periods are aligned or the difference is explained. An agreement in force is described with the
sources of its terms (the tool never regenerates it), and only an agreement in force is amended.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Finding
from generator.law.catalogue import finding
from generator.model.entities import Agreement, Case
from generator.model.kinds.amendment import AmendmentDetails
from generator.rules.registry import agreement_rule, anchor, case_rule


def _resolved(case: Case, agreement_id: str) -> Agreement | None:
    return next((a for a in case.every_agreement() if a.id == agreement_id), None)


@agreement_rule("DEPENDS-END", "NOTICE-ALIGN")
def dependencies(case: Case, a: Agreement) -> Iterator[Finding]:
    for i, dependency in enumerate(a.depends_on):
        other = _resolved(case, dependency.agreement_id) if dependency.agreement_id else None
        title = other.title if other is not None else dependency.title
        if dependency.on_end is None:
            yield finding("DEPENDS-END", a.source.position(("depends_on", i)), other=title)
        if (
            other is not None
            and a.termination is not None
            and other.termination is not None
            and a.termination.notice_months != other.termination.notice_months
            and not dependency.note
        ):
            yield finding(
                "NOTICE-ALIGN",
                a.source.position(("termination", "notice_months")),
                months=a.termination.notice_months,
                other=title,
                other_months=other.termination.notice_months,
            )


@case_rule("IN-FORCE-TERMS")
def in_force_terms(case: Case) -> Iterator[Finding]:
    """An agreement in force is described with the sources of the terms the case relies on (judged as
    described, even when the case amends it)."""
    for a in case.agreements:
        if a.existing and (a.in_force is None or not (a.in_force.terms or a.in_force.original)):
            yield finding("IN-FORCE-TERMS", anchor(a), title=a.title)


@agreement_rule("AMEND-BASE", kinds=["amendment"])
def amendment_base(case: Case, a: Agreement) -> Iterator[Finding]:
    """Only an agreement in force (or signed) is amended; a draft is changed in its own file."""
    assert isinstance(a.details, AmendmentDetails)
    base = a.details.in_force
    if base is not None and not base.existing:
        yield finding("AMEND-BASE", a.source.position(("amends",)), title=base.title)
