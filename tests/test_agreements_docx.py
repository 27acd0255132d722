"""The agreements, read back from the generated Word files as a lawyer would read them.

The Kaustinen case is built once (see conftest.py): its agreement of 2016 is in force and appears
only as a summary of the terms the case relies on, its amendment restates the clause it changes, and
the TE24 supplement and the 54 § agreement are drafts. A joint body and joint posts drafted in full
come from the Joutsa case (a 51 § board and a 53 § post shared by two municipalities), built once
here. Each statutory content item is looked for in the clause that the tool says satisfies it, and
the clause's text is read from the .docx itself; figures are read from the tables by their Word
captions. Nothing here trusts the model: if a template drops a sentence or a writer loses a table
row, these tests see it in the document the councils receive.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from generator.build import BuildResult, build
from generator.compose.plan import compose_document
from generator.law.requirements import REQUIREMENTS
from generator.write.docx_writer import write_docx

AGREEMENTS_DIR = Path(__file__).resolve().parent.parent / "agreements"

# The Kaustinen case: the agreement in force (written as a summary), its amendment, the supplement
# and the 54 § agreement with the employment area's lead municipality.
IN_FORCE = "yhteistoimintasopimus"
SUMMARY = "yhteistoimintasopimus-tiivistelma"  # the file the agreement in force is written as
AMENDMENT = "yhteistoimintasopimuksen-muutos"
SUPPLEMENT = "te24-taydentava-sopimus"
AUTHORITY_TASK = "te24-viranomaistehtavat"
# The Joutsa case: a joint body (KuntaL 51 §) and a joint post (53 §) drafted in full.
JOINT_BODY = "rakennusvalvontalautakunta"
JOINT_POST = "yhteinen-rakennustarkastaja"
# Every agreement written as a draft for the councils to approve.
DRAFTS = (AMENDMENT, SUPPLEMENT, AUTHORITY_TASK, JOINT_BODY, JOINT_POST)
CASE_OF = {
    AMENDMENT: "kaustinen",
    SUPPLEMENT: "kaustinen",
    AUTHORITY_TASK: "kaustinen",
    JOINT_BODY: "joutsa",
    JOINT_POST: "joutsa",
}
VERSION_DATE = {"kaustinen": "15.10.2024", "joutsa": "3.2.2025"}

FIVE = ["Halsuan kunta", "Kaustisen kunta", "Lestijärven kunta", "Toholammin kunta", "Vetelin kunta"]
PARTIES = {
    AMENDMENT: FIVE,
    SUPPLEMENT: FIVE,
    AUTHORITY_TASK: ["Kokkolan kaupunki", "Lestijärven kunta"],
    JOINT_BODY: ["Joutsan kunta", "Luhangan kunta"],
    JOINT_POST: ["Joutsan kunta", "Luhangan kunta"],
}
TYPED_NUMBER = re.compile(r"^\s*\d+(\.\d+)*\.?\s")
ILLUSTRATIVE_NOTE = "Tähdellä (*) merkityt luvut ovat arvioita, jotka tarkistetaan ennen päätöksentekoa."


# --- reading a generated agreement -----------------------------------------------------------------


def body_blocks(document) -> list[DocxParagraph | DocxTable]:
    """Paragraphs and tables of the body in reading order."""
    blocks: list[DocxParagraph | DocxTable] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            blocks.append(DocxParagraph(child, document))
        elif child.tag == qn("w:tbl"):
            blocks.append(DocxTable(child, document))
    return blocks


def block_text(block: DocxParagraph | DocxTable) -> str:
    if isinstance(block, DocxParagraph):
        return block.text
    return "\n".join(" | ".join(cell.text for cell in row.cells) for row in block.rows)


def clauses(document) -> dict[str, str]:
    """Heading 2 title → the clause's text (its paragraphs and tables) up to the next heading."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for block in body_blocks(document):
        style = block.style.name if isinstance(block, DocxParagraph) else None
        if style == "Heading 2":
            assert block.text not in found, f"two clauses titled {block.text!r}"
            current = found.setdefault(block.text, [])
        elif style == "Heading 1":
            current = None
        elif current is not None:
            current.append(block_text(block))
    return {title: "\n".join(parts) for title, parts in found.items()}


def full_text(document) -> str:
    return "\n".join(block_text(b) for b in body_blocks(document))


def table_by_caption(document, caption: str) -> DocxTable:
    for table in document.tables:
        element = table._tbl.tblPr.find(qn("w:tblCaption"))
        if element is not None and element.get(qn("w:val")) == caption:
            return table
    raise AssertionError(f"no table captioned {caption!r}")


def captions(document) -> list[str]:
    found = []
    for table in document.tables:
        element = table._tbl.tblPr.find(qn("w:tblCaption"))
        if element is not None:
            found.append(element.get(qn("w:val")))
    return found


def rows(table: DocxTable) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


Builds = dict[str, tuple[Path, BuildResult]]


@pytest.fixture(scope="module")
def builds(kaustinen_build: tuple[Path, BuildResult], tmp_path_factory: pytest.TempPathFactory) -> Builds:
    """The session's build of the Kaustinen case and one of the Joutsa case, by case."""
    out = tmp_path_factory.mktemp("joutsa-build")
    joutsa = build(AGREEMENTS_DIR / "joutsan-seudun-rakennusvalvonta", out)
    assert joutsa.case is not None, [f.line() for f in joutsa.findings if f.severity == "error"]
    return {"kaustinen": kaustinen_build, "joutsa": (out, joutsa)}


