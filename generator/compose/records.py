"""The records metadata of each output: what an archive and a records system read without opening it.

Municipal records are described by the JHS 143 descriptive fields: title, the case's record number
(diaarinumero), document type, status, version, language, the organisation that made it and its
date. Every .docx and .pptx carries them in its document properties (``docProps/core.xml`` and,
for what core properties cannot hold, ``docProps/custom.xml``), and every PDF in its XMP metadata,
so a document keeps its description when it is filed, published or moved between systems.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.language import labels
from generator.model.entities import Case


@dataclass(frozen=True)
class Records:
    """The descriptive metadata of one output (JHS 143), worded in the output's language."""

    title: str
    document_type: str  # "Sopimus", "Päätösehdotus", ...
    status: str  # as the document shows it: LUONNOS, VOIMASSA, HYVÄKSYTTY, ...
    version: str
    lang: str  # the document's language code (fi, sv)
    organisation: str  # the organisation that prepared it (the case's ``prepared_by``)
    date: dt.date
    identifier: str  # the document's own id (the tree's)
    subject: str = ""  # the case it belongs to
    record_number: str | None = None  # the case's diaarinumero, when the case gives one


def records_for(case: Case, kind: str, title: str, lang: str, identifier: str, status: str | None = None) -> Records:
    """The metadata of an output of ``kind`` in ``lang``; ``status`` as the document states it (an
    agreement already in force says VOIMASSA), by default the case version's status in words."""
    words = labels(lang)
    version = case.version_in(lang)
    return Records(
        title=title,
        document_type=words["records"][kind],
        status=status if status is not None else words["status"][version.version.status],
        version=version.version.number,
        lang=lang,
        organisation=version.prepared_by.official_name if version.prepared_by else "",
        date=version.version.date,
        identifier=identifier,
        subject=version.title,
        record_number=version.record_number,
    )
