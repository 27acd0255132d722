"""A negotiated wording may say anything, but a figure it states must be the case's own.

The Kaustinen case's joint body (the agreement in force) has a 12-month notice period, entry into
force 1.1.2016 and 17 seats (Kaustinen 5, Halsua 2); the Joutsa case's joint post is shared Joutsa
80 %, Luhanka 20 % (the Kaustinen case has no joint posts). Each wording below is what a negotiator
might write; the test says which figures contradict those facts, and that figures the text does not
tie to one of them (another body's members, a deadline) are left alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.model.entities import Agreement
from generator.rules.stated_figures import contradictions
from generator.validate import validate_case

AGREEMENTS = Path(__file__).resolve().parent.parent / "agreements"
EXAMPLE = AGREEMENTS / "kaustisen-seutukunta"
JOUTSA = AGREEMENTS / "joutsan-seudun-rakennusvalvonta"


@pytest.fixture(scope="module")
def agreements() -> dict[str, Agreement]:
    """The agreements of the Kaustinen and the Joutsa case, by id."""
    found: dict[str, Agreement] = {}
    for folder in (EXAMPLE, JOUTSA):
        case, findings = validate_case(folder)
        assert case is not None, [f.line() for f in findings]
        for a in case.agreements:
            assert a.id not in found, a.id
            found[a.id] = a
    return found


JOINT_BODY, POSTS = "yhteistoimintasopimus", "yhteinen-rakennustarkastaja"

CASES = [
    # notice period
    (JOINT_BODY, "Irtisanomisaika on 3 kuukautta.", [("irtisanomisaika", "3 kuukautta", "12 kuukautta")]),
    (JOINT_BODY, "Irtisanomisaika on 12 kuukautta.", []),
    (
        JOINT_BODY,
        "Sopimuksen voi irtisanoa 6 kuukauden irtisanomisajalla.",
        [("irtisanomisaika", "6 kuukauden", "12 kuukautta")],
    ),
    (
        JOINT_BODY,
        "Irtisanomisaika on 12 kuukautta ja kustannukset selvitetään 3 kuukauden kuluessa irtisanomisesta.",
        [],
    ),
    # entry into force
    (JOINT_BODY, "Sopimus tulee voimaan 1.2.2016.", [("voimaantulopäivä", "1.2.2016", "1.1.2016")]),
    (JOINT_BODY, "Sopimus tulee voimaan 1.1.2016, kun valtuustot ovat hyväksyneet sen.", []),
    (JOINT_BODY, "Sopimus tulee voimaan 1.1.2016 ja sitä sovelletaan 1.3.2016 alkaen.", []),
    # seats
    (JOINT_BODY, "Toimielimeen kuuluu 18 jäsentä.", [("toimielimen jäsenmäärä", "18 jäsentä", "17")]),
    (JOINT_BODY, "Seutuvaltuustossa on 17 jäsentä.", []),
    (JOINT_BODY, "Kaustinen valitsee toimielimeen 4 jäsentä.", [("kunnan Kaustinen jäsenmäärä", "4 jäsentä", "5")]),
    (
        JOINT_BODY,
        "Toimielimeen kuuluu 17 jäsentä, joista Kaustinen valitsee 5 jäsentä ja Halsua 3 jäsentä.",
        [("kunnan Halsua jäsenmäärä", "3 jäsentä", "2")],
    ),
    (JOINT_BODY, "Johtoryhmään kuuluu 5 jäsentä.", []),
    # shares
    (POSTS, "Joutsan osuus on 80 % ja Luhangan 20 %.", []),
    (
        POSTS,
        "Joutsa maksaa 70 % ja Luhanka 30 %.",
        [("kunnan Joutsa kustannusosuus", "70 %", "80,00 %"), ("kunnan Luhanka kustannusosuus", "30 %", "20,00 %")],
    ),
    (
        POSTS,
        "30 % Luhangalle ja 70 % Joutsalle.",
        [("kunnan Luhanka kustannusosuus", "30 %", "20,00 %"), ("kunnan Joutsa kustannusosuus", "70 %", "80,00 %")],
    ),
    (POSTS, "Osuudet ovat yhteensä 99 %.", [("osuudet yhteensä", "99 %", "100,00 %")]),
]


@pytest.mark.parametrize("agreement_id, text, expected", CASES, ids=[c[1][:50] for c in CASES])
def test_figures_stated_in_a_wording_are_checked_against_the_model(
    agreements: dict[str, Agreement], agreement_id: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    found = [
        (c.what_fi, c.stated, c.expected.replace("\u00a0", " "))
        for c in contradictions(agreements[agreement_id], text, "fi")
    ]
    assert found == expected


def test_a_contradicting_override_fails_validate_at_its_line_and_build_writes_nothing(
    case_copy: Path, tmp_path: Path
) -> None:
    path = case_copy / "10-yhteistoimintasopimus.yaml"
    path.write_text(
        path.read_text("utf-8").rstrip("\n")
        + "\noverrides:\n  voimassaolo.irtisanominen:\n    text: Irtisanomisaika on 3 kuukautta.\n",
        "utf-8",
    )
    line = len(path.read_text("utf-8").splitlines())
    result = CliRunner().invoke(cli, ["validate", str(case_copy)])
    assert result.exit_code == 1
    (error,) = [row for row in result.stdout.splitlines() if ": error " in row]
    assert error.startswith(f"{path}:{line}:11: error OVERRIDE-FACT: ")
    assert "irtisanomisaika on tekstissä 3 kuukautta, mutta tiedoista laskettuna 12 kuukautta" in error
    assert "termination.notice_months" in error
    english = CliRunner().invoke(cli, ["validate", str(case_copy), "--lang", "en"]).stdout
    assert "the notice period is 3 kuukautta in the text but 12 kuukautta from the data" in english
    out = tmp_path / "out"
    built = CliRunner().invoke(cli, ["build", str(case_copy), "--out", str(out)])
    assert built.exit_code == 1 and "OVERRIDE-FACT" in built.output and "Traceback" not in built.output
    assert not out.exists() or not any(out.iterdir())
