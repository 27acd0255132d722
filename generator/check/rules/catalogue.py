"""The rule catalogue: one entry per rule code, with its citation, severity and messages.

Codes are stable (a lawyer may write "KL52-3" in a memo); citations follow Finnish style. Messages
are registered into the common message table so findings print the same way whatever produced them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.findings import Finding, Position, Severity
from generator.messages import MESSAGES


@dataclass(frozen=True)
class Rule:
    code: str
    citation: str
    severity: Severity
    title_fi: str
    title_en: str
    fi: str
    en: str


_RULES = [
    # --- KuntaL 52 §: joint body -------------------------------------------------------------
    Rule(
        "KL52-1",
        "KuntaL 52 § 1 mom. 1 k.",
        "error",
        "toimielimen tehtävät",
        "the joint body's tasks",
        "sopimuksesta puuttuvat toimielimen tehtävät. Lisää tasks-lista.",
        "the agreement does not state the joint body's tasks. Add a tasks list.",
    ),
    Rule(
        "KL52-2",
        "KuntaL 52 § 1 mom. 2 k.",
        "error",
        "kokoonpano ja jäsenten valinta",
        "composition and election of members",
        "sopimuksesta puuttuu toimielimen kokoonpano. Lisää composition (sääntö ja väkilukuvuosi).",
        "the agreement does not state the body's composition. Add composition (rule and population year).",
    ),
    Rule(
        "KL52-3",
        "KuntaL 52 § 1 mom. 3 k.",
        "error",
        "kustannusten perusteet ja jakautuminen",
        "basis and division of costs",
        "sopimuksesta puuttuu kustannusten jakoperuste. Lisää cost_sharing.",
        "the agreement does not state how costs are shared. Add cost_sharing.",
    ),
    Rule(
        "KL52-4",
        "KuntaL 52 § 1 mom. 4 k.",
        "error",
        "voimassaolo ja irtisanominen",
        "term and termination",
        "sopimuksesta puuttuu {missing_fi}. Lisää {fields}.",
        "the agreement does not state its {missing_en}. Add {fields}.",
    ),
    Rule(
        "KL52-OTTO",
        "KuntaL 52 § 2 mom.",
        "warning",
        "otto-oikeus",
        "right to take up decisions",
        "sopimus ei kerro, onko vastuukunnan kunnanhallituksen otto-oikeus (KuntaL 92 §) voimassa. Lisää right_of_take_up: retained tai excluded.",
        "the agreement is silent on the lead municipality board's right to take up decisions (KuntaL 92 §). Add right_of_take_up: retained or excluded.",
    ),
    # --- KuntaL 53 §: joint post -------------------------------------------------------------
    Rule(
        "KL53-1",
        "KuntaL 53 § 1 mom.",
        "error",
        "yhtäpitävät päätökset",
        "identical decisions",
        "yhteiset virat perustetaan kaikkien sopijakuntien yhtäpitävillä päätöksillä. Lisää established_by_identical_decisions: true.",
        "joint posts are established by identical decisions of all parties. Add established_by_identical_decisions: true.",
    ),
    Rule(
        "KL53-3A",
        "KuntaL 53 § 3 mom.",
        "error",
        "työnantajan velvoitteista vastaava kunta",
        "party carrying the employer's obligations",
        "sopimuksesta puuttuu työnantajan velvoitteista vastaava kunta. Lisää employer.",
        "the agreement does not name the party carrying the employer's obligations. Add employer.",
    ),
    Rule(
        "KL53-3B",
        "KuntaL 53 § 3 mom.",
        "error",
        "kustannusten perusteet ja jakautuminen",
        "basis and division of costs",
        "sopimuksesta puuttuu kustannusten jakoperuste. Lisää cost_sharing.",
        "the agreement does not state how costs are shared. Add cost_sharing.",
    ),
    # --- KuntaL 54 §: authority task ---------------------------------------------------------
    Rule(
        "KL54-1",
        "KuntaL 54 § 1 mom.",
        "error",
        "tehtävä hoidetaan virkavastuulla",
        "task performed under official liability",
        "sopimuksella voidaan antaa vain tehtävä, jossa toimivaltaa voidaan siirtää viranhaltijalle ja jota hoidetaan virkavastuulla. Vahvista se: delegable_to_office_holder: true.",
        "only a task whose powers can be delegated to an office holder, performed under official liability, can be given by agreement. Confirm it: delegable_to_office_holder: true.",
    ),
    Rule(
        "KL54-2A",
        "KuntaL 54 § 2 mom.",
        "error",
        "tehtävän sisältö",
        "content of the task",
        "sopimuksesta puuttuu tehtävän sisältö. Lisää tasks-lista.",
        "the agreement does not state the content of the task. Add a tasks list.",
    ),
    Rule(
        "KL54-2B",
        "KuntaL 54 § 2 mom.",
        "error",
        "tehtävän hoidon seuranta",
        "monitoring of the task",
        "sopimuksesta puuttuu tehtävän hoidon seuranta. Lisää monitoring-lista.",
        "the agreement does not say how the task is monitored. Add a monitoring list.",
    ),
    Rule(
        "KL54-2C",
        "KuntaL 54 § 2 mom.",
        "error",
        "kustannusten perusteet ja jakautuminen",
        "basis and division of costs",
        "sopimuksesta puuttuu kustannusten jakoperuste. Lisää cost_sharing.",
        "the agreement does not state how costs are shared. Add cost_sharing.",
    ),
    Rule(
        "KL54-2D",
        "KuntaL 54 § 2 mom.",
        "error",
        "voimassaolo ja irtisanominen",
        "term and termination",
        "sopimuksesta puuttuu {missing_fi}. Lisää {fields}.",
        "the agreement does not state its {missing_en}. Add {fields}.",
    ),
    Rule(
        "KL54-APPLY",
        "KuntaL 54 § 2 mom.",
        "error",
        "täydentävä sopimus kertoo, sovelletaanko 54 §:ää",
        "a supplement says whether section 54 applies",
        "täydentävä sopimus ei kerro, sovelletaanko siihen kuntalain 54 §:n sisältövaatimuksia. Lisää applies_section_54: true, jos sopimuksella annetaan viranomaistehtäviä hoidettaviksi, muuten applies_section_54: false.",
        "the supplement does not say whether the content requirements of KuntaL 54 § apply. Add applies_section_54: true if it hands over authority tasks, otherwise applies_section_54: false.",
    ),
    Rule(
        "TVPL13",
        "L 380/2023 13 §",
        "error",
        "sopimuksen säädösperuste",
        "the agreement's statutory basis",
        "sopimuksesta puuttuu sen erityinen säädösperuste, jonka kohta 'Sopimuksen peruste' esittää. Lisää statutory_basis, esim. statutory_basis: laki työvoimapalveluiden järjestämisestä (380/2023) 13 §.",
        "the agreement does not give its specific statutory basis, which the clause on its basis states. Add statutory_basis, e.g. statutory_basis: laki työvoimapalveluiden järjestämisestä (380/2023) 13 §.",
    ),
    # --- KuntaL 8 § 2 mom.: transfer of organising responsibility -----------------------------
    *[
        Rule(
            f"KL8-2-{n}",
            f"KuntaL 8 § 2 mom. {n} k.",
            "error",
            fi,
            en,
            f"järjestämisvastuu siirtyy, mutta sopimus ei kerro, kuka vastaa: {fi}. Lisää organising_responsibility.covers-listaan {key}.",
            f"organising responsibility is transferred but the agreement does not say who answers for {en}. Add {key} to organising_responsibility.covers.",
        )
        for n, key, fi, en in (
            (1, "availability", "palvelujen yhdenvertainen saatavuus", "equal availability of services"),
            (2, "needs", "tarpeen, määrän ja laadun määrittely", "need, quantity and quality"),
            (3, "production", "tuottamistapa", "method of production"),
            (4, "supervision", "tuottamisen valvonta", "supervision of production"),
            (5, "authority", "viranomaiselle kuuluvan toimivallan käyttäminen", "exercise of an authority's powers"),
        )
    ],
    # --- KuntaL 63 §: disputes ---------------------------------------------------------------
    Rule(
        "KL63",
        "KuntaL 63 §",
        "error",
        "erimielisyyksien ratkaiseminen",
        "settlement of disputes",
        "yhteistoimintasopimuksesta aiheutuvat erimielisyydet ratkaistaan hallintoriita-asioina hallinto-oikeudessa; '{forum}' ei ole mahdollinen. Poista disputes.forum tai aseta administrative_court.",
        "disputes over a cooperation agreement are administrative disputes in the administrative court; '{forum}' is not possible. Remove disputes.forum or set administrative_court.",
    ),
    # --- Act 380/2023: employment areas ------------------------------------------------------
    Rule(
        "TPJ12-1",
        "L 380/2023 12 § 1 mom.",
        "error",
        "työllisyysalueen työvoima vähintään 20 000",
        "employment area labour force at least 20 000",
        "työllisyysalueen {area} kuntien yhteenlaskettu työvoima on {total} (vuosi {year}), vähemmän kuin 20 000. Kirjaa valtioneuvoston poikkeus (exception_14) tai laajenna aluetta.",
        "the combined labour force of employment area {area} is {total} (year {year}), below 20 000. Record the Government's exception (exception_14) or widen the area.",
    ),
    Rule(
        "TPJ12-2",
        "L 380/2023 12 § 1 mom.",
        "error",
        "alle 20 000 työvoiman kunta kuuluu alueeseen",
        "a municipality under 20 000 belongs to an area",
        "kunnan {name} työvoima on {value} (vuosi {year}), alle 20 000, mutta kunta ei kuulu mihinkään työllisyysalueeseen. Lisää se alueen members-listaan.",
        "{name} has a labour force of {value} (year {year}), under 20 000, but belongs to no employment area. Add it to an area's members.",
    ),
    Rule(
        "TPJ12-3",
        "L 380/2023 12 § 1 mom.",
        "error",
        "työllisyysalue on maantieteellisesti yhtenäinen",
        "the employment area is contiguous",
        "työllisyysalue {area} ei ole maantieteellisesti yhtenäinen: {detached} ei rajoitu muihin alueen kuntiin (neighbours). Tarkista jäsenet tai naapuruustiedot.",
        "employment area {area} is not contiguous: {detached} do(es) not border the rest of the area (neighbours). Check the members or the neighbour data.",
    ),
    # --- seats ------------------------------------------------------------------------------
    Rule(
        "SEAT-DECLARED",
        "KuntaL 52 § 1 mom. 2 k.",
        "error",
        "kirjoitettu jäsenmäärä = laskettu",
        "declared seats equal computed",
        "sopimukseen kirjoitettu jäsenmäärä {declared} poikkeaa säännöstä lasketusta {computed} ({detail}). Korjaa kirjoitettu luku tai väkiluvut.",
        "the declared number of members {declared} differs from {computed} computed by the rule ({detail}). Fix the declared number or the populations.",
    ),
    Rule(
        "SEAT-MIN",
        "KuntaL 52 § 1 mom. 2 k.",
        "error",
        "jokaisella osapuolella vähintään vähimmäismäärä",
        "every party has at least its minimum",
        "kunnalle {name} kirjoitettu {declared} jäsentä on alle sopimuksen vähimmäismäärän {minimum}.",
        "the {declared} members declared for {name} are below the agreement's minimum of {minimum}.",
    ),
    Rule(
        "SEAT-AGE",
        "KuntaL 52 § 1 mom. 2 k.",
        "warning",
        "väkiluvut ovat ajantasaiset",
        "population figures are current",
        "jäsenmäärät lasketaan vuoden {year} väkiluvuista ({age} vuotta vanhoja, raja {limit}): {total} jäsentä. Vuoden {latest_year} luvuilla sama sääntö antaa {latest_total} ({latest_detail}). Päivitä population_year tai perustele vanhat luvut.",
        "seats are computed from {year} populations ({age} years old, limit {limit}): {total} members. With {latest_year} figures the same rule gives {latest_total} ({latest_detail}). Update population_year or justify the old figures.",
    ),
    # --- costs ------------------------------------------------------------------------------
    Rule(
        "COST-100",
        "KuntaL 52 § 1 mom. 3 k., 53 § 3 mom., 54 § 2 mom.",
        "error",
        "osuudet ovat yhteensä 100 %",
        "shares add up to 100 %",
        "kiinteät osuudet ovat yhteensä {total} %, kun niiden on oltava tasan 100 %. Korjaa figures-luvut.",
        "the fixed shares add up to {total} %, not exactly 100 %. Fix the figures.",
    ),
    Rule(
        "COST-ZERO",
        "KuntaL 52 § 1 mom. 3 k., 53 § 3 mom., 54 § 2 mom.",
        "error",
        "jokainen osapuoli maksaa osuuden tai peruste kerrotaan",
        "every party pays a share or the reason is given",
        "kunnan {name} osuus kustannuksista on {value}. Anna sille jakoluku tai kerro no_share-kohdassa, miksi se ei maksa.",
        "{name}'s share of the costs is {value}. Give it a sharing figure, or say under no_share why it pays nothing.",
    ),
    Rule(
        "COST-DECLARED",
        "KuntaL 52 § 1 mom. 3 k., 53 § 3 mom., 54 § 2 mom.",
        "error",
        "kirjoitettu osuus = laskettu",
        "declared share equals computed",
        "kunnan {name} kirjoitettu osuus {declared} % poikkeaa lasketusta {computed} %. Korjaa declared_shares tai jakoluvut.",
        "the declared share of {name}, {declared} %, differs from the computed {computed} %. Fix declared_shares or the figures.",
    ),
    # --- dates ------------------------------------------------------------------------------
    Rule(
        "DATE-SIGN",
        "sopimuksen päivämäärien johdonmukaisuus",
        "error",
        "voimaantulo ei ennen allekirjoitusta",
        "entry into force not before signing",
        "sopimus tulisi voimaan {entry} eli ennen allekirjoitusta {signed}. Siirrä voimaantuloa tai korjaa allekirjoituspäivä.",
        "the agreement would enter into force on {entry}, before it is signed on {signed}. Move the entry into force or fix the signing date.",
    ),
    Rule(
        "DATE-NOTICE",
        "KuntaL 52 § 1 mom. 4 k., 54 § 2 mom.",
        "error",
        "irtisanomisaika on positiivinen",
        "notice period is positive",
        "irtisanomisaika {months} kuukautta ei ole mahdollinen; sen on oltava vähintään yksi kuukausi.",
        "a notice period of {months} months is not possible; it must be at least one month.",
    ),
    Rule(
        "DATE-TERM",
        "sopimuksen voimassaolo",
        "error",
        "sopimus kertoo voimassaolonsa",
        "the agreement states its term",
        "sopimuksesta puuttuu voimassaolo. Lisää term: {{indefinite: true}} (toistaiseksi voimassa) tai term: {{end: 31.12.2027}} (määräaikainen).",
        "the agreement does not state its term. Add term: {{indefinite: true}} (until further notice) or term: {{end: 31.12.2027}} (fixed term).",
    ),
    Rule(
        "DATE-TERMINATION",
        "KuntaL 52 § 1 mom. 4 k., 54 § 2 mom.",
        "error",
        "toistaiseksi voimassa olevassa sopimuksessa on irtisanomisehto",
        "an indefinite agreement has a termination clause",
        "sopimus on voimassa toistaiseksi, mutta siitä puuttuvat irtisanomisehdot. Lisää termination (notice_months, effective).",
        "the agreement is indefinite but has no termination terms. Add termination (notice_months, effective).",
    ),
    Rule(
        "REF-BASE",
        "KuntaL 49 §, 51 §",
        "error",
        "täydennettävä sopimus on olemassa",
        "a supplement's base agreement exists",
        "täydennettävää sopimusta '{id}' ei ole tapauksessa. Tunnetut sopimukset: {known}.",
        "base agreement '{id}' is not in the case. Known agreements: {known}.",
    ),
    # --- negotiated wordings -------------------------------------------------------------------
    Rule(
        "OVERRIDE-UNKNOWN",
        "sopimuksen kohtien tunnisteet",
        "error",
        "korvattava kohta on olemassa",
        "the overridden clause exists",
        "sopimuksessa ei ole kohtaa '{id}', jonka sanamuodon voisi korvata. Sopimustyypin kohdat: {known}.",
        "the agreement has no clause '{id}' whose wording could be replaced. Clauses of this kind: {known}.",
    ),
    Rule(
        "OVERRIDE-REQ",
        "korvatun kohdan lakisääteinen vaatimus",
        "error",
        "neuvoteltu sanamuoto täyttää vaatimuksen",
        "a negotiated wording still meets its requirement",
        "neuvoteltu sanamuoto kohdassa '{id}' ei enää käsittele vaatimusta: {requirement}. Lisää se tekstiin tai poista korvaus.",
        "the negotiated wording of '{id}' no longer addresses the requirement: {requirement}. Add it to the text or remove the override.",
    ),
    Rule(
        "OVERRIDE-FACT",
        "sopimuksen tietojen yhtäpitävyys",
        "error",
        "neuvotellun sanamuodon luvut = tapauksen tiedot",
        "figures in a negotiated wording equal the case data",
        "neuvoteltu sanamuoto kohdassa '{id}' on ristiriidassa tapauksen tietojen kanssa: {what_fi} on tekstissä {stated}, mutta tiedoista laskettuna {expected}. Korjaa sanamuoto tai {field}.",
        "the negotiated wording of '{id}' contradicts the case data: {what_en} is {stated} in the text but {expected} from the data. Fix the wording or {field}.",
    ),
    # --- identity and language ---------------------------------------------------------------
    Rule(
        "BID-CHECK",
        "Y-tunnuksen tarkistusmerkki (yritys- ja yhteisötietolaki 244/2001)",
        "error",
        "Y-tunnuksen tarkistusmerkki",
        "business ID check digit",
        "Y-tunnuksen {value} tarkistusmerkki on väärä ({reason}). Tarkista tunnus YTJ:stä.",
        "the check digit of business ID {value} is wrong ({reason}). Check the ID in the business register.",
    ),
    Rule(
        "BID-MISSING",
        "yritys- ja yhteisötietolaki (244/2001)",
        "warning",
        "Y-tunnus puuttuu",
        "business ID missing",
        "kunnan {name} Y-tunnus puuttuu; asiakirjat näyttävät sen tarkistettavana. Lisää tunnus ennen allekirjoitusta.",
        "{name} has no business ID; documents show it as to be checked. Add it before signing.",
    ),
    Rule(
        "KIELI-6-29",
        "kielilaki (423/2003) 6 § 1 mom. 2 k. ja 29 §",
        "warning",
        "kaksikielinen osapuoli: yhteinen toimielin on kaksikielinen viranomainen",
        "bilingual party: the joint body is a bilingual authority",
        "osapuoli {name} on kaksikielinen kunta, joten yhteinen toimielin on kaksikielinen viranomainen (6 § 1 mom. 2 k.): sen kokouskutsut ja pöytäkirjat on laadittava suomeksi ja ruotsiksi (29 §). Ruotsinkielistä versiota ei ole pyydetty: lisää sopimukseen languages: [fi, sv].",
        "{name} is a bilingual municipality, so the joint body is a bilingual authority (section 6(1)(2)): its meeting notices and minutes must be drawn up in Finnish and Swedish (section 29). No Swedish version has been requested: add languages: [fi, sv] to the agreement.",
    ),
    Rule(
        "KIELI-SV",
        "kielilaki (423/2003) 6 § 1 mom. 2 k. ja 29 §",
        "warning",
        "kaksikielinen osapuoli: sopimus ruotsiksi",
        "bilingual party: the agreement in Swedish",
        "osapuoli {name} on kaksikielinen kunta, joten sen viranomaiset ovat kaksikielisiä (6 § 1 mom. 2 k.), ja jos sen valtuusto käsittelee sopimuksen, kokouskutsu ja pöytäkirja laaditaan suomeksi ja ruotsiksi (29 §). Sopimuksella ei perusteta yhteistä toimielintä. Tarkista, tarvitaanko sopimus myös ruotsiksi; ruotsinkielistä versiota ei ole pyydetty (languages: [fi, sv]).",
        "{name} is a bilingual municipality, so its authorities are bilingual (section 6(1)(2)), and if its council deals with the agreement, the meeting notice and minutes are drawn up in Finnish and Swedish (section 29). The agreement sets up no joint body. Check whether the agreement is needed in Swedish too; no Swedish version has been requested (languages: [fi, sv]).",
    ),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
for _rule in _RULES:
    MESSAGES[_rule.code] = {"fi": _rule.fi, "en": _rule.en}


def finding(code: str, position: Position, **params: Any) -> Finding:
    """A finding of rule ``code``: severity and citation come from the catalogue, not the caller."""
    rule = RULES[code]
    return Finding(code, rule.severity, position, params, citation=rule.citation)
