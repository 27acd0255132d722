"""A municipality's own slide master holds: decks built on it take everything from it (issue 15).

The Kaustinen case is built with each template of ``deck_template_fixtures`` (a 16:9 municipal
master with its own theme colours, fonts and sizes and a header band; python-pptx's 4:3 default;
the 4:3 one with Finnish layout names; and variants whose renamed layouts lost their layout type),
and every generated deck is read back as XML (slides and charts; notes are left alone):

- colours: only theme colours (``a:schemeClr``), no RGB, HSL, system or preset colour;
- fonts: only the theme's fonts (``+mj-lt``, ``+mn-lt``, …), no typeface named anywhere;
- sizes: every text size is one the master's text styles define, and title and body placeholders
  set none at all (they inherit the master's, so a deck has one body size);
- geometry: every shape lies inside the slide, and everything that is not a placeholder (charts,
  tables, diagram, timeline, captions) inside the body area of the template's "title and content"
  layout, with group transforms resolved;
- layouts: every placeholder on a slide has its counterpart in the slide's layout, and no slide
  sits on a vertical-text or picture layout (what a layout found by a wrong guess would give);
- words: the decks are rendered with LibreOffice (one call per template) and every token of every
  table cell, diagram box and timeline label appears whole on its slide's page, at its place (a
  cell that renders "Asukasl" and "uku" fails), and rendered tables and labels end inside the body
  area.

Each check is a small function returning one line per violation (file, slide, what, where), so a
failing test is a to-do list; ``python tests/test_deck_templates.py DECK.pptx …`` prints the XML
checks' full list for any deck. Every check also has a negative self-test on a tiny hand-made deck
(or on made-up PDF words), so none of them can pass by not looking.
"""

from __future__ import annotations

import posixpath
import re
import subprocess
import sys
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import EXAMPLE, convert_to_pdf, copy_case
from deck_template_fixtures import (
    BAND_HEIGHT,
    BODY_BOX,
    CONTENT_LAYOUT_NAMES,
    LAYOUT_TYPES,
    MUNICIPAL_COLOURS,
    MUNICIPAL_FONTS,
    TEMPLATES,
    finnish_4x3,
    municipal_16x9,
    office_4x3,
    swedish_16x9,
)
from lxml import etree

from generator.cli import cli

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "x": "http://www.w3.org/1999/xhtml",
}
_A, _P = (f"{{{NS[k]}}}" for k in ("a", "p"))
_R_ID = f"{{{NS['r']}}}id"
_REL_LAYOUT = "/slideLayout"
_REL_MASTER = "/slideMaster"
_REL_CHART = "/chart"

EMU_PER_CM = 360000
BODY_TOLERANCE = 50800  # 4 pt: rounding, never a collision with the title or the footer
FORBIDDEN_COLOURS = ("srgbClr", "scrgbClr", "hslClr", "sysClr", "prstClr")
SIZED = ("rPr", "defRPr", "endParaRPr")
# Placeholders whose text the master styles: titles take the title style, the rest the body style.
STYLED_PLACEHOLDERS = (None, "title", "ctrTitle", "subTitle", "body", "obj")
SHAPES = ("sp", "cxnSp", "graphicFrame", "grpSp", "pic")


def cm(emu: float) -> str:
    return f"{emu / EMU_PER_CM:.2f}".replace(".", ",")


def box_text(box: tuple[float, float, float, float]) -> str:
    x, y, cx, cy = box
    return f"x {cm(x)}–{cm(x + cx)} cm, y {cm(y)}–{cm(y + cy)} cm"


# --- reading a deck --------------------------------------------------------------------------------


