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
from conftest import copy_case
from docx.oxml.ns import qn
from pptx import Presentation
from pptx.chart.data import CategoryChartData

from generator.build import build
from generator.cli import cli

EXAMPLE = Path(__file__).resolve().parent.parent / "agreements" / "kaustisen-seutukunta"
COUNCILS = ["halsua", "kaustinen", "lestijarvi", "toholampi", "veteli"]
# The 2016 agreement is in force; the councils approve its amendment (2024 populations, 15 seats).
IN_FORCE = "Kaustisen seutukunnan yhteistoimintasopimus"
AMENDMENT = "Kaustisen seutukunnan yhteistoimintasopimuksen muutossopimus"
SUPPLEMENT = "Täydentävä yhteistoimintasopimus työllisyyspalveluista (TE24)"
AUTHORITY = "Sopimus työvoimaviranomaisen tehtävien hoitamisesta Halsuan, Kaustisen, Lestijärven, Toholammin ja Vetelin alueella"


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


def test_the_seat_chart_reads_2_5_2_3_3(built: Path) -> None:
    """The seats as the amendment leaves them: the 2024 populations give 15 members."""
    deck = Presentation(str(built / "halsua-valtuustoesitys.pptx"))
    charts = [s for slide in deck.slides for s in slide.shapes if s.name == "chart:seats:yhteistoimintasopimus"]
    assert len(charts) == 1
    plot = charts[0].chart.plots[0]
    assert list(plot.categories) == ["Halsua", "Kaustinen", "Lestijärvi", "Toholampi", "Veteli"]
    assert list(plot.series[0].values) == [2, 5, 2, 3, 3]


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
    assert "2 / 15" in own and "8,19\u00a0%" in own and "Halsuan kunnantalo" in own
    # The agreement in force states no cost sharing the sources give: no share of it is presented.
    assert "9,51" not in own and IN_FORCE + ":" not in own


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
        "Kaustinen valitsee yhteiseen toimielimeen (seutuvaltuusto) 5\u00a0jäsentä ja 5 varajäsentä;"
        " jäseniä on yhteensä 15." in text
    )
    assert f"{SUPPLEMENT}: Kaustinen maksaa 33,50\u00a0% kustannuksista" in text
    # The 2016 agreement is in force: its summary is background material, not an attachment to
    # approve; the councils approve its amendment and the supplement.
    assert f"Liite 1: {AMENDMENT} (yhteistoimintasopimuksen-muutos.docx)" in text
    assert f"Liite 2: {SUPPLEMENT} (te24-taydentava-sopimus.docx)" in text
    assert f"tiivistelmä voimassa olevasta sopimuksesta {IN_FORCE} (yhteistoimintasopimus-tiivistelma.docx)" in text
    assert "1) hyväksyy liitteinä 1–2 olevat sopimukset ja" in text
    # The compliance matrix is preparatory material, never a council attachment.
    assert "vaatimustenmukaisuus" not in text
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
    data.add_series("Jäseniä", (2, 5, 3, 3, 3))
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
    attachments = [p.text for p in _chapter(built / f"{council}-paatosehdotus.docx", "Liitteet ja oheismateriaali")]
    listed = [line.split(": ", 1)[1] for line in attachments if line.startswith("Liite ")]
    assert listed[0] == f"{AMENDMENT} (yhteistoimintasopimuksen-muutos.docx)"
    assert not [a for a in listed if a.startswith(f"{IN_FORCE} (") or "tiivistelma" in a]
    background = attachments[attachments.index("Oheismateriaali:") + 1 :]
    assert (
        f"tiivistelmä voimassa olevasta sopimuksesta {IN_FORCE} (yhteistoimintasopimus-tiivistelma.docx)" in background
    )
    assert f"voimassa olevaan sopimukseen: {IN_FORCE}" in text
    assert f"Voimassa oleva {IN_FORCE} jatkuu ennallaan." in text
    terms = next(
        t
        for t in docx.Document(str(built / f"{council}-paatosehdotus.docx")).tables
        if t._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == "terms"
    )
    terms_text = "\n".join(c.text for row in terms.rows for c in row.cells)
    assert "1.1.2016" not in terms_text and AMENDMENT in terms_text
    deck = _slide_texts(built / f"{council}-valtuustoesitys.pptx")
    proposal_slide = next(t for t in deck if t.startswith("Päätösehdotus"))
    approve = next(line for line in proposal_slide.splitlines() if line.startswith("hyväksyy"))
    approved = approve.split(": ", 1)[1].split("; ")
    assert AMENDMENT in approved and IN_FORCE not in approved


def test_the_timeline_ends_with_the_entry_into_force_of_what_is_approved(built: Path) -> None:
    slide = next(t for t in _slide_texts(built / "halsua-valtuustoesitys.pptx") if t.startswith("Käsittelyaikataulu"))
    # The supplement's and the amendment's entries into force; never the 2016 agreement's.
    assert "Voimaantulo\n1.1.2025 / 1.6.2025" in slide and "2016" not in slide


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
    # Euros carry their years: the share and the compensation each name their estimate's year.
    lines = [line for line in own.splitlines() if "€" in line]
    assert len(lines) == 2 and all(line.endswith("(kustannusarvio 2025)") for line in lines), lines
    titles = [t.split("\n", 1)[0] for t in deck]
    # Every agreement the slide cites has its own cost slide.
    assert f"Kustannusten korvaaminen: {AUTHORITY}" in titles
    assert f"Kustannusten jako: {SUPPLEMENT}" in titles


