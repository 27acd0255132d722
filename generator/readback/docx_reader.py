"""Facts stated in a generated .docx: its captioned tables and, for an agreement, its prose."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from generator.readback.observations import Observation, from_agreement_text, from_table
from generator.readback.package_reader import NS, Package, paragraph_text

_CAPTION = f"{{{NS['w']}}}val"


def read_docx(source: Path | bytes, name: str, total_label: str, titles: dict[str, str],
              agreement_id: str | None) -> Iterator[Observation]:
    body = Package(source).xml("word/document.xml").find("w:body", NS)
    for table in body.iterfind(".//w:tbl", NS):
        caption = table.find("w:tblPr/w:tblCaption", NS)
        if caption is None:
            continue
        rows = [[paragraph_text(cell, "w:t") for cell in row.iterfind("w:tc", NS)] for row in table.iterfind("w:tr", NS)]
        yield from from_table(caption.get(_CAPTION), rows, total_label, titles, name)
    if agreement_id is not None:
        # The body's own paragraphs, tracked insertions included (python-docx's paragraph.text skips them).
        text = " ".join("".join(t.text or "" for t in p.iterfind(".//w:t", NS)) for p in body.iterfind("w:p", NS))
        yield from from_agreement_text(agreement_id, text, name)