def _resolve(source: str, target: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


@dataclass
class Slide:
    number: int
    part: str
    root: etree._Element
    layout: str  # the layout part
    charts: dict[str, str]  # relationship id → chart part


@dataclass
class Deck:
    """A .pptx read for checking: its slides in presentation order, their layouts and charts."""

    name: str
    parts: dict[str, bytes]
    width: int = 0
    height: int = 0
    slides: list[Slide] = field(default_factory=list)
    _xml: dict[str, etree._Element] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> Deck:
        with zipfile.ZipFile(path) as package:
            deck = cls(path.name, {n: package.read(n) for n in package.namelist()})
        deck._index()
        return deck

    def xml(self, part: str) -> etree._Element:
        if part not in self._xml:
            self._xml[part] = etree.fromstring(self.parts[part])
        return self._xml[part]

    def rels(self, part: str) -> list[tuple[str, str, str]]:
        """(id, type, resolved target) of a part's relationships."""
        rels_part = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
        if rels_part not in self.parts:
            return []
        return [
            (r.get("Id"), r.get("Type"), _resolve(part, r.get("Target")))
            for r in self.xml(rels_part).iterfind("rel:Relationship", NS)
        ]

    def related(self, part: str, rel_type: str) -> list[str]:
        return [target for _, kind, target in self.rels(part) if kind.endswith(rel_type)]

    def _index(self) -> None:
        presentation = self.xml("ppt/presentation.xml")
        size = presentation.find("p:sldSz", NS)
        self.width, self.height = int(size.get("cx")), int(size.get("cy"))
        targets = {rid: target for rid, _, target in self.rels("ppt/presentation.xml")}
        for number, slide_id in enumerate(presentation.iterfind("p:sldIdLst/p:sldId", NS), start=1):
            part = targets[slide_id.get(_R_ID)]
            rels = self.rels(part)
            layout = next(t for _, kind, t in rels if kind.endswith(_REL_LAYOUT))
            charts = {rid: t for rid, kind, t in rels if kind.endswith(_REL_CHART)}
            self.slides.append(Slide(number, part, self.xml(part), layout, charts))

    # --- the template inside the deck ----------------------------------------------------------

    @property
    def master(self) -> str:
        return self.related(self.slides[0].layout if self.slides else self.layouts()[0], _REL_MASTER)[0]

    def layouts(self) -> list[str]:
        return sorted(
            (n for n in self.parts if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", n)),
            key=lambda n: int(re.findall(r"\d+", n)[-1]),
        )

    def layout_name(self, part: str) -> str:
        return self.xml(part).find("p:cSld", NS).get("name", "")

    def master_sizes(self) -> set[int]:
        """Every text size the master's text styles define (title, body, other; any level)."""
        styles = self.xml(self.master).find("p:txStyles", NS)
        return {int(e.get("sz")) for e in styles.iter(f"{_A}defRPr") if e.get("sz")}

    def master_body_sizes(self) -> set[int]:
        """The first level of the master's body text: the size body placeholders inherit."""
        level = self.xml(self.master).find("p:txStyles/p:bodyStyle/a:lvl1pPr/a:defRPr", NS)
        return {int(level.get("sz"))} if level is not None and level.get("sz") else set()

    def charts(self) -> Iterator[tuple[Slide, str, str]]:
        """(slide, chart part, name of the frame showing it)."""
        for slide in self.slides:
            for frame in slide.root.iter(f"{_P}graphicFrame"):
                chart = frame.find(".//c:chart", NS)
                if chart is not None and chart.get(_R_ID) in slide.charts:
                    yield slide, slide.charts[chart.get(_R_ID)], _name(frame)

    def visual_parts(self) -> Iterator[tuple[str, etree._Element]]:
        """(where, root) of every slide and chart part."""
        for slide in self.slides:
            yield f"{self.name}, slide {slide.number}", slide.root
        for slide, chart, frame in self.charts():
            yield f"{self.name}, slide {slide.number}, chart '{frame}' ({chart})", self.xml(chart)


def _name(shape: etree._Element) -> str:
    props = shape.find("./*/p:cNvPr", NS)
    return props.get("name", "") if props is not None else ""


def _placeholder(shape: etree._Element) -> etree._Element | None:
    return shape.find("./*/p:nvPr/p:ph", NS)


def _where(element: etree._Element) -> str:
    """Where an element sits: its shape (by name), table cell or run text, and its path in the shape."""
    path: list[str] = []
    node: etree._Element | None = element
    shape = None
    cell = run = None
    while node is not None:
        tag = etree.QName(node).localname
        if tag == "tc" and cell is None:
            row = node.getparent()
            cell = (list(row.getparent().iterfind("a:tr", NS)).index(row) + 1, list(row).index(node) + 1)
        if tag == "r" and run is None:
            run = "".join(node.itertext())
        if tag in SHAPES and etree.QName(node).namespace == NS["p"]:
            shape = node
            break
        if tag in ("sld", "chartSpace"):
            break
        path.append(tag)
        node = node.getparent()
    parts = []
    if shape is not None:
        kind = etree.QName(shape).localname
        ph = _placeholder(shape)
        if ph is not None:
            kind = f"placeholder {ph.get('type') or 'obj'}"
        parts.append(f"shape '{_name(shape)}' ({kind})")
    if cell is not None:
        parts.append(f"table row {cell[0]}, column {cell[1]}")
    if run is not None:
        parts.append(f"run '{run[:40]}'")
    parts.append("/".join(reversed(path)))
    return ", ".join(parts)


# --- colours, fonts, sizes -------------------------------------------------------------------------


def colour_violations(deck: Deck) -> list[str]:
    """Every colour in slides and charts that is not a theme colour (a:schemeClr)."""
    found = []
    for where, root in deck.visual_parts():
        for tag in FORBIDDEN_COLOURS:
            for element in root.iter(f"{_A}{tag}"):
                value = element.get("val") or element.get("lastClr") or ""
                found.append(f"{where}: a:{tag} {value} — {_where(element)}")
    return found


def font_violations(deck: Deck) -> list[str]:
    """Every typeface in slides and charts that is not a theme font reference (+mj-lt, +mn-ea, …)."""
    found = []
    for where, root in deck.visual_parts():
        for element in root.iter():
            typeface = element.get("typeface") if isinstance(element.tag, str) else None
            if typeface is not None and not re.fullmatch(r"\+m[jn]-(lt|ea|cs)", typeface):
                tag = etree.QName(element).localname
                found.append(f"{where}: a:{tag} typeface '{typeface}' — {_where(element)}")
    return found


def size_violations(deck: Deck) -> list[str]:
    """Text sizes: only the master's, none at all in title and body placeholders, no shrinking."""
    allowed = deck.master_sizes()
    shown = ", ".join(f"{s / 100:g}" for s in sorted(allowed))
    found = []
    styled = {e for s in deck.slides for e in _styled_placeholder_text(s.root)}
    for where, root in deck.visual_parts():
        for tag in SIZED:
            for element in root.iter(f"{_A}{tag}"):
                size = element.get("sz")
                # (A size in a title or body placeholder is reported below, once.)
                if size is not None and int(size) not in allowed and element not in styled:
                    found.append(
                        f"{where}: size {int(size) / 100:g} pt is not one of the master's ({shown}) — {_where(element)}"
                    )
        for body_pr in root.iter(f"{_A}normAutofit"):
            if body_pr.get("fontScale"):
                found.append(f"{where}: text shrunk to {body_pr.get('fontScale')} (fontScale) — {_where(body_pr)}")
    # Titles inherit the master's size. Body text has one size in the whole deck: the master's (no
    # size written), or — when the master's body size cannot hold the decision on one slide, as a
    # 4:3 master with 32 pt text cannot — one smaller step of the master's own scale, on every run.
    body_sizes: set[str | None] = set()
    for slide in deck.slides:
        for element in _styled_placeholder_text(slide.root):
            ph = next(element.iterancestors(f"{_P}sp")).find("./*/p:nvPr/p:ph", NS)
            if ph.get("type") in ("title", "ctrTitle"):
                if element.get("sz") is not None:
                    found.append(
                        f"{deck.name}, slide {slide.number}: title placeholder sets size "
                        f"{int(element.get('sz')) / 100:g} pt (it must inherit the master's) — {_where(element)}"
                    )
            elif etree.QName(element).localname == "rPr":
                body_sizes.add(element.get("sz"))
    if len(body_sizes) > 1:
        found.append(f"{deck.name}: body text in {len(body_sizes)} sizes ({sorted(map(str, body_sizes))}), not one")
    for size in body_sizes - {None}:
        if int(size) not in allowed or int(size) >= min(deck.master_body_sizes(), default=10**6):
            found.append(f"{deck.name}: body text at {int(size) / 100:g} pt is no smaller step of the master's scale")
    return found


def _styled_placeholder_text(slide: etree._Element) -> list[etree._Element]:
    """The run properties inside title and body placeholders, whose sizes come from the master."""
    out = []
    for shape in slide.iter(f"{_P}sp"):
        ph = _placeholder(shape)
        if ph is not None and ph.get("type") in STYLED_PLACEHOLDERS:
            out += [e for tag in SIZED for e in shape.iterfind(f"p:txBody//a:{tag}", NS)]
    return out


# --- geometry --------------------------------------------------------------------------------------


Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Placed:
    shape: etree._Element
    box: Box  # on the slide, group transforms applied
    depth: int  # 0 for a shape directly on the slide
    inside_group: str  # the name of the outermost group it belongs to, "" if none

    @property
    def label(self) -> str:
        kind = etree.QName(self.shape).localname
        ph = _placeholder(self.shape)
        if ph is not None:
            kind = f"placeholder {ph.get('type') or 'obj'}"
        within = f" in group '{self.inside_group}'" if self.inside_group else ""
        return f"'{_name(self.shape)}' ({kind}){within}"


def _xfrm(shape: etree._Element) -> etree._Element | None:
    tag = etree.QName(shape).localname
    if tag == "graphicFrame":
        return shape.find("p:xfrm", NS)
    if tag == "grpSp":
        return shape.find("p:grpSpPr/a:xfrm", NS)
    return shape.find("p:spPr/a:xfrm", NS)


def placed_shapes(tree: etree._Element) -> list[Placed]:
    """Every shape with an explicit position, where it lands on the slide (groups resolved: a child
    at (x, y) in the group's child space lands at off + (x − chOff) · ext / chExt)."""
    out: list[Placed] = []

    def walk(
        parent: etree._Element, scale: tuple[float, float], offset: tuple[float, float], depth: int, group: str
    ) -> None:
        for shape in parent:
            if not isinstance(shape.tag, str) or etree.QName(shape).localname not in SHAPES:
                continue
            xfrm = _xfrm(shape)
            box = None
            if xfrm is not None and xfrm.find("a:off", NS) is not None:
                off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
                x, y = int(off.get("x")), int(off.get("y"))
                cx, cy = int(ext.get("cx")), int(ext.get("cy"))
                box = (offset[0] + scale[0] * x, offset[1] + scale[1] * y, scale[0] * cx, scale[1] * cy)
                out.append(Placed(shape, box, depth, group))
            if etree.QName(shape).localname == "grpSp":
                inner_scale, inner_offset = scale, offset
                if xfrm is not None and xfrm.find("a:chOff", NS) is not None:
                    ch_off, ch_ext = xfrm.find("a:chOff", NS), xfrm.find("a:chExt", NS)
                    kx = cx / int(ch_ext.get("cx")) if int(ch_ext.get("cx")) else 1.0
                    ky = cy / int(ch_ext.get("cy")) if int(ch_ext.get("cy")) else 1.0
                    inner_scale = (scale[0] * kx, scale[1] * ky)
                    inner_offset = (
                        offset[0] + scale[0] * (x - int(ch_off.get("x")) * kx),
                        offset[1] + scale[1] * (y - int(ch_off.get("y")) * ky),
                    )
                walk(shape, inner_scale, inner_offset, depth + 1, group or _name(shape))

    walk(tree.find("p:cSld/p:spTree", NS), (1.0, 1.0), (0.0, 0.0), 0, "")
    return out


def _outside(box: Box, area: Box, tolerance: float = 0) -> bool:
    x, y, cx, cy = box
    ax, ay, acx, acy = area
    return x < ax - tolerance or y < ay - tolerance or x + cx > ax + acx + tolerance or y + cy > ay + acy + tolerance


def _report_outside(placed: list[Placed], area: Box, tolerance: float) -> list[Placed]:
    """The shapes outside ``area``; a group's members only when the group itself is inside (one
    line for a misplaced diagram, not one per box and arrow)."""
    misplaced_groups: set[etree._Element] = set()
    out = []
    for item in placed:
        ancestors = set(item.shape.iterancestors(f"{_P}grpSp"))
        if ancestors & misplaced_groups:
            continue
        if _outside(item.box, area, tolerance):
            out.append(item)
            if etree.QName(item.shape).localname == "grpSp":
                misplaced_groups.add(item.shape)
    return out


def inside_slide_violations(deck: Deck) -> list[str]:
    """Every shape with a position lies on the slide: 0 ≤ x, x + cx ≤ width, the same for y."""
    slide_box = (0, 0, deck.width, deck.height)
    found = []
    for slide in deck.slides:
        for item in _report_outside(placed_shapes(slide.root), slide_box, 0):
            found.append(
                f"{deck.name}, slide {slide.number}: shape {item.label} at {box_text(item.box)} "
                f"lies outside the slide ({cm(deck.width)} × {cm(deck.height)} cm)"
            )
    return found


def _layout_placeholders(root: etree._Element) -> list[etree._Element]:
    return list(root.iterfind(".//p:nvPr/p:ph", NS))


def content_layout(deck: Deck) -> str:
    """The template's "title and content" layout: by layout type, by a known name (English, Finnish,
    Swedish), or as the first layout with a title and one horizontal content placeholder."""
    layouts = deck.layouts()
    for part in layouts:
        if deck.xml(part).get("type") == "obj":
            return part
    for part in layouts:
        if deck.layout_name(part) in CONTENT_LAYOUT_NAMES:
            return part
    for part in layouts:
        phs = [ph for ph in _layout_placeholders(deck.xml(part)) if ph.get("type") not in ("dt", "ftr", "sldNum")]
        types = [ph.get("type") for ph in phs]
        bodies = [ph for ph in phs if ph.get("type") in (None, "obj", "body") and ph.get("orient") != "vert"]
        if types.count("title") == 1 and len(bodies) == 1 and len(phs) == 2:
            return part
    raise AssertionError(f"{deck.name}: the template has no title-and-content layout")


def body_area(deck: Deck) -> Box:
    """The body placeholder of the content layout: its own position, or the master's it inherits."""
    layout = content_layout(deck)
    for sp in deck.xml(layout).iter(f"{_P}sp"):
        ph = _placeholder(sp)
        if ph is None or ph.get("type") not in (None, "obj", "body"):
            continue
        xfrm = _xfrm(sp)
        if xfrm is not None:
            return placed_from(xfrm)
        for master_sp in deck.xml(deck.master).iter(f"{_P}sp"):
            master_ph = _placeholder(master_sp)
            if master_ph is not None and master_ph.get("type") == "body" and _xfrm(master_sp) is not None:
                return placed_from(_xfrm(master_sp))
    raise AssertionError(f"{deck.name}: no body placeholder with a position in {layout} or its master")


def placed_from(xfrm: etree._Element) -> Box:
    off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
    return (int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))


def body_area_violations(deck: Deck, tolerance: float = BODY_TOLERANCE) -> list[str]:
    """Everything on a slide that is not a placeholder (charts, tables, diagram and timeline groups
    and their members, captions) lies inside the body area of the title-and-content layout."""
    area = body_area(deck)
    found = []
    for slide in deck.slides:
        content = [p for p in placed_shapes(slide.root) if _placeholder(p.shape) is None]
        for item in _report_outside(content, area, tolerance):
            found.append(
                f"{deck.name}, slide {slide.number}: {item.label} at {box_text(item.box)} is outside the body "
                f"area of layout '{deck.layout_name(content_layout(deck))}' ({box_text(area)})"
            )
    return found


# --- layouts ---------------------------------------------------------------------------------------

REJECTED_LAYOUT_TYPES = {"vertTx", "vertTitleAndTx", "picTx", "blank"}


def layout_violations(deck: Deck) -> list[str]:
    """Every slide placeholder inherits from a placeholder of its layout (by idx, else by type), and
    no slide sits on a layout for vertical text, pictures or nothing."""
    found = []
    for slide in deck.slides:
        layout = deck.xml(slide.layout)
        name = deck.layout_name(slide.layout)
        phs = _layout_placeholders(layout)
        kind = layout.get("type") or LAYOUT_TYPES.get(name)
        if kind in REJECTED_LAYOUT_TYPES or any(ph.get("orient") == "vert" or ph.get("type") == "pic" for ph in phs):
            found.append(f"{deck.name}, slide {slide.number}: sits on layout '{name}' ({kind or 'untyped'})")
        for shape in slide.root.iter(f"{_P}sp"):
            ph = _placeholder(shape)
            if ph is None:
                continue
            if ph.get("idx") not in (None, "0"):
                match = [p for p in phs if p.get("idx") == ph.get("idx")]
            else:
                match = [p for p in phs if (p.get("type") or "obj") == (ph.get("type") or "obj")]
            if not match:
                found.append(
                    f"{deck.name}, slide {slide.number}: placeholder '{_name(shape)}' "
                    f"(type {ph.get('type') or 'obj'}, idx {ph.get('idx')}) has no counterpart in layout '{name}'"
                )
    return found


XML_CHECKS: dict[str, Callable[[Deck], list[str]]] = {
    "colours": colour_violations,
    "fonts": font_violations,
    "sizes": size_violations,
    "inside the slide": inside_slide_violations,
    "inside the body area": body_area_violations,
    "layouts": layout_violations,
}


# --- words in the rendered PDF ---------------------------------------------------------------------

# Spaces a line may break at, and the ones it must not (no-break, narrow no-break, figure space).
_NO_BREAK = "\u00a0\u202f\u2007\u2060"
_BREAKABLE = re.compile(rf"[^\S{_NO_BREAK}]+")
_HYPHENS = "-\u2010\u2011\u2013\u2014/"


def normalise(text: str) -> str:
    """What two renderings of the same word share: compatibility forms (ligatures, no-break spaces
    become spaces), plain hyphens, and no soft hyphens or zero-width characters."""
    text = unicodedata.normalize("NFKC", text).replace("\u2010", "-").replace("\u2011", "-")
    return re.sub("[\u00ad\u200b\u200c\u200d\u2060\ufeff]", "", text)


def _line_text(line: list[Word]) -> str:
    """A rendered line's words; a footnote star that pdftotext keeps apart (a run of its own, in
    another colour) joins the word before it, so "33*" matches "33" "*" on one line, never a star
    that wrapped to the next line."""
    return re.sub(r" (?=\*)", "", " ".join(w.text for w in line))


@dataclass(frozen=True)
class Word:
    text: str  # normalised
    x0: float
    y0: float
    x1: float
    y1: float
    line: int  # pdftotext's line, numbered through the page


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: tuple[Word, ...]


def parse_bbox_layout(xhtml: bytes) -> list[Page]:
    """The pages of ``pdftotext -bbox-layout`` output: words with their boxes and lines (a word
    pdftotext kept together across a no-break space is split, as the cell text is)."""
    root = etree.fromstring(xhtml, etree.XMLParser(resolve_entities=False, no_network=True, recover=True))
    pages = []
    line_number = 0
    for page in root.iter(f"{{{NS['x']}}}page"):
        words = []
        for line in page.iter(f"{{{NS['x']}}}line"):
            line_number += 1
            for word in line.iterfind("x:word", NS):
                for piece in normalise(word.text or "").split():
                    words.append(
                        Word(
                            piece,
                            float(word.get("xMin")),
                            float(word.get("yMin")),
                            float(word.get("xMax")),
                            float(word.get("yMax")),
                            line_number,
                        )
                    )
        pages.append(Page(float(page.get("width")), float(page.get("height")), tuple(words)))
    return pages


@dataclass(frozen=True)
class TextItem:
    slide: int
    what: str
    text: str
    region: Box  # EMU: where on the slide its words must be found
    grows_down: bool  # a table row or a text box may grow below its nominal box


def _paragraph_texts(body: etree._Element) -> str:
    lines = []
    for paragraph in body.iterfind(".//a:p", NS):
        pieces = []
        for child in paragraph:
            tag = etree.QName(child).localname
            if tag in ("r", "fld"):
                pieces.append("".join(child.itertext()))
            elif tag == "br":
                pieces.append("\n")
        lines.append("".join(pieces))
    return "\n".join(lines)


CELL_MARGIN = 72000  # 0.2 cm each side: the cell's inset, the renderer's rounding


def table_cells(deck: Deck) -> list[TextItem]:
    """Every non-empty table cell, with the column (and the row's top, down to the slide's bottom,
    as rows grow) where its text must appear."""
    items = []
    for slide in deck.slides:
        for placed in placed_shapes(slide.root):
            table = placed.shape.find(".//a:tbl", NS) if etree.QName(placed.shape).localname == "graphicFrame" else None
            if table is None:
                continue
            x0, y0, cx, cy = placed.box
            columns = [int(c.get("w")) for c in table.iterfind("a:tblGrid/a:gridCol", NS)]
            scale = cx / sum(columns) if sum(columns) else 1.0
            top = y0
            for r, row in enumerate(table.iterfind("a:tr", NS), start=1):
                column = 0
                for c, cell in enumerate(row.iterfind("a:tc", NS), start=1):
                    span = int(cell.get("gridSpan", "1"))
                    if cell.get("hMerge") != "1" and cell.get("vMerge") != "1":
                        text = _paragraph_texts(cell)
                        left = x0 + sum(columns[:column]) * scale
                        width = sum(columns[column : column + span]) * scale
                        if text.strip():
                            items.append(
                                TextItem(
                                    slide.number,
                                    f"table '{_name(placed.shape)}', row {r}, column {c}",
                                    text,
                                    (left - CELL_MARGIN, top - CELL_MARGIN, width + 2 * CELL_MARGIN, 0),
                                    True,
                                )
                            )
                    column += span
                top += int(row.get("h", "0"))
    return items


def _is_label(item: Placed) -> bool:
    """A box or label of a drawn graphic: named "node:…" or "milestone…", or a member of a group
    (the diagram and the timeline are groups, "diagram" and "timeline", for screen readers)."""
    return _name(item.shape).lower().startswith(("milestone", "node:")) or bool(item.inside_group)


def diagram_labels(deck: Deck, every_text_box: bool = False) -> list[TextItem]:
    """The texts of the diagram's boxes and labels and of the timeline (``_is_label``); with
    ``every_text_box``, the text of every shape that is not a placeholder (captions too)."""
    items = []
    for slide in deck.slides:
        for placed in placed_shapes(slide.root):
            body = placed.shape.find("p:txBody", NS)
            if body is None or _placeholder(placed.shape) is not None:
                continue
            if not (every_text_box or _is_label(placed)):
                continue
            text = _paragraph_texts(body)
            if text.strip():
                x, y, cx, cy = placed.box
                items.append(
                    TextItem(
                        slide.number,
                        f"label {placed.label}",
                        text,
                        (x - CELL_MARGIN, y - CELL_MARGIN, cx + 2 * CELL_MARGIN, cy + 2 * CELL_MARGIN),
                        True,
                    )
                )
    return items


def _lines_in(page: Page, region: Box, per_pt: float, grows_down: bool) -> list[list[Word]]:
    """The page's words inside ``region`` (EMU), line by line, top to bottom."""
    x, y, cx, cy = (v * per_pt for v in region)
    bottom = page.height if grows_down else y + cy
    lines: dict[int, list[Word]] = {}
    for word in page.words:
        mid_x, mid_y = (word.x0 + word.x1) / 2, (word.y0 + word.y1) / 2
        if x <= mid_x <= x + cx and y <= mid_y <= bottom:
            lines.setdefault(word.line, []).append(word)
    return [lines[n] for n in sorted(lines, key=lambda n: (lines[n][0].y0, lines[n][0].x0))]


def _whole(target: str, line: list[Word]) -> bool:
    return re.search(rf"(?<!\S){re.escape(target)}(?!\S)", _line_text(line)) is not None


def _at_line_end(target: str, line: list[Word]) -> bool:
    return _line_text(line).endswith(target) and _whole(target, line)


def _at_line_start(target: str, line: list[Word]) -> bool:
    return _line_text(line).startswith(target) and _whole(target, line)


def units(text: str) -> list[str]:
    """The pieces of a text a line may not break: runs of words joined by no-break spaces, each as
    its normalised words joined by one space ("34 392 €", "8,19 %", "Asukasluku")."""
    out = []
    for unit in _BREAKABLE.split(text):
        # No-break spaces join words with a space; a word joiner (U+2060) joins without one.
        pieces = [normalise(p) for p in re.split("[\u00a0\u202f\u2007]", unit)]
        joined = " ".join(p for piece in pieces for p in piece.split())
        if joined.strip("*"):  # a lone star after a space is no word
            out.append(joined)
    return out


def broken_units(text: str, lines: list[list[Word]]) -> list[tuple[str, list[str]]]:
    """The units of ``text`` that do not appear whole on one of ``lines``, each with the fragments
    of it that do appear ("Asukasl", "uku"). A break right after a hyphen, dash or slash that is in
    the text, before a letter, is a legitimate line break ("TE24-|palvelut"); a break anywhere in a
    number ("2021–|2024", "34 |392 €") or a word is not."""
    broken = []
    for unit in units(text):
        if any(_whole(unit, line) for line in lines):
            continue
        splits = [k for k in range(1, len(unit)) if unit[k - 1] in _HYPHENS and unit[k].isalpha()]
        if any(
            _at_line_end(unit[:k], first) and _at_line_start(unit[k:], second)
            for k in splits
            for first, second in zip(lines, lines[1:], strict=False)
        ):
            continue
        fragments = sorted({w.text for line in lines for w in line if w.text in unit and w.text != unit})
        broken.append((unit, [f for f in fragments if len(f) > 1 or f.isalnum()]))
    return broken


def word_break_violations(deck: Deck, pages: list[Page], items: list[TextItem]) -> list[str]:
    """Every unit of every item's text appears whole on its slide's page, at its place."""
    found = []
    if len(pages) != len(deck.slides):
        return [f"{deck.name}: the PDF has {len(pages)} pages for {len(deck.slides)} slides"]
    for item in items:
        page = pages[item.slide - 1]
        lines = _lines_in(page, item.region, page.width / deck.width, item.grows_down)
        for unit, fragments in broken_units(item.text, lines):
            seen = f"only {', '.join(repr(f) for f in fragments)} there" if fragments else "not found there"
            found.append(
                f"{deck.name}, slide {item.slide}, {item.what}: '{unit}' is broken or missing on page "
                f"{item.slide} ({seen}); text: {item.text!r}"
            )
    return found


def rendered_overflow_violations(deck: Deck, pages: list[Page], items: list[TextItem]) -> list[str]:
    """Rendered tables and labels end inside the body area: the lowest line where a unit of an item
    is found lies above the body area's bottom (rows that wrap push a table down)."""
    ax, ay, acx, acy = body_area(deck)
    found = []
    lowest: dict[tuple[int, str], float] = {}
    for item in items:
        page = pages[item.slide - 1]
        per_pt = page.width / deck.width
        key = (item.slide, item.what.split(", row")[0])
        for unit in units(item.text):
            for line in _lines_in(page, item.region, per_pt, item.grows_down):
                if _whole(unit, line):
                    lowest[key] = max(lowest.get(key, 0.0), max(w.y1 for w in line) / per_pt)
                    break
    for (slide, what), bottom in sorted(lowest.items()):
        if bottom > ay + acy + BODY_TOLERANCE or bottom > deck.height:
            found.append(
                f"{deck.name}, slide {slide}, {what}: rendered text reaches {cm(bottom)} cm from the top, "
                f"below the body area's bottom at {cm(ay + acy)} cm (slide height {cm(deck.height)} cm)"
            )
    return found


# --- building and rendering ------------------------------------------------------------------------


@dataclass
class Build:
    template_name: str
    case: Path
    template: Path
    out: Path
    exit_code: int
    output: str
    decks: list[Path]


def set_deck_template(case: Path, template: Path) -> None:
    path = case / "case.yaml"
    text = path.read_text("utf-8")
    line = f"deck_template: {template.relative_to(case).as_posix()}"
    if re.search(r"^deck_template:.*$", text, flags=re.M):
        text = re.sub(r"^deck_template:.*$", line, text, flags=re.M)
    else:
        text = text.rstrip("\n") + "\n" + line + "\n"
    path.write_text(text, "utf-8")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Build]:
    """The Kaustinen case built through the CLI with each template (once per template)."""
    done: dict[str, Build] = {}

    def get(name: str) -> Build:
        if name not in done:
            root = tmp_path_factory.mktemp(name)
            case = copy_case(EXAMPLE, root / "kaustisen-seutukunta")
            template = TEMPLATES[name][0](case)
            set_deck_template(case, template)
            out = root / "out"
            result = CliRunner().invoke(cli, ["build", str(case), "--out", str(out)])
            assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
            decks = sorted(out.glob("*.pptx")) if out.is_dir() else []
            done[name] = Build(name, case, template, out, result.exit_code, result.output, decks)
        return done[name]

    return get


