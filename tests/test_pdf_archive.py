"""`build --pdf` writes PDF/A-2 files with tags, title and language, checked by a reader that is not ours.

The checks open each PDF with pikepdf (qpdf) and read what an archive's validator and a screen
reader rely on: the XMP's PDF/A identification (part 2, a conformance level) and every XMP
property declared as PDF/A requires, the structure tree and the MarkInfo of a tagged PDF, the
document language, the title (in the XMP and the document information, shown in the window),
embedded fonts, bookmarks, and a file qpdf reads without repairing. veraPDF, the reference PDF/A
validator, is a Java application that neither Debian nor PyPI ships, so these checks stand in for it.
An untagged PDF fails them (a test proves the check can fail).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

REPO = Path(__file__).resolve().parent.parent
AGREEMENTS = REPO / "agreements"
XMP_NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
}
# Schemas PDF/A-2 predefines (XMP 2005 and ISO 19005): their properties need no extension schema.
PREDEFINED = {
    "http://purl.org/dc/elements/1.1/",
    "http://ns.adobe.com/xap/1.0/",
    "http://ns.adobe.com/xap/1.0/rights/",
    "http://ns.adobe.com/xap/1.0/mm/",
    "http://ns.adobe.com/pdf/1.3/",
    "http://www.aiim.org/pdfa/ns/id/",
    "http://www.aiim.org/pdfa/ns/extension/",
    "http://ns.adobe.com/photoshop/1.0/",
}


def archive_problems(path: Path) -> list[str]:
    """What keeps the file from being a tagged PDF/A-2 with title and language (empty: nothing)."""
    problems: list[str] = []
    with pikepdf.open(path) as pdf:
        problems += [f"qpdf: {w}" for w in pdf.get_warnings()] + [f"syntax: {p}" for p in pdf.check_pdf_syntax()]
        root = pdf.Root
        meta = pdf.open_metadata()
        part, conformance = meta.get("pdfaid:part"), meta.get("pdfaid:conformance")
        if part != "2" or conformance not in ("A", "B", "U"):
            problems.append(f"XMP pdfaid: part {part!r}, conformance {conformance!r}")
        if "/Metadata" not in root:
            problems.append("no XMP metadata stream")
        else:
            if "/Filter" in root.Metadata:
                problems.append("the XMP stream is compressed")
            xmp = bytes(root.Metadata.read_bytes())
            start, end = xmp.find(b"<x:xmpmeta"), xmp.rfind(b"</x:xmpmeta>") + len(b"</x:xmpmeta>")
            tree = etree.fromstring(xmp[start:end])
            declared = {e.text for e in tree.iter(f"{{{XMP_NS['pdfaSchema']}}}namespaceURI")}
            for description in tree.iterfind(".//rdf:Description", XMP_NS):
                for prop in description:
                    uri = etree.QName(prop).namespace
                    if uri not in PREDEFINED and uri not in declared:
                        problems.append(f"XMP property {etree.QName(prop).localname} of {uri} is not declared")
        structure = root.get("/StructTreeRoot")
        if structure is None or len(structure.get("/K", pikepdf.Array())) == 0 and "/K" not in structure:
            problems.append("no structure tree (/StructTreeRoot): not tagged")
        mark = root.get("/MarkInfo")
        if mark is None or not bool(mark.get("/Marked", False)):
            problems.append("/MarkInfo /Marked is not true")
        if not str(root.get("/Lang", "")).strip():
            problems.append("no document language (/Lang)")
        title = meta.get("dc:title")
        if not title or str(pdf.docinfo.get("/Title", "")) != title:
            problems.append(f"title: XMP {title!r}, document information {pdf.docinfo.get('/Title')!r}")
        preferences = root.get("/ViewerPreferences")
        if preferences is None or not bool(preferences.get("/DisplayDocTitle", False)):
            problems.append("the title is not shown in the window (/DisplayDocTitle)")
        for page in pdf.pages:
            for name, font in page.Resources.get("/Font", {}).items():
                fonts = [font] + list(font.get("/DescendantFonts", []))
                if not any(
                    key in f.get("/FontDescriptor", {})
                    for f in fonts
                    for key in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    problems.append(f"font {name} ({font.get('/BaseFont')}) is not embedded")
    return problems


@pytest.fixture(scope="module")
def pdf_build(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every example case built with --pdf, as a user runs it."""
    out = tmp_path_factory.mktemp("pdf-build")
    run = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(AGREEMENTS), "--out", str(out), "--pdf", "--jobs", "2"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=1200,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return out


def test_every_pdf_of_every_example_case_is_tagged_pdfa_2_with_title_and_language(pdf_build: Path) -> None:
    sources = sorted(p for p in pdf_build.rglob("*") if p.suffix in (".docx", ".pptx"))
    pdfs = sorted(pdf_build.rglob("*.pdf"))
    assert len(pdfs) == len(sources) >= 20
    for pdf in pdfs:
        assert archive_problems(pdf) == [], pdf.relative_to(pdf_build)


