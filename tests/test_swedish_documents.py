"""The Swedish documents of the two cases that have them, read as a Swedish-speaking lawyer would:
no Finnish left in them, the same figures as the Finnish version, and the statutes cited in Swedish.

Kaustinen's 54 § agreement with Karleby (Kokkola) is made in Finnish and Swedish; Västra Nyland is a
Swedish-first case whose Finnish-majority council (Hangö) gets Finnish material.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from conftest import AGREEMENTS

from generator.build import build, municipality_ids
from generator.readback.consistency import check_language_versions
from generator.readback.docx_reader import read_docx
from generator.write.manifest import Output

VASTRA = AGREEMENTS / "vastra-nylands-sysselsattning"
KAUSTINEN = AGREEMENTS / "kaustisen-seutukunta"

# Frequent Finnish words that a Swedish legal text never contains (names of places are not here: a
# Finnish municipality keeps its Finnish name in Swedish when it has no Swedish one).
FINNISH = set(
    """
ja tai että on ovat ei sekä kun jos joka jotka sen niiden tämä tämän mukaan mukaisesti kanssa osalta
sopimus sopimuksen sopimukseen sopimuksessa sopimusta sopijakunta sopijakunnat sopijakuntien kunta kunnan
kunnat kuntien kaupunki kaupungin valtuusto valtuuston kunnanvaltuusto kunnanhallitus hallitus toimielin
toimielimen vastuukunta vastuukunnan jäsentä jäsenet jäsenmäärä osuus osuudet kustannukset kustannusten
kustannusarvio irtisanominen irtisanomisaika voimaan voimaantulo voimassa tehtävät tehtävien virka virat
työllisyysalue työllisyysalueen lautakunta kuntalaki kuntalain laki lain luonnos versio päivämäärä sivu
yhteensä tarkistettava havainnollistava allekirjoitus päätösehdotus perustelut liitteet esittelijä
""".split()
)
FINNISH_CITATION = re.compile(r"§:(?:n|ssä|än|ää)\b|\bKuntaL\b|\bmom\.\s*\d+\s*k\.")


def package_text(path: Path) -> str:
    """Every text of a Word or PowerPoint file: body, header, footer, comments, slides and notes."""
    package = zipfile.ZipFile(path)
    parts = [
        n
        for n in package.namelist()
        if n.endswith(".xml")
        and re.match(r"(word/(document|header\d*|footer\d*|comments)|ppt/(slides|notesSlides)/\w+)\.xml$", n)
    ]
    text = " ".join(
        " ".join(re.findall(r"<(?:w|a):t[^>]*>([^<]*)</(?:w|a):t>", package.read(n).decode("utf-8"))) for n in parts
    )
    return text.replace("\u00a0", " ")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict]]:
    built = {}
    for case in (KAUSTINEN, VASTRA):
        out = tmp_path_factory.mktemp(case.name)
        result = build(case, out)
        assert result.case is not None, [f.line() for f in result.findings if f.severity == "error"]
        manifest = json.loads((out / "manifest.json").read_text("utf-8"))
        manifest["ids"] = municipality_ids(result.case)
        built[case.name] = (out, manifest)
    return built


def swedish_files(outputs: dict[str, tuple[Path, dict]]) -> list[Path]:
    return [
        out / o["path"]
        for out, manifest in outputs.values()
        for o in manifest["outputs"]
        if o["lang"] == "sv" and o["path"].endswith((".docx", ".pptx"))
    ]


def test_both_cases_have_swedish_documents_of_every_kind(outputs: dict[str, tuple[Path, dict]]) -> None:
    kinds = {o["kind"] for _, manifest in outputs.values() for o in manifest["outputs"] if o["lang"] == "sv"}
    assert kinds == {"agreement", "compliance_report", "deck", "council_proposal"}
    assert (outputs["kaustisen-seutukunta"][0] / "te24-viranomaistehtavat.sv.docx").is_file()
    hango = next(o for o in outputs["vastra-nylands-sysselsattning"][1]["outputs"] if o["path"].startswith("hango-"))
    assert hango["lang"] == "fi", "Hangö is Finnish-majority: its council works in Finnish"


def test_no_finnish_is_left_in_a_swedish_document(outputs: dict[str, tuple[Path, dict]]) -> None:
    found = {}
    for path in swedish_files(outputs):
        text = package_text(path)
        words = {w.lower().strip(".,;:()”“\"'*") for w in text.split()}
        leftovers = sorted(words & FINNISH) + FINNISH_CITATION.findall(text)
        if leftovers:
            found[path.name] = leftovers
    assert found == {}
    assert len(swedish_files(outputs)) >= 8


def test_the_swedish_version_states_the_figures_of_the_finnish_one(outputs: dict[str, tuple[Path, dict]]) -> None:
    for out, manifest in outputs.values():
        versions: dict[str, list[Output]] = {}
        for o in manifest["outputs"]:
            if o["kind"] == "agreement":
                versions.setdefault(o["agreement"], []).append(
                    Output(o["path"], o["kind"], o["title"], (out / o["path"]).read_bytes(), extra=o)
                )
        bilingual = [v for v in versions.values() if len(v) > 1]
        assert bilingual
        for official, *others in bilingual:
            assert check_language_versions([official, *others], manifest["facts"], manifest["ids"], out) == []
            for other in others:
                stated = list(
                    read_docx(
                        other.data,
                        other.path,
                        "Sammanlagt",
                        {},
                        other.extra["anchors"],
                        manifest["facts"]["sv" if other.extra["lang"] == "sv" else "fi"],
                        other.extra["tables"],
                    )
                )
                assert any(o.key.startswith(("entry:", "notice:")) for o in stated), other.path


def test_the_swedish_deck_cites_in_swedish_and_knows_the_area_is_its_own(outputs: dict[str, tuple[Path, dict]]) -> None:
    out, _ = outputs["vastra-nylands-sysselsattning"]
    deck = package_text(out / "raseborg-fullmaktigepresentation.pptx")
    # The diagram names the agreements and gives their sections in Swedish, in small type.
    assert "Samarbetsavtal (bilaga 1)" in deck and "KomL 51 §" in deck.replace("\u00a0", " ")
    # The exception from the 20 000 limit rests on 4 § of the implementing act 383/2023.
    assert "4 § i lag 383/2023: ”Statsrådet får med avvikelse från 12 §" in deck
    assert "13 § 2 mom." not in deck, "no 54 § agreement, so no 13 § delegation to explain"
    slides = zipfile.ZipFile(out / "raseborg-fullmaktigepresentation.pptx")
    structure = next(
        slides.read(n).decode()
        for n in slides.namelist()
        if n.startswith("ppt/slides/slide") and "Avtalsstruktur" in slides.read(n).decode()
    )
    assert 'name="node:area"' not in structure, "the joint body is the area's own organ: no box above its lead"
    proposal = package_text(out / "raseborg-beslutsforslag.docx")
    assert (
        "Sysselsättningsområdet och dess organ måste då ordnas genom ett nytt avtal eller enligt statsrådets beslut."
        in proposal
    )


def test_the_finnish_deck_with_a_54_agreement_still_explains_13(outputs: dict[str, tuple[Path, dict]]) -> None:
    out, _ = outputs["kaustisen-seutukunta"]
    deck = package_text(out / "halsua-valtuustoesitys.pptx")
    # 13 § 2 mom. as amended by 435/2024 (in force 1.8.2024): the employment authority may agree.
    assert "13 § 2 mom.: työvoimaviranomainen ”voi sopia tässä laissa työvoimaviranomaiselle" in deck
    assert "14 §:" not in deck and "383/2023 4 §" not in deck


def test_board_names_follow_the_municipality_kind_and_the_language_genitive() -> None:
    """A registry without ``board`` still names each board as the municipality itself does."""
    from types import SimpleNamespace

    from generator.language import boards, swedish_genitive

    def municipality(name: str, genitive: str, official: str) -> SimpleNamespace:
        return SimpleNamespace(board=None, name=name, genitive=genitive, official_name=official)

    assert [swedish_genitive(n) for n in ("Raseborg", "Hangö", "Ingå", "Malax", "Närpes")] == [
        "Raseborgs",
        "Hangö",
        "Ingå",
        "Malax",
        "Närpes",
    ]
    sv = [municipality("Raseborg", "Raaseporin", "Raseborgs stad"), municipality("Ingå", "Inkoon", "Ingå kommun")]
    assert boards(sv, "sv") == "Raseborgs stadsstyrelse och Ingå kommunstyrelse"
    fi = [
        municipality("Raasepori", "Raaseporin", "Raaseporin kaupunki"),
        municipality("Inkoo", "Inkoon", "Inkoon kunta"),
    ]
    assert boards(fi, "fi") == "Raaseporin kaupunginhallitus ja Inkoon kunnanhallitus"


def test_every_language_version_names_the_official_one_in_its_copies_clause(
    outputs: dict[str, tuple[Path, dict]],
) -> None:
    out, _ = outputs["kaustisen-seutukunta"]
    swedish = package_text(out / "te24-viranomaistehtavat.sv.docx")
    finnish = package_text(out / "te24-viranomaistehtavat.docx")
    assert (
        "Avtalet har upprättats på finska och översatts till svenska. Om språkversionerna avviker från varandra,"
        " gäller originalet på finska." in swedish
    )
    assert (
        "Sopimus on laadittu suomeksi ja käännetty ruotsiksi. Jos kieliversiot poikkeavat toisistaan, noudatetaan"
        " suomeksi laadittua alkuperäistä." in finnish
    )
    # An agreement made in one language has nothing to say of language versions.
    single = package_text(out / "te24-taydentava-sopimus.docx")
    assert "Sopimuskappaleet" in single and "kieliversio" not in single and "käännetty" not in single
    assert "Kaustby" in swedish and "Vetil" in swedish, "the Swedish names of the bilingual region's municipalities"
    # Between three bilingual municipalities both versions are equally authentic (review 2, C12).
    vastra, _ = outputs["vastra-nylands-sysselsattning"]
    assert "Avtalet har upprättats på svenska och finska, och språkversionerna är lika giltiga." in package_text(
        vastra / "samarbetsavtal.docx"
    )
    assert "Sopimus on laadittu ruotsiksi ja suomeksi, ja kieliversiot ovat yhtä päteviä." in package_text(
        vastra / "samarbetsavtal.fi.docx"
    )


def test_a_council_of_a_town_reads_its_own_board_and_its_own_language_attachments(
    outputs: dict[str, tuple[Path, dict]],
) -> None:
    out, _ = outputs["vastra-nylands-sysselsattning"]
    hango = package_text(out / "hango-paatosehdotus.docx")
    # A bilingual council gets both language versions (equally authentic here) as its attachment, its
    # own majority language (Finnish, in Hanko) first.
    assert "(suomenkielinen versio samarbetsavtal.fi.docx ja ruotsinkielinen versio samarbetsavtal.docx)" in hango
    assert "Kaupunginhallituksen ehdotus" in hango
    # A town's money is the town's (councillor review 15, finding 16).
    assert "Päätöksen nettovaikutus kaupungin talouteen" in hango and "kaupungin osuus 17,93" in hango
    raseborg = package_text(out / "raseborg-beslutsforslag.docx")
    inga = package_text(out / "inga-beslutsforslag.docx")
    assert "Stadsstyrelsens förslag" in raseborg and "(staden betalar och fakturerar)" in raseborg
    assert "Kommunstyrelsens förslag" in inga and "kommunens andel" in inga
    # A council item says nothing of appealing the board's preparatory decision (it is not appealed).
    assert "valmistelevaan päätökseen" not in hango and "beredning av ärendet" not in raseborg


def test_a_total_of_illustrative_populations_is_marked_illustrative(outputs: dict[str, tuple[Path, dict]]) -> None:
    out, _ = outputs["vastra-nylands-sysselsattning"]
    assert "40 600*" in package_text(out / "samarbetsavtal.docx")


def test_a_fan_of_edges_has_its_name_beside_its_source_box(outputs: dict[str, tuple[Path, dict]]) -> None:
    """Not at the slide's left edge, where it would belong to no line: beside the box the lines
    leave from, level with it."""
    out, _ = outputs["vastra-nylands-sysselsattning"]
    slides = zipfile.ZipFile(out / "raseborg-fullmaktigepresentation.pptx")
    structure = next(
        slides.read(n).decode()
        for n in slides.namelist()
        if n.startswith("ppt/slides/slide") and "Avtalsstruktur" in slides.read(n).decode()
    )

    def box(pattern: str) -> tuple[int, int, int, int]:
        shape = next(s for s in re.findall(r"<p:sp>.*?</p:sp>", structure, re.S) if re.search(pattern, s))
        return tuple(
            int(v) for v in re.search(r'<a:off x="(\d+)" y="(\d+)"/><a:ext cx="(\d+)" cy="(\d+)"', shape).groups()
        )

    body = box(r'name="node:body:samarbetsavtal"')
    label = box(r'name="label:Samarbetsavtal \(bilaga 1\)"')
    assert label[0] >= body[0] + body[2], (body, label)
    assert label[1] < body[1] + body[3] and label[1] + label[3] > body[1], (body, label)