def _decks(build: Build) -> list[Deck]:
    assert build.decks, f"{build.template_name}: no deck was built (exit {build.exit_code}):\n{build.output}"
    return [Deck.read(path) for path in build.decks]


def pdf_pages(pdftotext: str, pdf: Path) -> list[Page]:
    process = subprocess.run([pdftotext, "-bbox-layout", str(pdf), "-"], capture_output=True, timeout=120)
    assert process.returncode == 0, process.stderr
    return parse_bbox_layout(process.stdout)


@pytest.fixture(scope="module")
def renders(
    builds: Callable[[str], Build], soffice: str, pdftotext: str, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], list[tuple[Deck, list[Page]]]]:
    """Each template's decks rendered to PDF (one LibreOffice call per template), as (deck, pages)."""
    done: dict[str, list[tuple[Deck, list[Page]]]] = {}

    def get(name: str) -> list[tuple[Deck, list[Page]]]:
        if name not in done:
            build = builds(name)
            decks = _decks(build)
            root = tmp_path_factory.mktemp(f"{name}-pdf")
            convert_to_pdf(soffice, build.decks, root / "pdf", root / "profile")
            done[name] = [
                (deck, pdf_pages(pdftotext, root / "pdf" / f"{path.stem}.pdf"))
                for deck, path in zip(decks, build.decks, strict=True)
            ]
        return done[name]

    return get


