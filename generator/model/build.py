"""Schema-valid, reference-checked case data → the typed model, computing seats and shares.

Whatever cannot be computed (a population year that is missing, a date that does not exist) becomes
a finding at the value's position instead of an exception.
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
    Agreement, Budget, Case, Composition, CostSharing, Figure, HistoryEvent, Municipality, Seat,
    Share, Term, Termination, Version,
)
from generator.model.seats import seats_per_started
from generator.model.shares import PERCENT_HUNDREDTHS, largest_remainder

_FI_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


class _Findings(list):  # type: ignore[type-arg]
    """Findings collected while building; ``add`` returns None so callers can fall back."""

    def add(self, code: str, loaded: LoadedFile, path: tuple[Any, ...], **params: Any) -> None:
        self.append(Finding(code, "error", loaded.position(path), params))


def _date(text: str, loaded: LoadedFile, path: tuple[Any, ...], out: _Findings) -> dt.date | None:
    match = _FI_DATE.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        out.add("DATA-DATE", loaded, path, value=text)
        return None


def _figures(entries: list[dict[str, Any]] | None) -> dict[int, Figure]:
    return {e["year"]: Figure(e["year"], e["value"], e["source"], e.get("illustrative", False)) for e in entries or []}


def _municipality(entry: dict[str, Any]) -> Municipality:
    return Municipality(
        id=entry["id"], name=entry["name"], genitive=entry["genitive"], official_name=entry["official_name"],
        business_id=entry["business_id"], language=entry["language"], council=entry["council"],
        board=entry.get("board"), populations=_figures(entry["populations"]),
        labour_force=_figures(entry.get("labour_force")), name_sv=entry.get("name_sv"),
    )


def _basis_figure(basis: str, m: Municipality, year: int | None, loaded: LoadedFile, out: _Findings) -> Figure | None:
    table = m.populations if basis == "population" else m.labour_force
    if year in table:
        return table[year]
    code = "DATA-POPULATION-YEAR" if basis == "population" else "DATA-LABOUR-YEAR"
    out.add(code, loaded, ("cost_sharing", "year"), name=m.name, year=year)
    return None


def _cost_sharing(data: dict[str, Any], parties: tuple[Municipality, ...], loaded: LoadedFile, out: _Findings) -> CostSharing | None:
    basis = data["basis"]
    year = data.get("year")
    illustrative = data.get("illustrative", False)
    no_share: dict[str, str] = data.get("no_share", {})
    weights: list[Decimal] = []
    figure_flags: list[bool] = []
    before = len(out)
    for m in parties:
        if basis in ("customers", "fixed"):
            value = data["figures"].get(m.id)
            if value is None and m.id not in no_share:
                out.add("DATA-FIGURE-MISSING", loaded, ("cost_sharing", "figures"), name=m.name)
            weights.append(Decimal(str(value or 0)))
            figure_flags.append(illustrative)
        else:
            figure = _basis_figure(basis, m, year, loaded, out)
            weights.append(Decimal(figure.value) if figure else Decimal(0))
            figure_flags.append(bool(figure and figure.illustrative))
    if len(out) > before:
        return None
    if basis == "fixed" and sum(weights) != 100:
        out.add("CALC-FIXED-TOTAL", loaded, ("cost_sharing", "figures"), total=str(sum(weights)).replace(".", ","))
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
    shares = tuple(
        Share(m, weights[i], figure_flags[i], hundredths[i], euros[i], no_share.get(m.id))
        for i, m in enumerate(parties)
    )
    return CostSharing(basis, year, data.get("source"), data.get("note"), illustrative, budget, shares)


def _composition(data: dict[str, Any], parties: tuple[Municipality, ...], loaded: LoadedFile, out: _Findings) -> Composition | None:
    year = data["population_year"]
    seats: list[Seat] = []
    for m in parties:
        figure = m.populations.get(year)
        if data["rule"] == "fixed_per_party":
            seats.append(Seat(m, figure, data["members_per_party"]))
            continue
        if figure is None:
            out.add("DATA-POPULATION-YEAR", loaded, ("composition", "population_year"), name=m.name, year=year)
            continue
        seats.append(Seat(m, figure, seats_per_started(figure.value, data["per_inhabitants"], data["minimum"])))
    if len(seats) != len(parties):
        return None
    return Composition(
        rule=data["rule"], per_inhabitants=data.get("per_inhabitants"), minimum=data.get("minimum"),
        members_per_party=data.get("members_per_party"), population_year=year,
        declared_total=data.get("declared_total"), seats=tuple(seats),
    )


def _resolve(value: Any, registry: dict[str, Municipality]) -> Any:
    """Kind-specific details with every ``municipality``/``lead``/``employer``/``area`` id resolved."""
    if isinstance(value, dict):
        return {k: (registry[v] if k in ("municipality", "lead", "employer") and isinstance(v, str) else _resolve(v, registry))
                for k, v in value.items()}
    return value


_COMMON = {"id", "kind", "title", "parties", "purpose", "signed", "entry_into_force", "term", "termination",
           "cost_sharing", "lead", "composition", "history", "base_agreement"}


def _agreement(loaded: LoadedFile, registry: dict[str, Municipality], out: _Findings) -> Agreement | None:
    d = loaded.data
    before = len(out)
    parties = tuple(registry[p] for p in d["parties"])
    signed = _date(d["signed"], loaded, ("signed",), out) if "signed" in d else None
    entry = _date(d["entry_into_force"], loaded, ("entry_into_force",), out)
    term_end = _date(d["term"]["end"], loaded, ("term", "end"), out) if "end" in d["term"] else None
    history: list[HistoryEvent] = []
    for i, h in enumerate(d.get("history", [])):
        if "date" in h:
            when = _date(h["date"], loaded, ("history", i, "date"), out)
            history.append(HistoryEvent(f"{when.day}.{when.month}.{when.year}" if when else h["date"], h["event"]))
        else:
            history.append(HistoryEvent(str(h["year"]), h["event"]))
    cost = _cost_sharing(d["cost_sharing"], parties, loaded, out)
    composition = _composition(d["composition"], parties, loaded, out) if "composition" in d else None
    if len(out) > before or entry is None or cost is None:
        return None
    t = d["termination"]
    details = _resolve({k: v for k, v in d.items() if k not in _COMMON}, registry)
    if "area" in details:
        details["area"] = tuple(registry[m] for m in d["area"])
    return Agreement(
        id=d["id"], kind=d["kind"], title=d["title"], parties=parties, purpose=d.get("purpose"),
        signed=signed, entry_into_force=entry, term=Term("indefinite" in d["term"], term_end),
        termination=Termination(t["notice_months"], t["effective"], t.get("illustrative", False)),
        cost=cost, source=loaded, details=details,
        lead=registry[d["lead"]] if "lead" in d else None,
        composition=composition, history=tuple(history),
    )


def build_model(raw: RawCase) -> tuple[Case | None, list[Finding]]:
    assert raw.case is not None and raw.registry is not None
    out = _Findings()
    registry = {e["id"]: _municipality(e) for e in raw.registry.data["municipalities"]}
    c = raw.case.data
    version_date = _date(c["version"]["date"], raw.case, ("version", "date"), out)
    agreements = [a for a in (_agreement(f, registry, out) for f in raw.agreements) if a is not None]
    if out or version_date is None:
        return None, list(out)
    by_id = {a.id: a for a in agreements}
    for a in agreements:
        if a.kind == "supplement":
            a.base = by_id[a.source.data["base_agreement"]]
    case = Case(
        id=c["id"], title=c["title"], language=c["language"],
        version=Version(c["version"]["number"], version_date, c["version"]["status"]),
        prepared_by=registry.get(c.get("prepared_by", "")), municipalities=registry,
        agreements=agreements, inputs=raw.files,
    )
    return case, []
