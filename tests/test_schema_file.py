"""schema/agreement.schema.json is the composition of the common properties and every bundled kind's
schema: editors read the file, the tool composes it, and the two must agree."""

from __future__ import annotations

from generator.model.schema import written_agreement_schema
from generator.paths import schema_dir


def test_the_agreement_schema_file_is_the_composed_schema() -> None:
    written = (schema_dir() / "agreement.schema.json").read_text("utf-8")
    assert written == written_agreement_schema(), "run: python -m generator.model.schema"
