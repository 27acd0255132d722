"""docxtpl rendering an agreement from a .docx template, against our compose + write, same run.

docxtpl is what most Python projects would reach for: a Word file with Jinja tags. To compare like
with like, the template is made (untimed, with python-docx) from our own composed agreement: the same
title block, chapters and clauses with their prose, the parties, seats and cost-share tables as
``{%tr for %}`` row loops, the signature table, header and footer. The party names in the prose are
Jinja expressions again, so docxtpl substitutes values throughout as a real template would, and
the context (formatted numbers, roles, highlighted illustrative figures) is built from the model
inside the timed part, as our composer builds its tree. Both sides produce .docx bytes in memory.
The rendered texts are compared, paragraph by paragraph, to prove the two documents say the same.
"""

from __future__ import annotations

import io
import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docxtpl import DocxTemplate, RichText

SIGNATURE_RULE = "_" * 34
_HEADING_NUMBER = re.compile(r"^\d+(\.\d+)? ")
_LOOP_TABLES = ("parties", "seats", "shares")


@dataclass(frozen=True)
class Comparison:
    agreement: str  # 'id, kind' of the agreement rendered
    ours: float  # median seconds: compose_agreement + write_docx
    docxtpl: float  # median seconds: load template + context + render + save
    docxtpl_parts: dict[str, float]  # median seconds of each docxtpl step
    paragraphs: int
    differing: list[tuple[str, str]]  # (ours, docxtpl) where the texts differ
    runs: int

    @property
    def ratio(self) -> float:
        return self.ours / self.docxtpl


# --- the template (built once, not timed) --------------------------------------------------------


def _substitutions(case: Any, agreement: Any) -> tuple[re.Pattern[str], dict[str, str]]:
    """Values that vary by case → Jinja expressions: the title, version, date and each party's
    names (official, genitive, plain). Longest first, so 'Halsuan kunta' wins over 'Halsua'."""
    from generator.formats import fi_date

    expressions = {
        agreement.title: "{{ title }}",
        case.version.number: "{{ version }}",
        fi_date(case.version.date): "{{ date }}",
    }
    for m in agreement.parties:
        for attribute in ("official_name", "genitive", "name"):
            expressions.setdefault(getattr(m, attribute), f"{{{{ m['{m.id}'].{attribute} }}}}")
    alternatives = "|".join(re.escape(text) for text in sorted(expressions, key=len, reverse=True))
    return re.compile(alternatives), expressions


def _add_runs(paragraph: Any, runs: Any, names: tuple[re.Pattern[str], dict[str, str]]) -> None:
    pattern, expressions = names
    for run in runs:
        assert "{" not in run.text, "prose with Jinja syntax would need escaping"
        added = paragraph.add_run(pattern.sub(lambda match: expressions[match.group(0)], run.text))
        added.bold = run.mark in ("strong", "placeholder")
        if run.mark in ("illustrative", "placeholder"):
            added.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _field(paragraph: Any, instruction: str) -> None:
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)  # python-docx has no API for fields


def _loop_table(document: Any, table: Any) -> None:
    """Header row as in our table, a ``{%tr for %}`` loop over the body rows, then the total row."""
    name = table.id.split(":")[0]
    rows = 4 + (1 if table.total else 0)
    grid = document.add_table(rows=rows, cols=len(table.header))
    grid.style = "Table Grid"
    for i, heading in enumerate(table.header):
        grid.cell(0, i).paragraphs[0].add_run(heading).bold = True
    grid.cell(1, 0).text = f"{{%tr for row in tables.{name}.rows %}}"
    for i in range(len(table.header)):
        grid.cell(2, i).text = f"{{{{r row[{i}] }}}}"
    grid.cell(3, 0).text = "{%tr endfor %}"
    if table.total:
        for i in range(len(table.header)):
            grid.cell(4, i).text = f"{{{{r tables.{name}.total[{i}] }}}}"
    document.add_paragraph()


def _signature_table(document: Any, lines: int) -> None:
    """Two signatories a row, as ours; the second cell only when the pair has two."""
    grid = document.add_table(rows=3, cols=2)
    grid.cell(0, 0).text = "{%tr for pair in signatory_pairs %}"
    for column, guard in ((0, None), (1, "pair|length > 1")):
        cell = grid.cell(1, column)
        cell.paragraphs[0].text = f"{{%p if {guard} %}}" if guard else ""
        who = f"pair[{column}]"
        cell.add_paragraph().add_run(f"{{{{ {who}.name }}}}").bold = True
        for k in range(lines):
            cell.add_paragraph(SIGNATURE_RULE)
            cell.add_paragraph(f"{{{{ {who}.lines[{k}] }}}}")
        if guard:
            cell.add_paragraph("{%p endif %}")
    grid.cell(2, 0).text = "{%tr endfor %}"


