"""Each rule, broken in one place of the Kaustinen case, gives its code, citation and file:line.

The edits are the ones a new user makes by hand in the YAML; each must give exactly one finding of
the rule's code and no other error, so the administration chief reads one clear message.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.law.catalogue import RULES
from generator.rules.identity import business_id_problem
from generator.validate import validate_case

EXAMPLE = Path(__file__).resolve().parent.parent / "agreements" / "kaustisen-seutukunta"
JOINT_BODY = "10-yhteistoimintasopimus.yaml"  # in force: described, amended by AMENDMENT
AMENDMENT = "15-muutossopimus.yaml"
SUPPLEMENT = "20-te24-taydentava-sopimus.yaml"
AUTHORITY = "30-te24-viranomaistehtavat-54.yaml"
REGISTRY = "municipalities.yaml"
# The employment area and its municipalities are described in the area's own case, which the
# Kaustinen case refers to; a break there must still be found when the Kaustinen case is validated.
AREA_CASE = "keski-pohjanmaan-tyollisyysalue"
AREA = f"../{AREA_CASE}/municipalities.yaml"
# The area's own cooperation agreement: a draft joint-body agreement whose breaks are its own case's.
AREA_AGREEMENT = f"../{AREA_CASE}/10-yhteistoimintasopimus.yaml"
# Västra Nyland: a joint body with a per-inhabitant seat rule and joint posts (KuntaL 53 §).
VN_CASE = "vastra-nylands-sysselsattning"
VN_BODY = f"../{VN_CASE}/10-samarbetsavtal.yaml"
POSTS = f"../{VN_CASE}/20-gemensamma-tjanster-53.yaml"
COPIED = ("kaustisen-seutukunta", AREA_CASE, VN_CASE)


def _drop_block(key: str) -> Callable[[str], str]:
    """Remove a top-level key and its indented body, as a user deleting the lines would."""

    def edit(text: str) -> str:
        pattern = re.compile(rf"^{key}:.*\n(?:(?:[ #].*|)\n)*?(?=^[a-z_]+:|\Z)", re.M)
        new, count = pattern.subn("", text)
        assert count == 1, f"{key} not found"
        return new

    return edit


def _replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new)

    return edit


def _append(extra: str) -> Callable[[str], str]:
    return lambda text: text.rstrip("\n") + "\n" + extra + "\n"


@dataclass(frozen=True)
class Break:
    code: str
    file: str
    edit: Callable[[str], str]
    at: str  # the text of the line the finding must point at (first occurrence after the edit)
    edits: tuple[tuple[str, Callable[[str], str]], ...] = ()
    citation: str | None = None  # when the finding cites the requirement, not the rule
    case: str = "kaustisen-seutukunta"  # the case validated (the files are named from the Kaustinen case)


KIND = "kind:"
_ALL_COVERS = ["availability", "needs", "production", "supervision", "authority"]

BREAKS = [
    Break("KL52-1", AREA_AGREEMENT, _drop_block("tasks"), KIND, case=AREA_CASE),
    Break("KL52-2", AREA_AGREEMENT, _drop_block("composition"), KIND, case=AREA_CASE),
    Break("KL52-3", AREA_AGREEMENT, _drop_block("cost_sharing"), KIND, case=AREA_CASE),
    Break("KL52-4", AREA_AGREEMENT, _drop_block("termination"), KIND, case=AREA_CASE),
    Break("KL52-OTTO", VN_BODY, _drop_block("right_of_take_up"), KIND, case=VN_CASE),
    Break("KL53-1", POSTS, _drop_block("established_by_identical_decisions"), KIND, case=VN_CASE),
    Break("KL53-3A", POSTS, _drop_block("employer"), KIND, case=VN_CASE),
    Break("KL53-3B", POSTS, _drop_block("cost_sharing"), KIND, case=VN_CASE),
    Break(
        "KL54-1",
        AUTHORITY,
        _replace("delegable_to_office_holder: true", "delegable_to_office_holder: false"),
        "delegable_to_office_holder: false",
    ),
    Break("KL54-APPLY", SUPPLEMENT, _drop_block("applies_section_54"), KIND),
    Break(
        "KL54-BASIS",
        AUTHORITY,
        _replace("kind: authority_task\n", "kind: authority_task\nsector: general\n"),
        KIND,
    ),
    Break("TPJ-AREA", AUTHORITY, _replace("employment_area: keski-pohjanmaa\n", ""), KIND),
    Break(
        "SEAT-TABLE",
        AREA_AGREEMENT,
        _replace("toholampi: 1, veteli: 1}", "toholampi: 1}"),
        "  seats: {kokkola: 5",
        case=AREA_CASE,
    ),
    Break("KL54-2A", AUTHORITY, _drop_block("powers"), KIND),
    Break("KL54-2B", AUTHORITY, _drop_block("monitoring"), KIND),
    Break("KL54-2C", AUTHORITY, _drop_block("cost_sharing"), KIND),
    Break("KL54-2D", AUTHORITY, _drop_block("termination"), KIND),
    *[
        Break(
            f"KL8-2-{n}",
            AREA_AGREEMENT,
            _replace(
                "covers: [availability, needs, production, supervision, authority]",
                "covers: [" + ", ".join(c for c in _ALL_COVERS if c != _ALL_COVERS[n - 1]) + "]",
            ),
            "organising_responsibility:",
            case=AREA_CASE,
        )
        for n in range(1, 6)
    ],
    Break(
        "KL63",
        AREA_AGREEMENT,
        _append("disputes: {forum: arbitration}"),
        "disputes: {forum: arbitration}",
        case=AREA_CASE,
    ),
    Break("TPJ12-1", AREA, _replace("value: 31000", "value: 5000"), "    members: [kokkola, kannus"),
    Break(
        "TPJ12-2",
        AREA,
        _replace("members: [kokkola, kannus, halsua, ", "members: [kokkola, kannus, "),
        "  - id: halsua",
        edits=((REGISTRY, lambda text: text),),
    ),
    Break(
        "TPJ12-3",
        AREA,
        _replace("neighbours: [halsua, lestijarvi, veteli]", "neighbours: []"),
        "    members: [kokkola, kannus",
        edits=(
            (
                REGISTRY,
                _replace(
                    "neighbours: [kokkola, kaustinen, lestijarvi, perho, veteli]",
                    "neighbours: [kokkola, kaustinen, lestijarvi, veteli]",
                ),
            ),
            (
                REGISTRY,
                _replace("neighbours: [kokkola, halsua, perho, toholampi]", "neighbours: [kokkola, halsua, toholampi]"),
            ),
            (REGISTRY, _replace("neighbours: [halsua, kaustinen, perho]", "neighbours: [halsua, kaustinen]")),
            (
                AREA,
                _replace(
                    "neighbours: [kokkola, kaustinen, lestijarvi, perho, veteli]",
                    "neighbours: [kokkola, kaustinen, lestijarvi, veteli]",
                ),
            ),
            (
                AREA,
                _replace("neighbours: [kokkola, halsua, perho, toholampi]", "neighbours: [kokkola, halsua, toholampi]"),
            ),
            (AREA, _replace("neighbours: [halsua, kaustinen, perho]", "neighbours: [halsua, kaustinen]")),
        ),
    ),
    Break(
        "SEAT-DECLARED",
        AREA_AGREEMENT,
        _replace("declared_total: 12", "declared_total: 13"),
        "declared_total: 13",
        case=AREA_CASE,
    ),
    Break(
        "SEAT-MIN",
        VN_BODY,
        _replace("  declared_total: 7\n", "  declared_total: 7\n  declared_seats: {hango: 1}\n"),
        "declared_seats: {hango: 1}",
        case=VN_CASE,
    ),
    Break(
        "COST-100",
        POSTS,
        _replace("figures: {raseborg: 50, hango: 30, inga: 20}", "figures: {raseborg: 50, hango: 30, inga: 19}"),
        "figures: {raseborg: 50, hango: 30, inga: 19}",
        case=VN_CASE,
    ),
    Break("COST-ZERO", SUPPLEMENT, _replace("{halsua: 33,", "{halsua: 0,"), "figures: {halsua: 0,"),
    Break(
        "COST-DECLARED",
        SUPPLEMENT,
        _replace("  year: 2024\n", "  year: 2024\n  declared_shares: {halsua: 9.0}\n"),
        "declared_shares: {halsua: 9.0}",
    ),
    Break(
        "DATE-SIGN",
        SUPPLEMENT,
        _replace("entry_into_force: 2025-01-01", "signed: 2025-03-01\nentry_into_force: 2025-01-01"),
        "entry_into_force: 2025-01-01",
    ),
    Break("DATE-NOTICE", SUPPLEMENT, _replace("notice_months: 12", "notice_months: 0"), "notice_months: 0"),
    Break("DATE-TERMINATION", POSTS, _drop_block("termination"), KIND, case=VN_CASE),
    Break("DATE-TERM", POSTS, _drop_block("term"), KIND, case=VN_CASE),
    Break(
        "REF-BASE",
        SUPPLEMENT,
        _replace("base_agreement: yhteistoimintasopimus", "base_agreement: perussopimus"),
        "base_agreement: perussopimus",
    ),
    Break(
        "OVERRIDE-UNKNOWN",
        AREA_AGREEMENT,
        _append(
            "overrides:\n  kustannukset.jakoperusteet:\n"
            "    text: {fi: Kustannukset jaetaan tasan., sv: Kostnaderna fördelas jämnt.}"
        ),
        "kustannukset.jakoperusteet:",
        case=AREA_CASE,
    ),
    Break(
        "OVERRIDE-FACT",
        AREA_AGREEMENT,
        _append(
            "overrides:\n  voimassaolo.irtisanominen:\n"
            "    text: {fi: Irtisanomisaika on 3 kuukautta., sv: Uppsägningstiden är 12 månader.}"
        ),
        "text: {fi: Irtisanomisaika on 3 kuukautta.",
        case=AREA_CASE,
    ),
    Break(
        "OVERRIDE-REQ",
        AREA_AGREEMENT,
        _append(
            "overrides:\n  erimielisyydet:\n    text: {fi: Erimielisyydet ratkaistaan välimiesmenettelyssä.,"
            " sv: Tvister avgörs som förvaltningstvistemål vid förvaltningsdomstolen.}"
        ),
        "text: {fi: Erimielisyydet ratkaistaan",
        citation="KuntaL 63 §",
        case=AREA_CASE,
    ),
    Break(
        "OVERRIDE-TABLE",
        JOINT_BODY,
        _append(
            "overrides:\n  voimassaolo.irtisanominen:\n    text: |-\n      Irtisanomisaika on 12 kuukautta.\n\n      @table seats"
        ),
        "    text: |-",
    ),
    Break(
        "DATE-TERM-END",
        POSTS,
        _replace("term: {indefinite: true}", "term: {end: 2024-06-30}"),
        "term: {end: 2024-06-30}",
        case=VN_CASE,
    ),
    Break(
        "KL49-PARTIES",
        POSTS,
        _replace("parties: [raseborg, hango, inga]", "parties: [raseborg]"),
        "parties: [raseborg]",
        edits=((POSTS, _replace("figures: {raseborg: 50, hango: 30, inga: 20}", "figures: {raseborg: 100}")),),
        case=VN_CASE,
    ),
    Break(
        "COUNCIL-PARTY",
        "case.yaml",
        _replace("toholampi, veteli]\n", "toholampi, veteli, perho]\n"),
        "councils: [",
    ),
    Break(
        "BID-CHECK",
        REGISTRY,
        _replace(
            "official_name: Halsuan kunta\n    business_id: null",
            'official_name: Halsuan kunta\n    business_id: "1234567-8"',
        ),
        'business_id: "1234567-8"',
    ),
    # --- agreements in force, amendments and dependencies ---------------------------------------
    Break(
        "REF-AMENDS",
        AMENDMENT,
        _replace("amends: yhteistoimintasopimus", "amends: perussopimus"),
        "amends: perussopimus",
    ),
    Break(
        "AMEND-PARTIES",
        AMENDMENT,
        _replace("parties: [halsua, kaustinen, lestijarvi, toholampi, veteli]", "parties: [halsua, kaustinen]"),
        "parties: [halsua, kaustinen]",
    ),
    Break(
        "AMEND-BASE",
        AMENDMENT,
        _replace("amends: yhteistoimintasopimus", "amends: te24-taydentava-sopimus"),
        "amends: te24-taydentava-sopimus",
        edits=(
            (
                AMENDMENT,
                _replace(
                    "  composition:\n    population_year: 2024\n    declared_total: 15\n    recount_each_term: true\n",
                    "  purpose: Uusi tarkoitus.\n",
                ),
            ),
        ),
    ),
    Break(
        "IN-FORCE-ORIGINAL",
        JOINT_BODY,
        _replace("in_force:\n", "in_force:\n  original: liitteet/puuttuu.pdf\n"),
        "  original: liitteet/puuttuu.pdf",
    ),
    Break("IN-FORCE-TERMS", JOINT_BODY, _drop_block("in_force"), KIND),
    Break(
        "REF-DEPENDS",
        SUPPLEMENT,
        _replace("  - agreement: te24-viranomaistehtavat", "  - agreement: viranomaissopimus"),
        "  - agreement: viranomaissopimus",
    ),
    Break(
        "DEPENDS-END", SUPPLEMENT, _replace("    on_end: renegotiate\n", ""), "  - agreement: te24-viranomaistehtavat"
    ),
    Break(
        "NOTICE-ALIGN",
        SUPPLEMENT,
        _replace("  notice_months: 12", "  notice_months: 6"),
        "  notice_months: 6",
        edits=(
            (
                SUPPLEMENT,
                _replace(
                    "    note: Sopimusten irtisanomisajat ovat yhtä pitkät, jotta kumpikin voidaan päättää samasta ajankohdasta.\n",
                    "",
                ),
            ),
        ),
    ),
    Break(
        "POWER-HOLDER",
        SUPPLEMENT,
        _replace("applies_section_54: false", "applies_section_54: true"),
        "applies_section_54: true",
        citation="KuntaL 8 § 1 mom. ja 54 §; L 380/2023 12–13 §",
    ),
    Break(
        "AUTHORITY-CONTRACTOR",
        AUTHORITY,
        _replace("    fi: Kokkolan kaupungin työllisyyslautakunta\n", "    fi: Kokkolan kaupunginhallitus\n"),
        "    fi: Kokkolan kaupunginhallitus",
    ),
    Break(
        "KL54-POWERS",
        AUTHORITY,
        _drop_block("powers"),
        "  - fi: työnhakijoiden palvelutarpeen arviointi",
        edits=(
            (
                AUTHORITY,
                _append("tasks:\n  - fi: työnhakijoiden palvelutarpeen arviointi\n    sv: bedömning av servicebehov"),
            ),
        ),
    ),
    Break(
        "SERVICE-LEVEL-PARTY",
        SUPPLEMENT,
        _append("local_service:\n  - Asiakas voi asioida kotikunnassaan ajanvarauksella."),
        "  - Asiakas voi asioida kotikunnassaan ajanvarauksella.",
    ),
    Break("LANG-SERVICE", AUTHORITY, _drop_block("language_service"), KIND),
    Break(
        "COST-OVERLAP",
        SUPPLEMENT,
        _replace(
            "tasks:\n",
            "tasks:\n  - alueen suomenkielisten yritys- ja työnantaja-asiakkaiden neuvonta ja rekrytointipalvelu"
            " työllisyysalueen yhteisen palveluvalikoiman mukaisesti; tehtävään eivät kuulu palkkatukea koskevat"
            " päätökset\n",
        ),
        "  - alueen suomenkielisten yritys- ja työnantaja-asiakkaiden",
    ),
    Break(
        "COST-NET",
        SUPPLEMENT,
        _replace(
            "  net_of:\n    - tämän sopimuksen tehtäviin saaduilla valtionavustuksilla ja muilla tuloilla\n",
            "",
        ),
        "  basis: customers",
    ),
]


def _copy(tmp_path: Path, name: str = "kaustisen-seutukunta") -> Path:
    """Private copies of the example cases the breaks edit (Kaustinen, its area's case, Västra
    Nyland); returns the one named."""
    for folder in COPIED:
        shutil.copytree(EXAMPLE.parent / folder, tmp_path / folder)
    return tmp_path / name


def _apply(case: Path, name: str, edit: Callable[[str], str]) -> None:
    path = case / name
    path.write_text(edit(path.read_text("utf-8")), "utf-8")


def _line_of(case: Path, name: str, needle: str) -> int:
    for number, line in enumerate((case / name).read_text("utf-8").splitlines(), start=1):
        if line.startswith(needle) or (needle.strip() and line.strip().startswith(needle.strip())):
            return number
    raise AssertionError(f"{needle!r} not in {name}")


def test_every_rule_in_the_catalogue_has_a_breaking_case_here() -> None:
    tested = {b.code for b in BREAKS} | {"SEAT-AGE", "BID-MISSING", "KIELI-6-29", "KIELI-SV"}
    assert tested == set(RULES)


@pytest.mark.parametrize("brk", BREAKS, ids=lambda b: b.code)
def test_breaking_the_example_gives_exactly_that_finding(brk: Break, tmp_path: Path) -> None:
    kaustinen = _copy(tmp_path)
    _apply(kaustinen, brk.file, brk.edit)
    for name, edit in brk.edits:
        _apply(kaustinen, name, edit)
    case = tmp_path / brk.case
    _, findings = validate_case(case)
    hits = [f for f in findings if f.code == brk.code]
    assert len(hits) == 1, [f.line() for f in findings]
    hit = hits[0]
    rule = RULES[brk.code]
    assert hit.severity == rule.severity
    assert hit.citation == (brk.citation or rule.citation)
    # The finding stands in the file the rule is about: the one broken, or for TPJ12-2 the registry
    # entry of the municipality left outside every area.
    where = REGISTRY if brk.code == "TPJ12-2" else brk.file
    assert Path(hit.position.file).resolve() == (kaustinen / where).resolve()
    assert hit.position.line == _line_of(kaustinen, where, brk.at)
    others = [f for f in findings if f.severity == "error" and f.code != brk.code]
    assert others == [], "cascade: " + "; ".join(f.line() for f in others)
    assert (brk.citation or rule.citation) in hit.line()


def test_the_example_case_has_no_errors_and_its_amendment_answers_the_old_population_data() -> None:
    """The agreement in force counts seats from 2016 populations (17); the amendment moves it to 2024
    (15), so the case as the councils would leave it draws no age warning."""
    case, findings = validate_case(EXAMPLE)
    assert case is not None
    assert all(f.severity == "warning" for f in findings)
    assert not [f for f in findings if f.code == "SEAT-AGE"]
    in_force = case.agreement("yhteistoimintasopimus")
    assert in_force.existing and in_force.composition is not None and in_force.composition.total == 17
    amended = case.current(in_force)
    assert amended is not in_force and not amended.existing
    assert amended.composition is not None and amended.composition.total == 15


def test_without_the_amendment_the_agreement_in_force_warns_about_old_population_data(tmp_path: Path) -> None:
    case = _copy(tmp_path)
    (case / AMENDMENT).unlink()
    _, findings = validate_case(case)
    (age,) = [f for f in findings if f.code == "SEAT-AGE"]
    message = age.message("fi")
    assert "vuoden 2016" in message and "17 jäsentä" in message
    assert "Vuoden 2024 luvuilla sama sääntö antaa 15" in message
    assert age.citation == "KuntaL 52 § 1 mom. 2 k."
    assert Path(age.position.file).name == JOINT_BODY
    assert not [f for f in findings if f.severity == "error"]


def test_missing_business_ids_of_parties_are_warnings_at_their_lines() -> None:
    _, findings = validate_case(EXAMPLE)
    missing = [f for f in findings if f.code == "BID-MISSING"]
    assert {f.params["name"] for f in missing} == {
        "Halsua",
        "Kaustinen",
        "Lestijärvi",
        "Toholampi",
        "Veteli",
    }
    assert all(f.severity == "warning" and f.citation == RULES["BID-MISSING"].citation for f in missing)
    lines = (EXAMPLE / REGISTRY).read_text("utf-8").splitlines()
    assert all(lines[f.position.line - 1].strip() == "business_id: null" for f in missing)


def test_a_bilingual_party_of_an_agreement_without_a_joint_body_asks_to_check_for_a_swedish_text(
    tmp_path: Path,
) -> None:
    """Kokkola is a party of the 54 § agreement only, which sets up no joint body: the warning must not
    call one a bilingual authority (kielilaki 6 § 1 mom. 2 k. concerns 51 § bodies). The example
    makes it in Finnish and Swedish; asked in Finnish only, it warns."""
    _, findings = validate_case(EXAMPLE)
    assert not [f for f in findings if f.code in ("KIELI-6-29", "KIELI-SV")]
    case = _copy(tmp_path)
    _apply(case, AUTHORITY, _replace("languages: [fi, sv]\n", ""))
    _, findings = validate_case(case)
    (warning,) = [f for f in findings if f.code == "KIELI-SV"]
    assert Path(warning.position.file).name == AUTHORITY
    assert warning.severity == "warning" and warning.citation == "kielilaki (423/2003) 6 § 1 mom. 2 k. ja 29 §"
    lines = (case / AUTHORITY).read_text("utf-8").splitlines()
    assert "kokkola" in lines[warning.position.line - 1][warning.position.column - 1 :]
    message = warning.message("fi")
    assert message.startswith("osapuoli Kokkola on kaksikielinen kunta")
    assert "ei perusteta yhteistä toimielintä" in message and "kaksikielinen viranomainen" not in message
    assert "no joint body" in warning.message("en")


def test_a_bilingual_party_of_a_joint_body_makes_the_body_a_bilingual_authority(tmp_path: Path) -> None:
    case = _copy(tmp_path)
    _apply(
        case,
        REGISTRY,
        _replace(
            "official_name: Vetelin kunta\n    business_id: null\n    language: fi",
            "official_name: Vetelin kunta\n    business_id: null\n    language: fi-sv",
        ),
    )
    _, findings = validate_case(case)
    warnings = [f for f in findings if f.code == "KIELI-6-29"]
    assert {Path(f.position.file).name for f in warnings} == {JOINT_BODY, SUPPLEMENT}
    assert not [f for f in findings if f.code == "KIELI-SV" and Path(f.position.file).name in (JOINT_BODY, SUPPLEMENT)]
    (in_body,) = [f for f in warnings if Path(f.position.file).name == JOINT_BODY]
    assert in_body.citation == "kielilaki (423/2003) 6 § 1 mom. 2 k. ja 29 §"
    assert in_body.position.line == _line_of(case, JOINT_BODY, "parties:")
    line = (case / JOINT_BODY).read_text("utf-8").splitlines()[in_body.position.line - 1]
    assert line[in_body.position.column - 1 :].startswith("veteli")
    message = in_body.message("fi")
    assert "yhteinen toimielin on kaksikielinen viranomainen" in message
    assert "kokouskutsut ja pöytäkirjat on laadittava suomeksi ja ruotsiksi" in message


def test_a_council_of_state_permit_silences_the_labour_force_rule(tmp_path: Path) -> None:
    """Act 383/2023 4 §: the Council of State may permit an area under 20 000; recorded with its date
    and record number, TPJ12-1 is silent."""
    case = _copy(tmp_path)
    _apply(case, AREA, _replace("value: 31000", "value: 5000"))
    _, findings = validate_case(case)
    assert [f.code for f in findings if f.severity == "error"] == ["TPJ12-1"]
    (finding,) = [f for f in findings if f.code == "TPJ12-1"]
    assert finding.citation == "L 380/2023 12 § 1 mom., L 383/2023 4 §"
    _apply(
        case,
        AREA,
        _replace(
            "    members: [kokkola, kannus",
            "    permit: {date: 2024-02-01, record_number: VN/1234/2024}\n    members: [kokkola, kannus",
        ),
    )
    model, findings = validate_case(case)
    assert not [f for f in findings if f.code == "TPJ12-1"]
    assert model is not None and not [f for f in findings if f.severity == "error"]


@pytest.mark.parametrize(
    "value, problem",
    [
        ("0000002-7", None),
        ("1234567-1", None),
        ("1234567-8", "odotettu 1"),
        ("0000006-1", "jakojäännös 1: tunnusta ei voi olla"),
    ],
)
def test_business_id_check_digit(value: str, problem: str | None) -> None:
    assert business_id_problem(value) == problem


# --- as a new user would: each mistake gives one clear line, not a cascade ----------------------

NEW_USER = [
    ("termination removed", SUPPLEMENT, _drop_block("termination"), "KL52-4"),
    ("a cost figure that is not a number", SUPPLEMENT, _replace("{halsua: 33,", "{halsua: kolme,"), "SCHEMA-TYPE"),
    (
        "a wrong check digit",
        REGISTRY,
        _replace(
            "official_name: Vetelin kunta\n    business_id: null",
            'official_name: Vetelin kunta\n    business_id: "1234567-2"',
        ),
        "BID-CHECK",
    ),
    ("a party not in the registry", SUPPLEMENT, _replace("parties: [halsua,", "parties: [halsu,"), "REF-MUNICIPALITY"),
]


@pytest.mark.parametrize("what, name, edit, code", NEW_USER, ids=[n[0] for n in NEW_USER])
def test_new_user_mistakes_give_one_error_line(what: str, name: str, edit, code: str, tmp_path: Path) -> None:
    case = _copy(tmp_path)
    _apply(case, name, edit)
    result = CliRunner().invoke(cli, ["validate", str(case)])
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if ": error " in line]
    assert len(errors) == 1, result.stdout
    assert f"{name}:" in errors[0] and f"error {code}:" in errors[0]
    assert "Traceback" not in result.output


def test_rules_command_lists_the_catalogue_as_text_and_json() -> None:
    import json

    text = CliRunner().invoke(cli, ["rules"])
    assert text.exit_code == 0
    assert any(
        line.startswith("KL52-3") and "KuntaL 52 § 1 mom. 3 k." in line and "error" in line
        for line in text.stdout.splitlines()
    )
    as_json = CliRunner().invoke(cli, ["rules", "--format", "json", "--lang", "en"])
    entries = json.loads(as_json.stdout)
    assert [e["code"] for e in entries] == list(RULES)
    otto = next(e for e in entries if e["code"] == "KL52-OTTO")
    assert otto == {
        "code": "KL52-OTTO",
        "citation": "KuntaL 52 § 2 mom.",
        "severity": "warning",
        "title": "lead municipality's right to take up decisions",
        "message": RULES["KL52-OTTO"].en,
    }


def test_asking_for_a_swedish_version_answers_the_bilingual_party_warning(tmp_path: Path) -> None:
    case = _copy(tmp_path)
    _apply(
        case,
        REGISTRY,
        _replace(
            "official_name: Vetelin kunta\n    business_id: null\n    language: fi",
            "official_name: Vetelin kunta\n    business_id: null\n    language: fi-sv",
        ),
    )
    _apply(case, JOINT_BODY, _replace("kind: joint_body", "kind: joint_body\nlanguages: [fi, sv]"))
    _, findings = validate_case(case)
    warnings = [f for f in findings if f.code == "KIELI-6-29"]
    assert {Path(f.position.file).name for f in warnings} == {SUPPLEMENT}
    assert "languages: [fi, sv]" in warnings[0].message("fi")
