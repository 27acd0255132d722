"""A municipality's own deck template (case.yaml ``deck_template``): which layout serves which slide.

A deck needs three kinds of layout: a title slide, a title with content, and a title only (for
charts, tables and diagrams). Templates made in Finnish or Swedish PowerPoint name their layouts in
that language ("Otsikkodia", "Rubrik och innehåll"), so a layout is recognised by what it is — the
layout type PowerPoint records (``title``, ``obj``, ``titleOnly``) or, failing that, its
placeholders — and by its English name only as a last resort. The writer places slides on the
layouts found here; validation reports, at the YAML position, a template that lacks one.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from generator.findings import Finding
from generator.load.case_folder import RawCase

_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_NS = {"p": _P[1:-1]}

ROLES = ("title", "content", "visual")
# PowerPoint's layout types per role, best first, and the English default names.
_TYPES = {"title": ("title",), "content": ("obj", "txAndObj", "objTx", "tx"), "visual": ("titleOnly",)}
_ENGLISH = {"title": "Title Slide", "content": "Title and Content", "visual": "Title Only"}
_REASONS = {
    "missing": ("tiedostoa ei ole", "the file does not exist"),
    "not_pptx": ("tiedosto ei ole PowerPoint-esitys", "the file is not a PowerPoint presentation"),
    "layouts": ("siitä puuttuu asettelu: {names}", "it lacks a layout: {names}"),
}
_ROLE_WORDS = {
    "title": ("otsikkodia", "a title slide"),
    "content": ("otsikko ja sisältö", "title and content"),
    "visual": ("vain otsikko", "title only"),
}


@dataclass(frozen=True)
class LayoutInfo:
    part: str
    name: str
    type: str | None
    placeholder_types: tuple[str | None, ...]
    vertical: bool = False  # vertical text (East Asian layouts): never a deck slide's layout


def layout_info(part: str, xml: bytes) -> LayoutInfo:
    root = etree.fromstring(xml)
    slide_data = root.find(f"{_P}cSld")
    name = slide_data.get("name", "") if slide_data is not None else ""
    found = list(root.iterfind(".//p:nvPr/p:ph", _NS))
    phs = tuple(ph.get("type") for ph in found)
    kind = root.get("type")
    vertical = (kind or "").startswith("vert") or any(ph.get("orient") == "vert" for ph in found)
    return LayoutInfo(part, name, kind, phs, vertical)


def _by_placeholders(role: str, layout: LayoutInfo) -> bool:
    types = [t for t in layout.placeholder_types if t not in ("dt", "ftr", "sldNum")]
    if role == "title":
        return "ctrTitle" in types
    has_title = "title" in types
    bodies = [t for t in types if t in (None, "body", "obj")]
    if role == "content":
        return has_title and bool(bodies)
    return has_title and not bodies and "pic" not in types


def assign_roles(layouts: Iterable[LayoutInfo]) -> dict[str, LayoutInfo]:
    """The layout each slide role uses: by layout type, then by English name, then by placeholders."""
    layouts = [lay for lay in layouts if not lay.vertical]
    found: dict[str, LayoutInfo] = {}
    for role in ROLES:
        match = (
            next((lay for lay in layouts if lay.type in _TYPES[role]), None)
            or next((lay for lay in layouts if lay.name == _ENGLISH[role]), None)
            or next((lay for lay in layouts if _by_placeholders(role, lay)), None)
        )
        if match is not None:
            found[role] = match
    return found


def layout_order(part: str) -> tuple[int, str]:
    """slideLayout2 before slideLayout10: the order PowerPoint numbers and lists layouts in."""
    digits = "".join(c for c in part.rsplit("/", 1)[-1] if c.isdigit())
    return (int(digits) if digits else 0, part)


def template_layouts(archive: zipfile.ZipFile) -> list[LayoutInfo]:
    return [
        layout_info(part, archive.read(part))
        for part in sorted(archive.namelist(), key=layout_order)
        if part.startswith("ppt/slideLayouts/") and part.endswith(".xml")
    ]


def check_deck_template(raw: RawCase) -> list[Finding]:
    assert raw.case is not None
    value = raw.case.data.get("deck_template")
    if value is None:
        return []
    path = raw.folder / value
    missing: list[str] = []
    if not path.is_file():
        reason = "missing"
    else:
        try:
            with zipfile.ZipFile(path) as archive:
                if "ppt/presentation.xml" not in archive.namelist():
                    raise zipfile.BadZipFile
                roles = assign_roles(template_layouts(archive))
                missing = [role for role in ROLES if role not in roles]
            reason = "layouts" if missing else ""
        except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError, KeyError):
            reason = "not_pptx"
    if not reason:
        return []
    fi, en = _REASONS[reason]
    return [
        Finding(
            "DECK-TEMPLATE",
            "error",
            raw.case.position(("deck_template",)),
            {
                "path": value,
                "reason_fi": fi.format(names=", ".join(_ROLE_WORDS[r][0] for r in missing)),
                "reason_en": en.format(names=", ".join(_ROLE_WORDS[r][1] for r in missing)),
                "layouts": ", ".join(_ENGLISH.values()),
            },
        )
    ]
