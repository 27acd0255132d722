"""A municipality's own deck template (case.yaml ``deck_template``): present, a .pptx, with the layouts.

Checked at validation, with the YAML position, so a wrong path or a template without the layouts
the writer places slides on is one clear finding rather than a failed build.
"""

from __future__ import annotations

import zipfile

from lxml import etree

from generator.findings import Finding
from generator.load.case_folder import RawCase
from generator.write.pptx_writer import LAYOUTS

_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_REASONS = {
    "missing": ("tiedostoa ei ole", "the file does not exist"),
    "not_pptx": ("tiedosto ei ole PowerPoint-esitys", "the file is not a PowerPoint presentation"),
    "layouts": ("siitä puuttuu asettelu {names}", "it lacks the layout {names}"),
}


def _layout_names(archive: zipfile.ZipFile) -> set[str]:
    names = set()
    for part in archive.namelist():
        if part.startswith("ppt/slideLayouts/") and part.endswith(".xml"):
            slide_data = etree.fromstring(archive.read(part)).find(f"{_P}cSld")
            if slide_data is not None:
                names.add(slide_data.get("name", ""))
    return names


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
                missing = sorted(set(LAYOUTS.values()) - _layout_names(archive))
            reason = "layouts" if missing else ""
        except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError):
            reason = "not_pptx"
    if not reason:
        return []
    fi, en = _REASONS[reason]
    names = ", ".join(missing)
    return [
        Finding(
            "DECK-TEMPLATE",
            "error",
            raw.case.position(("deck_template",)),
            {
                "path": value,
                "reason_fi": fi.format(names=names),
                "reason_en": en.format(names=names),
                "layouts": ", ".join(LAYOUTS.values()),
            },
        )
    ]
