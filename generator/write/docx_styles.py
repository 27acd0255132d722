"""Paragraph and character styles of a generated agreement.

Real styles rather than direct formatting, so a municipality can restyle the document in Word and
the headings drive the navigation pane. Fonts are Calibri/Cambria, for which LibreOffice ships
metric-compatible substitutes (Carlito/Caladea), so page breaks match between the two.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from generator.write.docx_numbering import CLAUSE_INDENT_TWIPS, HEADING_NUM_ID, set_numbering
from generator.write.ooxml_order import insert_ordered

CLAUSE_TEXT = "Clause Text"
CLAUSE_NOTE = "Clause Note"
BULLET = "Clause Bullet"
TABLE_TEXT = "Table Text"
TITLE_META = "Title Meta"

_INK = RGBColor(0x1F, 0x2A, 0x44)


def style_id(name: str) -> str:
    """Word's id for one of these style names ("Heading 1" → "Heading1"); install_styles checks it."""
    return name.replace(" ", "")


def _set_language(style, lang_tag: str) -> None:
    insert_ordered(
        style.element.get_or_add_rPr(),
        parse_xml(f'<w:lang {nsdecls("w")} w:val="{lang_tag}" w:eastAsia="{lang_tag}" w:bidi="ar-SA"/>'),
    )


def install_styles(doc: DocxDocument, lang_tag: str) -> None:
    styles = doc.styles
    # The document defaults carry the language too: text outside any style (a footnote, a field)
    # would otherwise be proofread as English.
    defaults = styles.element.find(qn("w:docDefaults"))
    for lang in defaults.iter(qn("w:lang")) if defaults is not None else ():
        lang.set(qn("w:val"), lang_tag)
        lang.set(qn("w:eastAsia"), lang_tag)

    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    _set_language(normal, lang_tag)

    title = styles["Title"]
    title.font.name = "Calibri"
    title.font.size = Pt(22)
    title.font.bold = True
    title.font.color.rgb = _INK
    title.paragraph_format.space_after = Pt(12)
    pbdr = title.element.get_or_add_pPr().find(qn("w:pBdr"))
    if pbdr is not None:
        pbdr.getparent().remove(pbdr)

    for level, size in ((1, 14), (2, 11.5)):
        heading = styles[f"Heading {level}"]
        heading.font.name = "Calibri"
        heading.font.size = Pt(size)
        heading.font.bold = True
        heading.font.italic = False
        heading.font.color.rgb = _INK
        heading.paragraph_format.space_before = Pt(18 if level == 1 else 10)
        heading.paragraph_format.space_after = Pt(6 if level == 1 else 3)
        heading.paragraph_format.keep_with_next = True
        set_numbering(heading.element.get_or_add_pPr(), HEADING_NUM_ID, level - 1)

    text = styles.add_style(CLAUSE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    text.base_style = normal
    text.paragraph_format.left_indent = Cm(1)
    text.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    text.quick_style = True

    note = styles.add_style(CLAUSE_NOTE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = text
    note.font.size = Pt(9)
    note.font.italic = True
    note.font.color.rgb = RGBColor(0x44, 0x44, 0x44)

    bullet = styles.add_style(BULLET, WD_STYLE_TYPE.PARAGRAPH)
    bullet.base_style = normal
    bullet.paragraph_format.space_after = Pt(3)

    cell = styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    cell.font.size = Pt(10)
    cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.line_spacing = 1.0

    meta = styles.add_style(TITLE_META, WD_STYLE_TYPE.PARAGRAPH)
    meta.base_style = normal
    meta.paragraph_format.space_after = Pt(2)

    # The header's own tab stop (right edge of the text area) is set per paragraph by the writer.
    header_ppr = styles["Header"].element.get_or_add_pPr()
    for tabs in header_ppr.findall(qn("w:tabs")):
        header_ppr.remove(tabs)

    # Review comments use Word's own comment styles, which the base template lacks.
    comment_text = styles.add_style("annotation text", WD_STYLE_TYPE.PARAGRAPH)
    comment_text.element.set(qn("w:styleId"), "CommentText")
    comment_text.base_style = normal
    comment_text.font.size = Pt(10)
    comment_text.paragraph_format.space_after = Pt(0)
    comment_ref = styles.add_style("annotation reference", WD_STYLE_TYPE.CHARACTER)
    comment_ref.element.set(qn("w:styleId"), "CommentReference")
    comment_ref.font.size = Pt(8)
    for builtin in (comment_text, comment_ref):
        builtin.element.attrib.pop(qn("w:customStyle"), None)

    ids = {style.style_id for style in styles}
    for name in ("Normal", "Title", "Heading 1", "Heading 2", CLAUSE_TEXT, CLAUSE_NOTE, BULLET, TABLE_TEXT, TITLE_META):
        assert style_id(name) in ids, f"style id of {name!r} is not its name without spaces"


__all__ = [
    "install_styles",
    "style_id",
    "CLAUSE_TEXT",
    "CLAUSE_NOTE",
    "BULLET",
    "TABLE_TEXT",
    "TITLE_META",
    "CLAUSE_INDENT_TWIPS",
]
