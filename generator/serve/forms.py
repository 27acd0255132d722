"""Forms for the case files, driven by the JSON Schemas the validator uses.

The form shows the file's data as it stands: a mapping is a group of fields (at the top level of an
agreement, one section per key), a list of mappings a table (municipalities one row each, their
populations a table inside the row), a list of words one field per item, and a scalar an input whose
kind comes from the schema (a choice from ``enum``, true/false, a number) with the schema's
description as its help. Field names are the value's path (``municipalities.2.populations.0.value``),
so a submitted form becomes edits at paths and a finding's position becomes the field it is about.

Adding or removing keys and list items is done in the raw YAML, one click away: the form edits the
values the file has, which keeps the file's own order and comments exactly.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

from generator.model.schema import BASE_URI, registry_of_schemas, schemas

JsonPath = tuple[Any, ...]
FIELD_PREFIX = "f."

_SCHEMA_OF_FILE = {"case.yaml": "case", "municipalities.yaml": "municipalities"}
_LONG_TEXT = 70


def schema_name(file_name: str) -> str:
    return _SCHEMA_OF_FILE.get(file_name, "agreement")


def dotted(path: JsonPath) -> str:
    return ".".join(str(step) for step in path)


def parse_dotted(text: str, data: Any) -> JsonPath | None:
    """The path a field name stands for, resolved against the data (None if it names no scalar there)."""
    path: list[Any] = []
    node = data
    for step in text.split(".") if text else []:
        if isinstance(node, list) and step.isdigit() and int(step) < len(node):
            path.append(int(step))
            node = node[int(step)]
        elif isinstance(node, dict) and step in node:
            path.append(step)
            node = node[step]
        else:
            return None
    if isinstance(node, (dict, list)) or not path:
        return None
    return tuple(path)


class SchemaAt:
    """The part of a schema that applies at a place in the data, following $ref, allOf and the kind's if/then."""

    def __init__(self, schema: dict[str, Any], resolver: Any) -> None:
        self.schema = schema
        self.resolver = resolver

    @classmethod
    def root(cls, name: str) -> SchemaAt:
        schema = schemas()[name]
        resolver = registry_of_schemas().resolver(base_uri=schema.get("$id", BASE_URI))
        return cls(schema, resolver)

    def _parts(self, data: Any) -> list[SchemaAt]:
        """This schema and every subschema that applies to ``data`` alongside it."""
        out: list[SchemaAt] = []
        stack = [self]
        while stack and len(out) < 50:
            current = stack.pop(0)
            schema = current.schema
            if not isinstance(schema, dict):
                continue
            out.append(current)
            if "$ref" in schema:
                resolved = current.resolver.lookup(schema["$ref"])
                stack.append(SchemaAt(resolved.contents, resolved.resolver))
            for sub in schema.get("allOf", []):
                condition = sub.get("if") if isinstance(sub, dict) else None
                if condition is not None:
                    if _matches_const(condition, data) and "then" in sub:
                        stack.append(SchemaAt(sub["then"], current.resolver))
                else:
                    stack.append(SchemaAt(sub, current.resolver))
            for key in ("oneOf", "anyOf"):
                for sub in schema.get(key, []):
                    if isinstance(sub, dict) and _fits(sub, data):
                        stack.append(SchemaAt(sub, current.resolver))
                        break
        return out

    def get(self, keyword: str, data: Any) -> Any:
        for part in self._parts(data):
            if keyword in part.schema:
                return part.schema[keyword]
        return None

    def types(self, data: Any) -> set[str]:
        found: set[str] = set()
        for part in self._parts(data):
            t = part.schema.get("type")
            found |= set(t) if isinstance(t, list) else {t} if isinstance(t, str) else set()
            for key in ("oneOf", "anyOf"):
                for sub in part.schema.get(key, []):
                    if isinstance(sub, dict) and isinstance(sub.get("type"), str):
                        found.add(sub["type"])
        return found

    def enum(self, data: Any) -> list[Any] | None:
        for part in self._parts(data):
            if "enum" in part.schema:
                return list(part.schema["enum"])
            for key in ("oneOf", "anyOf"):
                for sub in part.schema.get(key, []):
                    if isinstance(sub, dict) and "enum" in sub and (data is None or data in sub["enum"]):
                        return list(sub["enum"])
        return None

    def child(self, key: Any, data: Any) -> SchemaAt | None:
        """The schema of ``data[key]`` (a property of a mapping, an item of a list)."""
        for part in self._parts(data):
            schema = part.schema
            if isinstance(key, int):
                if isinstance(schema.get("items"), dict):
                    return SchemaAt(schema["items"], part.resolver)
            else:
                props = schema.get("properties")
                if isinstance(props, dict) and key in props:
                    return SchemaAt(props[key], part.resolver)
                extra = schema.get("additionalProperties")
                if isinstance(extra, dict):
                    return SchemaAt(extra, part.resolver)
        return None

    def description(self, data: Any, lang: str) -> str:
        key = "x-description-en" if lang == "en" else "description"
        return str(self.get(key, data) or self.get("description", data) or "")


