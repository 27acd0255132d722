"""Reading a case file: every value keeps the place it was written, and YAML is read strictly.

A council's administration chief edits these files by hand. When something is wrong, the tool must
point at the line and column as the editor shows them (both counted from 1), and it must not
silently reinterpret Finnish words or numbers the way YAML 1.1 would.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLE, JOINT_BODY_FILE, position_of

from generator.findings import Position
from generator.load.yaml_loader import LoadedFile, load_yaml_file
from generator.validate import validate_case


def load_text(tmp_path: Path, text: str, name: str = "tiedosto.yaml") -> tuple[LoadedFile | None, list]:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return load_yaml_file(path, name)


def load_bytes(tmp_path: Path, raw: bytes, name: str = "tiedosto.yaml") -> tuple[LoadedFile | None, list]:
    path = tmp_path / name
    path.write_bytes(raw)
    return load_yaml_file(path, name)


def codes(findings) -> list[str]:
    return [f.code for f in findings]


# --- positions --------------------------------------------------------------------------------------


def test_a_value_stands_at_the_line_and_column_where_it_is_written(tmp_path: Path) -> None:
    text = 'id: esimerkki\nversion:\n  number: "0.1"\n  date: 2025-01-15\n'
    loaded, findings = load_text(tmp_path, text)
    assert findings == []
    assert loaded is not None
    assert loaded.position(("id",)) == Position("tiedosto.yaml", 1, 5)
    assert loaded.position(("version", "number")) == Position("tiedosto.yaml", 3, 11)
    assert loaded.position(("version", "date")) == Position("tiedosto.yaml", 4, 9)


def test_a_key_stands_where_the_key_is_written_not_where_its_value_is(tmp_path: Path) -> None:
    text = 'id: esimerkki\nversion:\n  number: "0.1"\n  date: 2025-01-15\n'
    loaded, _ = load_text(tmp_path, text)
    assert loaded is not None
    assert loaded.key_position(("id",)) == Position("tiedosto.yaml", 1, 1)
    assert loaded.key_position(("version",)) == Position("tiedosto.yaml", 2, 1)
    assert loaded.key_position(("version", "date")) == Position("tiedosto.yaml", 4, 3)


def test_items_of_a_flow_list_each_have_their_own_column(tmp_path: Path) -> None:
    text = "parties: [halsua, kaustinen, veteli]\n"
    loaded, _ = load_text(tmp_path, text)
    assert loaded is not None
    for index, name in enumerate(["halsua", "kaustinen", "veteli"]):
        assert loaded.position(("parties", index)) == Position("tiedosto.yaml", *position_of(text, name))


def test_values_inside_a_list_of_mappings_are_located(tmp_path: Path) -> None:
    text = "municipalities:\n  - id: halsua\n    business_id: null\n  - id: veteli\n    business_id: null\n"
    loaded, _ = load_text(tmp_path, text)
    assert loaded is not None
    assert loaded.data["municipalities"][1] == {"id": "veteli", "business_id": None}
    assert loaded.position(("municipalities", 1, "business_id")) == Position("tiedosto.yaml", 5, 18)
    assert loaded.key_position(("municipalities", 1, "business_id")) == Position("tiedosto.yaml", 5, 5)


def test_a_missing_value_is_placed_at_its_nearest_enclosing_value(tmp_path: Path) -> None:
    """A required field that is absent is reported where the mapping that lacks it begins."""
    text = "id: x\ntermination:\n  effective: end_of_calendar_year\n"
    loaded, _ = load_text(tmp_path, text)
    assert loaded is not None
    assert loaded.position(("termination", "notice_months")) == Position("tiedosto.yaml", 3, 3)


def test_positions_in_the_example_case_match_the_file_as_an_editor_shows_it() -> None:
    path = EXAMPLE / JOINT_BODY_FILE
    text = path.read_text("utf-8")
    loaded, findings = load_yaml_file(path, JOINT_BODY_FILE)
    assert loaded is not None and not [f for f in findings if f.severity == "error"]
    line, column = position_of(text, "declared_total: 17")
    assert loaded.key_position(("composition", "declared_total")) == Position(JOINT_BODY_FILE, line, column)
    assert loaded.position(("composition", "declared_total")) == Position(
        JOINT_BODY_FILE, line, column + len("declared_total: ")
    )
    assert loaded.data["composition"]["declared_total"] == 17


# --- duplicate keys -------------------------------------------------------------------------------


def test_a_duplicate_key_is_an_error_that_names_the_line_of_the_first(tmp_path: Path) -> None:
    text = "id: x\nlead: lestijarvi\ntitle: T\nlead: halsua\n"
    loaded, findings = load_text(tmp_path, text)
    assert codes(findings) == ["YAML-DUPKEY"]
    duplicate = findings[0]
    assert duplicate.severity == "error"
    assert duplicate.position == Position("tiedosto.yaml", 4, 1)  # the second 'lead'
    assert duplicate.params == {"key": "lead", "first": 2}
    assert duplicate.message() == "avain 'lead' on jo rivillä 2. Poista toinen niistä."
    assert duplicate.message("en") == "key 'lead' already appears on line 2. Remove one of them."


def test_a_duplicate_key_in_a_nested_mapping_is_found_too(tmp_path: Path) -> None:
    text = "composition:\n  minimum: 2\n  rule: per_started_inhabitants\n  minimum: 3\n"
    _, findings = load_text(tmp_path, text)
    assert codes(findings) == ["YAML-DUPKEY"]
    assert findings[0].position == Position("tiedosto.yaml", 4, 3)
    assert findings[0].params["first"] == 2


def test_the_same_key_in_two_different_mappings_is_not_a_duplicate(tmp_path: Path) -> None:
    text = "principal:\n  municipality: kokkola\nprovider:\n  municipality: lestijarvi\n"
    loaded, findings = load_text(tmp_path, text)
    assert findings == []
    assert loaded is not None and loaded.data["provider"]["municipality"] == "lestijarvi"


# --- what YAML 1.1 would silently reinterpret ------------------------------------------------------


@pytest.mark.parametrize("word", ["on", "no", "yes", "off", "On", "NO", "Yes", "y", "n"])
def test_finnish_and_english_words_stay_words_not_booleans(tmp_path: Path, word: str) -> None:
    loaded, findings = load_text(tmp_path, f"value: {word}\n{word}: key\n")
    assert findings == []
    assert loaded is not None
    assert loaded.data == {"value": word, word: "key"}


@pytest.mark.parametrize("word, value", [("true", True), ("false", False), ("True", True), ("FALSE", False)])
def test_only_true_and_false_are_booleans(tmp_path: Path, word: str, value: bool) -> None:
    loaded, _ = load_text(tmp_path, f"flag: {word}\n")
    assert loaded is not None and loaded.data["flag"] is value


@pytest.mark.parametrize("written", ["010", "0012", "0o10", "0x1F", "1_000"])
def test_numbers_with_leading_zeros_or_prefixes_are_not_reinterpreted(tmp_path: Path, written: str) -> None:
    """'010' is not octal 8: it stays the text the author wrote, and the schema then objects to it."""
    loaded, _ = load_text(tmp_path, f"notice_months: {written}\n")
    assert loaded is not None
    assert loaded.data["notice_months"] == written


@pytest.mark.parametrize("written, value", [("12", 12), ("0", 0), ("-3", -3), ("380000", 380000), ("9.51", 9.51)])
def test_plain_decimal_numbers_are_numbers(tmp_path: Path, written: str, value: float) -> None:
    loaded, _ = load_text(tmp_path, f"n: {written}\n")
    assert loaded is not None
    assert loaded.data["n"] == value and type(loaded.data["n"]) is type(value)


@pytest.mark.parametrize("written", ["2016-03-21", "21.3.2016", "1.1.2025", "2016-03-21 10:00:00"])
def test_dates_stay_text_for_the_schema_to_judge(tmp_path: Path, written: str) -> None:
    loaded, _ = load_text(tmp_path, f"signed: {written}\n")
    assert loaded is not None
    assert loaded.data["signed"] == written


def test_null_is_still_empty(tmp_path: Path) -> None:
    """``business_id: null`` is how the example says 'not known yet'."""
    loaded, _ = load_text(tmp_path, "business_id: null\nother: ~\n")
    assert loaded is not None and loaded.data == {"business_id": None, "other": None}


# --- files that cannot be read -----------------------------------------------------------------------


def test_a_syntax_error_is_reported_where_the_parser_stumbled(tmp_path: Path) -> None:
    text = "id: x\ntitle: Kaustisen seutukunta: yhteistoiminta\n"
    loaded, findings = load_text(tmp_path, text)
    assert loaded is None
    assert codes(findings) == ["YAML-SYNTAX"]
    line, column = position_of(text, ": yhteistoiminta")  # the second colon on the line
    assert findings[0].position == Position("tiedosto.yaml", line, column)
    assert findings[0].message().startswith("YAML-kirjoitusvirhe: ")
    assert findings[0].message("en").startswith("YAML syntax error: ")


def test_a_wrongly_indented_key_is_a_syntax_error_on_its_own_line(tmp_path: Path) -> None:
    text = 'version:\n  number: "0.1"\n   date: 2025-01-15\n'
    loaded, findings = load_text(tmp_path, text)
    assert loaded is None
    assert codes(findings) == ["YAML-SYNTAX"]
    assert findings[0].position.line == 3


def test_an_unclosed_list_is_a_syntax_error_with_a_position(tmp_path: Path) -> None:
    text = "parties: [halsua, kaustinen\nlead: halsua\n"
    loaded, findings = load_text(tmp_path, text)
    assert loaded is None
    assert codes(findings) == ["YAML-SYNTAX"]
    assert findings[0].position.line == 2
    assert findings[0].position.column >= 1


@pytest.mark.parametrize("content", ["", "\n\n", "   \n", "# vain kommentti\n\n# toinen\n"])
def test_an_empty_file_is_reported_as_empty(tmp_path: Path, content: str) -> None:
    loaded, findings = load_text(tmp_path, content)
    assert loaded is None
    assert codes(findings) == ["YAML-EMPTY"]
    assert findings[0].severity == "error"
    assert findings[0].position == Position("tiedosto.yaml", 1, 1)


def test_a_file_that_is_not_utf8_names_the_first_bad_byte(tmp_path: Path) -> None:
    raw = b"id: x\ntitle: Yhteisty" + "ö".encode("latin-1") + b"\n"
    loaded, findings = load_bytes(tmp_path, raw)
    assert loaded is None
    assert codes(findings) == ["YAML-ENCODING"]
    assert findings[0].position == Position("tiedosto.yaml", 2, len("title: Yhteisty") + 1)
    assert "UTF-8" in findings[0].message()


def test_a_byte_order_mark_is_accepted_and_does_not_shift_positions(tmp_path: Path) -> None:
    text = "id: x\nlead: lestijarvi\n"
    loaded, findings = load_bytes(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert loaded is not None
    assert loaded.data == {"id": "x", "lead": "lestijarvi"}
    assert [f.severity for f in findings] == ["warning"]  # a note, never an error
    assert codes(findings) == ["YAML-BOM"]
    assert loaded.key_position(("id",)) == Position("tiedosto.yaml", 1, 1)
    assert loaded.position(("lead",)) == Position("tiedosto.yaml", 2, 7)


def test_the_example_saved_with_a_byte_order_mark_still_validates(case_copy: Path) -> None:
    """Windows Notepad adds a BOM; a case saved that way must still be usable."""
    path = case_copy / "case.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    case, findings = validate_case(case_copy)
    assert [f.line() for f in findings if f.severity == "error"] == []
    assert case is not None


def test_the_file_hash_is_of_the_bytes_on_disk(tmp_path: Path) -> None:
    import hashlib

    raw = b"id: x\n"
    loaded, _ = load_bytes(tmp_path, raw)
    assert loaded is not None and loaded.sha256 == hashlib.sha256(raw).hexdigest()