@pytest.fixture(scope="module")
def open_docx(builds: Builds) -> Callable[[str], docx.document.Document]:
    """``open_docx(agreement)`` → the agreement's generated Word file, from the case that holds it."""

    def _open(agreement: str) -> docx.document.Document:
        out = builds[CASE_OF.get(agreement, "kaustinen")][0]
        return docx.Document(str(out / f"{agreement}.docx"))

    return _open


@pytest.fixture(scope="module")
def statutory_clause(builds: Builds, open_docx):
    """``statutory_clause(agreement, code)`` → (clause title, clause text read from the .docx).

    The clauses are those the tool's composition says satisfy the requirement ``code`` (when several
    do, as term and termination both meet 52 § 1 mom. 4 k., their titles and texts are joined); the
    text comes from the Word file, so the test checks what the council actually reads there.
    """
    titles: dict[tuple[str, str], list[str]] = {}
    for _, result in builds.values():
        case = result.case
        assert case is not None
        for agreement in case.agreements:
            if agreement.id not in CASE_OF:
                continue
            for clause in compose_document(case, agreement).clauses():
                for code in clause.requirements:
                    titles.setdefault((agreement.id, code), []).append(clause.title)
    texts = {agreement: clauses(open_docx(agreement)) for agreement in DRAFTS}

    def lookup(agreement: str, code: str) -> tuple[str, str]:
        assert (agreement, code) in titles, f"{agreement} has no clause meeting {code} ({REQUIREMENTS[code].citation})"
        meeting = titles[(agreement, code)]
        for title in meeting:
            assert title in texts[agreement], f"{agreement}.docx lacks the clause {title!r}"
        return " / ".join(meeting), "\n".join(texts[agreement][title] for title in meeting)

    return lookup


# --- the set of documents ------------------------------------------------------------------------------


def test_one_word_file_per_agreement(built: Path) -> None:
    """The agreement in force is written only as its summary, never as a draft of itself."""
    for name in (SUMMARY, AMENDMENT, SUPPLEMENT, AUTHORITY_TASK, f"{AUTHORITY_TASK}.sv"):
        path = built / f"{name}.docx"
        assert path.is_file(), name
        assert zipfile.is_zipfile(path)
    assert not (built / f"{IN_FORCE}.docx").exists()
    assert sorted(p.name for p in built.glob("*.docx") if "paatosehdotus" not in p.name) == sorted(
        [
            f"{SUMMARY}.docx",
            f"{AMENDMENT}.docx",
            f"{SUPPLEMENT}.docx",
            f"{AUTHORITY_TASK}.docx",
            f"{AUTHORITY_TASK}.sv.docx",
            "kaustisen-seutukunta-vaatimustenmukaisuus.docx",
        ]
    )


# --- structure: styles and Word numbering ------------------------------------------------------------------


@pytest.mark.parametrize("agreement", DRAFTS)
def test_headings_use_word_heading_styles_without_typed_numbers(open_docx, agreement: str) -> None:
    document = open_docx(agreement)
    chapters = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    clause_titles = [p for p in document.paragraphs if p.style.name == "Heading 2"]
    # An amendment restates only what changes, around its own few clauses.
    assert len(chapters) >= 4 and len(clause_titles) >= (8 if agreement == AMENDMENT else 10)
    for heading in chapters + clause_titles:
        assert heading.text.strip(), "empty heading"
        assert not TYPED_NUMBER.match(heading.text), f"typed clause number in {heading.text!r}"


@pytest.mark.parametrize("agreement", DRAFTS)
def test_heading_styles_carry_word_multilevel_numbering(open_docx, agreement: str) -> None:
    """Heading 1 is numbered 1, 2, 3 and Heading 2 1.1, 1.2 by one Word list defined in the styles."""
    document = open_docx(agreement)
    num_ids = set()
    for level, name in enumerate(("Heading 1", "Heading 2")):
        num_pr = document.styles[name].element.pPr.numPr
        assert num_pr is not None, f"{name} has no w:numPr"
        assert num_pr.ilvl.val == level
        num_ids.add(num_pr.numId.val)
    assert len(num_ids) == 1, "both heading levels belong to one list"
    num_id = num_ids.pop()
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    levels = {lvl.get(qn("w:ilvl")): lvl for lvl in abstract.findall(qn("w:lvl"))}
    assert levels["0"].find(qn("w:lvlText")).get(qn("w:val")) == "%1"
    assert levels["1"].find(qn("w:lvlText")).get(qn("w:val")) == "%1.%2"
    assert levels["0"].find(qn("w:numFmt")).get(qn("w:val")) == "decimal"


def _suppressed(heading: DocxParagraph) -> bool:
    p_pr = heading._p.pPr
    own = p_pr.numPr if p_pr is not None else None
    return own is not None and own.numId is not None and own.numId.val == 0