def test_every_pdf_carries_the_records_metadata_of_its_source(pdf_build: Path) -> None:
    for pdf_path in sorted(pdf_build.rglob("*.pdf")):
        with pikepdf.open(pdf_path) as pdf:
            meta = pdf.open_metadata()
            jhs = "{https://kuntasopimus.invalid/ns/jhs143/1.0/}"
            assert meta.get(f"{jhs}status") in (
                "LUONNOS",
                "VOIMASSA",
                "NEUVOTTELUTULOS",
                "HYVÄKSYTTY",
                "UTKAST",
                "GODKÄNT",
            )
            assert meta.get(f"{jhs}version") and meta.get(f"{jhs}organisation")
            assert meta.get(f"{jhs}documentType")
            assert meta.get("dc:language") in ({"fi-FI"}, {"sv-FI"})
            assert str(pdf.Root.Lang) in meta.get("dc:language")
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta.get("dc:date")[0])
            # Only Word documents claim PDF/UA (a deck's charts lose their alternative text in LibreOffice 7.4).
            claims_ua = meta.get("{http://www.aiim.org/pdfua/ns/id/}part") == "1"
            assert claims_ua == pdf_path.with_suffix(".docx").is_file(), pdf_path.name


def test_a_pdf_without_tags_or_pdfa_fails_the_check(soffice: str, pdf_build: Path, tmp_path: Path) -> None:
    source = next(pdf_build.rglob("*.docx"))
    plain = tmp_path / "plain"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(plain),
            str(source),
        ],
        capture_output=True,
        timeout=300,
        check=True,
    )
    problems = archive_problems(plain / source.with_suffix(".pdf").name)
    assert any("pdfaid" in p for p in problems) and any("structure tree" in p for p in problems), problems


# --- reading order: the text a screen reader follows, in tag order ----------------------------


def _unicode_map(font: pikepdf.Dictionary) -> dict[int, str]:
    """Character codes → text from a font's ToUnicode CMap (LibreOffice's are bfchar and bfrange)."""
    if "/ToUnicode" not in font:
        return {}
    cmap = bytes(font.ToUnicode.read_bytes()).decode("latin-1")
    out: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            first = int(text, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                out[code] = chr(first + offset)
    return out


def _marked_text(page: pikepdf.Page) -> dict[int, str]:
    """The text of each marked-content sequence (by MCID) of a page's content stream."""
    fonts = {name: _unicode_map(font) for name, font in page.Resources.get("/Font", {}).items()}
    texts: dict[int, list[str]] = {}
    stack: list[int | None] = []
    current: dict[int, str] = {}
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            mcid = operands[1].get("/MCID") if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) else None
            stack.append(int(mcid) if mcid is not None else None)
        elif op == "EMC" and stack:
            stack.pop()
        elif op == "Tf":
            current = fonts.get(str(operands[0]), {})
        elif op in ("Tj", "TJ", "'", '"'):
            owner = next((m for m in reversed(stack) if m is not None), None)
            if owner is None:
                continue
            strings = operands[-1] if op == "TJ" else [operands[-1]]
            text = "".join(current.get(byte, "") for s in strings if isinstance(s, pikepdf.String) for byte in bytes(s))
            texts.setdefault(owner, []).append(text)
        elif op in ("Td", "TD", "T*") and stack:
            owner = next((m for m in reversed(stack) if m is not None), None)
            if owner is not None and texts.get(owner) and not texts[owner][-1].endswith(" "):
                texts[owner].append(" ")
    return {mcid: "".join(parts).strip() for mcid, parts in texts.items()}


def reading_order(path: Path, page_index: int) -> list[str]:
    """One line per structure element on the page, in tag order: its type and its text (or /Alt)."""
    with pikepdf.open(path) as pdf:
        page = pdf.pages[page_index]
        marked = _marked_text(page)
        lines: list[str] = []

        def on_page(element: pikepdf.Dictionary) -> bool:
            return "/Pg" not in element or element.Pg.objgen == page.obj.objgen

        def walk(node: object, depth: int, inherited_page: bool) -> str:
            if isinstance(node, pikepdf.Array):
                return "".join(walk(k, depth, inherited_page) for k in node)
            if isinstance(node, int):
                return marked.get(int(node), "") if inherited_page else ""
            if not isinstance(node, pikepdf.Dictionary):
                return ""
            if node.get("/Type") == "/MCR":
                return marked.get(int(node.MCID), "") if node.Pg.objgen == page.obj.objgen else ""
            if "/S" not in node:
                return ""
            here = on_page(node) if "/Pg" in node else inherited_page
            index = len(lines)
            lines.append("")
            text = walk(node.get("/K", pikepdf.Array()), depth + 1, here)
            alt = f" [Alt: {node.Alt}]" if "/Alt" in node else ""
            if text.strip() or alt:
                lines[index] = f"{'  ' * depth}{str(node.S)[1:]}: {text.strip()}{alt}"
            else:
                lines[index] = ""
            return text + " "

        walk(pdf.Root.StructTreeRoot.get("/K"), 0, False)
        return [line for line in lines if line]


def test_a_slide_reads_title_first_then_its_visual_then_the_caption(pdf_build: Path) -> None:
    deck = pdf_build / "kaustisen-seutukunta" / "halsua-valtuustoesitys.pdf"
    with pikepdf.open(deck) as pdf:
        titles = [item.title for item in pdf.open_outline().root]
    page = next(i for i, title in enumerate(titles) if title.startswith("Seutuvaltuusto"))
    order = reading_order(deck, page)
    # LibreOffice exports a slide-number field before the slide's own content (it treats it as the
    # master's); the number is one short paragraph, and the slide's content follows in its order.
    if re.fullmatch(r"P: \d+", order[0].strip()):
        order = order[1:]
    assert order[0].lstrip().startswith("H:") and "Seutuvaltuusto" in order[0]
    chart = next(i for i, line in enumerate(order) if line.lstrip().startswith("Figure"))
    assert 0 < chart, order
    # A caption, where the slide has one, is read after its visual.
    captions = [i for i, line in enumerate(order) if "Jäsenmäärät" in line]
    assert all(chart < i for i in captions), order
