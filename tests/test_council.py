"""Council material: a deck and a decision proposal per council, a briefing for a decision.

Each test names the finding of the councillors' review (``shared/reviews/decks.md``) or the legal
review of the proposals it pins. The decks put the decision and the municipality's net figure
first, tell why and what changes, name agreements in the structure diagram, reconcile the money
per council and keep the background for an appendix; the proposals are agenda items in the form
councils use. Every figure is the model's, and `kuntasopimus check` proves deck and proposal agree.
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
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData

from generator.build import build
from generator.cli import cli

EXAMPLE = Path(__file__).resolve().parent.parent / "agreements" / "kaustisen-seutukunta"
JARVI = EXAMPLE.parent / "jarvi-saimaan-tyollisyys"
JOUTSA = EXAMPLE.parent / "joutsan-seudun-rakennusvalvonta"
COUNCILS = ["halsua", "kaustinen", "lestijarvi", "toholampi", "veteli"]
# The 2016 agreement is in force; the councils approve its amendment (2024 populations, 15 seats).
IN_FORCE = "Kaustisen seutukunnan yhteistoimintasopimus"
AMENDMENT = "Kaustisen seutukunnan yhteistoimintasopimuksen muutossopimus"
SUPPLEMENT = "Täydentävä yhteistoimintasopimus työllisyyspalveluista (TE24)"
AUTHORITY = "Sopimus työvoimaviranomaisen tehtävien hoitamisesta Halsuan, Kaustisen, Lestijärven, Toholammin ja Vetelin alueella"
AGENDA = "Kaustisen seutukunnan yhteistoimintasopimuksen täydentäminen työllisyyspalveluilla (TE24)"
NAMES = dict(zip(COUNCILS, ["Halsua", "Kaustinen", "Lestijärvi", "Toholampi", "Veteli"], strict=True))
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("council")
    assert build(EXAMPLE, out).case is not None
    return out


@pytest.fixture(scope="module")
def jarvi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("jarvi")
    assert build(JARVI, out).case is not None
    return out


@pytest.fixture(scope="module")
def joutsa(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A case with joint posts (KuntaL 53 §) between two of its three councils."""
    out = tmp_path_factory.mktemp("joutsa")
    assert build(JOUTSA, out).case is not None
    return out


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text("utf-8"))


def _shapes(shapes) -> list:
    """Every shape, those inside groups too (a diagram is a group of groups)."""
    return [inner for s in shapes for inner in (_shapes(s.shapes) if s.shape_type == 6 else [s])]


def _slide_text(slide) -> str:
    # Without the word joiners that keep a date range on one line ("1.3.2021–⁠31.12.2024").
    return "\n".join(s.text_frame.text for s in _shapes(slide.shapes) if s.has_text_frame).replace("\u2060", "")


def _slides(path: Path) -> list:
    return list(Presentation(str(path)).slides)


def _titles(path: Path) -> list[str]:
    return [s.shapes.title.text for s in _slides(path)]


def _slide(path: Path, title: str):
    return next(s for s in _slides(path) if s.shapes.title.text.startswith(title))


def _text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def _chapter(path: Path, title: str) -> list:
    """The paragraphs under the Heading 1 ``title`` of a proposal."""
    paragraphs = docx.Document(str(path)).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1" and p.text == title) + 1
    end = next((i for i in range(start, len(paragraphs)) if paragraphs[i].style.name == "Heading 1"), len(paragraphs))
    return paragraphs[start:end]


def _table(path: Path, caption: str) -> list[list[str]]:
    for table in docx.Document(str(path)).tables:
        if table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == caption:
            return [[c.text for c in row.cells] for row in table.rows]
    raise LookupError(caption)


def _slide_table(slide, name: str) -> list[list[str]]:
    frame = next(s for s in _shapes(slide.shapes) if s.name == name)
    return [[c.text.replace("\u2060", "") for c in row.cells] for row in frame.table.rows]


# --- every council, and the check ------------------------------------------------------------------------


def test_every_council_gets_a_deck_and_a_proposal_in_the_manifest(built: Path) -> None:
    outputs = _manifest(built)["outputs"]
    decks = {o["municipality"]: o for o in outputs if o["kind"] == "deck"}
    proposals = {o["municipality"]: o for o in outputs if o["kind"] == "council_proposal"}
    assert sorted(decks) == sorted(proposals) == COUNCILS
    for municipality in COUNCILS:
        assert (built / decks[municipality]["path"]).suffix == ".pptx"
        assert (built / proposals[municipality]["path"]).suffix == ".docx"
        assert "KuntaL 51 §" in proposals[municipality]["legal_basis"]


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


# --- the decision first (findings 2, 3, 5, 8) ------------------------------------------------------------


def test_finding_8_the_deck_is_titled_as_the_agenda_item_and_dated_by_the_meeting(built: Path) -> None:
    first = _slides(built / "halsua-valtuustoesitys.pptx")[0]
    assert first.shapes.title.text == AGENDA
    subtitle = _slide_text(first)
    assert "Halsuan kunnanvaltuusto · 25.11.2024*" in subtitle  # the meeting, not the version date
    assert "Valmistelija: kunnanjohtaja" in subtitle


