"""The council deck: one per council, the same slides for all but "what this means for <kunta>".

Text comes from ``templates/<lang>/deck/*.j2`` (first line the title, then bullets, then ``---``
and the speaker notes); charts, tables, the contract diagram and the timeline are composed here from
the model, so the deck states exactly the figures the agreements state.
"""

from __future__ import annotations

from typing import Any

from generator.compose.markup import parse_blocks
from generator.compose.templating import labels, render
from generator.compose.tree import Cell, Run, Table
from generator.compose.deck_tree import Chart, Deck, Diagram, Edge, Milestone, Node, Slide
from generator.formats import fi_date, fi_euro, fi_percent
from generator.model.alternatives import alternatives
from generator.model.council import CouncilView, council_agreements, council_view
from generator.model.entities import Agreement, Case

_NO_TABLES = lambda name: (_ for _ in ()).throw(ValueError(f"no table {name} on slides"))  # noqa: E731


def _slide(lang: str, template: str, context: dict[str, Any], slide_id: str, layout: str = "content", **extra: Any) -> Slide:
    text = render(lang, f"deck/{template}.j2", context)
    head, _, notes = text.partition("\n---\n")
    title, _, body = head.strip().partition("\n")
    slide = Slide(slide_id, layout, title.strip(), notes=" ".join(notes.split()), **extra)  # type: ignore[arg-type]
    if layout == "title":
        slide.subtitle = body.strip()
    else:
        slide.blocks = parse_blocks(body, _NO_TABLES)
    return slide


def _cell(text: str, numeric: bool = False, illustrative: bool = False) -> Cell:
    return Cell((Run(text + ("*" if illustrative else ""), "illustrative" if illustrative else "plain"),), numeric)


def seats_chart(agreement: Agreement, words: dict[str, Any]) -> Chart:
    comp = agreement.composition
    assert comp is not None
    return Chart(f"seats:{agreement.id}", tuple(s.municipality.name for s in comp.seats),
                 ((words["deck"]["seats_series"], tuple(float(s.seats) for s in comp.seats)),), "0")


def shares_chart(agreement: Agreement, words: dict[str, Any]) -> Chart:
    cost = agreement.cost
    assert cost is not None
    return Chart(f"shares:{agreement.id}", tuple(s.municipality.name for s in cost.shares),
                 ((words["deck"]["share_series"], tuple(s.hundredths / 100 for s in cost.shares)),), '0.00" %"', "bar")


def shares_table(agreement: Agreement, words: dict[str, Any]) -> Table:
    """The same columns and ids as the agreement's own cost table, so the check reads both alike."""
    from generator.compose.agreement import shares_table as agreement_shares_table

    return agreement_shares_table(agreement, words)


def comparison_table(agreement: Agreement, words: dict[str, Any]) -> Table:
    cost = agreement.cost
    assert cost is not None and cost.budget is not None
    options = alternatives(agreement)
    basis_words = words["deck"]["basis"]
    header = [words["tables"]["municipality"]]
    for option in options:
        chosen = f" ({words['deck']['chosen']})" if option.basis == cost.basis else ""
        year = f" {option.year}" if option.year else ""
        header.append(f"{basis_words[option.basis].capitalize()}{year}{chosen}")
    rows = []
    for i, share in enumerate(cost.shares):
        row = [_cell(share.municipality.name)]
        for option in options:
            assert option.euros is not None
            row.append(_cell(f"{fi_euro(option.euros[i])} ({fi_percent(option.hundredths[i])})", True,
                             option.illustrative or cost.budget.illustrative))
        rows.append(tuple(row))
    width = 12.0 / max(1, len(options))
    return Table(f"comparison:{agreement.id}", tuple(header), tuple(rows), (4.0, *([width] * len(options))))


def contract_diagram(case: Case, words: dict[str, Any]) -> Diagram | None:
    joint = next((a for a in council_agreements(case) if a.kind == "joint_body"), None)
    if joint is None or joint.lead is None:
        return None
    d = words["deck"]["diagram"]
    body = joint.details["body"]
    nodes = [Node("lead", d["lead"].format(name=joint.lead.official_name), 1),
             Node("body", d["body"].format(name=body["name"]), 2)]
    edges = [Edge("lead", "body", "KuntaL 51 §")]
    for m in joint.parties:
        if m.id != joint.lead.id:
            nodes.append(Node(m.id, d["member"].format(name=m.official_name), 3))
            edges.append(Edge("body", m.id, "KuntaL 49 §, 52 §"))
    area = next((a for a in case.employment_areas.values() if joint.lead in a.members), None)
    if area is not None:
        nodes.insert(0, Node("area", d["area"].format(name=area.name, lead=area.lead.name, authority=area.authority), 0))
        sections = sorted({
            {"authority_task": "KuntaL 54 §", "joint_post": "KuntaL 53 §"}[a.kind]
            for a in case.agreements
            if a.kind in ("authority_task", "joint_post") and {area.lead.id, joint.lead.id} <= {p.id for p in a.parties}
        })
        label = ", ".join(sections) + (" · L 380/2023 13 §" if "KuntaL 54 §" in sections else "")
        edges.insert(0, Edge("area", "lead", label or "L 380/2023 12 §"))
    return Diagram(tuple(nodes), tuple(edges))