def report(check: str, template: str, violations: list[str], limit: int = 60) -> str:
    """A failure message: how many, of which kind per deck, and the first ``limit`` in full."""
    per_deck = Counter(v.split(",")[0] for v in violations)
    lines = [
        f"{template}: {len(violations)} {check} violation(s) — " + ", ".join(f"{d}: {n}" for d, n in per_deck.items())
    ]
    lines += violations[:limit]
    if len(violations) > limit:
        lines.append(f"… and {len(violations) - limit} more (python tests/test_deck_templates.py DECK.pptx lists all)")
    return "\n".join(lines)


TEMPLATE_NAMES = list(TEMPLATES)
RENDERED = [name for name, (_, rendered) in TEMPLATES.items() if rendered]


# --- the tests on the Kaustinen case ---------------------------------------------------------------


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_the_case_builds_its_decks_on_the_template(builds: Callable[[str], Build], template: str) -> None:
    """The template is accepted (Finnish and Swedish names, with or without layout types), and every
    deck carries its master: slide size, theme fonts and colours, layout names."""
    build = builds(template)
    assert build.exit_code == 0, f"{template}: build exited {build.exit_code}:\n{build.output}"
    councils = yaml.safe_load((build.case / "case.yaml").read_text("utf-8"))["councils"]
    assert len(build.decks) >= len(councils) > 0, [p.name for p in build.decks]  # one (or more) per council
    reference = Deck.read(build.template)
    expected_theme = _theme_look(reference)
    with zipfile.ZipFile(build.template) as package:
        presentation = etree.fromstring(package.read("ppt/presentation.xml"))
    size = presentation.find("p:sldSz", NS)
    names = {reference.layout_name(p) for p in reference.layouts()}
    for deck in _decks(build):
        assert (deck.width, deck.height) == (int(size.get("cx")), int(size.get("cy"))), deck.name
        assert _theme_look(deck) == expected_theme, f"{deck.name}: the theme's colours or fonts are not the template's"
        used = {deck.layout_name(s.layout) for s in deck.slides}
        assert used <= names, f"{deck.name}: layouts {used - names} are not the template's"
        assert LAYOUT_TYPES.get(deck.layout_name(deck.slides[0].layout)) == "title", (
            f"{deck.name}: slide 1 sits on '{deck.layout_name(deck.slides[0].layout)}', not the title slide layout"
        )


