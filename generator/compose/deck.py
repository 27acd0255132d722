"""The council deck: one per council, a decision briefing in the order a council needs it.

First what the council decides today and what it means for its municipality's budget (the net
yearly effect as the headline), then why, what changes, the structure of agreements, the money,
governance, service, the timetable and the full proposal; the sources close the briefing and the
background (statute quotes, comparisons of cost bases not chosen) follows as an appendix.

Text comes from ``templates/<lang>/deck/*.j2`` (first line the title, then the body, then ``---``
and the speaker notes; a body line starting with ``!`` is the slide's headline in large type).
Tables, charts, the contract diagram and the timeline are composed here from the same objects as
the proposal (``compose.council``), so the deck states exactly the proposal's figures.
"""

from __future__ import annotations

from typing import Any

from generator.compose.alt_text import describe_deck
from generator.compose.council import council_context, forms_statutory_area
from generator.compose.council_money import money_table
from generator.compose.deck_tree import Chart, Deck, Diagram, Edge, Milestone, Node, Slide
from generator.compose.markup import parse_blocks, runs
from generator.compose.templating import render
from generator.compose.tree import Cell, Run, Table
from generator.formats import fi_date, fi_euro, fi_percent
from generator.language import boards_step, cite, join_words, labels, no_break
from generator.model.alternatives import alternatives
from generator.model.council import pending
from generator.model.documents import council_agreements
from generator.model.drift import seat_drift
from generator.model.entities import Agreement, Case, Municipality
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
    if extra.get("appendix"):
        title_runs = runs(labels(lang)["deck"]["appendix"].format(title=title))
    slide = Slide(slide_id, layout, _text(title_runs), title_runs, notes=notes, **extra)  # type: ignore[arg-type]
    lines = body.strip().splitlines()
    callout = [line[1:].strip() for line in lines if line.startswith("!")]
    if callout:
        slide.callout = runs(" ".join(callout))
    rest = "\n".join(line for line in lines if not line.startswith("!"))
    if layout == "title":
        slide.subtitle = "\n".join(_text(runs(line)) for line in rest.strip().splitlines())
    else:
        slide.blocks = parse_blocks(rest, _NO_TABLES)
    return slide


def _text(marked: tuple[Run, ...]) -> str:
    """Plain text of marked runs: titles, subtitles and notes are written without marks."""
    return "".join(r.text for r in marked)


def _cell(text: str, numeric: bool = False, illustrative: bool = False) -> Cell:
    return Cell((Run(text + ("*" if illustrative else ""), "illustrative" if illustrative else "plain"),), numeric)


def _own(items: tuple[Municipality, ...], municipality_id: str) -> tuple[int, ...]:
    return tuple(i for i, m in enumerate(items) if m.id == municipality_id)


def seats_chart(agreement: Agreement, words: dict[str, Any], municipality_id: str = "") -> Chart:
    comp = agreement.composition
    assert comp is not None
    parties = tuple(s.municipality for s in comp.seats)
    return Chart(
        f"seats:{agreement.id}",
        tuple(m.name for m in parties),
        ((words["deck"]["seats_series"], tuple(float(s.seats) for s in comp.seats)),),
        "0",
        highlight=_own(parties, municipality_id),
        value_labels=(tuple(str(s.seats) for s in comp.seats),),
    )


def shares_table(agreement: Agreement, words: dict[str, Any], municipality_id: str = "") -> Table:
    """The agreement's own cost table (the check reads both alike), with this council's row marked."""
    import dataclasses

    from generator.compose.agreement import shares_table as agreement_shares_table

    table = agreement_shares_table(agreement, words)
    assert agreement.cost is not None
    names = [s.municipality for s in agreement.cost.shares if s.hundredths or not s.no_share_reason]
    return dataclasses.replace(table, highlight=_own(tuple(names), municipality_id))


def comparison_table(agreement: Agreement, words: dict[str, Any], municipality_id: str = "") -> Table:
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
    return Table(
        f"comparison:{agreement.id}",
        tuple(header),
        tuple(rows),
        (4.0, *([width] * len(options))),
        highlight=_own(tuple(s.municipality for s in cost.shares), municipality_id),
    )


