"""Document tree → Markdown: the reviewable plain-text twin of a .docx (compliance matrix, diffs).

Clause numbers are written out here because Markdown has no multi-level lists of Word's kind; they
come from ``Document.numbered_clauses`` so they match what Word shows.

Every text from the case is escaped: a title typed over two lines, or one starting with "# ", "| "
or "<script>", shows as the text it is, never as a heading, a table or raw HTML.
"""

from __future__ import annotations

import re

from generator.compose.tree import BulletList, Document, Paragraph, Run, Table

_BREAKS = re.compile(r"\s*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#=~!{}])")
_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])(?=\s|$)")


def escape(text: str) -> str:
    """``text`` as Markdown shows it literally, on one line (no-break spaces stay)."""
    text = _SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", text))
    return _LINE_START.sub(lambda m: m[1] + m[2][:-1] + "\\" + m[2][-1], text)


def _inline(runs: tuple[Run, ...]) -> str:
    out = []
    for run in runs:
        text = escape(run.text)
        if run.mark == "strong":
            text = f"**{text}**"
        elif run.mark in ("illustrative", "placeholder"):
            text = f"=={text}=="
        out.append(text)
    return "".join(out)


def _table(table: Table) -> list[str]:
    lines = [
        "| " + " | ".join(escape(h) for h in table.header) + " |",
        "|"
        + "|".join("---:" if all(r[i].numeric for r in table.rows) else "---" for i in range(len(table.header)))
        + "|",
    ]
    for index, row in enumerate(table.rows):
        cells = [_inline(c.runs) for c in row]
        if table.total and index == len(table.rows) - 1:
            cells = [f"**{c}**" for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def write_markdown(tree: Document) -> bytes:
    head = f"**{escape(tree.status)}** · {escape(tree.labels['version'])} {escape(tree.version)} · {escape(tree.date)}"
    lines = [head, "", f"# {escape(tree.title)}", ""]
    for paragraph in tree.lead_paragraphs + tree.notes:
        lines += [_inline(paragraph.runs), ""]
    numbers = {id(clause): number for number, clause in tree.numbered_clauses()}
    for i, chapter in enumerate(tree.chapters, start=1):
        title = escape(chapter.title)
        lines += [f"## {i} {title}" if tree.numbered else f"## {title}", ""]
        for clause in chapter.clauses:
            if clause.title:
                title = escape(clause.title)
                lines += [f"### {numbers[id(clause)]} {title}" if tree.numbered else f"### {title}", ""]
            for block in clause.blocks:
                if isinstance(block, Paragraph):
                    text = _inline(block.runs)
                    lines += [f"*{text}*" if block.style == "note" else text, ""]
                elif isinstance(block, BulletList):
                    lines += [f"- {_inline(item)}" for item in block.items] + [""]
                elif isinstance(block, Table):
                    lines += _table(block) + [""]
    # Soft hyphens help Word break a long word in a narrow column; a Markdown viewer would show them.
    # No-break spaces are for the page's line breaks; in Markdown they are plain spaces.
    return ("\n".join(lines).rstrip() + "\n").replace("\u00ad", "").replace("\u00a0", " ").encode("utf-8")