def _theme_look(deck: Deck) -> tuple[bytes, ...]:
    """The master's theme colours and fonts, canonical (the same whoever serialised them)."""
    theme = deck.xml(deck.related(deck.master, "/theme")[0])
    return tuple(
        etree.tostring(theme.find(f"a:themeElements/a:{name}", NS), method="c14n")
        for name in ("clrScheme", "fontScheme")
    )


@pytest.mark.parametrize("check", list(XML_CHECKS))
@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_decks_take_everything_from_the_template(builds: Callable[[str], Build], template: str, check: str) -> None:
    decks = _decks(builds(template))
    violations = [v for deck in decks for v in XML_CHECKS[check](deck)]
    assert not violations, report(check, template, violations)


@pytest.mark.parametrize("template", RENDERED)
def test_no_table_cell_or_label_breaks_a_word_or_number(
    renders: Callable[[str], list[tuple[Deck, list[Page]]]], template: str
) -> None:
    violations = []
    checked = Counter[str]()
    for deck, pages in renders(template):
        cells, labels = table_cells(deck), diagram_labels(deck)
        checked["table cells"] += len(cells)
        checked["labels"] += len(labels)
        violations += word_break_violations(deck, pages, cells + labels)
    # The decks have tables, a diagram and a timeline: a check that found none would prove nothing.
    assert checked["table cells"] > 50 and checked["labels"] > 10, checked
    assert not violations, report("word-break", template, violations)