@pytest.mark.parametrize(
    ("council", "net", "seats"),
    [
        ("halsua", "34\u00a0392\u00a0€*", "2"),
        ("lestijarvi", "22\u00a0928\u00a0€*", "2"),
        ("veteli", "112\u00a0556\u00a0€*", "3"),
    ],
)
def test_findings_2_3_5_8_slide_2_is_the_decision_its_net_figure_seats_terms_and_what_if_no(
    built: Path, council: str, net: str, seats: str
) -> None:
    slide = _slides(built / f"{council}-valtuustoesitys.pptx")[1]
    assert slide.shapes.title.text == "Päätettävänä tänään"
    headline = next(s for s in slide.shapes if s.name == "headline")
    # A cost, for a budget year, and an estimate while its figures are illustrative (findings 4 and 10).
    assert headline.text_frame.text.endswith(f"nettokustannus {net} vuodessa (2025, arvio)")
    # The headline is in the master's title size, the largest on the slide.
    size = headline.text_frame.paragraphs[0].runs[0].font.size
    assert size is not None and size.pt == 28
    text = _slide_text(slide)
    name = NAMES[council]
    assert headline.text_frame.text.startswith(f"{name}: ")
    # Today's amendment makes the body 15 from 17 on 1.6.2025: the council is told what it has now.
    assert f"Seutuvaltuusto (15\u00a0jäsentä 1.6.2025 alkaen, nyt 17): {name} {seats}" in text
    # The term names its agreement (the amendment has none of its own); when it ends is on the terms slide.
    assert "Täydentävä sopimus (liite 2)" in text and ": voimassa toistaiseksi; irtisanomisaika 12 kuukautta*." in text
    assert "Jos valtuusto ei hyväksy sopimuksia, ne eivät tule voimaan" in text
    assert f"Voimassa oleva sopimus ”{IN_FORCE}” jatkuu ennallaan." in text


def test_finding_2_the_lead_municipality_sees_its_net_effect_reconciled(built: Path) -> None:
    """Lestijärvi pays the joint unit's 420 000 €* and invoices 397 072 €* back, carries the 54 §
    tasks' 300 000 €* and is compensated as much: its net is its own share, 22 928 €*, and the risk
    if the compensation falls short is said."""
    slide = _slide(built / "lestijarvi-valtuustoesitys.pptx", "Talousvaikutus: Lestijärvi")
    rows = _slide_table(slide, "table:money:kaustisen-seutukunta:Lestijärvi")
    assert rows[0] == ["Erä", "Vuonna 2025"]
    assert [r[1] for r in rows[1:]] == [
        "420\u00a0000\u00a0€*",
        "\u2212397\u00a0072\u00a0€*",
        "300\u00a0000\u00a0€*",
        "\u2212300\u00a0000\u00a0€*",
        "22\u00a0928\u00a0€*",
    ]
    assert rows[2][0] == "Laskutetaan muilta sopijakunnilta (Halsua, Kaustinen, Toholampi ja Veteli)"
    assert rows[-1][0] == "Nettovaikutus"
    assert "Riski: jos Kokkolan kaupunki ei korvaa kaikkia tehtävien kustannuksia" in _slide_text(slide)
    # The proposal has the very same figures (its rows name the agreements by title, the slide's by
    # their short names) and says the same net figure in words.
    proposal_rows = _table(built / "lestijarvi-paatosehdotus.docx", "money:kaustisen-seutukunta:Lestijärvi")
    assert [r[1:] for r in proposal_rows] == [r[1:] for r in rows]
    assert proposal_rows[1][0].startswith(SUPPLEMENT) and rows[1][0].startswith("Täydentävä sopimus (liite 2): ")
    text = _text(built / "lestijarvi-paatosehdotus.docx")
    assert "Päätöksen nettovaikutus kunnan talouteen on 22\u00a0928\u00a0€* vuodessa" in text


def test_the_net_figure_edited_on_slide_2_is_a_check_finding(built: Path, tmp_path: Path) -> None:
    """check proves the deck's headline equals the proposal's: both are the model's net figure."""
    out = tmp_path / "out"
    shutil.copytree(built, out)
    path = out / "halsua-valtuustoesitys.pptx"
    deck = Presentation(str(path))
    headline = next(s for s in deck.slides[1].shapes if s.name == "headline")
    run = next(r for r in headline.text_frame.paragraphs[0].runs if "392" in r.text)
    run.text = run.text.replace("34\u00a0392", "30\u00a0392")
    deck.save(str(path))
    result = CliRunner().invoke(cli, ["check", str(out)])
    assert result.exit_code == 1
    assert "net:kaustisen-seutukunta:Halsua" in result.stdout and "'30 392 €'" in result.stdout


def test_finding_14_a_mid_year_start_gives_the_first_year_and_a_full_year(jarvi: Path) -> None:
    """Järvi-Saimaa's agreements enter into force on 1.6.2025: the first year is counted for its
    214 days, beside the full year, and the slide says which is which."""
    slide = _slide(jarvi / "juva-valtuustoesitys.pptx", "Talousvaikutus: Juva")
    rows = _slide_table(slide, "table:money:jarvi-saimaan-tyollisyys:Juva")
    assert rows[0] == ["Erä", "2025 (1.6.–31.12.)", "Täysi vuosi"]
    assert rows[-1] == ["Nettovaikutus", "229\u00a0830\u00a0€*", "392\u00a0000\u00a0€*"]
    assert "voimassaolopäivien mukaan (1.6.2025–31.12.2025)" in _slide_text(slide)
    decision = _slide_text(_slides(jarvi / "juva-valtuustoesitys.pptx")[1])
    # The headline is the full year, said so; the part year is the budget year's own figure (review 16, B).
    assert "nettokustannus 392\u00a0000\u00a0€* vuodessa (täysi vuosi 2025 kustannustasolla, arvio)" in decision
    assert "voimassa 1.6.2025 alkaen, joten vuoden 2025 nettokustannus on 229\u00a0830\u00a0€*" in decision


def test_finding_6_the_agreement_in_force_is_not_in_the_money_and_is_said_to_stay(built: Path) -> None:
    slide = _slide(built / "halsua-valtuustoesitys.pptx", "Talousvaikutus: Halsua")
    text = _slide_text(slide)
    assert "2016" not in text and "9,51" not in text
    # Said to the presenter (and in the proposal): the statement itself keeps to one slide.
    notes = slide.notes_slide.notes_text_frame.text
    assert f"Voimassa olevan sopimuksen ”{IN_FORCE}” kustannukset ja niiden jako eivät muutu" in notes
    proposal = _text(built / "halsua-paatosehdotus.docx")
    assert f"Voimassa olevan sopimuksen ”{IN_FORCE}” kustannukset ja niiden jako eivät muutu" in proposal
    titles = _titles(built / "halsua-valtuustoesitys.pptx")
    assert not [t for t in titles if "Voimassa oleva kustannusjako" in t]


# --- why, what changes, structure (findings 4, 9, 26) -------------------------------------------------------


