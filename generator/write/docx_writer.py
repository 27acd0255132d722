"""Document tree → .docx: WordprocessingML serialised directly from the tree.

The shared parts (styles, Word's multi-level numbering, settings, theme) come from the reference
document in ``docx_skeleton``, built once per process; this module writes only what differs per
document: the body, header, footer, review comments and properties. Building each element through
python-docx's object model took over 100 ms a document; writing the XML as text takes a few.

The writer only lays out what the tree says; it neither computes nor words anything itself, apart
from the fixed labels the language pack hands it through ``Document.labels``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.compose.records import Records
from generator.compose.tree import BulletList, Cell, Change, Document, Paragraph, Run, Table
from generator.write.docx_numbering import BULLET_NUM_ID, CLAUSE_INDENT_TWIPS
from generator.write.docx_skeleton import STATIC_PARTS, docx_skeleton
from generator.write.docx_styles import BULLET, CLAUSE_NOTE, CLAUSE_TEXT, TABLE_TEXT, TITLE_META, style_id
from generator.write.ooxml_parts import (
    CT_RELS,
    PROPERTY_TYPES,
    XML_HEAD,
    content_types,
    esc,
    package_rels,
    property_parts,
    relationships,
)
from generator.write.zip_writer import zip_package

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"

# A4 with 2,3 cm side margins; the text area is 16,4 cm wide (the header's right tab stop).
_PAGE = '<w:pgSz w:w="11906" w:h="16838"/>'
_MARGINS = (
    '<w:pgMar w:top="1247" w:right="1304" w:bottom="1134" w:left="1304" w:header="720" w:footer="720" w:gutter="0"/>'
)
_TEXT_WIDTH = 11906 - 2 * 1304

_TEXT, _NOTE, _BULLET, _CELL, _META = (style_id(n) for n in (CLAUSE_TEXT, CLAUSE_NOTE, BULLET, TABLE_TEXT, TITLE_META))

# Tables and lists up to these sizes are kept on one page (Word's keep-with-next on every row/item).
KEEP_TABLE_ROWS = 12
KEEP_LIST_ITEMS = 8

_TABLE_BORDER = "8A94A6"
_HEADER_FILL = "DCE3ED"
_TOTAL_FILL = "F0F3F7"
_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")


def _twips(cm: float) -> int:
    """Centimetres as Word's twentieths of a point (1 cm = 360 000 EMU, 1 twip = 635 EMU)."""
    return round(cm * 360000 / 635)


