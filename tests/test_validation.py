"""Validation of a case: one mistake gives one finding, at the place of the mistake, in plain words.

Each test copies the Kaustinen case, makes one mistake an author could make, and checks what
``validate_case`` reports: the finding's code, the file, the line and column (found by searching the
edited text, so the tests do not depend on the example's exact layout), and that no other error
follows from the same mistake. Messages are Finnish by default and English on request.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import AUTHORITY_TASK_FILE, JOINT_BODY_FILE, REPO, SUPPLEMENT_FILE, position_of

from generator.findings import Finding
from generator.messages import MESSAGES
from generator.validate import validate_case


def the_one_error(case: Path) -> Finding:
    """The case must give exactly one error (warnings do not count); return it."""
    model, findings = validate_case(case)
    errors = [f for f in findings if f.severity == "error"]
    assert len(errors) == 1, [f.line() for f in errors]
    assert model is None, "a case with an error must not yield a model"
    return errors[0]


# The amendment of the agreement in force (10-…): the regional council from the 2024 populations.
AMENDMENT_FILE = "15-muutossopimus.yaml"


def assert_at(finding: Finding, case: Path, file: str, line: int, column: int) -> None:
    assert Path(finding.position.file) == case / file, finding.line()
    assert (finding.position.line, finding.position.column) == (line, column), finding.line()


# --- the baseline ----------------------------------------------------------------------------------


def test_the_example_as_committed_has_no_errors(example_case: Path) -> None:
    case, findings = validate_case(example_case)
    assert [f.line() for f in findings if f.severity == "error"] == []
    assert case is not None
    assert [a.id for a in case.agreements] == [
        "yhteistoimintasopimus",
        "yhteistoimintasopimuksen-muutos",
        "te24-taydentava-sopimus",
        "te24-viranomaistehtavat",
    ]
    # The agreement of 2016 is in force; the councils would leave it as the amendment amends it.
    in_force = case.agreement("yhteistoimintasopimus")
    assert in_force.existing and in_force.composition is not None and in_force.composition.total == 17
    current = case.current(in_force)
    assert current.id == in_force.id and not current.existing
    assert current.composition is not None and current.composition.total == 15


def test_the_amendment_brings_the_seats_to_the_2024_populations_so_there_is_no_age_warning(
    example_case: Path, case_copy: Path
) -> None:
    """The 2016 rule gives 17 seats; the same rule with 2024 populations gives 15 (DOMAIN.md). The
    amendment makes it 15, so the example does not warn; without the amendment the warning returns."""
    _, findings = validate_case(example_case)
    assert [f.line() for f in findings if f.code == "SEAT-AGE"] == []
    (case_copy / AMENDMENT_FILE).unlink()
    _, findings = validate_case(case_copy)
    assert [f.line() for f in findings if f.severity == "error"] == []
    age = [f for f in findings if f.code == "SEAT-AGE"]
    assert len(age) == 1 and age[0].severity == "warning"
    assert Path(age[0].position.file).name == JOINT_BODY_FILE
    assert age[0].params["total"] == 17 and age[0].params["latest_total"] == 15
    assert "15" in age[0].message() and "2024" in age[0].message()


# --- schema: structure, with positions -------------------------------------------------------------


def test_a_missing_required_field_is_reported_at_the_mapping_that_lacks_it(case_copy: Path, edit) -> None:
    text = edit(JOINT_BODY_FILE, "title: Kaustisen seutukunnan yhteistoimintasopimus\n", "")
    error = the_one_error(case_copy)
    assert error.code == "SCHEMA-REQUIRED"
    assert_at(error, case_copy, JOINT_BODY_FILE, *position_of(text, "id: yhteistoimintasopimus"))
    assert error.message() == "pakollinen kenttä 'title' puuttuu. Lisää se."
    assert error.message("en") == "required field 'title' is missing. Add it."


def test_a_missing_field_of_a_nested_mapping_points_into_that_mapping(case_copy: Path, edit) -> None:
    text = edit(JOINT_BODY_FILE, "  form: itsenäinen lautakunta\n", "")
    error = the_one_error(case_copy)
    assert error.code == "SCHEMA-REQUIRED"
    assert error.params["field"] == "form"
    # The body mapping begins with its first key, 'name'.
    assert_at(error, case_copy, JOINT_BODY_FILE, *position_of(text, "name: Kaustisen seutukunta"))


def test_a_misspelt_key_is_unknown_and_the_message_suggests_the_right_one(case_copy: Path, edit) -> None:
    text = edit(JOINT_BODY_FILE, "presenter: kehittämisjohtaja", "presentor: kehittämisjohtaja")
    error = the_one_error(case_copy)  # not also "presenter is missing": one mistake, one finding
    assert error.code == "SCHEMA-UNKNOWN"
    assert_at(error, case_copy, JOINT_BODY_FILE, *position_of(text, "presentor:"))
    assert error.message() == "tuntematon kenttä 'presentor'. Tarkista kirjoitusasu (tarkoititko 'presenter'?)."
    assert error.message("en") == "unknown field 'presentor'. Check the spelling (did you mean 'presenter'?)."


def test_a_misspelt_nested_key_is_pointed_at_in_its_own_mapping(case_copy: Path, edit) -> None:
    text = edit(JOINT_BODY_FILE, "  per_inhabitants: 1000", "  per_inhabitant: 1000")
    error = the_one_error(case_copy)
    assert error.code == "SCHEMA-UNKNOWN"
    assert_at(error, case_copy, JOINT_BODY_FILE, *position_of(text, "per_inhabitant:"))
    assert "did you mean 'per_inhabitants'?" in error.message("en")


def test_a_value_of_the_wrong_type_is_pointed_at(case_copy: Path, edit) -> None:
    text = edit(JOINT_BODY_FILE, "notice_months: 12", "notice_months: kaksitoista")
    error = the_one_error(case_copy)
    assert error.code == "SCHEMA-TYPE"
    assert_at(error, case_copy, JOINT_BODY_FILE, *position_of(text, "kaksitoista"))
    assert error.message() == "arvon 'kaksitoista' pitäisi olla kokonaisluku."
    assert error.message("en") == "value 'kaksitoista' should be a whole number."


def test_a_number_with_a_leading_zero_is_not_taken_as_octal_but_questioned(case_copy: Path, edit) -> None:
    text = edit(JOINT_BODY_FILE, "notice_months: 12", "notice_months: 012")
    error = the_one_error(case_copy)
    assert error.code == "SCHEMA-TYPE"
    assert_at(error, case_copy, JOINT_BODY_FILE, *position_of(text, "012"))


def test_a_value_outside_the_allowed_list_names_the_allowed_values(case_copy: Path, edit) -> None:
    text = edit(JOINT_BODY_FILE, "effective: end_of_calendar_year", "effective: end_of_year")
    error = the_one_error(case_copy)
    assert error.code == "SCHEMA-ENUM"
    assert_at(error, case_copy, JOINT_BODY_FILE, *position_of(text, "end_of_year"))
    assert error.message() == "arvo 'end_of_year' ei kelpaa. Sallitut: end_of_calendar_year, after_notice."
    assert error.message("en") == "value 'end_of_year' is not allowed. Allowed: end_of_calendar_year, after_notice."


def test_an_unknown_cost_basis_is_one_enum_error(case_copy: Path, edit) -> None:
    text = edit(JOINT_BODY_FILE, "basis: population", "basis: asukasluku")
    error = the_one_error(case_copy)
    assert error.code == "SCHEMA-ENUM"
    assert_at(error, case_copy, JOINT_BODY_FILE, *position_of(text, "asukasluku"))
    assert "customers, population, labour_force, fixed" in error.message()


@pytest.mark.parametrize("written", ["2016/01/01", "1.1.16", "tammikuu 2016", "2016-1-1"])
def test_a_date_in_an_unknown_format_is_a_format_error(case_copy: Path, edit, written: str) -> None:
    text = edit(JOINT_BODY_FILE, "entry_into_force: 2016-01-01", f"entry_into_force: {written}")
    error = the_one_error(case_copy)
    assert error.code == "SCHEMA-FORMAT"
    assert_at(error, case_copy, JOINT_BODY_FILE, *position_of(text, written))
    assert f"arvo '{written}' on väärässä muodossa." in error.message()
    assert "2025-01-01 tai 1.1.2025" in error.message()


def test_a_date_format_error_in_english_is_all_english(case_copy: Path, edit) -> None:
    """The hint comes from the schema; in English it must not fall back to the Finnish description."""
    edit(JOINT_BODY_FILE, "entry_into_force: 2016-01-01", "entry_into_force: 2016/01/01")
    error = the_one_error(case_copy)
    assert error.message("en").startswith("value '2016/01/01' has the wrong form.")
    assert "Päivämäärä" not in error.message("en") and "muodossa" not in error.message("en")


def test_a_date_that_does_not_exist_is_reported_at_the_date(case_copy: Path, edit) -> None:
    text = edit(JOINT_BODY_FILE, "entry_into_force: 2016-01-01", "entry_into_force: 31.2.2016")
    error = the_one_error(case_copy)
    assert error.code == "DATA-DATE"
    assert_at(error, case_copy, JOINT_BODY_FILE, *position_of(text, "31.2.2016"))
    assert error.message() == "päivämäärää '31.2.2016' ei ole olemassa. Tarkista päivä ja kuukausi."


def test_a_finnish_style_date_is_accepted(case_copy: Path, edit) -> None:
    edit(JOINT_BODY_FILE, "entry_into_force: 2016-01-01", "entry_into_force: 1.1.2016")
    case, findings = validate_case(case_copy)
    assert [f.line() for f in findings if f.severity == "error"] == []
    assert case is not None and str(case.agreements[0].entry_into_force) == "2016-01-01"


def test_an_amendment_that_breaks_the_schema_is_reported_at_its_change(case_copy: Path, edit) -> None:
    """The agreement as amended is checked against the schema, though it keeps the name and hash of
    the file it amends (whose own findings are cached), and its finding follows the change when the
    amendment file moves it (same data, other positions: an editor's process keeps the cache)."""
    text = edit(AMENDMENT_FILE, "population_year: 2024", 'population_year: "vuosi"')
    for _ in range(2):  # the second time with the base file's findings cached
        error = the_one_error(case_copy)
        assert error.code == "SCHEMA-TYPE"
        assert_at(error, case_copy, AMENDMENT_FILE, *position_of(text, '"vuosi"'))
    text = edit(AMENDMENT_FILE, "\nchanges:\n", "\n# Kokoonpano.\n# Jäsenmäärät.\nchanges:\n")
    assert_at(the_one_error(case_copy), case_copy, AMENDMENT_FILE, *position_of(text, '"vuosi"'))


# --- references across files -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "file",
    [
        SUPPLEMENT_FILE,
        JOINT_BODY_FILE,  # the agreement in force, which the amendment amends: one error, no AMEND-PARTIES
        AMENDMENT_FILE,
    ],
)
def test_an_unknown_municipality_is_pointed_at_and_a_close_one_suggested(case_copy: Path, edit, file: str) -> None:
    text = edit(file, "toholampi, veteli]", "toholampi, vetel]")
    error = the_one_error(case_copy)
    assert error.code == "REF-MUNICIPALITY"
    assert_at(error, case_copy, file, *position_of(text, "vetel]"))
    assert error.message().startswith(
        "kuntaa 'vetel' ei ole kuntarekisterissä (municipalities.yaml). Tunnetut: veteli (?)"
    )
    assert error.message("en").startswith("municipality 'vetel' is not in the registry")


