"""JSON Schema validation whose errors become findings at the offending value's position.

jsonschema reports a path into the data; the loader knows where each path stands in the file, so
every schema error points at a line and column. Messages are rewritten per validator keyword into
plain Finnish (or English), with the schema's own description as the hint for patterns.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from generator.findings import Finding
from generator.load.yaml_loader import LoadedFile
from generator.paths import schema_dir

SCHEMA_FILES = ("common", "case", "municipalities", "agreement")

_TYPE_NAMES = {
    "string": ("tekstiä", "text"),
    "integer": ("kokonaisluku", "a whole number"),
    "number": ("luku", "a number"),
    "boolean": ("true tai false", "true or false"),
    "object": ("avain–arvo-rakenne", "a mapping"),
    "array": ("lista", "a list"),
    "null": ("tyhjä (null)", "empty (null)"),
}


@lru_cache(maxsize=1)
def schemas() -> dict[str, dict[str, Any]]:
    """Every schema of the project by name, read once per process."""
    return {name: json.loads((schema_dir() / f"{name}.schema.json").read_text("utf-8")) for name in SCHEMA_FILES}


@cache
def validator(name: str) -> Draft202012Validator:
    """One compiled validator per schema, shared by every file of that kind in this process."""
    every = schemas()
    registry = Registry().with_resources((schema["$id"], Resource.from_contents(schema)) for schema in every.values())
    return Draft202012Validator(every[name], registry=registry)


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
    """Keys the schema really does not know here.

    When a kind's branch (if/then) fails for another reason, jsonschema reports all that kind's keys
    as unevaluated; only keys outside the top level and the kind's own definition are unknown.
    """
    instance = error.instance if isinstance(error.instance, dict) else {}
    names = [name for name in re.findall(r"'([^']*)'", error.message) if name in instance]
    if error.validator != "unevaluatedProperties":
        return names
    schema = schemas()[schema_name]
    allowed = set(schema.get("properties", {}))
    kind = instance.get("kind")
    kind_schema = schema.get("$defs", {}).get(kind) if isinstance(kind, str) else None
    allowed |= set(kind_schema.get("properties", {})) if kind_schema else _all_property_names(schema)
    return [name for name in names if name not in allowed]


def _findings_for(error: ValidationError, loaded: LoadedFile, schema_name: str) -> Iterator[Finding]:
    path = tuple(error.absolute_path)
    kw = error.validator
    pos = loaded.position(path)
    if kw == "required":
        missing = re.findall(r"'([^']*)' is a required property", error.message)
        yield Finding("SCHEMA-REQUIRED", "error", pos, {"field": _visible(missing[0] if missing else error.message)})
    elif kw in ("additionalProperties", "unevaluatedProperties"):
        known = sorted(_all_property_names(schemas()[schema_name]))
        for name in _unexpected_names(error, schema_name):
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
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
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
        allowed = error.validator_value if kw == "enum" else [error.validator_value]
        yield Finding(
            "SCHEMA-ENUM",
            "error",
            pos,
            {"value": _short(error.instance), "allowed": ", ".join(_short(a) for a in allowed)},
        )
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
        described = error.schema.get("description") if isinstance(error.schema, dict) else None
        if described:
            yield Finding(
                "SCHEMA-ONE-OF",
                "error",
                pos,
                {"what_fi": described, "what_en": error.schema.get("x-description-en", described)},
            )
        else:
            deepest = max(error.context, key=lambda e: len(e.absolute_path), default=None)
            if deepest is not None:
                yield from _findings_for(deepest, loaded, schema_name)
            else:
                yield Finding("SCHEMA-INVALID", "error", pos, {"detail": _visible(error.message)})
    else:
        yield Finding("SCHEMA-INVALID", "error", pos, {"detail": _visible(error.message)})


def check_schema(loaded: LoadedFile, schema_name: str) -> list[Finding]:
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
    return [f for f in unique.values() if not (f.code == "SCHEMA-REQUIRED" and f.params["field"] in hinted)]
