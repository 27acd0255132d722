"""The compliance matrix, read back from the generated .docx, matches the agreements' own clauses.

A lawyer reads "KL52-3 … 3.1 Kustannusten jakoperuste … Täyttyy" in the matrix and expects clause
3.1 of the agreement to be exactly that clause; the test recounts Word's numbering from the headings.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from generator.build import build
from generator.model.outline import requirement_specs
from generator.validate import validate_case

EXAMPLE = Path(__file__).resolve().parent.parent / "agreements" / "kaustisen-seutukunta"
REPORT = "kaustisen-seutukunta-vaatimustenmukaisuus"


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


def _matrix(out: Path) -> dict[str, list[list[str]]]:
    """Agreement title → matrix rows, read from the report's tables and chapter headings."""
    document = docx.Document(str(out / f"{REPORT}.docx"))
    titles = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    tables = document.tables
    assert len(titles) == len(tables)
    return {
        title: [[c.text.replace("\u00a0", " ") for c in row.cells] for row in table.rows[1:]]
        for title, table in zip(titles, tables, strict=True)
    }


def test_every_statutory_requirement_of_the_example_is_met_or_not_applicable(built: Path) -> None:
    matrix = _matrix(built)
    manifest = json.loads((built / "manifest.json").read_text("utf-8"))
    # The matrix is in the case's language: one entry per agreement, as its Finnish version is titled.
    agreements = [o for o in manifest["outputs"] if o["kind"] == "agreement" and o["lang"] == "fi"]
    assert list(matrix) == [o["title"] for o in agreements]
    for title, rows in matrix.items():
        statuses = {row[0]: row[4] for row in rows}
        assert all(s == "Täyttyy" or s.startswith("Ei sovellu: ") for s in statuses.values()), (title, statuses)
    joint_body = {row[0]: row for row in matrix["Kaustisen seutukunnan yhteistoimintasopimus"]}
    assert joint_body["KL52-3"][1:] == [
        "KuntaL 52 § 1 mom. 3 k.",
        "kustannusten perusteet ja jakautuminen",
        "3.1 Kustannusten jakoperuste",
        "Täyttyy",
    ]
    assert joint_body["KL52-1-8"][4] == "Ei sovellu: järjestämisvastuu ei siirry vastuukunnalle"
    for code in ("KL52-1", "KL52-2", "KL52-4", "KL52-OTTO", "KL63"):
        assert joint_body[code][4] == "Täyttyy"


def test_matrix_clause_numbers_are_the_agreements_own(built: Path) -> None:
    matrix = _matrix(built)
    manifest = json.loads((built / "manifest.json").read_text("utf-8"))
    for output in (o for o in manifest["outputs"] if o["kind"] == "agreement" and o["lang"] == "fi"):
        headings = _numbered_headings(built / output["path"])
        for row in matrix[output["title"]]:
            if row[4] != "Täyttyy":
                continue
            for cited in row[3].split("; "):
                number, title = cited.split(" ", 1)
                assert headings[number] == title, (output["path"], row)


def test_matrix_is_in_the_manifest_as_docx_and_markdown(built: Path) -> None:
    manifest = json.loads((built / "manifest.json").read_text("utf-8"))
    reports = [o for o in manifest["outputs"] if o["kind"] == "compliance_report"]
    assert sorted(o["path"] for o in reports) == [f"{REPORT}.docx", f"{REPORT}.md"]
    markdown = (built / f"{REPORT}.md").read_text("utf-8")
    assert (
        "| KL52-3 | KuntaL 52 § 1 mom. 3 k. | kustannusten perusteet ja jakautuminen | 3.1 Kustannusten jakoperuste | Täyttyy |"
        in markdown
    )


def test_review_comments_name_citation_and_rule_code(built: Path) -> None:
    path = built / "yhteistoimintasopimus.docx"
    with zipfile.ZipFile(path) as package:
        comments = package.read("word/comments.xml").decode("utf-8")
        body = package.read("word/document.xml").decode("utf-8")
    assert "KuntaL 52 § 1 mom. 3 k. (KL52-3): kustannusten perusteet ja jakautuminen" in comments
    assert "KuntaL 63 § (KL63)" in comments
    headings_with_requirements = 10  # clauses of the joint body agreement that meet a requirement
    assert body.count("<w:commentRangeStart") == headings_with_requirements
    assert 'w:date="2024-10-15T12:00:00Z"' in comments


def test_without_review_there_are_no_comments(tmp_path: Path) -> None:
    build(EXAMPLE, tmp_path)
    with zipfile.ZipFile(tmp_path / "yhteistoimintasopimus.docx") as package:
        assert (
            "word/comments.xml" not in package.namelist()
            or "<w:comment " not in package.read("word/comments.xml").decode()
        )


def test_every_agreement_lists_the_requirements_of_its_kind_and_sector_once_with_a_reason_for_each_absent_one(
    built: Path,
) -> None:
    """A lawyer reads the checklist of each agreement: every requirement its kind and its sector's
    act carry, once, and none that belongs to another kind or another sector's act."""
    matrix = _matrix(built)
    case, _ = validate_case(EXAMPLE)
    assert case is not None
    for agreement in case.agreements:
        rows = matrix[agreement.title]
        assert sorted(row[0] for row in rows) == sorted(code for code, _ in requirement_specs(agreement)), agreement.id
        for row in rows:
            if row[4] == "Täyttyy":
                assert row[3] != "–", (agreement.title, row)
            else:
                assert row[3] == "–" and row[4].startswith(("Ei sovellu: ", "Puuttuu: ")), (agreement.title, row)
                assert len(row[4].split(": ", 1)[1]) > 10, (agreement.title, row)


def test_requirements_of_other_kinds_and_sectors_are_not_rows(built: Path) -> None:
    matrix = {title: {row[0]: row[4] for row in rows} for title, rows in _matrix(built).items()}
    joint_body = matrix["Kaustisen seutukunnan yhteistoimintasopimus"]
    authority = matrix["Sopimus työvoimaviranomaisen tehtävien hoitamisesta Kaustisen seutukunnan alueella"]
    posts = matrix["Sopimus työllisyysalueen yhteisistä viroista"]
    # The 2016 joint body is regional development: neither 53 §, 54 § nor the employment act is its row.
    assert not {"KL53-3A", "KL54-2B", "TVPL13"} & set(joint_body)
    assert joint_body["KL52-OTTO"] == "Täyttyy" and joint_body["KL52-1-8"].startswith("Ei sovellu: ")
    # The 54 § agreement in employment services also meets the employment act's 13 §.
    assert authority["TVPL13"] == "Täyttyy" and "KL53-1" not in authority
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
