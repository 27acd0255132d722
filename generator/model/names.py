"""Municipality names in a language the registry does not spell out, where no translation is needed.

A name is a proper noun: Mallijärvi is Mallijärvi in a Swedish text too, so a missing translation
of ``name`` is no gap. An official name follows from the name and the municipality's kind:
"Exempelborg" and a town (kaupunki) give "Exempelborgs stad"; "Esimerkkilän" (the Finnish genitive the
registry keeps) and a town give "Esimerkkilän kaupunki". Everything else (councils, boards, sources) must be
given in the language, and validation says so where a document would show it.
"""

from __future__ import annotations

from typing import Any

from generator.language import labels, swedish_genitive
from generator.load.yaml_loader import JsonPath, LoadedFile
from generator.model.languages import Fallback


def _in(value: Any, lang: str, base: str) -> str | None:
    """``value``'s text in ``lang`` (a plain string counts as ``base``)."""
    if isinstance(value, dict):
        return value.get(lang)
    return value if lang == base else None


def _any(value: Any, base: str) -> str:
    return value if isinstance(value, str) else value.get(base) or next(iter(value.values()))


def _kind(official: Any, base: str) -> str | None:
    """The municipality's kind (a key of ``municipality_kinds``) from its official name's last word."""
    for lang in ("fi", "sv"):
        text = _in(official, lang, base)
        if text:
            last = text.rsplit(" ", 1)[-1]
            for kind, word in labels(lang)["municipality_kinds"].items():
                if word == last:
                    return kind
    return None


def municipality_names(base: str) -> Fallback:
    """The registry's fallback: names as they are, official names derived where they can be."""

    def fallback(loaded: LoadedFile, path: JsonPath, lang: str) -> str | None:
        if len(path) != 3 or path[0] != "municipalities":
            return None
        entry = loaded.data["municipalities"][path[1]]
        field = path[2]
        if field == "name":
            return _any(entry["name"], base)
        if field != "official_name":
            return None
        kind = _kind(entry["official_name"], base)
        if kind is None:
            return None
        word = labels(lang)["municipality_kinds"][kind]
        if lang == "fi":
            genitive = _in(entry.get("genitive", ""), "fi", "fi")  # the genitive is always Finnish
            return f"{genitive} {word}" if genitive else None
        return f"{swedish_genitive(_in(entry['name'], lang, base) or _any(entry['name'], base))} {word}"

    return fallback