@pytest.mark.parametrize("agreement", DRAFTS)
def test_every_chapter_is_numbered_except_the_signatures(open_docx, agreement: str) -> None:
    document = open_docx(agreement)
    for heading in (p for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")):
        assert _suppressed(heading) == (heading.text == "Allekirjoitukset"), heading.text


# --- the agreement in force and its amendment ------------------------------------------------------------


def test_the_agreement_in_force_is_summarised_from_its_sources_not_redrafted(
    open_docx, kaustinen_build: tuple[Path, BuildResult]
) -> None:
    """Signed on 21.3.2016 and in force: a summary of the terms the case relies on, each with its
    source, and a request for the signed original; no draft version, no clause text of the tool's
    own, no signatures, no numbered clauses (the numbers would not be the original's)."""
    document = open_docx(SUMMARY)
    text = full_text(document)
    assert text.startswith("VOIMASSA")
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert "VOIMASSA" in header and "15.10.2024" in header
    assert "Versio" not in header and "Versio" not in text
    assert "Tiivistelmä voimassa olevasta sopimuksesta: Kaustisen seutukunnan yhteistoimintasopimus" in text
    assert "Allekirjoitettu: 21.3.2016" in text
    assert "Voimassa: 1.1.2016 alkaen" in text
    assert "Sopimusta ei hyväksytä uudelleen" in text
    assert "Sitova on sopijapuolten allekirjoittama alkuperäinen sopimus." in text
    missing = next(p for p in document.paragraphs if p.text.startswith("Allekirjoitettua alkuperäistä sopimusta ei"))
    assert "on hankittava ja liitettävä" in missing.text
    assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in missing.runs if r.text.strip())
    assert "muutossopimuksella ”Kaustisen seutukunnan yhteistoimintasopimuksen muutossopimus”" in text
    # Every term the case relies on, as the case gives it, with its source; nothing else.
    case = kaustinen_build[1].case
    assert case is not None
    described = case.agreement(IN_FORCE).in_force
    assert described is not None and described.terms
    terms = rows(table_by_caption(document, f"relied:{IN_FORCE}"))
    assert terms[0] == ["Kohta", "Ehto", "Lähde"]
    assert [(r[1], r[2]) for r in terms[1:]] == [
        (f"{t.title}: {t.text}" if t.title else t.text, t.source) for t in described.terms
    ]
    assert [r[0] for r in terms[1:]] == [t.number or "–" for t in described.terms]
    assert any("Seutuvaltuustoon kuuluu 17 jäsentä" in r[1] for r in terms)  # the body as in force
    # Nothing the sources do not give: no chapters of the tool's text and nothing to sign.
    headings = [p for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert [h.text for h in headings] == ["Ehdot, joihin asia nojaa"]
    assert all(_suppressed(h) for h in headings)
    assert captions(document) == [f"relied:{IN_FORCE}"]
    for invented in ("Allekirjoitukset", "hallintoriita-asia", "otto-oikeu", "808/2019", "Irtisanomisaika"):
        assert invented not in text, invented


def test_the_amendment_restates_the_changed_clause_and_nothing_else(open_docx, statutory_clause) -> None:
    """2024 populations give the regional council 15 members: the amendment names the agreement in
    force, restates the composition clause in full and leaves the rest as it is."""
    document = open_docx(AMENDMENT)
    text = full_text(document)
    assert "sopimusta ”Kaustisen seutukunnan yhteistoimintasopimus”, joka on allekirjoitettu 21.3.2016" in text
    assert list(clauses(document)) == [
        "Sopijapuolet",
        "Sopimuksen tausta ja tarkoitus",
        "Muutettava sopimus",
        "Toimielimen kokoonpano",
        "Muutosten voimaantulo",
        "Muut ehdot",
        "Erimielisyyksien ratkaiseminen",
        "Sopimuskappaleet",
    ]
    title, changed = statutory_clause(AMENDMENT, "KL52-2")
    assert title == "Toimielimen kokoonpano"
    assert changed.startswith(
        "Sopimuksen kohta ”Seutuvaltuuston kokoonpano” (kohdan numero tarkistettava) muutetaan kuulumaan seuraavasti:"
    )
    reference = next(p for p in document.paragraphs if p.text.startswith("Sopimuksen kohta"))
    asked = [r for r in reference.runs if "kohdan numero tarkistettava" in r.text]
    assert asked and all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in asked)
    assert "Muutokset tulevat voimaan 1.6.2025 edellyttäen, että kaikkien sopijakuntien valtuustot" in text
    assert "Muilta osin sopimus ”Kaustisen seutukunnan yhteistoimintasopimus” on voimassa ennallaan." in text
    assert "viisi samasanaista kappaletta" in text


# --- the joint body: composition (the amendment), tasks, costs, term (KuntaL 51–52 §) -------------------


def test_the_seats_table_gives_each_municipality_its_members_deputies_and_the_total(open_docx) -> None:
    """One deputy per member unless the agreement says otherwise: the table states both. The
    amendment's table is the regional council as amended: 2024 populations, 15 members."""
    table = rows(table_by_caption(open_docx(AMENDMENT), f"seats:{IN_FORCE}"))
    assert table[0] == ["Kunta", "Asukasluku 2024", "Jäseniä", "Varajäseniä"]
    assert [(r[0], r[2], r[3]) for r in table[1:]] == [
        ("Halsua", "2", "2"),
        ("Kaustinen", "5", "5"),
        ("Lestijärvi", "2", "2"),
        ("Toholampi", "3", "3"),
        ("Veteli", "3", "3"),
        ("Yhteensä", "15", "15"),
    ]
    assert [r[1] for r in table[1:]] == ["985", "4\u00a0118", "665", "2\u00a0799", "2\u00a0931", "11\u00a0498"]


@pytest.mark.parametrize("agreement", [SUPPLEMENT, JOINT_BODY, JOINT_POST])
def test_cost_shares_add_up_to_exactly_100_percent_and_to_the_budget(open_docx, agreement: str) -> None:
    table = rows(table_by_caption(open_docx(agreement), f"shares:{agreement}"))
    header, *parties, total = table
    # The share is the column before the euros (agreed fixed shares have no figure column of their own).
    assert header[-2] == "Osuus"
    assert total[0] == "Yhteensä"
    assert total[-2] in ("100,00\u00a0%", "100\u00a0%")
    percentages = [Decimal(r[-2].rstrip("*").removesuffix("\u00a0%").replace(",", ".")) for r in parties]
    assert sum(percentages) == Decimal("100.00")
    euros = [int(re.sub(r"\D", "", r[-1])) for r in parties]
    assert sum(euros) == int(re.sub(r"\D", "", total[-1]))


