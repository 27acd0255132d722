"""What a screen reader needs from a slide's shapes: names, alternative texts, decorative marks, groups.

PowerPoint (and NVDA or JAWS reading it) speaks a graphic's ``descr`` in place of the graphic, and
skips a shape marked decorative (Office's ``adec:decorative`` extension, the same mark PowerPoint's
"Mark as decorative" writes). A graphic made of many shapes, such as the contract diagram, is one
group with one description, so the reader hears what it means before the pieces it is drawn with.
The texts themselves are composed (``compose.alt_text``); this module only places them.
"""

from __future__ import annotations

from generator.compose.tree import AltText
from generator.write.ooxml_parts import esc

DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_DECORATIVE = (
    f'<a:extLst><a:ext uri="{DECORATIVE_URI}">'
    f'<adec:decorative xmlns:adec="{DECORATIVE_NS}" val="1"/></a:ext></a:extLst>'
)


def cnvpr(shape_id: int, name: str, alt: AltText | None = None, decorative: bool = False) -> str:
    """A shape's ``p:cNvPr``: its id and name, and its alternative text or its decorative mark."""
    attrs = f'id="{shape_id}" name="{esc(name)}"'
    if alt is not None:
        attrs += f' descr="{esc(alt.description)}" title="{esc(alt.title)}"'
    return f"<p:cNvPr {attrs}>{_DECORATIVE}</p:cNvPr>" if decorative else f"<p:cNvPr {attrs}/>"


Box = tuple[int, int, int, int]  # x, y, width, height in EMU


def bounds(boxes: list[Box]) -> Box:
    """The smallest box around ``boxes``."""
    left = min(x for x, _, _, _ in boxes)
    top = min(y for _, y, _, _ in boxes)
    right = max(x + cx for x, _, cx, _ in boxes)
    bottom = max(y + cy for _, y, _, cy in boxes)
    return left, top, right - left, bottom - top


def group(shape_id: int, name: str, alt: AltText | None, shapes: list[str], box: Box) -> str:
    """A ``p:grpSp`` of ``shapes`` that leaves them where they are (child space = group space)."""
    x, y, cx, cy = box
    return (
        f"<p:grpSp><p:nvGrpSpPr>{cnvpr(shape_id, name, alt)}<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>"
        f'<p:grpSpPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/>'
        f'<a:chOff x="{x}" y="{y}"/><a:chExt cx="{cx}" cy="{cy}"/></a:xfrm></p:grpSpPr>'
        f"{''.join(shapes)}</p:grpSp>"
    )
