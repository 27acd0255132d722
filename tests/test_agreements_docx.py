"""The four Kaustinen agreements, read back from the generated Word files as a lawyer would read them.

The example is built once (see conftest.py). Each statutory content item is looked for in the clause
that the tool says satisfies it, and the clause's text is read from the .docx itself; figures are
read from the tables by their Word captions. Nothing here trusts the model: if a template drops a
sentence or a writer loses a table row, these tests see it in the document the councils receive.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from generator.build import BuildResult
from generator.compose.agreement import compose_agreement
from generator.law.requirements import REQUIREMENTS
from generator.write.docx_writer import write_docx

JOINT_BODY = "yhteistoimintasopimus"
SUPPLEMENT = "te24-taydentava-sopimus"
AUTHORITY_TASK = "te24-viranomaistehtavat"
JOINT_POST = "te24-yhteiset-virat"
AGREEMENTS = (JOINT_BODY, SUPPLEMENT, AUTHORITY_TASK, JOINT_POST)

FIVE = ["Halsuan kunta", "Kaustisen kunta", "Lestijärven kunta", "Toholammin kunta", "Vetelin kunta"]
PARTIES = {
    JOINT_BODY: FIVE,
    SUPPLEMENT: FIVE,
    AUTHORITY_TASK: ["Kokkolan kaupunki", "Lestijärven kunta"],
    JOINT_POST: ["Lestijärven kunta", "Kokkolan kaupunki"],
}
TYPED_NUMBER = re.compile(r"^\s*\d+(\.\d+)*\.?\s")


# --- reading a generated agreement -----------------------------------------------------------------


def open_docx(built: Path, agreement: str) -> docx.document.Document:
    return docx.Document(str(built / f"{agreement}.docx"))


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


def rows(table: DocxTable) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def statutory_clause(kaustinen_build: tuple[Path, BuildResult]):
    """``statutory_clause(agreement, code)`` → (clause title, clause text read from the .docx).

    The clauses are those the tool's outline says satisfy the requirement ``code`` (when several do,
    as term and termination both meet 52 § 1 mom. 4 k., their titles and texts are joined); the text
    comes from the Word file, so the test checks what the council actually reads there.
    """
    built, result = kaustinen_build
    case = result.case
    assert case is not None
    titles: dict[tuple[str, str], list[str]] = {}
    for agreement in case.agreements:
        for clause in compose_agreement(case, agreement).clauses():
            for code in clause.requirements:
                titles.setdefault((agreement.id, code), []).append(clause.title)
    texts = {agreement: clauses(open_docx(built, agreement)) for agreement in AGREEMENTS}

    def lookup(agreement: str, code: str) -> tuple[str, str]:
        assert (agreement, code) in titles, f"{agreement} has no clause meeting {code} ({REQUIREMENTS[code].citation})"
        meeting = titles[(agreement, code)]
        for title in meeting:
            assert title in texts[agreement], f"{agreement}.docx lacks the clause {title!r}"
        return " / ".join(meeting), "\n".join(texts[agreement][title] for title in meeting)

    return lookup


# --- the set of documents ------------------------------------------------------------------------------


def test_one_word_file_per_agreement(built: Path) -> None:
    for agreement in AGREEMENTS:
        path = built / f"{agreement}.docx"
        assert path.is_file()
        assert zipfile.is_zipfile(path)


# --- structure: styles and Word numbering ------------------------------------------------------------------


@pytest.mark.parametrize("agreement", AGREEMENTS)
def test_headings_use_word_heading_styles_without_typed_numbers(built: Path, agreement: str) -> None:
    document = open_docx(built, agreement)
    chapters = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    clause_titles = [p for p in document.paragraphs if p.style.name == "Heading 2"]
    assert len(chapters) >= 4 and len(clause_titles) >= 10
    for heading in chapters + clause_titles:
        assert heading.text.strip(), "empty heading"
        assert not TYPED_NUMBER.match(heading.text), f"typed clause number in {heading.text!r}"


@pytest.mark.parametrize("agreement", AGREEMENTS)
def test_heading_styles_carry_word_multilevel_numbering(built: Path, agreement: str) -> None:
    """Heading 1 is numbered 1, 2, 3 and Heading 2 1.1, 1.2 by one Word list defined in the styles."""
    document = open_docx(built, agreement)
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


@pytest.mark.parametrize("agreement", AGREEMENTS)
def test_every_chapter_is_numbered_except_the_signatures(built: Path, agreement: str) -> None:
    document = open_docx(built, agreement)
    for heading in (p for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")):
        p_pr = heading._p.pPr
        own = p_pr.numPr if p_pr is not None else None
        suppressed = own is not None and own.numId is not None and own.numId.val == 0
        assert suppressed == (heading.text == "Allekirjoitukset"), heading.text


# --- the joint body agreement (KuntaL 51–52 §) -----------------------------------------------------------


def test_the_seats_table_gives_each_municipality_its_members_deputies_and_the_total(built: Path) -> None:
    """One deputy per member unless the agreement says otherwise: the table states both."""
    table = rows(table_by_caption(open_docx(built, JOINT_BODY), f"seats:{JOINT_BODY}"))
    assert table[0] == ["Kunta", "Asukasluku 2016", "Jäseniä", "Varajäseniä"]
    assert [(r[0], r[2], r[3]) for r in table[1:]] == [
        ("Halsua", "2", "2"),
        ("Kaustinen", "5", "5"),
        ("Lestijärvi", "2", "2"),
        ("Toholampi", "4", "4"),
        ("Veteli", "4", "4"),
        ("Yhteensä", "17", "17"),
    ]
    assert [r[1] for r in table[1:]] == ["1\u00a0219", "4\u00a0298", "811", "3\u00a0232", "3\u00a0259", "12\u00a0819"]


@pytest.mark.parametrize("agreement", AGREEMENTS)
def test_cost_shares_add_up_to_exactly_100_percent_and_to_the_budget(built: Path, agreement: str) -> None:
    table = rows(table_by_caption(open_docx(built, agreement), f"shares:{agreement}"))
    header, *parties, total = table
    assert header[2] == "Osuus"
    assert total[0] == "Yhteensä"
    assert total[2] == "100,00\u00a0%"
    percentages = [Decimal(r[2].removesuffix("\u00a0%").replace(",", ".")) for r in parties]
    assert sum(percentages) == Decimal("100.00")
    euros = [int(re.sub(r"\D", "", r[3])) for r in parties]
    assert sum(euros) == int(re.sub(r"\D", "", total[3]))


def test_the_joint_body_shares_follow_the_2016_populations(built: Path) -> None:
    table = rows(table_by_caption(open_docx(built, JOINT_BODY), f"shares:{JOINT_BODY}"))
    assert [(r[0], r[2], r[3]) for r in table[1:]] == [
        ("Halsua", "9,51\u00a0%", "36\u00a0135\u00a0€*"),
        ("Kaustinen", "33,53\u00a0%", "127\u00a0408\u00a0€*"),
        ("Lestijärvi", "6,33\u00a0%", "24\u00a0041\u00a0€*"),
        ("Toholampi", "25,21\u00a0%", "95\u00a0808\u00a0€*"),
        ("Veteli", "25,42\u00a0%", "96\u00a0608\u00a0€*"),
        ("Yhteensä", "100,00\u00a0%", "380\u00a0000\u00a0€*"),
    ]


def test_joint_body_tasks_clause_lists_every_task(statutory_clause) -> None:
    """KuntaL 52 § 1 mom. 1 k.: the body's tasks."""
    assert REQUIREMENTS["KL52-1"].citation == "KuntaL 52 § 1 mom. 1 k."
    _, text = statutory_clause(JOINT_BODY, "KL52-1")
    for task in (
        "aluekehittäminen",
        "alueen elinkeinotoiminnan kehittäminen",
        "kuntien yhteistoiminnan edistäminen",
        "seudun edunvalvonta",
    ):
        assert task in text
    assert "valtuustot ovat hyväksyneet" in text  # more tasks only with every council's approval


