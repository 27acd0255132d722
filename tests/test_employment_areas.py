"""Employment areas are part of the model: described once, named by every agreement that works in
them, and checked (20 000 labour force or a Council of State permit, contiguity) wherever the
description stands — in the case itself or in a case it refers to.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import pytest
from conftest import AGREEMENTS, EXAMPLE, copy_case
from pptx import Presentation

from generator.build import build
from generator.readback.consistency import check_outputs
from generator.validate import validate_case

AREA = AGREEMENTS / "keski-pohjanmaan-tyollisyysalue"
AUTHORITY_FILE = "30-te24-viranomaistehtavat-54.yaml"
# The area's own cooperation agreement (its id names its outputs and its facts).
AREA_AGREEMENT = "tyollisyysalueen-sopimus"


@pytest.fixture(scope="module")
def area_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("keski-pohjanmaa")
    result = build(AREA, out)
    assert result.case is not None, [f.line() for f in result.findings if f.severity == "error"]
    return out


def seats_rows(path: Path) -> list[list[str]]:
    document = docx.Document(str(path))
    table = next(
        t
        for t in document.tables
        if [c.text for c in t.rows[0].cells][-2:] in (["Jäseniä", "Varajäseniä"], ["Ledamöter", "Ersättare"])
    )
    return [[c.text for c in row.cells] for row in table.rows[1:]]


@pytest.mark.parametrize("name", [f"{AREA_AGREEMENT}.docx", f"{AREA_AGREEMENT}.sv.docx"])
def test_the_area_agreement_has_twelve_members_and_twelve_deputies_in_both_languages(
    area_build: Path, name: str
) -> None:
    rows = seats_rows(area_build / name)
    assert rows[0][0] in ("Kokkola", "Karleby") and rows[0][1:] == ["5", "5"]
    assert [r[1:] for r in rows[1:-1]] == [["1", "1"]] * 7
    assert rows[-1][1:] == ["12", "12"]


def test_decks_and_proposals_state_the_same_seats_and_check_proves_it(area_build: Path) -> None:
    manifest = json.loads((area_build / "manifest.json").read_text("utf-8"))
    facts = manifest["facts"]["fi"]
    assert facts[f"seats:{AREA_AGREEMENT}:Yhteensä"] == "12"
    assert facts[f"deputies:{AREA_AGREEMENT}:Yhteensä"] == "12"
    assert facts[f"seats:{AREA_AGREEMENT}:Kokkola"] == "5"
    assert manifest["facts"]["sv"][f"deputies:{AREA_AGREEMENT}:Sammanlagt"] == "12"
    deck = Presentation(str(area_build / "kannus-valtuustoesitys.pptx"))
    chart = next(s for slide in deck.slides for s in slide.shapes if s.name == f"chart:seats:{AREA_AGREEMENT}")
    assert list(chart.chart.plots[0].series[0].values) == [5.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    proposal = "\n".join(p.text for p in docx.Document(str(area_build / "kannus-paatosehdotus.docx")).paragraphs)
    assert "1\u00a0jäsenen ja 1 varajäsenen" in proposal and "jäseniä on yhteensä 12" in proposal
    assert check_outputs(area_build) == []


def test_the_kaustinen_agreements_name_the_area_agreement_and_the_state_decision(built: Path) -> None:
    text = "\n".join(p.text for p in docx.Document(str(built / "te24-taydentava-sopimus.docx")).paragraphs)
    assert "”Sopimus Keski-Pohjanmaan kuntien työvoimapalveluiden järjestämisestä” (voimaantulo 1.1.2025)" in text
    assert "22.2.2024 (dnro TEM/2024/18)" in text


def _area_case(tmp_path: Path) -> Path:
    return copy_case(EXAMPLE, tmp_path / "kaustisen-seutukunta")


def test_an_employment_agreement_without_its_area_is_refused(tmp_path: Path) -> None:
    case = _area_case(tmp_path)
    path = case / AUTHORITY_FILE
    path.write_text(path.read_text("utf-8").replace("employment_area: keski-pohjanmaa\n", ""), "utf-8")
    _, findings = validate_case(case)
    (hit,) = [f for f in findings if f.severity == "error"]
    assert hit.code == "TPJ-AREA" and hit.citation == "L 380/2023 12–13 §"
    assert Path(hit.position.file).name == AUTHORITY_FILE


def test_a_joint_body_for_employment_services_without_its_area_is_refused(tmp_path: Path) -> None:
    """A joint body with employment tasks names its area too: the 20 000 check then runs on it."""
    case = copy_case(AGREEMENTS / "vastra-nylands-sysselsattning", tmp_path / "vn")
    path = case / "10-samarbetsavtal.yaml"
    path.write_text(path.read_text("utf-8").replace("employment_area: vastra-nyland\n", ""), "utf-8")
    _, findings = validate_case(case)
    assert [f.code for f in findings if f.severity == "error"] == ["TPJ-AREA"]
    # Without any area description at all, its members are also municipalities in no area.
    registry = case / "municipalities.yaml"
    text = registry.read_text("utf-8")
    registry.write_text(text[: text.index("employment_areas:")], "utf-8")
    _, findings = validate_case(case)
    assert sorted({f.code for f in findings if f.severity == "error"}) == ["TPJ-AREA", "TPJ12-2"]


@pytest.mark.parametrize("where", ["in the area's own case", "in the case itself"])
def test_an_area_below_20000_without_a_permit_is_refused_wherever_it_is_described(where: str, tmp_path: Path) -> None:
    case = _area_case(tmp_path)
    area_registry = tmp_path / "keski-pohjanmaan-tyollisyysalue" / "municipalities.yaml"
    text = area_registry.read_text("utf-8").replace("value: 31000", "value: 19000")
    if where == "in the case itself":
        # The area's description moves into the Kaustinen registry, under another id.
        areas = text[text.index("employment_areas:") :].replace("id: keski-pohjanmaa", "id: oma-alue")
        own = case / "municipalities.yaml"
        own.write_text(own.read_text("utf-8") + "\n" + areas, "utf-8")
        for name in ("20-te24-taydentava-sopimus.yaml", AUTHORITY_FILE):
            path = case / name
            path.write_text(path.read_text("utf-8").replace("keski-pohjanmaa", "oma-alue"), "utf-8")
        described_in = own
    else:
        area_registry.write_text(text, "utf-8")
        described_in = area_registry
    _, findings = validate_case(case)
    (hit,) = [f for f in findings if f.severity == "error"]
    assert hit.code == "TPJ12-1" and "L 383/2023 4 §" in hit.citation
    assert Path(hit.position.file).resolve() == described_in.resolve()
    assert "19\u00a0000 (vuosi 2020)" in hit.message("fi")


def test_a_reference_to_a_missing_case_is_a_finding(tmp_path: Path) -> None:
    case = tmp_path / "yksin"
    shutil.copytree(EXAMPLE, case)
    _, findings = validate_case(case)
    assert [f.code for f in findings if f.severity == "error"] == ["CASE-REFERENCE"]
