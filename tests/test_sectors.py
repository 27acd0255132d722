"""The field of cooperation is data: a building-supervision case says nothing of employment services.

Employment wording, the Act 380/2023 rules and the employment slides belong to the employment
sector; a case in another field gets kuntalaki and its own act only (here the Building Act
751/2023), and a field the tool does not bundle brings its own statutory basis.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.build import build
from generator.validate import validate_case

REPO = Path(__file__).resolve().parent.parent
BUILDING = REPO / "agreements" / "joutsan-seudun-rakennusvalvonta"
EMPLOYMENT_WORDS = re.compile(r"työllisyy|työvoima|työnhak|380/2023|383/2023|TE24|sysselsättning|arbetskraft", re.I)


def all_text(path: Path) -> str:
    """Every text of a .docx or .pptx (slides, notes, charts) or a Markdown file."""
    if path.suffix == ".md":
        return path.read_text("utf-8")
    texts = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.endswith(".xml") and name.startswith(("word/", "ppt/slides/", "ppt/notesSlides/", "ppt/charts/")):
                root = etree.fromstring(package.read(name))
                texts += [t.text or "" for t in root.iter() if t.tag.endswith(("}t", "}v"))]
    return " ".join(texts).replace("\u00a0", " ")


@pytest.fixture(scope="module")
def building(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rakennusvalvonta")
    result = build(BUILDING, out)
    assert result.case is not None, [f.line() for f in result.findings if f.severity == "error"]
    return out


def test_no_document_of_the_building_case_speaks_of_employment_services(building: Path) -> None:
    outputs = sorted(p for p in building.iterdir() if p.suffix in (".docx", ".pptx", ".md"))
    assert len(outputs) == 3 + 2 + 3 * 2  # three agreements, the matrix twice, a deck and a proposal per council
    for path in outputs:
        found = EMPLOYMENT_WORDS.findall(all_text(path))
        assert found == [], (path.name, found)


def requirement_rows(matrix: str) -> list[list[str]]:
    """The rows of every agreement's requirements table in the Markdown matrix (not its chapter
    checklist): rule code, citation, requirement, clause, text, status."""
    rows, inside = [], False
    for line in matrix.splitlines():
        if line.startswith("#"):
            inside = line.endswith(" Lakisääteiset vaatimukset")
        elif inside and line.startswith("| ") and not line.startswith(("| Sääntö |", "|---")):
            rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows


def test_its_compliance_matrix_holds_kuntalaki_and_the_building_act_only(building: Path) -> None:
    matrix = (building / "joutsan-seudun-rakennusvalvonta-vaatimustenmukaisuus.md").read_text("utf-8")
    rows = requirement_rows(matrix)
    assert all(len(row) == 6 for row in rows), rows
    citations = {row[1].replace("\u00a0", " ") for row in rows}
    assert citations, matrix
    # KuntaL 49–63 §; the Building Act; the Equality Act's quota, which binds every joint body; the
    # Language Act, which binds every authority that serves the public.
    assert all(c.startswith(("KuntaL ", "RakL 751/2023 ", "L 609/1986 ", "KieliL 423/2003 ")) for c in citations), (
        citations
    )
    assert {"RAKL99", "RAKL103"} <= {row[0] for row in rows}


def test_the_54_agreement_rests_on_the_building_act_and_names_no_employment_role(building: Path) -> None:
    text = all_text(building / "toivakan-rakennusvalvontatehtavat.docx")
    assert "rakentamislaki (751/2023) 103 § 1 mom." in text
    assert "tehtävät antava kunta" in text and "vastuukunta" not in text
    assert "hallintopakkoa koskevat asiat" in text  # never delegated to an office holder (RakL 99 §)


def test_the_joint_body_is_the_building_supervision_authority(building: Path) -> None:
    text = all_text(building / "rakennusvalvontalautakunta.docx")
    assert "rakentamislain (751/2023) 99 §:n mukainen rakennusvalvontaviranomainen" in text


def test_a_field_the_tool_does_not_bundle_brings_its_own_statutory_basis(tmp_path: Path) -> None:
    case = tmp_path / "oma-ala"
    shutil.copytree(BUILDING, case)
    text = (case / "case.yaml").read_text("utf-8")
    (case / "case.yaml").write_text(
        text.replace(
            "sector: building_supervision",
            "sector:\n  id: jatehuolto\n  name: jätehuolto\n  statutory_basis: jätelaki (646/2011) 32 §",
        ),
        "utf-8",
    )
    model, findings = validate_case(case)
    assert model is not None, [f.line() for f in findings if f.severity == "error"]
    agreement = model.agreement("toivakan-rakennusvalvontatehtavat")
    assert agreement.sector.id == "jatehuolto" and not agreement.sector.bundled
    out = tmp_path / "out"
    assert build(case, out).case is not None
    assert "jätelaki (646/2011) 32 §" in all_text(out / "toivakan-rakennusvalvontatehtavat.docx")
    matrix = (out / "joutsan-seudun-rakennusvalvonta-vaatimustenmukaisuus.md").read_text("utf-8")
    assert "RAKL" not in matrix  # the Building Act's requirements belong to its sector only
