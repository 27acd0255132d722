"""The rules as a registry: each check says which codes it reports and which kinds and sectors it judges.

A rule is one function. ``agreement_rule`` checks run once per agreement whose kind and sector they
declare (``None`` means any); ``case_rule`` checks run once per case, for the sectors they declare.
The runner asks the registry, so a rule that applies only to employment services never sees a
building-supervision case, and a new kind gets every rule that does not name kinds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from generator.findings import Finding, Position
from generator.model.entities import Agreement, Case

AgreementCheck = Callable[[Case, Agreement], Iterable[Finding]]
CaseCheck = Callable[[Case], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    """A registered check: the codes it may report, the kinds and sectors it applies to (None: all)."""

    codes: tuple[str, ...]
    kinds: frozenset[str] | None
    sectors: frozenset[str] | None
    agreement: AgreementCheck | None = None
    case: CaseCheck | None = None
    # Checks the data as written (arithmetic a file states), so it also judges an agreement in force
    # that the case amends, not only the agreement as the amendment would leave it.
    as_written: bool = False

    def applies_to(self, agreement: Agreement) -> bool:
        if self.kinds is None and agreement.kind.amends:
            return False  # an amendment is judged by the rules that name it; its result like any agreement
        return (self.kinds is None or agreement.kind.name in self.kinds) and (
            self.sectors is None or agreement.sector.id in self.sectors
        )


CHECKS: list[Check] = []


def _set(values: Iterable[str] | None) -> frozenset[str] | None:
    return None if values is None else frozenset(values)


def agreement_rule(
    *codes: str, kinds: Iterable[str] | None = None, sectors: Iterable[str] | None = None, as_written: bool = False
) -> Callable[[AgreementCheck], AgreementCheck]:
    def register(check: AgreementCheck) -> AgreementCheck:
        CHECKS.append(Check(codes, _set(kinds), _set(sectors), agreement=check, as_written=as_written))
        return check

    return register


def case_rule(*codes: str, sectors: Iterable[str] | None = None) -> Callable[[CaseCheck], CaseCheck]:
    def register(check: CaseCheck) -> CaseCheck:
        CHECKS.append(Check(codes, None, _set(sectors), case=check))
        return check

    return register


def run_checks(case: Case) -> Iterator[Finding]:
    sectors = {a.sector.id for a in case.agreements}
    for check in CHECKS:
        if check.case is not None and (check.sectors is None or check.sectors & sectors):
            yield from check.case(case)
        elif check.agreement is not None:
            # An agreement the case amends is judged as the amendment would leave it (and, for the
            # arithmetic its file states, as written too).
            judged = [case.current(a) for a in case.agreements]
            if check.as_written:
                judged += [a for a in case.agreements if case.current(a) is not a]
            for agreement in judged:
                if check.applies_to(agreement):
                    yield from check.agreement(case, agreement)


def anchor(agreement: Agreement) -> Position:
    """Where a finding about something the agreement lacks points: its ``kind`` line."""
    return agreement.source.key_position(("kind",))


def scope_of(code: str) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """The kinds and sectors the rule reporting ``code`` applies to (for ``kuntasopimus rules``)."""
    for check in CHECKS:
        if code in check.codes:
            return check.kinds, check.sectors
    return None, None