def test_a_lead_municipality_that_is_not_a_party_is_an_error(case_copy: Path, edit) -> None:
    text = edit(JOINT_BODY_FILE, "lead: lestijarvi", "lead: kokkola")
    error = the_one_error(case_copy)
    assert error.code == "REF-NOT-PARTY"
    assert_at(error, case_copy, JOINT_BODY_FILE, *position_of(text, "kokkola"))
    assert error.message() == (
        "Vastuukunta 'kokkola' ei ole sopijaosapuoli. Lisää se parties-listaan tai valitse osapuoli."
    )
    assert error.message("en") == "Lead municipality 'kokkola' is not a party. Add it to parties or choose a party."


def test_a_supplement_whose_base_agreement_is_missing_is_an_error(case_copy: Path, edit) -> None:
    text = edit(SUPPLEMENT_FILE, "base_agreement: yhteistoimintasopimus", "base_agreement: perussopimus")
    error = the_one_error(case_copy)
    assert error.code == "REF-BASE"
    assert error.citation == "KuntaL 49 §, 51 §"
    assert_at(error, case_copy, SUPPLEMENT_FILE, *position_of(text, "perussopimus"))
    assert "täydennettävää sopimusta 'perussopimus' ei ole tapauksessa" in error.message()
    assert "yhteistoimintasopimus" in error.message()  # the known agreements are listed


