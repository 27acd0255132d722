"""Council material: a deck and a decision proposal per council, all stating the model's figures.

Five councils receive the same agreements; one figure differing between two documents is a defect,
and `kuntasopimus check` must catch a number edited by hand.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from pptx import Presentation
from pptx.chart.data import CategoryChartData

from generator.build import build
from generator.cli import cli

EXAMPLE = Path(__file__).resolve().parent.parent / "agreements" / "kaustisen-seutukunta"
COUNCILS = ["halsua", "kaustinen", "lestijarvi", "toholampi", "veteli"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("council")
    assert build(EXAMPLE, out).case is not None
    return out


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text("utf-8"))


def _slide_texts(path: Path) -> list[str]:
    texts = []
    for slide in Presentation(str(path)).slides:
        parts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        texts.append("\n".join(parts))
    return texts


def test_every_council_gets_a_deck_and_a_proposal_in_the_manifest(built: Path) -> None:
    outputs = _manifest(built)["outputs"]
    decks = {o["municipality"]: o for o in outputs if o["kind"] == "deck"}
    proposals = {o["municipality"]: o for o in outputs if o["kind"] == "council_proposal"}
    assert sorted(decks) == sorted(proposals) == COUNCILS
    for municipality in COUNCILS:
        assert (built / decks[municipality]["path"]).suffix == ".pptx"
        assert (built / proposals[municipality]["path"]).suffix == ".docx"
        assert "KuntaL 51 §" in proposals[municipality]["legal_basis"]


def test_the_seat_chart_reads_2_5_2_4_4(built: Path) -> None:
    deck = Presentation(str(built / "halsua-valtuustoesitys.pptx"))
    charts = [s for slide in deck.slides for s in slide.shapes if s.name == "chart:seats:yhteistoimintasopimus"]
    assert len(charts) == 1
    plot = charts[0].chart.plots[0]
    assert list(plot.categories) == ["Halsua", "Kaustinen", "Lestijärvi", "Toholampi", "Veteli"]
    assert list(plot.series[0].values) == [2, 5, 2, 4, 4]


def test_every_content_slide_has_speaker_notes_and_a_16_9_page(built: Path) -> None:
    deck = Presentation(str(built / "veteli-valtuustoesitys.pptx"))
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)
    slides = list(deck.slides)
    assert len(slides) >= 12
    for slide in slides[1:]:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), slide.shapes.title.text


def test_decks_differ_only_where_they_name_the_council(built: Path) -> None:
    halsua = _slide_texts(built / "halsua-valtuustoesitys.pptx")
    veteli = _slide_texts(built / "veteli-valtuustoesitys.pptx")
    assert len(halsua) == len(veteli)
    differing = [i for i, (a, b) in enumerate(zip(halsua, veteli)) if a != b]
    titles = [t.split("\n", 1)[0] for t in halsua]
    assert [titles[i] for i in differing] == [titles[0], "Mitä tämä tarkoittaa: Halsua", "Päätösehdotus"]
    own = halsua[titles.index("Mitä tämä tarkoittaa: Halsua")]
    assert "2 / 17" in own and "9,51\u00a0%" in own and "8,19\u00a0%" in own and "Halsuan kunnantalo" in own


def test_contract_structure_is_native_shapes_and_labelled_connectors(built: Path) -> None:
    deck = Presentation(str(built / "kaustinen-valtuustoesitys.pptx"))
    slide = next(s for s in deck.slides if s.shapes.title.text == "Sopimusrakenne")
    boxes = [s.text_frame.text for s in slide.shapes if s.shape_type == 1]  # autoshapes
    connectors = [s for s in slide.shapes if s.shape_type == 9 or s.__class__.__name__ == "Connector"]
    assert any(text.startswith("Keski-Pohjanmaan työllisyysalue") for text in boxes)
    assert any(text.startswith("Kaustisen seutukunta") for text in boxes)
    assert len(connectors) == 6
    labels = [s.text_frame.text for s in slide.shapes if s.has_text_frame and "§" in s.text_frame.text]
    assert "KuntaL 51 §" in labels and any("KuntaL 54 §" in label and "380/2023 13 §" in label for label in labels)


def test_a_proposal_states_its_own_figures_and_the_appeal_instructions(built: Path) -> None:
    document = docx.Document(str(built / "kaustinen-paatosehdotus.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert text.startswith("LUONNOS\n§ __ ")
    assert "Kaustinen valitsee yhteisen toimielimen kokoonpanoon (seutuvaltuusto) 5 jäsentä; jäseniä on yhteensä 17." in text
    assert "Kaustinen maksaa 33,53\u00a0% kustannuksista" in text
    assert "Liite 1: Kaustisen seutukunnan yhteistoimintasopimus (yhteistoimintasopimus.docx)" in text
    assert "1) hyväksyy liitteinä 1–2 olevat sopimukset ja" in text
    assert "kunnallisvalituksella" in text and "30 päivän kuluessa" in text and "Vaasan hallinto-oikeus" in text
    assert "Valmistelija: kunnanjohtaja" in text and "Dnro: täydennetään" in text


def test_check_passes_on_a_fresh_build(built: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(built)])
    assert result.exit_code == 0, result.output


def test_check_names_the_file_and_fact_of_a_seat_edited_in_a_proposal(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(built, out)
    path = out / "toholampi-paatosehdotus.docx"
    document = docx.Document(str(path))
    for table in document.tables:
        if table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == "seats:yhteistoimintasopimus":
            row = next(r for r in table.rows if r.cells[0].text == "Kaustinen")
            row.cells[2].paragraphs[0].runs[0].text = "6"
    document.save(str(path))
    result = CliRunner().invoke(cli, ["check", str(out)])
    assert result.exit_code == 1
    (line,) = [line for line in result.stdout.splitlines() if "error" in line]
    assert line.startswith(f"{path}: error CHECK-FACT: ")
    assert "Kaustinen: jäsenmäärä on '6', mutta mallissa ja muissa asiakirjoissa '5'" in line


def test_check_reads_chart_data_edited_in_a_deck(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(built, out)
    path = out / "lestijarvi-valtuustoesitys.pptx"
    deck = Presentation(str(path))
    chart = next(s.chart for slide in deck.slides for s in slide.shapes if s.name == "chart:seats:yhteistoimintasopimus")
    data = CategoryChartData()
    data.categories = ["Halsua", "Kaustinen", "Lestijärvi", "Toholampi", "Veteli"]
    data.add_series("Jäseniä", (2, 5, 3, 4, 4))
    chart.replace_data(data)
    deck.save(str(path))
    result = CliRunner().invoke(cli, ["check", str(out)])
    assert result.exit_code == 1
    assert "lestijarvi-valtuustoesitys.pptx, dia" in result.stdout and "Lestijärvi: jäsenmäärä on '3'" in result.stdout


def test_decks_and_proposals_convert_to_pdf_in_libreoffice(built: Path, tmp_path: Path, soffice: str) -> None:
    files = [built / "halsua-valtuustoesitys.pptx", built / "halsua-paatosehdotus.docx"]
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *map(str, files)], check=True, capture_output=True, timeout=300)
    for f in files:
        pdf = tmp_path / (f.stem + ".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 10_000
