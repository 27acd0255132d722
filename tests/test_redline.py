"""Redlines: what changed between two drafts, as real Word tracked changes and a summary.

Accepting every change in a redline must give exactly NEW's agreement text; the XML must hold the
very words that changed, as w:ins and w:del (with w:delText), with author and date.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import copy_case
from lxml import etree

from generator.build import build
from generator.cli import cli

EXAMPLE = Path(__file__).resolve().parent.parent / "agreements" / "kaustisen-seutukunta"
# A draft joint body whose seats follow the populations (KuntaL 51 §, one member per started 1 000).
BUILDING = EXAMPLE.parent / "joutsan-seudun-rakennusvalvonta"
SUPPLEMENT = "20-te24-taydentava-sopimus.yaml"
# The Kaustinen joint body is in force (never regenerated); its amendment restates the seats clause.
AMENDMENT = "15-muutossopimus.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


def _body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml")).find(f"{W}body")


def accept_all(body: etree._Element) -> etree._Element:
    """What Word's 'Accept all changes' does to the constructs the redline uses."""
    for row in body.xpath(".//w:tr[w:trPr/w:del]", namespaces=NS):
        row.getparent().remove(row)
    for paragraph in body.xpath(".//w:p[w:pPr/w:rPr/w:del]", namespaces=NS):
        paragraph.getparent().remove(paragraph)
    for deleted in body.xpath(".//w:del", namespaces=NS):
        deleted.getparent().remove(deleted)
    for inserted in body.xpath(".//w:ins", namespaces=NS):
        parent = inserted.getparent()
        index = parent.index(inserted)
        for child in list(inserted):
            parent.insert(index, child)
            index += 1
        parent.remove(inserted)
    return body


def reject_all(body: etree._Element) -> etree._Element:
    """What Word's 'Reject all changes' does: insertions go, deletions come back as ordinary text."""
    for row in body.xpath(".//w:tr[w:trPr/w:ins]", namespaces=NS):
        row.getparent().remove(row)
    for paragraph in body.xpath(".//w:p[w:pPr/w:rPr/w:ins]", namespaces=NS):
        paragraph.getparent().remove(paragraph)
    for inserted in body.xpath(".//w:ins", namespaces=NS):
        inserted.getparent().remove(inserted)
    for text in body.xpath(".//w:delText", namespaces=NS):
        text.tag = f"{W}t"
    for deleted in body.xpath(".//w:del", namespaces=NS):
        parent = deleted.getparent()
        if parent.tag in (f"{W}rPr", f"{W}trPr"):
            parent.remove(deleted)
            continue
        index = parent.index(deleted)
        for child in list(deleted):
            parent.insert(index, child)
            index += 1
        parent.remove(deleted)
    return body


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


def text_of(body: etree._Element) -> list[str]:
    return ["".join(p.xpath(".//w:t/text()", namespaces=NS)) for p in body.iter(f"{W}p")]


def changes(body: etree._Element) -> list[tuple[str, str]]:
    found = []
    for element in body.iter(f"{W}ins", f"{W}del"):
        text = "".join(element.xpath(".//w:t/text() | .//w:delText/text()", namespaces=NS))
        if text:
            found.append((etree.QName(element).localname, text))
    return found


def _edit(case: Path, name: str, old: str, new: str) -> None:
    path = case / name
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


@pytest.fixture()
def new_case(tmp_path: Path) -> Path:
    case = tmp_path / "new"
    copy_case(EXAMPLE, case)
    _edit(case, "case.yaml", 'number: "0.1"', 'number: "0.2"')
    return case