def test_deleting_the_base_agreement_file_is_one_error_at_each_reference_to_it(case_copy: Path) -> None:
    """The agreement in force is the supplement's base and the amendment's subject: one error in each
    of them, at the reference, and nothing else."""
    (case_copy / JOINT_BODY_FILE).unlink()
    model, findings = validate_case(case_copy)
    assert model is None
    errors = sorted((Path(f.position.file).name, f.code) for f in findings if f.severity == "error")
    assert errors == [(AMENDMENT_FILE, "REF-AMENDS"), (SUPPLEMENT_FILE, "REF-BASE")]


# --- arithmetic: what the author declares must equal what the rule gives -----------------------------


def test_a_declared_seat_total_that_differs_from_the_rule_names_both_numbers(case_copy: Path, edit) -> None:
    """The amendment declares the regional council's total for 2024 populations (15)."""
    # The brief and README call this CALC-SEATS-TOTAL; the rule catalogue's code is SEAT-DECLARED.
    text = edit(AMENDMENT_FILE, "declared_total: 15", "declared_total: 16")
    error = the_one_error(case_copy)
    assert error.code == "SEAT-DECLARED"
    assert error.citation == "KuntaL 52 § 1 mom. 2 k."
    line, column = position_of(text, "declared_total: 16")
    assert_at(error, case_copy, AMENDMENT_FILE, line, column + len("declared_total: "))
    assert error.params["declared"] == 16 and error.params["computed"] == 15
    assert error.message() == (
        "sopimukseen kirjoitettu jäsenmäärä 16 poikkeaa säännöstä lasketusta 15 "
        "(Halsua 2 + Kaustinen 5 + Lestijärvi 2 + Toholampi 3 + Veteli 3). Korjaa kirjoitettu luku tai väkiluvut."
    )
    assert "16" in error.message("en") and "15" in error.message("en")
    assert error.message("en").startswith("the declared number of members 16 differs from 15")


