"""Texts in more than one language: which YAML values are texts, and the data in one language.

A free text in a case file (a task, a purpose, an authority's name) is written either as a plain
string, in the case's own language, or as translations: ``{fi: "...", sv: "..."}``. The schemas mark
texts with ``x-text``; ids, enums, dates and numbers are never translated. A document in another
language than the case's needs every text it shows in that language: ``localize`` gives the data in
one language and lists the texts that have no version in it, so validation can point at each one.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urldefrag, urljoin

from referencing import Registry

from generator.load.yaml_loader import JsonPath, LoadedFile
from generator.model.kinds import on_change
from generator.model.schema import Validator, registry_of_schemas


def _registry() -> Registry:
    return registry_of_schemas()


@cache
def _fits(location: str) -> Any:
    return Validator({"$ref": location}, registry=_registry())


def _pointer(location: str, *parts: Any) -> str:
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return location + "".join(f"/{p}" for p in escaped)


@cache
def _node(location: str) -> Any:
    """The schema node at an absolute location (cached until the set of kinds changes)."""
    return _registry().resolver().lookup(location).contents


@cache
def _target(location: str, ref: str) -> str:
    """The absolute location a $ref points to, always with a fragment (a pointer may follow it)."""
    target = urljoin(urldefrag(location).url, ref)
    return target if "#" in target else target + "#"


def _texts(location: str, value: Any, path: JsonPath, found: list[JsonPath]) -> None:
    """Walk ``value`` alongside the schema node at ``location``, collecting the paths of texts."""
    schema = _node(location)
    if not isinstance(schema, dict):
        return
    if schema.get("x-text"):
        found.append(path)
        return
    if "$ref" in schema:
        _texts(_target(location, schema["$ref"]), value, path, found)
    for i, _ in enumerate(schema.get("allOf", ())):
        _texts(_pointer(location, "allOf", i), value, path, found)
    for keyword in ("oneOf", "anyOf"):
        for i, _ in enumerate(schema.get(keyword, ())):
            if _fits(_pointer(location, keyword, i)).is_valid(value):
                _texts(_pointer(location, keyword, i), value, path, found)
                break
    if "if" in schema:
        branch = "then" if _fits(_pointer(location, "if")).is_valid(value) else "else"
        if branch in schema:
            _texts(_pointer(location, branch), value, path, found)
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                _texts(_pointer(location, "properties", key), item, (*path, key), found)
            elif isinstance(schema.get("additionalProperties"), dict):
                _texts(_pointer(location, "additionalProperties"), item, (*path, key), found)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(value):
            _texts(_pointer(location, "items"), item, (*path, i), found)


def text_paths(loaded: LoadedFile, schema_id: str) -> list[JsonPath]:
    """Paths of the values of ``loaded`` that the schema (by its $id) marks as texts."""
    found: list[JsonPath] = []
    _texts(schema_id + "#", loaded.data, (), found)
    return found


@on_change
def _forget() -> None:
    _fits.cache_clear()
    _node.cache_clear()


@dataclass(frozen=True)
class Untranslated:
    """A text that has no version in ``lang``; ``text`` is what stands in for it."""

    file: LoadedFile
    path: JsonPath
    lang: str
    text: str


# An untranslated text can be prefixed with this marker and its number, so a scan of composed
# documents finds the texts a document in that language shows (the test that proves the declared
# text scopes complete does so). U+E000–U+E0FF are the inline marks of compose.markup.
_MARK_OPEN, _MARK_CLOSE = "\ue100", "\ue101"
MARKED = re.compile(f"{_MARK_OPEN}(\\d+){_MARK_CLOSE}")

Fallback = Callable[[LoadedFile, JsonPath, str], "str | None"]


def _get(data: Any, path: JsonPath) -> Any:
    for step in path:
        data = data[step]
    return data


def _set(data: Any, path: JsonPath, value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def localize(
    loaded: LoadedFile,
    texts: list[JsonPath],
    lang: str,
    base_lang: str,
    missing: list[Untranslated],
    mark: bool = False,
    fallback: Fallback = lambda loaded, path, lang: None,
) -> LoadedFile:
    """The file with every text in ``lang``; a plain string is in ``base_lang``.

    A text without a ``lang`` version takes ``fallback``'s text (a proper name, a derived name) if
    it gives one; otherwise it keeps the text it has (the base language's, or the first given), is
    appended to ``missing`` and, with ``mark``, is prefixed with its number in ``missing``.
    ``texts`` are the file's text paths (``text_paths``). Positions are unchanged: a translated text
    stands where its translations stood.
    """
    data = copy.deepcopy(loaded.data)
    for path in texts:
        value = _get(data, path)
        if isinstance(value, dict) and lang in value:
            _set(data, path, value[lang])
            continue
        if isinstance(value, str) and lang == base_lang:
            continue
        derived = fallback(loaded, path, lang)
        if derived is not None:
            _set(data, path, derived)
            continue
        text = value if isinstance(value, str) else value.get(base_lang) or next(iter(value.values()))
        if mark:
            text = f"{_MARK_OPEN}{len(missing)}{_MARK_CLOSE}{text}"
        missing.append(Untranslated(loaded, path, lang, text))
        _set(data, path, text)
    return loaded.with_data(data)
