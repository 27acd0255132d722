"""The genitive of a municipality's name, which official names and board names are built from.

Finnish genitives are irregular (Mallijärvi → Mallijärven, Esimerkkilampi → Esimerkkilammin), so the registry
keeps them. Swedish forms its genitive by rule: a final -s, except after a vowel or a sibilant
(Exempelborgs stad, Mallö stad, Provå kommun, Testax kommun).
"""

from __future__ import annotations

_NO_S = set("aeiouyåäöAEIOUYÅÄÖ") | set("sxzSXZ")


def swedish_genitive(name: str) -> str:
    """``name`` as the first word of a Swedish official name: Exempelborg → Exempelborgs, Provå → Provå."""
    return name if not name or name[-1] in _NO_S else name + "s"


def genitive(name: str, finnish_genitive: str, lang: str) -> str:
    """The genitive in ``lang``: the registry's Finnish one, or the Swedish rule."""
    return finnish_genitive if lang == "fi" else swedish_genitive(name)
