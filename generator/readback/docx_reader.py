"""Facts stated in a generated .docx: its captioned tables and, for an agreement, its prose."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import docx
from docx.oxml.ns import qn

from generator.readback.observations import Observation, from_agreement_text, from_table


def read_docx(path: Path, total_label: str, titles: dict[str, str], agreement_id: str | None) -> Iterator[Observation]:
    document = docx.Document(str(path))
    for table in document.tables:
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        if caption is None:
            continue
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        yield from from_table(caption.get(qn("w:val")), rows, total_label, titles, path.name)
    if agreement_id is not None:
        # Text of every run, tracked insertions included (paragraph.text would skip them).
        text = " ".join("".join(t.text or "" for t in p._p.iter(qn("w:t"))) for p in document.paragraphs)
        yield from from_agreement_text(agreement_id, text, path.name)
