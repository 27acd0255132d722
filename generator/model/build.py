"""Schema-valid, reference-checked case data → the typed model, computing seats and shares.

Statutory content may be absent here (the rules report it with its citation); what cannot be
computed at all (a population year that is missing, a date that does not exist) becomes a finding
at the value's position instead of an exception.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from generator.findings import Finding
from generator.load.case_folder import RawCase
from generator.load.yaml_loader import LoadedFile
from generator.model.entities import (
    Agreement,
    Budget,
    Case,
    Composition,
    CostSharing,
    EmploymentArea,
    Figure,
    HistoryEvent,
    Municipality,
    ScheduleStep,
    Seat,
    Share,
    Term,
    Termination,
    Version,
)
from generator.model.seats import seats_per_started
from generator.model.shares import PERCENT_HUNDREDTHS, largest_remainder

_FI_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
DEFAULT_POPULATION_MAX_AGE = 2


class _Findings(list):  # type: ignore[type-arg]
    def add(self, code: str, loaded: LoadedFile, path: tuple[Any, ...], **params: Any) -> None:
        self.append(Finding(code, "error", loaded.position(path), params))


def parse_date(text: str) -> dt.date:
    """'2025-01-01' or '1.1.2025' → date; raises ValueError for a date that does not exist."""
    match = _FI_DATE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text)


def _date(text: str, loaded: LoadedFile, path: tuple[Any, ...], out: _Findings) -> dt.date | None:
    try:
        return parse_date(text)
    except ValueError:
        out.add("DATA-DATE", loaded, path, value=text)
        return None


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


def _cost_sharing(
    data: dict[str, Any], parties: tuple[Municipality, ...], loaded: LoadedFile, out: _Findings
) -> CostSharing | None:
    """Shares by largest remainder; a party without a figure weighs 0 (the COST-ZERO rule says so)."""
    basis = data["basis"]
    year = data.get("year")
    weights: list[Decimal] = []
    flags: list[bool] = []
    before = len(out)
    for m in parties:
        if basis in ("customers", "fixed"):
            weights.append(Decimal(str(data["figures"].get(m.id, 0))))
            flags.append(data.get("illustrative", False))
            continue
        table = m.populations if basis == "population" else m.labour_force
        figure = table.get(year)
        if figure is None:
            code = "DATA-POPULATION-YEAR" if basis == "population" else "DATA-LABOUR-YEAR"
            out.add(code, loaded, ("cost_sharing", "year"), name=m.name, year=year)
            continue
        weights.append(Decimal(figure.value))
        flags.append(figure.illustrative)
    if len(out) > before:
        return None
    if sum(weights) <= 0:
        out.add("DATA-FIGURES-ZERO", loaded, ("cost_sharing",))
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
        basis, year, data.get("source"), data.get("note"), data.get("illustrative", False), budget, shares
    )


def composition_seats(rule: dict[str, Any], parties: tuple[Municipality, ...], year: int) -> tuple[Seat, ...] | None:
    """Seats per party under ``rule`` with ``year``'s populations; None if a population is missing."""
    seats = []
    for m in parties:
        figure = m.populations.get(year)
        if rule["rule"] == "fixed_per_party":
            seats.append(Seat(m, figure, rule["members_per_party"]))
        elif figure is None:
            return None
        else:
            seats.append(Seat(m, figure, seats_per_started(figure.value, rule["per_inhabitants"], rule["minimum"])))
    return tuple(seats)


def _composition(
    data: dict[str, Any], parties: tuple[Municipality, ...], loaded: LoadedFile, out: _Findings
) -> Composition | None:
    year = data["population_year"]
    seats = composition_seats(data, parties, year)
    if seats is None:
        missing = next(m for m in parties if year not in m.populations)
        out.add("DATA-POPULATION-YEAR", loaded, ("composition", "population_year"), name=missing.name, year=year)
        return None
    return Composition(
        rule=data["rule"],
        per_inhabitants=data.get("per_inhabitants"),
        minimum=data.get("minimum"),
        members_per_party=data.get("members_per_party"),
        population_year=year,
        declared_total=data.get("declared_total"),
        seats=seats,
    )


