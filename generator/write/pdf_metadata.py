"""The records metadata in a PDF's XMP, added to the PDF/A file LibreOffice made, as PDF/A allows.

LibreOffice writes the title, the author and the subject into the XMP of a PDF/A file, but not the
rest of what a records system describes a document by (JHS 143): the record number, the status,
the version, the document type, the language and the date. This module adds them from the source
package's document properties (``docProps/core.xml`` and ``docProps/custom.xml``, which the
writers fill from ``compose.records``):

- Dublin Core where it has the field (``dc:language``, ``dc:date``, ``dc:type``), so any reader
  finds them;
- the rest in a small schema of our own (``jhs:``), declared in the XMP with a PDF/A extension
  schema, as PDF/A requires of every property outside the predefined schemas. LibreOffice 7.4
  writes ``pdfuaid:part`` without declaring it; the declaration is added here too.

The file is not rewritten: the new metadata stream replaces the old one in an incremental update
(a new object, an xref section and a trailer appended after ``%%EOF``), which PDF/A-2 permits and
which keeps every byte LibreOffice wrote. A file this module does not understand (no classic xref
table, no metadata stream) raises ``PdfMetadataError``; the caller reports it.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from generator.write.ooxml_parts import CUSTOM_NAMES

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
    "jhs": "https://kuntasopimus.invalid/ns/jhs143/1.0/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dcterms": "http://purl.org/dc/terms/",
    "op": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
}
_RDF = f"{{{NS['rdf']}}}"

# Our schema's properties: (name, the custom property it comes from, description for the extension schema).
_JHS_PROPERTIES = (
    ("recordNumber", "record_number", "Record number (diaarinumero) of the case in the records system"),
    ("documentType", "document_type", "Document type (asiakirjatyyppi)"),
    ("status", "status", "Status of the document (tila), e.g. LUONNOS"),
    ("version", "version", "Version of the document (versio)"),
    ("organisation", "organisation", "Organisation that prepared the document (organisaatio)"),
)


class PdfMetadataError(Exception):
    """The PDF is not laid out as this module expects (it was not made by LibreOffice's PDF/A export)."""


def package_records(source: Path) -> dict[str, str]:
    """The records fields of a .docx/.pptx by their ``CUSTOM_NAMES`` keys, plus ``title`` and ``lang``."""
    with zipfile.ZipFile(source) as package:
        names = set(package.namelist())
        fields: dict[str, str] = {}
        if "docProps/core.xml" in names:
            core = etree.fromstring(package.read("docProps/core.xml"))
            fields["title"] = core.findtext("dc:title", "", NS)
            fields["lang"] = core.findtext("dc:language", "", NS)
            fields["date"] = core.findtext("dcterms:created", "", NS)[:10]
        if "docProps/custom.xml" in names:
            by_name = {label: key for key, label in CUSTOM_NAMES.items()}
            for prop in etree.fromstring(package.read("docProps/custom.xml")).iterfind("op:property", NS):
                key = by_name.get(prop.get("name", ""))
                if key is not None:
                    fields[key] = "".join(prop.itertext()).strip()
    return {key: value for key, value in fields.items() if value}


def _element(tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    prefix, _, name = tag.partition(":")
    element = etree.Element(f"{{{NS[prefix]}}}{name}", nsmap={prefix: NS[prefix]})
    for key, value in attrs.items():
        p, _, n = key.partition("_")
        element.set(f"{{{NS[p]}}}{n}", value)
    if text is not None:
        element.text = text
    return element


def _container(tag: str, kind: str, values: list[str]) -> etree._Element:
    """``<dc:language><rdf:Bag><rdf:li>fi-FI</rdf:li></rdf:Bag></dc:language>`` and the like."""
    outer = _element(tag)
    inner = etree.SubElement(outer, f"{_RDF}{kind}")
    for value in values:
        etree.SubElement(inner, f"{_RDF}li").text = value
    return outer


def _description(*children: etree._Element) -> etree._Element:
    description = etree.Element(f"{_RDF}Description", nsmap={"rdf": NS["rdf"]})
    description.set(f"{_RDF}about", "")
    for child in children:
        description.append(child)
    return description


def _schema(name: str, uri: str, prefix: str, properties: list[tuple[str, str, str, str]]) -> etree._Element:
    """One entry of the PDF/A extension schema list: (name, value type, category, description) each."""
    entry = etree.Element(f"{_RDF}li")
    entry.set(f"{_RDF}parseType", "Resource")
    entry.append(_element("pdfaSchema:schema", name))
    entry.append(_element("pdfaSchema:namespaceURI", uri))
    entry.append(_element("pdfaSchema:prefix", prefix))
    holder = _element("pdfaSchema:property")
    seq = etree.SubElement(holder, f"{_RDF}Seq")
    for prop, value_type, category, description in properties:
        item = etree.SubElement(seq, f"{_RDF}li")
        item.set(f"{_RDF}parseType", "Resource")
        item.append(_element("pdfaProperty:name", prop))
        item.append(_element("pdfaProperty:valueType", value_type))
        item.append(_element("pdfaProperty:category", category))
        item.append(_element("pdfaProperty:description", description))
    entry.append(holder)
    return entry


def records_xmp(xmp: bytes, fields: dict[str, str], keep_ua: bool) -> bytes:
    """LibreOffice's XMP packet with the records fields added (and ``pdfuaid`` dropped unless ``keep_ua``)."""
    start, end = xmp.find(b"<x:xmpmeta"), xmp.rfind(b"</x:xmpmeta>")
    if start < 0 or end < 0:
        raise PdfMetadataError("the XMP packet has no x:xmpmeta")
    root = etree.fromstring(xmp[start : end + len(b"</x:xmpmeta>")])
    rdf = root.find("rdf:RDF", NS)
    if rdf is None:
        raise PdfMetadataError("the XMP packet has no rdf:RDF")
    has_ua = False
    for description in rdf.findall("rdf:Description", NS):
        if description.find("pdfuaid:part", NS) is not None:
            if keep_ua:
                has_ua = True
            else:
                rdf.remove(description)
    dublin = [
        _container("dc:language", "Bag", [fields["lang"]]) if "lang" in fields else None,
        _container("dc:date", "Seq", [fields["date"]]) if "date" in fields else None,
        _container("dc:type", "Bag", [fields["document_type"]]) if "document_type" in fields else None,
    ]
    rdf.append(_description(*[d for d in dublin if d is not None]))
    ours = [_element(f"jhs:{name}", fields[key]) for name, key, _ in _JHS_PROPERTIES if key in fields]
    if ours:
        rdf.append(_description(*ours))
    schemas = []
    if has_ua:
        schemas.append(
            _schema(
                "PDF/UA identification schema",
                NS["pdfuaid"],
                "pdfuaid",
                [("part", "Integer", "internal", "Indicates which part of ISO 14289 the file conforms to")],
            )
        )
    if ours:
        schemas.append(
            _schema(
                "JHS 143 records metadata",
                NS["jhs"],
                "jhs",
                [(name, "Text", "external", description) for name, _, description in _JHS_PROPERTIES],
            )
        )
    if schemas:
        holder = _element("pdfaExtension:schemas")
        bag = etree.SubElement(holder, f"{_RDF}Bag")
        for schema in schemas:
            bag.append(schema)
        rdf.append(_description(holder))
    etree.indent(root, space=" ")
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    padding = (b" " * 99 + b"\n") * 20  # room for a later editor to grow the packet in place
    return xmp[:start] + body + b"\n" + padding + xmp[end + len(b"</x:xmpmeta>") :].lstrip()


_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref", re.S)


def _xref_offsets(pdf: bytes, offset: int) -> dict[int, int]:
    """Object number → byte offset, from the classic xref table at ``offset`` (and the ones before it)."""
    offsets: dict[int, int] = {}
    seen = set()
    while offset not in seen:
        seen.add(offset)
        if not pdf.startswith(b"xref", offset):
            raise PdfMetadataError("no classic cross-reference table")
        stream = io.BytesIO(pdf[offset + 4 :])
        while True:
            line = stream.readline().strip()
            if not line:
                continue
            if line.startswith(b"trailer"):
                break
            first, count = (int(n) for n in line.split())
            for number in range(first, first + count):
                entry = stream.read(20)
                if entry[17:18] == b"n":
                    offsets.setdefault(number, int(entry[:10]))
        trailer = _TRAILER.search(pdf, offset)
        previous = re.search(rb"/Prev\s+(\d+)", trailer.group(1)) if trailer else None
        if previous is None:
            break
        offset = int(previous.group(1))
    return offsets


def _object(pdf: bytes, offsets: dict[int, int], number: int) -> bytes:
    start = offsets.get(number)
    if start is None or not re.match(rb"%d\s+0\s+obj" % number, pdf[start:]):
        raise PdfMetadataError(f"object {number} is not where the xref table says")
    return pdf[start : pdf.index(b"endobj", start)]


def add_records(pdf: bytes, fields: dict[str, str], keep_ua: bool = True) -> bytes:
    """``pdf`` with its XMP metadata stream replaced by one carrying ``fields`` (an incremental update)."""
    tail = _STARTXREF.search(pdf[-64:])
    if tail is None:
        raise PdfMetadataError("no startxref at the end of the file")
    previous_xref = int(tail.group(1))
    trailer = _TRAILER.search(pdf, previous_xref)
    if trailer is None:
        raise PdfMetadataError("no trailer after the last cross-reference table")
    trailer_dict = trailer.group(1)
    root_ref = re.search(rb"/Root\s+(\d+)\s+0\s+R", trailer_dict)
    size = re.search(rb"/Size\s+(\d+)", trailer_dict)
    if root_ref is None or size is None:
        raise PdfMetadataError("the trailer names no /Root or /Size")
    offsets = _xref_offsets(pdf, previous_xref)
    catalog = _object(pdf, offsets, int(root_ref.group(1)))
    metadata_ref = re.search(rb"/Metadata\s+(\d+)\s+0\s+R", catalog)
    if metadata_ref is None:
        raise PdfMetadataError("the catalog has no /Metadata stream")
    number = int(metadata_ref.group(1))
    old = _object(pdf, offsets, number)
    begin = old.index(b"stream", old.index(b">>")) + len(b"stream")
    begin += 2 if old[begin : begin + 2] == b"\r\n" else 1
    stream_end = old.rindex(b"endstream")
    if re.search(rb"/Filter", old[:begin]):
        raise PdfMetadataError("the metadata stream is compressed (PDF/A forbids it)")
    xmp = records_xmp(old[begin:stream_end].rstrip(b"\r\n"), fields, keep_ua)

    update = bytearray()
    body = pdf if pdf.endswith(b"\n") else pdf + b"\n"
    object_offset = len(body)
    update += b"%d 0 obj\n<</Type/Metadata/Subtype/XML/Length %d>>\nstream\n" % (number, len(xmp))
    update += xmp + b"\nendstream\nendobj\n"
    xref_offset = object_offset + len(update)
    update += b"xref\n%d 1\n%010d 00000 n\r\n" % (number, object_offset)
    # The new trailer repeats the old one's entries (/Root, /Info, /ID) and points back to it.
    kept = re.sub(rb"/Prev\s+\d+", b"", trailer_dict).strip()
    update += b"trailer\n<<" + kept + b"/Prev %d>>\nstartxref\n%d\n%%%%EOF\n" % (previous_xref, xref_offset)
    return bytes(body) + bytes(update)