def _diff(old: Path | str, new: Path | str, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["diff", str(old), str(new), "--out", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _accepted_equals_new(redline: Path, new_case: Path, tmp_path: Path, name: str, old_case: Path = EXAMPLE) -> None:
    """Accepting every change gives NEW's document and rejecting every change OLD's: body and header."""
    built, built_old = tmp_path / "built", tmp_path / "built-old"
    if not built.exists():
        assert build(new_case, built).case is not None
    if not built_old.exists():
        assert build(old_case, built_old).case is not None
    assert text_of(accept_all(_body(redline))) == text_of(_body(built / name))
    assert text_of(reject_all(_body(redline))) == text_of(_body(built_old / name))
    assert text_of(accept_all(_part(redline, "word/header1.xml"))) == text_of(_part(built / name, "word/header1.xml"))
    assert text_of(reject_all(_part(redline, "word/header1.xml"))) == text_of(
        _part(built_old / name, "word/header1.xml")
    )


def _title_block(body: etree._Element) -> list[etree._Element]:
    """The paragraphs before the lead text: status, title, parties line, version, date."""
    block = []
    for paragraph in body:
        if paragraph.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) not in ("TitleMeta", "Title"):
            break
        block.append(paragraph)
    return block


def _changes_in(elements: list[etree._Element]) -> list[tuple[str, str]]:
    return [change for element in elements for change in changes(element)]


def test_a_changed_notice_period_is_one_deletion_and_one_insertion(new_case: Path, tmp_path: Path) -> None:
    _edit(new_case, SUPPLEMENT, "notice_months: 12", "notice_months: 6")
    code, output = _diff(EXAMPLE, new_case, tmp_path / "out")
    assert code == 0
    assert (
        "Täydentävä yhteistoimintasopimus työllisyyspalveluista (TE24) – irtisanomisaika: 12 kuukautta → 6 kuukautta"
        in output
    )
    redline = tmp_path / "out" / "te24-taydentava-sopimus-muutokset.docx"
    body = _body(redline)
    # The fixture's new version number is tracked in the title block, then the notice period.
    assert changes(body) == [("del", "0.1"), ("ins", "0.2"), ("del", "12"), ("ins", "6")]
    deleted = body.find(f".//{W}del")
    assert deleted.get(f"{W}author") == "kuntasopimus" and deleted.get(f"{W}date") == "2024-10-15T12:00:00Z"
    assert deleted.find(f".//{W}delText") is not None and deleted.find(f".//{W}t") is None
    _accepted_equals_new(redline, new_case, tmp_path, "te24-taydentava-sopimus.docx")
    # An agreement the edit does not touch: only the version in its title block changes.
    assert changes(_body(tmp_path / "out" / "te24-viranomaistehtavat-muutokset.docx")) == [
        ("del", "0.1"),
        ("ins", "0.2"),
    ]


def test_a_translated_agreement_gets_its_own_redline_in_its_language(new_case: Path, tmp_path: Path) -> None:
    _edit(new_case, "30-te24-viranomaistehtavat-54.yaml", "notice_months: 12", "notice_months: 6")
    code, _ = _diff(EXAMPLE, new_case, tmp_path / "out")
    assert code == 0
    finnish = _body(tmp_path / "out" / "te24-viranomaistehtavat-muutokset.docx")
    swedish = tmp_path / "out" / "te24-viranomaistehtavat-muutokset.sv.docx"
    assert changes(finnish)[-2:] == changes(_body(swedish))[-2:] == [("del", "12"), ("ins", "6")]
    assert any(p.startswith("Vardera avtalsparten kan säga upp avtalet") for p in text_of(_body(swedish)))
    _accepted_equals_new(swedish, new_case, tmp_path, "te24-viranomaistehtavat.sv.docx")
    assert not (tmp_path / "out" / "te24-taydentava-sopimus-muutokset.sv.docx").exists(), "Finnish only: no translation"


def test_a_population_change_redlines_the_seats_in_text_and_table(tmp_path: Path) -> None:
    """A draft joint body: Joutsa's 2024 population below 4 001 gives it 4 members instead of 5."""
    new_case = tmp_path / "new"
    copy_case(BUILDING, new_case)
    _edit(new_case, "municipalities.yaml", "value: 4110,", "value: 3950,")
    code, output = _diff(BUILDING, new_case, tmp_path / "out")
    assert code == 0
    assert "jäsenmäärä, Joutsa: 5 → 4" in output and "jäsenmäärä, Yhteensä: 7 → 6" in output
    assert "`toimielin.kokoonpano`" in output
    redline = tmp_path / "out" / "rakennusvalvontalautakunta-muutokset.docx"
    body = _body(redline)
    found = changes(body)
    assert ("del", "7") in found and ("ins", "6") in found
    joutsa = body.xpath(
        ".//w:tbl[w:tblPr/w:tblCaption/@w:val='seats:rakennusvalvontalautakunta']/w:tr[.//w:t='Joutsa']",
        namespaces=NS,
    )[0]
    # Population, members and deputies (one per member) all change.
    assert changes(joutsa) == [
        ("del", "4\u00a0110"),
        ("ins", "3\u00a0950"),
        ("del", "5"),
        ("ins", "4"),
        ("del", "5"),
        ("ins", "4"),
    ]
    _accepted_equals_new(redline, new_case, tmp_path, "rakennusvalvontalautakunta.docx", old_case=BUILDING)


def test_a_population_change_redlines_the_seats_the_amendment_restates(new_case: Path, tmp_path: Path) -> None:
    """The Kaustinen seats are the amendment's (2024 populations): Toholampi 2 799 → 3 050 gives it
    4 members instead of 3, and the amendment restates the seats clause with 16 members."""
    _edit(new_case, "municipalities.yaml", "value: 2799,", "value: 3050,")
    _edit(new_case, AMENDMENT, "declared_total: 15", "declared_total: 16")
    code, output = _diff(EXAMPLE, new_case, tmp_path / "out")
    assert code == 0
    assert "jäsenmäärä, Toholampi: 3 → 4" in output and "jäsenmäärä, Yhteensä: 15 → 16" in output
    redline = tmp_path / "out" / "yhteistoimintasopimuksen-muutos-muutokset.docx"
    body = _body(redline)
    found = changes(body)
    assert ("del", "15") in found and ("ins", "16") in found
    toholampi = body.xpath(
        ".//w:tbl[w:tblPr/w:tblCaption/@w:val='seats:yhteistoimintasopimus']/w:tr[.//w:t='Toholampi']", namespaces=NS
    )[0]
    assert changes(toholampi) == [
        ("del", "2\u00a0799"),
        ("ins", "3\u00a0050"),
        ("del", "3"),
        ("ins", "4"),
        ("del", "3"),
        ("ins", "4"),
    ]
    _accepted_equals_new(redline, new_case, tmp_path, "yhteistoimintasopimuksen-muutos.docx")


def test_the_agreement_in_force_is_never_redlined_as_a_draft(new_case: Path, tmp_path: Path) -> None:
    """An agreement in force is never regenerated, not even in a redline: if the diff writes one for
    it, accepting it gives the summary the build writes (which carries no version to track)."""
    code, _ = _diff(EXAMPLE, new_case, tmp_path / "out")
    assert code == 0
    redline = tmp_path / "out" / "yhteistoimintasopimus-muutokset.docx"
    if redline.exists():
        assert "LUONNOS" not in text_of(_body(redline))
        _accepted_equals_new(redline, new_case, tmp_path, "yhteistoimintasopimus-tiivistelma.docx")


def test_a_clause_override_is_redlined_and_marked_negotiated(new_case: Path, tmp_path: Path) -> None:
    wording = (
        "Sopimuksesta aiheutuvat erimielisyydet ratkaistaan ensin sovittelussa. Jos sovittelu ei johda "
        "ratkaisuun, erimielisyys ratkaistaan hallintoriita-asiana hallinto-oikeudessa kuntalain 63 §:n mukaisesti."
    )
    path = new_case / SUPPLEMENT
    path.write_text(path.read_text("utf-8") + f"overrides:\n  erimielisyydet:\n    text: {wording}\n", "utf-8")
    code, output = _diff(EXAMPLE, new_case, tmp_path / "out")
    assert code == 0 and "`erimielisyydet`" in output
    redline = tmp_path / "out" / "te24-taydentava-sopimus-muutokset.docx"
    found = changes(_body(redline))
    assert ("ins", wording) in found
    assert any(
        kind == "del" and text.startswith("Sopimuksesta aiheutuvat erimielisyydet pyritään") for kind, text in found
    )
    _accepted_equals_new(redline, new_case, tmp_path, "te24-taydentava-sopimus.docx")
    matrix = (tmp_path / "built" / "kaustisen-seutukunta-vaatimustenmukaisuus.md").read_text("utf-8")
    assert (
        "| KL63 | KuntaL 63 § | erimielisyyksien ratkaiseminen | 6.5 Erimielisyyksien ratkaiseminen | neuvoteltu"
        " | ==Neuvoteltu – tarkista== |" in matrix
    )


def test_an_unchanged_input_gives_an_empty_diff(tmp_path: Path) -> None:
    code, output = _diff(EXAMPLE, EXAMPLE, tmp_path / "out")
    assert code == 0 and "Ei muutoksia." in output
    for redline in (tmp_path / "out").glob("*.docx"):
        assert changes(_body(redline)) == []


def test_a_broken_new_draft_exits_1(new_case: Path, tmp_path: Path) -> None:
    _edit(new_case, "20-te24-taydentava-sopimus.yaml", "notice_months: 12", "notice_months: kaksitoista")
    code, output = _diff(EXAMPLE, new_case, tmp_path / "out")
    assert code == 1 and "SCHEMA-TYPE" in output


def test_old_can_be_a_git_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    copy_case(EXAMPLE, repo / "agreements" / "x")
    git = ["git", "-c", "user.email=t@t.invalid", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], cwd=repo, check=True)
    _edit(repo / "agreements" / "x", SUPPLEMENT, "notice_months: 12", "notice_months: 6")
    monkeypatch.chdir(repo)
    code, output = _diff("HEAD:agreements/x", "agreements/x", tmp_path / "out")
    assert code == 0, output
    assert "irtisanomisaika: 12 kuukautta → 6 kuukautta" in output and "1 muutosta." not in output


