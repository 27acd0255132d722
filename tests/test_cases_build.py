"""Every case under agreements/ (the Kaustinen case and the second one) validates and builds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.build import build

REPO = Path(__file__).resolve().parent.parent
CASES = sorted(p for p in (REPO / "agreements").iterdir() if (p / "case.yaml").is_file())


def test_there_are_five_cases_one_of_them_swedish_first_and_one_outside_employment() -> None:
    assert [c.name for c in CASES] == [
        "jarvi-saimaan-tyollisyys",
        "joutsan-seudun-rakennusvalvonta",
        "kaustisen-seutukunta",
        "keski-pohjanmaan-tyollisyysalue",
        "vastra-nylands-sysselsattning",
    ]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_case_builds_every_output(case: Path, tmp_path: Path) -> None:
    result = build(case, tmp_path)
    assert result.case is not None, [f.line() for f in result.findings]
    assert not [f for f in result.findings if f.severity == "error"]
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    kinds = {o["kind"] for o in manifest["outputs"]}
    assert kinds == {"agreement", "compliance_report", "deck", "council_proposal"}
    for output in manifest["outputs"]:
        assert (tmp_path / output["path"]).stat().st_size > 0


def test_the_second_case_uses_another_lead_and_labour_force_shares(tmp_path: Path) -> None:
    result = build(REPO / "agreements" / "jarvi-saimaan-tyollisyys", tmp_path)
    case = result.case
    assert case is not None
    joint = next(a for a in case.agreements if a.kind.name == "joint_body")
    assert joint.lead is not None and joint.lead.name == "Juva"
    assert joint.cost is not None and joint.cost.basis == "labour_force"
    assert [s.hundredths for s in joint.cost.shares] == [4500, 1667, 2417, 1416]
    assert joint.composition is not None and joint.composition.total == 8


def test_the_starter_case_builds_council_material_for_a_pending_agreement(tmp_path: Path) -> None:
    """`kuntasopimus new` names its councils, so the build writes decks and proposals, and its
    agreement enters into force after the case's date, so the councils are asked to approve it."""
    from generator.starter import write_starter

    write_starter(tmp_path / "case")
    result = build(tmp_path / "case", tmp_path / "out")
    case = result.case
    assert case is not None, [f.line() for f in result.findings]
    assert [m.id for m in case.councils] == ["esimerkkila", "mallila", "kokeilula"]
    assert all(a.entry_into_force > case.version.date and not a.existing for a in case.agreements)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    kinds = [o["kind"] for o in manifest["outputs"]]
    assert kinds.count("deck") == 3 and kinds.count("council_proposal") == 3
