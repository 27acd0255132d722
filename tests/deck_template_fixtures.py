"""Municipal deck templates, made at test time (no binary files in the repository).

A municipality that brings its own slide master (case.yaml ``deck_template``) expects the decks to
look like its other slides: its theme colours and fonts, its text sizes, its header band, its
layouts, whatever language PowerPoint named them in. These builders make such templates from
python-pptx's default template (4:3, 10 x 7.5 in) with lxml:

- ``municipal_16x9``: a widescreen master with its own colour scheme (dark green and amber, far
  from Office's blue), its own theme fonts (Caladea for headings, Liberation Sans for text: both
  installed by .ci/run, and Liberation Sans runs wider than Calibri, so tables that only just fit
  in Calibri do not), its own text sizes, a green header band behind a taller title area whose
  title style is light (``bg1``), a footer strip, and a body area that starts lower than the
  default one. Content placed at fixed offsets collides with the band or the title.
- ``office_4x3``: python-pptx's default template as it is.
- ``finnish_4x3`` / ``swedish_16x9``: layouts named as Finnish or Swedish PowerPoint names them;
  with ``typed=False`` the layouts also lose their ``type`` attribute (as templates rebuilt by hand
  or by other tools do), so only their placeholders say what they are; the untyped Swedish one
  also lists its vertical-text layouts before "Rubrik och innehåll".

``TEMPLATES`` lists the variants the deck template tests build; ``LAYOUT_TYPES`` gives, for every
layout name used here, the layout type PowerPoint would record, so a test can tell which kind of
layout a slide really uses even where the template no longer says.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_A = f"{{{NS['a']}}}"
_P = f"{{{NS['p']}}}"

# Slide sizes in EMU.
WIDE = (12192000, 6858000)  # 13.333 x 7.5 in, 16:9
STANDARD = (9144000, 6858000)  # 10 x 7.5 in, 4:3

# The layouts of python-pptx's default template, in its order: English name, layout type, and the
# names Finnish and Swedish PowerPoint give them.
LAYOUTS = (
    ("Title Slide", "title", "Otsikkodia", "Rubrikbild"),
    ("Title and Content", "obj", "Otsikko ja sisältö", "Rubrik och innehåll"),
    ("Section Header", "secHead", "Osan ylätunniste", "Avsnittsrubrik"),
    ("Two Content", "twoObj", "Kaksi sisältökohdetta", "Två innehåll"),
    ("Comparison", "twoTxTwoObj", "Vertailu", "Jämförelse"),
    ("Title Only", "titleOnly", "Vain otsikko", "Endast rubrik"),
    ("Blank", "blank", "Tyhjä", "Tom"),
    ("Content with Caption", "objTx", "Sisältö ja kuvateksti", "Innehåll med bildtext"),
    ("Picture with Caption", "picTx", "Kuva ja kuvateksti", "Bild med bildtext"),
    ("Title and Vertical Text", "vertTx", "Otsikko ja pystysuuntainen teksti", "Rubrik och lodrät text"),
    ("Vertical Title and Text", "vertTitleAndTx", "Pystysuuntainen otsikko ja teksti", "Lodrät rubrik och text"),
)
LAYOUT_TYPES = {name: kind for english, kind, fi, sv in LAYOUTS for name in (english, fi, sv)}
CONTENT_LAYOUT_NAMES = frozenset(
    name for english, kind, fi, sv in LAYOUTS if kind == "obj" for name in (english, fi, sv)
)

# The municipal master's look: the theme, and the sizes its text styles define (hundredths of a
# point). None of them is an Office default, and the title and first body sizes are ones a writer
# with hard-coded sizes is unlikely to hit by chance.
MUNICIPAL_COLOURS = {
    "dk1": "1A1A1A",
    "lt1": "FFFFFF",
    "dk2": "123D2A",  # dark green
    "lt2": "EAF2EC",
    "accent1": "1F6F4A",  # green: the header band
    "accent2": "E07B00",  # amber: the contrasting colour
    "accent3": "5B7F95",
    "accent4": "8C6D1F",
    "accent5": "3E8E7E",
    "accent6": "A23B72",
    "hlink": "1F6F4A",
    "folHlink": "6B4E9B",
}
MUNICIPAL_FONTS = ("Caladea", "Liberation Sans")  # major (headings), minor (text)
MUNICIPAL_TITLE_SIZE = 3000
MUNICIPAL_BODY_SIZES = (2000, 1700, 1500, 1300, 1300, 1300, 1300, 1300, 1300)
MUNICIPAL_OTHER_SIZE = 1300

# Geometry of the municipal master (EMU): a band taller than PowerPoint's title area, the title
# inside it, the body area below it, a footer strip at the bottom.
BAND_HEIGHT = 1737360  # 1.9 in
TITLE_BOX = (609600, 182880, 10972800, 1371600)
BODY_BOX = (609600, 1965960, 10972800, 4206240)  # 2.15 in from the top, ends 0.25 in above the strip
STRIP_HEIGHT = 457200


def _default_template() -> dict[str, bytes]:
    """python-pptx's default template, part by part (saved by python-pptx, as a user would start)."""
    from pptx import Presentation

    buffer = io.BytesIO()
    Presentation().save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {name: package.read(name) for name in package.namelist()}


