"""Document tree → HTML: the editor's live preview, from the same tree the Word and PowerPoint writers use.

An agreement, the compliance matrix and a decision proposal are a ``Document``; a council deck is a
``Deck`` and becomes one ``<section>`` per slide (an appendix slide marked as such), with its headline
(callout), its chart as bars drawn in inline SVG with the labels the slide prints, its table, its
diagram as boxes in rows with the agreements that bind them, its timeline and its speaker notes; the
reader's own municipality is marked (``class="own"``) wherever the slide highlights it, and a graphic's
alternative text is its ``aria-label``. Nothing is computed or worded here: the writer lays out what
the tree says. Marks become elements a reader can see and a test can find: an illustrative figure is
``<mark class="illustrative">`` (with the tree's own asterisk), a redline's changes are ``<ins>`` and
``<del>``, a table carries its id (``data-table="seats:<agreement>"``) and a run that states a shared
fact its key (``data-fact``).

``html_fragment`` gives the ``<article>`` alone (the editor embeds it); ``write_html`` a whole page
with its style, which a browser opens as it is.
"""

from __future__ import annotations

from html import escape

from generator.compose.deck_tree import Chart, Deck, Diagram, Milestone, Slide
from generator.compose.tree import AltText, Block, BulletList, Change, Document, Paragraph, Run, Table

STYLE = """
.doc{font-family:Carlito,Calibri,"Liberation Sans",sans-serif;line-height:1.4;color:#1b1f24;max-width:52em}
.doc .status{font-weight:bold;letter-spacing:.05em}
.doc h1{font-size:1.5em;margin:.3em 0}
.doc .meta{margin:.1em 0;font-size:.92em}
.doc h2{font-size:1.15em;margin:1.2em 0 .4em}
.doc h3{font-size:1em;margin:.9em 0 .3em}
.doc p.note{font-size:.88em;font-style:italic;color:#444}
.doc p.lead{font-size:1.05em}
.doc table{border-collapse:collapse;margin:.4em 0 .8em;font-size:.92em}
.doc th,.doc td{border:1px solid #8a94a6;padding:.2em .5em;vertical-align:top}
.doc th{background:#dce3ed;text-align:left}
.doc td.num{text-align:right;white-space:nowrap}
.doc tr.total td{background:#f0f3f7;font-weight:bold}
.doc tr.own td{background:#fdf1d6;font-weight:bold}
.doc mark.illustrative,.doc mark.placeholder{background:#fff3a0}
.doc mark.placeholder{font-weight:bold}
.doc ins{background:#d8f5d0;text-decoration:underline}
.doc del{background:#fbd9d9;text-decoration:line-through}
.doc .signatures{display:grid;grid-template-columns:1fr 1fr;gap:1em}
.doc .signatory div{border-top:1px solid #555;margin-top:2em;font-size:.8em}
.deck .slide{border:1px solid #b8c0cc;border-radius:6px;padding:.8em 1.2em;margin:0 0 1.2em;aspect-ratio:16/9;
  max-width:60em;overflow:auto;background:#fff;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.deck .slide h2{margin-top:0}
.deck .slide .number{float:right;color:#777;font-size:.8em}
.deck .slide.title-slide{display:flex;flex-direction:column;justify-content:center;text-align:center}
.deck .slide.appendix{border-style:dashed;background:#fafbfc}
.deck .callout{font-size:1.4em;font-weight:bold;color:#2f5597;margin:.2em 0 .5em}
.deck .subtitle{white-space:pre-line;color:#333}
.deck .diagram .row{display:flex;gap:.6em;justify-content:center;margin:.4em 0}
.deck .diagram .box{border:1px solid #2f5597;border-radius:4px;padding:.3em .6em;background:#eef3fb;font-size:.9em;
  text-align:center}
.deck .diagram .box small{display:block;font-size:.8em}
.deck .diagram .box.body{background:#2f5597;color:#fff}
.deck .diagram .box.own{background:#fdf1d6;border-width:2px}
.deck .diagram ul{font-size:.85em}
.deck .timeline{display:flex;gap:1em;list-style:none;padding:0}
.deck .timeline li{border-top:4px solid #2f5597;padding-top:.3em;min-width:7em}
.deck .notes{border-top:1px dashed #999;margin-top:.8em;font-size:.85em;color:#444;white-space:pre-line}
.deck svg text{font-family:Carlito,Calibri,"Liberation Sans",sans-serif;font-size:11px}
"""


def _run(run: Run) -> str:
    text = escape(run.text)
    if run.mark == "strong":
        text = f"<strong>{text}</strong>"
    elif run.mark in ("illustrative", "placeholder"):
        text = f'<mark class="{run.mark}">{text}</mark>'
    if run.fact is not None:
        text = f'<span data-fact="{escape(run.fact)}">{text}</span>'
    if run.change is not None:
        text = f"<{run.change}>{text}</{run.change}>"
    return text


def _runs(runs: tuple[Run, ...]) -> str:
    return "".join(_run(r) for r in runs)


