"""Facts stated in a generated .docx: its captioned tables and its anchored running text."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from generator.readback.observations import Observation, from_anchors, from_table, identify
from generator.readback.package_reader import NS, ArchiveProblem, Package, paragraph_text, word_text

_CAPTION = f"{{{NS['w']}}}val"


def read_docx(
    source: Path | bytes,
    name: str,
    total_label: str,
    titles: dict[str, str],
    anchors: Sequence[Mapping[str, str]] = (),
    facts: dict[str, str] | None = None,
    tables: Sequence[Mapping[str, object]] = (),
) -> Iterator[Observation]:
    body = Package(source).xml("word/document.xml").find("w:body", NS)
    if body is None:
        raise ArchiveProblem("missing", "word/document.xml: w:body")
    found = []
    for table in body.iterfind(".//w:tbl", NS):
        caption = table.find("w:tblPr/w:tblCaption", NS)
        rows = [
            [paragraph_text(cell, "w:t") for cell in row.iterfind("w:tc", NS)] for row in table.iterfind("w:tr", NS)
        ]
        found.append((caption.get(_CAPTION) if caption is not None else None, rows))
    for table_id, table_rows in identify(found, list(tables), name):
        if table_rows is None:
            yield Observation(f"table:{table_id}", None, name)
        else:
            yield from from_table(table_id, table_rows, total_label, titles, name)
    if anchors:
        # Every paragraph's text, tracked insertions included (python-docx's paragraph.text skips them).
        paragraphs = [word_text(p) for p in body.iterfind(".//w:p", NS)]
        yield from from_anchors(paragraphs, list(anchors), facts or {}, name)
