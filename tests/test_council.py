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


def _shapes(slide) -> list:
    """Every shape on the slide, those inside a group too (a diagram is one group of shapes)."""

    def flat(shapes) -> list:
        return [inner for s in shapes for inner in (flat(s.shapes) if s.shape_type == 6 else [s])]

    return flat(slide.shapes)


def _slide_texts(path: Path) -> list[str]:
    texts = []
    for slide in Presentation(str(path)).slides:
        parts = [shape.text_frame.text for shape in _shapes(slide) if shape.has_text_frame]
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
    differing = [i for i, (a, b) in enumerate(zip(halsua, veteli, strict=True)) if a != b]
    titles = [t.split("\n", 1)[0] for t in halsua]
    assert [titles[i] for i in differing] == [titles[0], "Mitä tämä tarkoittaa: Halsua", "Päätösehdotus"]
    own = halsua[titles.index("Mitä tämä tarkoittaa: Halsua")]
    assert "2 / 17" in own and "9,51\u00a0%" in own and "8,19\u00a0%" in own and "Halsuan kunnantalo" in own


def test_contract_structure_is_native_shapes_and_labelled_connectors(built: Path) -> None:
    deck = Presentation(str(built / "kaustinen-valtuustoesitys.pptx"))
    slide = next(s for s in deck.slides if s.shapes.title.text == "Sopimusrakenne")
    boxes = [s.text_frame.text for s in _shapes(slide) if s.shape_type == 1]  # autoshapes
    connectors = [s for s in _shapes(slide) if s.shape_type == 9 or s.__class__.__name__ == "Connector"]
    assert any(text.startswith("Keski-Pohjanmaan työllisyysalue") for text in boxes)
    assert any(text.startswith("Kaustisen seutukunta") for text in boxes)
    assert len(connectors) == 6
    labels = [s.text_frame.text for s in _shapes(slide) if s.has_text_frame and "§" in s.text_frame.text]
    # Citations carry no-break spaces, so a label never breaks inside "KuntaL 51 §" or "380/2023 13 §".
    assert "KuntaL\u00a051\u00a0§" in labels
    assert any("KuntaL\u00a054\u00a0§" in label and "380/2023\u00a013\u00a0§" in label for label in labels)
    assert labels.count("KuntaL\u00a049\u00a0§, 52\u00a0§") == 1  # the fan to the members is labelled once