@dataclass
class _Writer:
    """The state of one document being written: its revision and comment counters."""

    redline_author: str | None
    stamp: str
    comments: list[str] = field(default_factory=list)
    next_revision: int = 1

    # --- revisions -----------------------------------------------------------------------------

    def _revision(self, change: str) -> tuple[str, str]:
        """Opening and closing tags of a w:ins or w:del with author and date."""
        assert self.redline_author is not None, "a tracked change outside a redline"
        attrs = f'w:id="{self.next_revision}" w:author="{esc(self.redline_author)}" w:date="{self.stamp}"'
        self.next_revision += 1
        return f"<w:{change} {attrs}>", f"</w:{change}>"

    def mark(self, change: Change) -> str:
        """An empty w:ins/w:del: on a paragraph mark or a table row."""
        if change is None:
            return ""
        opening, _ = self._revision(change)
        return opening[:-1] + "/>"

    # --- runs and paragraphs -------------------------------------------------------------------

    def run(
        self, text: str, bold: bool = False, size: int | None = None, highlight: bool = False, change: Change = None
    ) -> str:
        props = (
            ("<w:b/>" if bold else "")
            + (f'<w:sz w:val="{size}"/>' if size else "")
            + ('<w:highlight w:val="yellow"/>' if highlight else "")
        )
        tag = "w:delText" if change == "del" else "w:t"
        content = "".join(
            ("<w:tab/>" if i else "") + (f'<{tag} xml:space="preserve">{esc(piece)}</{tag}>' if piece else "")
            for i, piece in enumerate(text.split("\t"))
        )
        xml = f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{content}</w:r>"
        if change is None:
            return xml
        opening, closing = self._revision(change)
        return opening + xml + closing

    def runs(self, runs: Iterable[Run], bold: bool = False, size: int | None = None) -> str:
        return "".join(
            self.run(
                r.text,
                bold=bold or r.mark in ("strong", "placeholder"),
                size=size,
                highlight=r.mark in ("illustrative", "placeholder"),
                change=r.change,
            )
            for r in runs
        )

    def paragraph(
        self,
        style: str,
        content: str,
        *,
        numbering: tuple[int, int] | None = None,
        tabs: str = "",
        spacing: str = "",
        indent: str = "",
        align: str | None = None,
        change: Change = None,
        keep_next: bool = False,
        keep_lines: bool = False,
    ) -> str:
        """A w:p with its properties in the schema's order (pStyle, keepNext, keepLines, numPr, tabs,
        spacing, ind, jc, rPr)."""
        props = (
            f'<w:pStyle w:val="{style}"/>'
            + ("<w:keepNext/>" if keep_next else "")
            + ("<w:keepLines/>" if keep_lines else "")
        )
        if numbering is not None:
            num_id, level = numbering
            props += f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
        props += tabs + spacing + indent + (f'<w:jc w:val="{align}"/>' if align else "")
        if change is not None:
            props += f"<w:rPr>{self.mark(change)}</w:rPr>"
        return f"<w:p><w:pPr>{props}</w:pPr>{content}</w:p>"

    # --- tables --------------------------------------------------------------------------------

    def cell(
        self, content: Cell, width: int, bold: bool, fill: str | None, change: Change, keep_next: bool = False
    ) -> str:
        shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        paragraph = self.paragraph(
            _CELL,
            self.runs(content.runs, bold=bold),
            align="right" if content.numeric else None,
            change=change,
            keep_next=keep_next,
        )
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>{paragraph}</w:tc>'

    def table(self, table: Table, keep_next: bool = False) -> str:
        """A captioned table; a short one stays on one page (every row keeps with the next), and with
        ``keep_next`` its last row keeps with the block after it too."""
        together = len(table.rows) <= KEEP_TABLE_ROWS
        widths = [_twips(w) for w in table.widths]
        borders = "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="{_TABLE_BORDER}"/>' for e in _EDGES)
        # The table's id as its caption (alt-text title): how `kuntasopimus check` finds it again.
        props = (
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="left"/>'
            f'<w:tblInd w:w="{CLAUSE_INDENT_TWIPS}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
            '<w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            f'<w:tblCaption w:val="{esc(table.id)}"/>'
        )
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        numeric_cols = [all(row[i].numeric for row in table.rows) for i in range(len(table.header))]
        header = "".join(
            self.cell(
                Cell(table.header_runs[i] if table.header_runs else (Run(heading),), numeric_cols[i]),
                widths[i],
                True,
                _HEADER_FILL,
                None,
                keep_next=True,
            )
            for i, heading in enumerate(table.header)
        )
        rows = [f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>"]
        for r, row in enumerate(table.rows):
            change = table.row_changes[r] if table.row_changes else None
            is_total = table.total and r == len(table.rows) - 1
            keep = keep_next or (together and r < len(table.rows) - 1)
            cells = "".join(
                self.cell(content, widths[i], is_total, _TOTAL_FILL if is_total else None, change, keep)
                for i, content in enumerate(row)
            )
            rows.append(f"<w:tr><w:trPr><w:cantSplit/>{self.mark(change)}</w:trPr>{cells}</w:tr>")
        # A short gap after the table so the next paragraph does not touch its border.
        gap = self.paragraph(_TEXT, "", spacing='<w:spacing w:after="0"/>', keep_next=keep_next)
        return f"<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>{gap}"

    def block(self, block: Paragraph | BulletList | Table, keep_next: bool = False) -> str:
        """One block; ``keep_next`` keeps it on the page of the block after it."""
        if isinstance(block, Paragraph):
            return self.paragraph(
                _NOTE if block.style == "note" else _TEXT,
                self.runs(block.runs),
                change=block.change,
                keep_next=keep_next or block.keep_with_next,
            )
        if isinstance(block, BulletList):
            # A short list stays together; each item's lines always do.
            together = len(block.items) <= KEEP_LIST_ITEMS
            last = len(block.items) - 1
            return "".join(
                self.paragraph(
                    _BULLET,
                    self.runs(item),
                    numbering=(BULLET_NUM_ID, 0),
                    change=block.changes[i] if block.changes else None,
                    keep_next=keep_next if i == last else together,
                    keep_lines=True,
                )
                for i, item in enumerate(block.items)
            )
        return self.table(block, keep_next)

    # --- comments ------------------------------------------------------------------------------

    def comment(self, lines: list[str], author: str) -> int:
        """A margin comment (one paragraph a line); returns its id for the anchoring marks."""
        comment_id = len(self.comments)
        anchor = '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
        paragraphs = "".join(
            self.paragraph("CommentText", (anchor if i == 0 else "") + self.run(line)) for i, line in enumerate(lines)
        )
        self.comments.append(
            f'<w:comment w:id="{comment_id}" w:author="{esc(author)}" w:initials="KS" '
            f'w:date="{self.stamp}">{paragraphs}</w:comment>'
        )
        return comment_id


def _title_block(w: _Writer, tree: Document) -> list[str]:
    """Status, title and the tree's meta lines, then the lead paragraphs and the marking notes."""
    out = [w.paragraph(_META, w.run(tree.status, bold=True, size=24)), w.paragraph("Title", w.run(tree.title))]
    out += [w.paragraph(_META, w.run(f"{label}: ", bold=True) + w.run(value)) for label, value in tree.meta]
    out += [
        w.paragraph("Normal", w.runs(p.runs), spacing='<w:spacing w:before="240"/>', change=p.change)
        for p in tree.lead_paragraphs
    ]
    out += [w.paragraph(_NOTE, w.runs(n.runs), indent='<w:ind w:left="0"/>') for n in tree.notes]
    return out


def _signatures(w: _Writer, tree: Document) -> list[str]:
    """Two signatories a row, each with place and date and two signature lines, in a borderless table."""
    if not tree.signatories:
        return []
    width = _twips(8.2)
    nil = "".join(f'<w:{e} w:val="nil"/>' for e in _EDGES)
    rows = []
    last = (len(tree.signatories) - 1) // 2 * 2
    for start in range(0, len(tree.signatories), 2):
        cells = []
        pair = tree.signatories[start : start + 2]
        # Every row but the last keeps with the next: the signatures stay together on one page.
        keep = start != last
        for signatory in pair:
            lines = [w.paragraph(_CELL, w.run(signatory.name, bold=True), keep_next=keep)]
            for label in signatory.lines:
                lines.append(w.paragraph(_CELL, w.run("_" * 34), spacing='<w:spacing w:before="400"/>', keep_next=keep))
                lines.append(w.paragraph(_CELL, w.run(label, size=16), keep_next=keep))
            lines.append(w.paragraph(_CELL, "", spacing='<w:spacing w:after="240"/>', keep_next=keep))
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{"".join(lines)}</w:tc>')
        if len(pair) == 1:
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p/></w:tc>')
        rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>")
    props = (
        f'<w:tblW w:w="{2 * width}" w:type="dxa"/><w:tblBorders>{nil}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
    )
    heading = w.paragraph("Heading1", w.run(tree.signatures_title), numbering=(0, 0), keep_next=True)
    table = f'<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid><w:gridCol w:w="{width}"/><w:gridCol w:w="{width}"/></w:tblGrid>{"".join(rows)}</w:tbl>'
    return [heading, table]


def _chapters(w: _Writer, tree: Document, review: bool, author: str) -> list[str]:
    out = []
    unnumbered = None if tree.numbered else (0, 0)
    for chapter in tree.chapters:
        out.append(w.paragraph("Heading1", w.run(chapter.title), numbering=unnumbered))
        for clause in chapter.clauses:
            if clause.title:
                title = w.runs(clause.title_runs or (Run(clause.title),))
                if review and clause.review_notes:
                    # A margin comment with the clause's review notes (composed: what it meets, why).
                    cid = w.comment(list(clause.review_notes), str(tree.labels.get("review_author", author)))
                    title = (
                        f'<w:commentRangeStart w:id="{cid}"/>{title}<w:commentRangeEnd w:id="{cid}"/>'
                        f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{cid}"/></w:r>'
                    )
                out.append(
                    w.paragraph("Heading2", title, numbering=None if tree.numbered else (0, 1), change=clause.change)
                )
            for i, block in enumerate(clause.blocks):
                following = clause.blocks[i + 1] if i + 1 < len(clause.blocks) else None
                # A lead-in paragraph ("tehtäviä ovat:") never ends a page without its list or table,
                # and a table never without the note under it (its source, what its figures mean).
                lead_in = isinstance(block, Paragraph) and isinstance(following, (BulletList, Table))
                noted = isinstance(block, Table) and isinstance(following, Paragraph) and following.style == "note"
                out.append(
                    w.block(block, keep_next=lead_in or noted or (clause.keep_together and following is not None))
                )
    return out


_HEADER_CHARS = 100


def _header(w: _Writer, tree: Document) -> bytes:
    # A document with no version (a summary of an agreement in force) is not a draft of anything.
    version = f" · {tree.labels['version']} {tree.version}" if tree.version else ""
    status = f"\t{tree.status}{version} · {tree.date}"
    # One line at 8 pt holds about 100 characters; the status takes up to 40 of them. A longer title is
    # shortened at a word (the same way whatever the status says), never run into the status.
    room = _HEADER_CHARS - 40
    title = tree.title if len(tree.title) <= room else tree.title[: room - 1].rsplit(" ", 1)[0].rstrip(" ,–(") + " …"
    paragraph = w.paragraph(
        "Header",
        w.run(title, size=16) + w.run(status, bold=True, size=16),
        tabs=f'<w:tabs><w:tab w:val="right" w:pos="{_TEXT_WIDTH}"/></w:tabs>',
    )
    return (XML_HEAD + f"<w:hdr {_NS}>{paragraph}</w:hdr>").encode("utf-8")


def _footer(w: _Writer, tree: Document) -> bytes:
    """'Sivu X / Y' with Word's PAGE and NUMPAGES fields, all in the footer's 9 pt."""

    def field(instruction: str) -> str:
        return f'<w:fldSimple w:instr=" {instruction} ">{w.run("1", size=18)}</w:fldSimple>'

    content = w.run(f"{tree.labels['page']} ", size=18) + field("PAGE") + w.run(" / ", size=18) + field("NUMPAGES")
    return (XML_HEAD + f"<w:ftr {_NS}>{w.paragraph('Footer', content, align='center')}</w:ftr>").encode("utf-8")


def write_docx(
    tree: Document,
    author: str,
    when: dt.date,
    lang: str,
    review: bool = False,
    redline_author: str | None = None,
    records: Records | None = None,
) -> bytes:
    """Render the tree and return the .docx bytes (the caller decides where and how to store them).

    With ``review``, every clause that meets a statutory requirement carries a Word comment naming
    the citation and the rule code, so a lawyer sees the legal basis in the margin. With
    ``redline_author``, the tree's marked changes become Word tracked changes by that author.
    ``records`` are the document properties; without them the tree's title, status and version.
    """
    skeleton = docx_skeleton(lang)
    w = _Writer(redline_author, f"{when.isoformat()}T12:00:00Z")
    section = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>'
        f'<w:footerReference w:type="default" r:id="rIdFooter"/>{_PAGE}{_MARGINS}'
        '<w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>'
    )
    body = _title_block(w, tree) + _chapters(w, tree, review, author or "kuntasopimus") + _signatures(w, tree)
    document = (XML_HEAD + f"<w:document {_NS}><w:body>{''.join(body)}{section}</w:body></w:document>").encode("utf-8")

    rels = [(f"rId{i}", kind, name.removeprefix("word/")) for i, (name, kind, _) in enumerate(STATIC_PARTS, start=1)]
    rels += [("rIdHeader", f"{_REL}/header", "header1.xml"), ("rIdFooter", f"{_REL}/footer", "footer1.xml")]
    overrides = [
        ("word/document.xml", f"{_WML}.document.main+xml"),
        ("word/header1.xml", f"{_WML}.header+xml"),
        ("word/footer1.xml", f"{_WML}.footer+xml"),
    ]
    parts: list[tuple[str, bytes]] = [("word/header1.xml", _header(w, tree)), ("word/footer1.xml", _footer(w, tree))]
    if w.comments:
        rels.append(("rIdComments", f"{_REL}/comments", "comments.xml"))
        overrides.append(("word/comments.xml", f"{_WML}.comments+xml"))
        parts.append(
            ("word/comments.xml", (XML_HEAD + f"<w:comments {_NS}>{''.join(w.comments)}</w:comments>").encode("utf-8"))
        )
    overrides += [(name, kind) for name, _, kind in STATIC_PARTS]
    overrides += PROPERTY_TYPES
    records = records or Records(tree.title, "", tree.status, tree.version, lang, author, when, tree.id)
    return zip_package(
        [
            ("[Content_Types].xml", content_types({"rels": CT_RELS, "xml": "application/xml"}, overrides)),
            ("_rels/.rels", package_rels("word/document.xml")),
            *property_parts(records),
            ("word/document.xml", document),
            ("word/_rels/document.xml.rels", relationships(rels)),
            *parts,
            *skeleton.parts,
        ],
        when,
    )