JOUTSA = EXAMPLE.parent / "joutsan-seudun-rakennusvalvonta"


@pytest.fixture(scope="module")
def joutsa(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A case with joint posts (KuntaL 53 §) between two of its three councils."""
    out = tmp_path_factory.mktemp("joutsa")
    assert build(JOUTSA, out).case is not None
    return out


def test_each_party_to_joint_posts_decides_to_establish_them(built: Path, joutsa: Path, jarvi: Path) -> None:
    decision = "\n".join(p.text for p in _chapter(joutsa / "joutsa-paatosehdotus.docx", "Päätösehdotus"))
    assert (
        "2) perustaa Luhangan kunnan kanssa yhtäpitävin päätöksin kuntalain 53\u00a0§:n mukaiset yhteiset virat"
        in decision
    )
    assert "3) valtuuttaa kunnanhallituksen" in decision
    luhanka = "\n".join(p.text for p in _chapter(joutsa / "luhanka-paatosehdotus.docx", "Päätösehdotus"))
    assert "2) perustaa Joutsan kunnan kanssa yhtäpitävin päätöksin kuntalain 53\u00a0§:n mukaiset" in luhanka
    # Toivakka is no party to the posts (only to the 54 § agreement): it establishes nothing.
    toivakka = "\n".join(p.text for p in _chapter(joutsa / "toivakka-paatosehdotus.docx", "Päätösehdotus"))
    assert "perustaa" not in toivakka and "2) valtuuttaa kunnanhallituksen" in toivakka
    # The Kaustinen case has no joint posts: no council there establishes any.
    for council in COUNCILS:
        text = "\n".join(p.text for p in _chapter(built / f"{council}-paatosehdotus.docx", "Päätösehdotus"))
        assert "perustaa" not in text and "2) valtuuttaa kunnanhallituksen" in text
    for council in ("juva", "sulkava", "rantasalmi", "puumala"):
        text = "\n".join(p.text for p in _chapter(jarvi / f"{council}-paatosehdotus.docx", "Päätösehdotus"))
        assert "2) perustaa" in text and "yhteiset virat työllisyyspäällikkö (1)" in text


@pytest.fixture(scope="module")
def stale(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Kaustinen case without its amendment: the seats of the agreement in force still use the
    2016 populations (SEAT-AGE warns)."""
    case = copy_case(EXAMPLE, tmp_path_factory.mktemp("stale") / "kaustisen-seutukunta")
    (case / "15-muutossopimus.yaml").unlink()
    out = case.parent / "out"
    result = build(case, out)
    assert result.case is not None
    assert "SEAT-AGE" in {f.code for f in result.findings}
    return out


def test_councillors_see_what_current_populations_would_give(stale: Path, built: Path) -> None:
    """Seats from 2016 populations; 2024 figures give 15 (the model's SeatDrift, as SEAT-AGE warns)."""
    text = _text(stale / "toholampi-paatosehdotus.docx")
    assert "Vuoden 2024 asukasluvuilla sama sääntö antaisi toimielimeen 15\u00a0jäsentä (Toholampi 3)" in text
    deck = _slide_texts(stale / "toholampi-valtuustoesitys.pptx")
    seats = next(t for t in deck if t.startswith("Seutuvaltuusto: 17"))
    assert "Vuoden 2024 asukasluvuilla sama sääntö antaisi 15\u00a0jäsentä" in seats
    own = next(t for t in deck if t.startswith("Mitä tämä tarkoittaa"))
    assert "4 / 17, varajäseniä 4 (vuoden 2024 asukasluvuilla 3 / 15)" in own
    # With the amendment the seats already use the 2024 populations: nothing to compare.
    amended = _slide_texts(built / "toholampi-valtuustoesitys.pptx")
    assert "3 / 15, varajäseniä 3\n" in next(t for t in amended if t.startswith("Mitä tämä tarkoittaa"))
    assert next(t for t in amended if t.startswith("Seutuvaltuusto: 15")) == "Seutuvaltuusto: 15\u00a0jäsentä"
    assert "antaisi" not in _text(built / "toholampi-paatosehdotus.docx")


def test_the_comparison_shows_the_chosen_basis_with_current_figures(tmp_path: Path) -> None:
    """A cost basis chosen with older figures is compared with the same basis today."""
    case = copy_case(EXAMPLE, tmp_path / "kaustisen-seutukunta")
    path = case / "20-te24-taydentava-sopimus.yaml"
    text = path.read_text("utf-8")
    chosen = "  basis: customers\n  year: 2024\n  figures: {halsua: 33, kaustinen: 135, lestijarvi: 22, toholampi: 105, veteli: 108}\n"
    assert text.count(chosen) == 1
    path.write_text(text.replace(chosen, "  basis: population\n  year: 2016\n"), "utf-8")
    assert build(case, tmp_path / "out").case is not None
    deck = Presentation(str(tmp_path / "out" / "halsua-valtuustoesitys.pptx"))
    table = next(
        s for slide in deck.slides for s in slide.shapes if s.name == "table:comparison:te24-taydentava-sopimus"
    )
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
