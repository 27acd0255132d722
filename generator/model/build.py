"""Schema-valid, reference-checked case data → the typed model, computing seats and shares.

Statutory content may be absent here (the rules report it with its citation); what cannot be
computed at all (a population year that is missing, a date that does not exist) becomes a finding
at the value's position instead of an exception. Each agreement's kind parses its own details; the
common fields (parties, dates, term, costs, sector, area) are read here, the same for every kind.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.findings import Finding
from generator.load.case_folder import RawCase
from generator.load.yaml_loader import LoadedFile
from generator.model.entities import (
    Agreement,
    BeforeAfter,
    Briefing,
    Budget,
    Case,
    Composition,
    CostSharing,
    Decision,
    Dependency,
    EmploymentArea,
    Figure,
    HistoryEvent,
    InForce,
    Invoicing,
    Municipality,
    Override,
    ReliedTerm,
    ScheduleStep,
    Seat,
    Share,
    Term,
    Termination,
    Version,
)
from generator.model.kinds import KINDS
from generator.model.kinds.amendment import AmendmentDetails, amended_file
from generator.model.parse import ParseContext, parse_date, texts
from generator.model.references import referenced
from generator.model.seats import seats_per_started
from generator.model.sectors import sector_of
from generator.model.shares import PERCENT_HUNDREDTHS, largest_remainder

DEFAULT_POPULATION_MAX_AGE = 2

__all__ = ["build_model", "composition_seats", "parse_date"]


def _figures(entries: list[dict[str, Any]] | None) -> dict[int, Figure]:
    return {e["year"]: Figure(e["year"], e["value"], e["source"], e.get("illustrative", False)) for e in entries or []}


def _municipality(entry: dict[str, Any]) -> Municipality:
    return Municipality(
        id=entry["id"],
        name=entry["name"],
        genitive=entry["genitive"],
        official_name=entry["official_name"],
        business_id=entry["business_id"],
        language=entry["language"],
        council=entry["council"],
        board=entry.get("board"),
        populations=_figures(entry["populations"]),
        labour_force=_figures(entry.get("labour_force")),
        neighbours=tuple(entry.get("neighbours", ())),
        preparer=entry.get("preparer"),
    )


def _cost_sharing(data: dict[str, Any], parties: tuple[Municipality, ...], ctx: ParseContext) -> CostSharing | None:
    """Shares by largest remainder; a party without a figure weighs 0 (the COST-ZERO rule says so)."""
    basis = data["basis"]
    year = data.get("year")
    weights: list[Decimal] = []
    flags: list[bool] = []
    before = len(ctx.findings)
    for m in parties:
        if basis in ("customers", "fixed"):
            weights.append(Decimal(str(data["figures"].get(m.id, 0))))
            flags.append(data.get("illustrative", False))
            continue
        table = m.populations if basis == "population" else m.labour_force
        figure = table.get(year) if year is not None else None
        if figure is None:
            code = "DATA-POPULATION-YEAR" if basis == "population" else "DATA-LABOUR-YEAR"
            ctx.add(code, ("cost_sharing", "year"), name=m.name, year=year)
            continue
        weights.append(Decimal(figure.value))
        flags.append(figure.illustrative)
    if len(ctx.findings) > before:
        return None
    if sum(weights) <= 0:
        ctx.add("DATA-FIGURES-ZERO", ("cost_sharing",))
        return None
    hundredths = largest_remainder(weights, PERCENT_HUNDREDTHS)
    budget = None
    euros: list[int | None] = [None] * len(parties)
    if "budget" in data:
        b = data["budget"]
        budget = Budget(b["amount"], b["year"], b.get("illustrative", False))
        euros = list(largest_remainder(weights, budget.amount)) if budget.amount else [0] * len(parties)
    no_share: dict[str, str] = data.get("no_share", {})
    shares = tuple(
        Share(m, weights[i], flags[i], hundredths[i], euros[i], no_share.get(m.id)) for i, m in enumerate(parties)
    )
    return CostSharing(
        basis,
        year,
        data.get("source"),
        data.get("note"),
        data.get("illustrative", False),
        budget,
        shares,
        covers=texts(data.get("covers")),
        net_of=texts(data.get("net_of")),
        key_update=data.get("key_update"),
        shortfall=data.get("shortfall"),
    )


def _briefing(data: dict[str, Any]) -> Briefing:
    table = data.get("before_after")
    return Briefing(
        reasons=texts(data.get("reasons")),
        before_after=BeforeAfter(
            table["before"], table["after"], tuple((r["aspect"], r["before"], r["after"]) for r in table["rows"])
        )
        if table
        else None,
    )


def composition_seats(
    rule: dict[str, Any], parties: tuple[Municipality, ...], year: int | None
) -> tuple[Seat, ...] | None:
    """Seats per party under ``rule`` (with ``year``'s populations where the rule counts them); None if
    a population the rule needs is missing."""
    deputies = rule.get("deputies_per_member", 1)
    seats = []
    for m in parties:
        figure = m.populations.get(year) if year is not None else None
        if rule["rule"] == "fixed_per_party":
            count = rule["members_per_party"]
        elif rule["rule"] == "seat_table":
            count = rule["seats"][m.id]
        elif figure is None:
            return None
        else:
            count = seats_per_started(figure.value, rule["per_inhabitants"], rule["minimum"])
        seats.append(Seat(m, figure, count, count * deputies))
    return tuple(seats)


def _composition(data: dict[str, Any], parties: tuple[Municipality, ...], ctx: ParseContext) -> Composition | None:
    year = data.get("population_year")
    seats = composition_seats(data, parties, year)
    if seats is None:
        missing = next(m for m in parties if year not in m.populations)
        ctx.add("DATA-POPULATION-YEAR", ("composition", "population_year"), name=missing.name, year=year)
        return None
    return Composition(
        rule=data["rule"],
        per_inhabitants=data.get("per_inhabitants"),
        minimum=data.get("minimum"),
        members_per_party=data.get("members_per_party"),
        population_year=year,
        declared_total=data.get("declared_total"),
        seats=seats,
        deputies_per_member=data.get("deputies_per_member", 1),
        basis_text=data.get("basis"),
        recount_each_term=bool(data.get("recount_each_term")),
    )


def _in_force(data: dict[str, Any] | None, folder: Path) -> InForce | None:
    if data is None:
        return None
    terms = tuple(
        ReliedTerm(t["text"], t["source"], t.get("clause"), t.get("number"), t.get("title"))
        for t in data.get("terms", ())
    )
    original = folder / data["original"] if "original" in data else None
    return InForce(data["source"], original, terms)


def _dependencies(entries: list[dict[str, Any]] | None, ctx: ParseContext) -> tuple[Dependency, ...]:
    out = []
    for i, e in enumerate(entries or ()):
        when = ctx.date(e["date"], ("depends_on", i, "date")) if "date" in e else None
        out.append(Dependency(e.get("agreement"), e.get("title", ""), when, e.get("on_end"), e.get("note")))
    return tuple(out)


def _invoicing(data: dict[str, Any] | None) -> Invoicing | None:
    if data is None:
        return None
    return Invoicing(data.get("advances"), data.get("due_days"), data.get("settlement"))


def _agreement(loaded: LoadedFile, ctx: ParseContext, case_sector: Any, base_language: str) -> Agreement | None:
    d = loaded.data
    before = len(ctx.findings)
    kind = KINDS[d["kind"]]
    parties = ctx.municipalities(d["parties"])
    signed = ctx.date(d["signed"], ("signed",)) if "signed" in d else None
    entry = ctx.date(d["entry_into_force"], ("entry_into_force",))
    term = None
    if "term" in d:
        term_end = ctx.date(d["term"]["end"], ("term", "end")) if "end" in d["term"] else None
        term = Term("indefinite" in d["term"], term_end)
    history: list[HistoryEvent] = []
    for i, h in enumerate(d.get("history", [])):
        if "date" in h:
            when = ctx.date(h["date"], ("history", i, "date"))
            history.append(HistoryEvent(f"{when.day}.{when.month}.{when.year}" if when else h["date"], h["event"]))
        else:
            history.append(HistoryEvent(str(h["year"]), h["event"]))
    cost = _cost_sharing(d["cost_sharing"], parties, ctx) if "cost_sharing" in d else None
    composition = _composition(d["composition"], parties, ctx) if "composition" in d else None
    details = kind.parse(d, ctx)
    dependencies = _dependencies(d.get("depends_on"), ctx)
    if len(ctx.findings) > before or entry is None:
        return None
    termination = None
    if "termination" in d:
        t = d["termination"]
        termination = Termination(t["notice_months"], t["effective"], t.get("illustrative", False))
    overrides = {
        clause: Override(value["text"], value.get("title")) for clause, value in d.get("overrides", {}).items()
    }
    return Agreement(
        id=d["id"],
        kind=kind,
        title=d["title"],
        parties=parties,
        purpose=d.get("purpose"),
        signed=signed,
        entry_into_force=entry,
        term=term,
        termination=termination,
        cost=cost,
        source=loaded,
        details=details,
        sector=sector_of(d.get("sector", case_sector)),
        lead=kind.lead_of(d, ctx),
        composition=composition,
        history=tuple(history),
        employment_area=ctx.areas[d["employment_area"]] if "employment_area" in d else None,
        overrides=overrides,
        disputes_forum=d.get("disputes", {}).get("forum"),
        in_force=_in_force(d.get("in_force"), loaded.path.parent),
        depends_on=dependencies,
        staff=texts(d.get("staff")),
        premises=texts(d.get("premises")),
        liability=texts(d.get("liability")),
        dissolution=texts(d.get("dissolution")),
        invoicing=_invoicing(d.get("invoicing")),
        open_questions=texts(d.get("open_questions")),
        languages=tuple(d.get("languages", (base_language,))),
        equally_authentic=bool(d.get("equally_authentic")),
    )


def _decision(area: dict[str, Any], key: str, index: int, ctx: ParseContext) -> Decision | None:
    data = area.get(key)
    if data is None:
        return None
    when = ctx.date(data["date"], ("employment_areas", index, key, "date"))
    return Decision(when, data["record_number"], data.get("illustrative", False)) if when else None


def _areas(
    registry_files: list[LoadedFile],
    registry: dict[str, Municipality],
    agreements: dict[str, LoadedFile],
    out: list[Finding],
) -> dict[str, EmploymentArea]:
    """Every employment area the case knows: its own registry's first, then those of referenced cases.

    An area names its own agreement by id (in this case or a referenced one) or by title and date;
    by id, the title and entry into force come from that agreement, so they are written once.
    """
    areas: dict[str, EmploymentArea] = {}
    for loaded in registry_files:
        ctx = ParseContext(loaded, registry, {}, out)
        for i, a in enumerate(loaded.data.get("employment_areas", [])):
            if a["id"] in areas:
                continue
            permit = _decision(a, "permit", i, ctx)
            formed_by = _decision(a, "state_decision", i, ctx)
            agreement = dict(a.get("agreement", {}))
            own = agreements.get(agreement.get("id", ""))
            if own is not None:
                agreement.setdefault("title", own.data["title"])
                agreement.setdefault("date", own.data["entry_into_force"])
            agreed = (
                ctx.date(agreement["date"], ("employment_areas", i, "agreement", "date"))
                if "date" in agreement
                else None
            )
            labour = a.get("labour_force")
            areas[a["id"]] = EmploymentArea(
                a["id"],
                a["name"],
                registry[a["lead"]],
                a["authority"],
                tuple(registry[m] for m in a["members"]),
                permit,
                formed_by,
                agreement.get("id"),
                agreement.get("title"),
                agreed,
                own.display if own is not None else None,
                Figure(labour["year"], labour["value"], labour["source"], labour.get("illustrative", False))
                if labour
                else None,
            )
    return areas


def _registry_of(other: RawCase, registry: dict[str, Municipality]) -> dict[str, Municipality]:
    """The municipalities as a referenced case knows them: its own entries first (their figures are
    the ones its agreements were written with), then everyone else's."""
    assert other.registry is not None
    own = {entry["id"]: _municipality(entry) for entry in other.registry.data["municipalities"]}
    return {**registry, **own}


def other_sector(other: RawCase) -> Any:
    assert other.case is not None
    return other.case.data.get("sector")


def _title(known: dict[str, Agreement], d: Dependency) -> str:
    other = known.get(d.agreement_id or "")
    return other.title if other is not None else ""


def _amended_versions(
    raw: RawCase,
    agreements: list[Agreement],
    registry: dict[str, Municipality],
    areas: dict[str, EmploymentArea],
    c: dict[str, Any],
    out: list[Finding],
    lang: str | None,
) -> dict[str, Agreement]:
    """Each amended agreement as the amendment would leave it, by the amended agreement's id.

    The amended version is parsed from the base file's data with the amendment's changes laid over
    it, by the base agreement's own kind, so every rule and clause judges it like any agreement. It
    keeps the base's id and dates (the agreement stays the one signed then) and is not ``existing``:
    it is what the councils are asked to approve.
    """
    files = {loaded.data["id"]: loaded for loaded in raw.agreements}
    by_id = {a.id: a for a in agreements}
    amended: dict[str, Agreement] = {}
    for a in agreements:
        if not isinstance(a.details, AmendmentDetails):
            continue
        base = by_id.get(a.details.amends)
        if base is None:
            continue  # reported by the reference check
        merged = amended_file(files[base.id], a.source, c["language"] if lang is None else lang, c["language"])
        version = _agreement(merged, ParseContext(merged, registry, areas, out), c.get("sector"), c["language"])
        if version is None:
            continue
        version.existing = False
        a.details.amended = version
        a.details.in_force = base
        amended[base.id] = version
    return amended


def build_model(raw: RawCase, lang: str | None = None) -> tuple[Case | None, list[Finding]]:
    """The case as typed objects, for documents in ``lang`` (default: the case's language).

    ``raw`` holds the data in that language (see ``model.versions``); only the language the
    documents are composed in differs between the versions of one case. Municipalities and
    employment areas of referenced cases are known too (the case's own entries come first).
    """
    assert raw.case is not None and raw.registry is not None
    out: list[Finding] = []
    registry_files = [raw.registry] + [c.registry for c in referenced(raw) if c.registry is not None]
    registry: dict[str, Municipality] = {}
    for loaded in registry_files:
        for entry in loaded.data["municipalities"]:
            registry.setdefault(entry["id"], _municipality(entry))
    every_agreement = {a.data["id"]: a for c in (raw, *referenced(raw)) for a in c.agreements}
    areas = _areas(registry_files, registry, every_agreement, out)
    c = raw.case.data
    case_ctx = ParseContext(raw.case, registry, areas, out)
    version_date = case_ctx.date(c["version"]["date"], ("version", "date"))
    agreements = []
    for loaded in raw.agreements:
        agreement = _agreement(loaded, ParseContext(loaded, registry, areas, out), c.get("sector"), c["language"])
        if agreement is not None:
            agreements.append(agreement)
    schedule = []
    for i, step in enumerate(c.get("schedule", [])):
        when = case_ctx.date(step["date"], ("schedule", i, "date"))
        if when is not None:
            schedule.append(ScheduleStep(step["step"], when, step.get("illustrative", False)))
    if out or version_date is None:
        return None, out
    by_id = {a.id: a for a in agreements}
    for a in agreements:
        # An agreement described as in force is the existing one whatever its dates say.
        a.existing = a.in_force is not None or a.concluded(version_date)
    amended = _amended_versions(raw, agreements, registry, areas, c, out, lang)
    if out:
        return None, out
    # Agreements of referenced cases, for the dependencies that name them (their own case
    # validates them; a finding here would be reported twice).
    elsewhere = [
        agreement
        for other in referenced(raw)
        for loaded in other.agreements
        if (
            agreement := _agreement(
                loaded,
                ParseContext(loaded, _registry_of(other, registry), areas, []),
                other_sector(other),
                c["language"],
            )
        )
        is not None
    ]
    known = {a.id: a for a in elsewhere} | by_id
    for a in [*agreements, *amended.values()]:
        a.depends_on = tuple(
            dataclasses.replace(d, agreement=known.get(d.agreement_id or ""), title=d.title or _title(known, d))
            for d in a.depends_on
        )
    for a in agreements:
        base_id = getattr(a.details, "base_agreement", None)
        if base_id is not None:
            # A supplement rests on its base agreement as amended, if the case amends it.
            a.base = amended.get(base_id, by_id[base_id])
    case = Case(
        id=c["id"],
        title=c["title"],
        language=lang or c["language"],
        base_language=c["language"],
        version=Version(c["version"]["number"], version_date, c["version"]["status"]),
        prepared_by=registry.get(c.get("prepared_by", "")),
        municipalities=registry,
        agreements=agreements,
        inputs=raw.files,
        employment_areas=areas,
        population_max_age_years=c.get("population_max_age_years", DEFAULT_POPULATION_MAX_AGE),
        registry_source=raw.registry,
        referenced_registries=tuple(registry_files[1:]),
        councils=tuple(registry[m] for m in c.get("councils", [])),
        schedule=tuple(schedule),
        administrative_court=c.get("administrative_court"),
        proposal_title=c.get("proposal_title"),
        briefing=_briefing(c.get("briefing") or {}),
        elections=bool(c.get("elections")),
        deck_template=raw.folder / c["deck_template"] if "deck_template" in c else None,
        amended=amended,
        referenced_agreements=tuple(elsewhere),
        record_number=c.get("record_number"),
    )
    return case, []
