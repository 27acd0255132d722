"""Word-level differences between two runs of marked text, as runs marked inserted or deleted.

Lawyers read changes word by word ("12 kuukautta" → "6 kuukautta"), not as whole paragraphs
replaced; tokens keep their whitespace so that accepting every change gives exactly the new text.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from generator.compose.tree import Change, Run

_TOKEN = re.compile(r"\s+|[^\s]+")


def _tokens(runs: tuple[Run, ...]) -> list[tuple[str, str]]:
    return [(token, run.mark) for run in runs for token in _TOKEN.findall(run.text)]


def _merge(pieces: list[Run]) -> tuple[Run, ...]:
    merged: list[Run] = []
    for piece in pieces:
        if merged and merged[-1].mark == piece.mark and merged[-1].change == piece.change:
            merged[-1] = Run(merged[-1].text + piece.text, piece.mark, piece.change)
        else:
            merged.append(piece)
    return tuple(merged)


# Below this share of common words a paragraph reads better replaced whole than interleaved.
REWRITE_RATIO = 0.5


def diff_runs(old: tuple[Run, ...], new: tuple[Run, ...]) -> tuple[Run, ...]:
    """New's runs with old's removed words as deletions and new words as insertions."""
    a, b = _tokens(old), _tokens(new)
    matcher = SequenceMatcher(None, [t for t, _ in a], [t for t, _ in b], autojunk=False)
    words = SequenceMatcher(
        None, [t for t, _ in a if not t.isspace()], [t for t, _ in b if not t.isspace()], autojunk=False
    )
    if a and b and words.ratio() < REWRITE_RATIO:
        return _merge([*mark_all(old, "del"), *mark_all(new, "ins")])
    pieces: list[Run] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces += [Run(text, mark) for text, mark in b[j1:j2]]  # type: ignore[arg-type]
            continue
        pieces += [Run(text, mark, "del") for text, mark in a[i1:i2]]  # type: ignore[arg-type]
        pieces += [Run(text, mark, "ins") for text, mark in b[j1:j2]]  # type: ignore[arg-type]
    return _merge(pieces)


def mark_all(runs: tuple[Run, ...], change: Change) -> tuple[Run, ...]:
    return tuple(Run(r.text, r.mark, change) for r in runs)


def changed(runs: tuple[Run, ...]) -> bool:
    return any(r.change for r in runs)
