"""Two document trees → one redline tree: NEW's document with OLD's differences as tracked changes.

Clauses are aligned by their stable ids, blocks and list items by sequence, table rows by their
first cell, words within each. The result goes through the ordinary docx writer, which turns the
change marks into w:ins / w:del.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from generator.compose.tree import Block, BulletList, Cell, Change, Chapter, Clause, Document, Paragraph, Run, Table
from generator.diff.words import changed, diff_runs, mark_all


@dataclass
class ClauseChanges:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    reworded: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.added) + len(self.removed) + len(self.reworded)


def _block_key(block: Block) -> tuple:
    if isinstance(block, Paragraph):
        return ("p", block.style)
    if isinstance(block, BulletList):
        return ("list",)
    return ("table", block.id)


def _block_text(block: Block) -> str:
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, BulletList):
        return "\n".join("".join(r.text for r in item) for item in block.items)
    return "\n".join("\t".join(c.text for c in row) for row in block.rows) + "|" + "\t".join(block.header)


def _whole(block: Block, change: Change) -> Block:
    if isinstance(block, Paragraph):
        return Paragraph(mark_all(block.runs, change), block.style, change)
    if isinstance(block, BulletList):
        return BulletList(tuple(mark_all(item, change) for item in block.items), tuple(change for _ in block.items))
    rows = tuple(tuple(Cell(mark_all(c.runs, change), c.numeric) for c in row) for row in block.rows)
    return replace(block, rows=rows, row_changes=tuple(change for _ in block.rows))


def _diff_list(old: BulletList, new: BulletList) -> BulletList:
    texts_a = ["".join(r.text for r in item) for item in old.items]
    texts_b = ["".join(r.text for r in item) for item in new.items]
    items: list[tuple[Run, ...]] = []
    changes: list = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, texts_a, texts_b, autojunk=False).get_opcodes():
        if op == "equal":
            items += new.items[j1:j2]
            changes += [None] * (j2 - j1)
        elif op == "replace" and i2 - i1 == j2 - j1:
            items += [diff_runs(a, b) for a, b in zip(old.items[i1:i2], new.items[j1:j2], strict=False)]
            changes += [None] * (j2 - j1)
        else:
            items += [mark_all(item, "del") for item in old.items[i1:i2]]
            changes += ["del"] * (i2 - i1)
            items += [mark_all(item, "ins") for item in new.items[j1:j2]]
            changes += ["ins"] * (j2 - j1)
    return BulletList(tuple(items), tuple(changes))


def _diff_table(old: Table, new: Table) -> Table:
    keys_a = [row[0].text for row in old.rows]
    keys_b = [row[0].text for row in new.rows]
    rows: list[tuple[Cell, ...]] = []
    changes: list = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes():
        if op == "equal" and len(old.header) == len(new.header):
            for a, b in zip(old.rows[i1:i2], new.rows[j1:j2], strict=False):
                rows.append(tuple(Cell(diff_runs(ca.runs, cb.runs), cb.numeric) for ca, cb in zip(a, b, strict=False)))
                changes.append(None)
            continue
        for row in old.rows[i1:i2]:
            rows.append(tuple(Cell(mark_all(c.runs, "del"), c.numeric) for c in row))
            changes.append("del")
        for row in new.rows[j1:j2]:
            rows.append(tuple(Cell(mark_all(c.runs, "ins"), c.numeric) for c in row))
            changes.append("ins")
    header_runs = (
        tuple(diff_runs((Run(a),), (Run(b),)) for a, b in zip(old.header, new.header, strict=False))
        if len(old.header) == len(new.header)
        else ()
    )
    return replace(new, rows=tuple(rows), row_changes=tuple(changes), header_runs=header_runs)


def _diff_pair(old: Block, new: Block) -> Block:
    if isinstance(new, Paragraph) and isinstance(old, Paragraph):
        return Paragraph(diff_runs(old.runs, new.runs), new.style)
    if isinstance(new, BulletList) and isinstance(old, BulletList):
        return _diff_list(old, new)
    assert isinstance(old, Table) and isinstance(new, Table)
    return _diff_table(old, new)


def diff_blocks(old: list[Block], new: list[Block]) -> list[Block]:
    a = [(_block_key(b), _block_text(b)) for b in old]
    b = [(_block_key(x), _block_text(x)) for x in new]
    out: list[Block] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out += new[j1:j2]
            continue
        olds, news = old[i1:i2], new[j1:j2]
        if op == "replace" and [_block_key(x) for x in olds] == [_block_key(x) for x in news]:
            out += [_diff_pair(x, y) for x, y in zip(olds, news, strict=False)]
            continue
        out += [_whole(x, "del") for x in olds]
        out += [_whole(x, "ins") for x in news]
    return out


def _whole_clause(clause: Clause, change: Change) -> Clause:
    return Clause(
        clause.id,
        clause.title,
        clause.requirements,
        [_whole(b, change) for b in clause.blocks],
        clause.negotiated,
        mark_all((Run(clause.title),), change),
        change,
    )


def _blocks_changed(blocks: list[Block]) -> bool:
    for block in blocks:
        if isinstance(block, Paragraph) and (block.change or changed(block.runs)):
            return True
        if isinstance(block, BulletList) and (any(block.changes) or any(changed(i) for i in block.items)):
            return True
        if isinstance(block, Table) and (
            any(block.row_changes)
            or any(changed(c.runs) for r in block.rows for c in r)
            or any(changed(h) for h in block.header_runs)
        ):
            return True
    return False


def _diff_chapter(old: Chapter | None, new: Chapter, changes: ClauseChanges) -> Chapter:
    old_clauses = old.clauses if old else []
    ids_a = [c.id for c in old_clauses]
    ids_b = [c.id for c in new.clauses]
    out: list[Clause] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ids_a, ids_b, autojunk=False).get_opcodes():
        if op == "equal":
            for a, b in zip(old_clauses[i1:i2], new.clauses[j1:j2], strict=False):
                blocks = diff_blocks(a.blocks, b.blocks)
                title = diff_runs((Run(a.title),), (Run(b.title),))
                if _blocks_changed(blocks) or changed(title):
                    changes.reworded.append(b.id)
                out.append(
                    Clause(b.id, b.title, b.requirements, blocks, b.negotiated, title if changed(title) else (), None)
                )
            continue
        for clause in old_clauses[i1:i2]:
            changes.removed.append(clause.id)
            out.append(_whole_clause(clause, "del"))
        for clause in new.clauses[j1:j2]:
            changes.added.append(clause.id)
            out.append(_whole_clause(clause, "ins"))
    return Chapter(new.id, new.title, out)


def redline(old: Document, new: Document) -> tuple[Document, ClauseChanges]:
    changes = ClauseChanges()
    old_chapters = {c.id: c for c in old.chapters}
    chapters = [_diff_chapter(old_chapters.get(c.id), c, changes) for c in new.chapters]
    for gone in (c for c in old.chapters if c.id not in {n.id for n in new.chapters}):
        chapters.append(_diff_chapter(None, Chapter(gone.id, gone.title, []), changes))
        chapters[-1].clauses = [_whole_clause(c, "del") for c in gone.clauses]
        changes.removed += [c.id for c in gone.clauses]
    lead = diff_blocks(list(old.lead_paragraphs), list(new.lead_paragraphs))
    return replace(new, chapters=chapters, lead_paragraphs=lead), changes  # type: ignore[arg-type]
