"""The parts every generated .docx shares (styles, numbering, settings, fonts, theme), made once.

python-docx's default template with this project's styles and list definitions installed is the
reference document; it is built once per process and language and its parts are kept deflated, so
writing a document costs only its own text. The per-document parts (body, header, footer,
comments, properties) are serialised by ``docx_writer``.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from functools import cache

from generator.write.ooxml_parts import LANG_TAGS
from generator.write.zip_writer import Deflated, deflate

# Static parts taken from the reference document, with the relationship type each has from the body.
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
STATIC_PARTS = (
    ("word/styles.xml", f"{_REL}/styles", f"{_WML}.styles+xml"),
    ("word/numbering.xml", f"{_REL}/numbering", f"{_WML}.numbering+xml"),
    ("word/settings.xml", f"{_REL}/settings", f"{_WML}.settings+xml"),
    ("word/webSettings.xml", f"{_REL}/webSettings", f"{_WML}.webSettings+xml"),
    ("word/fontTable.xml", f"{_REL}/fontTable", f"{_WML}.fontTable+xml"),
    ("word/theme/theme1.xml", f"{_REL}/theme", "application/vnd.openxmlformats-officedocument.theme+xml"),
)

# Decimal and list separators a spreadsheet-minded field would use, per language.
_SEPARATORS = {"fi-FI": (",", ";"), "sv-FI": (",", ";"), "en-GB": (".", ",")}


@dataclass(frozen=True)
class DocxSkeleton:
    lang_tag: str
    parts: tuple[tuple[str, Deflated], ...]


def _settings(xml: str, lang_tag: str) -> str:
    """The reference settings in the document's language, without a preview picture it never has."""
    decimal, separator = _SEPARATORS[lang_tag]
    xml = xml.replace("<w:savePreviewPicture/>", "")
    xml = re.sub(r'<w:themeFontLang w:val="[^"]*"', f'<w:themeFontLang w:val="{lang_tag}"', xml)
    xml = re.sub(r'<w:decimalSymbol w:val="[^"]*"/>', f'<w:decimalSymbol w:val="{decimal}"/>', xml)
    return re.sub(r'<w:listSeparator w:val="[^"]*"/>', f'<w:listSeparator w:val="{separator}"/>', xml)


@cache
def docx_skeleton(lang: str) -> DocxSkeleton:
    import docx

    from generator.write.docx_numbering import install_numbering
    from generator.write.docx_styles import install_styles

    lang_tag = LANG_TAGS.get(lang, lang)
    reference = docx.Document()
    install_numbering(reference)
    install_styles(reference, lang_tag)
    buffer = io.BytesIO()
    reference.save(buffer)
    package = zipfile.ZipFile(buffer)
    parts = []
    for name, _, _ in STATIC_PARTS:
        content = package.read(name)
        if name == "word/settings.xml":
            content = _settings(content.decode("utf-8"), lang_tag).encode("utf-8")
        parts.append((name, deflate(content)))
    return DocxSkeleton(lang_tag, tuple(parts))