def test_finding_4_why_and_what_changes_come_from_the_case(built: Path, jarvi: Path) -> None:
    titles = _titles(built / "halsua-valtuustoesitys.pptx")
    assert titles[2:5] == ["Miksi asia on päätettävänä", "Mikä muuttuu", "Sopimusrakenne"]
    why = _slide_text(_slide(built / "halsua-valtuustoesitys.pptx", "Miksi asia"))
    assert "Työvoimapalvelut siirtyvät valtiolta kunnille 1.1.2025" in why
    rows = _slide_table(_slide(built / "halsua-valtuustoesitys.pptx", "Mikä muuttuu"), "table:before_after")
    assert rows[0] == ["Asia", "Kuntakokeilu 1.3.2021–31.12.2024", "1.1.2025 alkaen"]
    assert rows[1][0] == "Kuka järjestää" and rows[1][2].startswith("Kokkolan kaupunki")
    # A case that gives no before/after data has no such slide; its reasons are its purposes.
    juva = _titles(jarvi / "juva-valtuustoesitys.pptx")
    assert "Mikä muuttuu" not in juva and "Miksi asia on päätettävänä" in juva


def _diagram(path: Path):
    slide = _slide(path, "Sopimusrakenne")
    return next(s for s in slide.shapes if s.name == "diagram")


def test_finding_9_the_diagram_names_agreements_marks_todays_and_draws_the_area(built: Path) -> None:
    lestijarvi = _diagram(built / "lestijarvi-valtuustoesitys.pptx")
    boxes = {s.name: s.text_frame.text for s in _shapes(lestijarvi.shapes) if s.name.startswith("node:")}
    assert boxes["node:area"].startswith("Keski-Pohjanmaan työllisyysalue\nvastuukunta Kokkola")
    assert "muut jäsenkunnat: Kannus, Perho" in boxes["node:area"]  # every party of the area's agreement
    assert {boxes[f"node:{c}"] for c in COUNCILS} == {"Halsua", "Kaustinen", "Lestijärvi", "Toholampi", "Veteli"}
    groups = {g.name: g for g in lestijarvi.shapes if g.shape_type == 6 and g.name.startswith("agreement:")}
    # Agreements by name and attachment number, the section in small type on the second line.
    fan = groups["agreement:Yhteistoimintasopimus (voimassa) + Täydentävä sopimus (liite 2) + Muutossopimus (liite 1)"]
    label = next(s for s in fan.shapes if s.has_text_frame)
    assert label.text_frame.paragraphs[1].text == "KuntaL\u00a049\u00a0§ · KuntaL\u00a051\u00a0§"
    assert label.text_frame.paragraphs[1].runs[0].font.size < label.text_frame.paragraphs[0].runs[0].font.size
    # Today's agreements are bold and drawn in the second accent; Lestijärvi approves the 54 § agreement.
    assert label.text_frame.paragraphs[0].runs[0].font.bold
    authority = groups["agreement:Viranomaistehtäväsopimus (liite 3)"]
    lines = [c for c in authority.shapes if c.shape_type == 9 or c.__class__.__name__ == "Connector"]
    assert len(lines) == 1 and b'schemeClr val="accent2"' in etree.tostring(lines[0]._element)
    # For Halsua, which is no party to it, the same agreement is not today's.
    halsua = _diagram(built / "halsua-valtuustoesitys.pptx")
    names = {g.name for g in halsua.shapes if g.shape_type == 6}
    assert "agreement:Viranomaistehtäväsopimus" in names


def test_finding_9_joint_posts_are_drawn_to_every_party(jarvi: Path) -> None:
    diagram = _diagram(jarvi / "juva-valtuustoesitys.pptx")
    posts = next(
        g for g in diagram.shapes if g.shape_type == 6 and g.name.startswith("agreement:Sopimus yhteisistä viroista")
    )
    connectors = [c for c in posts.shapes if c.shape_type == 9 or c.__class__.__name__ == "Connector"]
    assert len(connectors) == 4  # Juva, Sulkava, Rantasalmi and Puumala are all parties
    assert not any(b"tailEnd" in etree.tostring(c._element) for c in connectors)  # no arrows: no one governs


@pytest.mark.parametrize("deck_path", ["kaustinen-valtuustoesitys.pptx", "juva-valtuustoesitys.pptx"])
def test_finding_26_a_label_is_grouped_with_its_lines_and_touches_none(
    built: Path, jarvi: Path, deck_path: str
) -> None:
    from generator.write.pptx_writer import _hits

    folder = jarvi if deck_path.startswith("juva") else built
    diagram = _diagram(folder / deck_path)
    every_line = [
        (c.begin_x, c.begin_y, c.end_x, c.end_y)
        for c in _shapes(diagram.shapes)
        if c.shape_type == 9 or c.__class__.__name__ == "Connector"
    ]
    groups = [g for g in diagram.shapes if g.shape_type == 6]
    assert groups
    for group in groups:
        label = next(s for s in group.shapes if s.has_text_frame)
        assert any(c.shape_type == 9 or c.__class__.__name__ == "Connector" for c in group.shapes)
        rect = (label.left, label.top, label.width, label.height)
        assert not any(_hits(rect, line, margin=0) for line in every_line), label.text_frame.text


# --- the council's own municipality, one money table, the appendix (findings 5, 7, 11, 17, 18, 22, 23) ----


def test_finding_5_the_own_row_and_bar_stand_out(built: Path) -> None:
    slide = _slide(built / "toholampi-valtuustoesitys.pptx", "Kustannusten jako")
    frame = next(s for s in slide.shapes if s.name == "table:shares:te24-taydentava-sopimus")
    row = next(r for r in frame.table.rows if r.cells[0].text == "Toholampi")
    assert b"accent2" in etree.tostring(row._tr) and row.cells[0].text_frame.paragraphs[0].runs[0].font.bold
    others = [r for r in frame.table.rows if r.cells[0].text in ("Halsua", "Veteli")]
    assert not any(b"accent2" in etree.tostring(r._tr) for r in others)
    chart = next(s for s in _slide(built / "toholampi-valtuustoesitys.pptx", "Seutuvaltuusto").shapes if s.has_chart)
    points = chart.chart.part._element.findall(f".//{C}dPt")
    assert len(points) == 1 and points[0].find(f"{C}idx").get("val") == "3"  # Toholampi, the fourth bar


