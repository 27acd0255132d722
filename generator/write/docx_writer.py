"""Document tree → .docx with python-docx: styles, Word numbering, header, footer, tables.

The writer only lays out what the tree says; it neither computes nor words anything itself, apart
from the fixed labels the language pack hands it through ``Document.labels``.
"""

from __future__ import annotations

import datetime as dt
import io
from contextvars import ContextVar
from dataclasses import dataclass

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from generator.law.requirements import REQUIREMENTS
from generator.compose.tree import BulletList, Cell, Document, Paragraph, Run, Table
from generator.write.ooxml_order import insert_ordered
from generator.write.package import normalise_package
from generator.write.docx_numbering import BULLET_NUM_ID, install_numbering, set_numbering
from generator.write.docx_styles import BULLET, CLAUSE_NOTE, CLAUSE_TEXT, TABLE_TEXT, TITLE_META, install_styles

_LANG_TAGS = {"fi": "fi-FI", "sv": "sv-FI"}


def _style_id(name: str) -> str:
    """Word's id for a style name ("Heading 1" → "Heading1"; install_styles checks they exist).

    Setting a style by name makes python-docx scan every style for each paragraph, which was most
    of the build time; the ids are fixed, so they are written directly.
    """
    return name.replace(" ", "")


def _para(container, style: str, text: str | None = None):
    paragraph = container.add_paragraph(text) if text else container.add_paragraph()
    paragraph._p.style = _style_id(style)
    return paragraph


def _restyle(paragraph, style: str) -> None:
    paragraph._p.style = _style_id(style)


@dataclass
class _Revisions:
    """Author, date and running ids of the tracked changes in one redline document."""

    author: str
    date: str
    next_id: int = 1

    def element(self, change: str):
        el = OxmlElement(f"w:{change}")
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        self.next_id += 1
        return el


# Set by write_docx for a redline; the run writers below read it instead of threading it through.
_REVISIONS: ContextVar[_Revisions | None] = ContextVar("revisions", default=None)


def _track(run_element, change: str) -> None:
    """Wrap a run in w:ins or w:del; deleted text must live in w:delText to be a real deletion."""
    revisions = _REVISIONS.get()
    assert revisions is not None, "a changed run outside a redline"
    wrapper = revisions.element(change)
    run_element.addprevious(wrapper)
    wrapper.append(run_element)
    if change == "del":
        for text in run_element.findall(qn("w:t")):
            text.tag = qn("w:delText")


def _mark_paragraph(paragraph, change: str | None) -> None:
    """Track the paragraph mark itself, so accepting or rejecting joins paragraphs as Word does."""
    if change is None:
        return
    revisions = _REVISIONS.get()
    assert revisions is not None
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    rpr.insert(0, revisions.element(change))


def _mark_row(row, change: str | None) -> None:
    if change is None:
        return
    revisions = _REVISIONS.get()
    assert revisions is not None
    insert_ordered(row._tr.get_or_add_trPr(), revisions.element(change))
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            _mark_paragraph(paragraph, change)