def _matches_const(condition: dict[str, Any], data: Any) -> bool:
    props = condition.get("properties", {})
    if not isinstance(data, dict):
        return False
    for key, rule in props.items():
        if isinstance(rule, dict) and "const" in rule and data.get(key) != rule["const"]:
            return False
    return True


def _fits(schema: dict[str, Any], data: Any) -> bool:
    kind = schema.get("type")
    if "enum" in schema:
        return data in schema["enum"]
    if kind is None:
        return True
    names = kind if isinstance(kind, list) else [kind]
    checks = {
        "object": isinstance(data, dict),
        "array": isinstance(data, list),
        "string": isinstance(data, str),
        "integer": isinstance(data, int) and not isinstance(data, bool),
        "number": isinstance(data, (int, float)) and not isinstance(data, bool),
        "boolean": isinstance(data, bool),
        "null": data is None,
    }
    return any(checks.get(n, False) for n in names)


# --- converting what a form sends ---------------------------------------------------------------------

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+[.,][0-9]*|[.,][0-9]+)$")


def convert(text: str, old: Any, schema: SchemaAt | None) -> Any:
    """The value a field's text stands for, typed like the value it replaces (or as its schema says).

    A text that is not what the field expects stays text, so the validator reports it at the field
    (``SCHEMA-TYPE``) instead of the editor silently dropping it.
    """
    text = text.replace("\r\n", "\n")
    stripped = text.strip()
    types = schema.types(old) if schema is not None else set()
    if isinstance(old, bool) or (old is None and types == {"boolean"}):
        return {"true": True, "false": False}.get(stripped, text)
    if old is None and stripped == "" and ("null" in types or not types):
        return None
    numeric = isinstance(old, (int, float)) and not isinstance(old, bool)
    if numeric or (old is None and types & {"integer", "number"} and not types & {"string"}):
        if _INT.match(stripped):
            return int(stripped)
        if _FLOAT.match(stripped) and (isinstance(old, float) or "number" in types):
            return float(stripped.replace(",", "."))
        return text
    return text


def edits_from_form(form: dict[str, str], data: Any, file_name: str) -> dict[JsonPath, Any]:
    """The changed values of a submitted form, by path (fields that name no scalar of the file are ignored)."""
    root = SchemaAt.root(schema_name(file_name))
    edits: dict[JsonPath, Any] = {}
    for name, text in form.items():
        if not name.startswith(FIELD_PREFIX):
            continue
        path = parse_dotted(name[len(FIELD_PREFIX) :], data)
        if path is None:
            continue
        old = data
        schema: SchemaAt | None = root
        for step in path:
            schema = schema.child(step, old) if schema is not None else None
            old = old[step]
        value = convert(text, old, schema)
        if value != old or type(value) is not type(old):
            edits[path] = value
    return edits


# --- rendering ------------------------------------------------------------------------------------------


