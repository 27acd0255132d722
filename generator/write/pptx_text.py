"""How much room text needs on a slide: widths, wrapped lines and heights, estimated without a font.

The deck writer must choose a type size from the template's scale, table column widths and where a
slide continues, before any renderer has seen the text. It estimates with the per-character widths
of Arial (Liberation Sans), the widest of the faces templates commonly use (Calibri and Carlito are
narrower), with a small margin, so an estimate errs towards more room: a column wide enough for its
longest word here is wide enough in PowerPoint and LibreOffice, and no word or number is broken.
"""

from __future__ import annotations

import re

PT = 12700  # EMU per point
INSET_X = 91440  # a text box's or table cell's default left and right inset
INSET_Y = 45720  # ... and top and bottom inset
LINE = 1.2  # line height as a multiple of the type size

# Advance widths (thousandths of an em) of Arial / Liberation Sans, the widest of the faces
# templates commonly use (Calibri and Carlito are narrower), regular and bold.
_REGULAR = {
    **dict.fromkeys("ijl", 222),
    **dict.fromkeys("ft/.,:;!' ·", 278),
    **dict.fromkeys("r-()", 333),
    **dict.fromkeys("ckszvxy", 500),
    **dict.fromkeys("abdeghnopquäöå0123456789€§–?", 556),
    "m": 833,
    "w": 722,
    "*": 389,
    "%": 889,
    "&": 667,
    "+": 584,
    "=": 584,
    "”": 333,
    '"': 355,
    "—": 1000,
    "I": 278,
    "J": 500,
    "L": 556,
    "F": 611,
    "T": 611,
    "Z": 611,
    **dict.fromkeys("ABEKPSVXYÄÅ", 667),
    **dict.fromkeys("CDHNRU", 722),
    **dict.fromkeys("GOQÖ", 778),
    "M": 833,
    "W": 944,
}
_BOLD = {
    **dict.fromkeys("ijl", 278),
    **dict.fromkeys("t/.,:;!' ·f-()", 333),
    "r": 389,
    "z": 500,
    **dict.fromkeys("acekszvxyä€§–0123456789?", 556),
    **dict.fromkeys("bdghnopquöå", 611),
    "m": 889,
    "w": 778,
    "*": 389,
    "%": 889,
    "&": 722,
    "+": 584,
    "=": 584,
    "\u201d": 500,
    '"': 474,
    "—": 1000,
    "I": 278,
    "J": 556,
    "F": 611,
    "L": 611,
    "T": 611,
    "Z": 611,
    **dict.fromkeys("EPSVXY", 667),
    **dict.fromkeys("ABCDHKNRUÄÅ", 722),
    **dict.fromkeys("GOQÖ", 778),
    "M": 833,
    "W": 944,
}
SAFETY = 1.06  # a margin for faces a little wider than Arial, and for kerning rounding
_SPACES = re.compile(r"[ \t\n]+")


def char_em(c: str, bold: bool = False) -> float:
    if c in " \u00a0\u202f":
        return 0.278
    if c == "\u2060":
        return 0.0
    table = _BOLD if bold else _REGULAR
    if c in table:
        return table[c] / 1000
    return 0.722 if c.isupper() else 0.611


def width(text: str, size: int, bold: bool = False) -> int:
    """EMU a single line of ``text`` needs at ``size`` (hundredths of a point)."""
    em = size / 100 * PT
    return int(sum(char_em(c, bold) for c in text) * em * SAFETY)


def tokens(text: str) -> list[str]:
    """What a renderer will not break: words and figures (no-break spaces keep '34 392 €' together)."""
    return [t for t in _SPACES.split(text) if t]


def longest_token(text: str, size: int, bold: bool = False) -> int:
    return max((width(t, size, bold) for t in tokens(text)), default=0)


def lines(text: str, size: int, available: int, bold: bool = False) -> int:
    """Lines ``text`` wraps into at ``size`` in ``available`` EMU, breaking only at spaces."""
    count = 0
    for paragraph in text.split("\n"):
        words = tokens(paragraph)
        if not words:
            count += 1
            continue
        space = width(" ", size, bold)
        line, count = 0, count + 1
        for word in words:
            w = width(word, size, bold)
            if line and line + space + w > available:
                count += 1
                line = w
            else:
                line += (space if line else 0) + w
    return count


def height(n_lines: int, size: int) -> int:
    return int(n_lines * size / 100 * PT * LINE)
