"""The package-level parts every OOXML file needs: content types, relationships, document properties.

Shared by the Word and PowerPoint writers, which both assemble their packages part by part. The
document properties carry the records metadata (``compose.records``): the core properties hold
title, subject, author, language, version, status, type and date; the custom properties hold the
JHS 143 fields core properties have no place for, under names a records system can map.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.compose.records import Records

XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_OFFICE_DOCUMENT = f"{REL}/officeDocument"
REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
REL_APP = f"{REL}/extended-properties"
REL_CUSTOM = f"{REL}/custom-properties"

CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
CT_APP = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"

LANG_TAGS = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def esc(text: str) -> str:
    """Text or attribute value made safe for XML (the loader has already refused control characters)."""
    return text.translate(_ESCAPES)


def relationships(rels: Iterable[tuple[str, str, str]]) -> bytes:
    """A .rels part from (id, type, target) triples, in the order given."""
    body = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{esc(target)}"/>' for rid, kind, target in rels)
    return (
        XML_HEAD + f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{body}</Relationships>"
    ).encode("utf-8")


def content_types(defaults: dict[str, str], overrides: Iterable[tuple[str, str]]) -> bytes:
    """[Content_Types].xml: a type per extension, and per part where the extension is not enough."""
    parts = "".join(f'<Default Extension="{ext}" ContentType="{kind}"/>' for ext, kind in sorted(defaults.items()))
    parts += "".join(f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in overrides)
    return (
        XML_HEAD + f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{parts}</Types>'
    ).encode("utf-8")


def package_rels(main_part: str) -> bytes:
    return relationships(
        [
            ("rId1", REL_OFFICE_DOCUMENT, main_part),
            ("rId2", REL_CORE, "docProps/core.xml"),
            ("rId3", REL_APP, "docProps/app.xml"),
            ("rId4", REL_CUSTOM, "docProps/custom.xml"),
        ]
    )


def property_parts(records: Records) -> list[tuple[str, bytes]]:
    """docProps/core.xml, docProps/app.xml and docProps/custom.xml of a package."""
    return [
        ("docProps/core.xml", core_properties(records)),
        ("docProps/app.xml", app_properties()),
        ("docProps/custom.xml", custom_properties(records)),
    ]


PROPERTY_TYPES = [("docProps/core.xml", CT_CORE), ("docProps/app.xml", CT_APP), ("docProps/custom.xml", CT_CUSTOM)]


def core_properties(records: Records) -> bytes:
    """docProps/core.xml, dated by the case (not the clock), so two builds give the same bytes."""
    stamp = f"{records.date.isoformat()}T12:00:00Z"
    optional = (
        ("dc:title", records.title),
        ("dc:subject", records.subject),
        ("dc:creator", records.organisation),
        ("cp:keywords", records.record_number or ""),
        ("cp:lastModifiedBy", records.organisation),
        ("dc:identifier", records.identifier),
        ("dc:language", LANG_TAGS.get(records.lang, records.lang)),
        ("cp:category", records.document_type),
        ("cp:contentStatus", records.status),
        ("cp:version", records.version),
    )
    fields = "".join(f"<{tag}>{esc(value)}</{tag}>" for tag, value in optional if value)
    fields += (
        f"<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
    )
    return (
        XML_HEAD
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{fields}</cp:coreProperties>"
    ).encode("utf-8")


# The JHS 143 element names, the same in every document language: records systems map them by name.
CUSTOM_NAMES = {
    "record_number": "Diaarinumero",
    "document_type": "Asiakirjatyyppi",
    "status": "Tila",
    "version": "Versio",
    "organisation": "Organisaatio",
    "date": "Päivämäärä",
    "lang": "Kieli",
}
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the format id every custom property carries


def custom_properties(records: Records) -> bytes:
    """docProps/custom.xml: the JHS 143 fields by name (a missing record number is left out)."""
    values = {
        "record_number": records.record_number or "",
        "document_type": records.document_type,
        "status": records.status,
        "version": records.version,
        "organisation": records.organisation,
        "date": records.date.isoformat(),
        "lang": LANG_TAGS.get(records.lang, records.lang),
    }
    properties = "".join(
        f'<property fmtid="{_CUSTOM_FMTID}" pid="{pid}" name="{esc(CUSTOM_NAMES[key])}">'
        f"<vt:lpwstr>{esc(value)}</vt:lpwstr></property>"
        for pid, (key, value) in enumerate(((k, v) for k, v in values.items() if v), start=2)
    )
    return (
        XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{properties}</Properties>"
    ).encode("utf-8")


def app_properties() -> bytes:
    """docProps/app.xml naming this tool, not an office suite it was never opened in."""
    return (
        XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>kuntasopimus</Application><DocSecurity>0</DocSecurity></Properties>"
    ).encode("utf-8")
