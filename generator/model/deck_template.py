"""A municipality's own deck template (case.yaml ``deck_template``): which layout serves which slide.

A deck needs three kinds of layout: a title slide, a title with content, and a title only (for
charts, tables and diagrams). Templates made in Finnish or Swedish PowerPoint name their layouts in
that language ("Otsikkodia", "Rubrik och innehåll"), so a layout is recognised by what it is — the
layout type PowerPoint records (``title``, ``obj``, ``titleOnly``) or, failing that, its
placeholders — and by its English name only as a last resort. The writer places slides on the
layouts found here; validation reports, at the YAML position, a template that lacks one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.findings import Finding
from generator.load.archive import Archive, ArchiveProblem, parse_xml
from generator.load.case_folder import RawCase

_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_NS = {"p": _P[1:-1]}
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

ROLES = ("title", "content", "visual")
# PowerPoint's layout types per role, best first, and the English default names.
_TYPES = {"title": ("title",), "content": ("obj", "txAndObj", "objTx", "tx"), "visual": ("titleOnly",)}
_ENGLISH = {"title": "Title Slide", "content": "Title and Content", "visual": "Title Only"}
# A template's parts are all held in memory while its skeleton is made: at most this much in all.
MAX_TEMPLATE_BYTES = 100_000_000
REASONS = {
    "missing": ("tiedostoa ei ole", "the file does not exist"),
    "not_pptx": ("tiedosto ei ole PowerPoint-esitys", "the file is not a PowerPoint presentation"),
    "layouts": ("siitä puuttuu asettelu: {names}", "it lacks a layout: {names}"),
    # A link out of the package would be copied into every deck: an image fetched from a server (or
    # a network share, giving away the reader's credentials) whenever a council member opens it.
    "external": (
        "se viittaa paketin ulkopuolelle ({names}); poista linkki pohjasta",
        "it links outside the package ({names}); remove the link from the template",
    ),
    # Macros or controls would be copied into every deck, which PowerPoint then refuses as a .pptx.
    "macros": (
        "siinä on makroja tai ActiveX-ohjaimia ({names}); tallenna pohja PowerPoint-esityksenä (.pptx)",
        "it holds macros or ActiveX controls ({names}); save the template as a PowerPoint presentation (.pptx)",
    ),
}
_ACTIVE = ("vbaProject", "activeX", "macroEnabled")
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
    root = parse_xml(xml, part)
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


def template_layouts(archive: Archive) -> list[LayoutInfo]:
    return [
        layout_info(part, archive.read(part))
        for part in sorted(archive.names, key=layout_order)
        if part.startswith("ppt/slideLayouts/") and part.endswith(".xml")
    ]


def external_links(archive: Archive) -> list[str]:
    """Targets of the template's relationships that point outside the package."""
    links = []
    for part in archive.names:
        if part.endswith(".rels"):
            for rel in archive.xml(part).iter(_REL + "Relationship"):
                if rel.get("TargetMode") == "External":
                    links.append(str(rel.get("Target")))
    return sorted(set(links))


def active_content(archive: Archive) -> list[str]:
    """Parts (or content types) of macros and ActiveX controls in the template."""
    found = [part for part in archive.names if any(word in part for word in _ACTIVE)]
    if "[Content_Types].xml" in archive and b"macroEnabled" in archive.read("[Content_Types].xml"):
        found.append("[Content_Types].xml")
    return sorted(found)


def check_deck_template(raw: RawCase) -> list[Finding]:
    assert raw.case is not None
    value = raw.case.data.get("deck_template")
    if value is None:
        return []
    path = raw.folder / value
    names_fi = names_en = ""
    if not path.is_file():
        reason = "missing"
    else:
        try:
            archive = Archive(path, MAX_TEMPLATE_BYTES)
            try:
                if "ppt/presentation.xml" not in archive:
                    raise ArchiveProblem("missing", "ppt/presentation.xml")  # a .docx renamed, say
                archive.verify()  # python-pptx reads every member whole later
                roles = assign_roles(template_layouts(archive))
                missing = [role for role in ROLES if role not in roles]
                links = external_links(archive)
                active = active_content(archive)
            finally:
                archive.close()
        except ArchiveProblem as problem:
            if problem.kind in ("not_zip", "missing"):
                return [template_finding(raw, *REASONS["not_pptx"])]
            return [template_finding(raw, problem.reason("fi"), problem.reason("en"))]
        if missing:
            reason = "layouts"
            names_fi = ", ".join(_ROLE_WORDS[r][0] for r in missing)
            names_en = ", ".join(_ROLE_WORDS[r][1] for r in missing)
        elif links:
            reason = "external"
            names_fi = names_en = ", ".join(link[:80] for link in links[:3])
        elif active:
            reason = "macros"
            names_fi = names_en = ", ".join(active[:3])
        else:
            return []
    fi, en = REASONS[reason]
    return [template_finding(raw, fi.format(names=names_fi), en.format(names=names_en))]


def template_finding(raw: RawCase, reason_fi: str, reason_en: str) -> Finding:
    """DECK-TEMPLATE at case.yaml's deck_template, with the reason in both languages."""
    assert raw.case is not None
    return Finding(
        "DECK-TEMPLATE",
        "error",
        raw.case.position(("deck_template",)),
        {
            "path": raw.case.data.get("deck_template"),
            "reason_fi": reason_fi,
            "reason_en": reason_en,
            "layouts": ", ".join(_ENGLISH.values()),
        },
    )
