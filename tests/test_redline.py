"""Redlines: what changed between two drafts, as real Word tracked changes and a summary.

Accepting every change in a redline must give exactly NEW's agreement text; the XML must hold the
very words that changed, as w:ins and w:del (with w:delText), with author and date.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from generator.build import build
from generator.cli import cli

EXAMPLE = Path(__file__).resolve().parent.parent / "agreements" / "kaustisen-seutukunta"
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
    shutil.copytree(EXAMPLE, case)
    _edit(case, "case.yaml", 'number: "0.1"', 'number: "0.2"')
    return case


def _diff(old: Path | str, new: Path | str, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["diff", str(old), str(new), "--out", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _accepted_equals_new(redline: Path, new_case: Path, tmp_path: Path, name: str) -> None:
    built = tmp_path / "built"
    assert build(new_case, built).case is not None
    assert text_of(accept_all(_body(redline))) == text_of(_body(built / name))


def test_a_changed_notice_period_is_one_deletion_and_one_insertion(new_case: Path, tmp_path: Path) -> None:
    _edit(new_case, "20-te24-taydentava-sopimus.yaml", "notice_months: 12", "notice_months: 6")
    code, output = _diff(EXAMPLE, new_case, tmp_path / "out")
    assert code == 0
    assert "Täydentävä yhteistoimintasopimus työllisyyspalveluista (TE24) – irtisanomisaika: 12 kuukautta → 6 kuukautta" in output
    redline = tmp_path / "out" / "te24-taydentava-sopimus-muutokset.docx"
    body = _body(redline)
    assert changes(body) == [("del", "12"), ("ins", "6")]
    deleted = body.find(f".//{W}del")
    assert deleted.get(f"{W}author") == "kuntasopimus" and deleted.get(f"{W}date") == "2024-10-15T12:00:00Z"
    assert deleted.find(f".//{W}delText") is not None and deleted.find(f".//{W}t") is None
    _accepted_equals_new(redline, new_case, tmp_path, "te24-taydentava-sopimus.docx")
    assert changes(_body(tmp_path / "out" / "yhteistoimintasopimus-muutokset.docx")) == []


def test_a_population_change_redlines_the_seats_in_text_and_table(new_case: Path, tmp_path: Path) -> None:
    _edit(new_case, "municipalities.yaml", "value: 3232,", "value: 2950,")
    _edit(new_case, "10-yhteistoimintasopimus.yaml", "declared_total: 17", "declared_total: 16")
    code, output = _diff(EXAMPLE, new_case, tmp_path / "out")
    assert code == 0
    assert "jäsenmäärä, Toholampi: 4 → 3" in output and "jäsenmäärä, Yhteensä: 17 → 16" in output
    assert "`toimielin.kokoonpano`" in output
    redline = tmp_path / "out" / "yhteistoimintasopimus-muutokset.docx"
    body = _body(redline)
    found = changes(body)
    assert ("del", "17") in found and ("ins", "16") in found
    toholampi = body.xpath(".//w:tbl[w:tblPr/w:tblCaption/@w:val='seats:yhteistoimintasopimus']"
                           "/w:tr[.//w:t='Toholampi']", namespaces=NS)[0]
    assert changes(toholampi) == [("del", "3\u00a0232"), ("ins", "2\u00a0950"), ("del", "4"), ("ins", "3")]
    _accepted_equals_new(redline, new_case, tmp_path, "yhteistoimintasopimus.docx")


def test_a_clause_override_is_redlined_and_marked_negotiated(new_case: Path, tmp_path: Path) -> None:
    wording = ("Sopimuksesta aiheutuvat erimielisyydet ratkaistaan ensin sovittelussa. Jos sovittelu ei johda "
               "ratkaisuun, erimielisyys ratkaistaan hallintoriita-asiana hallinto-oikeudessa kuntalain 63 §:n mukaisesti.")
    path = new_case / "10-yhteistoimintasopimus.yaml"
    path.write_text(path.read_text("utf-8") + f"overrides:\n  erimielisyydet:\n    text: {wording}\n", "utf-8")
    code, output = _diff(EXAMPLE, new_case, tmp_path / "out")
    assert code == 0 and "`erimielisyydet`" in output
    redline = tmp_path / "out" / "yhteistoimintasopimus-muutokset.docx"
    found = changes(_body(redline))
    assert ("ins", wording) in found
    assert any(kind == "del" and text.startswith("Sopimuksesta aiheutuvat erimielisyydet pyritään") for kind, text in found)
    _accepted_equals_new(redline, new_case, tmp_path, "yhteistoimintasopimus.docx")
    matrix = (tmp_path / "built" / "kaustisen-seutukunta-vaatimustenmukaisuus.md").read_text("utf-8")
    assert "| KL63 | KuntaL 63 § | erimielisyyksien ratkaiseminen | 5.4 Erimielisyyksien ratkaiseminen | ==Neuvoteltu sanamuoto – tarkista== |" in matrix


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
    shutil.copytree(EXAMPLE, repo / "agreements" / "x")
    git = ["git", "-c", "user.email=t@t.invalid", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], cwd=repo, check=True)
    _edit(repo / "agreements" / "x", "40-te24-yhteiset-virat-53.yaml", "notice_months: 6", "notice_months: 3")
    monkeypatch.chdir(repo)
    code, output = _diff("HEAD:agreements/x", "agreements/x", tmp_path / "out")
    assert code == 0, output
    assert "irtisanomisaika: 6 kuukautta → 3 kuukautta" in output and "1 muutosta." not in output