def before_after_table(case: Case, words: dict[str, Any]) -> Table | None:
    table = case.briefing.before_after
    if table is None:
        return None
    rows = tuple((_cell(aspect), _cell(before), _cell(after)) for aspect, before, after in table.rows)
    return Table("before_after", (words["deck"]["aspect"], table.before, table.after), rows, (3.0, 5.0, 5.0))


def _joint_body(agreements: tuple[Agreement, ...]) -> Agreement | None:
    return next((a for a in agreements if isinstance(a.details, JointBodyDetails)), None)


def _short(a: Agreement, words: dict[str, Any], attachments: dict[str, int], in_force: set[str]) -> str:
    """An agreement as a councillor finds it: its kind's short name and its attachment number today
    ("Täydentävä sopimus, liite 2"), or that it is in force."""
    name = words["deck"]["short_names"].get(a.kind.name, a.title)
    if a.id in attachments:
        return words["deck"]["attachment"].format(name=name, n=attachments[a.id])
    if a.id in in_force:
        return words["deck"]["in_force"].format(name=name)
    return str(name)


def contract_diagram(case: Case, municipality_id: str, words: dict[str, Any]) -> Diagram | None:
    """Boxes for the employment area, the joint bodies and posts, and every party; each line an
    agreement by name (its section in small type), the ones this council approves today marked."""
    d = words["deck"]["diagram"]
    approving = [a for a in case.agreements if a.has_party(municipality_id) and not a.existing]
    attachments = {a.id: i for i, a in enumerate(approving, start=1)}
    in_force = {a.id for a in case.agreements if a.existing}

    def cited(agreements: list[Agreement]) -> str:
        # In the deck's language, with no-break spaces: a label may wrap between citations, never inside one.
        sections = sorted(dict.fromkeys(a.kind.section for a in agreements))
        return no_break(" · ".join(cite(c, case.language) for c in sections))

    def named(agreements: list[Agreement]) -> str:
        return " + ".join(dict.fromkeys(_short(a, words, attachments, in_force) for a in agreements))

    hubs: dict[str, list[Agreement]] = {}  # a joint body or the joint posts, and the agreements behind it
    pairs: list[Agreement] = []  # agreements between two parties with no body of their own (54 §)
    bodies: dict[str, str] = {}
    for a in case.agreements:
        current = case.current(a)
        base = current.base if current.base is not None else None
        if isinstance(current.details, JointBodyDetails):
            key = f"body:{current.id}"
            bodies[key] = d["body"].format(
                name=current.details.body.name, lead=current.lead.name if current.lead else ""
            )
        elif base is not None and isinstance(base.details, JointBodyDetails):
            key = f"body:{base.id}"  # a supplement works through its base agreement's body
        elif isinstance(current.details, JointPostDetails) and current.details.employer is not None:
            key = f"posts:{current.id}"
            bodies[key] = d["posts"].format(employer=current.details.employer.name)
        elif a.kind.compensation_parties(current) is not None:
            pairs.append(current)
            continue
        else:
            continue
        hubs.setdefault(key, []).append(current)
    for a in case.agreements:
        if a.kind.amends:
            target = getattr(a.details, "amends", None)
            if target and f"body:{target}" in hubs:
                hubs[f"body:{target}"].append(a)
    if not hubs and not pairs:
        return None
    parties: list[Municipality] = list(
        dict.fromkeys(m for agreements in hubs.values() for a in agreements for m in a.parties)
    )
    leads = [a.lead for agreements in hubs.values() for a in agreements if a.lead is not None]
    parties.sort(key=lambda m: (m not in leads, 0))
    area = next(
        (
            ar
            for ar in case.employment_areas.values()
            if any(m in ar.members for m in parties) and not any(ar.lead.id == lead.id for lead in leads)
        ),
        None,
    )
    nodes: list[Node] = []
    edges: list[Edge] = []
    if area is not None:
        others = [m.name for m in area.members if m not in parties and m.id != area.lead.id]
        nodes.append(
            Node(
                "area",
                d["area"].format(name=area.name, lead=area.lead.name, authority=area.authority, count=len(area.members))
                + ("\n" + d["area_others"].format(names=", ".join(others)) if others else ""),
                0,
            )
        )
    # Joint bodies above the municipalities, joint posts below them: the lines of two hubs with the
    # same parties then never cross.
    for key, label in bodies.items():
        nodes.append(Node(key, label, 3 if key.startswith("posts:") else 1))
    # A municipality's box holds its name only (the body's box names the lead), so a row of
    # members fits a 4:3 slide in large type.
    for m in parties:
        nodes.append(Node(m.id, m.name, 2, own=m.id == municipality_id))
    for key, agreements in hubs.items():
        members = list(dict.fromkeys(p for a in agreements for p in a.parties))
        today = any(a.id in attachments for a in agreements)
        for m in members:
            edges.append(Edge(key, m.id, named(agreements), cited(agreements), today))
    placed = {node.id for node in nodes}

    def place(m: Municipality, row: int) -> None:
        # Each end of a 54 § line has a box, once: a case of such agreements alone has no body whose
        # parties would have given them one.
        if m.id not in placed:
            placed.add(m.id)
            nodes.append(Node(m.id, m.name, row, own=m.id == municipality_id))

    for a in pairs:
        payer, payee = a.kind.compensation_parties(a)  # type: ignore[misc]
        source = "area" if area is not None and payer.id == area.lead.id else payer.id
        if source != "area":
            place(payer, 0)
        place(payee, 2)
        edges.append(Edge(source, payee.id, named([a]), cited([a]), a.id in attachments))
    return Diagram(tuple(nodes), tuple(edges))