def timeline(case: Case, words: dict[str, Any]) -> tuple[Milestone, ...]:
    names = words["deck"]["timeline"]
    steps = [Milestone(names[s.step], fi_date(s.date), s.illustrative) for s in case.schedule]
    # The decision takes effect with the newest of the agreements it approves (older ones are restated).
    entry = max((a.entry_into_force for a in council_agreements(case)), default=None)
    if entry is not None:
        steps.append(Milestone(names["entry"], fi_date(entry), False))
    return tuple(steps)


def sources(case: Case, words: dict[str, Any]) -> list[str]:
    s = words["deck"]["sources"]
    marker = s["illustrative_marker"]
    out: list[str] = []
    for a in council_agreements(case):
        if a.composition is not None:
            figures = {(seat.population.year, seat.population.source) for seat in a.composition.seats if seat.population}
            out += [s["population"].format(year=y, source=src) for y, src in sorted(figures)]
        if a.cost is not None and a.cost.basis == "customers" and a.cost.source:
            out.append(s["customers"].format(year=a.cost.year, source=a.cost.source))
        if a.cost is not None and a.cost.budget is not None:
            b = a.cost.budget
            out.append(s["budget"].format(year=b.year, title=a.title, amount=fi_euro(b.amount), marker=marker if b.illustrative else ""))
    for alt_agreement in council_agreements(case):
        for m in alt_agreement.parties:
            lf = m.latest_labour_force()
            if lf is not None:
                out.append(s["labour_force"].format(year=lf.year, source=lf.source) + (marker if lf.illustrative else ""))
                break
        break
    return list(dict.fromkeys(out))


def compose_deck(case: Case, municipality_id: str) -> Deck:
    lang = case.language
    words = labels(lang)
    view: CouncilView = council_view(case, case.municipalities[municipality_id])
    agreements = council_agreements(case)
    joint = next((a for a in agreements if a.kind == "joint_body"), None)
    base: dict[str, Any] = {"case": case, "view": view, "labels": words}
    slides = [_slide(lang, "otsikko", base, "otsikko", "title")]
    if joint is not None:
        ctx = {**base, "jb": joint, "body": joint.details["body"], "lead": joint.lead, "comp": joint.composition}
        slides.append(_slide(lang, "hallintomalli", ctx, "hallintomalli"))
    slides.append(_slide(lang, "kuntalaki", base, "kuntalaki"))
    if case.employment_areas:
        slides.append(_slide(lang, "tyovoimalaki", base, "tyovoimalaki"))
    diagram = contract_diagram(case, words)
    if diagram is not None:
        slides.append(_slide(lang, "sopimusrakenne", base, "sopimusrakenne", "visual", diagram=diagram))
    for a in agreements:
        if a.composition is not None:
            ctx = {**base, "a": a, "comp": a.composition, "body": a.details["body"]}
            slides.append(_slide(lang, "kokoonpano", ctx, f"kokoonpano:{a.id}", "visual", chart=seats_chart(a, words)))
    for a in agreements:
        if a.cost is not None:
            ctx = {**base, "a": a, "cost": a.cost}
            slides.append(_slide(lang, "kustannukset", ctx, f"kustannukset:{a.id}", "visual",
                                 chart=shares_chart(a, words), table=shares_table(a, words)))
    for a in agreements:
        if a.cost is not None and a.cost.budget is not None and len(alternatives(a)) >= 2:
            ctx = {**base, "a": a, "cost": a.cost}
            slides.append(_slide(lang, "vertailu", ctx, f"vertailu:{a.id}", "visual", table=comparison_table(a, words)))
    for a in agreements:
        if a.details.get("operating_model"):
            slides.append(_slide(lang, "toimintamalli", {**base, "a": a}, f"toimintamalli:{a.id}"))
        if a.details.get("local_service"):
            slides.append(_slide(lang, "lahipalvelu", {**base, "a": a}, f"lahipalvelu:{a.id}"))
    slides.append(_slide(lang, "kunta", base, "kunta"))
    if case.schedule:
        slides.append(_slide(lang, "aikataulu", base, "aikataulu", "visual", timeline=timeline(case, words)))
    slides.append(_slide(lang, "paatosehdotus", base, "paatosehdotus"))
    slides.append(_slide(lang, "lahteet", {**base, "sources": sources(case, words)}, "lahteet"))
    return Deck(f"{case.id}-{municipality_id}", case.title, municipality_id, slides, words)