def test_the_title_block_and_header_track_version_status_and_date(new_case: Path, tmp_path: Path) -> None:
    _edit(new_case, "case.yaml", "status: luonnos", "status: neuvottelutulos")
    _edit(new_case, "case.yaml", "date: 2024-10-15", "date: 2024-11-04")
    code, output = _diff(EXAMPLE, new_case, tmp_path / "out")
    assert code == 0
    assert "versio: 0.1 (luonnos, 15.10.2024) → 0.2 (neuvottelutulos, 4.11.2024)" in output
    redline = tmp_path / "out" / "te24-taydentava-sopimus-muutokset.docx"
    body = _body(redline)
    assert _changes_in(_title_block(body)) == [
        ("del", "LUONNOS"),
        ("ins", "NEUVOTTELUTULOS"),
        ("del", "0.1"),
        ("ins", "0.2"),
        ("del", "15.10.2024"),
        ("ins", "4.11.2024"),
    ]
    status = body.find(f".//{W}del")
    assert status.get(f"{W}author") == "kuntasopimus" and status.get(f"{W}date") == "2024-11-04T12:00:00Z"
    assert status.find(f".//{W}rPr/{W}b") is not None, "the tracked status keeps its bold formatting"
    header = changes(_part(redline, "word/header1.xml"))
    # The header's title is shortened the same way whatever the status, so only the status changes.
    assert header == [
        ("del", "LUONNOS"),
        ("ins", "NEUVOTTELUTULOS"),
        ("del", "0.1"),
        ("ins", "0.2"),
        ("del", "15.10.2024"),
        ("ins", "4.11.2024"),
    ]
    ids = [int(i) for i in body.xpath(".//w:ins/@w:id | .//w:del/@w:id", namespaces=NS)]
    ids += [int(i) for i in _part(redline, "word/header1.xml").xpath(".//w:ins/@w:id | .//w:del/@w:id", namespaces=NS)]
    assert len(ids) == len(set(ids)), "revision ids are unique across the document and its header"
    _accepted_equals_new(redline, new_case, tmp_path, "te24-taydentava-sopimus.docx")


