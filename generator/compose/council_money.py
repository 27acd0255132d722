"""A council's money statement in words and as a table: the same rows in the deck and the proposal.

The figures are ``model.money``'s; this module only names the rows in the document's language and
marks what is illustrative. The table's id (``money:<case>:<municipality>``) lets the consistency
check read the net figure back from every file that shows it.
"""

from __future__ import annotations

from typing import Any

from generator.compose.facts import share_text
from generator.compose.tree import Cell, Run, Table
from generator.contract import fact_key
from generator.formats import fi_date, fi_euro
from generator.language import join_words, labels, municipality_kind, official_form
from generator.model.entities import Case
from generator.model.money import Amount, Line, Period, Statement

MINUS = "\u2212"


def signed_euro(amount: Amount) -> str:
    """An income with a real minus sign (−300 000 €), never a hyphen a reader could miss."""
    text = fi_euro(abs(amount.euros))
    return f"{MINUS}{text}" if amount.euros < 0 else text


def _cell(amount: Amount) -> Cell:
    text = signed_euro(amount)
    if amount.illustrative:
        return Cell((Run(text + "*", "illustrative"),), True)
    return Cell((Run(text),), True)


def period_label(period: Period, words: dict[str, Any], single: bool) -> str:
    m = words["money"]
    if period.partial:
        assert period.start is not None
        return str(m["partial"]).format(year=period.year, start=f"{period.start.day}.{period.start.month}.")
    return str(m["year"] if single else m["full"]).format(year=period.year)


def line_label(line: Line, statement: Statement, lang: str, names: dict[str, str] | None = None) -> str:
    """The row's words; ``names`` gives agreements a shorter name than their title (a slide's)."""
    words = labels(lang)
    m = words["money"]
    a = line.agreement
    title = (names or {}).get(a.id, a.title)
    if line.role == "share":
        assert a.cost is not None
        share = a.cost.share_of(statement.municipality.id)
        pct = share_text(a.cost, share.hundredths) + ("*" if share.figure_illustrative else "")
        return str(m["share"]).format(title=title, own=_by_kind(m, "own", statement, lang), pct=pct)
    if line.role == "gross":
        return str(m["gross"]).format(title=title, payer=_by_kind(m, "payer", statement, lang))
    if line.role == "invoiced":
        others = [p.name for p in a.parties if p.id != statement.municipality.id]
        return str(m["invoiced"]).format(names=join_words(others, lang))
    if line.role == "paid":
        assert line.counterpart is not None
        return str(m["paid"]).format(
            title=title, payee=official_form(line.counterpart.official_name, words["official_allative"])
        )
    if line.role == "task_costs":
        return str(m["task_costs"]).format(title=title)
    assert line.counterpart is not None
    return str(m["received"]).format(payer=line.counterpart.official_name)


def _by_kind(m: dict[str, Any], word: str, statement: Statement, lang: str) -> str:
    """The pack's word for the statement's municipality by its kind: a town's share is "kaupungin
    osuus", not "kunnan", and "kaupunki maksaa ja laskuttaa"."""
    table = labels(lang)["own_by_kind"] if word == "own" else m["payer_by_kind"]
    return str(table[municipality_kind(statement.municipality, lang)])


def money_table(case: Case, statement: Statement, lang: str, names: dict[str, str] | None = None) -> Table:
    """Every cost and income of the decision for one municipality, and the net, per period. A deck
    names the agreements as its other slides do (``names``: "Täydentävä sopimus (liite 2)"), so the
    table keeps to one slide; the proposal gives their titles."""
    words = labels(lang)
    m = words["money"]
    single = len(statement.periods) == 1
    header = (m["item"], *(period_label(p, words, single) for p in statement.periods))
    rows = [
        (Cell((Run(line_label(line, statement, lang, names)),)), *(_cell(a) for a in line.amounts))
        for line in statement.lines
    ]
    rows.append((Cell((Run(str(m["net"])),)), *(_cell(a) for a in statement.net)))
    widths = (10.0, *([3.2] * len(statement.periods)))
    return Table(
        f"money:{case.id}:{statement.municipality.name}",
        header,
        tuple(rows),
        widths,
        total=True,
    )


def risk_texts(statement: Statement, lang: str) -> list[str]:
    """What could move the net figure: a compensation falling short, in the agreement's words or the rule's."""
    words = labels(lang)
    m = words["money"]
    out = []
    for risk in statement.risks:
        out.append(
            risk.text
            or str(m["risk"]).format(
                title=risk.agreement.title,
                payer=risk.payer.official_name,
                payee=risk.payee.official_name,
                payee_gen=official_form(risk.payee.official_name, words["official_genitive"]),
            )
        )
    return out


def notes(statement: Statement, lang: str) -> list[str]:
    """The statement's footnotes: how a partial year was counted, shares without a budget, and what
    the costs are net of."""
    m = labels(lang)["money"]
    out: list[str] = []
    partial = next((p for p in statement.periods if p.partial), None)
    if partial is not None:
        assert partial.start is not None
        out.append(str(m["pro_rata"]).format(start=fi_date(partial.start), year=partial.year))
    for a in statement.without_budget:
        assert a.cost is not None
        share = a.cost.share_of(statement.municipality.id)
        out.append(
            str(m["without_budget"]).format(
                title=a.title, own=_by_kind(m, "own", statement, lang), pct=share_text(a.cost, share.hundredths)
            )
        )
    for a in {line.agreement.id: line.agreement for line in statement.lines}.values():
        if a.cost is not None and a.cost.net_of:
            out.append(str(m["net_of"]).format(title=a.title, net_of=join_words(a.cost.net_of, lang)))
    return out


def unchanged_notes(statement: Statement, lang: str) -> list[str]:
    """What the decision leaves as it is (an agreement in force): said beside the statement in the
    proposal, in the speaker's notes of a slide, where the statement itself must keep to one slide."""
    m = labels(lang)["money"]
    return [str(m["unchanged"]).format(title=a.title) for a in statement.unchanged]


def headline_key(case: Case, statement: Statement) -> str:
    return fact_key("net", case.id, statement.municipality.name)
