"""What a council's decision means for its municipality's budget: one reconciled statement.

A councillor asks one question first: what does this cost us, net, a year? The agreements answer it
only in parts — a share of one budget, the whole payroll of a joint unit the lead municipality
employs and invoices back, a compensation received from another municipality — and a lead
municipality's parts are large numbers that mostly cancel. This module adds them up once, by the
same rules for every kind of arrangement, so the deck's headline, the deck's table and the
proposal's table are the same objects and the check can prove they say the same.

Rules:

* A party that pays the costs and invoices the others (the lead of a joint body, the employer of
  joint posts: ``cost_bearer``) carries the whole budget and invoices the others their shares; any
  other party carries its share.
* A compensation agreement (54 §) is income to the party that performs the tasks, which carries
  their costs; it is a cost to the party that pays it.
* Only agreements the council decides on count: one in force is not changed by the decision.
* Budgets are yearly. When the decision takes effect during the budget's year, the first year is
  counted pro rata by the days in force (a computed figure, said so), beside the full year.
* A derived figure is illustrative when anything it is computed from is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from generator.model.entities import Agreement, Case, Municipality

LineRole = Literal["share", "gross", "invoiced", "paid", "task_costs", "received"]


@dataclass(frozen=True)
class Amount:
    euros: int
    illustrative: bool = False

    def __add__(self, other: Amount) -> Amount:
        return Amount(self.euros + other.euros, self.illustrative or other.illustrative)

    def __neg__(self) -> Amount:
        return Amount(-self.euros, self.illustrative)


@dataclass(frozen=True)
class Period:
    """A column of the statement: a budget year, whole or from ``start`` (the first, partial year)."""

    year: int
    start: dt.date | None = None  # None: the full year

    @property
    def partial(self) -> bool:
        return self.start is not None

    def fraction(self) -> Fraction:
        if self.start is None:
            return Fraction(1)
        first, end = dt.date(self.year, 1, 1), dt.date(self.year + 1, 1, 1)
        return Fraction((end - self.start).days, (end - first).days)

    @property
    def months(self) -> int:
        """Whole months in force in a partial year (entry on the first of a month, as agreements are)."""
        if self.start is None:
            return 12
        return 12 - self.start.month + 1 - (1 if self.start.day > 1 else 0)


@dataclass(frozen=True)
class Line:
    """One row: what an agreement costs (+) or brings in (−) in each period of the statement."""

    role: LineRole
    agreement: Agreement
    counterpart: Municipality | None  # who pays or is paid, or who is invoiced (several: None)
    amounts: tuple[Amount, ...]


@dataclass(frozen=True)
class Risk:
    """What happens to the net figure if a compensation falls short, in the agreement's words or the
    rule's: the party that performs the tasks carries any cost the payer does not compensate."""

    agreement: Agreement
    payer: Municipality
    payee: Municipality
    text: str | None  # the agreement's own rule (cost_sharing.shortfall), else None


@dataclass(frozen=True)
class Statement:
    municipality: Municipality
    periods: tuple[Period, ...]
    lines: tuple[Line, ...]
    net: tuple[Amount, ...]
    risks: tuple[Risk, ...] = ()
    unchanged: tuple[Agreement, ...] = ()  # agreements in force with costs the decision leaves as they are
    without_budget: tuple[Agreement, ...] = ()  # shares agreed, but no budget to put euros on

    @property
    def has_figures(self) -> bool:
        return bool(self.lines)

    @property
    def headline(self) -> Amount | None:
        """The net yearly effect: a full year's, the figure a budget is planned with."""
        return self.net[-1] if self.net else None

    @property
    def year(self) -> int | None:
        return self.periods[-1].year if self.periods else None


def cost_bearer(agreement: Agreement) -> Municipality:
    """The party that pays the shared costs and invoices the others their shares: the lead, the
    employer of joint posts, or else the first party."""
    return agreement.lead or getattr(agreement.details, "employer", None) or agreement.parties[0]


def _periods(agreements: list[Agreement]) -> tuple[Period, ...]:
    """A full-year column, and before it the first year when the decision takes effect in its course."""
    years = {a.cost.budget.year for a in agreements if a.cost is not None and a.cost.budget is not None}
    if not years:
        return ()
    year = min(years)
    starts = [a.entry_into_force for a in agreements if a.entry_into_force.year == year]
    start = min(starts) if starts else None
    if len(years) > 1 or start is None or (start.month, start.day) == (1, 1):
        return (Period(max(years)),)
    return (Period(year, start), Period(year))


