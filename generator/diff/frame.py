"""The frame of a redline — title block, signatures, page header and footer — tracked like the clauses.

Why a separate step: the writer takes these from plain strings (``Document.status``, ``title``,
``meta``, ``signatories``), so the tree diff cannot mark a change in them, and a redline that silently
shows NEW's parties line, version or signature block would make "reject all" give a hybrid of both
drafts. Both drafts are written as they would be; in NEW's package each differing title-block
paragraph, header or footer run becomes word-level deletions and insertions in the run's own
formatting, and each differing row of the signature table a deleted OLD row and an inserted NEW row.
Accepting every change then gives NEW's text and rejecting every change OLD's.

The title block is the paragraphs before the lead text, in the title styles, paired by style and
label ("Versio: "); a meta line present in one draft only is a whole inserted or deleted paragraph.
The signature block is the unnumbered Heading 1 with the table after it.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from copy import deepcopy
from difflib import SequenceMatcher

from lxml import etree

from generator.compose.tree import Run
from generator.diff.words import diff_runs
from generator.write.docx_styles import TITLE_META, style_id
from generator.write.ooxml_parts import XML_HEAD
from generator.write.zip_writer import zip_package

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{_W_NS}}}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TITLE_STYLES = {style_id(TITLE_META), "Title"}
_DOCUMENT = "word/document.xml"


class _Revisions:
    """w:ins / w:del wrappers by one author at one time, numbered on from the writer's own."""

    def __init__(self, author: str, stamp: str, after: int) -> None:
        self.author, self.stamp, self.next_id = author, stamp, after + 1

    def element(self, change: str) -> etree._Element:
        mark = etree.Element(f"{_W}{change}")
        mark.set(f"{_W}id", str(self.next_id))
        mark.set(f"{_W}author", self.author)
        mark.set(f"{_W}date", self.stamp)
        self.next_id += 1
        return mark

    def wrap(self, run: etree._Element, change: str) -> etree._Element:
        mark = self.element(change)
        mark.append(run)
        return mark


def _runs(paragraph: etree._Element) -> list[etree._Element]:
    return paragraph.findall(f"{_W}r")


def _text(run: etree._Element) -> str:
    return "".join(
        "\t" if child.tag == f"{_W}tab" else (child.text or "") for child in run if child.tag in (f"{_W}t", f"{_W}tab")
    )


def _run(text: str, props: etree._Element | None, deleted: bool) -> etree._Element:
    """A run of ``text`` in the given formatting; tabs as w:tab, deleted text as w:delText."""
    run = etree.Element(f"{_W}r")
    if props is not None:
        run.append(deepcopy(props))
    for i, piece in enumerate(text.split("\t")):
        if i:
            etree.SubElement(run, f"{_W}tab")
        if piece:
            t = etree.SubElement(run, f"{_W}delText" if deleted else f"{_W}t")
            t.set(_XML_SPACE, "preserve")
            t.text = piece
    return run


def _track_run(old: etree._Element, new: etree._Element, revisions: _Revisions) -> None:
    """Replace ``new`` in its paragraph by OLD → NEW as word-level deletions and insertions."""
    props = new.find(f"{_W}rPr")
    parent, index = new.getparent(), new.getparent().index(new)
    parent.remove(new)
    for piece in diff_runs((Run(_text(old)),), (Run(_text(new)),)):
        run = _run(piece.text, props, piece.change == "del")
        parent.insert(index, revisions.wrap(run, piece.change) if piece.change else run)
        index += 1


def _track_paragraph(old: etree._Element, new: etree._Element, revisions: _Revisions) -> list[etree._Element]:
    """NEW's paragraph with its changed runs tracked; differently built ones are replaced whole."""
    old_runs, new_runs = _runs(old), _runs(new)
    if len(old_runs) != len(new_runs):
        return [_whole(old, "del", revisions), _whole(new, "ins", revisions)]
    for o, n in zip(old_runs, new_runs, strict=False):
        if _text(o) != _text(n):
            _track_run(o, n, revisions)
    return [new]


