"""Date rules: entry into force not before signing, positive notice, a stated term that ends after it
begins, indefinite means terminable."""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Finding
from generator.formats import fi_date
from generator.law.catalogue import finding
from generator.model.entities import Agreement, Case
from generator.rules.registry import agreement_rule, anchor


def _term_by_statute(a: Agreement) -> bool:
    """Whether the kind's governing section already requires the term (KL52-4, KL54-2D report it)."""
    return any("term" in fields for fields in a.kind.content.values())


@agreement_rule("DATE-SIGN", "DATE-NOTICE", "DATE-TERM", "DATE-TERMINATION", "DATE-TERM-END")
def dates(case: Case, a: Agreement) -> Iterator[Finding]:
    # An agreement signed before the case may have been made retroactive: that is history, not a draft's error.
    signed_before = a.signed is not None and a.signed <= case.version.date
    if a.signed is not None and a.entry_into_force < a.signed and not signed_before:
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
    if not _term_by_statute(a) and a.term is None:
        # Every kind's closing chapter states the term (voimassaolo.kesto); without it the
        # agreement cannot be written, so validate must refuse it rather than build.
        yield finding("DATE-TERM", anchor(a))
    if not _term_by_statute(a) and a.term is not None and a.term.indefinite and a.termination is None:
        yield finding("DATE-TERMINATION", anchor(a))
    if a.term is not None and a.term.end is not None and a.term.end < a.entry_into_force:
        yield finding(
            "DATE-TERM-END",
            a.source.position(("term", "end")),
            end=fi_date(a.term.end),
            entry=fi_date(a.entry_into_force),
        )