@pytest.mark.parametrize("template", RENDERED)
def test_rendered_tables_and_labels_end_inside_the_body_area(
    renders: Callable[[str], list[tuple[Deck, list[Page]]]], template: str
) -> None:
    violations = []
    for deck, pages in renders(template):
        items = table_cells(deck) + diagram_labels(deck, every_text_box=True)
        violations += rendered_overflow_violations(deck, pages, items)
    assert not violations, report("rendered overflow", template, violations)


# --- the templates are what they claim -------------------------------------------------------------


def test_the_municipal_template_has_its_own_theme_band_and_a_lower_body_area(tmp_path: Path) -> None:
    deck = Deck.read(municipal_16x9(tmp_path))
    default = Deck.read(office_4x3(tmp_path))
    assert (deck.width, deck.height) == (12192000, 6858000)
    theme = deck.xml(deck.related(deck.master, "/theme")[0])
    fonts = [theme.find(f".//a:{f}/a:latin", NS).get("typeface") for f in ("majorFont", "minorFont")]
    assert tuple(fonts) == MUNICIPAL_FONTS == ("Caladea", "Liberation Sans")
    assert theme.find(".//a:clrScheme/a:accent1/a:srgbClr", NS).get("val") == MUNICIPAL_COLOURS["accent1"] != "4F81BD"
    master = deck.xml(deck.master)
    title_style = master.find("p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr", NS)
    assert title_style.find("a:solidFill/a:schemeClr", NS).get("val") == "bg1"  # light title text
    band = next(s for s in master.iter(f"{_P}sp") if _name(s) == "Header band")
    assert band.find(".//a:solidFill/a:schemeClr", NS).get("val") == "accent1"
    assert placed_from(_xfrm(band))[3] == BAND_HEIGHT
    assert any(_name(s) == "Footer strip" for s in master.iter(f"{_P}sp"))
    # Content at PowerPoint's default body top (4,45 cm) or at 1 500 000 EMU would sit in the band.
    assert body_area(deck) == BODY_BOX and body_area(default)[1] < BAND_HEIGHT < BODY_BOX[1]
    # Its own sizes: none of the default template's title and first body levels.
    assert deck.master_sizes() == {3000, 2000, 1700, 1500, 1300}
    assert default.master_sizes() == {4400, 3200, 2800, 2400, 2000, 1800}


@pytest.mark.parametrize(
    "make, names, typed",
    [
        (finnish_4x3, ("Otsikkodia", "Otsikko ja sisältö", "Vain otsikko"), True),
        (lambda d: finnish_4x3(d, typed=False), ("Otsikkodia", "Otsikko ja sisältö", "Vain otsikko"), False),
        (
            lambda d: swedish_16x9(d, typed=False, vertical_first=True),
            ("Rubrikbild", "Rubrik och innehåll", "Endast rubrik"),
            False,
        ),
    ],
)
def test_the_renamed_templates_carry_powerpoints_finnish_and_swedish_names(
    tmp_path: Path, make: Callable[[Path], Path], names: tuple[str, ...], typed: bool
) -> None:
    deck = Deck.read(make(tmp_path))
    layouts = {deck.layout_name(p): deck.xml(p).get("type") for p in deck.layouts()}
    assert set(names) <= set(layouts) and not {"Title Slide", "Title and Content", "Title Only"} & set(layouts)
    assert all(t is not None for t in layouts.values()) if typed else all(t is None for t in layouts.values())
    order = [deck.layout_name(p) for p in deck.layouts()]
    if "Lodrät rubrik och text" in order:
        assert order.index("Lodrät rubrik och text") < order.index("Rubrik och innehåll")


# --- the checks fail where they should: tiny hand-made decks ---------------------------------------


def _tiny(tmp_path: Path, make: Callable[..., None], name: str = "tiny.pptx") -> Deck:
    """A deck made with python-pptx on the 4:3 default template (``make(presentation)`` fills it)."""
    from pptx import Presentation

    presentation = Presentation(str(office_4x3(tmp_path / "template")))
    make(presentation)
    path = tmp_path / name
    presentation.save(str(path))
    return Deck.read(path)


def _layout(presentation, name: str):
    return next(layout for layout in presentation.slide_layouts if layout.name == name)


def _add_chart(slide, x: int, y: int):
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Emu

    data = CategoryChartData()
    data.categories = ["Mallila", "Esimerkkilä"]
    data.add_series("Euroa", (1.0, 2.0))
    return slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Emu(x), Emu(y), Emu(4000000), Emu(3000000), data)


def test_the_colour_check_finds_rgb_in_runs_shapes_and_charts_and_passes_theme_colours(tmp_path: Path) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.dml import MSO_THEME_COLOR
    from pptx.util import Inches

    def make(presentation) -> None:
        slide = presentation.slides.add_slide(_layout(presentation, "Title Only"))
        slide.shapes.title.text = "Otsikko"
        box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1))
        box.text_frame.text = "Teemaväri"
        box.text_frame.paragraphs[0].runs[0].font.color.theme_color = MSO_THEME_COLOR.ACCENT_1
        run = box.text_frame.add_paragraph().add_run()
        run.text = "Kovakoodattu"
        run.font.color.rgb = RGBColor(0x2F, 0x5D, 0x8A)
        chart = _add_chart(slide, 914400, 3000000).chart
        chart.plots[0].series[0].format.fill.solid()
        chart.plots[0].series[0].format.fill.fore_color.rgb = RGBColor(0xB4, 0x5F, 0x06)

    violations = colour_violations(_tiny(tmp_path, make))
    assert len(violations) == 2, violations
    assert "slide 1: a:srgbClr 2F5D8A" in violations[0] and "run 'Kovakoodattu'" in violations[0]
    assert "chart 'Chart 3' (ppt/charts/chart" in violations[1] and "a:srgbClr B45F06" in violations[1]
    assert "ser/c:spPr/a:solidFill" in violations[1] or "spPr/solidFill" in violations[1]


