"""Semantic changes between two models: which facts changed (seats, shares, dates, parties, tasks)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.compose.facts import case_facts
from generator.formats import fi_date
from generator.language import labels
from generator.model.entities import Case


@dataclass(frozen=True)
class FactChange:
    subject: str
    what: str
    old: str
    new: str


def _facts(case: Case) -> dict[str, str]:
    facts = case_facts(case)
    for a in case.agreements:
        facts[f"parties:{a.id}"] = ", ".join(m.name for m in a.parties)
        tasks = getattr(a.details, "tasks", ())
        if tasks:
            facts[f"tasks:{a.id}"] = "; ".join(tasks)
    # The date too: every document's title block and header show it, so a new date is a change.
    facts["version:"] = f"{case.version.number} ({case.version.status}, {fi_date(case.version.date)})"
    return facts


def _subject(kind: str, rest: str, titles: dict[str, str], case_title: str) -> tuple[str, str]:
    """Whose fact a key names, and its item: an agreement's (by id) or a municipality's (business ID).

    A business ID belongs to a municipality, not to an agreement: its key holds the official name,
    which is the subject a reader looks for ("Mallilan kunta – Y-tunnus: – → tarkistettava").
    """
    if kind == "business_id":
        return rest, ""
    agreement_id, _, item = rest.partition(":")
    return titles.get(agreement_id, case_title), item


def fact_changes(old: Case, new: Case) -> list[FactChange]:
    words = labels(new.language)
    names = {**words["facts"], **words["diff"]["facts"]}
    titles = {a.id: a.title for a in old.agreements} | {a.id: a.title for a in new.agreements}
    a, b = _facts(old), _facts(new)
    out = []
    for key in sorted(set(a) | set(b), key=lambda k: (k.split(":")[1:2], k)):
        if a.get(key) == b.get(key):
            continue
        kind, _, rest = key.partition(":")
        subject, item = _subject(kind, rest, titles, new.title)
        what = names.get(kind, kind) + (f", {item}" if item else "")
        out.append(FactChange(subject, what, a.get(key, "–"), b.get(key, "–")))
    return out
