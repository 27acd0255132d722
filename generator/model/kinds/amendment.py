"""An amendment agreement (muutossopimus): how the parties change an agreement that is in force.

An agreement in force is never redrafted: the councils approve an amendment that names the
agreement, says which of its clauses change and how ("Sopimuksen 2.3 kohta muutetaan kuulumaan
seuraavasti: …"), and has its own entry into force and signatures. The amendment's data are the
changes to the amended agreement's own data; the model builds the agreement as amended from them,
so the clauses that change, the compliance matrix and the council's figures all follow from one
version of the agreement.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.load.yaml_loader import LoadedFile
from generator.model.kinds import common
from generator.model.kinds.base import ChapterSpec, ClauseSpec, Details, Kind
from generator.model.parse import ParseContext

if TYPE_CHECKING:
    from generator.model.entities import Agreement


@dataclass
class AmendmentDetails(Details):
    """What the amendment changes. ``amended`` (the agreement as amended) is filled in by the model
    once every agreement of the case is built."""

    amends: str
    changes: dict[str, Any] = field(default_factory=dict)
    transition: str | None = None
    amended: Agreement | None = None
    in_force: Agreement | None = None


def merged(data: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """``data`` with ``changes`` laid over it: mappings merge key by key, anything else is replaced."""
    out = dict(data)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


_LANGUAGES = frozenset({"fi", "sv", "en"})


def in_language(value: Any, lang: str | None, fallback: str | None) -> Any:
    """``value`` with every text given per language (``{fi: …, sv: …}``) in ``lang`` (else ``fallback``).

    The amendment's changes are free-form (the amended kind's schema checks them once merged), so
    the text index that localizes known fields does not reach them; this does.
    """
    if isinstance(value, dict):
        if value and set(value) <= _LANGUAGES:
            return value.get(lang or "", value.get(fallback or "", next(iter(value.values()))))
        return {k: in_language(v, lang, fallback) for k, v in value.items()}
    if isinstance(value, list):
        return [in_language(v, lang, fallback) for v in value]
    return value


def amended_file(
    base: LoadedFile, amendment: LoadedFile, lang: str | None = None, fallback: str | None = None
) -> LoadedFile:
    """The amended agreement's data as one file: the base file's data with the amendment's
    ``changes`` laid over it. A changed value keeps its position in the amendment (a finding about
    it points there); everything else, and what the agreement lacks as a whole, keeps its position
    in the base file, which describes the agreement."""
    changes = in_language(amendment.data["changes"], lang, fallback) if lang else amendment.data["changes"]
    values = dict(base.value_positions)
    keys = dict(base.key_positions)
    for path, position in amendment.value_positions.items():
        if path[:1] == ("changes",) and len(path) > 1:
            values[path[1:]] = position
    for path, position in amendment.key_positions.items():
        if path[:1] == ("changes",) and len(path) > 1:
            keys[path[1:]] = position
    return dataclasses.replace(base, data=merged(base.data, changes), value_positions=values, key_positions=keys)


class Amendment(Kind):
    name = "amendment"
    section = "KuntaL 49 §"
    schema = "kinds/amendment.schema.json"
    kuntalaki_sections = frozenset({49})
    amends = True
    outline = (
        ChapterSpec("yleista", (*common.GENERAL, ClauseSpec("muutos.sopimus"))),
        ChapterSpec("muutokset", (ClauseSpec("muutos.kohdat"),)),
        ChapterSpec(
            "voimassaolo",
            (
                ClauseSpec("muutos.voimaantulo"),
                ClauseSpec("muutos.muut_ehdot"),
                ClauseSpec("erimielisyydet", ("KL63",)),
                ClauseSpec("sopimuskappaleet"),
            ),
        ),
    )

    def parse(self, data: dict[str, Any], ctx: ParseContext) -> AmendmentDetails:
        return AmendmentDetails(amends=data["amends"], changes=dict(data["changes"]), transition=data.get("transition"))

    def cited_sections(self, agreement: Agreement) -> frozenset[int]:
        details = agreement.details
        assert isinstance(details, AmendmentDetails)
        amended = details.amended
        return amended.kind.cited_sections(amended) if amended is not None else self.kuntalaki_sections
