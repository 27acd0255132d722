"""Opening a generated (or hand-edited) OOXML package for reading: parts as XML, relationships resolved.

The check reads a handful of tables and charts from every output; parsing just those parts with
lxml is many times cheaper than loading each package into python-docx's or python-pptx's object
model, and reads what Word or PowerPoint saved just as well.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from lxml import etree

from generator.load.archive import Archive, ArchiveProblem

__all__ = ["NS", "ArchiveProblem", "Package", "paragraph_text", "word_text"]

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


class Package:
    """A package on disk (a file to check) or in memory (a build's output before it is written).

    A file to check may have been edited, damaged or replaced by anything: it is opened with the
    sizes of its members checked first (``load.archive``), and whatever cannot be read raises
    ArchiveProblem, which the check reports as a finding for that file.
    """

    def __init__(self, source: Path | bytes) -> None:
        self._archive = Archive(source)

    def xml(self, part: str) -> etree._Element:
        return self._archive.xml(part)

    def targets(self, part: str) -> dict[str, str]:
        """Relationship id → the target part's name, resolved against ``part``'s folder."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        if rels not in self._archive:
            return {}
        return {
            str(r.get("Id")): posixpath.normpath(posixpath.join(folder, str(r.get("Target"))))
            for r in self.xml(rels).iterfind("rel:Relationship", NS)
            if r.get("TargetMode") != "External" and r.get("Target") is not None
        }


_W_T, _W_TAB = f"{{{NS['w']}}}t", f"{{{NS['w']}}}tab"


def word_text(paragraph: etree._Element) -> str:
    """A Word paragraph's text as python-docx gives it: its runs' text, a tab as a tab. The writer
    turns a tab in the text into ``<w:tab/>``; read back without it, "Mallila\tkunta" would become
    "Mallilakunta" and no longer match the fact it states."""
    return "".join(
        (child.text or "") if child.tag == _W_T else "\t"
        for run in paragraph.iterfind(".//w:r", NS)
        for child in run
        if child.tag in (_W_T, _W_TAB)
    )


def paragraph_text(element: etree._Element, text_tag: str) -> str:
    """Text of every paragraph under ``element``, one line each (as python-docx's ``cell.text``)."""
    if text_tag.startswith("w:"):
        return "\n".join(word_text(p) for p in element.iterfind(".//w:p", NS))
    return "\n".join(
        "".join(t.text or "" for t in p.iterfind(f".//{text_tag}", NS)) for p in element.iterfind(".//a:p", NS)
    )