def test_finding_7_shares_computed_from_estimates_carry_the_star(built: Path) -> None:
    rows = _slide_table(
        _slide(built / "halsua-valtuustoesitys.pptx", "Kustannusten jako"), "table:shares:te24-taydentava-sopimus"
    )
    assert rows[1] == ["Halsua", "33*", "8,19\u00a0%*", "34\u00a0392\u00a0€*"]
    assert rows[-1][2] == "100,00\u00a0%"  # the total is 100 % by definition


def test_finding_18_agreed_shares_are_shown_once_and_as_agreed(jarvi: Path) -> None:
    slide = _slide(jarvi / "sulkava-valtuustoesitys.pptx", "Kustannusten jako: Sopimus yhteisistä viroista")
    rows = _slide_table(slide, "table:shares:yhteiset-virat")
    assert rows[0] == ["Kunta", "Osuus", "Euroa, täysi vuosi (2025)"]  # a part year: the euros are a full year's
    assert rows[1][1] == "40\u00a0%*"


def test_finding_23_the_rounding_is_explained_where_the_euros_stand(built: Path) -> None:
    slide = _slide(built / "halsua-valtuustoesitys.pptx", "Kustannusten jako")
    assert "Euromäärät on laskettu pyöristämättömistä osuuksista" in _slide_text(slide)


def test_finding_11_comparisons_are_an_appendix_with_a_reason_and_never_for_what_is_in_force(built: Path) -> None:
    titles = _titles(built / "lestijarvi-valtuustoesitys.pptx")
    sources = titles.index("Lukujen lähteet")
    comparisons = [i for i, t in enumerate(titles) if "Jakoperusteiden vertailu" in t]
    assert comparisons and all(i > sources for i in comparisons)
    assert all(titles[i].startswith("Taustaa – ") for i in comparisons)
    # Only the supplement's shared costs are compared: not the agreement in force, not the 54 § compensation.
    assert [titles[i] for i in comparisons] == ["Taustaa – Jakoperusteiden vertailu: Täydentävä sopimus (liite 2)"]
    text = _slide_text(_slides(built / "lestijarvi-valtuustoesitys.pptx")[comparisons[0]])
    assert "Valittu peruste: asiakasmäärä. Asiakasmäärä kohdistaa kustannukset" in text


def test_finding_17_a_chart_of_equal_seats_is_left_out(jarvi: Path, built: Path) -> None:
    """Juva's four councils have two seats each: a chart of four equal bars says nothing."""
    assert not any(s.has_chart for slide in _slides(jarvi / "juva-valtuustoesitys.pptx") for s in slide.shapes)
    assert any(s.has_chart for slide in _slides(built / "halsua-valtuustoesitys.pptx") for s in slide.shapes)


def test_finding_22_chart_labels_are_the_slides_own_text_not_the_viewers_locale(built: Path) -> None:
    chart = next(s for s in _slide(built / "halsua-valtuustoesitys.pptx", "Seutuvaltuusto").shapes if s.has_chart)
    labels = chart.chart.part._element.findall(f".//{C}dLbl")
    texts = ["".join(t.text for t in label.iter(f"{A}t")) for label in labels]
    assert texts == ["2", "5", "2", "3", "3"]


def test_the_seat_chart_reads_2_5_2_3_3(built: Path) -> None:
    """The seats as the amendment leaves them: the 2024 populations give 15 members."""
    charts = [
        s
        for slide in _slides(built / "halsua-valtuustoesitys.pptx")
        for s in slide.shapes
        if s.name == "chart:seats:yhteistoimintasopimus"
    ]
    assert len(charts) == 1
    plot = charts[0].chart.plots[0]
    assert list(plot.categories) == ["Halsua", "Kaustinen", "Lestijärvi", "Toholampi", "Veteli"]
    assert list(plot.series[0].values) == [2, 5, 2, 3, 3]


# --- per-municipality notes, one size, legend, numbers (findings 10, 15, 19, 20) --------------------------


def test_finding_10_the_decision_notes_are_true_for_this_municipality(built: Path) -> None:
    lestijarvi = _slide(built / "lestijarvi-valtuustoesitys.pptx", "Kunnanhallituksen ehdotus")
    notes = lestijarvi.notes_slide.notes_text_frame.text
    assert "Sama päätösehdotus on kaikissa sopijakunnissa" not in notes
    assert (
        f"”{AUTHORITY}” tulee voimaan, kun Kokkolan kaupungin työllisyyslautakunta ja Lestijärven kunnanvaltuusto"
        in notes
    )
    halsua = _slide(
        built / "halsua-valtuustoesitys.pptx", "Kunnanhallituksen ehdotus"
    ).notes_slide.notes_text_frame.text
    assert AUTHORITY not in halsua


def test_every_slide_has_notes_a_number_and_the_legend_where_it_shows_a_star(built: Path) -> None:
    deck = Presentation(str(built / "veteli-valtuustoesitys.pptx"))
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)
    legends = 0
    for number, slide in enumerate(deck.slides, start=1):
        title = slide.shapes.title.text
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), title
        numbers = [s for s in slide.placeholders if s.placeholder_format.type == 13]  # SLIDE_NUMBER
        assert numbers and numbers[0].text_frame.text == str(number), title
        footer = [s for s in slide.placeholders if s.placeholder_format.type == 15]  # FOOTER
        rest = [s for s in _shapes(slide.shapes) if s.has_text_frame and s not in footer]
        tables = [c.text for s in _shapes(slide.shapes) if s.has_table for r in s.table.rows for c in r.cells]
        if "*" in "".join([*(s.text_frame.text for s in rest), *tables]):
            assert footer and footer[0].text_frame.text == "* havainnollistava luku, ei lähdeaineistossa", title
            legends += 1
        else:
            assert not footer, title
    assert legends >= 5