def test_joint_body_composition_clause_states_the_rule_the_year_and_17_members(statutory_clause) -> None:
    """KuntaL 52 § 1 mom. 2 k.: composition and the other municipalities' right to elect members."""
    assert REQUIREMENTS["KL52-2"].citation == "KuntaL 52 § 1 mom. 2 k."
    _, text = statutory_clause(JOINT_BODY, "KL52-2")
    assert "alkavaa 1\u00a0000 asukasta kohti" in text
    # "2 jäsentä" and "17 jäsentä" never break between the number and the word (no-break space).
    assert "vähintään 2\u00a0jäsentä" in text
    assert "vuoden 2016" in text
    assert "17\u00a0jäsentä" in text
    assert "Veteli | 3\u00a0259 | 4" in text  # the seats table stands in this clause
    _, election = statutory_clause(JOINT_BODY, "KL51-2")
    assert "kukin sopijakunta valitsee" in election


def test_joint_body_costs_clause_states_basis_and_division(statutory_clause) -> None:
    """KuntaL 52 § 1 mom. 3 k.: the basis and division of costs."""
    assert REQUIREMENTS["KL52-3"].citation == "KuntaL 52 § 1 mom. 3 k."
    _, text = statutory_clause(JOINT_BODY, "KL52-3")
    assert "asukaslukujen suhteessa" in text
    assert "suurimman jakojäännöksen menetelmällä" in text
    assert "Yhteensä | 12\u00a0819 | 100,00\u00a0%" in text


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


