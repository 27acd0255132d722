"""A new arrangement kind is its module, its schema and its templates: nothing in generator/ changes.

The kind here — a letter of intent (aiesopimus) between municipalities — is defined only in this
test module: its typed details, its party role, its outline and its schema, with its templates and
words in tests/kind_fixture. Registered, it validates, builds, and is read back like a bundled kind.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest

from generator.build import build
from generator.model.entities import Agreement, Municipality
from generator.model.kinds import ChapterSpec, ClauseSpec, Details, Kind, PartyRole, common, register, unregister
from generator.model.parse import ParseContext, texts
from generator.starter import write_starter
from generator.validate import validate_case

FIXTURE = Path(__file__).parent / "kind_fixture"
REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class LetterOfIntentDetails(Details):
    goals: tuple[str, ...]
    coordinator: Municipality
    meetings_per_year: int


class LetterOfIntent(Kind):
    name: ClassVar[str] = "letter_of_intent"
    section: ClassVar[str] = "KuntaL 49 §"
    template_root: ClassVar[Path | None] = FIXTURE
    party_roles = (PartyRole(("coordinator",), "coordinator"),)
    schema: ClassVar[dict[str, Any]] = {
        "type": "object",
        "required": ["goals", "coordinator"],
        "properties": {
            "goals": {"$ref": "../common.schema.json#/$defs/text_list"},
            "coordinator": {"$ref": "../common.schema.json#/$defs/id"},
            "meetings_per_year": {"type": "integer", "minimum": 1, "maximum": 12},
        },
    }
    outline = (
        ChapterSpec("yleista", common.GENERAL),
        ChapterSpec(
            "tavoitteet",
            (ClauseSpec("tavoitteet.luettelo", ("KL49",)), ClauseSpec("tavoitteet.koordinointi")),
        ),
        common.final(),
    )

    def parse(self, data: dict[str, Any], ctx: ParseContext) -> LetterOfIntentDetails:
        return LetterOfIntentDetails(
            texts(data["goals"]), ctx.municipality(data["coordinator"]), data.get("meetings_per_year", 2)
        )

    def role_of(self, agreement: Agreement, m: Municipality) -> str:
        assert isinstance(agreement.details, LetterOfIntentDetails)
        return "coordinator" if m.id == agreement.details.coordinator.id else "member"


LETTER = """\
id: aiesopimus
kind: letter_of_intent
title: Aiesopimus seudullisesta matkailuyhteistyöstä
parties: [esimerkkila, mallila, kokeilula]
coordinator: mallila
meetings_per_year: 4
goals:
  - yhteinen matkailumarkkinointi
  - seudun reittien ja palveluiden kartoitus
entry_into_force: 2025-04-01
term: {end: 2027-12-31}
"""


@pytest.fixture
def kind() -> Iterator[Kind]:
    registered = register(LetterOfIntent())
    yield registered
    unregister(registered.name)


@pytest.fixture
def case(tmp_path: Path) -> Path:
    folder = tmp_path / "aie"
    write_starter(folder)
    (folder / "20-aiesopimus.yaml").write_text(LETTER, "utf-8")
    return folder


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_an_unregistered_kind_is_an_unknown_value(case: Path) -> None:
    _, findings = validate_case(case)
    assert [(f.code, Path(f.position.file).name) for f in findings if f.severity == "error"] == [
        ("SCHEMA-ENUM", "20-aiesopimus.yaml")
    ]


def test_a_kind_defined_outside_the_package_builds_like_a_bundled_one(kind: Kind, case: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build(case, out)
    assert result.case is not None, [f.line() for f in result.findings if f.severity == "error"]
    agreement = result.case.agreement("aiesopimus")
    assert isinstance(agreement.details, LetterOfIntentDetails)
    assert agreement.details.coordinator.id == "mallila" and agreement.details.meetings_per_year == 4

    text = docx_text(out / "aiesopimus.docx")
    # The kind's own chapter title, clauses, role word and lead paragraph, from its own folder.
    for words in (
        "Yhteiset tavoitteet",
        "yhteinen matkailumarkkinointi",
        "vähintään 4 kertaa vuodessa",
        "koordinoiva kunta",
        "tällä aiesopimuksella",
    ):
        assert words in text, words
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    entry = next(o for o in manifest["outputs"] if o["path"] == "aiesopimus.docx")
    assert entry["legal_basis"] == ["KuntaL 49 §", "KuntaL 63 §"]
    matrix = (out / "esimerkki-vaatimustenmukaisuus.md").read_text("utf-8")
    assert "Aiesopimus seudullisesta matkailuyhteistyöstä" in matrix and "| KL49 |" in matrix


def test_the_kind_checks_its_own_party_roles_and_schema(kind: Kind, case: Path) -> None:
    letter = case / "20-aiesopimus.yaml"
    letter.write_text(
        LETTER.replace("coordinator: mallila", "coordinator: muualla").replace(
            "meetings_per_year: 4", "meetings_per_year: 40"
        ),
        "utf-8",
    )
    _, findings = validate_case(case)
    assert sorted(f.code for f in findings if f.severity == "error") == ["SCHEMA-RANGE"]
    letter.write_text(
        LETTER.replace("parties: [esimerkkila, mallila, kokeilula]", "parties: [esimerkkila, kokeilula]"), "utf-8"
    )
    _, findings = validate_case(case)
    (hit,) = [f for f in findings if f.severity == "error"]
    assert hit.code == "REF-NOT-PARTY" and hit.params["role_en"] == "Coordinator"


def test_nothing_in_the_package_names_the_kind() -> None:
    """The kind lives in this module and its fixture only."""
    for path in (REPO / "generator").rglob("*.py"):
        assert "letter_of_intent" not in path.read_text("utf-8"), path
