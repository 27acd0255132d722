"""JSON Schema validation whose errors become findings at the offending value's position.

jsonschema reports a path into the data; the loader knows where each path stands in the file, so
every schema error points at a line and column. Messages are rewritten per validator keyword into
plain Finnish (or English), with the schema's own description as the hint for patterns.

The agreement schema is composed from the common agreement properties (``agreement.base.json``)
and one schema per registered arrangement kind, so a kind brings its own schema and
``schema/agreement.schema.json`` (the file editors read) is this composition written out.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from generator.findings import Finding
from generator.load.yaml_loader import LoadedFile
from generator.model.kinds import KINDS, on_change
from generator.paths import schema_dir


def _is_integer(checker: Any, instance: Any) -> bool:
    """Only a number written without a decimal point is an integer: JSON Schema would accept
    ``380000.0``, which then reaches the arithmetic as a float and the documents as "12.0 kuukautta"."""
    return isinstance(instance, int) and not isinstance(instance, bool)


# Every schema check of the project uses this validator (model.languages too).
Validator = validators.extend(
    Draft202012Validator, type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer)
)
BLANK = "\\S"  # the text schema's pattern: a text holds something besides spaces

SCHEMA_FILES = ("common", "case", "municipalities")
BASE_URI = "https://kuntasopimus.invalid/schema/"
AGREEMENT_ID = BASE_URI + "agreement.schema.json"

_TYPE_NAMES = {
    "string": ("tekstiä", "text"),
    "integer": ("kokonaisluku", "a whole number"),
    "number": ("luku", "a number"),
    "boolean": ("true tai false", "true or false"),
    "object": ("avain–arvo-rakenne", "a mapping"),
    "array": ("lista", "a list"),
    "null": ("tyhjä (null)", "empty (null)"),
}


def _read(name: str) -> dict[str, Any]:
    data = json.loads((schema_dir() / name).read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def kind_schema(kind_name: str) -> dict[str, Any]:
    """The schema of one registered kind's own properties, with its $id (a kind may give a dict)."""
    kind = KINDS[kind_name]
    schema = _read(kind.schema) if isinstance(kind.schema, str) else copy.deepcopy(kind.schema)
    schema.setdefault("$schema", "https://json-schema.org/draft/2020-12/schema")
    schema.setdefault("$id", f"{BASE_URI}kinds/{kind_name}.schema.json")
    return schema


def agreement_schema() -> dict[str, Any]:
    """The agreement schema: the common properties, ``kind`` as one of the registered kinds, and each
    kind's own schema applied when ``kind`` names it."""
    schema = _read("agreement.base.json")
    names = sorted(KINDS)
    schema["properties"]["kind"] = {
        "enum": names,
        "description": "Sopimustyyppi: " + ", ".join(f"{n} ({KINDS[n].section})" for n in names) + ".",
        "x-description-en": "The kind of agreement: " + ", ".join(f"{n} ({KINDS[n].section})" for n in names) + ".",
    }
    schema["allOf"] = [
        {
            "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
            "then": {"$ref": kind_schema(name)["$id"].removeprefix(BASE_URI)},
        }
        for name in names
    ]
    schema["unevaluatedProperties"] = False
    return schema


@cache
def schemas() -> dict[str, dict[str, Any]]:
    """Every schema of the project by name (kinds as "kind:<name>"), read once per set of kinds."""
    every = {name: _read(f"{name}.schema.json") for name in SCHEMA_FILES}
    every["agreement"] = agreement_schema()
    every.update((f"kind:{name}", kind_schema(name)) for name in KINDS)
    return every


@cache
def validator(name: str) -> Any:
    """One compiled validator per schema, shared by every file of that kind in this process."""
    registry = registry_of_schemas()
    return Validator(schemas()[name], registry=registry)


@cache
def registry_of_schemas() -> Registry:
    return Registry().with_resources((schema["$id"], Resource.from_contents(schema)) for schema in schemas().values())


@on_change
def _forget() -> None:
    """A kind was registered or removed: the composed schema and its validators are stale."""
    schemas.cache_clear()
    validator.cache_clear()
    registry_of_schemas.cache_clear()
    _checked.clear()


