"""Documents fit to publish: the accessibility check, alternative texts, records metadata.

Published agreements, agendas and council decks must be accessible (laki digitaalisten palvelujen
tarjoamisesta 306/2019, EN 301 549 / WCAG 2.1 AA) and described for the archive (JHS 143). These
tests read the written files back, as a screen reader or a records system would, and break them
one way at a time to prove that the check notices.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from generator.build import build
from generator.cli import cli
from generator.readback.accessibility import check_docx, check_outputs_accessibility, check_pptx
from generator.readback.colours import contrast, luminance, modified
from generator.starter import write_starter

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "op": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
}
AGREEMENTS = Path(__file__).resolve().parent.parent / "agreements"
EXAMPLES = sorted(p for p in AGREEMENTS.iterdir() if (p / "case.yaml").is_file())


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every example case built once: case folder name → output folder."""
    built = {}
    for case in EXAMPLES:
        out = tmp_path_factory.mktemp(case.name)
        result = build(case, out)
        assert result.case is not None, [f.line() for f in result.findings if f.severity == "error"]
        assert not [f.line() for f in result.findings if f.code.startswith("A11Y")]
        built[case.name] = out
    return built


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `kuntasopimus new` case with a record number, built."""
    case = tmp_path_factory.mktemp("starter") / "case"
    write_starter(case)
    text = (case / "case.yaml").read_text("utf-8")
    (case / "case.yaml").write_text(text + "record_number: KH 12/00.04.01/2025\n", "utf-8")
    out = case.parent / "out"
    assert build(case, out).case is not None
    return out


def _rewrite(path: Path, part: str, change: Callable[[str], str]) -> bytes:
    """The package's bytes with one part's XML text changed (the test must change something)."""
    source = zipfile.ZipFile(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                text = data.decode("utf-8")
                changed = change(text)
                assert changed != text, f"the test's edit did not change {part}"
                data = changed.encode("utf-8")
            target.writestr(item, data)
    return buffer.getvalue()


def _codes(findings) -> list[str]:
    return sorted(f.code for f in findings)


# --- the example cases are accessible --------------------------------------------------------


def test_every_output_of_every_example_case_passes_the_accessibility_check(examples: dict[str, Path]) -> None:
    for name, out in examples.items():
        files = list(out.glob("*.docx")) + list(out.glob("*.pptx"))
        assert files, name
        assert [f.line() for f in check_outputs_accessibility(out)] == [], name


def test_check_reads_accessibility_too_and_passes_the_example(examples: dict[str, Path]) -> None:
    result = CliRunner().invoke(cli, ["check", str(examples["kaustisen-seutukunta"])])
    assert result.exit_code == 0, result.output
    assert "A11Y" not in result.output


def _slides(path: Path):
    package = zipfile.ZipFile(path)
    names = sorted(
        (n for n in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
        key=lambda n: int(re.findall(r"\d+", n)[0]),
    )
    for name in names:
        rels = etree.fromstring(package.read(name.replace("slides/", "slides/_rels/") + ".rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        yield etree.fromstring(package.read(name)), targets, package


def test_every_chart_states_its_figures_in_its_alternative_text(examples: dict[str, Path]) -> None:
    charts = 0
    for out in examples.values():
        for deck in out.glob("*.pptx"):
            for slide, targets, package in _slides(deck):
                for frame in slide.iterfind(".//p:graphicFrame", NS):
                    chart = frame.find(".//c:chart", NS)
                    if chart is None:
                        continue
                    charts += 1
                    descr = frame.find("p:nvGraphicFramePr/p:cNvPr", NS).get("descr", "")
                    part = "ppt/" + targets[chart.get(f"{{{NS['r']}}}id")].removeprefix("../")
                    data = etree.fromstring(package.read(part))
                    names = [v.text for v in data.iterfind(".//c:cat//c:pt/c:v", NS)]
                    values = [float(v.text) for v in data.iterfind(".//c:val//c:pt/c:v", NS)]
                    assert names and len(names) == len(values)
                    for name, value in zip(names, values, strict=True):
                        shown = (
                            f"{value:.2f}".replace(".", ",")
                            if "shares" in frame.find("p:nvGraphicFramePr/p:cNvPr", NS).get("name")
                            else str(round(value))
                        )
                        assert f"{name} {shown}" in descr, (deck.name, descr)
    assert charts >= 10


def test_the_contract_diagram_names_every_party_in_words_and_its_lines_are_decorative(
    examples: dict[str, Path],
) -> None:
    diagrams = 0
    for out in examples.values():
        for deck in out.glob("*.pptx"):
            for slide, _, _ in _slides(deck):
                for group in slide.iterfind(".//p:grpSp", NS):
                    properties = group.find("p:nvGrpSpPr/p:cNvPr", NS)
                    if properties.get("name") != "diagram":
                        continue
                    diagrams += 1
                    descr = properties.get("descr", "")
                    for node in group.iterfind("p:sp", NS):
                        first_line = "".join(t.text for t in node.find(".//a:p", NS).iterfind(".//a:t", NS))
                        assert first_line in descr, (deck.name, first_line)
                    for line in group.iterfind("p:cxnSp", NS):
                        assert line.find(".//adec:decorative", NS).get("val") == "1"
    assert diagrams >= 5


def test_the_timeline_is_described_and_its_dots_are_decorative(examples: dict[str, Path]) -> None:
    deck = examples["kaustisen-seutukunta"] / "halsua-valtuustoesitys.pptx"
    group = next(
        g
        for slide, _, _ in _slides(deck)
        for g in slide.iterfind(".//p:grpSp", NS)
        if g.find("p:nvGrpSpPr/p:cNvPr", NS).get("name") == "timeline"
    )
    descr = group.find("p:nvGrpSpPr/p:cNvPr", NS).get("descr", "")
    assert descr.startswith("Aikajana") and "Voimaantulo (liite 2) 1.1.2025" in descr
    dots = [s for s in group.iterfind("p:sp", NS) if s.find("p:txBody", NS) is None]
    assert dots and all(d.find(".//adec:decorative", NS) is not None for d in dots)


def test_a_swedish_deck_describes_its_charts_in_swedish(examples: dict[str, Path]) -> None:
    decks = [d for out in examples.values() for d in out.glob("*.pptx") if "fullmaktige" in d.name]
    assert decks
    descriptions = [
        f.get("descr") for slide, _, _ in _slides(decks[0]) for f in slide.iterfind(".//p:graphicFrame/*/p:cNvPr", NS)
    ]
    assert any(d and "per kommun" in d and "Sammanlagt" in d for d in descriptions), descriptions


# --- the check notices what is wrong ----------------------------------------------------------


def test_a_chart_without_alternative_text_is_a_finding_with_the_slide(
    examples: dict[str, Path], tmp_path: Path
) -> None:
    deck = examples["kaustisen-seutukunta"] / "halsua-valtuustoesitys.pptx"
    slide = next(
        f"ppt/slides/slide{n}.xml"
        for n in range(1, 30)
        if b"chart:seats" in zipfile.ZipFile(deck).read(f"ppt/slides/slide{n}.xml")
    )
    data = _rewrite(deck, slide, lambda xml: re.sub(r' descr="[^"]*"', "", xml))
    findings = check_pptx(data, deck.name, str(deck))
    assert _codes(findings) == ["A11Y-ALT"]
    number = re.findall(r"\d+", slide)[0]
    assert f"dia {number}" in findings[0].message() and "chart:seats" in findings[0].message()


def test_a_connector_not_marked_decorative_is_a_finding(examples: dict[str, Path]) -> None:
    deck = examples["kaustisen-seutukunta"] / "halsua-valtuustoesitys.pptx"
    slide = next(
        f"ppt/slides/slide{n}.xml"
        for n in range(1, 30)
        if b'name="diagram"' in zipfile.ZipFile(deck).read(f"ppt/slides/slide{n}.xml")
    )
    data = _rewrite(deck, slide, lambda xml: xml.replace('val="1"/></a:ext>', 'val="0"/></a:ext>', 1))
    assert _codes(check_pptx(data, deck.name, str(deck))) == ["A11Y-ALT"]


def test_a_slide_table_without_its_header_row_and_two_slides_of_one_title_are_findings(
    examples: dict[str, Path],
) -> None:
    deck = examples["kaustisen-seutukunta"] / "halsua-valtuustoesitys.pptx"
    with zipfile.ZipFile(deck) as package:
        with_table = next(
            n
            for n in sorted(package.namelist())
            if n.startswith("ppt/slides/slide") and b'firstRow="1"' in package.read(n)
        )
    data = _rewrite(deck, with_table, lambda xml: xml.replace('firstRow="1"', 'firstRow="0"'))
    assert "A11Y-TABLE-HEADER" in _codes(check_pptx(data, deck.name, str(deck)))
    second = zipfile.ZipFile(deck).read("ppt/slides/slide2.xml").decode("utf-8")
    title = re.search(r'name="Title".*?<a:t>([^<]*)</a:t>', second).group(1)
    data = _rewrite(
        deck,
        "ppt/slides/slide3.xml",
        lambda xml: re.sub(r'(name="Title".*?<a:t>)[^<]*', rf"\g<1>{title}", xml, count=1),
    )
    same = [f for f in check_pptx(data, deck.name, str(deck)) if f.code == "A11Y-SLIDE-TITLE-SAME"]
    assert same and "dia 3" in same[0].message() and same[0].params["other"] == 2


def test_a_word_table_without_its_header_row_a_skipped_heading_level_and_no_title_are_findings(
    examples: dict[str, Path],
) -> None:
    agreement = examples["kaustisen-seutukunta"] / "te24-taydentava-sopimus.docx"
    assert check_docx(agreement.read_bytes(), agreement.name, str(agreement)) == []
    data = _rewrite(agreement, "word/document.xml", lambda xml: xml.replace("<w:tblHeader/>", "", 1))
    findings = check_docx(data, agreement.name, str(agreement))
    assert _codes(findings) == ["A11Y-TABLE-HEADER"] and "taulukko 1" in findings[0].message()
    data = _rewrite(agreement, "word/document.xml", lambda xml: xml.replace('w:val="Heading2"', 'w:val="Heading3"', 1))
    # (Word's own Heading 3 is a pale blue, which the contrast check also reports.)
    heading = [f for f in check_docx(data, agreement.name, str(agreement)) if f.code == "A11Y-HEADING"]
    assert len(heading) == 1 and heading[0].params["level"] == 3 and heading[0].params["previous"] == 1
    data = _rewrite(agreement, "docProps/core.xml", lambda xml: re.sub(r"<dc:title>[^<]*</dc:title>", "", xml))
    assert _codes(check_docx(data, agreement.name, str(agreement))) == ["A11Y-TITLE"]


def test_grey_text_on_white_in_a_word_document_is_a_contrast_finding(examples: dict[str, Path]) -> None:
    agreement = examples["kaustisen-seutukunta"] / "te24-taydentava-sopimus.docx"
    data = _rewrite(
        agreement,
        "word/document.xml",
        lambda xml: xml.replace("<w:rPr><w:b/>", '<w:rPr><w:b/><w:color w:val="BBBBBB"/>', 1),
    )
    findings = check_docx(data, agreement.name, str(agreement))
    assert _codes(findings) == ["A11Y-CONTRAST"]
    assert findings[0].params["foreground"] == "#BBBBBB" and findings[0].params["background"] == "#FFFFFF"


def _template(repo_root: Path, target: Path, theme: Callable[[str], str] | None, master: Callable[[str], str] | None):
    """The bundled deck template with its theme and master XML changed."""
    source = zipfile.ZipFile(repo_root / "templates" / "pptx" / "base.pptx")
    with zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if theme and item.filename == "ppt/theme/theme1.xml":
                data = theme(data.decode("utf-8")).encode("utf-8")
            if master and item.filename == "ppt/slideMasters/slideMaster1.xml":
                data = master(data.decode("utf-8")).encode("utf-8")
            out.writestr(item, data)


@pytest.mark.parametrize(
    "theme, master, text",
    [
        # Light grey as the theme's dark text colour: every bullet and chart label is too pale.
        (lambda xml: re.sub(r"<a:dk1>.*?</a:dk1>", '<a:dk1><a:srgbClr val="B0B0B0"/></a:dk1>', xml), None, "grey"),
        # A dark navy background behind the slides: the dark titles all but disappear.
        (
            None,
            lambda xml: re.sub(
                r"<p:bg>.*?</p:bg>",
                '<p:bg><p:bgPr><a:solidFill><a:srgbClr val="18243A"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>',
                xml,
            ),
            "dark",
        ),
    ],
)
def test_a_deck_template_whose_colours_give_too_little_contrast_is_found(
    case_copy: Path, repo_root: Path, tmp_path: Path, theme, master, text: str
) -> None:
    _template(repo_root, case_copy / "oma-pohja.pptx", theme, master)
    with (case_copy / "case.yaml").open("a", encoding="utf-8") as handle:
        handle.write("deck_template: oma-pohja.pptx\n")
    out = tmp_path / "out"
    result = build(case_copy, out)
    assert result.case is not None  # the drafts are written; the warnings say what to fix before publishing
    found = [f for f in result.findings if f.code == "A11Y-CONTRAST"]
    assert found and all(f.severity == "warning" and f.position.file.endswith(".pptx") for f in found)
    assert all(re.search(r"valtuustoesitys\.pptx, dia \d+", f.message()) for f in found)
    assert not [f for f in result.findings if f.code == "A11Y-CONTRAST" and ".docx" in f.position.file]
    checked = CliRunner().invoke(cli, ["check", str(out), "--lang", "en"])
    assert checked.exit_code == 1
    assert "error A11Y-CONTRAST" in checked.output and ":1 is needed" in checked.output


def test_a_title_on_the_templates_own_header_band_is_judged_against_the_band(case_copy: Path, tmp_path: Path) -> None:
    """A municipal master draws a coloured band behind a white title (review 16, C): the band, not the
    white slide under it, is the title's background, in build and in check alike."""
    from deck_template_fixtures import municipal_16x9

    municipal_16x9(case_copy, "kunnan-pohja.pptx")
    with (case_copy / "case.yaml").open("a", encoding="utf-8") as handle:
        handle.write("deck_template: kunnan-pohja.pptx\n")
    out = tmp_path / "out"
    result = build(case_copy, out)
    assert result.case is not None
    assert not [f for f in result.findings if f.code == "A11Y-CONTRAST"]
    checked = CliRunner().invoke(cli, ["check", str(out)])
    assert checked.exit_code == 0, checked.output
    # The band is what makes it pass: without it the white title stands on the white slide.
    deck = out / "halsua-valtuustoesitys.pptx"
    with zipfile.ZipFile(deck) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    bandless = re.sub(
        rb'<p:sp><p:nvSpPr><p:cNvPr id="\d+" name="[^"]*[Bb]and.*?</p:sp>',
        b"",
        parts["ppt/slideMasters/slideMaster1.xml"],
        flags=re.S,
    )
    assert bandless != parts["ppt/slideMasters/slideMaster1.xml"]
    parts["ppt/slideMasters/slideMaster1.xml"] = bandless
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    assert "A11Y-CONTRAST" in _codes(check_pptx(buffer.getvalue(), deck.name, str(deck)))