def _resolve(value: Any, registry: dict[str, Municipality]) -> Any:
    """Kind-specific details with every ``municipality``/``lead``/``employer`` id resolved."""
    if isinstance(value, dict):
        return {
            k: (
                registry[v]
                if k in ("municipality", "lead", "employer") and isinstance(v, str)
                else _resolve(v, registry)
            )
            for k, v in value.items()
        }
    return value


_COMMON = {
    "id",
    "kind",
    "title",
    "parties",
    "purpose",
    "signed",
    "entry_into_force",
    "term",
    "termination",
    "cost_sharing",
    "lead",
    "composition",
    "history",
    "base_agreement",
    "employment_area",
    "languages",
}


def _agreement(
    loaded: LoadedFile,
    registry: dict[str, Municipality],
    areas: dict[str, EmploymentArea],
    base_language: str,
    out: _Findings,
) -> Agreement | None:
    d = loaded.data
    before = len(out)
    parties = tuple(registry[p] for p in d["parties"])
    signed = _date(d["signed"], loaded, ("signed",), out) if "signed" in d else None
    entry = _date(d["entry_into_force"], loaded, ("entry_into_force",), out)
    term = None
    if "term" in d:
        term_end = _date(d["term"]["end"], loaded, ("term", "end"), out) if "end" in d["term"] else None
        term = Term("indefinite" in d["term"], term_end)
    history: list[HistoryEvent] = []
    for i, h in enumerate(d.get("history", [])):
        if "date" in h:
            when = _date(h["date"], loaded, ("history", i, "date"), out)
            history.append(HistoryEvent(f"{when.day}.{when.month}.{when.year}" if when else h["date"], h["event"]))
        else:
            history.append(HistoryEvent(str(h["year"]), h["event"]))
    cost = _cost_sharing(d["cost_sharing"], parties, loaded, out) if "cost_sharing" in d else None
    composition = _composition(d["composition"], parties, loaded, out) if "composition" in d else None
    if len(out) > before or entry is None:
        return None
    termination = None
    if "termination" in d:
        t = d["termination"]
        termination = Termination(t["notice_months"], t["effective"], t.get("illustrative", False))
    details = _resolve({k: v for k, v in d.items() if k not in _COMMON}, registry)
    if "area" in details:
        details["area"] = tuple(registry[m] for m in d["area"])
    if "employment_area" in d:
        details["employment_area"] = areas[d["employment_area"]]
    return Agreement(
        id=d["id"],
        kind=d["kind"],
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
        lead=registry[d["lead"]] if "lead" in d else None,
        composition=composition,
        history=tuple(history),
        languages=tuple(d.get("languages", (base_language,))),
    )


def build_model(raw: RawCase, lang: str | None = None) -> tuple[Case | None, list[Finding]]:
    """The case as typed objects, for documents in ``lang`` (default: the case's language).

    ``raw`` holds the data in that language (see ``check.translations``); only the language the
    documents are composed in differs between the versions of one case.
    """
    assert raw.case is not None and raw.registry is not None
    out = _Findings()
    registry = {e["id"]: _municipality(e) for e in raw.registry.data["municipalities"]}
    areas = {
        a["id"]: EmploymentArea(
            a["id"],
            a["name"],
            registry[a["lead"]],
            a["authority"],
            tuple(registry[m] for m in a["members"]),
            a.get("exception_14"),
        )
        for a in raw.registry.data.get("employment_areas", [])
    }
    c = raw.case.data
    version_date = _date(c["version"]["date"], raw.case, ("version", "date"), out)
    agreements = [
        a for a in (_agreement(f, registry, areas, c["language"], out) for f in raw.agreements) if a is not None
    ]
    schedule = []
    for i, step in enumerate(c.get("schedule", [])):
        when = _date(step["date"], raw.case, ("schedule", i, "date"), out)
        if when is not None:
            schedule.append(ScheduleStep(step["step"], when, step.get("illustrative", False)))
    if out or version_date is None:
        return None, list(out)
    by_id = {a.id: a for a in agreements}
    for a in agreements:
        if a.kind == "supplement":
            a.base = by_id[a.source.data["base_agreement"]]
        a.existing = a.concluded(version_date)
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
        councils=tuple(registry[m] for m in c.get("councils", [])),
        schedule=tuple(schedule),
        administrative_court=c.get("administrative_court"),
        proposal_title=c.get("proposal_title"),
        deck_template=raw.folder / c["deck_template"] if "deck_template" in c else None,
    )
    return case, []
