"""The council deck: one per council, the same slides for all but "what this means for <kunta>".

Text comes from ``templates/<lang>/deck/*.j2`` (first line the title, then bullets, then ``---``
and the speaker notes); charts, tables, the contract diagram and the timeline are composed here from
the model, so the deck states exactly the figures the agreements state.
"""

from __future__ import annotations

from typing import Any

from generator.compose.alt_text import describe_deck
from generator.compose.deck_tree import Chart, Deck, Diagram, Edge, Milestone, Node, Slide
from generator.compose.markup import parse_blocks, runs
from generator.compose.templating import render
from generator.compose.tree import Cell, Run, Table
from generator.formats import fi_date, fi_euro, fi_percent
from generator.language import cite, labels, no_break
from generator.model.alternatives import alternatives
from generator.model.council import CouncilView, compensation, council_view, own_area, pending
from generator.model.documents import council_agreements
from generator.model.drift import seat_drift
from generator.model.entities import Agreement, Case
from generator.model.kinds.joint_body import JointBodyDetails
from generator.model.kinds.joint_post import JointPostDetails

_NO_TABLES = lambda name: (_ for _ in ()).throw(ValueError(f"no table {name} on slides"))  # noqa: E731


def _slide(
    lang: str, template: str, context: dict[str, Any], slide_id: str, layout: str = "content", **extra: Any
) -> Slide:
    text = render(lang, f"deck/{template}.j2", context)
    head, _, notes = text.partition("\n---\n")
    title, _, body = head.strip().partition("\n")
    # Collapse only ASCII whitespace: the no-break spaces (53 §, 380 000 €) stay in the notes too.
    notes = _text(runs(notes))
    title_runs = runs(title)
    slide = Slide(slide_id, layout, _text(title_runs), title_runs, notes=notes, **extra)  # type: ignore[arg-type]
    if layout == "title":
        slide.subtitle = "\n".join(_text(runs(line)) for line in body.strip().splitlines())
    else:
        slide.blocks = parse_blocks(body, _NO_TABLES)
    return slide


def _text(marked: tuple[Run, ...]) -> str:
    """Plain text of marked runs: titles, subtitles and notes are written without marks."""
    return "".join(r.text for r in marked)


def _cell(text: str, numeric: bool = False, illustrative: bool = False) -> Cell:
    return Cell((Run(text + ("*" if illustrative else ""), "illustrative" if illustrative else "plain"),), numeric)


def seats_chart(agreement: Agreement, words: dict[str, Any]) -> Chart:
    comp = agreement.composition
    assert comp is not None
    return Chart(
        f"seats:{agreement.id}",
        tuple(s.municipality.name for s in comp.seats),
        ((words["deck"]["seats_series"], tuple(float(s.seats) for s in comp.seats)),),
        "0",
    )


def shares_chart(agreement: Agreement, words: dict[str, Any]) -> Chart:
    cost = agreement.cost
    assert cost is not None
    return Chart(
        f"shares:{agreement.id}",
        tuple(s.municipality.name for s in cost.shares),
        ((words["deck"]["share_series"], tuple(s.hundredths / 100 for s in cost.shares)),),
        '0.00" %"',
        "bar",
    )


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
    for index, option in enumerate(options):
        # The first option is the agreement's own basis and year; a later one may be the same basis
        # with newer figures, which is not what the agreement chose.
        chosen = f" ({words['deck']['chosen']})" if index == 0 else ""
        year = f" {option.year}" if option.year else ""
        header.append(f"{basis_words[option.basis].capitalize()}{year}{chosen}")
    rows = []
    for i, share in enumerate(cost.shares):
        row = [_cell(share.municipality.name)]
        for option in options:
            assert option.euros is not None
            row.append(
                _cell(
                    f"{fi_euro(option.euros[i])} ({fi_percent(option.hundredths[i])})",
                    True,
                    option.illustrative or cost.budget.illustrative,
                )
            )
        rows.append(tuple(row))
    width = 12.0 / max(1, len(options))
    return Table(f"comparison:{agreement.id}", tuple(header), tuple(rows), (4.0, *([width] * len(options))))


def _joint_body(agreements: tuple[Agreement, ...]) -> Agreement | None:
    return next((a for a in agreements if isinstance(a.details, JointBodyDetails)), None)


