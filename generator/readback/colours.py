"""Colours as a reader sees them: theme colours resolved, and the contrast of text against its background.

WCAG 2.1 (1.4.3, which EN 301 549 adopts) asks for a contrast ratio of at least 4.5 : 1 between text
and its background, 3 : 1 for large text (18 pt, or 14 pt bold). A slide's colours are rarely
written out: a title is "tx1" in the master's text styles, which the master's colour map turns into
"dk1", which the theme defines. ``SlideColours`` follows that chain for one slide of a .pptx (slide
→ layout → master → theme), so a municipality's own template is judged by the colours it really
shows, including a table style's tinted bands and a background from the theme's fill styles.
"""

from __future__ import annotations

import colorsys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from generator.readback.package_reader import NS, Package

A = f"{{{NS['a']}}}"
_REL_LAYOUT = "slideLayout"
_PRESET = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000", "blue": "0000FF"}
_SCHEME = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6")
_MAPPED = ("bg1", "tx1", "bg2", "tx2")


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _srgb(linear: float) -> float:
    linear = min(1.0, max(0.0, linear))
    return linear * 12.92 if linear <= 0.0031308 else 1.055 * linear ** (1 / 2.4) - 0.055


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _hex(rgb: Iterable[float]) -> str:
    return "".join(f"{round(min(1.0, max(0.0, c)) * 255):02X}" for c in rgb)


