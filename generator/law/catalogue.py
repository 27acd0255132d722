"""The rule catalogue: one entry per rule code, with its citation, severity and messages.

Codes are stable (a lawyer may write "KL52-3" in a memo); citations follow Finnish style. A rule
whose code is a statutory requirement takes its citation and title from the requirement catalogue
(``law.requirements``), so a citation is written once. Messages are registered into the common
message table so findings print the same way whatever produced them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.findings import Finding, Position, Severity
from generator.law.requirements import REQUIREMENTS
from generator.messages import MESSAGES


@dataclass(frozen=True)
class Rule:
    """A check's code, severity and message; ``citation`` and titles default to its requirement's."""

    code: str
    severity: Severity
    fi: str
    en: str
    citation: str = ""
    title_fi: str = ""
    title_en: str = ""

    def __post_init__(self) -> None:
        requirement = REQUIREMENTS.get(self.code)
        if requirement is not None:
            object.__setattr__(self, "citation", self.citation or requirement.citation)
            object.__setattr__(self, "title_fi", self.title_fi or requirement.name("fi"))
            object.__setattr__(self, "title_en", self.title_en or requirement.name_en)
        assert self.citation and self.title_fi and self.title_en, f"rule {self.code} needs a citation and titles"

    def title(self, lang: str) -> str:
        return self.title_fi if lang == "fi" else self.title_en


# fmt: off
_RULES = [
    Rule("KL52-1", "error", "sopimuksesta puuttuvat toimielimen tehtävät. Lisää tasks-lista.",
         "the agreement does not state the joint body's tasks. Add a tasks list."),
    Rule("KL52-2", "error", "sopimuksesta puuttuu toimielimen kokoonpano. Lisää composition (sääntö ja väkilukuvuosi).",
         "the agreement does not state the body's composition. Add composition (rule and population year)."),
    Rule("KL52-3", "error", "sopimuksesta puuttuu kustannusten jakoperuste. Lisää cost_sharing.",
         "the agreement does not state how costs are shared. Add cost_sharing."),
    Rule("KL52-4", "error", "sopimuksesta puuttuu {missing_fi}. Lisää {fields}.",
         "the agreement does not state its {missing_en}. Add {fields}."),
    Rule("KL52-OTTO", "warning", "sopimus ei kerro, onko vastuukunnan kunnanhallituksen otto-oikeus (KuntaL 92 §) voimassa. Lisää right_of_take_up: retained tai excluded.",
         "the agreement is silent on the lead municipality board's right to take up decisions (KuntaL 92 §). Add right_of_take_up: retained or excluded."),
    Rule("KL53-1", "error", "yhteiset virat perustetaan kaikkien sopijakuntien yhtäpitävillä päätöksillä. Lisää established_by_identical_decisions: true.",
         "joint posts are established by identical decisions of all parties. Add established_by_identical_decisions: true."),
    Rule("KL53-3A", "error", "sopimuksesta puuttuu työnantajan velvoitteista vastaava kunta. Lisää employer.",
         "the agreement does not name the party carrying the employer's obligations. Add employer."),
    Rule("KL53-3B", "error", "sopimuksesta puuttuu kustannusten jakoperuste. Lisää cost_sharing.",
         "the agreement does not state how costs are shared. Add cost_sharing."),
    Rule("KL54-1", "error", "sopimuksella voidaan antaa vain tehtävä, jossa toimivaltaa voidaan siirtää viranhaltijalle ja jota hoidetaan virkavastuulla. Vahvista se: delegable_to_office_holder: true.",
         "only a task whose powers can be delegated to an office holder, performed under official liability, can be given by agreement. Confirm it: delegable_to_office_holder: true."),
    Rule("KL54-2A", "error", "sopimuksesta puuttuu tehtävän sisältö. Lisää tasks-lista.",
         "the agreement does not state the content of the task. Add a tasks list."),
    Rule("KL54-2B", "error", "sopimuksesta puuttuu tehtävän hoidon seuranta. Lisää monitoring-lista.",
         "the agreement does not say how the task is monitored. Add a monitoring list."),
    Rule("KL54-2C", "error", "sopimuksesta puuttuu kustannusten jakoperuste. Lisää cost_sharing.",
         "the agreement does not state how costs are shared. Add cost_sharing."),
    Rule("KL54-2D", "error", "sopimuksesta puuttuu {missing_fi}. Lisää {fields}.",
         "the agreement does not state its {missing_en}. Add {fields}."),
    Rule("KL54-APPLY", "error", "täydentävä sopimus ei kerro, sovelletaanko siihen kuntalain 54 §:n sisältövaatimuksia. Lisää applies_section_54: true, jos sopimuksella annetaan viranomaistehtäviä hoidettaviksi, muuten applies_section_54: false.",
         "the supplement does not say whether the content requirements of KuntaL 54 § apply. Add applies_section_54: true if it hands over authority tasks, otherwise applies_section_54: false.",
         citation="KuntaL 54 § 2 mom.", title_fi="täydentävä sopimus kertoo, sovelletaanko 54 §:ää", title_en="a supplement says whether section 54 applies"),
    Rule("KL8-2-1", "error", "järjestämisvastuu siirtyy, mutta sopimus ei kerro, kuka vastaa: palvelujen yhdenvertainen saatavuus. Lisää organising_responsibility.covers-listaan availability.",
         "organising responsibility is transferred but the agreement does not say who answers for equal availability of services. Add availability to organising_responsibility.covers.",
         citation="KuntaL 8 § 2 mom. 1 k.", title_fi="palvelujen yhdenvertainen saatavuus", title_en="equal availability of services"),
    Rule("KL8-2-2", "error", "järjestämisvastuu siirtyy, mutta sopimus ei kerro, kuka vastaa: tarpeen, määrän ja laadun määrittely. Lisää organising_responsibility.covers-listaan needs.",
         "organising responsibility is transferred but the agreement does not say who answers for need, quantity and quality. Add needs to organising_responsibility.covers.",
         citation="KuntaL 8 § 2 mom. 2 k.", title_fi="tarpeen, määrän ja laadun määrittely", title_en="need, quantity and quality"),
    Rule("KL8-2-3", "error", "järjestämisvastuu siirtyy, mutta sopimus ei kerro, kuka vastaa: tuottamistapa. Lisää organising_responsibility.covers-listaan production.",
         "organising responsibility is transferred but the agreement does not say who answers for method of production. Add production to organising_responsibility.covers.",
         citation="KuntaL 8 § 2 mom. 3 k.", title_fi="tuottamistapa", title_en="method of production"),
    Rule("KL8-2-4", "error", "järjestämisvastuu siirtyy, mutta sopimus ei kerro, kuka vastaa: tuottamisen valvonta. Lisää organising_responsibility.covers-listaan supervision.",
         "organising responsibility is transferred but the agreement does not say who answers for supervision of production. Add supervision to organising_responsibility.covers.",
         citation="KuntaL 8 § 2 mom. 4 k.", title_fi="tuottamisen valvonta", title_en="supervision of production"),
    Rule("KL8-2-5", "error", "järjestämisvastuu siirtyy, mutta sopimus ei kerro, kuka vastaa: viranomaiselle kuuluvan toimivallan käyttäminen. Lisää organising_responsibility.covers-listaan authority.",
         "organising responsibility is transferred but the agreement does not say who answers for exercise of an authority's powers. Add authority to organising_responsibility.covers.",
         citation="KuntaL 8 § 2 mom. 5 k.", title_fi="viranomaiselle kuuluvan toimivallan käyttäminen", title_en="exercise of an authority's powers"),
    Rule("KL63", "error", "yhteistoimintasopimuksesta aiheutuvat erimielisyydet ratkaistaan hallintoriita-asioina hallinto-oikeudessa; '{forum}' ei ole mahdollinen. Poista disputes.forum tai aseta administrative_court.",
         "disputes over a cooperation agreement are administrative disputes in the administrative court; '{forum}' is not possible. Remove disputes.forum or set administrative_court."),
    Rule("KL54-BASIS", "error", "sopimus ei kerro, missä laissa tehtävä on säädetty kunnalle. Lisää statutory_basis (esim. statutory_basis: rakentamislaki (751/2023) 103 § 1 mom.) tai valitse sopimuksen toimiala (sector).",
         "the agreement does not say which act lays the task on the municipality. Add statutory_basis (e.g. statutory_basis: rakentamislaki (751/2023) 103 § 1 mom.) or name the agreement's sector.",
         citation="KuntaL 54 § 1 mom.", title_fi="tehtävän säädösperuste", title_en="the task's statutory basis"),
    Rule("TPJ-AREA", "error", "sopimus koskee työvoimapalveluja ja työvoimaviranomaisen tehtäviä, mutta ei nimeä työllisyysaluetta, jonka vastuukunnalla järjestämisvastuu on. Lisää employment_area (municipalities.yaml tai viitatun tapauksen alue), jotta 20 000 työvoiman, yhtenäisyyden ja poikkeusluvan tarkistukset tehdään.",
         "the agreement concerns employment services and employment-authority tasks but names no employment area, whose organiser holds the organising responsibility. Add employment_area (in municipalities.yaml or a referenced case) so the 20 000 labour-force, contiguity and permit checks run.",
         citation="L 380/2023 12–13 §", title_fi="työllisyysalue nimetty", title_en="employment area named"),
    Rule("SEAT-TABLE", "error", "jäsenpaikkataulukossa (composition.seats) {problem_fi}. Anna jokaiselle sopijakunnalle paikkamäärä ja vain sopijakunnille.",
         "the seat table (composition.seats) {problem_en}. Give every party a number of seats, and only the parties.",
         citation="KuntaL 52 § 1 mom. 2 k.", title_fi="jäsenpaikat kaikille sopijakunnille", title_en="seats for every party"),
    Rule("TPJ12-1", "error", "työllisyysalueen {area} kuntien yhteenlaskettu työvoima on {total} (vuosi {year}), vähemmän kuin 20 000, eikä alueelle ole kirjattu valtioneuvoston lupaa (laki 383/2023 4 §). Kirjaa lupapäätös (permit: päivämäärä ja diaarinumero) tai laajenna aluetta.",
         "the combined labour force of employment area {area} is {total} (year {year}), below 20 000, and no Council of State permit is recorded for it (Act 383/2023 4 §). Record the permit decision (permit: date and record number) or widen the area.",
         citation="L 380/2023 12 § 1 mom., L 383/2023 4 §", title_fi="työllisyysalueen työvoima vähintään 20 000", title_en="employment area labour force at least 20 000"),
    Rule("TPJ12-2", "error", "kunnan {name} työvoima on {value} (vuosi {year}), alle 20 000, mutta kunta ei kuulu mihinkään työllisyysalueeseen. Lisää se alueen members-listaan.",
         "{name} has a labour force of {value} (year {year}), under 20 000, but belongs to no employment area. Add it to an area's members.",
         citation="L 380/2023 12 § 1 mom.", title_fi="alle 20 000 työvoiman kunta kuuluu alueeseen", title_en="a municipality under 20 000 belongs to an area"),
    Rule("TPJ12-3", "error", "työllisyysalue {area} ei ole maantieteellisesti yhtenäinen: {detached} ei rajoitu muihin alueen kuntiin (neighbours). Tarkista jäsenet tai naapuruustiedot.",
         "employment area {area} is not contiguous: {detached} do(es) not border the rest of the area (neighbours). Check the members or the neighbour data.",
         citation="L 380/2023 12 § 1 mom.", title_fi="työllisyysalue on maantieteellisesti yhtenäinen", title_en="the employment area is contiguous"),
    Rule("SEAT-DECLARED", "error", "sopimukseen kirjoitettu jäsenmäärä {declared} poikkeaa säännöstä lasketusta {computed} ({detail}). Korjaa kirjoitettu luku tai väkiluvut.",
         "the declared number of members {declared} differs from {computed} computed by the rule ({detail}). Fix the declared number or the populations.",
         citation="KuntaL 52 § 1 mom. 2 k.", title_fi="kirjoitettu jäsenmäärä = laskettu", title_en="declared seats equal computed"),
    Rule("SEAT-MIN", "error", "kunnalle {name} kirjoitettu {declared} jäsentä on alle sopimuksen vähimmäismäärän {minimum}.",
         "the {declared} members declared for {name} are below the agreement's minimum of {minimum}.",
         citation="KuntaL 52 § 1 mom. 2 k.", title_fi="jokaisella osapuolella vähintään vähimmäismäärä", title_en="every party has at least its minimum"),
    Rule("SEAT-AGE", "warning", "jäsenmäärät lasketaan vuoden {year} väkiluvuista ({age} vuotta vanhoja, raja {limit}): {total} jäsentä. Vuoden {latest_year} luvuilla sama sääntö antaa {latest_total} ({latest_detail}). Päivitä population_year tai perustele vanhat luvut.",
         "seats are computed from {year} populations ({age} years old, limit {limit}): {total} members. With {latest_year} figures the same rule gives {latest_total} ({latest_detail}). Update population_year or justify the old figures.",
         citation="KuntaL 52 § 1 mom. 2 k.", title_fi="väkiluvut ovat ajantasaiset", title_en="population figures are current"),
    Rule("COST-100", "error", "kiinteät osuudet ovat yhteensä {total} %, kun niiden on oltava tasan 100 %. Korjaa figures-luvut.",
         "the fixed shares add up to {total} %, not exactly 100 %. Fix the figures.",
         citation="KuntaL 52 § 1 mom. 3 k., 53 § 3 mom., 54 § 2 mom.", title_fi="osuudet ovat yhteensä 100 %", title_en="shares add up to 100 %"),
    Rule("COST-ZERO", "error", "kunnan {name} osuus kustannuksista on {value}. Anna sille jakoluku tai kerro no_share-kohdassa, miksi se ei maksa.",
         "{name}'s share of the costs is {value}. Give it a sharing figure, or say under no_share why it pays nothing.",
         citation="KuntaL 52 § 1 mom. 3 k., 53 § 3 mom., 54 § 2 mom.", title_fi="jokainen osapuoli maksaa osuuden tai peruste kerrotaan", title_en="every party pays a share or the reason is given"),
    Rule("COST-DECLARED", "error", "kunnan {name} kirjoitettu osuus {declared} % poikkeaa lasketusta {computed} %. Korjaa declared_shares tai jakoluvut.",
         "the declared share of {name}, {declared} %, differs from the computed {computed} %. Fix declared_shares or the figures.",
         citation="KuntaL 52 § 1 mom. 3 k., 53 § 3 mom., 54 § 2 mom.", title_fi="kirjoitettu osuus = laskettu", title_en="declared share equals computed"),
    Rule("DATE-SIGN", "error", "sopimus tulisi voimaan {entry} eli ennen allekirjoitusta {signed}. Siirrä voimaantuloa tai korjaa allekirjoituspäivä.",
         "the agreement would enter into force on {entry}, before it is signed on {signed}. Move the entry into force or fix the signing date.",
         citation="sopimuksen päivämäärien johdonmukaisuus", title_fi="voimaantulo ei ennen allekirjoitusta", title_en="entry into force not before signing"),
    Rule("DATE-NOTICE", "error", "irtisanomisaika {months} kuukautta ei ole mahdollinen; sen on oltava vähintään yksi kuukausi.",
         "a notice period of {months} months is not possible; it must be at least one month.",
         citation="KuntaL 52 § 1 mom. 4 k., 54 § 2 mom.", title_fi="irtisanomisaika on positiivinen", title_en="notice period is positive"),
    Rule("DATE-TERM", "error", "sopimuksesta puuttuu voimassaolo. Lisää term: {{indefinite: true}} (toistaiseksi voimassa) tai term: {{end: 31.12.2027}} (määräaikainen).",
         "the agreement does not state its term. Add term: {{indefinite: true}} (until further notice) or term: {{end: 31.12.2027}} (fixed term).",
         citation="sopimuksen voimassaolo", title_fi="sopimus kertoo voimassaolonsa", title_en="the agreement states its term"),
    Rule("DATE-TERMINATION", "error", "sopimus on voimassa toistaiseksi, mutta siitä puuttuvat irtisanomisehdot. Lisää termination (notice_months, effective).",
         "the agreement is indefinite but has no termination terms. Add termination (notice_months, effective).",
         citation="KuntaL 52 § 1 mom. 4 k., 54 § 2 mom.", title_fi="toistaiseksi voimassa olevassa sopimuksessa on irtisanomisehto", title_en="an indefinite agreement has a termination clause"),
    Rule("REF-BASE", "error", "täydennettävää sopimusta '{id}' ei ole tapauksessa. Tunnetut sopimukset: {known}.",
         "base agreement '{id}' is not in the case. Known agreements: {known}.",
         citation="KuntaL 49 §, 51 §", title_fi="täydennettävä sopimus on olemassa", title_en="a supplement's base agreement exists"),
    Rule("OVERRIDE-UNKNOWN", "error", "sopimuksessa ei ole kohtaa '{id}', jonka sanamuodon voisi korvata. Sopimustyypin kohdat: {known}.",
         "the agreement has no clause '{id}' whose wording could be replaced. Clauses of this kind: {known}.",
         citation="sopimuksen kohtien tunnisteet", title_fi="korvattava kohta on olemassa", title_en="the overridden clause exists"),
    Rule("OVERRIDE-REQ", "error", "neuvoteltu sanamuoto kohdassa '{id}' ({lang_fi}) ei enää käsittele vaatimusta: {requirement}. Lisää se tekstiin tai poista korvaus.",
         "the negotiated wording of '{id}' ({lang_en}) no longer addresses the requirement: {requirement}. Add it to the text or remove the override.",
         citation="korvatun kohdan lakisääteinen vaatimus", title_fi="neuvoteltu sanamuoto täyttää vaatimuksen", title_en="a negotiated wording still meets its requirement"),
    Rule("OVERRIDE-FACT", "error", "neuvoteltu sanamuoto kohdassa '{id}' ({lang_fi}) on ristiriidassa tapauksen tietojen kanssa: {what_fi} on tekstissä {stated}, mutta tiedoista laskettuna {expected}. Korjaa sanamuoto tai {field}.",
         "the negotiated wording of '{id}' ({lang_en}) contradicts the case data: {what_en} is {stated} in the text but {expected} from the data. Fix the wording or {field}.",
         citation="sopimuksen tietojen yhtäpitävyys", title_fi="neuvotellun sanamuodon luvut = tapauksen tiedot", title_en="figures in a negotiated wording equal the case data"),
    Rule("OVERRIDE-TABLE", "error", "neuvoteltu sanamuoto kohdassa '{id}' sisältää @table-rivin; taulukot tehdään tapauksen tiedoista, eikä sanamuoto voi lisätä niitä. Poista rivi.",
         "the negotiated wording of '{id}' holds an @table line; tables are made from the case data, and a wording cannot place one. Remove the line.",
         citation="sopimuksen taulukot", title_fi="neuvoteltu sanamuoto ei lisää taulukkoa", title_en="a negotiated wording places no table"),
    Rule("DATE-TERM-END", "error", "määräaikainen sopimus päättyy {end}, ennen kuin se tulee voimaan {entry}. Korjaa päättymis- tai voimaantulopäivä.",
         "the fixed term ends on {end}, before the agreement enters into force on {entry}. Correct the end or the entry into force.",
         citation="sopimuksen voimassaolo", title_fi="määräaika päättyy voimaantulon jälkeen", title_en="a fixed term ends after entry into force"),
    Rule("KL49-PARTIES", "error", "sopimuksessa on vain yksi osapuoli ({name}); kunnat sopivat yhteistoiminnasta keskenään. Lisää parties-listaan muut sopijakunnat.",
         "the agreement has only one party ({name}); municipalities agree on cooperation with each other. Add the other parties to parties.",
         citation="KuntaL 49 § 1 mom.", title_fi="sopimuksessa on vähintään kaksi kuntaa", title_en="an agreement has at least two municipalities"),
    Rule("COUNCIL-PARTY", "error", "valtuusto {name} on councils-listassa, mutta kunta ei ole minkään tapauksen sopimuksen osapuoli, joten sen päätösehdotuksessa ei olisi hyväksyttävää. Poista se listasta tai lisää kunta sopimuksen osapuoleksi.",
         "council {name} is in councils, but the municipality is party to none of the case's agreements, so its decision proposal would have nothing to approve. Remove it from the list or add the municipality to an agreement.",
         citation="valtuuston päätösehdotus", title_fi="valtuusto päättää vain sopimuksista, joissa kunta on osapuoli", title_en="a council decides only on agreements its municipality is party to"),
    Rule("BID-CHECK", "error", "Y-tunnuksen {value} tarkistusmerkki on väärä ({reason}). Tarkista tunnus YTJ:stä.",
         "the check digit of business ID {value} is wrong ({reason}). Check the ID in the business register.",
         citation="Y-tunnuksen tarkistusmerkki (yritys- ja yhteisötietolaki 244/2001)", title_fi="Y-tunnuksen tarkistusmerkki", title_en="business ID check digit"),
    Rule("BID-MISSING", "warning", "kunnan {name} Y-tunnus puuttuu; asiakirjat näyttävät sen tarkistettavana. Lisää tunnus ennen allekirjoitusta.",
         "{name} has no business ID; documents show it as to be checked. Add it before signing.",
         citation="yritys- ja yhteisötietolaki (244/2001)", title_fi="Y-tunnus puuttuu", title_en="business ID missing"),
    Rule("KIELI-6-29", "warning", "osapuoli {name} on kaksikielinen kunta, joten yhteinen toimielin on kaksikielinen viranomainen (6 § 1 mom. 2 k.): sen kokouskutsut ja pöytäkirjat on laadittava suomeksi ja ruotsiksi (29 §). Ruotsinkielistä versiota ei ole pyydetty: lisää sopimukseen languages: [fi, sv].",
         "{name} is a bilingual municipality, so the joint body is a bilingual authority (section 6(1)(2)): its meeting notices and minutes must be drawn up in Finnish and Swedish (section 29). No Swedish version has been requested: add languages: [fi, sv] to the agreement.",
         citation="kielilaki (423/2003) 6 § 1 mom. 2 k. ja 29 §", title_fi="kaksikielinen osapuoli: yhteinen toimielin on kaksikielinen viranomainen", title_en="bilingual party: the joint body is a bilingual authority"),
    Rule("KIELI-SV", "warning", "osapuoli {name} on kaksikielinen kunta, joten sen viranomaiset ovat kaksikielisiä (6 § 1 mom. 2 k.), ja jos sen valtuusto käsittelee sopimuksen, kokouskutsu ja pöytäkirja laaditaan suomeksi ja ruotsiksi (29 §). Sopimuksella ei perusteta yhteistä toimielintä. Tarkista, tarvitaanko sopimus myös ruotsiksi; ruotsinkielistä versiota ei ole pyydetty (languages: [fi, sv]).",
         "{name} is a bilingual municipality, so its authorities are bilingual (section 6(1)(2)), and if its council deals with the agreement, the meeting notice and minutes are drawn up in Finnish and Swedish (section 29). The agreement sets up no joint body. Check whether the agreement is needed in Swedish too; no Swedish version has been requested (languages: [fi, sv]).",
         citation="kielilaki (423/2003) 6 § 1 mom. 2 k. ja 29 §", title_fi="kaksikielinen osapuoli: sopimus ruotsiksi", title_en="bilingual party: the agreement in Swedish"),
    Rule("REF-AMENDS", "error", "muutettavaa sopimusta '{id}' ei ole tapauksessa. Muutossopimus muuttaa jotakin tapauksen voimassa olevaa sopimusta: {known}.",
         "the amended agreement '{id}' is not in the case. An amendment changes one of the case's agreements in force: {known}.",
         citation="KuntaL 49 §", title_fi="muutettava sopimus on olemassa", title_en="the amended agreement exists"),
    Rule("AMEND-PARTIES", "error", "muutossopimuksen osapuolet ({given}) eivät ole muutettavan sopimuksen osapuolet ({parties}). Muutoksen tekevät sopimuksen kaikki osapuolet; uusi osapuoli lisätään changes: parties -kohdassa.",
         "the amendment's parties ({given}) are not the amended agreement's parties ({parties}). Every party of the agreement makes the amendment; a new party is added under changes: parties.",
         citation="KuntaL 49 §", title_fi="muutoksen tekevät sopimuksen osapuolet", title_en="the agreement's parties make the amendment"),
    Rule("AMEND-BASE", "error", "muutossopimus koskee sopimusta {title}, joka ei ole voimassa eikä allekirjoitettu. Luonnosta muutetaan suoraan sen omassa tiedostossa.",
         "the amendment concerns {title}, which is neither in force nor signed. A draft is changed in its own file.",
         citation="KuntaL 49 §", title_fi="muutossopimus koskee voimassa olevaa sopimusta", title_en="an amendment changes an agreement in force"),
    Rule("IN-FORCE-ORIGINAL", "error", "allekirjoitetun alkuperäisen sopimuksen tiedostoa '{path}' ei ole tapauskansiossa. Anna polku tapauskansion sisällä olevaan tiedostoon (esim. liitteet/sopimus.pdf).",
         "the signed original '{path}' is not a file inside the case folder. Give the path of a file inside the case folder (e.g. liitteet/sopimus.pdf).",
         citation="voimassa olevan sopimuksen alkuperäinen", title_fi="alkuperäinen sopimus on tapauskansiossa", title_en="the signed original is in the case folder"),
    Rule("IN-FORCE-TERMS", "warning", "sopimus {title} on voimassa, mutta sen ehtoja ei ole kuvattu lähteineen (in_force: source, terms). Asiakirjat esittävät siitä vain nimen ja päivämäärät; liitä allekirjoitettu alkuperäinen (in_force: original) tai kirjaa ehdot, joihin asia nojaa.",
         "{title} is in force, but its terms are not described with their sources (in_force: source, terms). The documents show only its title and dates; attach the signed original (in_force: original) or record the terms the case relies on.",
         citation="voimassa olevan sopimuksen ehdot", title_fi="voimassa olevan sopimuksen ehdot lähteineen", title_en="an agreement in force: its terms with sources"),
    Rule("REF-DEPENDS", "error", "sopimusta '{id}', johon tämä sopimus nojaa (depends_on), ei ole tässä eikä viitatuissa tapauksissa. Tunnetut sopimukset: {known}. Anna tunniste tai otsikko ja päivämäärä.",
         "the agreement '{id}' this one depends on (depends_on) is in neither this case nor a referenced one. Known agreements: {known}. Give an id, or a title and date.",
         citation="sopimusten yksilöinti", title_fi="sopimus, johon nojataan, on yksilöity", title_en="an agreement relied on is identified"),
    Rule("DEPENDS-END", "warning", "sopimus nojaa sopimukseen {other}, mutta ei kerro, mitä sille tapahtuu, jos se päättyy. Lisää on_end: ends (päättyy samana päivänä) tai renegotiate (sopijapuolet neuvottelevat).",
         "the agreement rests on {other} but does not say what happens to it if that one ends. Add on_end: ends (ends the same day) or renegotiate (the parties negotiate).",
         citation="KuntaL 52 § 1 mom. 4 k., 54 § 2 mom.", title_fi="riippuvuuden päättymisen seuraus sovittu", title_en="what follows if a relied-on agreement ends"),
    Rule("NOTICE-ALIGN", "warning", "irtisanomisaika on {months} kuukautta, mutta sopimuksen {other}, johon tämä sopimus nojaa, irtisanomisaika on {other_months} kuukautta. Yhdenmukaista irtisanomisajat tai perustele ero (depends_on: note).",
         "the notice period is {months} months, but {other}, which this agreement rests on, has {other_months} months. Align the notice periods or explain the difference (depends_on: note).",
         citation="KuntaL 52 § 1 mom. 4 k., 54 § 2 mom.", title_fi="toisiinsa sidottujen sopimusten irtisanomisajat", title_en="notice periods of linked agreements"),
    Rule("POWER-HOLDER", "error", "sopimuksen osapuolilla ei ole annettavana {sector}: niiden järjestämisvastuu ja toimivalta ovat alueen vastuukunnalla ({area}: {holder}, {authority}), joka ei ole tämän sopimuksen osapuoli. Tehtäviä voi hoitaa vain {holder_with} tehdyn kuntalain 54 §:n sopimuksen nojalla. {fix_fi}",
         "the parties of this agreement have no {sector_en} powers to give: the organising responsibility and the authority's powers belong to {holder} ({authority}), the lead of employment area {area}, which is not a party. The tasks can be performed only under a KuntaL 54 § agreement with {holder}. {fix_en}",
         citation="KuntaL 8 § 1 mom. ja 54 §", title_fi="toimivaltaa antaa vain sen haltija", title_en="only the holder can give a power"),
    Rule("AUTHORITY-CONTRACTOR", "warning", "1.8.2024 alkaen työvoimaviranomaisen tehtäviä koskevan sopimuksen tekee työvoimaviranomainen itse ({authority}), mutta sopimuksessa tehtävät antaa {given}. Merkitse principal: authority: {authority}.",
         "since 1.8.2024 an agreement on the employment authority's tasks is made by the employment authority itself ({authority}), but here the tasks are given by {given}. Set principal: authority: {authority}.",
         citation="L 380/2023 13 § 2 mom. (435/2024)", title_fi="sopimuksen tekee työvoimaviranomainen", title_en="the employment authority makes the agreement"),
    Rule("KL54-POWERS", "warning", "sopimus luettelee tehtäviä (tasks), mutta ei toimivaltuuksia, niiden säädösperusteita eikä virkoja, joiden haltijat niitä käyttävät. Lisää powers: power, basis ja posts (virkanimike ja lukumäärä).",
         "the agreement lists tasks but not the powers, their statutory basis or the posts whose holders exercise them. Add powers: power, basis and posts (title and number).",
         citation="KuntaL 54 § 1–2 mom.", title_fi="annettavat toimivaltuudet ja virat yksilöity", title_en="the powers given and the posts are specified"),
    Rule("SERVICE-LEVEL-PARTY", "warning", "sopimus asettaa palvelutason (local_service), mutta palvelut järjestää {holder}, joka ei ole sen osapuoli eikä siksi sitoudu siihen. Siirrä palvelutaso sopimukseen, jonka {holder} allekirjoittaa (54 §:n sopimuksen service_level), ja jätä tähän sopijakuntien keskinäiset velvoitteet.",
         "the agreement sets a service level (local_service), but the services are organised by {holder}, which is not a party and so is not bound by it. Move the service level into the agreement {holder} signs (service_level of the 54 § agreement), leaving the parties' mutual duties here.",
         citation="KuntaL 8 § 2 mom.", title_fi="palvelutaso järjestäjän allekirjoittamassa sopimuksessa", title_en="the service level in the agreement the organiser signs"),
    Rule("LANG-SERVICE", "warning", "tehtävät antava kunta {principal} on kaksikielinen, mutta tehtäviä hoitava {provider} on yksikielinen, eikä sopimus kerro, miten asiakkaan oikeus käyttää suomea tai ruotsia turvataan. Lisää language_service.",
         "the principal {principal} is bilingual but the provider {provider} is unilingual, and the agreement does not say how a customer's right to use Finnish or Swedish is secured. Add language_service.",
         citation="kielilaki (423/2003) 10 § ja 23 §", title_fi="asiakkaan kielelliset oikeudet turvattu", title_en="customers' language rights secured"),
    Rule("COST-OVERLAP", "error", "sopimuksen tehtävä ”{task}” on myös sopimuksessa {other}, jonka perusteella {payer} korvaa sen kustannukset. Yhteinen kustannuspotti ei saa kattaa tehtävää, josta maksetaan jo toisen sopimuksen perusteella: poista tehtävä tai rajaa se.",
         "the task “{task}” is also in {other}, under which {payer} pays its costs. A shared cost pool must not cover a task another agreement already pays for: remove or narrow it.",
         citation="KuntaL 52 § 1 mom. 3 k., 54 § 2 mom.", title_fi="kustannuspotit eivät ole päällekkäisiä", title_en="cost pools do not overlap"),
    Rule("COST-NET", "warning", "{provider} saa korvausta sopimuksen {other} perusteella, mutta tämän sopimuksen kustannuksista ei kerrota, vähennetäänkö korvaus ennen jakoa. Lisää cost_sharing: covers (mitä jaetaan) ja net_of (mitä vähennetään).",
         "{provider} is compensated under {other}, but this agreement does not say whether that compensation is deducted before the costs are shared. Add cost_sharing: covers (what is shared) and net_of (what is deducted).",
         citation="KuntaL 52 § 1 mom. 3 k.", title_fi="jaettavat kustannukset nettona korvauksista", title_en="shared costs net of compensation"),
]
# fmt: on

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
for _rule in _RULES:
    MESSAGES[_rule.code] = {"fi": _rule.fi, "en": _rule.en}


def register_rule(rule: Rule) -> Rule:
    """Add a rule to the catalogue (a kind or sector defined outside the package may bring its own)."""
    RULES[rule.code] = rule
    MESSAGES[rule.code] = {"fi": rule.fi, "en": rule.en}
    return rule


def finding(code: str, position: Position, **params: Any) -> Finding:
    """A finding of rule ``code``: severity and citation come from the catalogue, not the caller."""
    rule = RULES[code]
    return Finding(code, rule.severity, position, params, citation=rule.citation)