@pytest.mark.parametrize("agreement", AGREEMENTS)
def test_disputes_are_administrative_disputes_under_section_63(statutory_clause, agreement: str) -> None:
    """KuntaL 63 §: disputes go to the administrative court as hallintoriita-asia."""
    title, text = statutory_clause(agreement, "KL63")
    assert title == "Erimielisyyksien ratkaiseminen"
    assert "hallintoriita-asia" in text
    assert "63\u00a0§" in text  # a section number never breaks from its sign
    assert "hallinto-oikeudessa" in text


def test_figures_in_clause_prose_keep_their_no_break_spaces(built: Path) -> None:
    """A figure such as '380 000 €' must never wrap across lines, in running text as in tables."""
    text = full_text(open_docx(built, JOINT_BODY))
    assert "Vuoden 2016 kustannusarvio on 380\u00a0000\u00a0€*" in text
    assert "alkavaa 1\u00a0000 asukasta kohti" in text


def test_joint_body_names_the_lead_municipality_and_the_body(built: Path) -> None:
    text = full_text(open_docx(built, JOINT_BODY))
    assert "Lestijärven kunta toimii kuntalain 51\u00a0§:n tarkoittamana vastuukuntana" in text
    assert "Kaustisen seutukunta" in text and "seutuvaltuusto" in text
    assert "21.3.2016" in text  # the current agreement's signing date, Finnish style


# --- the supplement ----------------------------------------------------------------------------------------


def test_the_supplement_refers_to_the_agreement_it_supplements(built: Path, statutory_clause) -> None:
    document = open_docx(built, SUPPLEMENT)
    lead = full_text(document)
    assert "täydentävät yhteistoimintasopimustaan (Kaustisen seutukunnan yhteistoimintasopimus)" in lead
    _, relation = statutory_clause(SUPPLEMENT, "KL49")
    assert "Tämä sopimus täydentää" in relation
    assert "Kaustisen seutukunnan yhteistoimintasopimus" in relation