def build_template(tree: Any, case: Any, agreement: Any, path: Path) -> bytes:
    """Write the .docx Jinja template equivalent to ``tree`` at ``path``; returns its bytes.

    Labels (status, headings, clause prose) are the template's fixed text, as in any Word template;
    values that come from the case are Jinja expressions."""
    from generator.compose.tree import BulletList, Run, Table

    names = _substitutions(case, agreement)
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.header.paragraphs[
        0
    ].text = f"{{{{ title }}}}\t{tree.status} · {tree.labels['version']} {{{{ version }}}} · {{{{ date }}}}"
    footer = section.footer.paragraphs[0]
    footer.add_run(tree.labels["page"] + " ")
    _field(footer, "PAGE")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES")
    document.add_paragraph().add_run(tree.status).bold = True
    document.add_paragraph("{{ title }}", style="Title")
    for label, value in tree.meta:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        _add_runs(paragraph, (Run(value),), names)
    for paragraph in (*tree.lead_paragraphs, *tree.notes):
        _add_runs(document.add_paragraph(), paragraph.runs, names)
    for n, chapter in enumerate(tree.chapters, start=1):
        document.add_heading(f"{n} {chapter.title}", 1)
        for c, clause in enumerate(chapter.clauses, start=1):
            document.add_heading(f"{n}.{c} {clause.title}", 2)
            for block in clause.blocks:
                if isinstance(block, Table):
                    assert block.id.split(":")[0] in _LOOP_TABLES, f"no template for table {block.id}"
                    _loop_table(document, block)
                elif isinstance(block, BulletList):
                    for item in block.items:
                        _add_runs(document.add_paragraph(style="List Bullet"), item, names)
                else:
                    _add_runs(document.add_paragraph(), block.runs, names)
    if tree.signatories:
        document.add_heading(tree.signatures_title, 1)
        _signature_table(document, len(tree.signatories[0].lines))
    document.save(path)
    return path.read_bytes()


# --- the context (timed: docxtpl's share of the work) ---------------------------------------------


def _text(value: str, illustrative: bool = False, bold: bool = False) -> RichText:
    return RichText(value + ("*" if illustrative else ""), highlight="yellow" if illustrative else None, bold=bold)


def _number(value: Any) -> str:
    from generator.formats import fi_number

    return fi_number(value, 0 if value == value.to_integral() else 2)


def context(case: Any, agreement: Any) -> dict[str, Any]:
    """Everything the template needs, formatted from the model the way our composer formats it."""
    from generator.formats import fi_date, fi_euro, fi_number, fi_percent
    from generator.language import labels

    words = labels(case.language)
    roles, total_word = words["roles"], words["tables"]["total"]
    assert agreement.lead is not None, "the comparison covers agreements with a lead municipality"
    parties = [
        [
            _text(m.official_name),
            _text(m.business_id) if m.business_id else RichText(words["to_be_checked"], highlight="yellow", bold=True),
            _text(roles["lead"] if m.id == agreement.lead.id else roles["member"]),
        ]
        for m in agreement.parties
    ]
    tables: dict[str, Any] = {"parties": {"rows": parties}}
    comp, cost = agreement.composition, agreement.cost
    if comp is not None:
        tables["seats"] = {
            "rows": [
                [
                    _text(s.municipality.name),
                    _text(fi_number(s.population.value), s.population.illustrative),
                    _text(str(s.seats)),
                ]
                for s in comp.seats
            ],
            "total": [
                _text(total_word, bold=True),
                _text(fi_number(sum(s.population.value for s in comp.seats)), bold=True),
                _text(str(comp.total), bold=True),
            ],
        }
    if cost is not None:
        unit = "\u00a0%" if cost.basis == "fixed" else ""
        rows = [
            [
                _text(s.municipality.name),
                _text(_number(s.figure) + unit, s.figure_illustrative),
                _text(fi_percent(s.hundredths)),
            ]
            for s in cost.shares
        ]
        total = [
            _text(total_word, bold=True),
            _text(_number(sum(s.figure for s in cost.shares)) + unit, bold=True),
            _text(fi_percent(sum(s.hundredths for s in cost.shares)), bold=True),
        ]
        if cost.budget is not None:
            for row, share in zip(rows, cost.shares, strict=False):
                row.append(_text(fi_euro(share.euros or 0), cost.budget.illustrative))
            total.append(_text(fi_euro(cost.budget.amount), cost.budget.illustrative, bold=True))
        tables["shares"] = {"rows": rows, "total": total}
    signatories = [
        {"name": m.official_name, "lines": [words["place_and_date"], words["signature_line"], words["signature_line"]]}
        for m in agreement.parties
    ]
    return {
        "title": agreement.title,
        "version": case.version.number,
        "date": fi_date(case.version.date),
        "m": {
            m.id: {"name": m.name, "genitive": m.genitive, "official_name": m.official_name} for m in agreement.parties
        },
        "tables": tables,
        "signatory_pairs": [signatories[i : i + 2] for i in range(0, len(signatories), 2)],
    }