def test_finding_15_body_text_takes_the_masters_one_size(built: Path) -> None:
    for slide in _slides(built / "kaustinen-valtuustoesitys.pptx"):
        for shape in slide.placeholders:
            sizes = {r.font.size for p in shape.text_frame.paragraphs for r in p.runs}
            assert sizes <= {None}, (slide.shapes.title.text, shape.name, sizes)


# --- the decision proposal as an agenda item (finding 24; legal review A9, A14, B5, C5, C12) --------------


def test_the_proposal_is_an_agenda_item_in_the_form_councils_use(built: Path) -> None:
    path = built / "halsua-paatosehdotus.docx"
    headings = [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Selostus",
        "Halsua: talousvaikutus ja jäsenet",
        "Keskeiset ehdot",
        "Voimaantulo ja aikataulu",
        "Jos sopimuksia ei hyväksytä",
        "Liitteet ja oheismateriaali",
        "Kunnanhallituksen ehdotus",
        "Päätös",
        "Tiedoksi ja toimenpiteet",
        "Muutoksenhaku",
    ]
    text = _text(path)
    assert "Toimielin: Halsuan kunnanvaltuusto" in text and "Esittelijä" not in text
    assert "Valmistelija: kunnanjohtaja" in text and "Dnro: täydennetään" in text
    # Separate items, so that a council can vote on each agreement (A14).
    decision = [p.text for p in _chapter(path, "Kunnanhallituksen ehdotus")]
    assert decision[0] == "Halsuan kunnanhallitus ehdottaa, että Halsuan kunnanvaltuusto"
    assert decision[1] == f"1) hyväksyy liitteenä 1 olevan sopimuksen ”{AMENDMENT}”,"
    assert decision[2] == f"2) hyväksyy liitteenä 2 olevan sopimuksen ”{SUPPLEMENT}” ja"
    assert decision[3].startswith("3) valtuuttaa kunnanhallituksen allekirjoittamaan")
    # Retired sentences (A14, B11): not every council approves every text; the estimates are of one year.
    assert "Kaikkien sopijakuntien valtuustot hyväksyvät saman sopimustekstin" not in text
    assert "Eri sopimusten kustannusarviot koskevat eri kustannuksia" not in text
    # The compliance matrix is preparatory material, never a council attachment.
    assert "vaatimustenmukaisuus" not in text
    follow_up = "\n".join(p.text for p in _chapter(path, "Tiedoksi ja toimenpiteet"))
    assert "(kuntalaki 109 § 1 mom. 7 kohta)" in follow_up.replace("\u00a0", " ")


def test_a9_every_party_is_in_the_schedule_and_its_approval_a_condition(built: Path) -> None:
    path = built / "lestijarvi-paatosehdotus.docx"
    entry = "\n".join(p.text for p in _chapter(path, "Voimaantulo ja aikataulu"))
    assert f"”{AUTHORITY}” tulee voimaan 1.1.2025, kun molemmat sopijapuolet ovat hyväksyneet sen" in entry
    assert "Kokkolan kaupungin työllisyyslautakunta: päivä täydennetään" in entry
    timeline = _slide_text(_slide(built / "lestijarvi-valtuustoesitys.pptx", "Aikataulu ja ehdot"))
    assert "Kokkolan kaupungin työllisyyslautakunta" in timeline
    # Two entry dates, each named by what enters into force on it (review 15, finding 9).
    assert "Voimaantulo (liitteet 2 ja 3)" in timeline and "1.1.2025" in timeline
    assert "Voimaantulo (liite 1)" in timeline and "1.6.2025" in timeline


@pytest.mark.parametrize("council", COUNCILS)
def test_the_agreement_in_force_is_background_never_an_attachment_to_approve(built: Path, council: str) -> None:
    path = built / f"{council}-paatosehdotus.docx"
    attachments = [p.text for p in _chapter(path, "Liitteet ja oheismateriaali")]
    listed = [line.split(": ", 1)[1] for line in attachments if line.startswith("Liite ")]
    assert listed[0] == f"”{AMENDMENT}” (yhteistoimintasopimuksen-muutos.docx)"
    assert not [a for a in listed if a.startswith(f"”{IN_FORCE}” (") or "tiivistelma" in a]
    background = attachments[attachments.index("Oheismateriaali:") + 1 :]
    assert (
        f"tiivistelmä voimassa olevasta sopimuksesta ”{IN_FORCE}” (yhteistoimintasopimus-tiivistelma.docx)"
        in background
    )
    text = _text(path)
    assert f"voimassa olevaan sopimukseen ”{IN_FORCE}”" in text
    assert f"Voimassa oleva sopimus ”{IN_FORCE}” jatkuu ennallaan." in text
    terms = "\n".join("\t".join(r) for r in _table(path, "terms"))
    assert "1.1.2016" not in terms and AMENDMENT in terms


def test_c5_the_key_terms_are_told_and_the_open_questions_disclosed(built: Path) -> None:
    path = built / "lestijarvi-paatosehdotus.docx"
    terms = "\n".join(p.text for p in _chapter(path, "Keskeiset ehdot"))
    assert "Toimitilat: " in terms
    assert f"Sopimus on sidoksissa sopimukseen ”{AUTHORITY}”" in terms
    assert "Ennen valtuustokäsittelyä ratkaistavat avoimet kysymykset:" in terms