def _add_runs(paragraph, runs: tuple[Run, ...]) -> None:
    for run in runs:
        r = paragraph.add_run(run.text)
        if run.change is not None:
            _track(r._r, run.change)
        if run.mark in ("illustrative", "placeholder"):
            r.font.highlight_color = WD_COLOR_INDEX.YELLOW
        if run.mark in ("strong", "placeholder"):
            r.bold = True


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    insert_ordered(tc_pr, parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def _borders(table, size: int = 4, color: str = "8A94A6") -> None:
    tbl_pr = table._tbl.tblPr
    edges = "".join(
        f'<w:{edge} w:val="single" w:sz="{size}" w:space="0" w:color="{color}"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    insert_ordered(tbl_pr, parse_xml(f'<w:tblBorders {nsdecls("w")}>{edges}</w:tblBorders>'))


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    edges = "".join(f'<w:{edge} w:val="nil"/>' for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    insert_ordered(tbl_pr, parse_xml(f'<w:tblBorders {nsdecls("w")}>{edges}</w:tblBorders>'))


def _indent_table(table, twips: int) -> None:
    insert_ordered(table._tbl.tblPr, parse_xml(f'<w:tblInd {nsdecls("w")} w:w="{twips}" w:type="dxa"/>'))


def _repeat_header(row) -> None:
    insert_ordered(row._tr.get_or_add_trPr(), parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))


def _cant_split(row) -> None:
    insert_ordered(row._tr.get_or_add_trPr(), parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))


def _fix_widths(table, widths_cm) -> None:
    """Fixed layout with grid and cell widths both set: Word reads one, LibreOffice the other."""
    insert_ordered(table._tbl.tblPr, parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    for i, width in enumerate(widths_cm):
        table.columns[i].width = Cm(width)
        for cell in table.columns[i].cells:
            cell.width = Cm(width)


def _write_cell(cell, content: Cell | str, bold: bool = False, numeric: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    _restyle(paragraph, TABLE_TEXT)
    if isinstance(content, str):
        _add_runs(paragraph, (Run(content),))
    else:
        _add_runs(paragraph, content.runs)
        numeric = content.numeric
    if numeric:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if bold:
        for run in paragraph.runs:
            run.bold = True


def _write_table(doc, table: Table) -> None:
    t = doc.add_table(rows=1, cols=len(table.header))
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    # The table's id as its caption (alt-text title): how `kuntasopimus check` finds it again.
    insert_ordered(t._tbl.tblPr, parse_xml(f'<w:tblCaption {nsdecls("w")} w:val="{table.id}"/>'))
    t.autofit = False
    _borders(t)
    _indent_table(t, 567)
    numeric_cols = [all(row[i].numeric for row in table.rows) for i in range(len(table.header))]
    for i, heading in enumerate(table.header):
        cell = t.rows[0].cells[i]
        content = Cell(table.header_runs[i], numeric_cols[i]) if table.header_runs else heading
        _write_cell(cell, content, bold=True, numeric=numeric_cols[i])
        _shade(cell, "DCE3ED")
    _repeat_header(t.rows[0])
    for r, row in enumerate(table.rows):
        new_row = t.add_row()
        cells = new_row.cells
        is_total = table.total and r == len(table.rows) - 1
        for i, content in enumerate(row):
            _write_cell(cells[i], content, bold=is_total)
            if is_total:
                _shade(cells[i], "F0F3F7")
        if table.row_changes:
            _mark_row(new_row, table.row_changes[r])
    _fix_widths(t, table.widths)
    for row in t.rows:
        _cant_split(row)
    # A short gap after the table so the next paragraph does not touch its border.
    gap = _para(doc, CLAUSE_TEXT)
    gap.paragraph_format.space_after = Pt(0)


def _write_block(doc, block) -> None:
    if isinstance(block, Paragraph):
        p = _para(doc, CLAUSE_NOTE if block.style == "note" else CLAUSE_TEXT)
        _add_runs(p, block.runs)
        _mark_paragraph(p, block.change)
    elif isinstance(block, BulletList):
        for index, item in enumerate(block.items):
            p = _para(doc, BULLET)
            set_numbering(p._p.get_or_add_pPr(), BULLET_NUM_ID, 0)
            _add_runs(p, item)
            _mark_paragraph(p, block.changes[index] if block.changes else None)
    elif isinstance(block, Table):
        _write_table(doc, block)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    paragraph._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} "><w:r><w:t>{placeholder}</w:t></w:r></w:fldSimple>'
    ))


def _header_footer(doc, tree: Document) -> None:
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = ""
    header.style = doc.styles["Header"]
    style_ppr = doc.styles["Header"].element.get_or_add_pPr()
    for tabs in style_ppr.findall(qn("w:tabs")):
        style_ppr.remove(tabs)
    tab_stop = section.page_width - section.left_margin - section.right_margin
    header.paragraph_format.tab_stops.add_tab_stop(tab_stop, alignment=WD_TAB_ALIGNMENT.RIGHT)
    left = header.add_run(tree.title)
    left.font.size = Pt(8)
    right = header.add_run(f"\t{tree.status} · {tree.labels['version']} {tree.version} · {tree.date}")
    right.font.size = Pt(8)
    right.bold = True
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{tree.labels['page']} ").font.size = Pt(9)
    _field(footer, "PAGE", "1")
    footer.add_run(" / ").font.size = Pt(9)
    _field(footer, "NUMPAGES", "1")