def _write(parts: dict[str, bytes], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        # [Content_Types].xml first, as Office writes it.
        for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n)):
            package.writestr(name, parts[name])
    return path


def _edit(parts: dict[str, bytes], name: str, change: Callable[[etree._Element], None]) -> None:
    root = etree.fromstring(parts[name])
    change(root)
    parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _layout_parts(parts: dict[str, bytes]) -> list[str]:
    return sorted(
        (n for n in parts if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", n)),
        key=lambda n: int(re.findall(r"\d+", n)[-1]),
    )


def _set_box(xfrm: etree._Element, box: tuple[int, int, int, int]) -> None:
    off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
    off.set("x", str(box[0]))
    off.set("y", str(box[1]))
    ext.set("cx", str(box[2]))
    ext.set("cy", str(box[3]))


def _placeholder(root: etree._Element, ph_type: str) -> etree._Element:
    for sp in root.iterfind(".//p:sp", NS):
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is not None and ph.get("type") == ph_type:
            return sp
    raise LookupError(ph_type)


def _solid(colour: str) -> str:
    return f'<a:solidFill xmlns:a="{NS["a"]}"><a:schemeClr val="{colour}"/></a:solidFill>'


def _set_text_colour(def_rpr: etree._Element, colour: str) -> None:
    for old in def_rpr.findall("a:solidFill", NS):
        def_rpr.remove(old)
    def_rpr.insert(0, etree.fromstring(_solid(colour)))


def _rect(shape_id: int, name: str, box: tuple[int, int, int, int], colour: str) -> etree._Element:
    x, y, cx, cy = box
    return etree.fromstring(
        f'<p:sp xmlns:p="{NS["p"]}" xmlns:a="{NS["a"]}"><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        '<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>'
        f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:schemeClr val="{colour}"/></a:solidFill>'
        "<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
    )


def _widen(parts: dict[str, bytes]) -> None:
    """4:3 → 16:9: the slide size, and every x offset and width of the master and layouts."""
    factor = WIDE[0] / STANDARD[0]

    def presentation(root: etree._Element) -> None:
        size = root.find("p:sldSz", NS)
        size.set("cx", str(WIDE[0]))
        size.set("cy", str(WIDE[1]))
        size.attrib.pop("type", None)

    def stretch(root: etree._Element) -> None:
        for xfrm in root.iterfind(".//p:spPr/a:xfrm", NS):
            off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
            off.set("x", str(round(int(off.get("x")) * factor)))
            ext.set("cx", str(round(int(ext.get("cx")) * factor)))

    _edit(parts, "ppt/presentation.xml", presentation)
    for name in ["ppt/slideMasters/slideMaster1.xml", *_layout_parts(parts)]:
        _edit(parts, name, stretch)


def _municipal_theme(parts: dict[str, bytes]) -> None:
    def theme(root: etree._Element) -> None:
        root.set("name", "Mallilan kunta")
        scheme = root.find("a:themeElements/a:clrScheme", NS)
        scheme.set("name", "Mallila")
        for slot, value in MUNICIPAL_COLOURS.items():
            element = scheme.find(f"a:{slot}", NS)
            for child in list(element):
                element.remove(child)
            etree.SubElement(element, f"{_A}srgbClr", val=value)
        fonts = root.find("a:themeElements/a:fontScheme", NS)
        fonts.set("name", "Mallila")
        for which, typeface in zip(("majorFont", "minorFont"), MUNICIPAL_FONTS, strict=True):
            fonts.find(f"a:{which}/a:latin", NS).set("typeface", typeface)

    _edit(parts, "ppt/theme/theme1.xml", theme)


def _municipal_master(parts: dict[str, bytes]) -> None:
    width, height = WIDE

    def master(root: etree._Element) -> None:
        tree = root.find("p:cSld/p:spTree", NS)
        # Behind everything (first in the tree): the header band and the footer strip.
        group_props = tree.find("p:grpSpPr", NS)
        group_props.addnext(_rect(20, "Footer strip", (0, height - STRIP_HEIGHT, width, STRIP_HEIGHT), "tx2"))
        group_props.addnext(_rect(21, "Header band", (0, 0, width, BAND_HEIGHT), "accent1"))
        _set_box(_placeholder(root, "title").find("p:spPr/a:xfrm", NS), TITLE_BOX)
        _set_box(_placeholder(root, "body").find("p:spPr/a:xfrm", NS), BODY_BOX)
        # Date, footer and slide number sit in the strip, in light text.
        footer_y = height - STRIP_HEIGHT + 45720
        for ph_type, x, cx in (("dt", 609600, 2844800), ("ftr", 4038600, 4114800), ("sldNum", 8737600, 2844800)):
            sp = _placeholder(root, ph_type)
            _set_box(sp.find("p:spPr/a:xfrm", NS), (x, footer_y, cx, STRIP_HEIGHT - 91440))
            for def_rpr in sp.iterfind("p:txBody/a:lstStyle//a:defRPr", NS):
                _set_text_colour(def_rpr, "bg1")
        # Text styles: a light, left-aligned title in the band, and the municipality's own sizes.
        styles = root.find("p:txStyles", NS)
        title = styles.find("p:titleStyle/a:lvl1pPr", NS)
        title.set("algn", "l")
        title_rpr = title.find("a:defRPr", NS)
        title_rpr.set("sz", str(MUNICIPAL_TITLE_SIZE))
        title_rpr.set("b", "1")
        _set_text_colour(title_rpr, "bg1")
        for level, size in enumerate(MUNICIPAL_BODY_SIZES, start=1):
            styles.find(f"p:bodyStyle/a:lvl{level}pPr/a:defRPr", NS).set("sz", str(size))
        for def_rpr in styles.iterfind("p:otherStyle//a:defRPr", NS):
            if def_rpr.get("sz"):
                def_rpr.set("sz", str(MUNICIPAL_OTHER_SIZE))

    _edit(parts, "ppt/slideMasters/slideMaster1.xml", master)

    def title_slide(root: etree._Element) -> None:
        # The title slide is all green, without the band and strip: the light title stays legible.
        root.set("showMasterSp", "0")
        slide_data = root.find("p:cSld", NS)
        slide_data.insert(
            0,
            etree.fromstring(
                f'<p:bg xmlns:p="{NS["p"]}" xmlns:a="{NS["a"]}"><p:bgPr><a:solidFill><a:schemeClr val="accent1"/>'
                "</a:solidFill><a:effectLst/></p:bgPr></p:bg>"
            ),
        )
        for def_rpr in _placeholder(root, "subTitle").iterfind("p:txBody/a:lstStyle//a:defRPr", NS):
            _set_text_colour(def_rpr, "bg1")

    _edit(parts, _layout_parts(parts)[0], title_slide)


def _rename_layouts(parts: dict[str, bytes], language: str, typed: bool) -> None:
    column = {"fi": 2, "sv": 3}[language]
    for part, layout in zip(_layout_parts(parts), LAYOUTS, strict=True):

        def rename(root: etree._Element, layout: tuple[str, ...] = layout, part: str = part) -> None:
            assert root.find("p:cSld", NS).get("name") == layout[0], (part, layout)
            root.find("p:cSld", NS).set("name", layout[column])
            if not typed:
                root.attrib.pop("type", None)

        _edit(parts, part, rename)


def _vertical_first(parts: dict[str, bytes]) -> None:
    """Reorder the layouts (the master lists them by part number) so that the two vertical-text
    layouts come right after the title slide, before "title and content": templates order their
    layouts freely, and a layout recognised by "a title and a body" alone would be the wrong one."""
    names = _layout_parts(parts)
    contents = [parts[n] for n in names]
    order = [0, 10, 9, *range(1, 9)]  # title slide, vertical title and text, title and vertical text, the rest
    for name, index in zip(names, order, strict=True):
        parts[name] = contents[index]


def municipal_16x9(directory: Path, name: str = "kunnan-pohja.pptx") -> Path:
    """A 16:9 municipal master: own theme colours and fonts, header band, light title, footer strip."""
    parts = _default_template()
    _widen(parts)
    _municipal_theme(parts)
    _municipal_master(parts)
    return _write(parts, directory / name)


def office_4x3(directory: Path, name: str = "office-4x3.pptx") -> Path:
    """python-pptx's default template as it is: 4:3, Office theme, English layout names."""
    return _write(_default_template(), directory / name)


def finnish_4x3(directory: Path, name: str = "suomi-4x3.pptx", typed: bool = True) -> Path:
    """The 4:3 default template with its layouts named as Finnish PowerPoint names them."""
    parts = _default_template()
    _rename_layouts(parts, "fi", typed)
    return _write(parts, directory / name)


def swedish_16x9(
    directory: Path, name: str = "svenska-16x9.pptx", typed: bool = True, vertical_first: bool = False
) -> Path:
    """The municipal 16:9 master with its layouts named as Swedish PowerPoint names them (and, with
    ``vertical_first``, the vertical-text layouts listed before "Rubrik och innehåll")."""
    parts = _default_template()
    _widen(parts)
    _municipal_theme(parts)
    _municipal_master(parts)
    _rename_layouts(parts, "sv", typed)
    if vertical_first:
        _vertical_first(parts)
    return _write(parts, directory / name)


# name → (builder, whether its decks are also rendered to PDF to look for broken words). The three
# templates of issue 15 are rendered; the untyped variants share their geometry with a rendered one
# and are checked in the XML only.
TEMPLATES: dict[str, tuple[Callable[[Path], Path], bool]] = {
    "municipal-16x9": (municipal_16x9, True),
    "office-4x3": (office_4x3, True),
    "finnish-4x3": (finnish_4x3, True),
    "finnish-4x3-untyped": (lambda d: finnish_4x3(d, "suomi-4x3-ilman-tyyppeja.pptx", typed=False), False),
    "swedish-16x9-untyped": (
        lambda d: swedish_16x9(d, "svenska-16x9-utan-typer.pptx", typed=False, vertical_first=True),
        False,
    ),
}