def _track_in_place(old: etree._Element, new: etree._Element, revisions: _Revisions) -> None:
    """Track ``new`` against ``old`` where it stands in its part."""
    tracked = _track_paragraph(old, new, revisions)
    if tracked != [new]:
        for paragraph in tracked:
            new.addprevious(paragraph)
        new.getparent().remove(new)


def _whole(paragraph: etree._Element, change: str, revisions: _Revisions) -> etree._Element:
    """A paragraph inserted or deleted as a whole: every run and the paragraph mark."""
    out = deepcopy(paragraph)
    for run in _runs(out):
        if change == "del":
            for t in run.findall(f"{_W}t"):
                t.tag = f"{_W}delText"
        out.replace(run, revisions.wrap(deepcopy(run), change))
    props = out.find(f"{_W}pPr")
    if props is None:
        props = etree.Element(f"{_W}pPr")
        out.insert(0, props)
    mark_props = props.find(f"{_W}rPr")
    if mark_props is None:
        mark_props = etree.SubElement(props, f"{_W}rPr")
    mark_props.append(revisions.element(change))
    return out


def _style(paragraph: etree._Element) -> str | None:
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    return None if style is None else style.get(f"{_W}val")


def _title_block(body: etree._Element) -> list[etree._Element]:
    block = []
    for child in body:
        if child.tag != f"{_W}p" or _style(child) not in _TITLE_STYLES:
            break
        block.append(child)
    return block


def _key(paragraph: etree._Element) -> tuple[str | None, str]:
    """Style and label ('Versio: '); a paragraph of one run (status, title) has no label."""
    runs = _runs(paragraph)
    return _style(paragraph), _text(runs[0]) if len(runs) > 1 else ""


def _track_title_block(old_body: etree._Element, new_body: etree._Element, revisions: _Revisions) -> None:
    old_block, new_block = _title_block(old_body), _title_block(new_body)
    matcher = SequenceMatcher(None, [_key(p) for p in old_block], [_key(p) for p in new_block], autojunk=False)
    out: list[etree._Element] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for old, new in zip(old_block[i1:i2], new_block[j1:j2], strict=False):
                out += _track_paragraph(old, new, revisions)
            continue
        out += [_whole(old, "del", revisions) for old in old_block[i1:i2]]
        out += [_whole(new, "ins", revisions) for new in new_block[j1:j2]]
    start = new_body.index(new_block[0]) if new_block else 0
    for paragraph in new_block:
        new_body.remove(paragraph)
    for offset, paragraph in enumerate(out):
        new_body.insert(start + offset, paragraph)


def _row_text(row: etree._Element) -> str:
    return "\t".join("".join(cell.xpath(".//w:t/text()", namespaces={"w": _W_NS})) for cell in row.findall(f"{_W}tc"))


def _whole_row(row: etree._Element, change: str, revisions: _Revisions) -> etree._Element:
    """A table row inserted or deleted as a whole: the row mark, and every cell paragraph in it."""
    out = deepcopy(row)
    props = out.find(f"{_W}trPr")
    if props is None:
        props = etree.Element(f"{_W}trPr")
        out.insert(0, props)
    props.append(revisions.element(change))
    for paragraph in out.iter(f"{_W}p"):
        paragraph.getparent().replace(paragraph, _whole(paragraph, change, revisions))
    return out


def _signature_block(body: etree._Element) -> tuple[etree._Element, etree._Element] | None:
    for paragraph in body.findall(f"{_W}p"):
        suppressed = paragraph.find(f"{_W}pPr/{_W}numPr/{_W}numId[@{_W}val='0']")
        table = paragraph.getnext()
        if _style(paragraph) == "Heading1" and suppressed is not None and table is not None and table.tag == f"{_W}tbl":
            return paragraph, table
    return None


