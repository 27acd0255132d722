"""Where a template puts things and which type sizes it defines: read from its master and layouts.

A municipality's template decides the look: its title band may be tall, its logo may take a strip
at the bottom, its body text may be 20 pt or 28 pt. The deck writer therefore never places a chart,
table or diagram at fixed offsets and never invents a type size: it takes the content area from
the "title and content" layout's body placeholder (or the master's, which the layout inherits), and
every size it writes is one of the sizes the master's text styles define (title, body levels and
other text), so the deck keeps one body size and the template's typographic scale.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

_NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}

Rect = tuple[int, int, int, int]  # x, y, width, height in EMU


@dataclass(frozen=True)
class PlaceholderBox:
    type: str | None  # None is an "obj" placeholder (a layout's content area)
    idx: str | None
    rect: Rect | None  # None: inherited and not found on the master either


@dataclass(frozen=True)
class MasterStyle:
    """The master's type scale and placeholder boxes."""

    title_size: int  # hundredths of a point
    body_sizes: tuple[int, ...]  # body text levels 1..n
    other_sizes: tuple[int, ...]
    boxes: tuple[PlaceholderBox, ...]

    @property
    def body_size(self) -> int:
        return self.body_sizes[0] if self.body_sizes else 1800

    @property
    def sizes(self) -> tuple[int, ...]:
        """Every size the master defines, largest first."""
        return tuple(sorted({self.title_size, *self.body_sizes, *self.other_sizes}, reverse=True))

    def at_most(self, limit: float) -> tuple[int, ...]:
        """The master's sizes not above ``limit`` (hundredths of a point), largest first; the smallest
        size if none is that small."""
        found = tuple(s for s in self.sizes if s <= limit)
        return found or self.sizes[-1:]


def _rect(sp: etree._Element) -> Rect | None:
    off = sp.find("p:spPr/a:xfrm/a:off", _NS)
    ext = sp.find("p:spPr/a:xfrm/a:ext", _NS)
    if off is None or ext is None:
        return None
    return int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0))


def placeholder_boxes(xml: bytes) -> tuple[PlaceholderBox, ...]:
    """Every placeholder of a master or layout with its own box, if it sets one."""
    root = etree.fromstring(xml)
    out = []
    for sp in root.iterfind(".//p:sp", _NS):
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", _NS)
        if ph is not None:
            out.append(PlaceholderBox(ph.get("type"), ph.get("idx"), _rect(sp)))
    return tuple(out)


def _sizes(style: etree._Element | None) -> tuple[int, ...]:
    if style is None:
        return ()
    out = []
    for level in range(1, 10):
        rpr = style.find(f"a:lvl{level}pPr/a:defRPr", _NS)
        if rpr is not None and rpr.get("sz"):
            out.append(int(rpr.get("sz")))
    return tuple(out)


def master_style(xml: bytes) -> MasterStyle:
    root = etree.fromstring(xml)
    styles = root.find("p:txStyles", _NS)
    title = _sizes(styles.find("p:titleStyle", _NS)) if styles is not None else ()
    body = _sizes(styles.find("p:bodyStyle", _NS)) if styles is not None else ()
    other = _sizes(styles.find("p:otherStyle", _NS)) if styles is not None else ()
    # PowerPoint's defaults for a master that states no sizes: 44 pt titles, 32/28/24/20 pt body.
    return MasterStyle(
        title[0] if title else 4400, body or (3200, 2800, 2400, 2000), other or (1800,), placeholder_boxes(xml)
    )


_FAMILY = {"ctrTitle": "title", "title": "title", "subTitle": "body", "body": "body", "obj": "body", None: "body"}


def resolve(box: PlaceholderBox, master: MasterStyle) -> Rect | None:
    """A layout placeholder's box: its own, or the master's placeholder of the same kind."""
    if box.rect is not None:
        return box.rect
    if box.type in ("dt", "ftr", "sldNum"):
        wanted = box.type
        found = next((b for b in master.boxes if b.type == wanted and b.rect is not None), None)
    else:
        family = _FAMILY.get(box.type, "body")
        found = next((b for b in master.boxes if _FAMILY.get(b.type, "other") == family and b.rect is not None), None)
    return found.rect if found is not None else None
