"""The Swedish language pack says what the Finnish one says: same files, keys, tables and variables.

A clause id is the same clause in every language (outlines are language-neutral), so a Swedish
template that lacks a file, a label, an ``@table`` or a condition on a variable silently drops
content the Finnish version has, or stops the build with StrictUndefined only for Swedish cases.
These checks compare the sources, so they hold for every case, not only for the ones built here.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from jinja2 import meta

from generator.compose.templating import environment

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
FI = TEMPLATES / "fi"
SV = TEMPLATES / "sv"

# Label groups whose keys are words of the language itself, not identifiers: the last word of an
# official name ("Lestijärven kunta" / "Lestijärvi kommun") or of a board's name ("kunnanhallitus" /
# "kommunstyrelse"), which the generator looks up to inflect a name. Their keys differ by design;
# the group itself must exist in both packs.
LANGUAGE_WORD_KEYS = {
    "official_genitive": "keyed by the type word of an official name (kunta, kaupunki / kommun, stad)",
    "official_allative": "keyed by the type word of an official name; Swedish needs no case ending",
    "official_adessive": "keyed by the type word of an official name; Swedish needs no case ending",
    "official_illative": "keyed by the type word of an official name; Swedish needs no case ending",
    "board_accusative": "keyed by the type word of an official name (kommun → kommunstyrelsen)",
    "board_plural": "keyed by the last word of a board's name (kunnanhallitus / kommunstyrelse)",
    "citation_words": "keyed by the Finnish abbreviation a language writes differently (none in Finnish)",
}

# Common Finnish words that never belong in a Swedish text (proper names come from the data).
FINNISH_WORDS = {
    "ja",
    "tai",
    "sekä",
    "on",
    "ei",
    "että",
    "jos",
    "kun",
    "joka",
    "jonka",
    "mukaan",
    "mukaisesti",
    "kunta",
    "kunnan",
    "kuntien",
    "kunnat",
    "sopimus",
    "sopimuksen",
    "sopimukset",
    "sopimusta",
    "sopijakunta",
    "sopijakunnat",
    "sopijakuntien",
    "vastuukunta",
    "vastuukunnan",
    "valtuusto",
    "valtuuston",
    "valtuustot",
    "kunnanhallitus",
    "kaupunginhallitus",
    "hallitus",
    "kuntalaki",
    "kuntalain",
    "kuntaL",
    "jäsentä",
    "jäsenet",
    "jäseniä",
    "tehtävät",
    "tehtävien",
    "kustannukset",
    "kustannusten",
    "voimassa",
    "voimaan",
    "vuoden",
    "vuosi",
    "luonnos",
    "liite",
    "liitteet",
    "yhteinen",
    "toimielin",
    "työllisyysalue",
    "työllisyysalueen",
    "viranhaltija",
    "virka",
    "virat",
    "osuus",
    "euroa",
    "päätösehdotus",
    "valitus",
    "hallinto-oikeus",
    "tarkistettava",
    "yhteensä",
}
# Finnish vowel pairs; Swedish words hardly ever double a vowel.
FINNISH_VOWELS = re.compile(r"\w*(?:ää|öö|yy|uu|ii|aa)\w*", re.IGNORECASE)

_TABLE = re.compile(r"^\s*@table\s+(\S+)", re.MULTILINE)
_FACT = re.compile(r"\|\s*fact\(([^)]*)\)")
# Parsing compiles filter calls, so the parser knows the generator's filters (by name: never run).
_PARSER = jinja2.Environment(lstrip_blocks=True)
_PARSER.filters.update({name: _PARSER.filters.get(name, lambda *a, **k: None) for name in environment("fi").filters})


def _templates(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _j2(root: Path) -> list[str]:
    return sorted(p for p in _templates(root) if p.endswith(".j2"))


def _labels(root: Path) -> dict[str, Any]:
    return yaml.safe_load((root / "labels.yaml").read_text("utf-8"))


def _keys(tree: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield (*path, str(key))
            if not (len(path) == 0 and key in LANGUAGE_WORD_KEYS):
                yield from _keys(value, (*path, str(key)))


def _leaves(tree: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _leaves(value, (*path, str(key)))
    else:
        yield path, tree


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def _variables(source: str) -> set[str]:
    return meta.find_undeclared_variables(_PARSER.parse(source))


def _prose(source: str) -> str:
    """The text a reader sees: Jinja tags replaced by the string literals inside them."""
    return re.sub(
        r"\{[{%].*?[%}]\}",
        lambda m: " " + " ".join(re.findall(r'"([^"]*)"', m.group(0))) + " ",
        source,
        flags=re.DOTALL,
    )


def test_the_same_template_files_exist_in_both_languages() -> None:
    fi, sv = _templates(FI), _templates(SV)
    assert sorted(fi - sv) == [], "missing in templates/sv"
    assert sorted(sv - fi) == [], "only in templates/sv"


def test_labels_have_the_same_keys_in_both_languages() -> None:
    fi, sv = set(_keys(_labels(FI))), set(_keys(_labels(SV)))
    assert sorted(fi - sv) == [], "label keys missing in templates/sv/labels.yaml"
    assert sorted(sv - fi) == [], "label keys only in templates/sv/labels.yaml"


def test_labels_have_the_same_shape_and_placeholders() -> None:
    """A list has as many items (table columns), a format string the same {fields}."""
    fi = dict(_leaves(_labels(FI)))
    sv = dict(_leaves(_labels(SV)))
    for path, fi_value in fi.items():
        if path[0] in LANGUAGE_WORD_KEYS or path not in sv:
            continue
        sv_value = sv[path]
        assert type(sv_value) is type(fi_value), path
        if isinstance(fi_value, list):
            assert len(sv_value) == len(fi_value), path
        if isinstance(fi_value, str):
            assert _placeholders(sv_value) == _placeholders(fi_value), path


@pytest.mark.parametrize("name", _j2(FI), ids=str)
def test_a_template_places_the_same_tables_and_uses_the_same_variables(name: str) -> None:
    sv_path = SV / name
    assert sv_path.is_file(), f"templates/sv/{name} is missing"
    fi_source = (FI / name).read_text("utf-8")
    sv_source = sv_path.read_text("utf-8")
    assert _TABLE.findall(sv_source) == _TABLE.findall(fi_source), "@table names and order"
    assert _variables(sv_source) == _variables(fi_source), "Jinja variables"
    # `check` finds a figure in prose by its fact tag, so each language tags the same facts.
    assert sorted(_FACT.findall(sv_source)) == sorted(_FACT.findall(fi_source)), "fact(...) tags"
    # Deck templates: the speaker notes are where the Finnish ones are.
    assert ("\n---\n" in sv_source) == ("\n---\n" in fi_source), "--- between slide and notes"


@pytest.mark.parametrize("name", _j2(FI), ids=str)
def test_a_swedish_template_has_no_finnish_words(name: str) -> None:
    sv_path = SV / name
    if not sv_path.is_file():
        pytest.fail(f"templates/sv/{name} is missing")
    prose = _prose(sv_path.read_text("utf-8"))
    words = set(re.findall(r"[\wåäöÅÄÖ-]+", prose))
    assert sorted(w for w in words if w.lower() in {f.lower() for f in FINNISH_WORDS}) == []
    assert FINNISH_VOWELS.findall(prose) == []


def test_swedish_labels_have_no_finnish_words() -> None:
    texts = " ".join(str(v) for _, v in _leaves(_labels(SV)))
    words = set(re.findall(r"[\wåäöÅÄÖ-]+", texts))
    assert sorted(w for w in words if w.lower() in {f.lower() for f in FINNISH_WORDS}) == []
    assert FINNISH_VOWELS.findall(texts) == []
