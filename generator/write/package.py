"""Byte-identical copies of packages another library made (a chart's embedded workbook).

XlsxWriter stamps the workbook's properties and zip entries with the current time; lawyers and
archives compare files by hash, so the package is rewritten with the case's date, in its own
entry order, by the same ZIP writer as the documents.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from generator.write.zip_writer import zip_package

_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def normalise_package(data: bytes, when: dt.date) -> bytes:
    iso = f"{when.isoformat()}T12:00:00Z".encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = []
    for info in source.infolist():
        content = source.read(info.filename)
        if info.filename == "docProps/core.xml":
            content = _W3CDTF.sub(rb"\g<1>" + iso + rb"\g<2>", content)
        parts.append((info.filename, content))
    return zip_package(parts, when)
