"""Alternative texts of the deck's graphics, worded from the same model figures the graphics show.

A screen reader cannot read a chart or a diagram of boxes and arrows; it reads the description
instead (laki digitaalisten palvelujen tarjoamisesta 306/2019, WCAG 2.1 1.1.1). So each chart
says what it shows and every figure in it, the contract diagram says which party is bound to
which and under which section, and the timeline lists its steps. The words come from the language
pack (``accessibility`` in ``templates/<lang>/labels.yaml``); the writers only place the text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

from generator.compose.deck_tree import Chart, Deck, Diagram, Milestone
from generator.compose.tree import AltText, Table
from generator.formats import NBSP, fi_number


def describe_deck(deck: Deck) -> Deck:
    """The deck with an alternative text on every chart, diagram, table and timeline."""
    words = deck.labels
    for slide in deck.slides:
        if slide.chart is not None:
            slide.chart = dataclasses.replace(slide.chart, alt=chart_alt(slide.chart, words))
        if slide.diagram is not None:
            slide.diagram = dataclasses.replace(slide.diagram, alt=diagram_alt(slide.diagram, words))
        if slide.table is not None:
            slide.table = dataclasses.replace(slide.table, alt=table_alt(slide.table, slide.title, words))
        if slide.timeline:
            slide.timeline_alt = timeline_alt(slide.timeline, words)
    return deck


def _words(words: dict[str, Any]) -> dict[str, str]:
    return words["accessibility"]


def _join(items: Iterable[str], words: dict[str, Any]) -> str:
    """'A, B ja C' (as ``language.join_words``, from the pack the deck already carries)."""
    listed = list(items)
    if len(listed) <= 1:
        return "".join(listed)
    conjunction = words["and_also"] if any(f" {words['and']} " in item for item in listed) else words["and"]
    return ", ".join(listed[:-1]) + f" {conjunction} " + listed[-1]


def _figure(value: float, number_format: str) -> str:
    """A chart value as the chart's number format shows it: '5', or '9,51 %' for '0.00" %"'."""
    decimals = len(number_format.split(".", 1)[1].split('"')[0]) if "." in number_format else 0
    return fi_number(value, decimals) + (NBSP + "%" if "%" in number_format else "")


def chart_alt(chart: Chart, words: dict[str, Any]) -> AltText:
    """What the chart shows and every figure in it, by category, with each series' total."""
    w = _words(words)
    kind = w[f"{chart.kind}_chart"].capitalize()
    sentences = []
    for series, values in chart.series:
        listed = _join(
            (
                w["value"].format(name=name, value=_figure(value, chart.number_format))
                for name, value in zip(chart.categories, values, strict=True)
            ),
            words,
        )
        total = _figure(sum(values), chart.number_format)
        sentences.append(w["chart"].format(Kind=kind, series=series, values=listed, total=total))
    series_names = ", ".join(name for name, _ in chart.series)
    return AltText(w["chart_title"].format(kind=kind, series=series_names), " ".join(sentences))


def _node_text(label: str) -> str:
    """A box's lines as one phrase: 'Mallijärven kunta (vastuukunta)'."""
    first, *rest = [line.strip() for line in label.split("\n") if line.strip()]
    return f"{first} ({', '.join(rest)})" if rest else first


def diagram_alt(diagram: Diagram, words: dict[str, Any]) -> AltText:
    """Every edge of the contract diagram in words, in the diagram's own order (top to bottom)."""
    w = _words(words)
    names = {node.id: _node_text(node.label) for node in diagram.nodes}
    # A fan of edges from one box under one citation is said once: "A → B, C and D: KuntaL 49 §".
    fans: dict[tuple[str, str], list[str]] = {}
    for e in diagram.edges:
        fans.setdefault((e.source, e.label), []).append(names[e.target])
    edges = "; ".join(
        w["edge"].format(source=names[source], target=_join(targets, words), label=label)
        for (source, label), targets in fans.items()
    )
    return AltText(w["diagram_title"], w["diagram"].format(edges=edges))


def timeline_alt(steps: Sequence[Milestone], words: dict[str, Any]) -> AltText:
    """The timeline's steps with their dates; an illustrative date keeps its star, as on the slide."""
    w = _words(words)
    listed = _join(
        (w["step"].format(label=s.label, date=s.date + ("*" if s.illustrative else "")) for s in steps), words
    )
    return AltText(w["timeline_title"], w["timeline"].format(steps=listed))


def table_alt(table: Table, title: str, words: dict[str, Any]) -> AltText:
    """A table on a slide: what it is about (the slide's title), its size and its columns."""
    w = _words(words)
    return AltText(
        w["table_title"].format(title=title),
        w["table"].format(rows=len(table.rows), columns=", ".join(table.header)),
    )