def written_agreement_schema() -> str:
    """``schema/agreement.schema.json`` as it must read for the registered kinds (editors use it)."""
    return json.dumps(agreement_schema(), ensure_ascii=False, indent=2) + "\n"


def _visible(text: str) -> str:
    """Control characters and line separators as 'U+001E': a finding is one line, whatever the YAML holds."""
    return "".join(f"U+{ord(ch):04X}" if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)


def _short(value: Any) -> str:
    text = "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    return _visible(text if len(text) <= 40 else text[:37] + "…")


def _all_property_names(node: Any) -> set[str]:
    names: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            names.update(node["properties"])
        for value in node.values():
            names |= _all_property_names(value)
    elif isinstance(node, list):
        for value in node:
            names |= _all_property_names(value)
    return names


def _unexpected_names(error: ValidationError, schema_name: str) -> list[str]:
    """Keys the schema really does not know here, read from the schema, not from jsonschema's
    message (a key with a quote in it, ``right_of_take_up'``, would not survive the message).

    When a kind's branch (if/then) fails for another reason, jsonschema reports all that kind's keys
    as unevaluated; only keys outside the top level and the kind's own definition are unknown.
    """
    instance = error.instance if isinstance(error.instance, dict) else {}
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "additionalProperties":
        known = set(schema.get("properties", {}))
        patterns = list(schema.get("patternProperties", {}))
        return [name for name in instance if name not in known and not any(re.search(rx, name) for rx in patterns)]
    top = schemas()[schema_name]
    allowed = set(top.get("properties", {}))
    kind = instance.get("kind")
    own = schemas().get(f"kind:{kind}") if isinstance(kind, str) else None
    allowed |= set(own.get("properties", {})) if own else _all_property_names(schemas())
    return [name for name in instance if name not in allowed]


def _findings_for(error: ValidationError, loaded: LoadedFile, schema_name: str) -> Iterator[Finding]:
    path = tuple(error.absolute_path)
    kw = error.validator
    pos = loaded.position(path)
    if kw == "required":
        missing = re.findall(r"'([^']*)' is a required property", error.message)
        yield Finding("SCHEMA-REQUIRED", "error", pos, {"field": _visible(missing[0] if missing else error.message)})
    elif kw in ("additionalProperties", "unevaluatedProperties"):
        known = sorted(_all_property_names(schemas()[schema_name] if schema_name != "agreement" else schemas()))
        names = _unexpected_names(error, schema_name)
        if not names and kw == "additionalProperties":  # never drop an error: say what jsonschema said
            yield Finding("SCHEMA-INVALID", "error", pos, {"detail": _short(error.message)})
        for name in names:
            close = difflib.get_close_matches(name, known, n=1)
            yield Finding(
                "SCHEMA-UNKNOWN",
                "error",
                loaded.key_position(path + (name,)),
                {
                    "field": _visible(name),
                    "hint_fi": f" (tarkoititko '{close[0]}'?)" if close else "",
                    "hint_en": f" (did you mean '{close[0]}'?)" if close else "",
                },
            )
    elif kw == "type":
        value: Any = error.validator_value
        expected = value if isinstance(value, list) else [value]
        yield Finding(
            "SCHEMA-TYPE",
            "error",
            pos,
            {
                "value": _short(error.instance),
                "expected_fi": " tai ".join(_TYPE_NAMES[t][0] for t in expected),
                "expected_en": " or ".join(_TYPE_NAMES[t][1] for t in expected),
            },
        )
    elif kw in ("enum", "const"):
        value = error.validator_value
        allowed = value if kw == "enum" else [value]
        yield Finding(
            "SCHEMA-ENUM",
            "error",
            pos,
            {"value": _short(error.instance), "allowed": ", ".join(_short(a) for a in allowed)},
        )
    elif kw == "pattern" and error.validator_value == BLANK:
        yield Finding("SCHEMA-BLANK", "error", pos)
    elif kw == "maxLength":
        yield Finding("SCHEMA-LONG", "error", pos, {"length": len(str(error.instance)), "limit": error.validator_value})
    elif kw == "pattern":
        schema = error.schema if isinstance(error.schema, dict) else {}
        yield Finding(
            "SCHEMA-FORMAT",
            "error",
            pos,
            {
                "value": _short(error.instance),
                "hint_fi": schema.get("description", ""),
                "hint_en": schema.get("x-description-en", ""),
            },
        )
    elif kw in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        fi = {"minimum": "vähintään", "maximum": "enintään", "exclusiveMinimum": "yli", "exclusiveMaximum": "alle"}[kw]
        en = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "above", "exclusiveMaximum": "below"}[kw]
        yield Finding(
            "SCHEMA-RANGE",
            "error",
            pos,
            {
                "value": _short(error.instance),
                "bound_fi": f"{fi} {error.validator_value}",
                "bound_en": f"{en} {error.validator_value}",
            },
        )
    elif kw in ("minItems", "minProperties", "minLength"):
        yield Finding("SCHEMA-EMPTY", "error", pos, {"minimum": error.validator_value})
    elif kw == "uniqueItems":
        yield Finding("SCHEMA-DUPLICATE-ITEM", "error", pos)
    elif kw in ("oneOf", "anyOf"):
        node: Any = error.schema
        described = node.get("description") if isinstance(node, dict) else None
        if described:
            yield Finding(
                "SCHEMA-ONE-OF",
                "error",
                pos,
                {"what_fi": described, "what_en": node.get("x-description-en", described)},
            )
        else:
            deepest = max(error.context, key=lambda e: len(e.absolute_path), default=None)
            if deepest is not None:
                yield from _findings_for(deepest, loaded, schema_name)
            else:
                yield Finding("SCHEMA-INVALID", "error", pos, {"detail": _visible(error.message)})
    else:
        yield Finding("SCHEMA-INVALID", "error", pos, {"detail": _visible(error.message)})


