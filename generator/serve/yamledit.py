"""Edits to a YAML file that keep everything the user wrote: comments, order, quoting and layout.

A form edit changes scalar values at known paths. The common case — a plain or quoted scalar — is
patched in the text itself: the parser's marks give each scalar's exact extent, and only those
characters change, so a comment on the same line, a flow mapping ``{year: 2016, value: 1219}`` and
every blank line stay as they were. A value the patch cannot place (a folded block, say) is edited
in ruamel.yaml's round-trip model instead, which keeps comments and order and is set up to write the
project's layout (two-space mappings, indented lists, ``null`` spelt out).

Either way the result is read back with the project's own loader and must give exactly the data
before the edit with the edits applied; otherwise nothing is returned but the reason (``EditProblem``),
so a save can never change what ``kuntasopimus validate`` reads in a way the user did not ask for.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import yaml

from generator.load.yaml_loader import load_yaml_file

JsonPath = tuple[Any, ...]

# A plain scalar may not start with an indicator nor hold ": " or " #"; whether it then reads back as
# the same string (not a number, a boolean or null) is asked of the project's own loader.
_PLAIN_START = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`]")


class EditProblem(Exception):
    """The edit cannot be written without changing something else; the message says what."""


def get_at(data: Any, path: JsonPath) -> Any:
    for step in path:
        data = data[step]
    return data


def set_at(data: Any, path: JsonPath, value: Any) -> None:
    get_at(data, path[:-1])[path[-1]] = value


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts += [m.end() for m in re.finditer("\n", text)]
    return starts


def _scalar_nodes(text: str) -> dict[JsonPath, yaml.ScalarNode]:
    """Every scalar value node of a document by its path (keys as the loader reads them)."""
    loader = yaml.CSafeLoader(text) if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    out: dict[JsonPath, yaml.ScalarNode] = {}

    def walk(node: yaml.Node, path: JsonPath) -> None:
        if isinstance(node, yaml.ScalarNode):
            out[path] = node
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    walk(value, path + (str(key.value),))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, path + (i,))

    if root is not None:
        walk(root, ())
    return out


def render_scalar(value: Any, style: str | None = None) -> str | None:
    """``value`` as an inline YAML scalar the project's loader reads back as the same value; None
    when it cannot be written inline (a string with a line break in a plain context, say)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if not isinstance(value, str):
        return None
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if not style and _plain_reads_back(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _plain_reads_back(value: str) -> bool:
    if not value or value != value.strip() or not _PLAIN_START.match(value) or "\n" in value:
        return False
    if ": " in value or " #" in value or value.endswith(":") or any(ch in value for ch in ",[]{}"):
        return False
    try:
        return read_data(f"v: {value}\n") == {"v": value}
    except EditProblem:
        return False


def _patch(text: str, edits: dict[JsonPath, Any]) -> str | None:
    """The text with each edited scalar replaced in place, or None if one cannot be patched."""
    try:
        nodes = _scalar_nodes(text)
    except yaml.YAMLError:
        return None
    starts = _line_starts(text)
    spans = []
    for path, value in edits.items():
        node = nodes.get(path)
        if node is None or node.style in ("|", ">"):
            return None
        # Inside a flow collection a plain scalar must not contain the flow indicators either.
        rendered = render_scalar(value, node.style)
        if rendered is None:
            return None
        begin = starts[node.start_mark.line] + node.start_mark.column
        end = starts[node.end_mark.line] + node.end_mark.column if node.end_mark.line < len(starts) else len(text)
        spans.append((begin, end, rendered))
    for begin, end, rendered in sorted(spans, reverse=True):
        text = text[:begin] + rendered + text[end:]
    return text


def _ruamel() -> Any:
    from ruamel.yaml import YAML

    handler = YAML(typ="rt")
    handler.preserve_quotes = True
    handler.width = 4096
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.representer.add_representer(
        type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return handler


def _round_trip(text: str, edits: dict[JsonPath, Any]) -> str:
    """The edits applied in ruamel.yaml's round-trip model (comments and order kept)."""
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        LiteralScalarString,
        SingleQuotedScalarString,
    )

    handler = _ruamel()
    document = handler.load(text)
    for path, value in edits.items():
        old = get_at(document, path)
        if isinstance(value, str):
            for style in (FoldedScalarString, LiteralScalarString, DoubleQuotedScalarString, SingleQuotedScalarString):
                if isinstance(old, style):
                    value = style(value)
                    break
            else:
                if isinstance(old, dt.date) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                    value = dt.date.fromisoformat(value)
        set_at(document, path, value)
    buffer = io.StringIO()
    handler.dump(document, buffer)
    return buffer.getvalue()


def read_data(text: str, name: str = "edited.yaml") -> Any:
    """The data the project's loader reads from ``text`` (raises EditProblem when it reads nothing)."""
    loaded, findings = load_yaml_file(Path(name), name, text.encode("utf-8"))
    if loaded is None or any(f.severity == "error" for f in findings):
        raise EditProblem("; ".join(f.message("en") for f in findings) or "unreadable")
    return loaded.data


def apply_edits(text: str, edits: dict[JsonPath, Any], before: Any | None = None) -> str:
    """``text`` with the values at ``edits``' paths replaced, everything else as it was."""
    if not edits:
        return text
    data = read_data(text) if before is None else before
    expected = copy.deepcopy(data)
    for path, value in edits.items():
        set_at(expected, path, value)
    patched = _patch(text, edits)
    if patched is not None:
        try:
            if read_data(patched) == expected:
                return patched
        except EditProblem:
            pass
    try:
        rewritten = _round_trip(text, edits)
    except Exception as exc:  # noqa: BLE001 - ruamel's own errors for a file the loader accepted
        raise EditProblem(str(exc)) from None
    if read_data(rewritten) != expected:
        raise EditProblem("the change cannot be written without changing other values; edit the YAML text instead")
    return rewritten
