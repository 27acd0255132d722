"""Deterministic ZIP packages for OOXML, with parts compressed once and reused.

Every .docx and .pptx of a build shares large static parts (styles, theme, slide masters). The
standard library's zipfile compresses every part each time it is written; this writer accepts a
part already deflated, so a static part is compressed once per process however many documents
carry it. Entries get the case's date, a fixed order and fixed attributes, so the same input
always gives the same bytes (lawyers and archives compare files by hash).

The format is the plain ZIP of PKWARE's APPNOTE (local headers, central directory, end record),
without ZIP64: an OOXML package of this tool is far below 4 GiB.
"""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

_LEVEL = 6


@dataclass(frozen=True)
class Deflated:
    """A part's raw deflate stream with the figures a ZIP header needs."""

    data: bytes
    crc: int
    size: int


def deflate(content: bytes) -> Deflated:
    compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
    return Deflated(compressor.compress(content) + compressor.flush(), zlib.crc32(content), len(content))


def _dos_stamp(when: dt.date) -> tuple[int, int]:
    """DOS time and date fields for noon of ``when`` (ZIP stores only the years 1980–2107)."""
    year = min(max(when.year, 1980), 2107)
    return (12 << 11), ((year - 1980) << 9) | (when.month << 5) | when.day


def zip_package(parts: Iterable[tuple[str, bytes | Deflated]], when: dt.date) -> bytes:
    """The package bytes: parts in the given order, each stamped with ``when``."""
    time, date = _dos_stamp(when)
    chunks: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    count = 0
    for name, content in parts:
        part = content if isinstance(content, Deflated) else deflate(content)
        encoded = name.encode("utf-8")
        fields = (20, 0, 8, time, date, part.crc, len(part.data), part.size, len(encoded))
        local = struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + encoded
        directory.append(
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0o644 << 16, offset) + encoded
        )
        chunks += (local, part.data)
        offset += len(local) + len(part.data)
        count += 1
    central = b"".join(directory)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), offset, 0)
    return b"".join(chunks) + central + end