def test_the_supplement_has_the_content_section_54_requires(statutory_clause) -> None:
    _, tasks = statutory_clause(SUPPLEMENT, "KL54-2A")
    assert "sopijakuntien omat täydentävät työllisyyspalvelut" in tasks
    _, monitoring = statutory_clause(SUPPLEMENT, "KL54-2B")
    assert "puolivuosittain" in monitoring
    _, costs = statutory_clause(SUPPLEMENT, "KL54-2C")
    assert "asiakasmäärien suhteessa" in costs
    assert "Yhteensä | 403* | 100,00\u00a0%" in costs  # a sum of illustrative figures is illustrative
    _, liability = statutory_clause(SUPPLEMENT, "KL54-1")
    assert "virkavastuulla" in liability


# --- the authority-task agreement (KuntaL 54 §) ----------------------------------------------------------


def test_the_authority_task_is_performed_under_official_liability(statutory_clause) -> None:
    """KuntaL 54 § 1 mom."""
    _, text = statutory_clause(AUTHORITY_TASK, "KL54-1")
    assert "virkavastuulla" in text
    assert "54\u00a0§:n 1 momentin" in text


def test_the_authority_task_agreement_states_content_monitoring_costs_and_termination(statutory_clause) -> None:
    """KuntaL 54 § 2 mom.: the task's content, its monitoring, costs, term and termination."""
    _, content = statutory_clause(AUTHORITY_TASK, "KL54-2A")
    assert "työllistymissuunnitelmien laatiminen" in content
    assert "Halsua, Kaustinen, Lestijärvi, Toholampi ja Veteli" in content  # the area the task covers
    title, monitoring = statutory_clause(AUTHORITY_TASK, "KL54-2B")
    assert "seuranta" in title.lower()
    assert "raportoi työllisyyslautakunnalle" in monitoring
    _, costs = statutory_clause(AUTHORITY_TASK, "KL54-2C")
    assert "Kokkola | 100\u00a0%* | 100,00\u00a0%" in costs
    # The principal compensates the provider; the provider is no cost line with 0 %, and says why.
    assert "Kokkolan kaupunki korvaa Lestijärven kunnalle tehtävien hoidosta aiheutuvat kustannukset" in costs
    assert "Lestijärvi |" not in costs
    assert "Lestijärven kunta ei maksa tehtävien hoidosta osuutta" in costs
    _, term_and_termination = statutory_clause(AUTHORITY_TASK, "KL54-2D")
    assert "voimassa toistaiseksi" in term_and_termination
    assert "Irtisanomisaika on 12 kuukautta*" in term_and_termination


def test_the_authority_task_opening_cites_its_statutory_basis_in_correct_finnish(built: Path) -> None:
    """'54 §:n ja laki ... 13 § nojalla' would be ungrammatical: 'nojalla' takes the genitive '§:n'."""
    opening = next(p.text for p in open_docx(built, AUTHORITY_TASK).paragraphs if p.style.name == "Normal" and p.text)
    assert "kuntalain (410/2015)\u00a054\u00a0§:n" in opening
    assert "380/2023" in opening
    assert "§ nojalla" not in opening


# --- the joint-post agreement (KuntaL 53 §) --------------------------------------------------------------


def test_joint_posts_are_established_by_identical_decisions(statutory_clause) -> None:
    """KuntaL 53 § 1 mom."""
    _, text = statutory_clause(JOINT_POST, "KL53-1")
    assert "yhtäpitävillä päätöksillä" in text
    assert "työllisyyskoordinaattori | 1" in text and "Yhteensä | 5" in text