def test_the_joint_body_shares_follow_the_populations(open_docx) -> None:
    """Joutsa 4 110 and Luhanka 701 inhabitants (2024) share a 120 000 € budget."""
    table = rows(table_by_caption(open_docx(JOINT_BODY), f"shares:{JOINT_BODY}"))
    assert table[0] == ["Kunta", "Asukasluku 2024", "Osuus", "Euroa, täysi vuosi (2025)"]  # in force from 1.6.2025
    assert [(r[0], r[1], r[2], r[3]) for r in table[1:]] == [
        ("Joutsa", "4\u00a0110", "85,43\u00a0%", "102\u00a0515\u00a0€*"),
        ("Luhanka", "701", "14,57\u00a0%", "17\u00a0485\u00a0€*"),
        ("Yhteensä", "4\u00a0811", "100,00\u00a0%", "120\u00a0000\u00a0€*"),
    ]


def test_the_supplement_shares_follow_the_customer_counts_by_largest_remainder(open_docx) -> None:
    """Five estimated customer counts (403 in all) share the 420 000 € estimate: the percentages
    make exactly 100,00 % and the euros exactly the budget. A share computed from an estimated
    count is an estimate too, and says so (decks review, finding 7)."""
    table = rows(table_by_caption(open_docx(SUPPLEMENT), f"shares:{SUPPLEMENT}"))
    assert [tuple(r) for r in table[1:]] == [
        ("Halsua", "33*", "8,19\u00a0%*", "34\u00a0392\u00a0€*"),
        ("Kaustinen", "135*", "33,50\u00a0%*", "140\u00a0695\u00a0€*"),
        ("Lestijärvi", "22*", "5,46\u00a0%*", "22\u00a0928\u00a0€*"),
        ("Toholampi", "105*", "26,05\u00a0%*", "109\u00a0429\u00a0€*"),
        ("Veteli", "108*", "26,80\u00a0%*", "112\u00a0556\u00a0€*"),
        ("Yhteensä", "403*", "100,00\u00a0%", "420\u00a0000\u00a0€*"),
    ]