def test_a_new_party_is_tracked_in_the_parties_line_and_named_in_the_summary(new_case: Path, tmp_path: Path) -> None:
    supplement = SUPPLEMENT
    _edit(
        new_case,
        supplement,
        "parties: [halsua, kaustinen, lestijarvi, toholampi, veteli]",
        "parties: [halsua, kaustinen, lestijarvi, toholampi, veteli, perho]",
    )
    _edit(new_case, supplement, "veteli: 108}", "veteli: 108, perho: 10}")
    code, output = _diff(EXAMPLE, new_case, tmp_path / "out")
    assert code == 0, output
    assert "- Perhon kunta – Y-tunnus: – → tarkistettava" in output
    assert "Kaustisen seutukunnan yhteistoiminta ja työllisyyspalvelut (TE24) – Y-tunnus" not in output
    redline = tmp_path / "out" / "te24-taydentava-sopimus-muutokset.docx"
    (parties_line,) = [
        p
        for p in _title_block(_body(redline))
        if "".join(p.xpath(".//w:t/text()", namespaces=NS)).startswith("Sopijapuolet: ")
    ]
    inserted = "".join(text for kind, text in changes(parties_line) if kind == "ins")
    deleted = "".join(text for kind, text in changes(parties_line) if kind == "del")
    assert "Perhon" in inserted and deleted.strip(", ") == ""
    assert text_of(accept_all(parties_line))[0].endswith("Vetelin kunta, Perhon kunta")
    # The signature block: the last row (Veteli beside an empty cell) is replaced by Veteli beside Perho.
    signatures = _body(redline).findall(f"{W}tbl")[-1]
    deleted = signatures.xpath("w:tr[w:trPr/w:del]", namespaces=NS)
    inserted = signatures.xpath("w:tr[w:trPr/w:ins]", namespaces=NS)
    assert len(deleted) == 1 and len(inserted) == 1
    assert "".join(deleted[0].xpath(".//w:delText/text()", namespaces=NS)).startswith("Vetelin kunta")
    assert "Perhon kunta" in "".join(inserted[0].xpath(".//w:ins//w:t/text()", namespaces=NS))
    _accepted_equals_new(redline, new_case, tmp_path, "te24-taydentava-sopimus.docx")