# --- rendering and comparing ----------------------------------------------------------------------


def render_docxtpl(template: bytes, case: Any, agreement: Any) -> tuple[bytes, dict[str, float]]:
    """Load, fill, render and save to memory; returns the .docx bytes and each step's seconds."""
    marks = [time.perf_counter()]
    document = DocxTemplate(io.BytesIO(template))
    document.init_docx()  # docxtpl would otherwise load the package lazily, inside render()
    marks.append(time.perf_counter())
    values = context(case, agreement)
    marks.append(time.perf_counter())
    document.render(values, autoescape=True)
    marks.append(time.perf_counter())
    out = io.BytesIO()
    document.save(out)
    marks.append(time.perf_counter())
    steps = ("load", "context", "render", "save")
    return out.getvalue(), {step: marks[i + 1] - marks[i] for i, step in enumerate(steps)}


def render_ours(case: Any, agreement: Any) -> bytes:
    """Exactly what ``render_case`` does for one agreement (without review comments)."""
    from generator.compose.agreement import compose_agreement
    from generator.write.docx_writer import write_docx

    author = case.prepared_by.official_name if case.prepared_by else ""
    return write_docx(compose_agreement(case, agreement), author, case.version.date, case.language)


def body_texts(data: bytes) -> list[str]:
    """Every non-empty paragraph of the body, tables included, in order; heading numbers removed
    (ours come from Word's list numbering, the template's are typed)."""
    body = docx.Document(io.BytesIO(data)).element.body
    texts = []
    for paragraph in body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t"))).strip()
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is not None and style.get(qn("w:val"), "").startswith("Heading"):
            text = _HEADING_NUMBER.sub("", text)
        if text:
            texts.append(text)
    return texts


def compare(case_folder: Path, workdir: Path, runs: int) -> Comparison:
    """Time both renderers on the case's first agreement, interleaved, ``runs`` times each."""
    from generator.compose.agreement import compose_agreement
    from generator.validate import validate_case

    case, _ = validate_case(case_folder)
    assert case is not None, f"{case_folder} does not validate"
    agreement = case.agreements[0]
    template = build_template(compose_agreement(case, agreement), case, agreement, workdir / "agreement-template.docx")
    ours_bytes, theirs_bytes = render_ours(case, agreement), render_docxtpl(template, case, agreement)[0]
    ours_texts, theirs_texts = body_texts(ours_bytes), body_texts(theirs_bytes)
    differing = [(a, b) for a, b in zip(ours_texts, theirs_texts, strict=False) if a != b]
    if len(ours_texts) != len(theirs_texts):
        differing.append((f"{len(ours_texts)} paragraphs", f"{len(theirs_texts)} paragraphs"))
    ours_times, theirs_times = [], []
    parts: dict[str, list[float]] = {}
    for _ in range(runs):
        start = time.perf_counter()
        render_ours(case, agreement)
        ours_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        _, steps = render_docxtpl(template, case, agreement)
        theirs_times.append(time.perf_counter() - start)
        for step, seconds in steps.items():
            parts.setdefault(step, []).append(seconds)
    return Comparison(
        f"{agreement.id}, {agreement.kind}",
        statistics.median(ours_times),
        statistics.median(theirs_times),
        {step: statistics.median(values) for step, values in parts.items()},
        len(ours_texts),
        differing,
        runs,
    )
