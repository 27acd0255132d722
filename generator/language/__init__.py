"""Language packs: every word the outputs and findings print that is not case data, per language.

A language is ``templates/<lang>/labels.yaml`` (fixed words, statute abbreviations, the words a
negotiated wording must use, the patterns figures are written in) plus the clause templates beside
it. Every stage may read a pack, so this package depends on nothing of the pipeline: model, rules,
compose, write and read-back all ask the same pack for the same word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

import yaml

from generator.formats import NBSP
from generator.language.genitive import genitive, swedish_genitive
from generator.paths import templates_dir

# Languages the documents can be written in; each has templates/<lang>/.
LANGUAGES = ("fi", "sv")

__all__ = [
    "LANGUAGES",
    "boards",
    "board_name",
    "cite",
    "cites",
    "genitive",
    "join_words",
    "labels",
    "months",
    "no_break",
    "official_form",
    "swedish_genitive",
]


@cache
def labels(lang: str) -> dict[str, Any]:
    """The language pack's fixed words: chapter titles, table headings, document labels."""
    data = yaml.safe_load((templates_dir() / lang / "labels.yaml").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def months(n: int, lang: str) -> str:
    """'1 kuukausi', '12 kuukautta': a notice period as every output states it."""
    words = labels(lang)["proposal"]
    return str((words["months_one"] if n == 1 else words["months"]).format(n=n))


def join_words(items: Iterable[Any], lang: str) -> str:
    """'A, B ja C' in the language's own conjunction; when an item has its own 'ja', the last joint
    is 'sekä' so the list stays readable."""
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    conjunction = labels(lang)["and"]
    if any(f" {conjunction} " in w for w in words):
        conjunction = labels(lang)["and_also"]
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


def cite(citation: str, lang: str) -> str:
    """A citation as written in ``lang``: 'KuntaL 52 § 1 mom. 3 k.' → 'KomL 52 § 1 mom. 3 p.' in Swedish.

    Citations are kept in Finnish style in the catalogue; each pack lists the abbreviations it
    writes differently (``citation_words``).
    """
    for finnish, other in labels(lang).get("citation_words", {}).items():
        citation = citation.replace(finnish, other)
    return citation


def cites(text: str, lang: str) -> str:
    """'KuntaL 49 §, KuntaL 51 §, L 380/2023 13 §' → 'KuntaL 49 ja 51 §; L 380/2023 13 §'."""
    groups: dict[str, list[str]] = {}
    for part in (p.strip() for p in str(text).split(",")):
        law, _, section = part.rpartition(" ")
        head, _, number = law.rpartition(" ")
        if section == "§" and head:
            groups.setdefault(head, []).append(number)
        else:
            groups.setdefault(part, [])
    out = []
    for head, numbers in groups.items():
        out.append(f"{head} {join_words(numbers, lang)} §" if numbers else head)
    return "; ".join(out)


# Spaces that must never break a line: inside a figure (20 000), between a number and its sign or
# unit word (53 §, 100 %, 2 jäsentä, 2 ledamöter) and inside a statute citation (KuntaL 49 §,
# L 380/2023 13 §, 54 § 1 mom.). Inline marks (a fact's or an illustrative figure's, U+E000–U+E0FF)
# may stand between a figure and the space, so the patterns step over them.
_M = "[\ue000-\ue0ff]*"
_NO_BREAK = (
    (re.compile(f"(?<=\\d)({_M}) (?={_M}\\d{{3}}(?!\\d))"), f"\\1{NBSP}"),  # 20 000
    (re.compile(f"(?<=\\d)({_M}) (?={_M}[§%€])"), f"\\1{NBSP}"),  # 53 §, 100 %, 300 €
    (re.compile(f"(?<=\\d)({_M}) (?={_M}(?:jäsen|ledam))"), f"\\1{NBSP}"),  # 2 jäsentä, 2 ledamöter
    (re.compile(r"\b([A-ZÅÄÖ][A-Za-zåäö]*L|L) (?=\d)"), "\\1" + NBSP),  # KuntaL 49, L 380/2023
    (re.compile(r"(?<=/\d{4}) (?=\d+\s(?:[a-z]\s)?§)"), NBSP),  # 380/2023 13 §, 609/1986 4 a §
    (re.compile(r"(?<=\d) (?=[a-z]\s§)"), NBSP),  # 4 a §
    (re.compile(r"(?<=\d\s[a-z]) (?=§)"), NBSP),  # 4 a §
    (re.compile(r"(?<=/\d{4}\)) (?=\d+\s§)"), NBSP),  # (380/2023) 13 §
    (re.compile(r"(?:(?<=§)|(?<=§:n)) (?=\d+\smom\.)"), NBSP),  # 54 §:n 1 mom.
    (re.compile(r"(?<=\d) (?=mom\.)"), NBSP),  # 1 mom.
    (re.compile(r"(?<=mom\.) (?=\d+\s[kp]\.)"), NBSP),  # mom. 2 k., mom. 2 p.
    (re.compile(r"(?<=\d) (?=[kp]\.)"), NBSP),  # 2 k., 2 p.
)


@lru_cache(maxsize=4096)
def no_break(text: str) -> str:
    """``text`` with the spaces above replaced by no-break spaces (applied to every rendered template;
    cached, as every council's material repeats most of its texts)."""
    if not any(c.isdigit() for c in text):
        return text  # every pattern needs a figure
    for pattern, replacement in _NO_BREAK:
        text = pattern.sub(replacement, text)
    return text


def official_form(official_name: str, endings: dict[str, str]) -> str:
    """'Mallijärven kunta' → 'Mallijärven kunnan' (with the pack's genitive endings): only the type word inflects."""
    head, _, last = official_name.rpartition(" ")
    return f"{head} {endings[last]}" if head and last in endings else official_name


def board_name(m: Any, lang: str) -> str:
    """The municipality's board, from the registry or from its kind (the official name's last word):
    Mallilan kunnanhallitus, Provå kommunstyrelse."""
    if m.board:
        return str(m.board)
    words = labels(lang)
    return f"{genitive(m.name, m.genitive, lang)} {words['board_by_kind'][municipality_kind(m, lang)]}"


def municipality_kind(m: Any, lang: str) -> str:
    """'kunta' or 'kaupunki', read from the official name's last word in ``lang`` (a kunta if unknown)."""
    kinds = {word: kind for kind, word in labels(lang)["municipality_kinds"].items()}
    return kinds.get(m.official_name.rsplit(" ", 1)[-1], "kunta")


def by_kind(m: Any, lang: str, table: str) -> str:
    """The word of the pack's ``table`` for the municipality's kind (kunnanhallituksen / kaupunginhallituksen ...)."""
    return str(labels(lang)[table][municipality_kind(m, lang)])


def director_name(m: Any, lang: str) -> str:
    """The municipality's chief executive by its kind: kunnanjohtaja / kaupunginjohtaja (kommun-/stadsdirektören)."""
    return by_kind(m, lang, "director_by_kind")


def boards_step(councils: Iterable[Any], lang: str) -> str:
    """What the schedule calls the boards of ``councils``: kunnanhallitukset, kaupunginhallitukset, or
    both kinds together ("Kaupungin- ja kunnanhallitukset") when there are towns and municipalities."""
    kinds = {municipality_kind(m, lang) for m in councils}
    key = kinds.pop() if len(kinds) == 1 else "both"
    return str(labels(lang)["boards_step"][key])


def boards(parties: Iterable[Any], lang: str) -> str:
    """Who acts for the parties: 'sopijakuntien kunnanhallitukset' when all boards are of one kind,
    otherwise each board by name ('Esimerkkilän kaupunginhallitus ja Mallilan kunnanhallitus')."""
    words = labels(lang)
    names = [board_name(m, lang) for m in parties]
    kinds = {name.rsplit(" ", 1)[-1] for name in names}
    if len(kinds) == 1 and len(names) > 2 and (kind := kinds.pop()) in words["board_plural"]:
        return str(words["parties_genitive"]) + " " + str(words["board_plural"][kind])
    return join_words(names, lang)