def contract_diagram(case: Case, words: dict[str, Any]) -> Diagram | None:
    joint = _joint_body(tuple(case.current(a) for a in council_agreements(case)))
    if joint is None or joint.lead is None:
        return None
    assert isinstance(joint.details, JointBodyDetails)
    d = words["deck"]["diagram"]
    body = joint.details.body

    def cited(*citations: str) -> str:
        # In the deck's language, with no-break spaces: a label may wrap between citations, never inside one.
        return no_break(" · ".join(cite(c, case.language) for c in citations))

    area = next((a for a in case.employment_areas.values() if joint.lead in a.members), None)
    organ_of_area = own_area(case, joint) is not None  # the body is the employment area's own organ
    nodes = [
        Node("lead", d["lead"].format(name=joint.lead.official_name), 1),
        Node("body", d["body"].format(name=body.name), 2),
    ]
    edges = [Edge("lead", "body", cited("KuntaL 51 §", "L 380/2023 12 §") if organ_of_area else cited("KuntaL 51 §"))]
    for m in joint.parties:
        if m.id != joint.lead.id:
            nodes.append(Node(m.id, d["member"].format(name=m.official_name), 3))
            edges.append(Edge("body", m.id, cited("KuntaL 49 §, 52 §")))
    with_area: set[str] = set()
    if area is not None and not organ_of_area:
        nodes.insert(
            0, Node("area", d["area"].format(name=area.name, lead=area.lead.name, authority=area.authority), 0)
        )
        binding = [
            a
            for a in case.agreements
            if not a.kind.sets_up_body and {area.lead.id, joint.lead.id} <= {p.id for p in a.parties}
        ]
        with_area = {a.id for a in binding}
        sections = sorted({a.kind.section for a in binding})
        if "KuntaL 54 §" in sections and any(a.sector.id == "employment_services" for a in binding):
            sections.append("L 380/2023 13 §")
        edges.insert(0, Edge("area", "lead", cited(", ".join(sections)) if sections else cited("L 380/2023 12 §")))
    # Joint posts among the parties themselves: a box beside the joint body, bound to the employer.
    for a in case.agreements:
        employer = a.details.employer if isinstance(a.details, JointPostDetails) else None
        if a.id not in with_area and employer is not None and joint.lead.id in {p.id for p in a.parties}:
            nodes.insert(
                next(i for i, n in enumerate(nodes) if n.id == "body") + 1,
                Node(f"posts:{a.id}", d["posts"].format(employer=employer.official_name), 2),
            )
            edges.insert(1, Edge("lead", f"posts:{a.id}", cited("KuntaL 53 §")))
    return Diagram(tuple(nodes), tuple(edges))


def timeline(case: Case, words: dict[str, Any]) -> tuple[Milestone, ...]:
    names = words["deck"]["timeline"]
    steps = [Milestone(names[s.step], fi_date(s.date), s.illustrative) for s in case.schedule]
    # The agreements the councils approve enter into force; one already in force has no step here.
    entries = sorted({a.entry_into_force for a in pending(council_agreements(case))})
    if entries:
        steps.append(Milestone(names["entry"], " / ".join(fi_date(e) for e in entries), False))
    return tuple(steps)


def sources(case: Case, words: dict[str, Any], agreements: tuple[Agreement, ...] | None = None) -> list[str]:
    """Where every figure on the slides comes from, each source once; illustrative ones say so once."""
    s = words["deck"]["sources"]

    def marked(text: str, illustrative: bool) -> str:
        if not illustrative:
            return text
        # A source that already calls itself illustrative gets the star only.
        return text + ("*" if s["illustrative_word"] in text.lower() else s["illustrative_marker"])

    out: list[str] = []
    compared = {a.id for a in council_agreements(case)}  # the agreements with a comparison slide
    for a in agreements if agreements is not None else council_agreements(case):
        if a.composition is not None:
            figures = {
                (seat.population.year, seat.population.source, seat.population.illustrative)
                for seat in a.composition.seats
                if seat.population
            }
            out += [marked(s["population"].format(year=y, source=src), ill) for y, src, ill in sorted(figures)]
        if a.cost is not None and a.cost.basis == "customers" and a.cost.source:
            out.append(marked(s["customers"].format(year=a.cost.year, source=a.cost.source), a.cost.illustrative))
        if a.cost is not None and a.cost.budget is not None:
            b = a.cost.budget
            out.append(marked(s["budget"].format(year=b.year, title=a.title, amount=fi_euro(b.amount)), b.illustrative))
        if a.cost is not None:
            # The shares' figures and, where the deck compares bases, every year the comparison uses.
            options = alternatives(a) if a.cost.budget is not None and a.id in compared else alternatives(a)[:1]
            for option in options:
                if option.basis not in ("population", "labour_force") or option.year is None:
                    continue
                table = "populations" if option.basis == "population" else "labour_force"
                sources = {
                    (getattr(m, table)[option.year].source, getattr(m, table)[option.year].illustrative)
                    for m in a.parties
                }
                out += [
                    marked(s[option.basis].format(year=option.year, source=src), ill) for src, ill in sorted(sources)
                ]
    return list(dict.fromkeys(out))


