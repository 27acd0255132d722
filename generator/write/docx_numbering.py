"""Word's own multi-level numbering for headings and bullets.

Clause numbers are not typed digits: Heading 1 and Heading 2 are linked to one multi-level list
(1, 1.1), so Word renumbers when a lawyer inserts a clause and the navigation pane shows the
structure. Ids start high to stay clear of any list the base template already defines.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

HEADING_ABSTRACT_ID = 90
HEADING_NUM_ID = 90
BULLET_ABSTRACT_ID = 91
BULLET_NUM_ID = 91

_INDENT = 567  # twips: 1 cm, where clause text begins


def _heading_levels() -> str:
    levels = []
    for ilvl in range(9):
        text = ".".join(f"%{i + 1}" for i in range(ilvl + 1))
        style = f'<w:pStyle w:val="Heading{ilvl + 1}"/>' if ilvl < 2 else ""
        levels.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>{style}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{_INDENT}" w:hanging="{_INDENT}"/></w:pPr></w:lvl>'
        )
    return "".join(levels)


def _bullet_levels() -> str:
    levels = []
    for ilvl in range(9):
        left = _INDENT + 360 * (ilvl + 1)
        levels.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
            f'<w:lvlText w:val="{"–" if ilvl else "•"}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="284"/></w:pPr></w:lvl>'
        )
    return "".join(levels)


def install_numbering(doc: DocxDocument) -> None:
    numbering = doc.part.numbering_part.element
    heading = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{HEADING_ABSTRACT_ID}">'
        f'<w:multiLevelType w:val="multilevel"/>{_heading_levels()}</w:abstractNum>'
    )
    bullet = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{BULLET_ABSTRACT_ID}">'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{_bullet_levels()}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    for abstract in (heading, bullet):
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
    for num_id, abstract_id in ((HEADING_NUM_ID, HEADING_ABSTRACT_ID), (BULLET_NUM_ID, BULLET_ABSTRACT_ID)):
        numbering.append(
            parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
        )


def set_numbering(ppr, num_id: int, ilvl: int) -> None:
    """Give a paragraph or style a list level; python-docx puts ``w:numPr`` in schema order."""
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


CLAUSE_INDENT_TWIPS = _INDENT
