"""Who takes part: an agreement binds at least two municipalities, and a council decides only on
agreements its municipality is party to."""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Finding
from generator.law.catalogue import finding
from generator.model.entities import Agreement, Case
from generator.rules.registry import agreement_rule, case_rule


@agreement_rule("KL49-PARTIES")
def two_parties(case: Case, a: Agreement) -> Iterator[Finding]:
    """Municipalities agree with each other (KuntaL 49 §): one party is no cooperation, and a joint
    post, a joint body or a task done for another has no one to share it with."""
    if len(a.parties) < 2:
        yield finding("KL49-PARTIES", a.source.position(("parties",)), name=a.parties[0].name if a.parties else "–")


@case_rule("COUNCIL-PARTY")
def councils_are_parties(case: Case) -> Iterator[Finding]:
    """A decision proposal asks a council to approve agreements; a council whose municipality is party
    to none would be asked to approve what it cannot sign."""
    for index, council in enumerate(case.councils):
        if not any(a.has_party(council.id) for a in case.agreements):
            yield finding("COUNCIL-PARTY", case.inputs[0].position(("councils", index)), name=council.name)
