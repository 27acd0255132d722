"""Regenerates templates/pptx/base.pptx: python-pptx's default master, made 16:9 and restyled.

The deck writer only uses layouts by name (Title Slide, Title and Content, Title Only, Blank), so a
municipality can replace base.pptx with its own template that has layouts of those names.
Run: python3 templates/pptx/make_base.py
"""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 in × 7.5 in
INK = RGBColor(0x1F, 0x2A, 0x44)


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
    title_style = master.element.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}titleStyle")
    if title_style is not None:
        for rpr in title_style.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}defRPr"):
            rpr.set("b", "1")
            rpr.set("sz", "3200")
    # 13,333 × 7,5 in is PowerPoint's widescreen size, which carries no preset type (not screen4x3).
    prs.part._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}sldSz").attrib.pop("type", None)
    prs.notes_master  # noqa: B018 - created on first access, so the template has its notes master built in
    out = Path(__file__).with_name("base.pptx")
    prs.save(str(out))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