def test_the_joint_post_agreement_names_the_employer_and_divides_costs(statutory_clause) -> None:
    """KuntaL 53 § 3 mom.: which party carries the employer's obligations, and the cost division."""
    _, employer = statutory_clause(JOINT_POST, "KL53-3A")
    assert "Työnantajan velvoitteiden hoitamisesta vastaa Lestijärven kunta" in employer
    _, costs = statutory_clause(JOINT_POST, "KL53-3B")
    assert "Lestijärvi | 80\u00a0%* | 80,00\u00a0% | 248\u00a0000\u00a0€*" in costs
    assert "Kokkola | 20\u00a0%* | 20,00\u00a0% | 62\u00a0000\u00a0€*" in costs
    _, office = statutory_clause(JOINT_POST, "KL53-2")
    assert "virkasuhteessa molempiin sopijakuntiin" in office  # two parties: "molempiin", not "kaikkiin"


# --- every agreement: draft marking, page numbers, parties and signatures ------------------------------------


@pytest.mark.parametrize("agreement", AGREEMENTS)
def test_every_page_is_marked_as_a_draft_and_numbered_page_x_of_y(built: Path, agreement: str) -> None:
    """Drafts say LUONNOS; the agreement in force since 2016 says VOIMASSA (it is not a new draft)."""
    status = "VOIMASSA" if agreement == JOINT_BODY else "LUONNOS"
    document = open_docx(built, agreement)
    assert len(document.sections) == 1
    section = document.sections[0]
    assert not section.different_first_page_header_footer  # the same header on the first page too
    header = "\n".join(p.text for p in section.header.paragraphs)
    assert status in header
    assert "15.10.2024" in header
    footer = section.footer._element
    instructions = [f.get(qn("w:instr")).split()[0] for f in footer.iter(qn("w:fldSimple"))]
    instructions += [t.text.split()[0] for t in footer.iter(qn("w:instrText")) if t.text and t.text.strip()]
    assert "PAGE" in instructions
    assert "NUMPAGES" in instructions
    assert full_text(document).startswith(status)  # also on the title block


@pytest.mark.parametrize("agreement", AGREEMENTS[1:])
def test_the_signature_block_names_every_party(built: Path, agreement: str) -> None:
    document = open_docx(built, agreement)
    blocks = body_blocks(document)
    heading = next(i for i, b in enumerate(blocks) if isinstance(b, DocxParagraph) and b.text == "Allekirjoitukset")
    signature_table = next(b for b in blocks[heading:] if isinstance(b, DocxTable))
    names = [cell.paragraphs[0].text for row in signature_table.rows for cell in row.cells if cell.paragraphs[0].text]
    assert names == PARTIES[agreement]
    for row in signature_table.rows:
        for cell in row.cells:
            if cell.paragraphs[0].text:
                assert "Paikka ja aika" in cell.text
                assert cell.text.count("Allekirjoitus ja nimenselvennys") == 2


@pytest.mark.parametrize("agreement", AGREEMENTS)
def test_the_parties_table_shows_tarkistettava_for_every_unknown_business_id(built: Path, agreement: str) -> None:
    document = open_docx(built, agreement)
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
    joint_body = next(a for a in case.agreements if a.id == JOINT_BODY)
    data = write_docx(compose_agreement(case, joint_body), "", case.version.date, case.language)
    path = case_copy / "out.docx"
    path.write_bytes(data)
    table = rows(table_by_caption(docx.Document(str(path)), f"parties:{JOINT_BODY}"))
    assert table[1][:2] == ["Halsuan kunta", "0000000-0"]
    assert [r[1] for r in table[2:]] == ["tarkistettava"] * 4


@pytest.mark.parametrize("agreement", AGREEMENTS)
def test_illustrative_figures_are_starred_and_explained(built: Path, agreement: str) -> None:
    text = full_text(open_docx(built, agreement))
    assert "€*" in text
    assert "Tähdellä (*) merkityt ja korostetut luvut ovat havainnollistavia" in text


# --- manifest.json ----------------------------------------------------------------------------------------


