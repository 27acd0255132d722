"""Document tree → Markdown: the reviewable plain-text twin of a .docx (compliance matrix, diffs).

Clause numbers are written out here because Markdown has no multi-level lists of Word's kind; they
come from ``Document.numbered_clauses`` so they match what Word shows.
"""

from __future__ import annotations

from generator.compose.tree import BulletList, Document, Paragraph, Run, Table


def _inline(runs: tuple[Run, ...]) -> str:
    out = []
    for run in runs:
        text = run.text.replace("|", "\\|")
        if run.mark == "strong":
            text = f"**{text}**"
        elif run.mark in ("illustrative", "placeholder"):
            text = f"=={text}=="
        out.append(text)
    return "".join(out)


def _table(table: Table) -> list[str]:
    lines = [
        "| " + " | ".join(table.header) + " |",
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
    lines = [f"**{tree.status}** · {tree.labels['version']} {tree.version} · {tree.date}", "", f"# {tree.title}", ""]
    for paragraph in tree.lead_paragraphs + tree.notes:
        lines += [_inline(paragraph.runs), ""]
    numbers = {id(clause): number for number, clause in tree.numbered_clauses()}
    for i, chapter in enumerate(tree.chapters, start=1):
        lines += [f"## {i} {chapter.title}" if tree.numbered else f"## {chapter.title}", ""]
        for clause in chapter.clauses:
            if clause.title:
                lines += [f"### {numbers[id(clause)]} {clause.title}" if tree.numbered else f"### {clause.title}", ""]
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