class FormRenderer:
    """HTML for one file's data (see the module docstring)."""

    def __init__(self, file_name: str, lang: str, municipalities: list[str] | None = None) -> None:
        self.file_name = file_name
        self.lang = lang
        self.municipalities = municipalities or []

    def render(self, data: Any) -> Markup:
        root = SchemaAt.root(schema_name(self.file_name))
        if not isinstance(data, dict):
            return Markup("")
        parts = []
        for key, value in data.items():
            schema = root.child(key, data)
            help_text = schema.description(value, self.lang) if schema else ""
            inner = self.value((key,), value, schema, compact=False)
            parts.append(
                Markup('<section class="form-section" id="{}" data-path="{}"><h3>{}</h3>{}{}</section>').format(
                    "f-" + dotted((key,)), dotted((key,)), key, _help(help_text), inner
                )
            )
        return Markup("").join(parts)

    def value(self, path: JsonPath, value: Any, schema: SchemaAt | None, compact: bool) -> Markup:
        if isinstance(value, dict):
            return self.mapping(path, value, schema, compact)
        if isinstance(value, list):
            if value and all(isinstance(v, dict) for v in value):
                return self.table(path, value, schema)
            return self.items(path, value, schema)
        return self.scalar(path, value, schema, compact)

    def mapping(self, path: JsonPath, data: dict[str, Any], schema: SchemaAt | None, compact: bool) -> Markup:
        rows = []
        for key, value in data.items():
            sub = schema.child(key, data) if schema else None
            help_text = sub.description(value, self.lang) if sub else ""
            label = Markup('<span class="key" title="{}">{}</span>').format(help_text, key)
            rows.append(
                Markup('<div class="field{}" data-path="{}">{}{}</div>').format(
                    " compact" if compact else "",
                    dotted(path + (key,)),
                    label,
                    self.value(path + (key,), value, sub, True),
                )
            )
        return Markup('<div class="mapping" id="f-{}" data-path="{}">{}</div>').format(
            dotted(path), dotted(path), Markup("").join(rows)
        )

    def items(self, path: JsonPath, data: list[Any], schema: SchemaAt | None) -> Markup:
        cells = [
            self.value(path + (i,), item, schema.child(i, data) if schema else None, True)
            for i, item in enumerate(data)
        ]
        return Markup('<div class="items" data-path="{}">{}</div>').format(dotted(path), Markup("").join(cells))

    def table(self, path: JsonPath, rows: list[dict[str, Any]], schema: SchemaAt | None) -> Markup:
        columns: list[str] = []
        for row in rows:
            columns += [k for k in row if k not in columns]
        head = Markup("").join(
            Markup('<th title="{}">{}</th>').format(self._column_help(schema, rows, c), c) for c in columns
        )
        body = []
        for i, row in enumerate(rows):
            item_schema = schema.child(i, rows) if schema else None
            cells = []
            for column in columns:
                if column not in row:
                    cells.append(Markup("<td></td>"))
                    continue
                sub = item_schema.child(column, row) if item_schema else None
                cells.append(
                    Markup('<td data-cell="{}">{}</td>').format(
                        dotted(path + (i, column)), self.value(path + (i, column), row[column], sub, True)
                    )
                )
            body.append(
                Markup('<tr id="f-{}" data-path="{}">{}</tr>').format(
                    dotted(path + (i,)), dotted(path + (i,)), Markup("").join(cells)
                )
            )
        return Markup(
            '<div class="table-wrap"><table class="form-table" data-path="{}"><thead><tr>{}</tr></thead>'
            "<tbody>{}</tbody></table></div>"
        ).format(dotted(path), head, Markup("").join(body))

    def _column_help(self, schema: SchemaAt | None, rows: list[dict[str, Any]], column: str) -> str:
        if schema is None:
            return ""
        item = schema.child(0, rows)
        sub = item.child(column, rows[0]) if item else None
        return sub.description(rows[0].get(column), self.lang) if sub else ""

    def scalar(self, path: JsonPath, value: Any, schema: SchemaAt | None, compact: bool) -> Markup:
        name = FIELD_PREFIX + dotted(path)
        ident = "f-" + dotted(path)
        attrs = Markup('name="{}" id="{}" data-path="{}"').format(name, ident, dotted(path))
        help_text = schema.description(value, self.lang) if schema else ""
        if help_text:
            attrs += Markup(' title="{}"').format(help_text)
        types = schema.types(value) if schema else set()
        options = schema.enum(value) if schema else None
        if isinstance(value, bool) or (value is None and types == {"boolean"}):
            options = [True, False]
        if options and all(isinstance(o, (str, bool)) for o in options):
            choices = list(options) + ([value] if value not in options and value is not None else [])
            rendered = Markup("").join(
                Markup('<option value="{}"{}>{}</option>').format(
                    _text(o), Markup(" selected") if o == value and type(o) is type(value) else "", _text(o)
                )
                for o in choices
            )
            return Markup("<select {}>{}</select>").format(attrs, rendered)
        text = _text(value) if value is not None else ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return Markup('<input type="text" inputmode="decimal" class="number" {} value="{}">').format(attrs, text)
        placeholder = Markup(' placeholder="null"') if value is None else ""
        if isinstance(value, str) and ("\n" in value or len(value) > _LONG_TEXT) and not compact:
            return Markup('<textarea rows="{}" {}>{}</textarea>').format(min(8, 1 + len(value) // 80), attrs, text)
        size = max(6, min(28 if compact else 60, len(text) + 2))
        return Markup('<input type="text" size="{}" {}{} value="{}">').format(size, attrs, placeholder, text)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _help(text: str) -> Markup:
    return Markup('<p class="help">{}</p>').format(text) if text else Markup("")


__all__ = ["FormRenderer", "SchemaAt", "convert", "dotted", "edits_from_form", "escape", "parse_dotted"]