def timeline(case: Case, words: dict[str, Any], approvals: list[Any] | None = None) -> tuple[Milestone, ...]:
    names = words["deck"]["timeline"]
    steps = []
    outside = list(dict.fromkeys(organ for _, parties in (approvals or []) for _, organ, here in parties if not here))
    for s in case.schedule:
        label = boards_step(case.councils, case.language) if s.step == "board" else names[s.step]
        steps.append(Milestone(label, fi_date(s.date), s.illustrative))
        if s.step == "councils":
            steps += [Milestone(organ, names["open_date"], False) for organ in outside]
    # What this council approves enters into force (one already in force has no step here).
    pending_ = tuple(a for a, _ in approvals) if approvals else pending(council_agreements(case))
    # An agreement forming its statutory area is in force from its signing; on its date its organiser
    # takes over the responsibility and the authority starts: a step of its own, named so.
    keys = sorted({(a.entry_into_force, forms_statutory_area(a)) for a in pending_}, key=lambda k: (k[0], not k[1]))
    for entry, area in keys:
        # Several steps are told apart by attachment number: a timeline step has room for little more.
        numbers = [
            str(i)
            for i, a in enumerate(pending_, start=1)
            if a.entry_into_force == entry and forms_statutory_area(a) == area
        ]
        which = names["attachment_one" if len(numbers) == 1 else "attachment_many"].format(
            n=join_words(numbers, case.language)
        )
        word = names["responsibility"] if area else names["entry"]
        label = word if len(keys) == 1 else f"{word} ({which})"
        steps.append(Milestone(label, fi_date(entry), False))
    return tuple(steps)