def _title_block(doc, tree: Document) -> None:
    """Status, title and the tree's meta lines, then the lead paragraphs and the marking notes."""
    status = _para(doc, TITLE_META)
    run = status.add_run(tree.status)
    run.bold = True
    run.font.size = Pt(12)
    _para(doc, "Title", tree.title)
    for label, value in tree.meta:
        p = _para(doc, TITLE_META)
        p.add_run(f"{label}: ").bold = True
        p.add_run(value)
    for paragraph in tree.lead_paragraphs:
        p = _para(doc, "Normal")
        p.paragraph_format.space_before = Pt(12)
        _add_runs(p, paragraph.runs)
        _mark_paragraph(p, paragraph.change)
    for note in tree.notes:
        p = _para(doc, CLAUSE_NOTE)
        p.paragraph_format.left_indent = Cm(0)
        _add_runs(p, note.runs)


def _signatures(doc, tree: Document) -> None:
    if not tree.signatories:
        return
    heading = _para(doc, "Heading 1", tree.signatures_title)
    set_numbering(heading._p.get_or_add_pPr(), 0, 0)
    table = doc.add_table(rows=0, cols=2)
    _no_borders(table)
    signatories = tree.signatories
    for start in range(0, len(signatories), 2):
        row = table.add_row()
        _cant_split(row)
        for col, signatory in enumerate(signatories[start:start + 2]):
            cell = row.cells[col]
            first = cell.paragraphs[0]
            _restyle(first, TABLE_TEXT)
            first.add_run(signatory.name).bold = True
            for line in signatory.lines:
                p = _para(cell, TABLE_TEXT)
                p.paragraph_format.space_before = Pt(20)
                p.add_run("_" * 34)
                label = _para(cell, TABLE_TEXT)
                label.add_run(line).font.size = Pt(8)
            _para(cell, TABLE_TEXT).paragraph_format.space_after = Pt(12)
    _fix_widths(table, (8.2, 8.2))


def _review_comment(doc, heading, clause, author: str, stamp: dt.datetime) -> None:
    """A margin comment naming each requirement the clause meets: citation, rule code, what it is."""
    lines = [f"{REQUIREMENTS[code].citation} ({code}): {REQUIREMENTS[code].name_fi}" for code in clause.requirements]
    comment = doc.add_comment(heading.runs, text=lines[0], author=author, initials="KS")
    for line in lines[1:]:
        comment.add_paragraph(line)
    comment._comment_elm.set(qn("w:date"), stamp.strftime("%Y-%m-%dT%H:%M:%SZ"))


def write_docx(tree: Document, author: str, when: dt.date, lang: str, review: bool = False,
               redline_author: str | None = None) -> bytes:
    """Render the tree and return the .docx bytes (the caller decides where and how to store them).

    With ``review``, every clause that meets a statutory requirement carries a Word comment naming
    the citation and the rule code, so a lawyer sees the legal basis in the margin.
    """
    stamp = dt.datetime(when.year, when.month, when.day, 12, 0, 0)
    token = _REVISIONS.set(_Revisions(redline_author, stamp.strftime("%Y-%m-%dT%H:%M:%SZ")) if redline_author else None)
    try:
        return _render(tree, author, when, lang, review, stamp)
    finally:
        _REVISIONS.reset(token)


def _render(tree: Document, author: str, when: dt.date, lang: str, review: bool, stamp: dt.datetime) -> bytes:
    doc = new_docx()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.3)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    install_numbering(doc)
    install_styles(doc, _LANG_TAGS.get(lang, lang))
    _header_footer(doc, tree)
    _title_block(doc, tree)
    for chapter in tree.chapters:
        chapter_heading = _para(doc, "Heading 1", chapter.title)
        if not tree.numbered:
            set_numbering(chapter_heading._p.get_or_add_pPr(), 0, 0)
        for clause in chapter.clauses:
            if clause.title:
                heading = _para(doc, "Heading 2")
                _add_runs(heading, clause.title_runs or (Run(clause.title),))
                _mark_paragraph(heading, clause.change)
                if not tree.numbered:
                    set_numbering(heading._p.get_or_add_pPr(), 0, 1)
                if review and clause.requirements:
                    _review_comment(doc, heading, clause, author or "kuntasopimus", stamp)
            for block in clause.blocks:
                _write_block(doc, block)
    _signatures(doc, tree)
    props = doc.core_properties
    props.title = tree.title
    props.subject = tree.status
    props.author = author
    props.last_modified_by = author
    props.created = props.modified = stamp
    props.revision = 1
    props.language = _LANG_TAGS.get(lang, lang)
    props.identifier = tree.id
    props.version = tree.version
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalise_package(buffer.getvalue(), when)