# Findings of files already checked, by schema, file, exact data and positions: the workbench
# re-validates the whole case on every keystroke, and a warm rebuild re-reads unchanged files.
# Findings are frozen.
_checked: dict[tuple[Any, ...], tuple[Finding, ...]] = {}


def check_schema(loaded: LoadedFile, schema_name: str) -> list[Finding]:
    """The file's schema findings, reported once per mistake (see ``_check_schema``)."""
    # The same file in another language has the same hash and other data: the data is in the key.
    # An agreement as amended has its base file's hash and name, and its changed values stand where
    # the amendment file has them: the positions the findings are given at are in the key too.
    key = (
        schema_name,
        loaded.display,
        loaded.sha256,
        json.dumps(loaded.data, default=str),
        tuple(loaded.value_positions.items()),
        tuple(loaded.key_positions.items()),
    )
    if key not in _checked:
        if len(_checked) > 512:
            _checked.clear()
        _checked[key] = tuple(_check_schema(loaded, schema_name))
    return list(_checked[key])


def _check_schema(loaded: LoadedFile, schema_name: str) -> list[Finding]:
    findings: list[Finding] = []
    for error in validator(schema_name).iter_errors(loaded.data):
        findings.extend(_findings_for(error, loaded, schema_name))
    unique = {(f.code, f.position, tuple(sorted(f.params.items()))): f for f in findings}
    # A misspelt required key ("presentor") is one mistake: report the unknown key with its hint,
    # not also the required key it was meant to be.
    hinted = {
        re.sub(r"^ \(tarkoititko '(.*)'\?\)$", r"\1", f.params["hint_fi"])
        for f in unique.values()
        if f.code == "SCHEMA-UNKNOWN" and f.params["hint_fi"]
    }
    # An unknown kind is one mistake too: the kind's own keys are not reported as unknown besides it.
    wrong_kind = any(f.code == "SCHEMA-ENUM" and f.position == loaded.position(("kind",)) for f in unique.values())
    # An empty text is one mistake: "empty", not also "blank".
    empty = {f.position for f in unique.values() if f.code == "SCHEMA-EMPTY"}
    return [
        f
        for f in unique.values()
        if not (f.code == "SCHEMA-REQUIRED" and f.params["field"] in hinted)
        and not (wrong_kind and f.code == "SCHEMA-UNKNOWN")
        and not (f.code == "SCHEMA-BLANK" and f.position in empty)
    ]


if __name__ == "__main__":  # python -m generator.model.schema: rewrite schema/agreement.schema.json
    (schema_dir() / "agreement.schema.json").write_text(written_agreement_schema(), "utf-8")
