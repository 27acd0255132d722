"""Date rules: entry into force not before signing, positive notice, a stated term, indefinite means terminable."""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.catalogue import finding
from generator.check.rules.statutory import anchor
from generator.findings import Finding
from generator.formats import fi_date
from generator.model.entities import Case

# Kinds whose statutory rule (KL52-4, KL54-2D) already reports a missing termination.
_TERM_BY_STATUTE = {"joint_body", "supplement", "authority_task"}


def check_dates(case: Case) -> Iterator[Finding]:
    for a in case.agreements:
        if a.signed is not None and a.entry_into_force < a.signed:
            yield finding(
                "DATE-SIGN",
                a.source.position(("entry_into_force",)),
                entry=fi_date(a.entry_into_force),
                signed=fi_date(a.signed),
            )
        if a.termination is not None and a.termination.notice_months < 1:
            yield finding(
                "DATE-NOTICE", a.source.position(("termination", "notice_months")), months=a.termination.notice_months
            )
        if a.kind not in _TERM_BY_STATUTE and a.term is None:
            # Every kind's closing chapter states the term (voimassaolo.kesto); without it the
            # agreement cannot be written, so validate must refuse it rather than build.
            yield finding("DATE-TERM", anchor(a))
        if a.kind not in _TERM_BY_STATUTE and a.term is not None and a.term.indefinite and a.termination is None:
            yield finding("DATE-TERMINATION", anchor(a))