def _track_signatures(old_body: etree._Element, new_body: etree._Element, revisions: _Revisions) -> None:
    old_block, new_block = _signature_block(old_body), _signature_block(new_body)
    if old_block is None and new_block is None:
        return
    if old_block is None or new_block is None:
        if new_block is not None:
            heading, table = new_block
            heading.getparent().replace(heading, _whole(heading, "ins", revisions))
            for row in table.findall(f"{_W}tr"):
                table.replace(row, _whole_row(row, "ins", revisions))
        elif old_block is not None:
            heading, table = old_block
            end = new_body.find(f"{_W}sectPr")
            deleted = deepcopy(table)
            for row in deleted.findall(f"{_W}tr"):
                deleted.replace(row, _whole_row(row, "del", revisions))
            for element in (_whole(heading, "del", revisions), deleted):
                if end is not None:
                    end.addprevious(element)
                else:
                    new_body.append(element)
        return
    (old_heading, old_table), (new_heading, new_table) = old_block, new_block
    _track_in_place(old_heading, new_heading, revisions)
    old_rows, new_rows = old_table.findall(f"{_W}tr"), new_table.findall(f"{_W}tr")
    matcher = SequenceMatcher(None, [_row_text(r) for r in old_rows], [_row_text(r) for r in new_rows], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        anchor = new_rows[j1] if j1 < len(new_rows) else None
        for row in old_rows[i1:i2]:
            deleted = _whole_row(row, "del", revisions)
            if anchor is not None:
                anchor.addprevious(deleted)
            else:
                new_table.append(deleted)
        for row in new_rows[j1:j2]:
            new_table.replace(row, _whole_row(row, "ins", revisions))


def _track_header_or_footer(old_root: etree._Element, new_root: etree._Element, revisions: _Revisions) -> None:
    old_ps, new_ps = old_root.findall(f"{_W}p"), new_root.findall(f"{_W}p")
    if len(old_ps) != len(new_ps):
        return
    for old, new in zip(old_ps, new_ps, strict=False):
        _track_in_place(old, new, revisions)


def _max_revision_id(roots: list[etree._Element]) -> int:
    ids = [int(value) for root in roots for value in root.xpath("//@w:id", namespaces={"w": _W_NS}) if value.isdigit()]
    return max(ids, default=0)


def track_frame(old_docx: bytes, new_docx: bytes, author: str, when: dt.date) -> bytes:
    """NEW's redline package with its title block, signatures, header and footer tracked against OLD's."""
    with zipfile.ZipFile(io.BytesIO(old_docx)) as package:
        old_parts = {name: package.read(name) for name in package.namelist()}
    with zipfile.ZipFile(io.BytesIO(new_docx)) as package:
        new_parts = [(name, package.read(name)) for name in package.namelist()]
    tracked = [
        name
        for name, _ in new_parts
        if name in old_parts
        and (name == _DOCUMENT or (name.startswith(("word/header", "word/footer")) and name.endswith(".xml")))
    ]
    new_roots = {name: etree.fromstring(data) for name, data in new_parts if name in tracked}
    old_roots = {name: etree.fromstring(old_parts[name]) for name in tracked}
    before = {name: etree.tostring(root) for name, root in new_roots.items()}
    revisions = _Revisions(author, f"{when.isoformat()}T12:00:00Z", _max_revision_id(list(new_roots.values())))
    for name in tracked:
        if name == _DOCUMENT:
            old_body, new_body = old_roots[name].find(f"{_W}body"), new_roots[name].find(f"{_W}body")
            _track_title_block(old_body, new_body, revisions)
            _track_signatures(old_body, new_body, revisions)
        else:
            _track_header_or_footer(old_roots[name], new_roots[name], revisions)
    changed = {name for name, root in new_roots.items() if etree.tostring(root) != before[name]}
    if not changed:
        return new_docx
    parts = [
        (
            name,
            (XML_HEAD + etree.tostring(new_roots[name], encoding="unicode")).encode("utf-8")
            if name in changed
            else data,
        )
        for name, data in new_parts
    ]
    return zip_package(parts, when)
