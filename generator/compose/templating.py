"""The Jinja2 environment for clause templates: strict, compiled once per process.

StrictUndefined turns a missing value into an error that names the template and the variable,
because an empty gap in a legal text is worse than no document at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from generator.compose.markup import CLOSE, ILL_OPEN, PLACE_OPEN, STRONG_OPEN, fact, fact_key
from generator.formats import NBSP, fi_date, fi_euro, fi_number, fi_percent
from generator.model.genitive import genitive
from generator.paths import templates_dir


class TemplateProblem(Exception):
    """A template could not be rendered; says which template and why, for the CLI to print."""

    def __init__(self, template: str, line: int, reason: str) -> None:
        super().__init__(f"{template}:{line}: {reason}")
        self.template = template
        self.line = line
        self.reason = reason


@cache
def labels(lang: str) -> dict[str, Any]:
    """The language pack's fixed words: chapter titles, table headings, document labels."""
    return yaml.safe_load((templates_dir() / lang / "labels.yaml").read_text("utf-8"))


def months(n: int, lang: str) -> str:
    """'1 kuukausi', '12 kuukautta': a notice period as every output states it."""
    words = labels(lang)["proposal"]
    return (words["months_one"] if n == 1 else words["months"]).format(n=n)


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


# Spaces that must never break a line: inside a figure (20 000), between a number and its sign or
# unit word (53 §, 100 %, 2 jäsentä, 2 ledamöter) and inside a statute citation (KuntaL 49 §,
# L 380/2023 13 §, 54 § 1 mom.). Inline marks (a fact's or an illustrative figure's, U+E000–U+E0FF) may stand
# between a figure and the space, so the patterns step over them.
_M = "[\ue000-\ue0ff]*"
_NO_BREAK = (
    (re.compile(f"(?<=\\d)({_M}) (?={_M}\\d{{3}}(?!\\d))"), f"\\1{NBSP}"),  # 20 000
    (re.compile(f"(?<=\\d)({_M}) (?={_M}[§%€])"), f"\\1{NBSP}"),  # 53 §, 100 %, 300 €
    (re.compile(f"(?<=\\d)({_M}) (?={_M}(?:jäsen|ledam))"), f"\\1{NBSP}"),  # 2 jäsentä, 2 ledamöter
    (re.compile(r"\b([A-ZÅÄÖ][A-Za-zåäö]*L|L) (?=\d)"), "\\1" + NBSP),  # KuntaL 49, L 380/2023
    (re.compile(r"(?<=/\d{4}) (?=\d+\s§)"), NBSP),  # 380/2023 13 §
    (re.compile(r"(?<=/\d{4}\)) (?=\d+\s§)"), NBSP),  # (380/2023) 13 §
    (re.compile(r"(?:(?<=§)|(?<=§:n)) (?=\d+\smom\.)"), NBSP),  # 54 §:n 1 mom.
    (re.compile(r"(?<=\d) (?=mom\.)"), NBSP),  # 1 mom.
    (re.compile(r"(?<=mom\.) (?=\d+\s[kp]\.)"), NBSP),  # mom. 2 k., mom. 2 p.
    (re.compile(r"(?<=\d) (?=[kp]\.)"), NBSP),  # 2 k., 2 p.
)


def no_break(text: str) -> str:
    """``text`` with the spaces above replaced by no-break spaces (applied to every rendered template)."""
    for pattern, replacement in _NO_BREAK:
        text = pattern.sub(replacement, text)
    return text


def _board_name(m: Any, lang: str) -> str:
    """The municipality's board, from the registry or from its kind (the official name's last word):
    Mallilan kunnanhallitus, Provå kommunstyrelse."""
    if m.board:
        return m.board
    words = labels(lang)
    kinds = {word: kind for kind, word in words["municipality_kinds"].items()}
    kind = kinds.get(m.official_name.rsplit(" ", 1)[-1], "kunta")
    return f"{genitive(m.name, m.genitive, lang)} {words['board_by_kind'][kind]}"


