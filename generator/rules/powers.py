"""Who holds a power, and who can give it: KuntaL 8 § and 54 §, and a statutory sector's own act.

In statutory cooperation the organising responsibility and the authority's powers sit with the
area's lead municipality (KuntaL 8 § 1 mom.; for employment services Act 380/2023 12–13 §). Parties
that do not hold them cannot hand them over, whatever their agreement says; the only instrument that
works is a 54 § agreement with the holder. These rules name the holder and the instrument, and keep
the parts that bind the organiser (service levels) in an agreement the organiser signs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from generator.findings import Finding
from generator.language import labels, official_form
from generator.law.catalogue import finding
from generator.load.yaml_loader import JsonPath
from generator.model.entities import Agreement, Case, EmploymentArea
from generator.model.kinds.authority_task import AuthorityTaskDetails
from generator.model.kinds.joint_body import JointBodyDetails
from generator.model.kinds.supplement import SupplementDetails
from generator.rules.registry import agreement_rule, anchor

_FIX_FI = {
    "supplement": "Merkitse applies_section_54: false, kirjaa tehtävien hoidon perustana oleva 54 §:n sopimus "
    "(depends_on) ja rajaa tämän sopimuksen tehtävät sopijakuntien omiin palveluihin ja koordinointiin.",
    "joint_body": "Poista organising_responsibility: järjestämisvastuuta ei voi siirtää se, jolla sitä ei ole.",
    "authority_task": "Tehtävät antaa vastuukunta: merkitse se principal-kohtaan.",
}
_FIX_EN = {
    "supplement": "Set applies_section_54: false, record the 54 § agreement the tasks rest on (depends_on) and "
    "limit this agreement's tasks to the parties' own services and coordination.",
    "joint_body": "Remove organising_responsibility: a party cannot transfer a responsibility it does not hold.",
    "authority_task": "The area's lead gives the tasks: name it as principal.",
}


def _hands_over(a: Agreement, area: EmploymentArea) -> JsonPath | None:
    """Where the agreement hands over powers of the area's organiser, if it does."""
    d = a.details
    if isinstance(d, SupplementDetails) and d.applies_section_54:
        return ("applies_section_54",)
    if isinstance(d, JointBodyDetails) and d.organising_responsibility is not None:
        return ("organising_responsibility",)
    if isinstance(d, AuthorityTaskDetails) and d.principal.municipality.id != area.lead.id:
        return ("principal", "municipality")
    return None


@agreement_rule("POWER-HOLDER")
def power_holder(case: Case, a: Agreement) -> Iterator[Finding]:
    """Parties without the organising responsibility of a statutory area's task cannot give its powers."""
    area = a.employment_area
    if area is None or not a.sector.statutory:
        return
    path = _hands_over(a, area)
    # The area's lead may set up its own body; only a 54 § principal must be the lead itself.
    if path is None or (a.has_party(area.lead.id) and not isinstance(a.details, AuthorityTaskDetails)):
        return
    powers = labels("fi")["sectors"].get(a.sector.id, {}).get("authority_powers", a.sector.name or a.sector.id)
    lead = area.lead
    found = finding(
        "POWER-HOLDER",
        a.source.position(path),
        sector=powers,
        sector_en=a.sector.id.replace("_", " "),
        area=area.name,
        holder=lead.official_name,
        holder_with=official_form(lead.official_name, labels("fi")["official_genitive"]) + " kanssa",
        authority=area.authority,
        fix_fi=_FIX_FI.get(a.kind.name, ""),
        fix_en=_FIX_EN.get(a.kind.name, ""),
    )
    law = a.sector.organiser_citation
    yield dataclasses.replace(found, citation=f"{found.citation}; {law}") if law else found


@agreement_rule("AUTHORITY-CONTRACTOR", kinds=["authority_task"], sectors=["employment_services"])
def authority_contractor(case: Case, a: Agreement) -> Iterator[Finding]:
    """Since 1.8.2024 the employment authority itself makes the agreement (380/2023 13 § 2 mom., 435/2024)."""
    assert isinstance(a.details, AuthorityTaskDetails)
    area = a.employment_area
    if area is None or a.details.principal.municipality.id != area.lead.id:
        return
    if a.details.principal.authority.strip() != area.authority.strip():
        yield finding(
            "AUTHORITY-CONTRACTOR",
            a.source.position(("principal", "authority")),
            authority=area.authority,
            given=a.details.principal.authority,
        )


@agreement_rule("KL54-POWERS", kinds=["authority_task"])
def powers_listed(case: Case, a: Agreement) -> Iterator[Finding]:
    """A 54 § agreement lists powers with their basis and the posts that exercise them, not services."""
    assert isinstance(a.details, AuthorityTaskDetails)
    if a.details.tasks and not a.details.powers:
        yield finding("KL54-POWERS", a.source.position(("tasks",)))


@agreement_rule("SERVICE-LEVEL-PARTY", kinds=["supplement"])
def service_level_party(case: Case, a: Agreement) -> Iterator[Finding]:
    """A service level binds only a party: the organiser must sign the agreement that sets it."""
    assert isinstance(a.details, SupplementDetails)
    area = a.employment_area
    if a.details.local_service and area is not None and not a.has_party(area.lead.id):
        yield finding("SERVICE-LEVEL-PARTY", a.source.position(("local_service",)), holder=area.lead.official_name)


@agreement_rule("LANG-SERVICE", kinds=["authority_task"])
def language_service(case: Case, a: Agreement) -> Iterator[Finding]:
    """A bilingual principal's customers keep their language rights when a unilingual provider serves them."""
    assert isinstance(a.details, AuthorityTaskDetails)
    principal, provider = a.details.principal.municipality, a.details.provider.municipality
    if principal.bilingual and not provider.bilingual and not a.details.language_service:
        yield finding("LANG-SERVICE", anchor(a), principal=principal.official_name, provider=provider.official_name)
