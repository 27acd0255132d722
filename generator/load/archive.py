"""Opening a ZIP package the user gave (a deck template, an output to ``check``) without trusting it.

A 1.5 MB file can declare members that inflate to gigabytes, hold a hundred thousand entries, or
carry XML with entity definitions. Before any member is read, its declared size is checked against
``MAX_MEMBER_BYTES`` and the sum against ``MAX_TOTAL_BYTES``; the zipfile module stops inflating a
member at its declared size (and then fails its CRC), so a lying header cannot get past the check.
XML is parsed without entities, DTDs or network access. Every way a package can be unreadable
becomes one exception, ``ArchiveProblem``, with a reason the user can act on.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from lxml import etree

MAX_MEMBER_BYTES = 50_000_000
MAX_TOTAL_BYTES = 200_000_000
MAX_MEMBERS = 10_000

# Reasons, in Finnish and English, by kind.
REASONS = {
    "not_zip": ("tiedosto ei ole ehjä Office-paketti (ZIP)", "the file is not an intact Office package (ZIP)"),
    "too_large": (
        "paketin osa {part} purkautuu yli {limit} tavun kokoiseksi",
        "the package member {part} decompresses to more than {limit} bytes",
    ),
    "too_large_total": (
        "paketti purkautuu yli {limit} tavun kokoiseksi",
        "the package decompresses to more than {limit} bytes",
    ),
    "too_many": ("paketissa on yli {limit} osaa", "the package holds more than {limit} members"),
    "missing": ("paketista puuttuu osa {part}", "the package lacks the member {part}"),
    "bad_xml": ("paketin osa {part} ei ole kelvollista XML:ää", "the package member {part} is not valid XML"),
}

# What a damaged package raises while it is opened or a member inflated.
_UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError)
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class ArchiveProblem(Exception):
    """A package that cannot be read safely; ``reason(lang)`` says why."""

    def __init__(self, kind: str, part: str = "", limit: int = 0) -> None:
        super().__init__(REASONS[kind][1].format(part=part, limit=limit))
        self.kind = kind
        self.part = part
        self.limit = limit

    def reason(self, lang: str) -> str:
        fi, en = REASONS[self.kind]
        return (fi if lang == "fi" else en).format(part=self.part, limit=f"{self.limit:,}".replace(",", " "))


class MissingPart(ArchiveProblem, KeyError):
    """A member the package does not have: also a KeyError, as zipfile raises, so a reader that
    treats some parts as optional keeps catching it as before."""

    def __str__(self) -> str:
        return ArchiveProblem.__str__(self)


class Archive:
    """A ZIP package on disk or in memory, its declared sizes checked before anything is inflated."""

    def __init__(self, source: Path | bytes, max_total: int = MAX_TOTAL_BYTES) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
            infos = self.zip.infolist()
        except _UNREADABLE as exc:
            raise ArchiveProblem("not_zip") from exc
        if len(infos) > MAX_MEMBERS:
            raise ArchiveProblem("too_many", limit=MAX_MEMBERS)
        total = 0
        for info in infos:
            if info.file_size > MAX_MEMBER_BYTES:
                raise ArchiveProblem("too_large", info.filename, MAX_MEMBER_BYTES)
            total += info.file_size
        if total > max_total:
            raise ArchiveProblem("too_large_total", limit=max_total)
        self.names = [info.filename for info in infos]
        self._names = set(self.names)

    def __contains__(self, part: str) -> bool:
        return part in self._names

    def read(self, part: str) -> bytes:
        """A member's bytes, inflated in small steps: ``ZipFile.read`` would inflate a member whose
        header understates its size in one go (a 1.5 MB file can hold 1.5 GB) before truncating it."""
        if part not in self._names:
            raise MissingPart("missing", part)
        info = self.zip.getinfo(part)
        chunks: list[bytes] = []
        total = 0
        try:
            with self.zip.open(info) as member:
                while chunk := member.read(1 << 16):
                    total += len(chunk)
                    if total > min(info.file_size, MAX_MEMBER_BYTES):
                        raise ArchiveProblem("too_large", part, MAX_MEMBER_BYTES)
                    chunks.append(chunk)
        except _UNREADABLE as exc:  # a CRC that does not match: the header lied, or the data is damaged
            raise ArchiveProblem("not_zip") from exc
        return b"".join(chunks)

    def verify(self) -> None:
        """Inflate every member once, in small steps, checking its size and CRC, and refuse an XML
        part with a document type declaration (OOXML has none; it is where entity bombs live): a
        package that passes can be handed to a library that reads members whole and parses them with
        its own parser (python-pptx, for a template)."""
        for name in self.names:
            data = self.read(name)
            if name.endswith((".xml", ".rels")) and b"<!DOCTYPE" in data:
                raise ArchiveProblem("bad_xml", name)

    def xml(self, part: str) -> etree._Element:
        try:
            return etree.fromstring(self.read(part), XML_PARSER)
        except etree.XMLSyntaxError as exc:
            raise ArchiveProblem("bad_xml", part) from exc

    def close(self) -> None:
        self.zip.close()


def parse_xml(data: bytes, part: str) -> etree._Element:
    """XML from a package part, parsed safely; ArchiveProblem if it is not XML."""
    try:
        return etree.fromstring(data, XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ArchiveProblem("bad_xml", part) from exc