def boards(parties: Iterable[Any], lang: str) -> str:
    """Who acts for the parties: 'sopijakuntien kunnanhallitukset' when all boards are of one kind,
    otherwise each board by name ('Esimerkkilän kaupunginhallitus ja Mallilan kunnanhallitus')."""
    words = labels(lang)
    names = [_board_name(m, lang) for m in parties]
    kinds = {name.rsplit(" ", 1)[-1] for name in names}
    if len(kinds) == 1 and len(names) > 2 and (kind := kinds.pop()) in words["board_plural"]:
        return words["parties_genitive"] + " " + words["board_plural"][kind]
    return join_words(names, lang)


def cites(text: str, lang: str) -> str:
    """'KuntaL 49 §, KuntaL 51 §, L 380/2023 13 §' → 'KuntaL 49, 51 ja 63 §; L 380/2023 13 §'."""
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


def _official_genitive(official_name: str, endings: dict[str, str]) -> str:
    """'Mallijärven kunta' → 'Mallijärven kunnan': only the type word inflects."""
    head, _, last = official_name.rpartition(" ")
    return f"{head} {endings[last]}" if head and last in endings else official_name


@cache
def environment(lang: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir() / lang)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        # A tag alone on a line vanishes with its line (lstrip_blocks + the blank lines the markup
        # tolerates); a tag that ends a text line keeps that line's break, unlike trim_blocks.
        trim_blocks=False,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # Compiled once per process: a build never sees a template change under it.
        auto_reload=False,
    )
    words = labels(lang)
    env.filters.update(
        {
            "date": fi_date,
            "num": fi_number,
            "pct": fi_percent,
            "eur": fi_euro,
            # join without a separator lists in prose ("A, B ja C"); with one it joins as Jinja's does.
            "join": lambda items, sep=None: join_words(items, lang) if sep is None else sep.join(str(i) for i in items),
            "names": lambda ms: join_words((m.name for m in ms), lang),
            "ill": lambda text, flag=True: f"{ILL_OPEN}{text}*{CLOSE}" if flag else str(text),
            "todo": lambda text: f"{PLACE_OPEN}{text}{CLOSE}",
            # {{ value|fact("seats", a, m) }}: the value states a shared fact (without m: the total).
            "fact": lambda text, kind, a, m=None: fact(
                text,
                fact_key(
                    kind,
                    a.id,
                    m.name if m is not None else words["tables"]["total"] if kind in ("seats", "euros") else None,
                ),
            ),
            "strong": lambda text: f"{STRONG_OPEN}{text}{CLOSE}",
            "months": lambda n: months(n, lang),
            "cap": lambda text: str(text)[:1].upper() + str(text)[1:],
            "board_acc": lambda m: _official_genitive(m.official_name, words["board_accusative"]).split(" ")[-1],
            "boards": lambda ms: boards(ms, lang),
            "cites": lambda text: cites(text, lang),
            "gen": lambda m: _official_genitive(m.official_name, words["official_genitive"]),
            "alla": lambda m: _official_genitive(m.official_name, words["official_allative"]),
            "ogen": lambda m: _official_genitive(m.official_name, words["official_genitive"]),
            "bid": lambda m: m.business_id if m.business_id else f"{PLACE_OPEN}{words['to_be_checked']}{CLOSE}",
        }
    )
    return env


def render(lang: str, name: str, context: dict[str, Any]) -> str:
    env = environment(lang)
    try:
        template = env.get_template(name)
        return no_break(template.render(context))
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(_template_path(lang, name), _error_line(exc, name), str(exc)) from None
    except jinja2.TemplateNotFound:
        raise TemplateProblem(_template_path(lang, name), 0, "template not found") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(_template_path(lang, name), exc.lineno, exc.message or "syntax error") from None


def _template_path(lang: str, name: str) -> str:
    return str(Path("templates") / lang / name)


def _error_line(exc: BaseException, name: str) -> int:
    tb = exc.__traceback__
    line = 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