def test_contrast_follows_wcag_and_office_tints() -> None:
    assert contrast("000000", "FFFFFF") == pytest.approx(21.0)
    assert contrast("FFFFFF", "FFFFFF") == pytest.approx(1.0)
    assert luminance("777777") == pytest.approx(0.184, abs=0.001)  # the classic 4.48 : 1 grey
    tint = etree.fromstring(f'<a:schemeClr xmlns:a="{NS["a"]}" val="accent1"><a:tint val="20000"/></a:schemeClr>')
    assert modified("4F81BD", tint) == "E9EDF4"  # PowerPoint's band colour of Medium Style 2 – Accent 1


# --- records metadata -------------------------------------------------------------------------


def _properties(path: Path) -> tuple[etree._Element, dict[str, str]]:
    package = zipfile.ZipFile(path)
    core = etree.fromstring(package.read("docProps/core.xml"))
    custom = etree.fromstring(package.read("docProps/custom.xml"))
    return core, {p.get("name"): "".join(p.itertext()) for p in custom.iterfind("op:property", NS)}


def test_every_document_and_deck_carries_the_records_metadata(starter: Path) -> None:
    files = sorted(starter.glob("*.docx")) + sorted(starter.glob("*.pptx"))
    assert len(files) >= 5
    for path in files:
        core, custom = _properties(path)
        assert core.findtext("dc:title", None, NS)
        assert core.findtext("dc:language", None, NS) == "fi-FI"
        assert core.findtext("cp:version", None, NS) == "0.1"
        assert core.findtext("cp:contentStatus", None, NS) == "LUONNOS"
        assert core.findtext("dc:creator", None, NS) == "Esimerkkilän kunta"
        assert core.findtext("dcterms:created", None, NS).startswith("2025-01-15")
        assert custom["Diaarinumero"] == "KH 12/00.04.01/2025"
        assert custom["Tila"] == "LUONNOS" and custom["Versio"] == "0.1" and custom["Kieli"] == "fi-FI"
        assert custom["Organisaatio"] == "Esimerkkilän kunta" and custom["Päivämäärä"] == "2025-01-15"
    types = {_properties(p)[1]["Asiakirjatyyppi"] for p in files}
    assert types == {"Sopimus", "Vaatimustenmukaisuustaulukko", "Valtuustoesitys", "Päätösehdotus"}