def test_the_manifest_lists_the_four_agreements_with_matching_hashes(built: Path) -> None:
    manifest = json.loads((built / "manifest.json").read_text("utf-8"))
    assert manifest["case"] == "kaustisen-seutukunta"
    agreements = [o for o in manifest["outputs"] if o["kind"] == "agreement"]
    assert [o["path"] for o in agreements] == [f"{a}.docx" for a in AGREEMENTS[:3]] + [
        f"{AUTHORITY_TASK}.sv.docx",
        f"{AGREEMENTS[3]}.docx",
    ]
    assert [o["lang"] for o in agreements] == ["fi", "fi", "fi", "sv", "fi"]
    for output in manifest["outputs"]:
        assert output["sha256"] == hashlib.sha256((built / output["path"]).read_bytes()).hexdigest(), output["path"]
    titles = {o["agreement"]: o["title"] for o in agreements}
    assert titles[JOINT_BODY] == "Kaustisen seutukunnan yhteistoimintasopimus"
    parties = {o["agreement"]: o["parties"] for o in agreements}
    assert parties == {
        JOINT_BODY: ["halsua", "kaustinen", "lestijarvi", "toholampi", "veteli"],
        SUPPLEMENT: ["halsua", "kaustinen", "lestijarvi", "toholampi", "veteli"],
        AUTHORITY_TASK: ["kokkola", "lestijarvi"],
        JOINT_POST: ["lestijarvi", "kokkola"],
    }


def test_the_manifest_records_every_input_with_its_hash(built: Path, example_case: Path) -> None:
    manifest = json.loads((built / "manifest.json").read_text("utf-8"))
    inputs = {i["path"]: i["sha256"] for i in manifest["inputs"]}
    assert set(inputs) == {p.name for p in example_case.glob("*.yaml")}
    for name, digest in inputs.items():
        assert digest == hashlib.sha256((example_case / name).read_bytes()).hexdigest(), name


@pytest.mark.parametrize(
    "agreement, sections",
    [
        (JOINT_BODY, ["KuntaL 51 §", "KuntaL 52 §", "KuntaL 63 §"]),
        (SUPPLEMENT, ["KuntaL 49 §", "KuntaL 51 §", "KuntaL 52 §", "KuntaL 54 §", "KuntaL 63 §"]),
        (AUTHORITY_TASK, ["KuntaL 54 §", "KuntaL 63 §", "L 380/2023 13 §"]),
        (JOINT_POST, ["KuntaL 53 §", "KuntaL 63 §"]),
    ],
)
def test_the_manifest_gives_each_agreement_its_legal_basis(built: Path, agreement: str, sections: list[str]) -> None:
    manifest = json.loads((built / "manifest.json").read_text("utf-8"))
    output = next(o for o in manifest["outputs"] if o.get("agreement") == agreement)
    for section in sections:
        assert section in output["legal_basis"], (agreement, output["legal_basis"])
    wrong_kind = {
        JOINT_BODY: "KuntaL 53 §",
        SUPPLEMENT: "KuntaL 53 §",
        AUTHORITY_TASK: "KuntaL 52 §",
        JOINT_POST: "KuntaL 54 §",
    }
    assert wrong_kind[agreement] not in output["legal_basis"]


# --- the agreement in force, two-party wording, data protection -------------------------------------------


def test_the_agreement_in_force_is_restated_for_information_not_redrafted(built: Path) -> None:
    """Its entry into force (1.1.2016) precedes the case's date: no draft, no signing, no approval."""
    document = open_docx(built, JOINT_BODY)
    text = full_text(document)
    assert "Sopimusta ei hyväksytä uudelleen" in text
    assert "Voimassa: 1.1.2016 alkaen" in text
    assert clauses(document)["Voimaantulo"] == "Sopimus on tullut voimaan 1.1.2016."
    assert "ovat sopineet kuntalain (410/2015)" in text
    assert "Allekirjoitukset" not in [p.text for p in document.paragraphs]
    assert "allekirjoittaa myös sähköisesti" not in text