def test_b5_the_area_councils_elect_their_members_and_the_lead_its_chair(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(EXAMPLE.parent / "keski-pohjanmaan-tyollisyysalue", out).case is not None
    kannus = [p.text for p in _chapter(out / "kannus-paatosehdotus.docx", "Kaupunginhallituksen ehdotus")]
    assert any(
        line.startswith(
            "2) valitsee yhteiseen toimielimeen (Kokkolan kaupungin työllisyyslautakunta) valtuuston "
            "toimikaudeksi jäsenen ja hänelle henkilökohtaisen varajäsenen: __________"
        )
        for line in kannus
    ), kannus
    assert not any("puheenjohtajaksi" in line for line in kannus)
    kokkola = [p.text for p in _chapter(out / "kokkola-paatosehdotus.docx", "Kaupunginhallituksen ehdotus")]
    assert any("viisi jäsentä" in line for line in kokkola)
    assert any(
        line.startswith("3) valitsee toimielimen puheenjohtajaksi __________ ja varapuheenjohtajaksi")
        for line in kokkola
    )
    selostus = "\n".join(p.text for p in _chapter(out / "kannus-paatosehdotus.docx", "Selostus"))
    assert "tasa-arvolaki 4 a § 1 ja 3 mom." in selostus.replace("\u00a0", " ")
    # An employment area's own agreement is filed with the ministry (380/2023 15 §).
    follow_up = "\n".join(p.text for p in _chapter(out / "kannus-paatosehdotus.docx", "Tiedoksi ja toimenpiteet"))
    assert "työ- ja elinkeinoministeriölle kahden viikon kuluessa" in follow_up


def test_each_party_to_joint_posts_decides_to_establish_them(built: Path, joutsa: Path, jarvi: Path) -> None:
    def decision(path: Path) -> str:
        return "\n".join(p.text for p in _chapter(path, "Kunnanhallituksen ehdotus"))

    joutsa_items = decision(joutsa / "joutsa-paatosehdotus.docx")
    assert (
        "perustaa Luhangan kunnan kanssa yhtäpitävin päätöksin kuntalain 53\u00a0§:n mukaiset yhteiset virat"
        in joutsa_items
    )
    luhanka = decision(joutsa / "luhanka-paatosehdotus.docx")
    assert "perustaa Joutsan kunnan kanssa yhtäpitävin päätöksin kuntalain 53\u00a0§:n mukaiset" in luhanka
    # Toivakka is no party to the posts (only to the 54 § agreement): it establishes nothing.
    assert "perustaa" not in decision(joutsa / "toivakka-paatosehdotus.docx")
    for council in COUNCILS:
        assert "perustaa" not in decision(built / f"{council}-paatosehdotus.docx")
    for council in ("juva", "sulkava", "rantasalmi", "puumala"):
        text = decision(jarvi / f"{council}-paatosehdotus.docx")
        assert "perustaa" in text and "yhteiset virat (työllisyyspäällikkö" in text


def test_the_decision_keeps_together_on_one_page(jarvi: Path) -> None:
    decision = _chapter(jarvi / "juva-paatosehdotus.docx", "Kunnanhallituksen ehdotus")
    kept = [p._p.pPr.find(qn("w:keepNext")) is not None for p in decision]
    assert kept == [True] * (len(decision) - 1) + [False]


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


# --- seats, comparisons, statutes ------------------------------------------------------------------------


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
    seats = _slide_text(_slide(stale / "toholampi-valtuustoesitys.pptx", "Seutuvaltuusto: 17"))
    assert "Vuoden 2024 asukasluvuilla sama sääntö antaisi 15 jäsentä" in seats.replace("\u00a0", " ")
    # With the amendment the seats already use the 2024 populations, counted afresh each term.
    assert "antaisi" not in _slide_text(_slide(built / "toholampi-valtuustoesitys.pptx", "Seutuvaltuusto: 15"))
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


def test_the_second_case_quotes_only_the_sections_it_uses_and_draws_its_joint_posts(jarvi: Path) -> None:
    law = _slide(jarvi / "juva-valtuustoesitys.pptx", "Taustaa – Lainsäädäntö: kuntalaki")
    text = _slide_text(law)
    assert "53\u00a0§" in text and "54\u00a0§" not in text
    boxes = [
        s.text_frame.text
        for s in _shapes(_diagram(jarvi / "juva-valtuustoesitys.pptx").shapes)
        if s.name.startswith("node:")
    ]
    assert any(b.startswith("Yhteiset virat") for b in boxes)


def test_finding_25_a_permanent_body_is_no_toimikunta_and_mixed_boards_are_named_so(jarvi: Path) -> None:
    assert "toimikunta" not in "\n".join(_slide_text(s) for s in _slides(jarvi / "juva-valtuustoesitys.pptx"))


# --- every council of the three example cases; bilingual councils (issue 15, done-when 3 and 4) ------------

VASTNYLAND = EXAMPLE.parent / "vastra-nylands-sysselsattning"


@pytest.fixture(scope="module")
def vastnyland(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("vastnyland")
    assert build(VASTNYLAND, out).case is not None
    return out


def test_every_council_of_the_three_cases_has_its_net_figure_on_slide_2_as_in_its_proposal(
    built: Path, jarvi: Path, vastnyland: Path
) -> None:
    """The headline of slide 2 and the last row of the proposal's money table are the same fact
    (net:<case>:<municipality>), and check, which read both back, passes."""
    seen = 0
    for out in (built, jarvi, vastnyland):
        manifest = _manifest(out)
        facts = {k: v for lang_facts in manifest["facts"].values() for k, v in lang_facts.items()}
        outputs = manifest["outputs"]
        for deck in (o for o in outputs if o["kind"] == "deck"):
            slide = Presentation(str(out / deck["path"])).slides[1]
            headline = next(s for s in slide.shapes if s.name == "headline").text_frame.text
            key = next(k for k in facts if k.startswith("net:") and k.endswith(":" + headline.split(":")[0]))
            assert facts[key].replace("\u00a0", " ") in headline.replace("\u00a0", " "), (deck["path"], headline)
            proposal = next(
                o
                for o in outputs
                if o["kind"] == "council_proposal"
                and o["municipality"] == deck["municipality"]
                and o["lang"] == deck["lang"]
            )
            table = _table(out / proposal["path"], f"money:{key.split(':', 1)[1]}")
            assert table[-1][-1].rstrip("*").replace("\u00a0", " ") == facts[key].replace("\u00a0", " ")
            seen += 1
        result = CliRunner().invoke(cli, ["check", str(out)])
        assert result.exit_code == 0, result.output
    assert seen == 5 + 4 + 6  # Raseborg, Hangö and Ingå in both languages


def test_bilingual_councils_get_both_languages_majority_first(vastnyland: Path, tmp_path: Path) -> None:
    """Kielilaki 29 §: a bilingual municipality's council has its agenda in Finnish and Swedish."""
    outputs = _manifest(vastnyland)["outputs"]

    def material(municipality: str) -> list[tuple[str, str]]:
        return [(o["kind"], o["lang"]) for o in outputs if o.get("municipality") == municipality]

    assert material("raseborg") == [
        ("deck", "sv"),
        ("council_proposal", "sv"),
        ("deck", "fi"),
        ("council_proposal", "fi"),
    ]
    assert material("hango") == [("deck", "fi"), ("council_proposal", "fi"), ("deck", "sv"), ("council_proposal", "sv")]
    assert [lang for _, lang in material("inga")] == ["sv", "sv", "fi", "fi"]
    sv = _text(vastnyland / "raseborg-beslutsforslag.docx")
    fi = _text(vastnyland / "raseborg-paatosehdotus.docx")
    assert "Stadsstyrelsens förslag" in sv and "Kaupunginhallituksen ehdotus" in fi
    # The two versions state the same decision and attach both language versions of the agreements.
    assert "samarbetsavtal.docx" in sv and "samarbetsavtal.fi.docx" in sv
    assert "samarbetsavtal.docx" in fi and "samarbetsavtal.fi.docx" in fi
    out = tmp_path / "kp"
    assert build(EXAMPLE.parent / "keski-pohjanmaan-tyollisyysalue", out).case is not None
    kokkola = [(o["kind"], o["lang"]) for o in _manifest(out)["outputs"] if o.get("municipality") == "kokkola"]
    assert kokkola == [("deck", "fi"), ("council_proposal", "fi"), ("deck", "sv"), ("council_proposal", "sv")]
    assert "Stadsstyrelsens förslag" in _text(out / "kokkola-beslutsforslag.docx")


# --- councillor review 15 (notes/councillor-review-15.md), finding by finding -------------------------


@pytest.mark.parametrize(("council", "now", "new"), [("toholampi", 4, 3), ("veteli", 4, 3), ("halsua", 2, 2)])
def test_r15_1_a_council_is_told_the_seats_it_has_now_and_from_when_the_amendment_applies(
    built: Path, council: str, now: int, new: int
) -> None:
    """Today's amendment (2024 populations) makes the seutuvaltuusto 15 from 17 on 1.6.2025: Toholampi
    and Veteli go from 4 seats to 3, and slide 2, the governance slide and the proposal say so."""
    name = NAMES[council]
    decision = _slide_text(_slides(built / f"{council}-valtuustoesitys.pptx")[1])
    change = f" (nyt {now})" if now != new else ""
    assert f"Seutuvaltuusto (15\u00a0jäsentä 1.6.2025 alkaen, nyt 17): {name} {new}{change}." in decision
    governance = _slide_text(_slide(built / f"{council}-valtuustoesitys.pptx", "Kaustisen seutukunta: hallintomalli"))
    assert (
        f"{name} valitsee toimielimeen {new}\u00a0jäsentä 1.6.2025 alkaen (nyt {now}, toimielimessä 17\u00a0jäsentä)"
        in governance
    )
    proposal = _text(built / f"{council}-paatosehdotus.docx").replace("\u00a0", " ")
    assert f"on voimassa 1.6.2025 alkaen; nyt {name} valitsee {now} jäsentä ja jäseniä on yhteensä 17" in proposal


def test_r15_2_a_statutory_area_says_a_member_can_leave_only_into_another_area(vastnyland: Path) -> None:
    """The area's agreement lets a member give notice only when it joins another area (380/2023 12 §);
    the notice period alone would tell the council it can simply leave."""
    decision = _slide_text(_slides(vastnyland / "hango-valtuustoesitys.pptx")[1])
    assert "kunta voi irtisanoa sopimuksen vain, jos se samalla kuuluu toiseen työllisyysalueeseen" in decision
    beslut = _slide_text(_slides(vastnyland / "hango-fullmaktigepresentation.pptx")[1])
    assert "kommunen kan säga upp avtalet endast om den samtidigt hör till ett annat sysselsättningsområde" in beslut
    # Not for the joint posts, which any party may leave on notice.
    posts = next(line for line in decision.split("\n") if line.startswith("Sopimus yhteisistä viroista"))
    assert "toiseen työllisyysalueeseen" not in posts
    assert "kuuluu toiseen työllisyysalueeseen" in _text(vastnyland / "hango-paatosehdotus.docx")


def test_r15_3_slide_2_says_what_follows_a_no_as_the_proposal_does(built: Path, vastnyland: Path) -> None:
    decision = _slide_text(_slides(built / "halsua-valtuustoesitys.pptx")[1])
    assert "Työvoimapalvelut järjestää joka tapauksessa työllisyysalueen (Keski-Pohjanmaan työllisyysalue)" in decision
    proposal = _text(built / "halsua-paatosehdotus.docx")
    assert "Työvoimapalvelut järjestää joka tapauksessa" in proposal
    assert "kunta osallistuu niiden rahoitukseen" in proposal  # the proposal gives the reasons too
    area = _slide_text(_slides(vastnyland / "hango-valtuustoesitys.pptx")[1])
    assert "valtioneuvosto voi päättää yhteistoiminnasta (16\u00a0§)" in area or "(16 §)" in area


def test_r15_6_8_the_cost_basis_is_stated_and_first_year_shares_add_up_to_the_euro(
    vastnyland: Path, jarvi: Path
) -> None:
    text = _slide_text(_slide(vastnyland / "hango-valtuustoesitys.pptx", "Talousvaikutus: Hanko"))
    assert "kustannukset on laskettu toiminnan valtionavustuksilla ja maksutuotoilla vähennettyinä" in text

    # Juva invoices the others for the joint posts' first year exactly what their own tables say.
    def first_year(council: str, row: str) -> int:
        rows = _table(jarvi / f"{council}-paatosehdotus.docx", f"money:jarvi-saimaan-tyollisyys:{council.title()}")
        cell = next(r for r in rows if r[0].startswith(row))[-2]
        return int(cell.rstrip("*").replace("\u00a0", "").replace("€", "").replace("\u2212", "-"))

    posts = "Sopimus Järvi-Saimaan kuntien yhteisistä työllisyysviroista"
    others = sum(first_year(c, posts) for c in ("sulkava", "rantasalmi", "puumala"))
    rows = _table(jarvi / "juva-paatosehdotus.docx", "money:jarvi-saimaan-tyollisyys:Juva")
    index = next(i for i, r in enumerate(rows) if r[0].startswith(posts))
    invoiced = int(rows[index + 1][-2].rstrip("*").replace("\u00a0", "").replace("€", "").replace("\u2212", "-"))
    assert invoiced == -others


def test_r15_13_the_presenter_is_told_of_the_open_questions(built: Path) -> None:
    deck = Presentation(str(built / "halsua-valtuustoesitys.pptx"))
    slide = next(s for s in deck.slides if s.shapes.title.text == "Kunnanhallituksen ehdotus")
    notes = slide.notes_slide.notes_text_frame.text
    assert "avointa kysymystä, jotka on ratkaistava ennen valtuustokäsittelyä" in notes
    assert "Sallivatko Keski-Pohjanmaan työllisyysalueen yhteistoimintasopimus" in notes


def test_r15_7_the_board_is_authorised_in_the_nominative(built: Path) -> None:
    decision = _slide_text(_slides(built / "halsua-valtuustoesitys.pptx")[1])
    assert "valtuutetaan kunnanhallitus allekirjoittamaan ne." in decision
    notes = _slides(built / "lestijarvi-valtuustoesitys.pptx")[1].notes_slide.notes_text_frame.text
    assert "päättää kolmesta sopimuksesta" in notes


# --- legal review 3 (notes/lawyer-review-3.md): what the proposals tell councils ---------------------

KP = EXAMPLE.parent / "keski-pohjanmaan-tyollisyysalue"


@pytest.fixture(scope="module")
def kp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kp")
    assert build(KP, out).case is not None
    return out


def test_l3_b1_a_no_to_an_area_formed_by_the_council_of_state_leaves_its_decision_in_force(kp: Path) -> None:
    """380/2023 16 § 1 mom.: the Council of State's decision forming the area stays in force until the
    municipalities agree otherwise; a council saying no is not told that another agreement must be made."""
    for name in ("halsua-paatosehdotus.docx", "kokkola-paatosehdotus.docx"):
        text = _text(kp / name).replace("\u00a0", " ")
        assert "Työllisyysalue on jo muodostettu valtioneuvoston päätöksellä 22.2.2024" in text
        assert "kunnes kunnat sopivat toisin (laki 380/2023 16 § 1 mom.)" in text
        assert "on silloin järjestettävä toisella sopimuksella" not in text
    swedish = _text(kp / "kokkola-beslutsforslag.docx").replace("\u00a0", " ")
    assert "beslutet och dess villkor gäller tills kommunerna avtalar om annat" in swedish


def test_l3_n1_the_area_agreement_enters_into_force_on_signature_and_the_authority_on_1_1(
    kp: Path, vastnyland: Path
) -> None:
    text = _text(kp / "halsua-paatosehdotus.docx")
    assert "tulee voimaan, kun kaikki sopijapuolet ovat hyväksyneet sen samansisältöisenä" in text
    assert "toimielin aloittaa työvoimaviranomaisena 1.1.2025" in text
    assert "tulee voimaan 1.1.2025, kun kaikki sopijapuolet" not in text
    swedish = _text(vastnyland / "raseborg-beslutsforslag.docx")
    assert "organet inleder sin verksamhet som arbetskraftsmyndighet den 1.1.2025" in swedish
    assert "Samarbetsavtal om Västra Nylands sysselsättningsområde” träder i kraft när alla avtalsparter" in swedish


def test_l3_n2_the_supplement_s_condition_and_contingent_cost_are_told(built: Path) -> None:
    text = _text(built / "halsua-paatosehdotus.docx").replace("\u00a0", " ")
    assert f"ja edellyttäen, että ”{AUTHORITY}” tulee voimaan samana päivänä" in text
    assert (
        "Päättyminen: Jos viranomaistehtäväsopimus päättyy" in text
        and "Halsua: osuus jakoperusteen mukaan 8,19 %*" in text
    )
    assert (
        f"ei tule voimaan myöskään, jos ”{AUTHORITY}” ei tule voimaan samana päivänä (sen hyväksyy myös Kokkolan kaupungin työllisyyslautakunta)"
        in text
    )


def test_c16_a_statutory_area_s_date_is_when_responsibility_passes_not_its_entry(vastnyland: Path) -> None:
    """Councillor re-check of review 16: the area agreement enters into force on signing; its date is
    when the organiser takes over. The timeline, the schedule and the terms say so, in both languages."""
    deck = _slide_text(_slide(vastnyland / "hango-valtuustoesitys.pptx", "Aikataulu ja ehdot"))
    assert "Järjestämisvastuu siirtyy (liite 1)" in deck and "Voimaantulo (liite 2)" in deck
    proposal = _text(vastnyland / "hango-paatosehdotus.docx")
    assert (
        "Järjestämisvastuu siirtyy (”Yhteistoimintasopimus Länsi-Uudenmaan työllisyysalueesta”): 1.1.2025" in proposal
    )
    assert "taulukon päivä on se, jona järjestämisvastuu siirtyy" in proposal
    swedish = _text(vastnyland / "raseborg-beslutsforslag.docx")
    assert (
        "Organiseringsansvaret övergår (”Samarbetsavtal om Västra Nylands sysselsättningsområde”): 1.1.2025" in swedish
    )


def test_l3_n3_an_agreement_signed_elsewhere_is_a_basis_not_a_condition(built: Path) -> None:
    """Lawyer's confirmation run: the 54 § agreement rests on the area's agreement, signed in its own
    case on 13.5.2024; the proposal must not make its entry into force a condition (never met)."""
    text = _text(built / "lestijarvi-paatosehdotus.docx")
    assert (
        "Sopimus Keski-Pohjanmaan kuntien työvoimapalveluiden järjestämisestä” tulee voimaan samana päivänä" not in text
    )
    assert "Kannuksen kaupunki" not in text