def test_an_agreement_in_force_is_filed_as_in_force_and_a_case_without_record_number_leaves_it_out(
    examples: dict[str, Path],
) -> None:
    out = examples["kaustisen-seutukunta"]
    statuses = {}
    for path in out.glob("*.docx"):
        core, custom = _properties(path)
        assert "Diaarinumero" not in custom
        statuses[path.name] = core.findtext("cp:contentStatus", None, NS)
    summary = "yhteistoimintasopimus-tiivistelma.docx"  # the agreement in force, described
    body = zipfile.ZipFile(out / summary).read("word/document.xml").decode("utf-8")
    shown = re.search(r"<w:t[^>]*>(VOIMASSA|LUONNOS)</w:t>", body).group(1)
    assert shown == "VOIMASSA" and statuses[summary] == shown  # the properties say what the page says


def test_a_record_number_must_be_text(tmp_path: Path) -> None:
    case = tmp_path / "case"
    write_starter(case)
    (case / "case.yaml").write_text((case / "case.yaml").read_text("utf-8") + 'record_number: ""\n', "utf-8")
    result = CliRunner().invoke(cli, ["validate", str(case)])
    assert result.exit_code == 1
    assert re.search(r"case\.yaml:\d+:\d+: error SCHEMA-", result.output), result.output