def test_a_correct_declared_share_passes_and_a_wrong_one_names_both_figures(case_copy: Path, edit) -> None:
    # The brief calls this CALC-SHARE; the rule catalogue's code is COST-DECLARED. The supplement's
    # shares follow the customer counts: Halsua 8,19 %, Kaustinen 33,50 %.
    text = edit(
        SUPPLEMENT_FILE,
        "  budget: {amount: 420000",
        "  declared_shares: {halsua: 8.19, kaustinen: 33.40}\n  budget: {amount: 420000",
    )
    error = the_one_error(case_copy)  # Halsua's 8,19 % is right; only Kaustinen's is wrong
    assert error.code == "COST-DECLARED"
    assert_at(error, case_copy, SUPPLEMENT_FILE, *position_of(text, "33.40"))
    assert error.message() == (
        "kunnan Kaustinen kirjoitettu osuus 33,40 % poikkeaa lasketusta 33,50 %. Korjaa declared_shares tai jakoluvut."
    )
    assert error.message("en").startswith("the declared share of Kaustinen")


def test_declared_shares_that_equal_the_computed_ones_give_no_error(case_copy: Path, edit) -> None:
    edit(
        SUPPLEMENT_FILE,
        "  budget: {amount: 420000",
        "  declared_shares: {halsua: 8.19, kaustinen: 33.50, lestijarvi: 5.46, toholampi: 26.05, veteli: 26.80}\n"
        "  budget: {amount: 420000",
    )
    case, findings = validate_case(case_copy)
    assert [f.line() for f in findings if f.severity == "error"] == []
    assert case is not None


def test_fixed_shares_that_do_not_make_100_percent_are_an_error(case_copy: Path, edit) -> None:
    text = edit(
        AUTHORITY_TASK_FILE,
        "figures: {kokkola: 100, lestijarvi: 0}",
        "figures: {kokkola: 110, lestijarvi: 0}",
    )
    error = the_one_error(case_copy)
    assert error.code == "COST-100"
    assert "110 %" in error.message()
    assert_at(error, case_copy, AUTHORITY_TASK_FILE, *position_of(text, "{kokkola: 110, lestijarvi: 0}"))


# --- language of the messages ------------------------------------------------------------------------


def test_messages_are_finnish_unless_english_is_asked_for(case_copy: Path, edit) -> None:
    edit(JOINT_BODY_FILE, "lead: lestijarvi", "lead: kokkola")
    error = the_one_error(case_copy)
    assert error.message() == error.message("fi")
    assert error.line().endswith("error REF-NOT-PARTY: " + error.message("fi"))
    assert error.line("en").endswith("error REF-NOT-PARTY: " + error.message("en"))
    assert error.message("fi") != error.message("en")


def test_every_message_exists_in_both_languages() -> None:
    for code, texts in MESSAGES.items():
        assert texts.get("fi") and texts.get("en"), code


def test_the_finding_codes_shown_in_the_readme_are_codes_the_tool_uses() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    shown = set(re.findall(r":\d+:\d+: (?:error|warning) ([A-Z0-9-]+):", readme))
    assert shown, "the README shows example finding lines"
    assert sorted(shown - set(MESSAGES)) == []


def test_a_control_character_in_a_key_is_shown_visibly_and_the_finding_stays_one_line(case_copy: Path, edit) -> None:
    """A key with a control character (pasted from a PDF) must not split the finding across lines:
    'U+001E' shows where it is, and every printed line is still file:line:col: error CODE: message."""
    from click.testing import CliRunner

    from generator.cli import cli

    edit(
        "30-te24-viranomaistehtavat-54.yaml",
        "  no_share:\n    lestijarvi:\n",
        '  no_share:\n    "\\x1e": ei maksa\n    lestijarvi:\n',
    )
    result = CliRunner().invoke(cli, ["validate", str(case_copy)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    errors = [line for line in lines if ": error " in line]
    assert len(errors) == 1 and "U+001E" in errors[0] and "\x1e" not in result.stdout
    assert all(re.match(r"^.+\.yaml:\d+:\d+: (error|warning) [A-Z0-9-]+: ", line) for line in lines[:-1])
