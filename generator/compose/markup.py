"""The small text markup that clause templates render to, parsed into tree blocks.

Templates produce plain text so that a lawyer can read and edit them: paragraphs are separated by
blank lines, ``- `` starts a list item, ``@table NAME`` places a table composed from the model. A
value wrapped by the ``ill`` or ``todo`` filters carries private-use marks that become highlighted
runs, so an illustrative figure can never lose its marking between template and page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.compose.tree import Block, BulletList, Paragraph, Run, Table
from generator.contract import fact_key

__all__ = ["fact", "fact_key", "parse_blocks", "runs"]

# Private-use characters U+E000–U+E0FF are reserved for these marks (model.languages uses U+E100…).
ILL_OPEN, PLACE_OPEN, STRONG_OPEN, CLOSE = "\ue000", "\ue001", "\ue002", "\ue00f"
# A fact wraps its text (which may carry one of the marks above): FACT_OPEN key FACT_KEY_END text FACT_CLOSE.
FACT_OPEN, FACT_KEY_END, FACT_CLOSE = "\ue010", "\ue011", "\ue012"
_MARKS = {ILL_OPEN: "illustrative", PLACE_OPEN: "placeholder", STRONG_OPEN: "strong"}
_TOKEN = re.compile(f"([{ILL_OPEN}{PLACE_OPEN}{STRONG_OPEN}{CLOSE}{FACT_OPEN}{FACT_KEY_END}{FACT_CLOSE}])")


def fact(text: object, key: str) -> str:
    """``text`` marked as stating the fact ``key`` (the ``fact`` template filter)."""
    return f"{FACT_OPEN}{key}{FACT_KEY_END}{text}{FACT_CLOSE}"


def runs(text: str) -> tuple[Run, ...]:
    """Split marked text into runs; line breaks and runs of spaces collapse to single spaces.

    Only ASCII whitespace collapses: the no-break spaces inside formatted figures (380 000 €) stay.
    """
    text = re.sub(r"[ \t\r\n]+", " ", text).strip(" ")
    out: list[Run] = []
    mark = "plain"
    key: str | None = None
    reading_key = False
    for piece in _TOKEN.split(text):
        if piece in _MARKS:
            mark = _MARKS[piece]
        elif piece == CLOSE:
            mark = "plain"
        elif piece == FACT_OPEN:
            reading_key, key = True, ""
        elif piece == FACT_KEY_END:
            reading_key = False
        elif piece == FACT_CLOSE:
            key = None
        elif reading_key:
            key = piece
        elif piece:
            out.append(Run(piece, mark, fact=key))  # type: ignore[arg-type]
    return tuple(out)


def parse_blocks(text: str, tables: Callable[[str], Table]) -> list[Block]:
    """Blocks of a rendered template; list items separated only by blank lines form one list."""
    blocks: list[Block] = []
    for block in _chunks(text, tables):
        if isinstance(block, BulletList) and blocks and isinstance(blocks[-1], BulletList):
            blocks[-1] = BulletList(blocks[-1].items + block.items)
        else:
            blocks.append(block)
    return blocks


def _chunks(text: str, tables: Callable[[str], Table]) -> list[Block]:
    """Blank lines separate chunks; inside a chunk, ``- `` lines are list items and other lines
    form paragraphs (a lead line such as "Valtuusto" followed by its items stays apart from them)."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("@table "):
            blocks.extend(tables(line.split(None, 1)[1].strip()) for line in lines)
            continue
        if all(line.startswith("> ") for line in lines):
            blocks.append(Paragraph(runs(" ".join(line[2:] for line in lines)), "note"))
            continue
        prose: list[str] = []
        items: list[str] = []
        for line in lines:
            if line.startswith("- "):
                if prose:
                    blocks.append(Paragraph(runs(" ".join(prose))))
                    prose = []
                items.append(line[2:])
            else:
                if items:
                    blocks.append(BulletList(tuple(runs(item) for item in items)))
                    items = []
                prose.append(line)
        if prose:
            blocks.append(Paragraph(runs(" ".join(prose))))
        if items:
            blocks.append(BulletList(tuple(runs(item) for item in items)))
    return blocks