@pytest.mark.parametrize("agreement", [AUTHORITY_TASK, JOINT_POST])
def test_two_party_agreements_speak_of_the_other_party(built: Path, agreement: str) -> None:
    text = full_text(open_docx(built, agreement))
    for many in (
        "muille sopijakunnille",
        "muilta sopijakunnilta",
        "irtisanoneen kunnan osalta",
        "Kustannukset jaetaan sopijakuntien kesken",
        "kaikkien sopijakuntien",
        "kaikkiin sopijakuntiin",
        "Sopijakuntien hallitukset",
        "kullekin sopijakunnalle",
    ):
        assert many not in text, many
    assert "Kumpikin sopijakunta voi irtisanoa sopimuksen kirjallisella ilmoituksella toiselle sopijakunnalle" in text
    assert "molempien sopijakuntien valtuustot" in text
    # The boards by their own names: a town has a kaupunginhallitus.
    assert (
        "Kokkolan kaupunginhallitus ja Lestijärven kunnanhallitus voivat yhdessä hyväksyä" in text
        or "Lestijärven kunnanhallitus ja Kokkolan kaupunginhallitus voivat yhdessä hyväksyä" in text
    )


def test_many_party_agreements_name_the_boards_by_kind(built: Path) -> None:
    text = clauses(open_docx(built, SUPPLEMENT))["Sopimuksen muuttaminen"]
    assert "Sopijakuntien kunnanhallitukset voivat yhdessä hyväksyä sopimukseen vähäiset tekniset korjaukset" in text


def test_joint_posts_are_established_by_every_party_not_by_the_employer(statutory_clause) -> None:
    """KuntaL 53 §: identical decisions of the parties; the employer only carries the employer's duties."""
    _, text = statutory_clause(JOINT_POST, "KL53-1")
    assert "Sopijakunnat perustavat yhtäpitävillä päätöksillä" in text
    assert "Virat perustaa" not in text
    assert "molemmat sopijakunnat ovat tehneet virkojen perustamisesta yhtäpitävät päätökset" in text


def test_the_supplement_defers_to_the_employment_area_as_controller(built: Path) -> None:
    """Act 380/2023: the employment area's lead is the employment authority and the controller; the
    54 § agreement says so, and the supplement must not make the lead municipality controller instead."""
    supplement = clauses(open_docx(built, SUPPLEMENT))["Asiakirjat, arkisto ja tietosuoja"]
    assert "rekisterinpitäjä on työllisyysalueen vastuukunta, Kokkolan kaupunki" in supplement
    assert "henkilötietojen käsittelijänä" in supplement
    authority = clauses(open_docx(built, AUTHORITY_TASK))["Asiakirjat, arkisto ja tietosuoja"]
    assert "toimeksiantaja on niissä käsiteltävien henkilötietojen rekisterinpitäjä" in authority


# --- keeping things together on the page ---------------------------------------------------------------------


def _keeps_next(paragraph) -> bool:
    p_pr = paragraph._p.pPr
    return p_pr is not None and p_pr.find(qn("w:keepNext")) is not None


def test_a_lead_in_keeps_with_its_list_and_a_short_table_stays_together(built: Path) -> None:
    document = open_docx(built, JOINT_BODY)
    lead_in = next(p for p in document.paragraphs if p.text == "Yhteisen toimielimen tehtäviä ovat:")
    assert _keeps_next(lead_in)
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == lead_in.text) + 1
    items = paragraphs[start : start + 4]  # the four tasks
    assert all(p.style.name == "Clause Bullet" for p in items)
    assert [_keeps_next(p) for p in items] == [True, True, True, False]

    def kept(caption: str) -> list[bool]:
        table = table_by_caption(document, caption)
        return [all(_keeps_next(p) for cell in row.cells for p in cell.paragraphs) for row in table.rows]

    parties = kept(f"parties:{JOINT_BODY}")
    assert parties == [True] * (len(parties) - 1) + [False]
    # The cost table's last row keeps with the note under it (where its figures come from).
    assert all(kept(f"shares:{JOINT_BODY}"))
