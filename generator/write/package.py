"""Byte-identical OOXML packages: the same input gives the same file, whenever it is built.

python-docx and python-pptx stamp zip entries with the current time; lawyers and archives compare
files by hash, so every entry is rewritten with the case's date, in the writer's order, with the
same compression settings.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")
_EMBEDDED = (".xlsx", ".xlsm", ".docx", ".pptx")


def normalise_package(data: bytes, when: dt.date) -> bytes:
    """Fixed entry times and order; embedded packages (a chart's workbook) get the same treatment."""
    stamp = (max(when.year, 1980), when.month, when.day, 12, 0, 0)
    iso = f"{when.isoformat()}T12:00:00Z".encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            content = source.read(info.filename)
            if info.filename.lower().endswith(_EMBEDDED):
                content = normalise_package(content, when)
            elif info.filename == "docProps/core.xml":
                content = _W3CDTF.sub(rb"\g<1>" + iso + rb"\g<2>", content)
            target.writestr(entry, content, compresslevel=6)
    return out.getvalue()
