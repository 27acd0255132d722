"""The output formats, registered in one table: a format is a name and a writer.

Like Pandoc's writer list, this is the one place the build looks a format up; a planned output
names its format and the table gives the function that turns its tree into bytes. A new format
(HTML for the editor's preview, say) is one writer and one line here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.compose.deck_tree import Deck
from generator.compose.records import Records
from generator.compose.tree import Document
from generator.write.docx_writer import write_docx
from generator.write.html_writer import write_html
from generator.write.markdown_writer import write_markdown
from generator.write.pptx_writer import write_pptx


@dataclass(frozen=True)
class WriteContext:
    """What every writer may need besides the tree."""

    author: str
    when: dt.date
    lang: str
    deck_template: Path | None = None
    review: bool = False  # margin notes on the clauses (agreements only)
    records: Records | None = None  # the document properties (JHS 143 descriptive metadata)


Writer = Callable[[Document | Deck, WriteContext], bytes]


def _docx(tree: Document | Deck, ctx: WriteContext) -> bytes:
    assert isinstance(tree, Document)
    return write_docx(tree, ctx.author, ctx.when, ctx.lang, review=ctx.review, records=ctx.records)


def _pptx(tree: Document | Deck, ctx: WriteContext) -> bytes:
    assert isinstance(tree, Deck)
    return write_pptx(tree, ctx.author, ctx.when, ctx.lang, ctx.deck_template, records=ctx.records)


def _markdown(tree: Document | Deck, ctx: WriteContext) -> bytes:
    assert isinstance(tree, Document)
    return write_markdown(tree)


def _html(tree: Document | Deck, ctx: WriteContext) -> bytes:
    return write_html(tree, ctx.lang)


# html is the editor's live preview (``kuntasopimus serve``); the build writes the other three.
FORMATS: dict[str, Writer] = {"docx": _docx, "pptx": _pptx, "md": _markdown, "html": _html}


def write(format_name: str, tree: Document | Deck, ctx: WriteContext) -> bytes:
    return FORMATS[format_name](tree, ctx)
