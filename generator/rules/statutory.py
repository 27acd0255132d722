"""Statutory content rules: what KuntaL 52–54 §, 8 § and 63 § require an agreement to state.

Each missing item gives exactly one finding, under the section that governs the agreement's kind (the
kind declares which fields give each requirement), so a lawyer reads one citation per gap rather
than a cascade.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Finding
from generator.law.catalogue import finding
from generator.model.entities import Agreement, Case
from generator.model.kinds.authority_task import AuthorityTaskDetails
from generator.model.kinds.joint_body import JointBodyDetails
from generator.model.kinds.joint_post import JointPostDetails
from generator.model.kinds.supplement import SupplementDetails
from generator.rules.registry import agreement_rule, anchor

_ORGANISING = ("availability", "needs", "production", "supervision", "authority")
_WORDS_FI = {"term": "voimassaolo", "termination": "irtisanomisehdot"}
_WORDS_EN = {"term": "term", "termination": "termination terms"}


@agreement_rule(
    "KL52-1", "KL52-2", "KL52-3", "KL52-4", "KL53-3A", "KL53-3B", "KL54-2A", "KL54-2B", "KL54-2C", "KL54-2D"
)
def statutory_content(case: Case, a: Agreement) -> Iterator[Finding]:
    """What the kind's governing section requires and the data does not give."""
    for code, fields in a.kind.content.items():
        missing = [f for f in fields if not a.gives(f)]
        if code == "KL52-2" and "composition" in a.source.data:
            continue  # given, but not computable: the model reported why
        if not missing:
            continue
        if len(fields) > 1:
            yield finding(
                code,
                anchor(a),
                missing_fi=" ja ".join(_WORDS_FI.get(m, m) for m in missing),
                missing_en=" and ".join(_WORDS_EN.get(m, m) for m in missing),
                fields=" ja ".join(missing),
            )
        else:
            yield finding(code, anchor(a))


@agreement_rule("KL54-2B", "KL54-APPLY", kinds=["supplement"])
def supplement_54(case: Case, a: Agreement) -> Iterator[Finding]:
    """A supplement says whether it hands over authority tasks; if it does, 54 § applies to it."""
    assert isinstance(a.details, SupplementDetails)
    if a.details.applies_section_54 is None:
        yield finding("KL54-APPLY", anchor(a))
    elif a.details.applies_section_54 and not a.details.monitoring:
        yield finding("KL54-2B", anchor(a))


@agreement_rule("KL54-1", "KL54-BASIS", kinds=["authority_task"])
def authority_task(case: Case, a: Agreement) -> Iterator[Finding]:
    assert isinstance(a.details, AuthorityTaskDetails)
    if a.details.delegable_to_office_holder is not True:
        where = (
            a.source.position(("delegable_to_office_holder",))
            if a.details.delegable_to_office_holder is not None
            else anchor(a)
        )
        yield finding("KL54-1", where)
    # A bundled sector knows the act that lays the task on the municipality; otherwise the agreement says.
    if a.details.statutory_basis is None and not a.sector.knows_basis:
        yield finding("KL54-BASIS", anchor(a))


@agreement_rule("KL52-OTTO", "KL8-2-1", "KL8-2-2", "KL8-2-3", "KL8-2-4", "KL8-2-5", kinds=["joint_body"])
def joint_body(case: Case, a: Agreement) -> Iterator[Finding]:
    assert isinstance(a.details, JointBodyDetails)
    if a.details.right_of_take_up is None:
        yield finding("KL52-OTTO", anchor(a))
    organising = a.details.organising_responsibility
    if organising is not None:
        for n, key in enumerate(_ORGANISING, start=1):
            if key not in organising.covers:
                yield finding(f"KL8-2-{n}", a.source.key_position(("organising_responsibility",)))


@agreement_rule("KL53-1", kinds=["joint_post"])
def joint_post(case: Case, a: Agreement) -> Iterator[Finding]:
    assert isinstance(a.details, JointPostDetails)
    if a.details.established_by_identical_decisions is not True:
        yield finding("KL53-1", anchor(a))


@agreement_rule("KL63")
def disputes(case: Case, a: Agreement) -> Iterator[Finding]:
    if a.disputes_forum is not None and a.disputes_forum != "administrative_court":
        yield finding("KL63", a.source.position(("disputes", "forum")), forum=a.disputes_forum)
