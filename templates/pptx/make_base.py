"""Regenerates templates/pptx/base.pptx: python-pptx's default master, made 16:9 and restyled.

The deck writer takes everything visual from the template: layouts by their type (title slide,
title and content, title only), the content area from the layout's body placeholder, colours from
the theme and every type size from the master's text styles. So the look of the bundled decks is
decided here, in the theme and the master, and a municipality's own template replaces all of it.
The scale suits a council hall projector: 28 pt titles, 20 pt body text, 14 pt at the smallest.
Run: python3 templates/pptx/make_base.py
"""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.util import Emu

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 in × 7.5 in
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
# The theme's colours: navy ink and accent, an amber second accent that marks the reader's own
# municipality in charts and tables, a pale blue-grey for boxes.
COLOURS = {"dk2": "1F2A44", "lt2": "DCE3ED", "accent1": "2F5D8A", "accent2": "C8702A"}
TITLE_SIZE = 2800
BODY_SIZES = (2000, 1800, 1600, 1400, 1400, 1400, 1400, 1400, 1400)
OTHER_SIZE = 1400


def _theme(prs) -> None:
    """Our colours in the theme's scheme (slides refer to them by role, never by value)."""
    master = prs.slide_masters[0]
    theme_part = next(rel.target_part for rel in master.part.rels.values() if rel.reltype.endswith("/theme"))
    from lxml import etree

    root = etree.fromstring(theme_part.blob)
    scheme = root.find(f".//{A}clrScheme")
    for role, value in COLOURS.items():
        slot = scheme.find(f"{A}{role}")
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{A}srgbClr", val=value)
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _footers(master) -> None:
    """Footer, date and slide number in the full text colour at the scale's smallest size: the
    default 75 % tint is too pale to read on white (WCAG 1.4.3 asks 4.5 : 1)."""
    for sp in master.element.iter(f"{P}sp"):
        ph = sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
        if ph is None or ph.get("type") not in ("dt", "ftr", "sldNum"):
            continue
        for rpr in sp.iter(f"{A}defRPr"):
            if rpr.get("sz"):
                rpr.set("sz", str(OTHER_SIZE))
            for tint in rpr.iter(f"{A}tint"):
                tint.getparent().remove(tint)


def _type_scale(master) -> None:
    """Title, body and other text sizes in the master: the deck writes no size of its own."""
    styles = master.element.find(f"{P}txStyles")
    for rpr in styles.find(f"{P}titleStyle").iter(f"{A}defRPr"):
        rpr.set("sz", str(TITLE_SIZE))
        rpr.set("b", "1")
    for ppr in styles.find(f"{P}titleStyle"):
        ppr.set("algn", "l")
    for level in range(1, 10):
        rpr = styles.find(f"{P}bodyStyle/{A}lvl{level}pPr/{A}defRPr")
        if rpr is not None:
            rpr.set("sz", str(BODY_SIZES[level - 1]))
        rpr = styles.find(f"{P}otherStyle/{A}lvl{level}pPr/{A}defRPr")
        if rpr is not None:
            rpr.set("sz", str(OTHER_SIZE))


def _rescale(shapes, fx: float) -> None:
    """Stretch horizontally the shapes that carry their own position (inherited ones follow the master)."""
    for shape in shapes:
        if shape._element.xpath("./p:spPr/a:xfrm"):
            shape.left = int(shape.left * fx)
            shape.width = int(shape.width * fx)


def main() -> None:
    prs = Presentation()
    fx = WIDTH / prs.slide_width
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    master = prs.slide_masters[0]
    _rescale(master.shapes, fx)
    for layout in master.slide_layouts:
        _rescale(layout.placeholders, fx)
    for shape in master.placeholders:
        if shape.placeholder_format.type is not None and shape.has_text_frame:
            for paragraph in shape.text_frame.paragraphs:
                paragraph.font.name = "Calibri"
    _type_scale(master)
    _footers(master)
    _theme(prs)
    # 13,333 × 7,5 in is PowerPoint's widescreen size, which carries no preset type (not screen4x3).
    prs.part._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}sldSz").attrib.pop("type", None)
    prs.notes_master  # noqa: B018 - created on first access, so the template has its notes master built in
    out = Path(__file__).with_name("base.pptx")
    prs.save(str(out))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