@lru_cache(maxsize=1024)
def luminance(hex_colour: str) -> float:
    """Relative luminance (WCAG 2.1)."""
    r, g, b = (_linear(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def required_contrast(size_pt: float, bold: bool) -> float:
    """4.5 : 1, or 3 : 1 for large text (at least 18 pt, or 14 pt bold)."""
    return 3.0 if size_pt >= 18 or (bold and size_pt >= 14) else 4.5


def modified(hex_colour: str, element: etree._Element) -> str:
    """A DrawingML colour with its modifiers applied: tint and shade in linear RGB (as Office does),
    luminance modulation and offset in HSL; other modifiers do not change the contrast much."""
    r, g, b = _rgb(hex_colour)
    for mod in element:
        name = etree.QName(mod).localname
        value = int(mod.get("val", "100000")) / 100000
        if name == "tint":
            r, g, b = (_srgb(_linear(c) * value + (1 - value)) for c in (r, g, b))
        elif name == "shade":
            r, g, b = (_srgb(_linear(c) * value) for c in (r, g, b))
        elif name in ("lumMod", "lumOff"):
            h, lum, s = colorsys.rgb_to_hls(r, g, b)
            lum = lum * value if name == "lumMod" else lum + value
            r, g, b = colorsys.hls_to_rgb(h, min(1.0, max(0.0, lum)), s)
    return _hex((r, g, b))


@dataclass(frozen=True)
class TextStyle:
    """What a run of text looks like, where it is not written on the run itself."""

    colour: str | None
    size: float | None  # points
    bold: bool | None


def _merge(first: TextStyle, then: TextStyle) -> TextStyle:
    return TextStyle(
        first.colour if first.colour is not None else then.colour,
        first.size if first.size is not None else then.size,
        first.bold if first.bold is not None else then.bold,
    )


# PowerPoint's built-in table style the writer uses (Medium Style 2 – Accent 1), which a package
# references by id without defining: (fill colour with tint, text colour) per table part.
_BUILT_IN_TABLE_STYLES = {
    "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}": {
        "wholeTbl": (("accent1", 20000), "dk1"),
        "band1H": (("accent1", 40000), None),
        "firstRow": (("accent1", None), "lt1"),
        "lastRow": (("accent1", None), "lt1"),
    }
}


class SlideColours:
    """The colour world of one slide: its theme, colour map, background and inherited text styles."""

    def __init__(self, package: Package, slide_part: str) -> None:
        self.package = package
        self.slide = package.xml(slide_part)
        self.layout_part = self._related(slide_part, _REL_LAYOUT)
        self.layout = package.xml(self.layout_part) if self.layout_part else None
        self.master_part = self._related(self.layout_part, "slideMaster") if self.layout_part else None
        self.master = package.xml(self.master_part) if self.master_part else None
        self.theme_part = self._related(self.master_part, "theme") if self.master_part else None
        self.theme = package.xml(self.theme_part) if self.theme_part else None
        self.scheme = self._scheme()
        self.colour_map = self._colour_map()
        self._styles: dict[tuple[str | None, str | None, int], TextStyle] = {}

    def _related(self, part: str | None, kind: str) -> str | None:
        if part is None:
            return None
        folder, _, name = part.rpartition("/")
        rels = f"{folder}/_rels/{name}.rels"
        try:
            relations = self.package.xml(rels)
        except KeyError:
            return None
        for rel in relations.iterfind("rel:Relationship", NS):
            if rel.get("Type", "").endswith(f"/{kind}"):
                return self.package.targets(part).get(rel.get("Id", ""))
        return None

    def _scheme(self) -> dict[str, str]:
        scheme = {"dk1": "000000", "lt1": "FFFFFF", "dk2": "1F497D", "lt2": "EEECE1"}
        if self.theme is None:
            return scheme
        colours = self.theme.find(".//a:clrScheme", NS)
        for entry in colours if colours is not None else []:
            name = etree.QName(entry).localname
            choice = entry[0] if len(entry) else None
            if choice is None:
                continue
            value = choice.get("lastClr") if etree.QName(choice).localname == "sysClr" else choice.get("val")
            if value:
                scheme[name] = value.upper()
        return scheme

    def _colour_map(self) -> dict[str, str]:
        mapping = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
        master_map = self.master.find("p:clrMap", NS) if self.master is not None else None
        if master_map is not None:
            mapping.update(master_map.attrib)
        for part in (self.layout, self.slide):
            override = part.find("p:clrMapOvr/a:overrideClrMapping", NS) if part is not None else None
            if override is not None:
                mapping.update(override.attrib)
        return mapping

    # --- colours ---------------------------------------------------------------------------

    def scheme_colour(self, name: str) -> str | None:
        if name in _MAPPED:
            name = self.colour_map.get(name, name)
        return self.scheme.get(name)

    def colour(self, choice: etree._Element | None, placeholder: str | None = None) -> str | None:
        """The hex colour of a colour choice element (srgbClr, schemeClr, sysClr, prstClr)."""
        if choice is None:
            return None
        kind = etree.QName(choice).localname
        value = choice.get("val", "")
        base: str | None
        if kind in ("srgbClr", "scrgbClr"):
            base = value.upper() or None
        elif kind == "schemeClr":
            base = placeholder if value == "phClr" else self.scheme_colour(value)
        elif kind == "sysClr":
            base = (choice.get("lastClr") or "").upper() or None
        elif kind == "prstClr":
            base = _PRESET.get(value)
        else:
            base = None
        return modified(base, choice) if base else None

    def fill(self, parent: etree._Element | None, placeholder: str | None = None) -> list[str] | None:
        """The colours a fill shows: one for a solid fill, every stop of a gradient; [] for no fill
        (the background shows through); None when it cannot be judged (a picture) or is not given."""
        if parent is None:
            return None
        for child in parent:
            kind = etree.QName(child).localname
            if kind == "noFill":
                return []
            if kind == "solidFill":
                colour = self.colour(child[0] if len(child) else None, placeholder)
                return [colour] if colour else None
            if kind == "gradFill":
                stops = [self.colour(gs[0], placeholder) for gs in child.iterfind("a:gsLst/a:gs", NS) if len(gs)]
                return [c for c in stops if c] or None
            if kind in ("blipFill", "pattFill", "grpFill"):
                return None
        return None

    def background(self) -> list[str] | None:
        """The slide's background colours (slide, else layout, else master); None for a picture."""
        for part in (self.slide, self.layout, self.master):
            bg = part.find("p:cSld/p:bg", NS) if part is not None else None
            if bg is None:
                continue
            properties = bg.find("p:bgPr", NS)
            if properties is not None:
                return self.fill(properties)
            reference = bg.find("p:bgRef", NS)
            if reference is not None:
                colour = self.colour(reference[0] if len(reference) else None)
                style = self._theme_fill(int(reference.get("idx", "0")))
                return self.fill(style, colour) if style is not None else ([colour] if colour else None)
        return ["FFFFFF"]

    def _theme_fill(self, index: int) -> etree._Element | None:
        """The theme's fill style ``index`` refers to (1–999 fill styles, 1001– background fills),
        wrapped so ``fill`` can read it."""
        if self.theme is None or index == 0:
            return None
        listing = "a:bgFillStyleLst" if index >= 1001 else "a:fillStyleLst"
        styles = self.theme.findall(f".//a:fmtScheme/{listing}/*", NS)
        position = index - 1001 if index >= 1001 else index - 1
        if not 0 <= position < len(styles):
            return None
        holder = etree.Element(f"{A}holder")
        holder.append(_copy(styles[position]))
        return holder

    def shape_fill(self, shape: etree._Element) -> list[str] | None:
        """A shape's own fill: its spPr, else its style's fill reference; [] when it has none."""
        found = self.fill(shape.find("p:spPr", NS))
        if found is not None:
            return found
        reference = shape.find("p:style/a:fillRef", NS)
        if reference is not None and reference.get("idx", "0") != "0":
            colour = self.colour(reference[0] if len(reference) else None)
            style = self._theme_fill(int(reference.get("idx", "0")))
            return (self.fill(style, colour) if style is not None else None) or ([colour] if colour else None)
        return []

    def underlay(self, shape: etree._Element) -> list[str] | None:
        """The fill of the topmost master or layout shape under the middle of ``shape`` (a coloured
        header band behind the title, say), or None when nothing filled lies under it. Placeholders
        are not drawn on a slide, so only the template's own shapes count."""
        rect = self._rect(shape)
        if rect is None:
            return None
        x, y = rect[0] + rect[2] // 2, rect[1] + rect[3] // 2
        parts = []
        if self.slide.get("showMasterSp") != "0":
            if self.layout is None or self.layout.get("showMasterSp") != "0":
                parts.append(self.master)
            parts.append(self.layout)
        found = None
        for part in parts:
            if part is None:
                continue
            for under in part.iterfind("p:cSld/p:spTree/p:sp", NS):
                if under.find("p:nvSpPr/p:nvPr/p:ph", NS) is not None:
                    continue
                box = _xfrm(under)
                if box is not None and box[0] <= x <= box[0] + box[2] and box[1] <= y <= box[1] + box[3]:
                    fill = self.shape_fill(under)
                    if fill:
                        found = fill
        return found

    def _rect(self, shape: etree._Element) -> tuple[int, int, int, int] | None:
        """Where a shape stands: its own xfrm, else its layout's or master's placeholder's."""
        own = _xfrm(shape)
        if own is not None:
            return own
        ph = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is None:
            return None
        for part in (self.layout, self.master):
            other = self._placeholder(part, ph.get("type"), ph.get("idx"))
            box = _xfrm(other) if other is not None else None
            if box is not None:
                return box
        return None

    # --- text styles -----------------------------------------------------------------------

    def _level_style(self, holder: etree._Element | None, level: int) -> TextStyle:
        """The defRPr of list level ``level`` in a lstStyle or a master text style."""
        if holder is None:
            return TextStyle(None, None, None)
        props = holder.find(f"a:lvl{level + 1}pPr/a:defRPr", NS)
        return run_style(self, props)

    def _placeholder(self, part: etree._Element | None, ph_type: str | None, idx: str | None) -> etree._Element | None:
        return None if part is None else _placeholder_in(part, ph_type, idx)

    def inherited(self, shape: etree._Element, level: int) -> TextStyle:
        """A shape's text style at ``level`` from its own list style, its layout and master
        placeholders, the master's text styles and its style reference."""
        style = self._level_style(shape.find("p:txBody/a:lstStyle", NS), level)
        ph = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is not None:
            return _merge(style, self._placeholder_style(ph.get("type"), ph.get("idx"), level))
        font = shape.find("p:style/a:fontRef", NS)
        if font is not None and len(font):
            style = _merge(style, TextStyle(self.colour(font[0]), None, None))
        return _merge(style, self._master_style("p:otherStyle", level))

    def _placeholder_style(self, ph_type: str | None, idx: str | None, level: int) -> TextStyle:
        """What a placeholder inherits from its layout's and master's placeholders (once per slide)."""
        key = (ph_type, idx, level)
        if key not in self._styles:
            style = TextStyle(None, None, None)
            for part in (self.layout, self.master):
                found = self._placeholder(part, ph_type, idx)
                if found is not None:
                    style = _merge(style, self._level_style(found.find("p:txBody/a:lstStyle", NS), level))
            kind = "p:titleStyle" if ph_type in ("title", "ctrTitle") else "p:bodyStyle"
            self._styles[key] = _merge(style, self._master_style(kind, level))
        return self._styles[key]

    def _master_style(self, kind: str, level: int) -> TextStyle:
        master_styles = self.master.find(f"p:txStyles/{kind}", NS) if self.master is not None else None
        style = self._level_style(master_styles, level)
        return _merge(style, TextStyle(self.scheme_colour("tx1"), 18.0, False))

    def table_part(self, style_id: str, part: str) -> tuple[list[str] | None, str | None]:
        """(fill colours, text colour) of a part of a table style (firstRow, band1H, wholeTbl …)."""
        styles = None
        try:
            styles = self.package.xml("ppt/tableStyles.xml")
        except KeyError:
            pass
        defined = styles.find(f"a:tblStyle[@styleId='{style_id}']", NS) if styles is not None and style_id else None
        if defined is not None:
            element = defined.find(f"a:{part}", NS)
            if element is None:
                return None, None
            fill = self.fill(element.find("a:tcStyle/a:fill", NS))
            text = element.find("a:tcTxStyle", NS)
            colour = None
            if text is not None:
                choices = [c for c in text if etree.QName(c).localname.endswith("Clr")]
                colour = self.colour(choices[0]) if choices else None
            return fill, colour
        built_in = _BUILT_IN_TABLE_STYLES.get(style_id, {}).get(part)
        if built_in is None:
            return None, None
        (fill_name, tint), text_name = built_in
        base = self.scheme.get(fill_name)
        if base and tint:
            holder = etree.Element(f"{A}x")
            etree.SubElement(holder, f"{A}tint").set("val", str(tint))
            base = modified(base, holder)
        return ([base] if base else None), (self.scheme.get(text_name) if text_name else None)


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


def run_style(colours: SlideColours, props: etree._Element | None) -> TextStyle:
    """Colour, size and weight a run's (or a level's) properties state themselves."""
    if props is None:
        return TextStyle(None, None, None)
    fill = props.find("a:solidFill", NS)
    colour = colours.colour(fill[0] if fill is not None and len(fill) else None)
    size = int(props.get("sz")) / 100 if props.get("sz") else None
    bold = props.get("b") in ("1", "true") if props.get("b") is not None else None
    return TextStyle(colour, size, bold)


def _xfrm(shape: etree._Element) -> tuple[int, int, int, int] | None:
    """A shape's offset and extent in EMU, if it gives them."""
    off = shape.find("p:spPr/a:xfrm/a:off", NS)
    ext = shape.find("p:spPr/a:xfrm/a:ext", NS)
    if off is None or ext is None:
        return None
    try:
        return int(off.get("x", "0")), int(off.get("y", "0")), int(ext.get("cx", "0")), int(ext.get("cy", "0"))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _placeholder_in(part: etree._Element, ph_type: str | None, idx: str | None) -> etree._Element | None:
    """The layout's or master's placeholder a slide's placeholder inherits from: by idx, else by type.
    Cached by the part's element, which the package parses once for every slide that uses it."""
    roles = {"ctrTitle": "title", "subTitle": "body", None: "body", "obj": "body"}
    candidates = list(part.iterfind("p:cSld/p:spTree//p:sp", NS))
    wanted = roles.get(ph_type, ph_type)
    for shape in candidates:
        ph = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is not None and idx is not None and ph.get("idx") == idx:
            return shape
    for shape in candidates:
        ph = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is None:
            continue
        if roles.get(ph.get("type"), ph.get("type")) == wanted:
            return shape
    return None
