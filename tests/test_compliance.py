"""The compliance matrix, read back from the generated .docx, matches the agreements' own clauses.

A lawyer reads "KL52-3 … 4.1 Kustannusten jakoperuste … Täyttyy" in the matrix and expects clause
4.1 of the agreement to be exactly that clause; the test recounts Word's numbering from the headings.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import docx.table
import docx.text.paragraph
import pytest
from docx.oxml.ns import qn
from lxml import etree

from generator.build import build
from generator.model.entities import Agreement, Case
from generator.model.kinds.amendment import AmendmentDetails
from generator.model.outline import requirement_specs
from generator.validate import validate_case

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

EXAMPLE = Path(__file__).resolve().parent.parent / "agreements" / "kaustisen-seutukunta"
REPORT = "kaustisen-seutukunta-vaatimustenmukaisuus"
# The agreements the councils decide on, as the matrix heads them. The 2016 agreement is in force and
# not judged; its amendment is judged as the agreement it leaves.
AMENDED = "Kaustisen seutukunnan yhteistoimintasopimus (sopimus sellaisena kuin muutossopimus sen jättää)"
SUPPLEMENT = "Täydentävä yhteistoimintasopimus työllisyyspalveluista (TE24)"
AUTHORITY = "Sopimus työvoimaviranomaisen tehtävien hoitamisesta Halsuan, Kaustisen, Lestijärven, Toholammin ja Vetelin alueella"
TOOL = "kuntasopimus – automaattinen tarkistus"
ORIGINS = {"tapauskohtainen", "vakiomuotoilu", "neuvoteltu", "muutossopimus", "voimassa oleva"}
# "4.1 Kustannusten jakoperuste": the clause that meets a requirement, by its number and title.
_FIELDS = re.compile(r" \([a-z_]+(?:, [a-z_]+)*\)$")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("compliance")
    result = build(EXAMPLE, out, review=True)
    assert result.case is not None
    return out


def _numbered_headings(path: Path) -> dict[str, str]:
    """Clause number → title, counted the way Word numbers Heading 1 / Heading 2."""
    chapter = clause = 0
    numbered = {}
    for paragraph in docx.Document(str(path)).paragraphs:
        style = paragraph.style.name
        num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
        suppressed = num_pr is not None and num_pr.numId is not None and num_pr.numId.val == 0
        if style == "Heading 1" and not suppressed:
            chapter, clause = chapter + 1, 0
        elif style == "Heading 2":
            clause += 1
            numbered[f"{chapter}.{clause}"] = paragraph.text
    return numbered


def _report_tables(out: Path, report: str = REPORT) -> dict[str, list[list[list[str]]]]:
    """Agreement heading → the tables under it (requirements, then chapter checklist), as rows of
    cell texts without their header row."""
    document = docx.Document(str(out / f"{report}.docx"))
    found: dict[str, list[list[list[str]]]] = {}
    heading = None
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            paragraph = docx.text.paragraph.Paragraph(element, document)
            if paragraph.style.name == "Heading 1":
                heading = paragraph.text
                found[heading] = []
        elif element.tag == qn("w:tbl"):
            assert heading is not None
            table = docx.table.Table(element, document)
            # Soft hyphens let a narrow column break a long word at a syllable; they are not text.
            found[heading].append(
                [[c.text.replace("\u00a0", " ").replace("\u00ad", "") for c in row.cells] for row in table.rows[1:]]
            )
    return found


def _matrix(out: Path, report: str = REPORT) -> dict[str, list[list[str]]]:
    """Agreement heading → its requirement rows: rule, citation, requirement, clause (data), text, status."""
    tables = _report_tables(out, report)
    assert all(len(t) == 2 for t in tables.values()), {h: len(t) for h, t in tables.items()}
    return {heading: t[0] for heading, t in tables.items()}


def _clauses(where: str) -> list[tuple[str, str]]:
    """The clauses a matrix row cites ("2.3 Title; 2.4 Title (composition)") as (number, title)."""
    cited = [c.partition(" ") for c in _FIELDS.sub("", where).split("; ")]
    return [(number, title) for number, _, title in cited]


def test_every_applicable_requirement_of_the_example_is_met_but_the_unsourced_otto_oikeus(built: Path) -> None:
    matrix = _matrix(built)
    manifest = json.loads((built / "manifest.json").read_text("utf-8"))
    # One entry per agreement the councils decide on, as its Finnish version is titled; the summary of
    # the agreement in force is no entry of its own, and the amendment is judged as what it leaves.
    assert list(matrix) == [AMENDED, SUPPLEMENT, AUTHORITY]
    titles = {o["agreement"]: o["title"] for o in manifest["outputs"] if o["kind"] == "agreement" and o["lang"] == "fi"}
    assert titles["te24-taydentava-sopimus"] == SUPPLEMENT and titles["te24-viranomaistehtavat"] == AUTHORITY
    assert AMENDED.startswith(titles["yhteistoimintasopimus"])
    assert titles["yhteistoimintasopimuksen-muutos"] not in matrix
    statuses = {(title, row[0]): row[5] for title, rows in matrix.items() for row in rows}
    # Only applicable requirements are rows: none is "not applicable".
    assert not [key for key, status in statuses.items() if status.startswith("Ei sovellu")]
    # The sources say nothing of the otto-oikeus of the agreement in force (KL52-OTTO warns); what only
    # the agreement in force meets is not certified but checked against the signed original.
    unverified = "Tarkistettava alkuperäisestä"
    not_met = {key: status for key, status in statuses.items() if status != "Täyttyy"}
    assert not_met.pop((AMENDED, "KL52-OTTO")) == "Puuttuu"
    assert not_met and set(not_met.values()) == {unverified} and {title for title, _ in not_met} == {AMENDED}
    joint_body = {row[0]: row for row in matrix[AMENDED]}
    assert joint_body["KL52-3"][1:] == [
        "KuntaL 52 § 1 mom. 3 k.",
        "kustannusten perusteet ja jakautuminen",
        "–",
        "voimassa oleva",
        unverified,
    ]
    # A relied-on term of the agreement in force is named with its source, not with our number.
    assert joint_body["KL52-1"][3].startswith("Toimielimen tehtävät (Kuntaliitto")
    # The seats clause is the amendment's text; the member election clause stays as in force.
    assert joint_body["KL52-2"][3:] == [
        "2.3 Toimielimen kokoonpano; 2.4 Jäsenten valinta",
        "muutossopimus, voimassa oleva",
        "Täyttyy",
    ]
    assert joint_body["KL52-OTTO"][1:] == ["KuntaL 52 § 2 mom.", "vastuukunnan otto-oikeus", "–", "–", "Puuttuu"]
    # The 2016 agreement transfers no organising responsibility: that requirement is not its row.
    assert "KL52-1-8" not in joint_body
    for code in ("KL52-4", "KL63"):
        assert joint_body[code][5] == unverified
    supplement = {row[0]: row for row in matrix[SUPPLEMENT]}
    assert supplement["KL52-1-8"][3:] == [
        "2.1 Järjestämisvastuu ja viranomaisen toimivalta",
        "tapauskohtainen",
        "Täyttyy",
    ]


def test_matrix_clause_numbers_are_the_agreements_own(built: Path) -> None:
    matrix = _matrix(built)
    manifest = json.loads((built / "manifest.json").read_text("utf-8"))
    checked = []
    for output in (o for o in manifest["outputs"] if o["kind"] == "agreement" and o["lang"] == "fi"):
        if output["title"] not in matrix:
            continue
        headings = _numbered_headings(built / output["path"])
        for row in matrix[output["title"]]:
            if row[5] != "Täyttyy":
                continue
            for number, title in _clauses(row[3]):
                assert headings[number] == title, (output["path"], row)
        checked.append(output["title"])
    assert checked == [SUPPLEMENT, AUTHORITY]
    # The agreement as amended is never written out whole: the clauses the amendment restates are
    # the ones the matrix marks as the amendment's text, and its checklist names them as changed.
    restated = []
    chapter = None
    for paragraph in docx.Document(str(built / "yhteistoimintasopimuksen-muutos.docx")).paragraphs:
        if paragraph.style.name == "Heading 1":
            chapter = paragraph.text
        elif paragraph.style.name == "Heading 2" and chapter == "Muutokset sopimukseen":
            restated.append(paragraph.text)
    assert restated == ["Toimielimen kokoonpano"]
    marked = {title for row in matrix[AMENDED] if "muutossopimus" in row[4] for _, title in _clauses(row[3])}
    assert set(restated) <= marked
    checklist = _report_tables(built)[AMENDED][1]
    assert [row[2] for row in checklist if row[2].startswith("muutetaan")] == ["muutetaan: Toimielimen kokoonpano"]


def test_matrix_is_in_the_manifest_as_docx_and_markdown(built: Path) -> None:
    manifest = json.loads((built / "manifest.json").read_text("utf-8"))
    reports = [o for o in manifest["outputs"] if o["kind"] == "compliance_report"]
    assert sorted(o["path"] for o in reports) == [f"{REPORT}.docx", f"{REPORT}.md"]
    markdown = (built / f"{REPORT}.md").read_text("utf-8")
    assert (
        "| KL52-3 | KuntaL 52 § 1 mom. 3 k. | kustannusten perusteet ja jakautuminen | 4.1 Kustannusten jakoperuste"
        " | tapauskohtainen | Täyttyy |" in markdown
    )
    assert "| Sääntö | Lainkohta | Vaatimus | Sopimuksen kohta | Teksti | Tila |" in markdown


def _commented_clauses(path: Path) -> dict[str, tuple[list[list[str]], str, list[str]]]:
    """Clause title → (the notes of each comment on its heading, its text, its highlighted runs)."""
    with zipfile.ZipFile(path) as package:
        comments = etree.fromstring(package.read("word/comments.xml"))
        body = etree.fromstring(package.read("word/document.xml"))
    ns = {"w": W}
    notes = {
        c.get(f"{{{W}}}id"): ["".join(p.xpath(".//w:t/text()", namespaces=ns)) for p in c.xpath("w:p", namespaces=ns)]
        for c in comments.xpath("//w:comment", namespaces=ns)
    }
    clauses: dict[str, tuple[list[list[str]], str, list[str]]] = {}
    title = None
    for paragraph in body.xpath("//w:body/w:p | //w:body/w:tbl//w:p", namespaces=ns):
        style = paragraph.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=ns)
        if style in ("Heading1", "Heading2"):
            title = "".join(paragraph.xpath(".//w:t/text()", namespaces=ns)) if style == "Heading2" else None
            if title is not None:
                ids = paragraph.xpath(".//w:commentRangeStart/@w:id", namespaces=ns)
                clauses[title] = ([notes[i] for i in ids], "", [])
        elif title is not None:
            anchored, text, marked = clauses[title]
            runs = paragraph.xpath(".//w:r[w:rPr/w:highlight]", namespaces=ns)
            marked = marked + ["".join(r.xpath(".//w:t/text()", namespaces=ns)) for r in runs]
            clauses[title] = (anchored, text + "\n" + "".join(paragraph.xpath(".//w:t/text()", namespaces=ns)), marked)
    return clauses


# The supplement's clauses that carry a standard wording the case did not replace (the matrix's
# chapter checklist lists them as "vakiomuotoilu").
# The supplement's standard wordings (its liability and dissolution clauses are the case's own text).
STANDARD = {
    "Asiakirjat, arkisto ja tietosuoja",
    "Kieli",
    "Sopimuksen muuttaminen",
    "Erimielisyyksien ratkaiseminen",
    "Sopimuskappaleet",
}


def test_review_comments_are_the_tools_and_only_where_someone_must_act(built: Path) -> None:
    """A review copy's margin notes say what someone must do: confirm a standard wording, check an
    estimate (and where it comes from), obtain a missing fact. One note of each kind at most, on the
    clause concerned, by the tool (never a party), and never a requirement code or citation."""
    path = built / "te24-taydentava-sopimus.docx"
    with zipfile.ZipFile(path) as package:
        comments = package.read("word/comments.xml").decode("utf-8")
    assert set(re.findall(r'w:author="([^"]*)"', comments)) == {TOOL}
    assert set(re.findall(r'w:date="([^"]*)"', comments)) == {"2024-10-15T12:00:00Z"}
    assert not re.search(r"\(KL[0-9]|KuntaL|TVPL|§", comments)
    clauses = _commented_clauses(path)
    assert {"Sopijapuolet", "Kustannusten jakoperuste", "Irtisanominen"} <= set(clauses)
    seen = 0
    for title, (anchored, _text, marked) in clauses.items():
        assert len(anchored) <= 1, title  # one comment per clause
        notes = anchored[0] if anchored else []
        assert len(notes) == len(set(notes)), title
        kinds = {note.split(":", 1)[0] for note in notes}
        expected = set()
        if title in STANDARD:
            expected.add("Vakiomuotoilu")
        if any(m.endswith("*") for m in marked):
            expected.add("Arvio")
        if "tarkistettava" in marked:
            expected.add("Täydennettävä")
        assert kinds == expected, (title, notes)
        seen += len(notes)
    assert seen == len(STANDARD) + 1 + 3  # the parties' business IDs; shares, budget and notice estimated
    # Where the estimates come from is a note for the reviewer, never contract text.
    (cost_note,) = [n for n in clauses["Kustannusten jakoperuste"][0][0] if n.startswith("Arvio")]
    assert "Lähde: Asiakasmäärät ovat arvio" in cost_note
    assert all("Lähde:" not in text for _, text, _ in clauses.values())


def test_without_review_there_are_no_comments(tmp_path: Path) -> None:
    build(EXAMPLE, tmp_path)
    documents = sorted(tmp_path.glob("*.docx"))
    assert any(p.name == "te24-taydentava-sopimus.docx" for p in documents)
    for path in documents:
        with zipfile.ZipFile(path) as package:
            assert (
                "word/comments.xml" not in package.namelist()
                or "<w:comment " not in package.read("word/comments.xml").decode()
            ), path.name


def _judged(case: Case) -> dict[str, Agreement]:
    """Each agreement the matrix judges, by its heading: the drafts, and the agreement in force as
    its amendment leaves it."""
    judged = {}
    for agreement in case.agreements:
        if agreement.existing:
            continue
        if isinstance(agreement.details, AmendmentDetails):
            amended = agreement.details.amended
            assert amended is not None
            judged[f"{amended.title} (sopimus sellaisena kuin muutossopimus sen jättää)"] = amended
        else:
            judged[agreement.title] = agreement
    return judged


def test_every_agreement_lists_the_applicable_requirements_of_its_kind_and_sector_once(built: Path) -> None:
    """A lawyer reads the checklist of each agreement: every requirement its kind and its sector's
    act carry that applies to it, once and in outline order, none of another kind or act; a missing
    one without a clause and named again among the open questions."""
    matrix = _matrix(built)
    checklists = {title: tables[1] for title, tables in _report_tables(built).items()}
    markdown = (built / f"{REPORT}.md").read_text("utf-8")
    case, _ = validate_case(EXAMPLE)
    assert case is not None
    judged = _judged(case)
    assert list(judged) == list(matrix)
    left_out = {}
    for title, agreement in judged.items():
        rows = matrix[title]
        codes = [row[0] for row in rows]
        specs = requirement_specs(agreement)
        outline = [code for code, _ in specs]
        assert len(codes) == len(set(codes)), title
        assert codes == [code for code in outline if code in codes], title
        # A requirement that cannot be left out of an agreement of its kind is always a row.
        assert {code for code, spec in specs if spec.absent == "missing"} <= set(codes), title
        left_out[title] = [code for code in outline if code not in codes]
        for row in rows:
            if row[5] == "Täyttyy":
                assert row[3] != "–" and set(row[4].split(", ")) <= ORIGINS, (title, row)
            elif row[5] == "Tarkistettava alkuperäisestä":
                # Met, if at all, by the agreement in force: named by its relied-on term, never by our number.
                assert row[4] == "voimassa oleva" and not row[3][:1].isdigit(), (title, row)
            else:
                assert row[3:] == ["–", "–", "Puuttuu"], (title, row)
                assert f"{row[0]} ({row[1]}): " in markdown, row
        # The chapter checklist names each chapter of the agreement once.
        assert [r[0].split(" ", 1)[0] for r in checklists[title]] == [
            str(n) for n in range(1, len(checklists[title]) + 1)
        ]
    # Left out only where the requirement does not apply: the 2016 agreement transfers no organising
    # responsibility (KuntaL 8 §).
    assert left_out == {AMENDED: ["KL52-1-8"], SUPPLEMENT: [], AUTHORITY: []}


def test_requirements_of_other_kinds_and_sectors_are_not_rows(built: Path, tmp_path: Path) -> None:
    matrix = {title: {row[0]: row[5] for row in rows} for title, rows in _matrix(built).items()}
    joint_body, supplement, authority = matrix[AMENDED], matrix[SUPPLEMENT], matrix[AUTHORITY]
    # The 2016 joint body is regional development: neither 53 §, 54 § nor the employment act is its row.
    assert not {"KL53-3A", "KL54-2B", "TVPL13"} & set(joint_body)
    assert joint_body["KL52-3"] == "Tarkistettava alkuperäisestä" and "KL52-1-8" not in joint_body
    # The 54 § agreement in employment services also meets the employment act's 13 §.
    assert authority["TVPL13"] == "Täyttyy" and "KL53-1" not in authority and "KL52-3" not in authority
    assert not {"KL54-2A", "TVPL13", "KL53-1"} & set(supplement)
    # Joint posts (53 §): their own requirements, none of a joint body's (the Joutsa case has them).
    assert build(EXAMPLE.parent / "joutsan-seudun-rakennusvalvonta", tmp_path).case is not None
    posts = {
        row[0]: row[5]
        for row in _matrix(tmp_path, "joutsan-seudun-rakennusvalvonta-vaatimustenmukaisuus")[
            "Sopimus Joutsan ja Luhangan yhteisestä rakennustarkastajan virasta"
        ]
    }
    assert posts["KL53-3B"] == "Täyttyy" and posts["KL63"] == "Täyttyy" and "KL52-3" not in posts


def _words(text: str) -> set[str]:
    return {w.strip(".,;:()") for w in text.split()} - {""}


@pytest.mark.parametrize(
    "case", sorted(p for p in (EXAMPLE.parent).iterdir() if (p / "case.yaml").is_file()), ids=lambda p: p.name
)
def test_no_word_of_the_matrix_breaks_across_lines_in_libreoffice(
    case: Path, soffice: str, pdftotext: str, tmp_path: Path
) -> None:
    """Every word of every cell is whole in the rendered PDF: a column narrower than its longest word
    makes LibreOffice (and Word) split it mid-letters ("järjestämisva" / "stuu")."""
    out = tmp_path / "out"
    assert build(case, out).case is not None
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    (report,) = [
        out / o["path"] for o in manifest["outputs"] if o["kind"] == "compliance_report" and o["path"].endswith(".docx")
    ]
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(report),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    rendered = subprocess.run(
        [pdftotext, str(tmp_path / f"{report.stem}.pdf"), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    cells = {c.text for table in docx.Document(str(report)).tables for row in table.rows for c in row.cells}
    tokens = _words(rendered)
    # A citation's no-break spaces ("8\u00a0§") may come out of pdftotext as nothing ("8§").
    bound = [w.strip(".,;:()").split("\u00a0") for cell in cells for w in re.split(r"[ \t\n]+", cell) if "\u00a0" in w]

    def whole(word: str) -> bool:
        """On the page as it is, or broken only after its own hyphen ("otto-" / "oikeus"), which
        pdftotext joins back without the hyphen ("ottooikeus"), or at a soft hyphen (U+00AD), where
        the page shows "myndighets-" and "uppgifter"."""
        if "\u00ad" in word:
            head, _, tail = word.partition("\u00ad")
            return whole(head + tail) or (f"{head}-" in tokens and whole(tail))
        if word in tokens or ("-" in word and word.replace("-", "") in tokens):
            return True
        return any(word in parts and "".join(parts).strip(".,;:()") in tokens for parts in bound)

    assert sorted(w for cell in cells for w in _words(cell) if not whole(w)) == []
