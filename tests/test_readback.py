"""Reading facts back from generated files: every observation says which file and which place it is from."""

from __future__ import annotations

import json
from pathlib import Path

from generator.readback.docx_reader import read_docx
from generator.readback.pptx_reader import read_pptx


def test_every_fact_read_from_a_deck_names_the_deck_and_its_slide(built: Path) -> None:
    deck = built / "kaustinen-valtuustoesitys.pptx"
    observed = list(read_pptx(deck, deck.name, "Yhteensä", {}))
    kinds = {o.key.split(":")[0] for o in observed}
    assert {"seats", "share"} <= kinds
    assert all(o.where.startswith("kaustinen-valtuustoesitys.pptx, dia ") for o in observed), sorted(
        {o.where for o in observed}
    )[:3]


def test_facts_read_from_bytes_equal_those_read_from_the_file(built: Path) -> None:
    """The build checks its outputs in memory before writing; that must read what `check` reads."""
    manifest = json.loads((built / "manifest.json").read_text("utf-8"))
    entry = next(o for o in manifest["outputs"] if o["path"] == "te24-taydentava-sopimus.docx")
    facts = manifest["facts"][entry["lang"]]
    agreement = built / entry["path"]
    from_file = list(read_docx(agreement, agreement.name, "Yhteensä", {}, entry["anchors"], facts))
    from_bytes = list(read_docx(agreement.read_bytes(), agreement.name, "Yhteensä", {}, entry["anchors"], facts))
    assert from_file == from_bytes and len(from_file) > 10
