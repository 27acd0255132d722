"""The parts every deck shares (masters, layouts, themes, notes master), read once from the template.

The template is ``templates/pptx/base.pptx`` or a municipality's own .pptx. It is opened once per
process with python-pptx, which adds a notes master if the template has none; its parts are kept
deflated, and its layouts are indexed by the slide role they serve (title slide, title and
content, title only: ``model.deck_template`` recognises them by layout type, whatever language
they are named in) with their placeholders, so the writer can place titles and texts in real
placeholders without python-pptx's object model.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from generator.model.deck_template import assign_roles, layout_info, layout_order
from generator.write.pptx_geometry import MasterStyle, Rect, master_style, placeholder_boxes, resolve
from generator.write.zip_writer import Deflated, deflate

_NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_REL_SLIDE = f"{_NS['r']}/slide"
_PER_DECK = (
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/",
    "ppt/presentation.xml",
    "ppt/_rels/presentation.xml.rels",
    "ppt/slides/",
    "ppt/notesSlides/",
    "ppt/charts/",
    "ppt/embeddings/",
)
_MARK = "SLIDE-ID-LIST"


@dataclass(frozen=True)
class Placeholder:
    """A layout placeholder a slide may fill, as the layout declares it (no type means "obj")."""

    type: str | None
    idx: str | None

    @property
    def xml(self) -> str:
        return (
            "<p:ph" + (f' type="{self.type}"' if self.type else "") + (f' idx="{self.idx}"' if self.idx else "") + "/>"
        )


def find_placeholder(
    placeholders: tuple[Placeholder, ...], types: tuple[str | None, ...] = (), idx: str | None = None
) -> Placeholder | None:
    """The first placeholder of one of ``types`` or, with ``idx``, the one with that index."""
    for ph in placeholders:
        if (idx is not None and ph.idx == idx) or (idx is None and ph.type in types):
            return ph
    return None


@dataclass(frozen=True)
class Layout:
    part: str
    placeholders: tuple[Placeholder, ...]
    # Each placeholder's box (its own or the master's), and the footer placeholders a slide may fill.
    rects: tuple[tuple[Placeholder, Rect | None], ...] = ()
    footers: tuple[Placeholder, ...] = ()

    def rect(self, ph: Placeholder | None) -> Rect | None:
        return next((r for p, r in self.rects if p == ph), None) if ph is not None else None


@dataclass(frozen=True)
class PptxSkeleton:
    lang_tag: str
    width: int
    height: int
    static_parts: tuple[tuple[str, Deflated], ...]
    defaults: tuple[tuple[str, str], ...]
    overrides: tuple[tuple[str, str], ...]
    presentation: tuple[str, str]  # presentation.xml before and after the slide id list
    rels: tuple[tuple[str, str, str], ...]  # the presentation's relationships to shared parts
    notes_master: str
    notes_placeholders: tuple[Placeholder, ...]
    layouts: dict[str, Layout]  # by slide role: "title", "content", "visual"
    master: MasterStyle | None = None


def _placeholders(xml: bytes, skip: tuple[str, ...]) -> tuple[Placeholder, ...]:
    """Placeholders of a layout or notes master, without the ones a slide leaves to its master."""
    out = []
    for ph in etree.fromstring(xml).iterfind(".//p:nvPr/p:ph", _NS):
        if ph.get("type") not in skip:
            out.append(Placeholder(ph.get("type"), ph.get("idx")))
    return tuple(out)


def _relationships(xml: bytes) -> list[tuple[str, str, str]]:
    return [
        (r.get("Id"), r.get("Type"), r.get("Target")) for r in etree.fromstring(xml).iterfind("rel:Relationship", _NS)
    ]


def _split_presentation(xml: bytes) -> tuple[str, str]:
    """presentation.xml around its slide id list, which sits before the slide size in schema order."""
    root = etree.fromstring(xml)
    for old in root.findall("p:sldIdLst", _NS):
        root.remove(old)
    slide_list = etree.Element(f"{{{_NS['p']}}}sldIdLst")
    slide_list.text = _MARK
    root.find("p:sldSz", _NS).addprevious(slide_list)
    text = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True).decode("utf-8")
    head, _, tail = text.partition(f"<p:sldIdLst>{_MARK}</p:sldIdLst>")
    return head, tail


def _with_notes_master(template: Path) -> zipfile.ZipFile:
    """The template's package with a notes master: as it is when it has one (the bundled template
    does), else as python-pptx saves it after creating one (importing python-pptx is a tenth of a
    second of every cold build, so it is left out where it is not needed)."""
    package = zipfile.ZipFile(io.BytesIO(template.read_bytes()))  # read once; no file handle kept open
    if any(n.startswith("ppt/notesMasters/notesMaster") and n.endswith(".xml") for n in package.namelist()):
        return package
    from pptx import Presentation

    prs = Presentation(str(template))
    prs.notes_master  # noqa: B018 - created on first access when the template has none
    buffer = io.BytesIO()
    prs.save(buffer)
    return zipfile.ZipFile(buffer)


@cache
def pptx_skeleton(template: Path, lang_tag: str) -> PptxSkeleton:
    package = _with_notes_master(template)

    types = etree.fromstring(package.read("[Content_Types].xml"))
    defaults = tuple((d.get("Extension"), d.get("ContentType")) for d in types.iterfind("ct:Default", _NS))
    overrides = []
    static = []
    infos = []
    boxes: dict[str, bytes] = {}
    master_xml = b""
    notes_master = ""
    notes_placeholders: tuple[Placeholder, ...] = ()
    part_types = {o.get("PartName").lstrip("/"): o.get("ContentType") for o in types.iterfind("ct:Override", _NS)}
    for name in package.namelist():
        if name.startswith(_PER_DECK) or name == "[Content_Types].xml":
            continue
        content = package.read(name)
        if name.endswith(".xml") and name.startswith(("ppt/slideMasters/", "ppt/slideLayouts/", "ppt/notesMasters/")):
            # The template's proofing language becomes the deck's, or every word is flagged as a typo.
            content = re.sub(rb'lang="[A-Za-z-]+"', f'lang="{lang_tag}"'.encode(), content)
        if name.startswith("ppt/slideLayouts/") and name.endswith(".xml"):
            infos.append((layout_info(name, content), _placeholders(content, ("dt", "ftr", "sldNum"))))
            boxes[name] = content
        if re.fullmatch(r"ppt/slideMasters/slideMaster\d+\.xml", name) and (not master_xml or name.endswith("r1.xml")):
            master_xml = content
        if name.startswith("ppt/notesMasters/") and name.endswith(".xml"):
            notes_master = name
            notes_placeholders = _placeholders(content, ("hdr", "dt", "ftr", "sldNum"))
        static.append((name, deflate(content)))
        if name in part_types:
            overrides.append((name, part_types[name]))
    placeholders = {info.part: phs for info, phs in infos}
    master = master_style(master_xml) if master_xml else None

    def layout(part: str) -> Layout:
        found = placeholder_boxes(boxes[part])
        rects = tuple((Placeholder(b.type, b.idx), resolve(b, master) if master is not None else b.rect) for b in found)
        footers = tuple(Placeholder(b.type, b.idx) for b in found if b.type in ("ftr", "sldNum"))
        return Layout(part, placeholders[part], rects, footers)

    infos.sort(key=lambda pair: layout_order(pair[0].part))
    layouts = {role: layout(info.part) for role, info in assign_roles(i for i, _ in infos).items()}
    presentation = re.sub(rb'lang="[A-Za-z-]+"', f'lang="{lang_tag}"'.encode(), package.read("ppt/presentation.xml"))
    rels = tuple(r for r in _relationships(package.read("ppt/_rels/presentation.xml.rels")) if r[1] != _REL_SLIDE)
    size = etree.fromstring(package.read("ppt/presentation.xml")).find("p:sldSz", _NS)
    return PptxSkeleton(
        lang_tag=lang_tag,
        width=int(size.get("cx", "0")) if size is not None else 0,
        height=int(size.get("cy", "0")) if size is not None else 0,
        static_parts=tuple(static),
        defaults=defaults,
        overrides=tuple(overrides),
        presentation=_split_presentation(presentation),
        rels=rels,
        notes_master=notes_master,
        notes_placeholders=notes_placeholders,
        layouts=layouts,
        master=master,
    )


def template_loads(template: Path, lang_tag: str) -> bool:
    """Whether PowerPoint's reader (python-pptx) accepts a municipality's template, asked during
    validation so that a template it refuses (a macro-enabled one, say) is a finding, not a failed
    build. The template's sizes and links were checked before (``model.deck_template``); what the
    reader raises for a malformed package varies, so any exception here means "cannot be used"."""
    try:
        pptx_skeleton(template.resolve(), lang_tag)
    except Exception:  # noqa: BLE001 - a user's file, refused with a finding whatever the reader raises
        return False
    return True
