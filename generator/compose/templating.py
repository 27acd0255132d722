"""The Jinja2 environment for clause templates: strict, compiled once per process.

StrictUndefined turns a missing value into an error that names the template and the variable,
because an empty gap in a legal text is worse than no document at all.

A value placed in a template is text, never markup: its line breaks become spaces, so a YAML text
written over several lines cannot start a paragraph, a list item or an ``@table`` line of its own.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from generator.compose.facts import share_text
from generator.compose.markup import CLOSE, ILL_OPEN, PLACE_OPEN, STRONG_OPEN, fact, fact_key
from generator.formats import fi_date, fi_euro, fi_number, fi_percent
from generator.language import (
    board_name,
    boards,
    boards_step,
    by_kind,
    cites,
    director_name,
    join_words,
    labels,
    months,
    no_break,
    official_form,
)
from generator.model.entities import Agreement
from generator.model.kinds import KINDS, on_change
from generator.paths import templates_dir

__all__ = [
    "TemplateProblem",
    "environment",
    "kind_words",
    "render",
    "render_clause",
    "template_names",
]


class TemplateProblem(Exception):
    """A template could not be rendered; says which template and why, for the CLI to print."""

    def __init__(self, template: str, line: int, reason: str) -> None:
        super().__init__(f"{template}:{line}: {reason}")
        self.template = template
        self.line = line
        self.reason = reason


def search_path(lang: str) -> list[Path]:
    """Where templates of ``lang`` are looked up: the bundled folder, then each registered kind's own."""
    roots = [templates_dir() / lang]
    for kind in KINDS.values():
        if kind.template_root is not None and (kind.template_root / lang) not in roots:
            roots.append(kind.template_root / lang)
    return roots


@cache
def kind_words(kind_name: str, lang: str) -> dict[str, Any]:
    """The language pack with a kind's own words over it (see ``Kind.words``), read once."""
    return KINDS[kind_name].words(lang)


_LINE_BREAKS = re.compile(r"[ \t]*[\r\n][ \t\r\n]*")


def _inline(value: Any) -> Any:
    """What ``{{ value }}`` prints: a text on one line (see the module docstring)."""
    return _LINE_BREAKS.sub(" ", value) if isinstance(value, str) else value


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs in the user's cache folder (as Python keeps bytecode):
    compiling the templates is most of a first build. Jinja checks each entry against its source's
    checksum; the folder's name carries the Jinja version. None where no cache folder can be made."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "kuntasopimus" / f"templates-jinja{jinja2.__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


@cache
def environment(lang: str) -> jinja2.Environment:
    env = jinja2.Environment(
        bytecode_cache=_bytecode_cache(),
        finalize=_inline,
        loader=jinja2.FileSystemLoader([str(p) for p in search_path(lang)]),
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
            # {{ share.hundredths|share_pct(a) }}: as the agreement's table prints it (fixed: '40 %').
            "share_pct": lambda hundredths, a: share_text(a.cost, hundredths),
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
                    m.name
                    if m is not None
                    else words["tables"]["total"]
                    if kind in ("seats", "deputies", "euros")
                    else None,
                ),
            ),
            "strong": lambda text: f"{STRONG_OPEN}{text}{CLOSE}",
            "months": lambda n: months(n, lang),
            "cap": lambda text: str(text)[:1].upper() + str(text)[1:],
            # A sentence after a label and a colon ("Riski: jos …") starts in lower case when its first
            # word is a conjunction; a name keeps its capital.
            "after_colon": lambda text: (
                str(text)[:1].lower() + str(text)[1:]
                if str(text).split(" ", 1)[0] in words["clause_openers"]
                else str(text)
            ),
            "board_acc": lambda m: official_form(m.official_name, words["board_accusative"]).split(" ")[-1],
            "boards": lambda ms: boards(ms, lang),
            "board": lambda m: board_name(m, lang),
            "director": lambda m: director_name(m, lang),
            "by_kind": lambda m, table: by_kind(m, lang, table),
            "timeline_step": lambda councils, step: (
                boards_step(councils, lang) if step == "board" else words["deck"]["timeline"][step]
            ),
            "cites": lambda text: cites(text, lang),
            # A joint post named with its number in a decision item ("työllisyyskoordinaattori 2"):
            # identical decisions under KuntaL 53 § must not leave the numbers to the annex.
            "post_count": lambda post: f"{post.title} {post.count}",
            # The organ whose decision binds a party (a 54 § principal's employment authority).
            "approver_of": lambda m, agreement: agreement.kind.approver(agreement, m),
            "gen": lambda m: official_form(m.official_name, words["official_genitive"]),
            "alla": lambda m: official_form(m.official_name, words["official_allative"]),
            "ogen": lambda m: official_form(m.official_name, words["official_genitive"]),
            "ade": lambda m: official_form(m.official_name, words["official_adessive"]),
            "illat": lambda m: official_form(m.official_name, words["official_illative"]),
            "in_words": lambda n: words["in_words"][n] if 0 <= n < len(words["in_words"]) else str(n),
            "translated_into": lambda code: words["languages"]["translated_into"][code],
            # A title named in running text, in the quotation marks both languages use: ”Title”.
            "q": lambda title: f"\u201d{title}\u201d",
            "bid": lambda m: m.business_id if m.business_id else f"{PLACE_OPEN}{words['to_be_checked']}{CLOSE}",
        }
    )
    return env


@on_change
def _forget() -> None:
    """A kind was registered: its template folder joins the search path."""
    environment.cache_clear()
    kind_words.cache_clear()


def template_names(agreement: Agreement, name: str, shared: str = "clauses") -> list[str]:
    """Where a clause (or other per-agreement) template is looked for, most specific first: the sector's
    wording for the kind, the kind's own, the sector's for every kind, then the shared one in ``shared``."""
    kind, sector = agreement.kind.name, agreement.sector.id
    return [
        f"sectors/{sector}/kinds/{kind}/{name}",
        f"kinds/{kind}/{name}",
        f"sectors/{sector}/{name}",
        f"{shared}/{name}" if shared else name,
    ]


def render(lang: str, name: str | Sequence[str], context: dict[str, Any]) -> str:
    """A template (or the first of several names that exists) rendered with ``context``."""
    env = environment(lang)
    names = [name] if isinstance(name, str) else list(name)
    try:
        template = env.select_template(names)
        return no_break(template.render(context))
    except jinja2.UndefinedError as exc:
        used = _used(env, names)
        raise TemplateProblem(_template_path(lang, used), _error_line(exc, used), str(exc)) from None
    except jinja2.TemplatesNotFound:
        raise TemplateProblem(_template_path(lang, names[-1]), 0, "template not found") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(
            _template_path(lang, exc.name or names[-1]), exc.lineno, exc.message or "syntax error"
        ) from None


def _used(env: jinja2.Environment, names: list[str]) -> str:
    for name in names:
        try:
            env.get_template(name)
            return name
        except jinja2.TemplateNotFound:
            continue
    return names[-1]


def render_clause(lang: str, agreement: Agreement, clause_id: str, context: dict[str, Any]) -> str:
    return render(lang, template_names(agreement, f"{clause_id}.j2"), context)


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