def _in(period: Period, agreement: Agreement, euros: int, illustrative: bool) -> Amount:
    """``euros`` a year as counted in ``period``: pro rata for the days the agreement is in force."""
    if not period.partial:
        return Amount(euros, illustrative)
    first, end = dt.date(period.year, 1, 1), dt.date(period.year + 1, 1, 1)
    if max(agreement.entry_into_force, first) >= end:
        return Amount(0, illustrative)
    return Amount(round(_in_exact(period, agreement, euros)), illustrative)


def _share_in(period: Period, agreement: Agreement, municipality_id: str, illustrative: bool) -> Amount:
    """A party's share counted in ``period``. A partial year's shares are the pro-rated budget split
    by largest remainder, as the full year's are, so every council's first-year figures add up to
    what the cost bearer invoices, to the euro."""
    cost = agreement.cost
    assert cost is not None and cost.budget is not None
    own = cost.share_of(municipality_id).euros or 0
    if not period.partial:
        return Amount(own, illustrative)
    total = _in(period, agreement, cost.budget.amount, illustrative).euros
    exact = {s.municipality.id: _in_exact(period, agreement, s.euros or 0) for s in cost.shares}
    floors = {k: int(v) for k, v in exact.items()}  # exact shares are non-negative: int() floors
    spare = total - sum(floors.values())
    for k in sorted(exact, key=lambda k: (-(exact[k] - floors[k]), k))[: max(spare, 0)]:
        floors[k] += 1
    return Amount(floors.get(municipality_id, 0), illustrative)


def _in_exact(period: Period, agreement: Agreement, euros: int) -> Fraction:
    first, end = dt.date(period.year, 1, 1), dt.date(period.year + 1, 1, 1)
    start = max(agreement.entry_into_force, first)
    return Fraction(euros * max((end - start).days, 0), (end - first).days)


def statement(case: Case, municipality: Municipality) -> Statement:
    """The reconciled money of ``municipality`` under the agreements its council decides on."""
    mine = [a for a in case.agreements if a.has_party(municipality.id)]
    deciding = [case.current(a) for a in mine if not a.existing]
    with_budget = [a for a in deciding if a.cost is not None and a.cost.budget is not None]
    periods = _periods(with_budget)
    lines: list[Line] = []
    risks: list[Risk] = []
    for a in with_budget:
        cost = a.cost
        assert cost is not None and cost.budget is not None
        budget = cost.budget
        flow = a.kind.compensation_parties(a)
        if flow is not None:
            payer, payee = flow
            paid = cost.share_of(payer.id).euros or 0
            flag = budget.illustrative
            if municipality.id == payer.id:
                lines.append(Line("paid", a, payee, tuple(_in(p, a, paid, flag) for p in periods)))
            elif municipality.id == payee.id:
                lines.append(Line("task_costs", a, None, tuple(_in(p, a, budget.amount, flag) for p in periods)))
                lines.append(Line("received", a, payer, tuple(-_in(p, a, paid, flag) for p in periods)))
                risks.append(Risk(a, payer, payee, cost.shortfall))
            continue
        share = cost.share_of(municipality.id)
        flag = budget.illustrative or share.figure_illustrative
        if cost_bearer(a).id == municipality.id and len(a.parties) > 1:
            others_flag = budget.illustrative or any(
                s.figure_illustrative for s in cost.shares if s.municipality.id != municipality.id
            )
            gross = tuple(_in(p, a, budget.amount, budget.illustrative) for p in periods)
            own_in = tuple(_share_in(p, a, municipality.id, flag) for p in periods)
            lines.append(Line("gross", a, None, gross))
            # What the others are invoiced is the gross less the own share, so the lines add up exactly.
            lines.append(
                Line(
                    "invoiced",
                    a,
                    None,
                    tuple(Amount(-(g.euros - o.euros), others_flag) for g, o in zip(gross, own_in, strict=True)),
                )
            )
        else:
            lines.append(Line("share", a, None, tuple(_share_in(p, a, municipality.id, flag) for p in periods)))
    net = tuple(
        sum((line.amounts[i] for line in lines), Amount(0)) if lines else Amount(0) for i in range(len(periods))
    )
    unchanged = tuple(case.current(a) for a in mine if a.existing and case.current(a).cost is not None)
    without = tuple(a for a in deciding if a.cost is not None and a.cost.budget is None)
    return Statement(municipality, periods, tuple(lines), net, tuple(risks), unchanged, without)