def test_the_font_check_finds_named_typefaces_and_passes_theme_fonts(tmp_path: Path) -> None:
    from pptx.util import Inches, Pt

    def make(presentation) -> None:
        slide = presentation.slides.add_slide(_layout(presentation, "Title Only"))
        box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1))
        box.text_frame.text = "Teeman fontti"
        box.text_frame.paragraphs[0].runs[0].font.name = "+mn-lt"
        run = box.text_frame.add_paragraph().add_run()
        run.text = "Arial"
        run.font.name = "Arial"
        chart = _add_chart(slide, 914400, 3000000).chart
        chart.font.name = "Calibri"
        chart.font.size = Pt(18)

    violations = font_violations(_tiny(tmp_path, make))
    assert len(violations) == 2, violations
    assert "typeface 'Arial'" in violations[0] and "run 'Arial'" in violations[0]
    assert "chart 'Chart 3'" in violations[1] and "typeface 'Calibri'" in violations[1]


def test_the_size_check_finds_foreign_sizes_and_sizes_in_placeholders(tmp_path: Path) -> None:
    from pptx.util import Inches, Pt

    def make(presentation) -> None:
        slide = presentation.slides.add_slide(_layout(presentation, "Title and Content"))
        slide.shapes.title.text = "Otsikko, jolla on oma koko"
        slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size = Pt(28)
        body = slide.placeholders[1].text_frame
        body.text = "Koko 32 on perustyylin, mutta paikkamerkki ei saa asettaa sitä"
        body.paragraphs[0].runs[0].font.size = Pt(32)
        second = body.add_paragraph().add_run()
        second.text = "Toinen leipätekstin koko samassa esityksessä"
        second.font.size = Pt(24)
        box = slide.shapes.add_textbox(Inches(1), Inches(5), Inches(4), Inches(1))
        box.text_frame.text = "Koko 18 on muun tekstin tyylin"
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(18)
        run = box.text_frame.add_paragraph().add_run()
        run.text = "Koko 13 ei ole pohjassa"
        run.font.size = Pt(13)
        chart = _add_chart(presentation.slides.add_slide(_layout(presentation, "Title Only")), 914400, 2000000).chart
        chart.font.size = Pt(11)

    deck = _tiny(tmp_path, make)
    assert deck.master_sizes() == {1800, 2000, 2400, 2800, 3200, 4400}
    violations = size_violations(deck)
    assert len(violations) == 5, violations
    assert "slide 1: size 13 pt is not one of the master's (18, 20, 24, 28, 32, 44)" in violations[0]
    assert "slide 2, chart 'Chart 2'" in violations[1] and "size 11 pt" in violations[1]
    assert "slide 1: title placeholder sets size 28 pt" in violations[2]
    assert "body text in 2 sizes" in violations[3]
    assert "body text at 32 pt is no smaller step of the master's scale" in violations[4]


def test_the_size_check_finds_text_shrunk_to_fit(tmp_path: Path) -> None:
    from pptx.enum.text import MSO_AUTO_SIZE

    def make(presentation) -> None:
        slide = presentation.slides.add_slide(_layout(presentation, "Title and Content"))
        slide.shapes.title.text = "Otsikko"
        body = slide.placeholders[1].text_frame
        body.text = "Pitkä teksti"
        body.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        body._txBody.bodyPr.find(f"{_A}normAutofit").set("fontScale", "85000")

    violations = size_violations(_tiny(tmp_path, make))
    assert len(violations) == 1 and "text shrunk to 85000 (fontScale)" in violations[0], violations


GROUP = (
    '<p:grpSp xmlns:p="{p}" xmlns:a="{a}"><p:nvGrpSpPr><p:cNvPr id="40" name="diagram"/><p:cNvGrpSpPr/><p:nvPr/>'
    '</p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="{x}" y="2000000"/><a:ext cx="1000000" cy="1000000"/>'
    '<a:chOff x="0" y="0"/><a:chExt cx="1000000" cy="1000000"/></a:xfrm></p:grpSpPr>'
    '<p:sp><p:nvSpPr><p:cNvPr id="41" name="node:body"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm>'
    '<a:off x="500000" y="0"/><a:ext cx="900000" cy="500000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
    "</p:spPr></p:sp></p:grpSp>"
)


def _group(slide, x: int) -> None:
    slide.shapes._spTree.append(etree.fromstring(GROUP.format(p=NS["p"], a=NS["a"], x=x)))


def test_the_slide_bounds_check_finds_shapes_off_the_slide_and_resolves_groups(tmp_path: Path) -> None:
    from pptx.util import Emu, Inches

    def make(presentation) -> None:
        slide = presentation.slides.add_slide(_layout(presentation, "Title Only"))
        slide.shapes.add_textbox(Emu(-10000), Inches(2), Inches(2), Inches(1)).name = "vasemmalla"
        slide.shapes.add_textbox(Inches(1), Inches(6), Inches(2), Inches(2)).name = "alhaalla"
        slide.shapes.add_textbox(Inches(1), Inches(2), Inches(2), Inches(1)).name = "paikallaan"
        # A group inside the slide whose member, at x 0,5 cm in child space, lands at 8 000 000 +
        # 500 000 EMU and ends past the 4:3 slide's right edge (9 144 000 EMU).
        _group(slide, 8000000)
        # The same group further left is inside the slide, member and all.
        _group(presentation.slides.add_slide(_layout(presentation, "Title Only")), 6000000)

    violations = inside_slide_violations(_tiny(tmp_path, make))
    assert len(violations) == 3, violations
    assert "slide 1: shape 'vasemmalla' (sp)" in violations[0] and "x -0,03–" in violations[0]
    assert "slide 1: shape 'alhaalla' (sp)" in violations[1]
    assert "'node:body' (sp) in group 'diagram' at x 23,61–26,11 cm" in violations[2]


def test_the_body_area_check_finds_content_outside_the_layouts_body_placeholder(tmp_path: Path) -> None:
    from pptx.util import Emu, Inches

    def make(presentation) -> None:
        slide = presentation.slides.add_slide(_layout(presentation, "Title Only"))
        slide.shapes.add_table(2, 2, Emu(457200), Emu(0), Inches(4), Inches(1)).name = "table:ylhaalla"
        slide.shapes.add_table(2, 2, Emu(457200), Emu(1600200), Inches(4), Inches(1)).name = "table:sisalla"
        _add_chart(slide, 457200, 3000000).name = "chart:sisalla"  # ends 0,35 cm above the body's bottom
        _group(slide, 1000000)  # inside the body area as a whole

    deck = _tiny(tmp_path, make)
    # The default template's content layout inherits its body placeholder from the master.
    assert body_area(deck) == (457200, 1600200, 8229600, 4525963)
    violations = body_area_violations(deck)
    assert len(violations) == 1, violations
    assert "slide 1: 'table:ylhaalla' (graphicFrame) at x 1,27–11,43 cm, y 0,00–2,54 cm is outside" in violations[0]
    assert "outside the body area of layout 'Title and Content' (x 1,27–24,13 cm, y 4,45–17,02 cm)" in violations[0]


