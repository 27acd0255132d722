"""Is every output fit to publish? The accessibility check of `build` and `kuntasopimus check`.

Documents published online must be accessible (laki digitaalisten palvelujen tarjoamisesta
306/2019, EN 301 549 / WCAG 2.1 AA). The check reads each .docx and .pptx back, as a screen reader
meets it, and reports what would fail a reader, with the file and the place:

- the document has a title and a language (``A11Y-TITLE``, ``A11Y-LANG``);
- every picture, chart, diagram or drawn shape has an alternative text or is marked decorative
  (``A11Y-ALT``);
- every data table has a header row (``A11Y-TABLE-HEADER``) and no merged cells
  (``A11Y-TABLE-MERGED``); a borderless table without header markup is a layout table (the
  signature block) and is read cell by cell, which is right;
- heading levels follow each other without a jump (``A11Y-HEADING``); every slide has a title of
  its own (``A11Y-SLIDE-TITLE``);
- text contrasts with its background at least 4.5 : 1, 3 : 1 when large (``A11Y-CONTRAST``),
  with a slide's theme colours resolved through its master, so a municipality's own template is
  judged by the colours it shows.

In `build` the findings are warnings (the drafts are still written); in `check`, which says whether
the files may be published, they are errors.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from generator.findings import Finding, Position, Severity
from generator.load.archive import XML_PARSER, ArchiveProblem
from generator.load.bounded import read_bounded
from generator.readback.colours import (
    SlideColours,
    TextStyle,
    contrast,
    required_contrast,
    run_style,
)
from generator.readback.consistency import MAX_MANIFEST_BYTES, manifest_problem
from generator.readback.package_reader import NS, Package
from generator.write.manifest import Output

MANIFEST = "manifest.json"

_NS = {
    **NS,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "v": "urn:schemas-microsoft-com:vml",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
}
_W = f"{{{NS['w']}}}"
_GRAPHIC_URIS = ("/chart", "/diagram", "/ole", "/picture")
_TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
# Word's highlight colours by name (w:highlight), as hex.
_HIGHLIGHT = {
    "yellow": "FFFF00",
    "green": "00FF00",
    "cyan": "00FFFF",
    "magenta": "FF00FF",
    "blue": "0000FF",
    "red": "FF0000",
    "darkBlue": "000080",
    "darkCyan": "008080",
    "darkGreen": "008000",
    "darkMagenta": "800080",
    "darkRed": "800000",
    "darkYellow": "808000",
    "darkGray": "808080",
    "lightGray": "C0C0C0",
    "black": "000000",
    "white": "FFFFFF",
}


@lru_cache(maxsize=256)
def _parse(data: bytes) -> etree._Element:
    """A part parsed once: the decks of one build share their masters, themes and most slides."""
    return etree.fromstring(data, XML_PARSER)


class _Package(Package):
    """A package whose parts are parsed once (the check reads a master or a theme for every slide).
    The trees are shared and must not be changed."""

    def __init__(self, source: Path | bytes) -> None:
        super().__init__(source)
        self._targets: dict[str, dict[str, str]] = {}
        self._raw: dict[str, bytes] = {}

    def raw(self, part: str) -> bytes:
        if part not in self._raw:
            self._raw[part] = self._archive.read(part)
        return self._raw[part]

    def xml(self, part: str) -> etree._Element:
        try:
            return _parse(self.raw(part))
        except etree.XMLSyntaxError as exc:
            raise ArchiveProblem("bad_xml", part) from exc

    def targets(self, part: str) -> dict[str, str]:
        if part not in self._targets:
            self._targets[part] = super().targets(part)
        return self._targets[part]


@dataclass
class _Report:
    """Findings of one file: each says where (the file's name and the place in it)."""

    display: str
    name: str
    severity: Severity

    def __post_init__(self) -> None:
        self.findings: list[Finding] = []
        self._contrasts: set[tuple[str, str, float]] = set()
        self.failures = 0  # contrast failures seen, reported or not (a pair is reported once a file)

    def add(self, code: str, place: str = "", severity: Severity | None = None, **params: object) -> None:
        where = f"{self.name}, {place}" if place else self.name
        self.findings.append(
            Finding(code, severity or self.severity, Position(self.display, 0, 0), {"where": where, **params})
        )

    def contrast(
        self, place: str | Callable[[], str], text: str, foreground: str, backgrounds: list[str], style: TextStyle
    ) -> None:
        """A contrast finding for the worst background, once per colour pair in a file."""
        size = style.size if style.size is not None else 11.0
        needed = required_contrast(size, bool(style.bold))
        if len(backgrounds) == 1 and (foreground, backgrounds[0], needed) in self._contrasts:
            return
        background = min(backgrounds, key=lambda bg: contrast(foreground, bg))
        ratio = contrast(foreground, background)
        known = (foreground, background, needed) in self._contrasts
        self._contrasts.add((foreground, background, needed))
        if ratio + 1e-9 >= needed:
            return
        self.failures += 1
        if known:
            return
        snippet = text.strip()
        snippet = snippet if len(snippet) <= 40 else snippet[:39] + "…"
        self.add(
            "A11Y-CONTRAST",
            place if isinstance(place, str) else place(),
            text=snippet,
            ratio=f"{ratio:.1f}".replace(".", ","),
            ratio_en=f"{ratio:.1f}",
            required=f"{needed:g}".replace(".", ","),
            required_en=f"{needed:g}",
            foreground=f"#{foreground}",
            background=f"#{background}",
        )


def _decorative(element: etree._Element | None) -> bool:
    """Office's "mark as decorative" (adec:decorative val=1 in the drawing's extension list)."""
    if element is None:
        return False
    mark = element.find(".//adec:decorative", _NS)
    return mark is not None and mark.get("val") in ("1", "true")


def _described(properties: etree._Element | None) -> bool:
    return properties is not None and (bool((properties.get("descr") or "").strip()) or _decorative(properties))


def _core(package: Package, report: _Report) -> str:
    """Title from the core properties (A11Y-TITLE when missing); returns the declared language."""
    try:
        core = package.xml("docProps/core.xml")
    except KeyError:
        core = None
    title = core.findtext("dc:title", "", _NS).strip() if core is not None else ""
    if not title:
        report.add("A11Y-TITLE")
    return core.findtext("dc:language", "", _NS).strip() if core is not None else ""


# --- Word ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _WordStyle:
    based_on: str | None
    level: int | None  # heading level (1 = Heading 1); None for body styles
    props: etree._Element | None  # w:rPr


def _word_styles(package: _Package) -> tuple[dict[str, _WordStyle], etree._Element | None, str]:
    """Paragraph styles by id, the document defaults' run properties and their language."""
    try:
        return _styles_of(package.raw("word/styles.xml"))
    except KeyError:
        return {}, None, ""


@lru_cache(maxsize=16)
def _styles_of(data: bytes) -> tuple[dict[str, _WordStyle], etree._Element | None, str]:
    """The styles part read once (every document of a language has the same one)."""
    styles = _parse(data)
    out = {}
    for style in styles.iterfind("w:style", NS):
        sid = style.get(f"{_W}styleId", "")
        name = (style.find("w:name", NS).get(f"{_W}val", "") if style.find("w:name", NS) is not None else "").lower()
        outline = style.find("w:pPr/w:outlineLvl", NS)
        level = None
        if outline is not None and outline.get(f"{_W}val", "9").isdigit() and int(outline.get(f"{_W}val", "9")) < 9:
            level = int(outline.get(f"{_W}val", "9")) + 1
        elif re.fullmatch(r"heading [1-9]", name):
            level = int(name[-1])
        based = style.find("w:basedOn", NS)
        out[sid] = _WordStyle(based.get(f"{_W}val") if based is not None else None, level, style.find("w:rPr", NS))
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    lang = defaults.find("w:lang", NS) if defaults is not None else None
    return out, defaults, (lang.get(f"{_W}val", "") if lang is not None else "")


def _style_chain(styles: dict[str, _WordStyle], style_id: str | None) -> Iterator[_WordStyle]:
    seen = set()
    while style_id and style_id in styles and style_id not in seen:
        seen.add(style_id)
        yield styles[style_id]
        style_id = styles[style_id].based_on


def _word_run(props: etree._Element | None) -> TextStyle:
    if props is None:
        return TextStyle(None, None, None)
    colour = props.find("w:color", NS)
    value = colour.get(f"{_W}val") if colour is not None else None
    size = props.find("w:sz", NS)
    bold = props.find("w:b", NS)
    return TextStyle(
        value.upper() if value else None,
        int(size.get(f"{_W}val", "22")) / 2 if size is not None else None,
        (bold.get(f"{_W}val", "1") not in ("0", "false")) if bold is not None else None,
    )


def _merge(first: TextStyle, then: TextStyle) -> TextStyle:
    return TextStyle(
        first.colour if first.colour is not None else then.colour,
        first.size if first.size is not None else then.size,
        first.bold if first.bold is not None else then.bold,
    )


def _shade(element: etree._Element | None) -> str | None:
    fill = element.get(f"{_W}fill") if element is not None else None
    return fill.upper() if fill and fill.lower() != "auto" else None


def check_docx(
    source: Path | bytes, name: str, display: str, severity: Severity = "error", contrast: bool = True
) -> list[Finding]:
    """A Word file read back; ``contrast`` judges every run's colour against what is behind it."""
    package = _Package(source)
    report = _Report(display, name, severity)
    declared = _core(package, report)
    styles, defaults, default_lang = _word_styles(package)
    if not (default_lang or declared):
        report.add("A11Y-LANG")
    document = package.xml("word/document.xml")
    body = document.find("w:body", NS)
    if body is None:
        return report.findings
    page_colour = document.find("w:background", NS)
    page = (page_colour.get(f"{_W}color") or "").upper() if page_colour is not None else ""
    page = page if re.fullmatch(r"[0-9A-F]{6}", page) else "FFFFFF"
    base = _merge(_word_run(defaults), TextStyle("000000", 11.0, False))

    previous = 0
    looks_of: dict[str | None, tuple[int | None, TextStyle]] = {}
    for paragraph in body.iter(f"{_W}p"):
        style_ref = paragraph.find("w:pPr/w:pStyle", NS)
        style_id = style_ref.get(f"{_W}val") if style_ref is not None else None
        if style_id not in looks_of:
            chain = list(_style_chain(styles, style_id))
            paragraph_looks = TextStyle(None, None, None)
            for style in chain:
                paragraph_looks = _merge(paragraph_looks, _word_run(style.props))
            looks_of[style_id] = (
                next((s.level for s in chain if s.level is not None), None),
                _merge(paragraph_looks, base),
            )
        level, paragraph_style = looks_of[style_id]

        def text(paragraph: etree._Element = paragraph) -> str:
            return "".join(t.text or "" for t in paragraph.iter(f"{_W}t")).strip()

        def place(text: Callable[[], str] = text) -> str:
            return f"'{text()[:40]}'"

        if level is not None and text():
            if level > previous + 1:
                report.add("A11Y-HEADING", f"'{text()[:60]}'", level=level, previous=previous)
            previous = level
        if not contrast:
            continue
        cell = next((a for a in paragraph.iterancestors(f"{_W}tc")), None)
        cell_fill = _shade(cell.find("w:tcPr/w:shd", NS)) if cell is not None else None
        paragraph_fill = _shade(paragraph.find("w:pPr/w:shd", NS))
        for run in paragraph.iterfind(".//w:r", NS):
            run_text = "".join(t.text or "" for t in run.iterfind("w:t", NS))
            if not run_text.strip():
                continue
            props = run.find("w:rPr", NS)
            own = _word_run(props)
            character = props.find("w:rStyle", NS) if props is not None else None
            if character is not None:
                for character_style in _style_chain(styles, character.get(f"{_W}val")):
                    own = _merge(own, _word_run(character_style.props))
            looks = _merge(own, paragraph_style)
            if looks.colour in (None, "AUTO"):
                continue  # Word picks black or white against the background
            highlight = props.find("w:highlight", NS) if props is not None else None
            background = (
                (_HIGHLIGHT.get(highlight.get(f"{_W}val", "")) if highlight is not None else None)
                or _shade(props.find("w:shd", NS) if props is not None else None)
                or paragraph_fill
                or cell_fill
                or page
            )
            report.contrast(place, run_text, looks.colour, [background], looks)

    for number, table in enumerate(body.iter(f"{_W}tbl"), start=1):
        _word_table(table, number, report)
    for number, drawing in enumerate(body.iter(f"{_W}drawing"), start=1):
        properties = drawing.find(".//wp:docPr", _NS)
        if not _described(properties):
            shape = properties.get("name", "") if properties is not None else ""
            report.add("A11Y-ALT", f"kuva {number}", shape=shape)
    for number, picture in enumerate(body.iter(f"{_W}pict"), start=1):
        shape = picture.find(".//v:shape", _NS)
        if shape is not None and not (shape.get("alt") or "").strip():
            report.add("A11Y-ALT", f"kuva (VML) {number}", shape=shape.get("id", ""))
    return report.findings


def _word_table(table: etree._Element, number: int, report: _Report) -> None:
    rows = table.findall("w:tr", NS)
    if not rows:
        return
    header = rows[0].find("w:trPr/w:tblHeader", NS)
    has_header = header is not None and header.get(f"{_W}val", "1") not in ("0", "false")
    if not has_header:
        look = table.find("w:tblPr/w:tblLook", NS)
        first_row = look is not None and look.get(f"{_W}firstRow") in ("1", "true")
        borders = table.find("w:tblPr/w:tblBorders", NS)
        borderless = borders is not None and all(b.get(f"{_W}val") in ("nil", "none") for b in borders)
        if first_row or not borderless:
            report.add("A11Y-TABLE-HEADER", f"taulukko {number}")
        return  # a layout table (the signature block): read cell by cell, merges allowed
    merged = (
        any((span.get(f"{_W}val", "1") != "1") for span in table.iterfind("w:tr/w:tc/w:tcPr/w:gridSpan", NS))
        or table.find("w:tr/w:tc/w:tcPr/w:vMerge", NS) is not None
    )
    if merged:
        report.add("A11Y-TABLE-MERGED", f"taulukko {number}", severity="warning")


# --- PowerPoint ------------------------------------------------------------------------------


def _shape_name(shape: etree._Element) -> str:
    properties = shape.find("./*/p:cNvPr", NS)
    return properties.get("name", "") if properties is not None else ""


def _walk(tree: etree._Element) -> Iterator[etree._Element]:
    """Every shape of a shape tree, a group's members after the group."""
    for shape in tree:
        tag = etree.QName(shape).localname
        if tag in ("sp", "pic", "graphicFrame", "cxnSp", "grpSp", "contentPart"):
            yield shape
        if tag == "grpSp":
            yield from _walk(shape)


def _slide_title(slide: etree._Element) -> str | None:
    for shape in slide.iterfind("p:cSld/p:spTree//p:sp", NS):
        ph = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is not None and ph.get("type") in ("title", "ctrTitle"):
            return " ".join(
                "".join(t.text or "" for t in p.iter(f"{{{NS['a']}}}t")) for p in shape.iterfind(".//a:p", NS)
            ).strip()
    return None


def check_pptx(source: Path | bytes, name: str, display: str, severity: Severity = "error") -> list[Finding]:
    package = _Package(source)
    report = _Report(display, name, severity)
    declared = _core(package, report)
    presentation = package.xml("ppt/presentation.xml")
    default = presentation.find("p:defaultTextStyle//a:defRPr[@lang]", NS)
    if not (declared or default is not None):
        report.add("A11Y-LANG")
    slides = package.targets("ppt/presentation.xml")
    titles: dict[str, int] = {}
    for number, slide_id in enumerate(presentation.iterfind("p:sldIdLst/p:sldId", NS), start=1):
        part = slides[slide_id.get(f"{{{NS['r']}}}id", "")]
        colours = SlideColours(package, part)
        place = f"dia {number}"
        title = _slide_title(colours.slide)
        if not title:
            report.add("A11Y-SLIDE-TITLE", place)
        elif title in titles:
            report.add("A11Y-SLIDE-TITLE-SAME", place, title=title, other=titles[title])
        else:
            titles[title] = number
        signature = _slide_signature(package, part, colours)
        if signature in _CLEAN_SLIDES:
            continue
        before = (len(report.findings), report.failures)
        background = colours.background()
        tree = colours.slide.find("p:cSld/p:spTree", NS)
        for shape in _walk(tree if tree is not None else etree.Element("x")):
            _pptx_shape(shape, colours, background, package, part, f"{place}, {_shape_name(shape)}", report)
        if (len(report.findings), report.failures) == before:
            _CLEAN_SLIDES[signature] = None
            while len(_CLEAN_SLIDES) > 4096:
                del _CLEAN_SLIDES[next(iter(_CLEAN_SLIDES))]
    return report.findings


# Slides found clean, by the digest of everything their check reads. Five councils' decks share all
# but a few slides; each shared slide is checked once per process.
_CLEAN_SLIDES: dict[bytes, None] = {}


def _slide_signature(package: _Package, part: str, colours: SlideColours) -> bytes:
    """A digest of the slide and every part that decides how it looks (layout, master, theme,
    charts, table styles)."""
    digest = hashlib.blake2b(digest_size=20)
    parts = [part, *sorted(package.targets(part).values())]
    parts += [p for p in (colours.master_part, colours.theme_part, "ppt/tableStyles.xml") if p]
    for name in parts:
        digest.update(name.encode() + b"\0")
        try:
            digest.update(package.raw(name))
        except KeyError:
            digest.update(b"-")
    return digest.digest()


def _text_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{{{NS['a']}}}t"))


def _backdrop(shape: etree._Element, colours: SlideColours, background: list[str] | None) -> list[str] | None:
    """What shows behind a shape's text: its own fill, else an enclosing group's, else a filled shape
    of the template under it (a header band), else the slide's background."""
    own = colours.shape_fill(shape) if etree.QName(shape).localname == "sp" else []
    if own:
        return own
    if own is None:
        return None
    for group in shape.iterancestors(f"{{{NS['p']}}}grpSp"):
        fill = colours.fill(group.find("p:grpSpPr", NS))
        if fill:
            return fill
    return colours.underlay(shape) or background


def _pptx_shape(
    shape: etree._Element,
    colours: SlideColours,
    background: list[str] | None,
    package: Package,
    slide_part: str,
    place: str,
    report: _Report,
) -> None:
    tag = etree.QName(shape).localname
    properties = shape.find("./*/p:cNvPr", NS)
    if tag in ("pic", "cxnSp", "grpSp") and not _described(properties):
        report.add("A11Y-ALT", place, shape=_shape_name(shape))
    if tag == "sp":
        is_placeholder = shape.find("p:nvSpPr/p:nvPr/p:ph", NS) is not None
        if not is_placeholder and not _text_of(shape).strip() and not _described(properties):
            report.add("A11Y-ALT", place, shape=_shape_name(shape))
        behind = _backdrop(shape, colours, background)
        if behind:
            _text_contrast(shape.find("p:txBody", NS), shape, colours, behind, place, report)
    if tag == "graphicFrame":
        data = shape.find("a:graphic/a:graphicData", NS)
        uri = data.get("uri", "") if data is not None else ""
        if uri == _TABLE_URI and data is not None:
            _slide_table(data.find("a:tbl", NS), colours, background, place, report)
        elif uri.endswith(_GRAPHIC_URIS) and not _described(properties):
            report.add("A11Y-ALT", place, shape=_shape_name(shape))
        if uri.endswith("/chart") and data is not None and background:
            _chart_contrast(data, colours, background, package, slide_part, place, report)


def _text_contrast(
    body: etree._Element | None,
    shape: etree._Element,
    colours: SlideColours,
    behind: list[str],
    place: str,
    report: _Report,
    inherited: TextStyle | None = None,
) -> None:
    if body is None:
        return
    for paragraph in body.iterfind("a:p", NS):
        level = int(paragraph.find("a:pPr", NS).get("lvl", "0")) if paragraph.find("a:pPr", NS) is not None else 0
        base = inherited or colours.inherited(shape, level)
        for run in paragraph.iterfind("a:r", NS):
            text = _text_of(run)
            if not text.strip():
                continue
            style = _merge(run_style(colours, run.find("a:rPr", NS)), base)
            if style.colour:
                report.contrast(place, text, style.colour, behind, style)


def _slide_table(
    table: etree._Element | None,
    colours: SlideColours,
    background: list[str] | None,
    place: str,
    report: _Report,
) -> None:
    if table is None:
        return
    look = table.find("a:tblPr", NS)
    first_row = look is not None and look.get("firstRow") in ("1", "true")
    if not first_row:
        report.add("A11Y-TABLE-HEADER", place)
    if any(
        tc.get(attr) not in (None, "1", "0", "false")
        for tc in table.iter(f"{{{NS['a']}}}tc")
        for attr in ("gridSpan", "rowSpan", "hMerge", "vMerge")
    ):
        report.add("A11Y-TABLE-MERGED", place, severity="warning")
    style_id = look.findtext("a:tableStyleId", "", NS) if look is not None else ""
    banded = look is not None and look.get("bandRow") in ("1", "true")
    whole_fill, whole_text = colours.table_part(style_id, "wholeTbl")
    for index, row in enumerate(table.iterfind("a:tr", NS)):
        part = "firstRow" if first_row and index == 0 else None
        data_index = index - (1 if first_row else 0)
        if part is None and banded and data_index % 2 == 0:
            part = "band1H"
        fill, text = colours.table_part(style_id, part) if part else (None, None)
        for cell in row.iterfind("a:tc", NS):
            own = colours.fill(cell.find("a:tcPr", NS))
            behind = own or fill or whole_fill or background
            colour = text or whole_text or colours.scheme_colour("tx1")
            if behind:
                _text_contrast(
                    cell.find("a:txBody", NS),
                    cell,
                    colours,
                    behind,
                    place,
                    report,
                    TextStyle(colour, 18.0, part in ("firstRow", "lastRow")),
                )


def _chart_contrast(
    data: etree._Element,
    colours: SlideColours,
    background: list[str],
    package: Package,
    slide_part: str,
    place: str,
    report: _Report,
) -> None:
    """A chart's labels (in its text properties' colour, by default the theme's text colour)
    against the chart's own fill, else the slide's background."""
    chart = data.find("c:chart", NS)
    target = package.targets(slide_part).get(chart.get(f"{{{NS['r']}}}id", "")) if chart is not None else None
    if target is None:
        return
    space = package.xml(target)
    behind = colours.fill(space.find("c:spPr", NS)) or background
    for text in space.iter(f"{{{NS['c']}}}txPr"):
        props = text.find(".//a:defRPr", NS)
        style = _merge(run_style(colours, props), TextStyle(colours.scheme_colour("tx1"), 10.0, False))
        if style.colour:
            report.contrast(place, "", style.colour, behind, style)


# --- whole builds ------------------------------------------------------------------------------


def check_file(
    source: Path | bytes, name: str, display: str, severity: Severity = "error", word_contrast: bool = True
) -> list[Finding]:
    if name.endswith(".docx"):
        return check_docx(source, name, display, severity, word_contrast)
    if name.endswith(".pptx"):
        return check_pptx(source, name, display, severity)
    return []


def check_rendered_accessibility(outputs: Iterable[Output], out_dir: str | Path) -> list[Finding]:
    """The build's outputs, still in memory: warnings, the drafts are written all the same.

    A Word file's colours are the writer's own (a case cannot change them, and the tests hold them
    to the contrast rule), so the build judges the contrast of decks only, whose colours come from
    the municipality's template; `check` judges every file, as it may have been edited by hand.
    """
    return [
        finding
        for output in outputs
        for finding in check_file(
            output.data, Path(output.path).name, str(Path(out_dir) / output.path), "warning", word_contrast=False
        )
    ]


# What a file edited by hand (or damaged) may make the reading below raise: the file is then
# reported as unreadable, once, instead of judged. A package that is no zip at all, or whose
# members cannot be inflated, is left to the consistency check (CHECK-DAMAGED).
_UNREADABLE = (etree.XMLSyntaxError, KeyError, ValueError, TypeError, AttributeError, IndexError)


def check_outputs_accessibility(out_dir: str | Path) -> list[Finding]:
    """Every .docx and .pptx a build's manifest lists, as they are now on disk: errors."""
    out = Path(out_dir)
    try:
        manifest = json.loads(read_bounded(out / MANIFEST, MAX_MANIFEST_BYTES))
    except (OSError, ValueError):
        return []  # the consistency check reports the missing manifest
    if manifest_problem(manifest) is not None:
        return []  # the consistency check reports what is wrong with it
    findings: list[Finding] = []
    for output in manifest["outputs"]:
        path = out / output["path"]
        if path.suffix in (".docx", ".pptx") and path.is_file():
            try:
                findings += check_file(path, path.name, str(path))
            except ArchiveProblem:
                continue
            except _UNREADABLE as exc:
                findings.append(
                    Finding("A11Y-UNREADABLE", "error", Position(str(path), 0, 0), {"reason": type(exc).__name__})
                )
    return findings