@pytest.fixture(scope="module")
def council_approved_tasks(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The tasks clause of the Järvi-Saimaa joint body, whose agreement lets the councils add tasks."""
    out = tmp_path_factory.mktemp("jarvi-saimaa-build")
    result = build(AGREEMENTS_DIR / "jarvi-saimaan-tyollisyys", out)
    assert result.case is not None, [f.line() for f in result.findings if f.severity == "error"]
    return clauses(docx.Document(str(out / "yhteistoimintasopimus.docx")))["Toimielimen tehtävät"]


def test_joint_body_tasks_clause_lists_every_task(statutory_clause, council_approved_tasks: str) -> None:
    """KuntaL 52 § 1 mom. 1 k.: the body's tasks."""
    assert REQUIREMENTS["KL52-1"].citation == "KuntaL 52 § 1 mom. 1 k."
    _, text = statutory_clause(JOINT_BODY, "KL52-1")
    for task in (
        "rakentamislain (751/2023)\u00a0100\u00a0§:n mukaiset rakennusvalvontaviranomaisen tehtävät",
        "rakentamista ja muita toimenpiteitä koskevien lupien käsittely ja rakentamisen valvonta",
        "rakentamisen yleinen ohjaus ja neuvonta sopijakunnissa",
    ):
        assert task in text
    assert "valtuustot ovat hyväksyneet" not in text  # the Joutsa agreement does not provide for more tasks
    # More tasks only with every council's approval, where the agreement says so.
    assert "kun kaikkien sopijakuntien valtuustot ovat hyväksyneet tehtävien lisäämisen" in council_approved_tasks
    assert "kuntouttavan työtoiminnan ja työpajatoiminnan järjestäminen" in council_approved_tasks


def test_joint_body_composition_clause_states_the_rule_the_year_and_15_members(statutory_clause) -> None:
    """KuntaL 52 § 1 mom. 2 k.: composition (restated by the amendment) and the other
    municipalities' right to elect members (the Joutsa joint body)."""
    assert REQUIREMENTS["KL52-2"].citation == "KuntaL 52 § 1 mom. 2 k."
    _, text = statutory_clause(AMENDMENT, "KL52-2")
    assert "alkavaa 1\u00a0000 asukasta kohti" in text
    # "2 jäsentä" and "15 jäsentä" never break between the number and the word (no-break space).
    assert "vähintään kaksi jäsentä" in text
    assert "Vuoden 2024 asukasluvuilla" in text
    assert "15\u00a0jäsentä" in text
    assert "Veteli | 2\u00a0931 | 3" in text  # the seats table stands in this clause
    _, election = statutory_clause(JOINT_BODY, "KL51-2")
    assert "kukin sopijakunta valitsee" in election


def test_joint_body_costs_clause_states_basis_and_division(statutory_clause) -> None:
    """KuntaL 52 § 1 mom. 3 k.: the basis and division of costs."""
    assert REQUIREMENTS["KL52-3"].citation == "KuntaL 52 § 1 mom. 3 k."
    _, text = statutory_clause(JOINT_BODY, "KL52-3")
    assert "asukaslukujen suhteessa" in text
    assert "suurimman jakojäännöksen menetelmällä" in text
    assert "Yhteensä | 4\u00a0811 | 100,00\u00a0%" in text


def test_joint_body_states_its_term_and_how_it_is_terminated(statutory_clause) -> None:
    """KuntaL 52 § 1 mom. 4 k.: term and termination, each in a clause of its own."""
    assert REQUIREMENTS["KL52-4"].citation == "KuntaL 52 § 1 mom. 4 k."
    titles, text = statutory_clause(JOINT_BODY, "KL52-4")
    assert titles == "Voimassaolo / Irtisanominen"
    assert "voimassa toistaiseksi" in text
    termination = text
    assert "irtisanoa" in termination
    assert "Irtisanomisaika on 12 kuukautta*" in termination
    assert "kalenterivuoden lopussa" in termination


@pytest.mark.parametrize("agreement", DRAFTS)
def test_disputes_are_administrative_disputes_under_section_63(statutory_clause, agreement: str) -> None:
    """KuntaL 63 §: disputes go to the administrative court as hallintoriita-asia."""
    title, text = statutory_clause(agreement, "KL63")
    assert title == "Erimielisyyksien ratkaiseminen"
    assert "hallintoriita-asia" in text
    assert "63\u00a0§" in text  # a section number never breaks from its sign
    assert "hallinto-oikeudessa" in text


def test_figures_in_clause_prose_keep_their_no_break_spaces(open_docx) -> None:
    """A figure such as '420 000 €' must never wrap across lines, in running text as in tables."""
    assert "Vuoden 2025 kustannusarvio on 420\u00a0000\u00a0€*" in full_text(open_docx(SUPPLEMENT))
    assert "alkavaa 1\u00a0000 asukasta kohti" in full_text(open_docx(AMENDMENT))


def test_joint_body_names_the_lead_municipality_and_the_body(open_docx) -> None:
    text = full_text(open_docx(JOINT_BODY))
    assert "Joutsan kunta toimii kuntalain 51\u00a0§:n tarkoittamana vastuukuntana" in text
    assert "Sopijakuntien yhteinen toimielin on Joutsan ja Luhangan rakennusvalvontalautakunta" in text


# --- the supplement ----------------------------------------------------------------------------------------


def test_the_supplement_refers_to_the_agreement_it_supplements(open_docx, statutory_clause) -> None:
    lead = full_text(open_docx(SUPPLEMENT))
    assert "täydentävät yhteistoimintasopimustaan (Kaustisen seutukunnan yhteistoimintasopimus)" in lead
    _, relation = statutory_clause(SUPPLEMENT, "KL49")
    assert "Tämä sopimus täydentää" in relation
    assert "Kaustisen seutukunnan yhteistoimintasopimus" in relation


def test_the_supplement_has_the_content_section_52_requires_and_applies_no_54(open_docx, statutory_clause) -> None:
    """The supplement adds the five municipalities' own tasks to their joint body: KuntaL 52 § gives
    its content (tasks, costs, term), and it hands over no authority task, so 54 § does not apply
    and no clause of it speaks of official liability."""
    _, tasks = statutory_clause(SUPPLEMENT, "KL52-1")
    assert "sopijakuntien omat työllisyyttä edistävät täydentävät palvelut" in tasks
    _, no_transfer = statutory_clause(SUPPLEMENT, "KL52-1-8")
    assert "Tällä sopimuksella ei siirretä kuntalain 8\u00a0§:n mukaista järjestämisvastuuta" in no_transfer
    monitoring = clauses(open_docx(SUPPLEMENT))["Tehtävien hoidon seuranta"]
    assert "puolivuosittain" in monitoring
    _, costs = statutory_clause(SUPPLEMENT, "KL52-3")
    assert "asiakasmäärien suhteessa" in costs
    assert "Yhteensä | 403* | 100,00\u00a0%" in costs  # a sum of illustrative figures is illustrative
    _, term = statutory_clause(SUPPLEMENT, "KL52-4")
    assert "Irtisanomisaika on 12 kuukautta*" in term
    for code in ("KL54-1", "KL54-2A", "KL54-2B", "KL54-2C", "KL54-2D"):
        with pytest.raises(AssertionError, match="has no clause meeting"):
            statutory_clause(SUPPLEMENT, code)
    assert "virkavastuulla" not in full_text(open_docx(SUPPLEMENT))


# --- the authority-task agreement (KuntaL 54 §) ----------------------------------------------------------


def test_the_authority_task_is_performed_under_official_liability(statutory_clause) -> None:
    """KuntaL 54 § 1 mom."""
    _, text = statutory_clause(AUTHORITY_TASK, "KL54-1")
    assert "virkavastuulla" in text
    assert "54\u00a0§:n 1 momentin" in text


def test_the_authority_task_agreement_states_content_monitoring_costs_and_termination(
    open_docx, statutory_clause
) -> None:
    """KuntaL 54 § 2 mom.: the task's content, its monitoring, costs, term and termination."""
    _, content = statutory_clause(AUTHORITY_TASK, "KL54-2A")
    assert "työllistymissuunnitelmien laatiminen" in content
    assert "Halsua, Kaustinen, Lestijärvi, Toholampi ja Veteli" in content  # the area the task covers
    title, monitoring = statutory_clause(AUTHORITY_TASK, "KL54-2B")
    assert "seuranta" in title.lower()
    assert "raportoi työllisyyslautakunnalle" in monitoring
    _, costs = statutory_clause(AUTHORITY_TASK, "KL54-2C")
    # One payer: the principal compensates the provider in a clause, not in a one-line cost table,
    # and the provider, which pays no share, says why.
    assert (
        "Kokkolan kaupunki korvaa Lestijärven kunnalle tehtäviä hoitavien viranhaltijoiden palkkakustannukset" in costs
    )
    assert "Lestijärven kunta ei maksa tehtävien hoidosta osuutta" in costs
    assert "Lestijärvi |" not in costs and "Kokkola |" not in costs
    document = open_docx(AUTHORITY_TASK)
    assert not [c for c in captions(document) if c.startswith("shares:")]
    assert "kustannusarvio vuodelle 2025 on 300\u00a0000\u00a0€*, ja sen korvaa Kokkolan kaupunki" in full_text(
        document
    )
    _, term_and_termination = statutory_clause(AUTHORITY_TASK, "KL54-2D")
    assert "voimassa toistaiseksi" in term_and_termination
    assert "Irtisanomisaika on 12 kuukautta*" in term_and_termination


def test_the_authority_task_opening_cites_its_statutory_basis_in_correct_finnish(open_docx) -> None:
    """'54 §:n ja laki ... 13 § nojalla' would be ungrammatical: 'nojalla' takes the genitive '§:n'."""
    opening = next(p.text for p in open_docx(AUTHORITY_TASK).paragraphs if p.style.name == "Normal" and p.text)
    assert "kuntalain (410/2015)\u00a054\u00a0§:n" in opening
    assert "380/2023" in opening
    assert "§ nojalla" not in opening


# --- the joint-post agreement (KuntaL 53 §) --------------------------------------------------------------


def test_joint_posts_are_established_by_identical_decisions(statutory_clause) -> None:
    """KuntaL 53 § 1 mom."""
    _, text = statutory_clause(JOINT_POST, "KL53-1")
    assert "yhtäpitävillä päätöksillä" in text
    assert "rakennustarkastaja | 1" in text and "Yhteensä | 1" in text


def test_the_joint_post_agreement_names_the_employer_and_divides_costs(statutory_clause) -> None:
    """KuntaL 53 § 3 mom.: which party carries the employer's obligations, and the cost division."""
    _, employer = statutory_clause(JOINT_POST, "KL53-3A")
    assert "Työnantajan velvoitteiden hoitamisesta vastaa Joutsan kunta" in employer
    _, costs = statutory_clause(JOINT_POST, "KL53-3B")
    # An agreed share once, as agreed (not "80 %" beside "80,00 %"; decks review, finding 18).
    assert "Joutsa | 80\u00a0%* | 68\u00a0000\u00a0€*" in costs
    assert "Luhanka | 20\u00a0%* | 17\u00a0000\u00a0€*" in costs
    _, office = statutory_clause(JOINT_POST, "KL53-2")
    assert "virkasuhteessa molempiin sopijakuntiin" in office  # two parties: "molempiin", not "kaikkiin"


# --- every agreement: draft marking, page numbers, parties and signatures ------------------------------------


@pytest.mark.parametrize("agreement", DRAFTS)
def test_every_page_is_marked_as_a_draft_and_numbered_page_x_of_y(open_docx, agreement: str) -> None:
    """Drafts say LUONNOS and their version (the agreement in force is tested above: VOIMASSA)."""
    document = open_docx(agreement)
    assert len(document.sections) == 1
    section = document.sections[0]
    assert not section.different_first_page_header_footer  # the same header on the first page too
    header = "\n".join(p.text for p in section.header.paragraphs)
    assert "LUONNOS · Versio 0.1" in header
    assert VERSION_DATE[CASE_OF[agreement]] in header
    footer = section.footer._element
    instructions = [f.get(qn("w:instr")).split()[0] for f in footer.iter(qn("w:fldSimple"))]
    instructions += [t.text.split()[0] for t in footer.iter(qn("w:instrText")) if t.text and t.text.strip()]
    assert "PAGE" in instructions
    assert "NUMPAGES" in instructions
    assert full_text(document).startswith("LUONNOS")  # also on the title block


@pytest.mark.parametrize("agreement", DRAFTS)
def test_the_signature_block_names_every_party(open_docx, agreement: str) -> None:
    document = open_docx(agreement)
    blocks = body_blocks(document)
    heading = next(i for i, b in enumerate(blocks) if isinstance(b, DocxParagraph) and b.text == "Allekirjoitukset")
    signature_table = next(b for b in blocks[heading:] if isinstance(b, DocxTable))
    names = [cell.paragraphs[0].text for row in signature_table.rows for cell in row.cells if cell.paragraphs[0].text]
    # The principal of an employment-authority agreement signs through its authority (380/2023 13 § 2 mom.).
    signs = {"Kokkolan kaupunki": "Kokkolan kaupunki / Kokkolan kaupungin työllisyyslautakunta"}
    assert names == [signs.get(n, n) if agreement == AUTHORITY_TASK else n for n in PARTIES[agreement]]
    for row in signature_table.rows:
        for cell in row.cells:
            if cell.paragraphs[0].text:
                assert "Paikka ja aika" in cell.text
                assert cell.text.count("Allekirjoitus ja nimenselvennys") == 2


@pytest.mark.parametrize("agreement", [AMENDMENT, SUPPLEMENT, AUTHORITY_TASK])
def test_the_parties_table_shows_tarkistettava_for_every_unknown_business_id(open_docx, agreement: str) -> None:
    document = open_docx(agreement)
    table = table_by_caption(document, f"parties:{agreement}")
    body = table.rows[1:]
    assert [row.cells[0].text for row in body] == PARTIES[agreement]
    for row in body:
        cell = row.cells[1]
        if row.cells[0].text == "Kokkolan kaupunki":
            assert cell.text == "0179377-8"  # the one business ID the sources give (kokkola.fi)
            continue
        assert cell.text == "tarkistettava"
        run = cell.paragraphs[0].runs[0]
        assert run.font.highlight_color == WD_COLOR_INDEX.YELLOW and run.bold
    assert "Korostettu merkintä ”tarkistettava”" in full_text(document)  # Finnish quotation marks


def test_known_business_ids_are_shown_and_need_no_placeholder_note(open_docx) -> None:
    document = open_docx(JOINT_BODY)
    table = rows(table_by_caption(document, f"parties:{JOINT_BODY}"))
    assert [r[:2] for r in table[1:]] == [["Joutsan kunta", "0174108-9"], ["Luhangan kunta", "0176592-9"]]
    assert "tarkistettava" not in full_text(document)


def test_a_known_business_id_is_shown_instead_of_the_placeholder(case_copy: Path, edit) -> None:
    from generator.validate import validate_case

    # 0000000-0 has a valid check digit and is obviously not a real municipality's ID.
    edit(
        "municipalities.yaml",
        "    official_name: Halsuan kunta\n    business_id: null",
        "    official_name: Halsuan kunta\n    business_id: 0000000-0",
    )
    case, findings = validate_case(case_copy)
    assert case is not None, [f.line() for f in findings if f.severity == "error"]
    supplement = case.agreement(SUPPLEMENT)
    data = write_docx(compose_document(case, supplement), "", case.version.date, case.language)
    path = case_copy / "out.docx"
    path.write_bytes(data)
    table = rows(table_by_caption(docx.Document(str(path)), f"parties:{SUPPLEMENT}"))
    assert table[1][:2] == ["Halsuan kunta", "0000000-0"]
    assert [r[1] for r in table[2:]] == ["tarkistettava"] * 4


@pytest.mark.parametrize("agreement", [SUPPLEMENT, AUTHORITY_TASK, JOINT_BODY, JOINT_POST])
def test_illustrative_figures_are_starred_and_explained(open_docx, agreement: str) -> None:
    text = full_text(open_docx(agreement))
    assert "€*" in text
    assert ILLUSTRATIVE_NOTE in text


def test_a_document_without_estimates_has_no_note_about_them(open_docx) -> None:
    """The amendment states only computed and agreed figures: no star, so no note explaining one."""
    text = full_text(open_docx(AMENDMENT))
    assert "*" not in text
    assert "Tähdellä" not in text


# --- manifest.json ----------------------------------------------------------------------------------------


def test_the_manifest_lists_every_agreement_document_with_matching_hashes(built: Path) -> None:
    manifest = json.loads((built / "manifest.json").read_text("utf-8"))
    assert manifest["case"] == "kaustisen-seutukunta"
    agreements = [o for o in manifest["outputs"] if o["kind"] == "agreement"]
    assert [o["path"] for o in agreements] == [
        f"{SUMMARY}.docx",
        f"{AMENDMENT}.docx",
        f"{SUPPLEMENT}.docx",
        f"{AUTHORITY_TASK}.docx",
        f"{AUTHORITY_TASK}.sv.docx",
    ]
    assert [o["lang"] for o in agreements] == ["fi", "fi", "fi", "fi", "sv"]
    for output in manifest["outputs"]:
        assert output["sha256"] == hashlib.sha256((built / output["path"]).read_bytes()).hexdigest(), output["path"]
    titles = {o["agreement"]: o["title"] for o in agreements}
    assert titles[IN_FORCE] == "Kaustisen seutukunnan yhteistoimintasopimus"
    assert titles[AMENDMENT] == "Kaustisen seutukunnan yhteistoimintasopimuksen muutossopimus"
    parties = {o["agreement"]: o["parties"] for o in agreements}
    assert parties == {
        IN_FORCE: ["halsua", "kaustinen", "lestijarvi", "toholampi", "veteli"],
        AMENDMENT: ["halsua", "kaustinen", "lestijarvi", "toholampi", "veteli"],
        SUPPLEMENT: ["halsua", "kaustinen", "lestijarvi", "toholampi", "veteli"],
        AUTHORITY_TASK: ["kokkola", "lestijarvi"],
    }


def test_the_manifest_records_every_input_with_its_hash(built: Path, example_case: Path) -> None:
    manifest = json.loads((built / "manifest.json").read_text("utf-8"))
    inputs = {i["path"]: i["sha256"] for i in manifest["inputs"]}
    assert set(inputs) == {p.name for p in example_case.glob("*.yaml")}
    for name, digest in inputs.items():
        assert digest == hashlib.sha256((example_case / name).read_bytes()).hexdigest(), name


@pytest.mark.parametrize(
    "agreement, sections, wrong_kind",
    [
        (IN_FORCE, ["KuntaL 49 §", "KuntaL 51 §"], "KuntaL 53 §"),
        # The amendment rests on what it changes (the composition, 52 §), not on 49 § (review 2, A1).
        (AMENDMENT, ["KuntaL 52 §", "KuntaL 63 §"], "KuntaL 54 §"),
        # The supplement gives no authority task: 54 § is no basis of it (lawyer's finding 1).
        (SUPPLEMENT, ["KuntaL 49 §", "KuntaL 51 §", "KuntaL 52 §", "KuntaL 63 §"], "KuntaL 54 §"),
        (AUTHORITY_TASK, ["KuntaL 54 §", "KuntaL 63 §", "L 380/2023 13 §"], "KuntaL 52 §"),
        (JOINT_BODY, ["KuntaL 49 §", "KuntaL 51 §", "KuntaL 52 §", "KuntaL 63 §"], "KuntaL 53 §"),
        (JOINT_POST, ["KuntaL 53 §", "KuntaL 63 §"], "KuntaL 54 §"),
    ],
)
def test_the_manifest_gives_each_agreement_its_legal_basis(
    builds: Builds, agreement: str, sections: list[str], wrong_kind: str
) -> None:
    out = builds[CASE_OF.get(agreement, "kaustinen")][0]
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    output = next(o for o in manifest["outputs"] if o.get("agreement") == agreement)
    for section in sections:
        assert section in output["legal_basis"], (agreement, output["legal_basis"])
    assert wrong_kind not in output["legal_basis"]


# --- two-party wording, boards, data protection -------------------------------------------------------------


@pytest.mark.parametrize(
    "agreement, approval, boards",
    [
        # A 54 § agreement on employment-authority tasks is made by the authority's organ itself.
        (
            AUTHORITY_TASK,
            "tehtävät antava toimielin (Kokkolan kaupungin työllisyyslautakunta) ja Lestijärven kunnan toimivaltainen"
            " toimielin ovat hyväksyneet sen",
            None,
        ),
        # The boards by their own names.
        (JOINT_POST, "molempien sopijakuntien valtuustot", ("Joutsan kunnanhallitus", "Luhangan kunnanhallitus")),
        (JOINT_BODY, "molempien sopijakuntien valtuustot", ("Joutsan kunnanhallitus", "Luhangan kunnanhallitus")),
    ],
)
def test_two_party_agreements_speak_of_the_other_party(
    open_docx, agreement: str, approval: str, boards: tuple[str, str] | None
) -> None:
    text = full_text(open_docx(agreement))
    for many in (
        "muille sopijakunnille",
        "muilta sopijakunnilta",
        "irtisanoneen kunnan osalta",
        "Kustannukset jaetaan sopijakuntien kesken",
        "kaikkien sopijakuntien",
        "kaikkiin sopijakuntiin",
        "Sopijakuntien hallitukset",
        "kullekin sopijakunnalle",
        "kokonaan tai sopijakunnan osalta",
    ):
        assert many not in text, many
    assert "Kumpikin sopijakunta voi irtisanoa sopimuksen kirjallisella ilmoituksella toiselle sopijakunnalle" in text
    assert approval in text
    if boards is not None:
        first, second = boards
        assert (
            f"{first} ja {second} voivat yhdessä hyväksyä" in text
            or f"{second} ja {first} voivat yhdessä hyväksyä" in text
        )


def test_many_party_agreements_name_the_boards_by_kind(open_docx) -> None:
    text = clauses(open_docx(SUPPLEMENT))["Sopimuksen muuttaminen"]
    assert "Sopijakuntien kunnanhallitukset voivat yhdessä hyväksyä sopimukseen vähäiset tekniset korjaukset" in text


def test_joint_posts_are_established_by_every_party_not_by_the_employer(statutory_clause) -> None:
    """KuntaL 53 §: identical decisions of the parties; the employer only carries the employer's duties."""
    _, text = statutory_clause(JOINT_POST, "KL53-1")
    assert "Sopijakunnat perustavat yhtäpitävillä päätöksillä" in text
    assert "Virat perustaa" not in text
    assert "molemmat sopijakunnat ovat tehneet viran perustamisesta yhtäpitävät päätökset" in text


def test_the_supplement_defers_to_the_employment_area_as_controller(open_docx) -> None:
    """Act 380/2023: the employment area's lead is the employment authority and the controller; the
    54 § agreement says so, and the supplement must not make the lead municipality controller instead."""
    supplement = clauses(open_docx(SUPPLEMENT))["Asiakirjat, arkisto ja tietosuoja"]
    assert "rekisterinpitäjä on työllisyysalueen vastuukunta, Kokkolan kaupunki" in supplement
    assert "henkilötietojen käsittelijänä" in supplement
    authority = clauses(open_docx(AUTHORITY_TASK))["Asiakirjat, arkisto ja tietosuoja"]
    assert "tehtävät antava kunta on niissä käsiteltävien henkilötietojen rekisterinpitäjä" in authority


# --- keeping things together on the page ---------------------------------------------------------------------


def _keeps_next(paragraph) -> bool:
    p_pr = paragraph._p.pPr
    return p_pr is not None and p_pr.find(qn("w:keepNext")) is not None


def test_a_lead_in_keeps_with_its_list_and_a_short_table_stays_together(open_docx) -> None:
    document = open_docx(JOINT_BODY)
    lead_in = next(p for p in document.paragraphs if p.text == "Yhteisen toimielimen tehtäviä ovat:")
    assert _keeps_next(lead_in)
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == lead_in.text) + 1
    items = paragraphs[start : start + 3]  # the three tasks
    assert all(p.style.name == "Clause Bullet" for p in items)
    assert paragraphs[start + 3].style.name != "Clause Bullet"
    assert [_keeps_next(p) for p in items] == [True, True, False]

    def kept(caption: str) -> list[bool]:
        table = table_by_caption(document, caption)
        return [all(_keeps_next(p) for cell in row.cells for p in cell.paragraphs) for row in table.rows]

    for caption in (f"parties:{JOINT_BODY}", f"shares:{JOINT_BODY}", f"seats:{JOINT_BODY}"):
        rows_kept = kept(caption)
        assert rows_kept == [True] * (len(rows_kept) - 1) + [False], caption