def _changed(change: Change, html: str) -> str:
    """A whole block inserted or deleted in a redline, marked around it."""
    return f'<div class="changed-{change}">{html}</div>' if change is not None else html


def _label(alt: AltText | None) -> str:
    """A graphic's alternative text as an ``aria-label`` attribute (with its leading space), or nothing."""
    return f' aria-label="{escape(f"{alt.title}: {alt.description}")}"' if alt is not None else ""


def _table(table: Table) -> str:
    headers = table.header_runs or tuple((Run(h),) for h in table.header)
    head = "".join(f"<th>{_runs(h)}</th>" for h in headers)
    rows = []
    for index, row in enumerate(table.rows):
        classes = []
        if table.total and index == len(table.rows) - 1:
            classes.append("total")
        if index in table.highlight:
            classes.append("own")
        change = table.row_changes[index] if index < len(table.row_changes) else None
        if change is not None:
            classes.append(f"row-{change}")
        cells = "".join(f"<td{' class=num' if c.numeric else ''}>{_runs(c.runs)}</td>" for c in row)
        attr = f' class="{" ".join(classes)}"' if classes else ""
        rows.append(f"<tr{attr}>{cells}</tr>")
    return (
        f'<table data-table="{escape(table.id)}"{_label(table.alt)}><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        style = f' class="{block.style}"' if block.style != "body" else ""
        return _changed(block.change, f"<p{style}>{_runs(block.runs)}</p>")
    if isinstance(block, BulletList):
        items = []
        for i, item in enumerate(block.items):
            change = block.changes[i] if i < len(block.changes) else None
            items.append(f"<li{f' class=item-{change}' if change else ''}>{_runs(item)}</li>")
        return f"<ul>{''.join(items)}</ul>"
    return _table(block)


def _document(tree: Document) -> str:
    out = [f'<article class="doc" data-kind="{escape(tree.kind)}" data-id="{escape(tree.id)}">']
    out.append(f'<p class="status">{escape(tree.status)}</p><h1>{escape(tree.title)}</h1>')
    out += [f'<p class="meta"><strong>{escape(label)}:</strong> {escape(value)}</p>' for label, value in tree.meta]
    out += [_block(p) for p in tree.lead_paragraphs]
    out += [f'<p class="note">{_runs(n.runs)}</p>' for n in tree.notes]
    numbers = {id(clause): number for number, clause in tree.numbered_clauses()}
    for i, chapter in enumerate(tree.chapters, start=1):
        title = f"{i} {chapter.title}" if tree.numbered else chapter.title
        out.append(f'<section class="chapter" data-chapter="{escape(chapter.id)}"><h2>{escape(title)}</h2>')
        for clause in chapter.clauses:
            body = []
            if clause.title:
                number = f"{numbers[id(clause)]} " if tree.numbered else ""
                body.append(f"<h3>{escape(number)}{_runs(clause.title_runs or (Run(clause.title),))}</h3>")
            body += [_block(b) for b in clause.blocks]
            section = f'<section class="clause" data-clause="{escape(clause.id)}">{"".join(body)}</section>'
            out.append(_changed(clause.change, section))
        out.append("</section>")
    if tree.signatories:
        out.append(f'<h2>{escape(tree.signatures_title)}</h2><div class="signatures">')
        for s in tree.signatories:
            lines = "".join(f"<div>{escape(line)}</div>" for line in s.lines)
            out.append(f'<div class="signatory"><strong>{escape(s.name)}</strong>{lines}</div>')
        out.append("</div>")
    out.append("</article>")
    return "".join(out)


def _number(value: float, number_format: str) -> str:
    """A chart value as its Office number format shows it on a Finnish system (0 or 0.00 " %")."""
    if "0.00" in number_format:
        return f"{value:.2f}".replace(".", ",") + "\u00a0%"
    return f"{value:.0f}" if float(value).is_integer() else f"{value}".replace(".", ",")


def _shown(chart: Chart, series: int, index: int, value: float) -> str:
    """A chart value as the slide prints it: the tree's own label, else its number format's reading."""
    labels = chart.value_labels[series] if series < len(chart.value_labels) else ()
    return labels[index] if index < len(labels) else _number(value, chart.number_format)


def _chart(chart: Chart) -> str:
    """Each series as horizontal bars with their values, and the figures again as a table."""
    out = [f'<figure class="chart" data-chart="{escape(chart.id)}">']
    for s, (name, values) in enumerate(chart.series):
        top = max(values, default=0) or 1
        bar_height, label_width, width = 20, 130, 460
        height = bar_height * len(values) + 10
        bars = []
        for i, (category, value) in enumerate(zip(chart.categories, values, strict=False)):
            y = 5 + i * bar_height
            length = (width - label_width - 60) * value / top
            shown = escape(_shown(chart, s, i, value))
            own = i in chart.highlight
            weight = ' font-weight="bold"' if own else ""
            bars.append(
                f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end"{weight}>{escape(category)}</text>'
                f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{bar_height - 6}" '
                f'fill="{"#c55a11" if own else "#2f5597"}"/>'
                f'<text x="{label_width + length + 4:.1f}" y="{y + 14}"{weight}>{shown}</text>'
            )
        label = _label(chart.alt) or f' aria-label="{escape(name)}"'
        out.append(
            f'<figcaption>{escape(name)}</figcaption><svg role="img"{label} '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">{"".join(bars)}</svg>'
        )
    head = "".join(f"<th>{escape(name)}</th>" for name, _ in chart.series)
    rows = "".join(
        f"<tr{' class=own' if i in chart.highlight else ''}><td>{escape(category)}</td>"
        + "".join(
            f"<td class=num>{escape(_shown(chart, s, i, values[i]))}</td>" for s, (_, values) in enumerate(chart.series)
        )
        + "</tr>"
        for i, category in enumerate(chart.categories)
    )
    out.append(f'<table data-table="{escape(chart.id)}"><thead><tr><th></th>{head}</tr></thead>{rows}</table>')
    out.append("</figure>")
    return "".join(out)


def _box(node_id: str, label: str, own: bool) -> str:
    first, *rest = label.split("\n")
    kind = " body" if node_id.startswith("body:") else " own" if own else ""
    details = "".join(f"<small>{escape(line)}</small>" for line in rest)
    return f'<div class="box{kind}" data-node="{escape(node_id)}"><strong>{escape(first)}</strong>{details}</div>'


def _diagram(diagram: Diagram) -> str:
    """The boxes row by row, then each agreement once with the boxes it binds (as the slide draws a
    fan of equal lines once); an agreement this council approves today in bold."""
    rows: dict[int, list[str]] = {}
    names = {node.id: node.label.split("\n")[0] for node in diagram.nodes}
    for node in diagram.nodes:
        rows.setdefault(node.row, []).append(_box(node.id, node.label, node.own))
    boxes = "".join(f'<div class="row">{"".join(rows[r])}</div>' for r in sorted(rows))
    fans: dict[tuple[str, str, str, bool], list[str]] = {}
    for e in diagram.edges:
        fans.setdefault((e.source, e.label, e.detail, e.today), []).append(names.get(e.target, e.target))
    edges = []
    for (source, label, detail, today), targets in fans.items():
        name = escape(label.replace("\n", " "))
        name = f"<strong>{name}</strong>" if today else name
        cited = f" <small>({escape(detail)})</small>" if detail else ""
        edges.append(f"<li>{name}{cited}: {escape(names.get(source, source))} → {escape(', '.join(targets))}</li>")
    return f'<figure class="diagram"{_label(diagram.alt)}>{boxes}<ul>{"".join(edges)}</ul></figure>'


def _timeline(milestones: tuple[Milestone, ...], alt: AltText | None) -> str:
    items = "".join(
        f"<li><strong>{escape(m.date)}{'*' if m.illustrative else ''}</strong><br>{escape(m.label)}</li>"
        for m in milestones
    )
    return f'<ol class="timeline"{_label(alt)}>{items}</ol>'


def _slide(slide: Slide, number: int) -> str:
    layout = " title-slide" if slide.layout == "title" else ""
    appendix = " appendix" if slide.appendix else ""
    out = [
        f'<section class="slide{layout}{appendix}" data-slide="{escape(slide.id)}"><span class="number">{number}</span>'
    ]
    title = _runs(slide.title_runs) if slide.title_runs else escape(slide.title)
    out.append(f"<h2>{title}</h2>")
    if slide.subtitle:
        out.append(f'<p class="subtitle">{escape(slide.subtitle)}</p>')
    if slide.callout:
        out.append(f'<p class="callout">{_runs(slide.callout)}</p>')
    visuals = []
    if slide.diagram is not None:
        visuals.append(_diagram(slide.diagram))
    if slide.timeline:
        visuals.append(_timeline(slide.timeline, slide.timeline_alt))
    if slide.chart is not None:
        visuals.append(_chart(slide.chart))
    if slide.table is not None:
        visuals.append(_table(slide.table))
    blocks = [_block(b) for b in slide.blocks]
    # In the slide's reading order: a visual slide's text is the caption under its visual.
    out += visuals + blocks if slide.layout == "visual" else blocks + visuals
    if slide.notes:
        out.append(f'<aside class="notes">{escape(slide.notes)}</aside>')
    out.append("</section>")
    return "".join(out)


def _deck(deck: Deck) -> str:
    slides = "".join(_slide(slide, i) for i, slide in enumerate(deck.slides, start=1))
    return f'<article class="doc deck" data-id="{escape(deck.id)}"><h1>{escape(deck.title)}</h1>{slides}</article>'


def html_fragment(tree: Document | Deck) -> str:
    """The tree as one ``<article>``, for a page that brings ``STYLE``."""
    return _deck(tree) if isinstance(tree, Deck) else _document(tree)


def write_html(tree: Document | Deck, lang: str) -> bytes:
    """A whole HTML page: the tree with its style, readable offline in any browser."""
    title = escape(tree.title)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{STYLE}</style></head><body>{html_fragment(tree)}</body></html>\n"
    ).encode()