def test_a_proposal_states_its_own_figures_and_the_appeal_instructions(built: Path) -> None:
    document = docx.Document(str(built / "kaustinen-paatosehdotus.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert text.startswith("LUONNOS\n§ __ ")
    assert (
        "Kaustinen valitsee yhteisen toimielimen kokoonpanoon (seutuvaltuusto) 5\u00a0jäsentä ja 5 varajäsentä;"
        " jäseniä on yhteensä 17." in text
    )
    assert "Kaustinen maksaa 33,53\u00a0% kustannuksista" in text
    # The 2016 agreement is in force: background and information, not an attachment to approve.
    assert (
        "Liite 1: Täydentävä yhteistoimintasopimus työllisyyspalveluista (TE24) (te24-taydentava-sopimus.docx)" in text
    )
    assert "voimassa oleva Kaustisen seutukunnan yhteistoimintasopimus (yhteistoimintasopimus.docx)" in text
    assert "1) hyväksyy liitteenä 1 olevan sopimuksen ja" in text
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
    chart = next(
        s.chart for slide in deck.slides for s in slide.shapes if s.name == "chart:seats:yhteistoimintasopimus"
    )
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
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for f in files:
        pdf = tmp_path / (f.stem + ".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 10_000


# --- the agreement in force, money flows, joint posts, seats, appeal, layout ----------------------------------

JARVI = EXAMPLE.parent / "jarvi-saimaan-tyollisyys"


@pytest.fixture(scope="module")
def jarvi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("jarvi")
    assert build(JARVI, out).case is not None
    return out


def _text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def _chapter(path: Path, title: str) -> list:
    """The paragraphs under the Heading 1 ``title`` of a proposal."""
    paragraphs = docx.Document(str(path)).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1" and p.text == title) + 1
    end = next((i for i in range(start, len(paragraphs)) if paragraphs[i].style.name == "Heading 1"), len(paragraphs))
    return paragraphs[start:end]


@pytest.mark.parametrize("council", COUNCILS)
def test_the_agreement_in_force_is_not_in_any_approval_list(built: Path, council: str) -> None:
    text = _text(built / f"{council}-paatosehdotus.docx")
    attachments = "\n".join(p.text for p in _chapter(built / f"{council}-paatosehdotus.docx", "Liitteet"))
    assert "Liite" not in attachments.split("Kaustisen seutukunnan yhteistoimintasopimus")[0].splitlines()[-1]
    assert "Oheismateriaali (tiedoksi)" in attachments
    assert "voimassa olevaan sopimukseen: Kaustisen seutukunnan yhteistoimintasopimus" in text
    assert "Voimassa oleva Kaustisen seutukunnan yhteistoimintasopimus jatkuu ennallaan." in text
    terms = next(
        t
        for t in docx.Document(str(built / f"{council}-paatosehdotus.docx")).tables
        if t._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == "terms"
    )
    assert "1.1.2016" not in "\n".join(c.text for row in terms.rows for c in row.cells)
    deck = _slide_texts(built / f"{council}-valtuustoesitys.pptx")
    proposal_slide = next(t for t in deck if t.startswith("Päätösehdotus"))
    approve = next(line for line in proposal_slide.splitlines() if line.startswith("hyväksyy"))
    assert "Kaustisen seutukunnan yhteistoimintasopimus" not in approve


def test_the_timeline_ends_with_the_entry_into_force_of_what_is_approved(built: Path) -> None:
    slide = next(t for t in _slide_texts(built / "halsua-valtuustoesitys.pptx") if t.startswith("Käsittelyaikataulu"))
    assert "Voimaantulo\n1.1.2025" in slide and "2016" not in slide


def test_the_provider_is_compensated_not_charged_a_zero_share(built: Path) -> None:
    text = _text(built / "lestijarvi-paatosehdotus.docx")
    assert (
        "Kokkolan kaupunki korvaa Lestijärven kunnalle tehtävien hoidosta aiheutuvat kustannukset, "
        "vuoden 2025 kustannusarviolla 300\u00a0000\u00a0€*"
    ) in text
    assert " 0,00\u00a0%" not in text and "Kunta ei maksa osuutta" not in text
    deck = _slide_texts(built / "lestijarvi-valtuustoesitys.pptx")
    own = next(t for t in deck if t.startswith("Mitä tämä tarkoittaa"))
    assert " 0,00" not in own and "korvaa kunnalle" in own
    assert "(kustannusarvio 2016)" in own and "(kustannusarvio 2025)" in own  # euros carry their years
    titles = [t.split("\n", 1)[0] for t in deck]
    # Every agreement the slide cites has its own cost slide.
    assert (
        "Kustannusten korvaaminen: Sopimus työvoimaviranomaisen tehtävien hoitamisesta Kaustisen seutukunnan alueella"
        in titles
    )
    assert "Kustannusten jako: Sopimus työllisyysalueen yhteisistä viroista" in titles


def test_each_party_to_joint_posts_decides_to_establish_them(built: Path, jarvi: Path) -> None:
    decision = "\n".join(p.text for p in _chapter(built / "lestijarvi-paatosehdotus.docx", "Päätösehdotus"))
    assert (
        "2) perustaa Kokkolan kaupungin kanssa yhtäpitävin päätöksin kuntalain 53\u00a0§:n mukaiset yhteiset virat"
        in decision
    )
    assert "3) valtuuttaa kunnanhallituksen" in decision
    halsua = "\n".join(p.text for p in _chapter(built / "halsua-paatosehdotus.docx", "Päätösehdotus"))
    assert "perustaa" not in halsua and "2) valtuuttaa kunnanhallituksen" in halsua
    for council in ("juva", "sulkava", "rantasalmi", "puumala"):
        text = "\n".join(p.text for p in _chapter(jarvi / f"{council}-paatosehdotus.docx", "Päätösehdotus"))
        assert "2) perustaa" in text and "yhteiset virat työllisyyspäällikkö (1)" in text


def test_councillors_see_what_current_populations_would_give(built: Path) -> None:
    """The seats use 2016 populations; 2024 figures give 15 (the model's SeatDrift, as SEAT-AGE warns)."""
    text = _text(built / "toholampi-paatosehdotus.docx")
    assert "Vuoden 2024 asukasluvuilla sama sääntö antaisi toimielimeen 15\u00a0jäsentä (Toholampi 3)" in text
    deck = _slide_texts(built / "toholampi-valtuustoesitys.pptx")
    seats = next(t for t in deck if t.startswith("Seutuvaltuusto: 17"))
    assert "Vuoden 2024 asukasluvuilla sama sääntö antaisi 15\u00a0jäsentä" in seats
    own = next(t for t in deck if t.startswith("Mitä tämä tarkoittaa"))
    assert "4 / 17, varajäseniä 4 (vuoden 2024 asukasluvuilla 3 / 15)" in own


def test_the_comparison_shows_the_chosen_basis_with_current_figures(built: Path) -> None:
    deck = Presentation(str(built / "halsua-valtuustoesitys.pptx"))
    table = next(s for slide in deck.slides for s in slide.shapes if s.name == "table:comparison:yhteistoimintasopimus")
    header = [c.text for c in table.table.rows[0].cells]
    assert header[1] == "Asukasluku 2016 (valittu)" and header[2] == "Asukasluku 2024"


def test_the_appeal_instructions_say_where_how_when_and_what(built: Path) -> None:
    text = "\n".join(p.text for p in _chapter(built / "veteli-paatosehdotus.docx", "Muutoksenhaku"))
    for part in (
        "Valitusviranomainen on Vaasan hallinto-oikeus",
        "30 päivän kuluessa päätöksen tiedoksisaannista",
        "Tiedoksisaantipäivää ei lueta valitusaikaan",
        "Valituksen sisältö:",
        "Valituksen liitteet:",
        "Valituksen toimittaminen:",
        "tuomioistuinmaksulain (1455/2015)",
        "kuntalaki 137\u00a0§",
    ):
        assert part in text, part


def test_the_decision_keeps_together_on_one_page(jarvi: Path) -> None:
    decision = _chapter(jarvi / "juva-paatosehdotus.docx", "Päätösehdotus")
    kept = [p._p.pPr.find(qn("w:keepNext")) is not None for p in decision]
    assert kept == [True] * (len(decision) - 1) + [False]


def test_the_second_case_quotes_only_the_sections_it_uses_and_draws_its_joint_posts(jarvi: Path) -> None:
    deck = Presentation(str(jarvi / "juva-valtuustoesitys.pptx"))
    law = next(s for s in deck.slides if s.shapes.title.text.startswith("Lainsäädäntö: kuntalaki"))
    text = "\n".join(s.text_frame.text for s in law.shapes if s.has_text_frame)
    assert "53\u00a0§" in text and "54\u00a0§" not in text
    structure = next(s for s in deck.slides if s.shapes.title.text == "Sopimusrakenne")
    boxes = [s.text_frame.text for s in _shapes(structure) if s.shape_type == 1]
    assert any(b.startswith("Yhteiset virat") for b in boxes)
    assert "Ylimpänä työllisyysalueen" not in structure.notes_slide.notes_text_frame.text


@pytest.mark.parametrize("deck_path", ["kaustinen-valtuustoesitys.pptx", "juva-valtuustoesitys.pptx"])
def test_diagram_labels_touch_no_connector(built: Path, jarvi: Path, deck_path: str) -> None:
    from generator.write.pptx_writer import _hits

    folder = jarvi if deck_path.startswith("juva") else built
    slide = next(s for s in Presentation(str(folder / deck_path)).slides if s.shapes.title.text == "Sopimusrakenne")
    lines = [
        (c.begin_x, c.begin_y, c.end_x, c.end_y)
        for c in _shapes(slide)
        if c.shape_type == 9 or c.__class__.__name__ == "Connector"
    ]
    labels = [s for s in _shapes(slide) if s.has_text_frame and "§" in s.text_frame.text]
    assert labels and lines
    for label in labels:
        rect = (label.left, label.top, label.width, label.height)
        assert not any(_hits(rect, line, margin=0) for line in lines), label.text_frame.text
        for run in (r for p in label.text_frame.paragraphs for r in p.runs):
            assert run.font.size.pt == 11
