"""The lawyer's review of the agreements (../shared/reviews/lawyer.md), finding by finding, read back
from the built documents of the three employment-services example cases.

Each test names the finding it pins. The rules that stop a case from saying something legally wrong
(POWER-HOLDER, NOTICE-ALIGN, ...) are pinned in tests/test_rules.py by breaking the example; here the
written text is what a lawyer would read.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.build import build

REPO = Path(__file__).resolve().parent.parent
AGREEMENTS = REPO / "agreements"
KAUSTINEN = AGREEMENTS / "kaustisen-seutukunta"
AREA = AGREEMENTS / "keski-pohjanmaan-tyollisyysalue"
VN = AGREEMENTS / "vastra-nylands-sysselsattning"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def paragraphs(path: Path, part: str = "word/document.xml") -> list[str]:
    """Each paragraph of a .docx part as Word shows it: its runs joined, no-break spaces as spaces."""
    with zipfile.ZipFile(path) as package:
        if part not in package.namelist():
            return []
        root = etree.fromstring(package.read(part))
    return [
        "".join(t.text or "" for t in p.iter(f"{_W}t")).replace("\u00a0", " ").replace("\u00ad", "")
        for p in root.iter(f"{_W}p")
    ]


def text(path: Path) -> str:
    return "\n".join(paragraphs(path))


def _build(case: Path, out: Path, review: bool = False) -> Path:
    result = build(case, out, review=review)
    assert result.case is not None, [f.line() for f in result.findings if f.severity == "error"]
    return out


@pytest.fixture(scope="module")
def kaustinen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(KAUSTINEN, tmp_path_factory.mktemp("kaustinen"), review=True)


@pytest.fixture(scope="module")
def vn(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(VN, tmp_path_factory.mktemp("vn"))


@pytest.fixture(scope="module")
def area(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(AREA, tmp_path_factory.mktemp("area"))


def agreements_of(out: Path) -> list[Path]:
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    return [out / o["path"] for o in manifest["outputs"] if o["kind"] == "agreement"]


# --- A. Kaustinen: who holds the power ----------------------------------------------------------


def test_finding_01_the_supplement_transfers_no_organising_responsibility_and_applies_no_54(kaustinen: Path) -> None:
    supplement = text(kaustinen / "te24-taydentava-sopimus.docx")
    assert "Sopimukseen sovelletaan kuntalain (410/2015) 49, 51 ja 52 §:ää." in supplement
    assert "54 §:ssä säädetään sopimuksesta viranomaistehtävän hoitamisesta" not in supplement
    assert (
        "Tällä sopimuksella ei siirretä kuntalain 8 §:n mukaista järjestämisvastuuta eikä viranomaisen toimivaltaa."
        in (supplement)
    )
    # The holder and the only instrument that gives Lestijärvi's office holders their tasks.
    assert "vastuukunta, Kokkolan kaupunki, jolla on kuntalain 8 §:n mukainen järjestämisvastuu" in supplement
    assert "kuntalain 54 §:n nojalla sopimuksella ”Sopimus työvoimaviranomaisen tehtävien hoitamisesta" in supplement
    assert "viranomaistehtävät" not in supplement.split("Tehtävien sisältö", 1)[1].split("Seudullinen koordinointi")[0]


def test_finding_02_the_agreement_in_force_is_a_summary_of_sourced_terms_never_a_draft(kaustinen: Path) -> None:
    assert not (kaustinen / "yhteistoimintasopimus.docx").exists()
    summary_path = kaustinen / "yhteistoimintasopimus-tiivistelma.docx"
    summary = text(summary_path)
    assert "Tiivistelmä voimassa olevasta sopimuksesta: Kaustisen seutukunnan yhteistoimintasopimus" in summary
    assert "Sitova on sopijapuolten allekirjoittama alkuperäinen sopimus." in summary
    assert "Allekirjoitettu: 21.3.2016" in summary and "Voimassa: 1.1.2016 alkaen" in summary
    # The signed original is not in the sources: the summary says it must be obtained.
    assert "Allekirjoitettua alkuperäistä sopimusta ei ole liitetty." in summary
    # Nothing the sources do not give: no invented clauses, no later law, no draft version.
    for invented in ("808/2019", "rekisterinpitäjä", "otto-oikeu", "tekniset korjaukset", "Versio", "tiedonhallinta"):
        assert invented not in summary, invented
    header = " ".join(paragraphs(summary_path, "word/header1.xml"))
    assert "VOIMASSA" in header and "Versio" not in header
    assert "Seutuvaltuustoon kuuluu 17 jäsentä" in summary  # a relied-on term, with its source
    assert "esitys, ”Kaustisen seutukunnan hallintomalli”" in summary


def test_finding_02_a_signed_original_given_by_the_case_is_attached_and_hashed(tmp_path: Path) -> None:
    for folder in (KAUSTINEN, AREA):
        shutil.copytree(folder, tmp_path / folder.name)
    case = tmp_path / KAUSTINEN.name
    (case / "liitteet").mkdir()
    (case / "liitteet" / "sopimus-2016.pdf").write_bytes(b"%PDF-1.4 signed original\n")
    agreement = case / "10-yhteistoimintasopimus.yaml"
    agreement.write_text(
        agreement.read_text("utf-8").replace("in_force:\n", "in_force:\n  original: liitteet/sopimus-2016.pdf\n"),
        "utf-8",
    )
    out = _build(case, tmp_path / "out")
    copied = out / "yhteistoimintasopimus-sopimus-2016.pdf"
    assert copied.read_bytes() == b"%PDF-1.4 signed original\n"
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    (entry,) = [o for o in manifest["outputs"] if o["kind"] == "original"]
    assert entry["path"] == copied.name and len(entry["sha256"]) == 64
    assert any(i["path"] == "liitteet/sopimus-2016.pdf" for i in manifest["inputs"])
    summary = text(out / "yhteistoimintasopimus-tiivistelma.docx")
    assert f"Allekirjoitettu alkuperäinen sopimus on tämän tiivistelmän liitteenä ({copied.name})." in summary


def test_issue_14_the_amendment_restates_the_changed_clause_with_15_members(kaustinen: Path) -> None:
    amendment = text(kaustinen / "yhteistoimintasopimuksen-muutos.docx")
    assert (
        "Tällä sopimuksella muutetaan sopijapuolten sopimusta ”Kaustisen seutukunnan yhteistoimintasopimus”"
        in amendment
    )
    assert "allekirjoitettu 21.3.2016" in amendment
    assert (
        "Sopimuksen kohta ”Seutuvaltuuston kokoonpano” (kohdan numero tarkistettava) muutetaan kuulumaan seuraavasti:"
        in (amendment)
    )
    # Counted for each council term from then on, so the count does not drift again (review 2, A1).
    assert (
        "Jäsenmäärät lasketaan kullekin valtuuston toimikaudelle toimikauden alkamista edeltävän vuoden lopun"
        in amendment
    )
    assert "Vuoden 2024 asukasluvuilla toimielimeen kuuluu 15 jäsentä" in amendment
    assert "nykyiset jäsenet jatkavat toimikautensa loppuun" in amendment
    assert "jäsenmäärät on laskettu vuoden 2016 asukasluvuista" not in amendment.lower()
    assert "Muutokset tulevat voimaan 1.6.2025 edellyttäen, että kaikkien sopijakuntien valtuustot" in amendment
    assert "Muilta osin sopimus ”Kaustisen seutukunnan yhteistoimintasopimus” on voimassa ennallaan." in amendment
    # Only what changes is restated: no other clause of the agreement in force.
    assert "Toimielimen tehtävät" not in amendment and "Otto-oikeus" not in amendment
    assert "Allekirjoitukset" in amendment


def test_issue_14_the_councils_are_asked_to_approve_the_amendment(kaustinen: Path) -> None:
    for council in ("halsua", "kaustinen", "lestijarvi", "toholampi", "veteli"):
        proposal = text(kaustinen / f"{council}-paatosehdotus.docx")
        assert "Liite 1: ”Kaustisen seutukunnan yhteistoimintasopimuksen muutossopimus”" in proposal, council
        assert "tiivistelmä voimassa olevasta sopimuksesta ”Kaustisen seutukunnan yhteistoimintasopimus”" in proposal


# --- the 54 § agreement: powers, decisions, liability, service level, language -----------------


def test_finding_03_the_54_agreement_lists_powers_with_basis_and_posts(kaustinen: Path) -> None:
    agreement = text(kaustinen / "te24-viranomaistehtavat.docx")
    assert "antaa jäljempänä luetellut työvoimaviranomaisen tehtävät" in agreement
    assert "Kutakin tehtävää saavat hoitaa vain ne viranhaltijat, joiden virat on mainittu sen kohdalla:" in agreement
    assert "työvoima-asiantuntija (3*); työllisyyskoordinaattori (1)" in agreement
    assert "laki 380/2023 78 §; työttömyysturvalaki (1290/2002)" in agreement
    assert (
        "Tämän sopimuksen tehtäviin kuuluva toimivalta siirretään edellä mainituille Lestijärven kunnan viranhaltijoille Kokkolan kaupungin hallintosäännössä"
        in agreement
    )


def test_finding_04_decisions_appeal_take_up_disqualification_and_liability_are_settled(kaustinen: Path) -> None:
    agreement = text(kaustinen / "te24-viranomaistehtavat.docx")
    assert "ne tehdään Kokkolan kaupungin nimissä" in agreement
    assert "haetaan muutosta valittamalla hallinto-oikeuteen" in agreement
    assert "(kuntalain 92 §) on Kokkolan kaupungin toimielimillä" in agreement
    assert "hallintolain 27–30 §:ää ja kuntalain 97 §:ää" in agreement
    assert "vastaa ulospäin Kokkolan kaupunki (vahingonkorvauslain (412/1974) 3 luvun 2 §)" in agreement


def test_finding_05_the_service_level_is_in_the_agreement_the_organiser_signs(kaustinen: Path) -> None:
    agreement = text(kaustinen / "te24-viranomaistehtavat.docx")
    assert "Kokkolan kaupunki sitoutuu järjestämään sopimuksen alueella seuraavan palvelutason:" in agreement
    assert "täydentävät eivätkä korvaa kasvokkain tapahtuvaa palvelua" in agreement
    supplement = text(kaustinen / "te24-taydentava-sopimus.docx")
    assert "edellyttävät, että palvelut järjestetään lähipalveluina" not in supplement


def test_finding_06_swedish_speaking_customers_are_served(kaustinen: Path) -> None:
    agreement = text(kaustinen / "te24-viranomaistehtavat.docx")
    assert "Kokkolan kaupunki järjestää ruotsinkielisen palvelun myös sopimuksen alueella" in agreement
    assert "ruotsinkieliselle asiakkaalle annettavat päätökset annetaan ruotsiksi" in agreement
    swedish = text(kaustinen / "te24-viranomaistehtavat.sv.docx")
    assert "service på svenska även inom avtalsområdet" in swedish


def test_finding_07_the_cost_clause_is_operative_and_net_of_compensation(kaustinen: Path) -> None:
    supplement = text(kaustinen / "te24-taydentava-sopimus.docx")
    # The supplement's pool holds its own tasks only: the 54 § work is Kokkola's to compensate (review 2, A2).
    assert (
        "Jaettavia kustannuksia ovat tämän sopimuksen tehtävien henkilöstö-, palvelu-, hankinta- ja hallintokustannukset;"
        " viranomaistehtäväsopimuksen tehtävien kustannukset eivät sisälly niihin"
    ) in supplement
    assert "vähennettyinä tämän sopimuksen tehtäviin saaduilla valtionavustuksilla ja muilla tuloilla" in supplement
    compensation = text(kaustinen / "te24-viranomaistehtavat.docx")
    assert "Korvaus määräytyy toteutuneiden kustannusten mukaan" in compensation
    assert "sopijapuolet neuvottelevat ennen ylityksen syntymistä" in compensation
    assert "edellisen vuoden 31.12. tilanteen mukaan" in supplement and "osuudet tarkistetaan vuosittain" in supplement
    assert "Laskutus ja maksuehdot" in supplement and "korkolain (633/1982)" in supplement


def test_finding_07_26_no_drafting_notes_or_illustrative_tags_in_contract_text(kaustinen: Path) -> None:
    for path in agreements_of(kaustinen):
        body = text(path)
        for note in ("havainnollistava", "lähdeaineisto", "tapauksen tiedot", "; illustrativ", "källmaterial"):
            assert note not in body, (path.name, note)
        # A source is named only where the document says where its facts come from: the summary's meta line.
        assert body.count("Lähde:") <= ("tiivistelma" in path.name), path.name


def test_finding_08_linked_agreements_name_each_other_and_what_follows_if_one_ends(kaustinen: Path) -> None:
    supplement = text(kaustinen / "te24-taydentava-sopimus.docx")
    assert "Tämä sopimus perustuu sopimukseen ”Sopimus työvoimaviranomaisen tehtävien hoitamisesta" in supplement
    assert "sopijapuolet neuvottelevat viipymättä tämän sopimuksen muuttamisesta tai päättämisestä" in supplement
    agreement = text(kaustinen / "te24-viranomaistehtavat.docx")
    assert (
        "Tämä sopimus perustuu sopimukseen ”Sopimus Keski-Pohjanmaan kuntien työvoimapalveluiden järjestämisestä”"
        in (agreement)
    )
    assert (
        "Jos Kokkolan kaupunki irtisanoo sopimuksen, se ottaa tehtäviä hoitaneet viranhaltijat palvelukseensa"
        in agreement
    )
    # The supplement waits for the 54 § agreement and says who carries the staff costs if it ends (review 2, A3).
    assert "ja että ”Sopimus työvoimaviranomaisen tehtävien hoitamisesta" in supplement
    assert "tulee voimaan samana päivänä" in supplement
    assert "jaetaan tämän sopimuksen jakoperusteen mukaisesti" in supplement


def test_finding_09_the_posts_are_lestijarvis_own_not_53_joint_posts(kaustinen: Path) -> None:
    assert not list(kaustinen.glob("te24-yhteiset-virat*"))
    agreement = text(kaustinen / "te24-viranomaistehtavat.docx")
    assert "ne eivät ole kuntalain 53 §:n tarkoittamia yhteisiä virkoja" in agreement


def test_finding_10_the_area_agreement_and_the_base_agreement_are_identified(kaustinen: Path) -> None:
    supplement = text(kaustinen / "te24-taydentava-sopimus.docx")
    assert (
        "(”Kaustisen seutukunnan yhteistoimintasopimus”, allekirjoitettu 21.3.2016, voimassa 1.1.2016 alkaen)"
        in supplement
    )
    assert (
        "Alueen yhteistoiminnasta sovitaan sopimuksessa ”Sopimus Keski-Pohjanmaan kuntien työvoimapalveluiden"
        " järjestämisestä” (voimaantulo 1.1.2025)."
    ) in supplement
    assert "Valtioneuvosto on päättänyt työllisyysalueen muodostamisesta 22.2.2024 (dnro TEM/2024/18)." in supplement


CHAPTERS = {
    "henkilosto": ("Henkilöstö", "Tehtäviä hoitava henkilöstö", "Nykyiset viranhaltijat ja rekrytointi"),
    "toimitilat": ("Toimitilat ja työvälineet", "Toimitilat ja palvelupisteet"),
    "kieli": ("Kieli", "Asiointikieli"),
    "vahingonkorvaus": ("Vahingonkorvausvastuu",),
    "laskutus": ("Laskutus ja maksuehdot",),
    "purkaminen": ("Sopimuksen päättyminen", "Sopimuksen päättyminen ja virat"),
}


def test_finding_11_every_draft_agreement_has_the_chapters_a_real_one_has(kaustinen: Path, area: Path) -> None:
    drafts = [p for p in (*agreements_of(kaustinen), *agreements_of(area)) if p.suffix == ".docx"]
    drafts = [p for p in drafts if "tiivistelma" not in p.name and "muutos" not in p.name and ".sv." not in p.name]
    assert len(drafts) == 3
    for path in drafts:
        headings = set(paragraphs(path))
        for chapter, titles in CHAPTERS.items():
            assert headings & set(titles), (path.name, chapter)
    body = set(paragraphs(area / "tyollisyysalueen-sopimus.docx"))
    assert {"Puheenjohtaja ja varapuheenjohtaja", "Päätöksenteko ja muutoksenhaku", "Otto-oikeus"} <= body
    # Silence keeps the lead board's right (KuntaL 92 §): the agreement says so, and the choice is an open question.
    area_text = text(area / "tyollisyysalueen-sopimus.docx")
    assert "Sopijakunnat eivät ole sopineet otto-oikeuden poissulkemisesta" in area_text
    assert "kaupunginjohtajalla" in area_text and "kaupunginhallituksen käsiteltäväksi" in area_text


# --- Västra Nyland ---------------------------------------------------------------------------------


def test_finding_18_termination_respects_statutory_cooperation_and_the_permit(vn: Path) -> None:
    official = text(vn / "samarbetsavtal.docx")
    assert "säga upp avtalet endast om den samtidigt visar" in official
    finnish = text(vn / "samarbetsavtal.fi.docx")
    assert "voi irtisanoa sopimuksen vain, jos se samalla osoittaa kuuluvansa" in finnish
    assert "valtioneuvoston poikkeusluvan varassa (laki 383/2023 4 §)" in finnish
    assert "Muiden sopijakuntien kesken sopimus jatkuu" not in finnish


def test_finding_19_the_authority_has_its_other_acts_and_the_body_its_chapters(vn: Path) -> None:
    finnish = text(vn / "samarbetsavtal.fi.docx")
    assert "(381/2023)" in finnish and "(681/2023)" in finnish
    assert "14 §:n nojalla myöntämällä poikkeuksella" not in finnish
    assert "383/2023 4 §" in finnish
    headings = set(paragraphs(vn / "samarbetsavtal.fi.docx"))
    assert {"Puheenjohtaja ja varapuheenjohtaja", "Henkilöstö", "Kieli", "Vahingonkorvausvastuu"} <= headings
    assert "varajäsen" in finnish
    assert "kokouskutsut ja pöytäkirjat laaditaan suomeksi ja ruotsiksi" in finnish


def test_finding_20_the_take_up_right_names_the_citys_board_and_the_transfer_names_the_others(vn: Path) -> None:
    finnish = text(vn / "samarbetsavtal.fi.docx")
    assert "vastuukunnan kunnanhallituksella (Raaseporin kaupunginhallitus)" in finnish
    assert "siirtyy muilta sopijakunnilta (Hangon kaupunki ja Inkoon kunta) vastuukunnalle" in finnish


def test_finding_21_the_joint_posts_are_the_municipalities_own_with_language_requirements(vn: Path) -> None:
    finnish = text(vn / "gemensamma-tjanster.fi.docx")
    assert "eivät hoida työvoimaviranomaisen tehtäviä" in finnish
    assert "424/2003" in finnish
    assert "Jos sopijakunta irtisanoo sopimuksen, virat jatkuvat muiden sopijakuntien yhteisinä virkoina" in finnish


# --- D/E. The compliance matrix and the review comments ----------------------------------------------


def test_finding_22_the_matrix_has_only_applicable_rows_with_provenance_a_checklist_and_questions(
    kaustinen: Path,
) -> None:
    matrix = (kaustinen / "kaustisen-seutukunta-vaatimustenmukaisuus.md").read_text("utf-8")
    assert "Ei sovellu" not in matrix
    assert "| Sääntö | Lainkohta | Vaatimus | Sopimuksen kohta | Teksti | Tila |" in matrix
    assert "(tasks)" not in matrix and "right_of_take_up" not in matrix  # no YAML in a lawyer's document
    assert "(sopimus sellaisena kuin muutossopimus sen jättää)" in matrix
    assert "muutossopimus, voimassa oleva" in matrix  # the seat clause: amended text, the rest in force
    # What only the agreement in force meets is not certified: it is checked against the original.
    assert "| TASA4A |" in matrix and "Täyttyy" not in matrix.split("## 2 ", 1)[0].split("| TASA4A |")[1].split("\n")[0]
    assert "Tarkistettava alkuperäisestä" in matrix
    assert "| vakiomuotoilu |" in matrix and "| tapauskohtainen |" in matrix
    assert "### 1.2 Luvut" in matrix and "### 1.3 Avoimet kysymykset" in matrix
    # The supplement hands over no authority task, so 54 § is not judged for it.
    supplement = matrix.split("## 2 ", 1)[1].split("## 3 ", 1)[0]
    assert "KL54-" not in supplement and "KL52-1-8" in supplement
    assert "\u00ad" not in matrix


def test_finding_16_22_the_matrix_is_not_a_council_attachment(kaustinen: Path) -> None:
    for path in kaustinen.glob("*-paatosehdotus.docx"):
        assert "vaatimustenmukaisuus" not in text(path), path.name


def test_finding_23_review_comments_are_the_tools_where_someone_must_act_and_never_repeat(kaustinen: Path) -> None:
    for path in agreements_of(kaustinen):
        with zipfile.ZipFile(path) as package:
            if "word/comments.xml" not in package.namelist():
                continue
            root = etree.fromstring(package.read("word/comments.xml"))
        comments = list(root.iter(f"{_W}comment"))
        authors = {c.get(f"{_W}author") for c in comments}
        assert authors <= {"kuntasopimus – automaattinen tarkistus", "kuntasopimus – automatisk granskning"}, path.name
        for comment in comments:
            lines = ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in comment.iter(f"{_W}p")]
            assert len(lines) == len(set(lines)), (path.name, lines)
            assert all(
                re.match(r"(Vakiomuotoilu|Arvio|Täydennettävä|Standardformulering|Uppskattning|Ska)", x) for x in lines
            )


# --- F/G. Language ---------------------------------------------------------------------------------


def test_finding_24_finnish_register(kaustinen: Path) -> None:
    everything = "\n".join(text(p) for p in agreements_of(kaustinen) if ".sv." not in p.name)
    for wrong in (
        "Sopijaosapuolet",
        "palkkalistoilla",
        "Lestijärven kunta / ",
        "toimeksiantaja",
        "säilyy Kokkolan kaupungin vastuulla",
    ):
        assert wrong not in everything, wrong
    assert "viisi samasanaista kappaletta" in everything
    assert "edellyttäen, että kaikkien sopijakuntien valtuustot" in everything
    assert (
        "Järjestämisvastuu säilyy Kokkolan kaupungilla" in everything
        or "järjestämisvastuu säilyy Kokkolan kaupungilla" in everything
    )


def test_finding_17_25_swedish_meaning_and_terms(kaustinen: Path, vn: Path) -> None:
    swedish = text(kaustinen / "te24-viranomaistehtavat.sv.docx")
    assert "som underlag för beredningen" in swedish
    assert "arbetssökandets giltighet" not in swedish and "Kaustby ekonomiska region" not in swedish
    official = text(vn / "samarbetsavtal.docx") + text(vn / "gemensamma-tjanster.docx")
    assert "enligt metoden med största rest" in official and "största restmetoden" not in official
    assert "tre likalydande exemplar" in official
    assert "källmaterialet" not in official
