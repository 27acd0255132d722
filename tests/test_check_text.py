"""`kuntasopimus check` finds a figure edited by hand wherever it stands: in a sentence, on a slide,
in a table that lost its caption when the file was re-saved in another program.

Each test edits one built file the way a person would (the text of a run, a cell), then runs check
and expects exactly the fact that was changed to be named, with the file.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from generator.readback.consistency import check_outputs
from generator.readback.docx_reader import read_docx


@pytest.fixture
def out(built: Path, tmp_path: Path) -> Path:
    """A private copy of the session's build of the example, safe to edit."""
    copy = tmp_path / "out"
    shutil.copytree(built, copy)
    return copy


def edit_part(path: Path, part: str, change) -> None:
    """Rewrite one XML part of a package with ``change(text) -> text``."""
    source = zipfile.ZipFile(path)
    parts = [(info, source.read(info.filename)) for info in source.infolist()]
    source.close()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            if info.filename == part:
                edited = change(data.decode("utf-8"))
                assert edited != data.decode("utf-8"), f"the edit changed nothing in {part}"
                data = edited.encode("utf-8")
            target.writestr(info, data)


def replace_once(old: str, new: str):
    def change(text: str) -> str:
        assert text.count(old) >= 1, old
        return text.replace(old, new, 1)

    return change


def errors(out: Path) -> list[tuple[str, str, str, str]]:
    return [
        (Path(f.position.file).name, f.params["fact"], f.params["found"], f.params["expected"])
        for f in check_outputs(out)
        if f.severity == "error"
    ]


def test_an_untouched_build_is_consistent(out: Path) -> None:
    assert check_outputs(out) == []


def test_a_seat_total_edited_in_the_agreement_text_is_named(out: Path) -> None:
    """The amendment restates the composition clause: 'toimielimeen kuuluu 15 jäsentä'."""
    edit_part(
        out / "yhteistoimintasopimuksen-muutos.docx",
        "word/document.xml",
        replace_once(
            'kuuluu </w:t></w:r><w:r><w:t xml:space="preserve">15',
            'kuuluu </w:t></w:r><w:r><w:t xml:space="preserve">16',
        ),
    )
    assert errors(out) == [("yhteistoimintasopimuksen-muutos.docx", "seats:yhteistoimintasopimus:Yhteensä", "16", "15")]


def test_a_share_edited_in_a_proposal_sentence_is_named(out: Path) -> None:
    """'Halsua maksaa 8,19 % kustannuksista': the sentence comes before the table that repeats it."""
    edit_part(
        out / "halsua-paatosehdotus.docx",
        "word/document.xml",
        replace_once(
            ">8,19\u00a0%*<",  # the share is computed from estimated counts: starred
            ">8,29\u00a0%*<",
        ),
    )
    assert errors(out) == [("halsua-paatosehdotus.docx", "share:te24-taydentava-sopimus:Halsua", "8,29 %", "8,19 %")]


def slide_with(path: Path, text: str) -> str:
    package = zipfile.ZipFile(path)
    return next(
        n
        for n in package.namelist()
        if re.fullmatch(r"ppt/slides/slide\d+\.xml", n) and text in package.read(n).decode("utf-8")
    )


def test_a_seat_edited_on_the_councils_own_slide_is_named(out: Path) -> None:
    deck = out / "halsua-valtuustoesitys.pptx"
    edit_part(deck, slide_with(deck, "Päätettävänä tänään"), replace_once("<a:t>2</a:t>", "<a:t>3</a:t>"))
    assert ("halsua-valtuustoesitys.pptx", "seats:yhteistoimintasopimus:Halsua", "3", "2") in errors(out)


def test_the_same_sentence_on_two_slides_is_checked_on_each(out: Path) -> None:
    """'Seutuvaltuusto: 15 jäsentä' (as amended) stands on the governance slide and as the
    composition slide's title; an edit of either one must not be vouched for by the other."""
    deck = out / "veteli-valtuustoesitys.pptx"
    edit_part(deck, slide_with(deck, "hallintomalli"), replace_once("<a:t>15</a:t>", "<a:t>16</a:t>"))
    assert errors(out) == [("veteli-valtuustoesitys.pptx", "seats:yhteistoimintasopimus:Yhteensä", "16", "15")]


def test_a_rewritten_sentence_is_a_warning_that_names_the_fact_it_can_no_longer_check(out: Path) -> None:
    edit_part(
        out / "te24-taydentava-sopimus.docx",
        "word/document.xml",
        replace_once("Irtisanomisaika on", "Sopimuksen irtisanomisaika on"),
    )
    findings = check_outputs(out)
    assert [(f.code, f.severity, f.params["fact"]) for f in findings] == [
        ("CHECK-ANCHOR", "warning", "notice:te24-taydentava-sopimus")
    ]


def without_captions(text: str) -> str:
    return re.sub(r'<w:tblCaption w:val="[^"]*"/>', "", text)


def test_a_table_that_lost_its_caption_is_still_read_and_checked(out: Path) -> None:
    proposal = out / "veteli-paatosehdotus.docx"
    edit_part(proposal, "word/document.xml", without_captions)
    assert check_outputs(out) == []

    def veteli_seats_four(text: str) -> str:
        seats = next(t for t in re.findall(r"<w:tbl>.*?</w:tbl>", text, flags=re.S) if "Jäseniä" in t)
        row = next(r for r in re.findall(r"<w:tr>.*?</w:tr>", seats, flags=re.S) if ">Veteli<" in r)
        # Kunta | Asukasluku | Jäseniä | Varajäseniä: the members' cell (the third) says 3, and becomes 4.
        cells = re.findall(r"<w:tc>.*?</w:tc>", row, flags=re.S)
        assert len(cells) == 4 and ">3<" in cells[2], cells
        # The deputies' cell may be the same XML: replace the first of them only.
        return text.replace(row, row.replace(cells[2], cells[2].replace(">3<", ">4<"), 1))

    edit_part(proposal, "word/document.xml", veteli_seats_four)
    assert errors(out) == [("veteli-paatosehdotus.docx", "seats:yhteistoimintasopimus:Veteli", "4", "3")]


def test_a_deleted_table_is_reported_as_unchecked(out: Path) -> None:
    def drop_seats_table(text: str) -> str:
        seats = next(t for t in re.findall(r"<w:tbl>.*?</w:tbl>", text, flags=re.S) if "Jäseniä" in t)
        return text.replace(seats, "")

    edit_part(out / "toholampi-paatosehdotus.docx", "word/document.xml", drop_seats_table)
    assert [(f.code, f.params.get("table")) for f in check_outputs(out)] == [
        ("CHECK-TABLE", "seats:yhteistoimintasopimus")
    ]


def test_a_proposal_re_saved_by_libreoffice_still_checks_clean(soffice: str, out: Path, tmp_path: Path) -> None:
    import subprocess

    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path / "lo"),
            str(out / "kaustinen-paatosehdotus.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    shutil.copy(tmp_path / "lo" / "kaustinen-paatosehdotus.docx", out / "kaustinen-paatosehdotus.docx")
    resaved = out / "kaustinen-paatosehdotus.docx"
    assert "tblCaption" not in zipfile.ZipFile(resaved).read("word/document.xml").decode()
    assert check_outputs(out) == []
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    entry = next(o for o in manifest["outputs"] if o["path"] == resaved.name)
    observed = {o.key: o.value for o in read_docx(resaved, resaved.name, "Yhteensä", {}, tables=entry["tables"])}
    assert observed["seats:yhteistoimintasopimus:Kaustinen"] == "5", "the seats table was not read after the re-save"