def test_the_body_area_is_found_by_placeholders_when_layouts_have_neither_type_nor_known_name(
    tmp_path: Path,
) -> None:
    def make(presentation) -> None:
        for layout in presentation.slide_layouts:
            layout._element.attrib.pop("type", None)
            layout.name = {"Title and Content": "Sisältösivu"}.get(layout.name, layout.name + " (oma)")
        presentation.slides.add_slide(presentation.slide_layouts[0])

    deck = _tiny(tmp_path, make)
    assert deck.layout_name(content_layout(deck)) == "Sisältösivu"
    assert body_area(deck) == (457200, 1600200, 8229600, 4525963)


def test_the_layout_check_finds_vertical_layouts_and_orphan_placeholders(tmp_path: Path) -> None:
    def make(presentation) -> None:
        vertical = presentation.slides.add_slide(_layout(presentation, "Title and Vertical Text"))
        vertical.shapes.title.text = "Pystysuora"
        fine = presentation.slides.add_slide(_layout(presentation, "Title Only"))
        fine.shapes.title.text = "Vain otsikko"
        # A body placeholder the title-only layout does not have.
        body = etree.fromstring(
            f'<p:sp xmlns:p="{NS["p"]}" xmlns:a="{NS["a"]}"><p:nvSpPr><p:cNvPr id="9" name="Content"/><p:cNvSpPr/>'
            '<p:nvPr><p:ph idx="1"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:p/></p:txBody></p:sp>'
        )
        fine.shapes._spTree.append(body)

    violations = layout_violations(_tiny(tmp_path, make))
    assert len(violations) == 2, violations
    assert "slide 1: sits on layout 'Title and Vertical Text' (vertTx)" in violations[0]
    assert "slide 2: placeholder 'Content' (type obj, idx 1) has no counterpart in layout 'Title Only'" in violations[1]


def _line(number: int, *words: str, y: float = 100.0) -> list[Word]:
    return [
        Word(normalise(w), 10.0 * i, y + number * 20, 10.0 * i + 9, y + number * 20 + 12, number)
        for i, w in enumerate(words)
    ]


@pytest.mark.parametrize(
    "text, lines, broken",
    [
        ("Asukasluku 34\u00a0392\u00a0€*", [["Asukasluku", "34", "392", "€*"]], []),
        ("Asukasluku", [["Asukasl"], ["uku"]], [("Asukasluku", ["Asukasl", "uku"])]),
        # A number broken at its no-break space.
        ("34\u00a0392\u00a0€", [["34"], ["392", "€"]], [("34 392 €", ["34", "392"])]),
        ("8,19\u202f%", [["8,19", "%"]], []),
        # A number range is a number; a compound with a hyphen may break after the hyphen.
        ("2021–2024", [["2021–"], ["2024"]], [("2021–2024", ["2021–", "2024"])]),
        ("TE24-palvelut", [["TE24-"], ["palvelut"]], []),
        # A hyphen LibreOffice adds is no hyphen of the text.
        ("Yhteistoimintasopimus", [["Yhteistoiminta-"], ["sopimus"]], [("Yhteistoimintasopimus", ["sopimus"])]),
        # A footnote star may render as a word of its own, but not on the next line.
        ("33*", [["33", "*"]], []),
        ("140\u00a0695\u00a0€*", [["140", "695", "€"], ["*"]], [("140 695 €*", ["140", "695"])]),
        # Ligatures come back as letters.
        ("Kuntaﬁrma", [["Kuntafirma"]], []),
        ("Veteli", [["Halsua"]], [("Veteli", [])]),
    ],
)
def test_the_word_matcher_accepts_whole_words_and_finds_broken_ones(
    text: str, lines: list[list[str]], broken: list[tuple[str, list[str]]]
) -> None:
    assert broken_units(text, [_line(n, *words) for n, words in enumerate(lines)]) == broken


def test_the_word_check_looks_only_at_the_cells_place(tmp_path: Path) -> None:
    """A word whole elsewhere on the page (in the title, another column) does not save a broken cell."""
    from pptx.util import Emu

    def make(presentation) -> None:
        slide = presentation.slides.add_slide(_layout(presentation, "Title Only"))
        slide.shapes.title.text = "Asukasluku"
        table = slide.shapes.add_table(1, 2, Emu(914400), Emu(1828800), Emu(3657600), Emu(370840)).table
        table.cell(0, 0).text = "Mallila"
        table.cell(0, 1).text = "Asukasluku"

    deck = _tiny(tmp_path, make)
    # A 720 × 540 pt page: the table starts 144 pt from the top and its second column runs from
    # 216 to 360 pt; the title, with the whole word, is above it.
    page = Page(
        720.0,
        540.0,
        (
            Word("Asukasluku", 300, 40, 420, 70, 1),
            Word("Mallila", 80, 150, 130, 165, 2),
            Word("Asukasl", 220, 150, 270, 165, 2),
            Word("uku", 220, 170, 250, 185, 3),
        ),
    )
    violations = word_break_violations(deck, [page], table_cells(deck))
    assert len(violations) == 1, violations
    assert "slide 1, table 'Table 2', row 1, column 2: 'Asukasluku' is broken" in violations[0]
    assert "only 'Asukasl', 'uku' there" in violations[0]


def test_libreoffice_breaks_a_long_word_in_a_narrow_cell_and_the_check_sees_it(
    tmp_path: Path, soffice: str, pdftotext: str
) -> None:
    """The whole chain on a real rendering: a 1,5 cm column cannot hold "Yhteistoimintasopimus"."""
    from pptx.util import Cm, Pt

    def table(width: float, name: str) -> Callable[..., None]:
        def make(presentation) -> None:
            slide = presentation.slides.add_slide(_layout(presentation, "Title Only"))
            slide.shapes.title.text = "Sopimukset"
            frame = slide.shapes.add_table(2, 1, Cm(2), Cm(5), Cm(width), Cm(2))
            frame.name = name
            frame.table.columns[0].width = Cm(width)
            frame.table.cell(0, 0).text = "Sopimus"
            frame.table.cell(1, 0).text = "Yhteistoimintasopimus 34\u00a0392\u00a0€"
            for cell in (frame.table.cell(0, 0), frame.table.cell(1, 0)):
                cell.text_frame.paragraphs[0].runs[0].font.size = Pt(18)

        return make

    narrow = _tiny(tmp_path, table(1.5, "table:kapea"), "kapea.pptx")
    wide = _tiny(tmp_path, table(14.0, "table:leveä"), "levea.pptx")
    convert_to_pdf(soffice, [tmp_path / "kapea.pptx", tmp_path / "levea.pptx"], tmp_path / "pdf", tmp_path / "profile")
    broken = word_break_violations(narrow, pdf_pages(pdftotext, tmp_path / "pdf" / "kapea.pdf"), table_cells(narrow))
    assert any("'Yhteistoimintasopimus' is broken" in v for v in broken), broken
    whole = word_break_violations(wide, pdf_pages(pdftotext, tmp_path / "pdf" / "levea.pdf"), table_cells(wide))
    assert whole == []


def main(paths: list[str]) -> int:
    """Print every XML violation of the given decks, check by check (the PDF checks need a build)."""
    total = 0
    for path in paths:
        deck = Deck.read(Path(path))
        for check, function in XML_CHECKS.items():
            violations = function(deck)
            total += len(violations)
            print(f"== {deck.name}: {check}: {len(violations)}")
            print("\n".join(violations))
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