def sources(case: Case, words: dict[str, Any], agreements: tuple[Agreement, ...] | None = None) -> list[str]:
    """Where every figure on the slides comes from, each source once; illustrative ones say so once."""
    s = words["deck"]["sources"]

    def marked(text: str, illustrative: bool) -> str:
        if not illustrative:
            return text
        # A source that already calls itself illustrative (or an estimate) gets the star only.
        said = any(word in text.lower() for word in s["illustrative_words"])
        return text + ("*" if said else s["illustrative_marker"])

    out: list[str] = []
    compared = {a.id for a in council_agreements(case) if not a.existing}  # the agreements with a comparison slide
    for a in agreements if agreements is not None else council_agreements(case):
        a = case.current(a)
        if a.composition is not None:
            figures = {
                (seat.population.year, seat.population.source, seat.population.illustrative)
                for seat in a.composition.seats
                if seat.population
            }
            out += [marked(s["population"].format(year=y, source=src), ill) for y, src, ill in sorted(figures)]
        if a.existing:
            continue
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
    base = council_context(case, municipality_id)
    view = base["view"]
    money = base["money"]
    joint = _joint_body(tuple(case.current(a) for a in view.agreements))
    attachments = {a.id: i for i, a in enumerate(view.to_approve, start=1)}
    in_force = {a.id for a in case.agreements if a.existing}
    # Slide titles name an agreement as the diagram does, by kind and attachment number.
    base["short"] = {a.id: _short(a, words, attachments, in_force) for a in case.every_agreement()}
    slides = [_slide(lang, "otsikko", base, "otsikko", "title")]
    slides.append(_slide(lang, "paatos", base, "paatos"))
    if case.briefing.reasons or any(a.purpose for a in view.to_approve):
        slides.append(_slide(lang, "miksi", base, "miksi"))
    changes = before_after_table(case, words)
    if changes is not None:
        slides.append(_slide(lang, "muutos", base, "muutos", "visual", table=changes))
    diagram = contract_diagram(case, municipality_id, words)
    if diagram is not None:
        slides.append(
            _slide(lang, "sopimusrakenne", {**base, "diagram": diagram}, "sopimusrakenne", "visual", diagram=diagram)
        )
    if money.has_figures:
        slides.append(
            _slide(lang, "talous", base, "talous", "visual", table=money_table(case, money, lang, base["short"]))
        )
    for a in base["approved"]:
        if a.cost is None or a.cost.budget is None or a.kind.compensation_parties(a) is not None:
            continue
        if len(a.parties) < 2:
            continue
        slides.append(
            _slide(
                lang,
                "kustannukset",
                {**base, "a": a, "cost": a.cost},
                f"kustannukset:{a.id}",
                "visual",
                table=shares_table(a, words, municipality_id),
            )
        )
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
        comp = joint.composition
        if comp is not None and len({s.seats for s in comp.seats}) > 1:
            slides.append(
                _slide(
                    lang,
                    "kokoonpano",
                    {**ctx, "a": joint},
                    f"kokoonpano:{joint.id}",
                    "visual",
                    chart=seats_chart(joint, words, municipality_id),
                )
            )
    # How the service works and where: the operating model, the local-service principles and the
    # service level agreed in any of the case's agreements (a 54 § agreement sets it for everyone).
    service = [
        (a, items)
        for a in (case.current(a) for a in case.agreements)
        for field in ("operating_model", "local_service", "service_level")
        if (items := getattr(a.details, field, ()))
    ]
    if service or view.service_point:
        slides.append(_slide(lang, "palvelu", {**base, "service": service}, "palvelu"))
    if case.schedule:
        slides.append(
            _slide(lang, "aikataulu", base, "aikataulu", "visual", timeline=timeline(case, words, base["approvals"]))
        )
    slides.append(_slide(lang, "paatosehdotus", base, "paatosehdotus"))
    slides.append(_slide(lang, "lahteet", {**base, "sources": sources(case, words, view.agreements)}, "lahteet"))
    # The appendix: background a councillor may ask about, after the briefing.
    for a in base["approved"]:
        shared = a.kind.compensation_parties(a) is None
        if shared and a.cost is not None and a.cost.budget is not None and len(alternatives(a)) >= 2:
            ctx = {**base, "a": a, "cost": a.cost, "options": alternatives(a)}
            slides.append(
                _slide(
                    lang,
                    "vertailu",
                    ctx,
                    f"vertailu:{a.id}",
                    "visual",
                    table=comparison_table(a, words, municipality_id),
                    appendix=True,
                )
            )
    slides.append(_slide(lang, "kuntalaki", {**base, "used": used_sections(case)}, "kuntalaki", appendix=True))
    employment = [a for a in case.agreements if a.sector.id == "employment_services"]
    if employment:
        areas = {a.employment_area.id: a.employment_area for a in employment if a.employment_area is not None}
        law = {
            **base,
            "delegates": any(a.kind.name == "authority_task" for a in employment),
            "exception": any(area.permit is not None for area in areas.values()),
        }
        slides.append(_slide(lang, "tyovoimalaki", law, "tyovoimalaki", appendix=True))
    title = case.proposal_title or case.title
    return describe_deck(Deck(f"{case.id}-{municipality_id}", title, municipality_id, slides, words))
