"""Where a document states a shared fact in running text: the words just before it.

Tables and charts carry their ids, so the consistency check finds their figures by what they are.
A figure inside a sentence ("Irtisanomisaika on 12 kuukautta") has no id in the written file; its
anchor is the text that precedes it in its paragraph (or, at a paragraph's start, the text that
follows it), recorded in the manifest. The check finds the anchor again and reads what stands next
to it: the same in every language and in slides as in documents, and it survives a re-save.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.compose.deck_tree import Deck
from generator.compose.tree import Block, BulletList, Document, Paragraph, Run, Table
from generator.contract import AnchorRecord, TableRecord, clean

CONTEXT = 40  # characters of the preceding (or following) text kept as an anchor


def _paragraphs(tree: Document | Deck) -> Iterator[tuple[Run, ...]]:
    if isinstance(tree, Deck):
        for slide in tree.slides:
            yield slide.title_runs
            if slide.callout:
                yield slide.callout
            yield from _blocks(slide.blocks)
        return
    yield from (p.runs for p in tree.lead_paragraphs)
    for clause in tree.clauses():
        yield from _blocks(clause.blocks)


def _blocks(blocks: list[Block]) -> Iterator[tuple[Run, ...]]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.runs
        elif isinstance(block, BulletList):
            yield from block.items


def anchors(tree: Document | Deck) -> list[AnchorRecord]:
    """Every fact a tree states in running text, with the text that anchors it."""
    found: list[AnchorRecord] = []
    for runs in _paragraphs(tree):
        texts = [r.text for r in runs]
        for i, run in enumerate(runs):
            if run.fact is None:
                continue
            before = clean("".join(texts[:i]))[-CONTEXT:]
            if before:
                found.append({"fact": run.fact, "before": before})
            else:
                found.append({"fact": run.fact, "after": clean("".join(texts[i + 1 :]))[:CONTEXT]})
    return found


def tables(tree: Document | Deck) -> list[TableRecord]:
    """Every table the tree places, in order, with its header: how a table is recognised in a file
    that lost the table's caption (a re-save in LibreOffice drops it)."""
    if isinstance(tree, Deck):
        found = [s.table for s in tree.slides if s.table is not None]
    else:
        found = [b for clause in tree.clauses() for b in clause.blocks if isinstance(b, Table)]
    return [{"id": t.id, "header": [clean(h) for h in t.header]} for t in found]