def used_sections(case: Case) -> set[int]:
    """The kuntalaki sections the case's agreements rest on: the deck quotes these and no others."""
    return {n for a in case.agreements for n in a.kind.cited_sections(a)}


def compose_deck(case: Case, municipality_id: str) -> Deck:
    lang = case.language
    words = labels(lang)
    view: CouncilView = council_view(case, case.municipalities[municipality_id])
    agreements = council_agreements(case)
    joint = _joint_body(tuple(case.current(a) for a in agreements))
    base: dict[str, Any] = {"case": case, "view": view, "labels": words}
    slides = [_slide(lang, "otsikko", base, "otsikko", "title")]
    if joint is not None:
        assert isinstance(joint.details, JointBodyDetails)
        ctx = {
            **base,
            "jb": joint,
            "body": joint.details.body,
            "lead": joint.lead,
            "comp": joint.composition,
            "drift": seat_drift(case, joint),
        }
        slides.append(_slide(lang, "hallintomalli", ctx, "hallintomalli"))
    slides.append(_slide(lang, "kuntalaki", {**base, "used": used_sections(case)}, "kuntalaki"))
    employment = [a for a in case.agreements if a.sector.id == "employment_services"]
    if employment:
        areas = {a.employment_area.id: a.employment_area for a in employment if a.employment_area is not None}
        law = {
            **base,
            "delegates": any(a.kind.name == "authority_task" for a in employment),
            "exception": any(area.permit is not None for area in areas.values()),
        }
        slides.append(_slide(lang, "tyovoimalaki", law, "tyovoimalaki"))
    diagram = contract_diagram(case, words)
    if diagram is not None:
        slides.append(
            _slide(lang, "sopimusrakenne", {**base, "diagram": diagram}, "sopimusrakenne", "visual", diagram=diagram)
        )
    for a in (case.current(a) for a in agreements):
        if a.composition is not None:
            ctx = {
                **base,
                "a": a,
                "comp": a.composition,
                "body": getattr(a.details, "body", None),
                "drift": seat_drift(case, a),
            }
            slides.append(_slide(lang, "kokoonpano", ctx, f"kokoonpano:{a.id}", "visual", chart=seats_chart(a, words)))
    # Every agreement the council is party to that states costs: the shared ones, and a party's own
    # (the lead's 54 § and 53 § agreements), so each euro on "what this means" has its slide.
    for a in view.agreements:
        if a.cost is None or a.existing:
            continue
        ctx = {**base, "a": a, "cost": a.cost}
        paid = compensation(a)
        if paid is not None:
            slides.append(_slide(lang, "korvaus", {**ctx, "c": paid}, f"korvaus:{a.id}"))
        else:
            slides.append(
                _slide(
                    lang,
                    "kustannukset",
                    ctx,
                    f"kustannukset:{a.id}",
                    "visual",
                    chart=shares_chart(a, words),
                    table=shares_table(a, words),
                )
            )
    for a in agreements:
        if a.cost is not None and a.cost.budget is not None and len(alternatives(a)) >= 2:
            ctx = {**base, "a": a, "cost": a.cost, "options": alternatives(a)}
            slides.append(_slide(lang, "vertailu", ctx, f"vertailu:{a.id}", "visual", table=comparison_table(a, words)))
    for a in agreements:
        if getattr(a.details, "operating_model", None):
            slides.append(_slide(lang, "toimintamalli", {**base, "a": a}, f"toimintamalli:{a.id}"))
        if getattr(a.details, "local_service", None):
            slides.append(_slide(lang, "lahipalvelu", {**base, "a": a}, f"lahipalvelu:{a.id}"))
    slides.append(_slide(lang, "kunta", base, "kunta"))
    if case.schedule:
        slides.append(_slide(lang, "aikataulu", base, "aikataulu", "visual", timeline=timeline(case, words)))
    slides.append(_slide(lang, "paatosehdotus", base, "paatosehdotus"))
    slides.append(_slide(lang, "lahteet", {**base, "sources": sources(case, words, view.agreements)}, "lahteet"))
    return describe_deck(Deck(f"{case.id}-{municipality_id}", case.title, municipality_id, slides, words))
