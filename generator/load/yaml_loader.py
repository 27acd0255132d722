"""YAML → plain Python data plus a map from each value's path to its position.

PyYAML's node graph carries marks, its constructed objects don't; walking the nodes ourselves keeps
both. The resolver is narrowed towards YAML 1.2: only true/false are booleans (``on`` and ``no`` are
ordinary Finnish words), integers are decimal (``010`` is not octal), and dates stay strings so the
schema decides which spellings are accepted. Duplicate keys, which PyYAML silently collapses, are
reported; aliases are expanded under a node budget so that an alias bomb is refused quickly.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.findings import Finding, Position

JsonPath = tuple[Any, ...]

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 50_000
MAX_DEPTH = 64

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _StrictResolver(yaml.resolver.Resolver):
    """A YAML 1.2-like resolver (see module docstring): on/no/yes stay words, 010 is not octal."""


_StrictResolver.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _INT, _FLOAT, _TIMESTAMP)]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_StrictResolver.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_StrictResolver.add_implicit_resolver(_INT, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_StrictResolver.add_implicit_resolver(
    _FLOAT,
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)

# libyaml parses several times faster than PyYAML's pure-Python parser; nodes, marks and errors are
# the same, and everything this module checks happens in its own walk over the nodes.
try:
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # PyYAML built without libyaml

    class _Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)


class _Loader(_Parser, yaml.constructor.SafeConstructor, _StrictResolver):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        yaml.constructor.SafeConstructor.__init__(self)
        _StrictResolver.__init__(self)


@dataclass
class LoadedFile:
    """One case file: its data, where each value stands, and its hash for the manifest."""

    path: Path
    display: str
    data: Any
    sha256: str
    value_positions: dict[JsonPath, Position] = field(default_factory=dict)
    key_positions: dict[JsonPath, Position] = field(default_factory=dict)

    def position(self, path: JsonPath) -> Position:
        """The position of the value at ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.value_positions:
                return self.value_positions[path]
            path = path[:-1]
        return self.value_positions.get((), Position(self.display, 1, 1))

    def key_position(self, path: JsonPath) -> Position:
        return self.key_positions.get(tuple(path)) or self.position(path)

    def with_data(self, data: Any) -> LoadedFile:
        """The same file with other data at the same positions (the file in another language)."""
        return dataclasses.replace(self, data=data)


class _Walker:
    def __init__(self, loader: _Loader, display: str) -> None:
        self.loader = loader
        self.display = display
        self.count = 0
        self.values: dict[JsonPath, Position] = {}
        self.keys: dict[JsonPath, Position] = {}
        self.findings: list[Finding] = []

    def pos(self, node: yaml.Node) -> Position:
        mark = node.start_mark
        return Position(self.display, mark.line + 1, mark.column + 1)

    def walk(self, node: yaml.Node, path: JsonPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge(self.pos(node), "nodes")
        if len(path) > MAX_DEPTH:
            raise _TooLarge(self.pos(node), "depth")
        self.values.setdefault(path, self.pos(node))
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in (_MAP, _SEQ):
            raise yaml.constructor.ConstructorError(None, None, f"tag {node.tag}", node.start_mark)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    self.findings.append(Finding("YAML-KEY", "error", self.pos(key_node)))
                    continue
                key = str(key)
                if key in result:
                    self.findings.append(
                        Finding(
                            "YAML-DUPKEY",
                            "error",
                            self.pos(key_node),
                            {"key": key, "first": self.keys[path + (key,)].line},
                        )
                    )
                    continue
                self.keys[path + (key,)] = self.pos(key_node)
                result[key] = self.walk(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node)


# Characters XML 1.0 cannot hold: pasted from PDFs they would crash a writer deep inside lxml.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TAB_INDENT = re.compile(r"^( *)\t", re.M)


def _control_characters(data: Any, path: JsonPath, walker: _Walker) -> None:
    if isinstance(data, str):
        match = _XML_INVALID.search(data)
        if match:
            pos = walker.values.get(path) or Position(walker.display, 1, 1)
            walker.findings.append(
                Finding(
                    "TEXT-CONTROL", "error", pos, {"code": f"U+{ord(match.group()):04X}", "offset": match.start() + 1}
                )
            )
    elif isinstance(data, dict):
        for key, value in data.items():
            _control_characters(value, path + (key,), walker)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _control_characters(value, path + (i,), walker)


class _TooLarge(Exception):
    def __init__(self, position: Position, what: str) -> None:
        super().__init__(what)
        self.position = position
        self.what = what


def load_yaml_file(path: Path, display: str, content: bytes | None = None) -> tuple[LoadedFile | None, list[Finding]]:
    """Load one YAML file; on failure return ``None`` and the findings that say why.

    ``content``, when given, is read instead of the file on disk: an editor's unsaved draft, checked
    exactly as the saved file would be.
    """
    start = Position(display, 1, 1)
    try:
        raw = path.read_bytes() if content is None else content
    except OSError as exc:
        return None, [Finding("CASE-READ", "error", start, {"reason": exc.strerror or str(exc)})]
    if len(raw) > MAX_FILE_BYTES:
        return None, [Finding("YAML-TOO-BIG", "error", start, {"size": len(raw), "limit": MAX_FILE_BYTES})]
    digest = hashlib.sha256(raw).hexdigest()
    notes: list[Finding] = []
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Finding("YAML-UTF16", "error", start)]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        notes.append(Finding("YAML-BOM", "warning", start))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Finding("YAML-ENCODING", "error", Position(display, line, column))]
    if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()):
        return None, [Finding("YAML-EMPTY", "error", start)]
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text[: tab.start()].count("\n") + 1
        return None, [Finding("YAML-TAB", "error", Position(display, line, len(tab.group(1)) + 1))]
    loader: _Loader | None = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            return None, [Finding("YAML-EMPTY", "error", start)]
        walker = _Walker(loader, display)
        data = walker.walk(node, ())
    except _TooLarge as exc:
        limit = MAX_NODES if exc.what == "nodes" else MAX_DEPTH
        return None, [
            Finding(
                "YAML-TOO-LARGE",
                "error",
                exc.position,
                {
                    "what_fi": f"{'arvoja' if exc.what == 'nodes' else 'sisäkkäisiä tasoja'} yli {limit}",
                    "what_en": f"more than {limit} {'values' if exc.what == 'nodes' else 'nested levels'}",
                },
            )
        ]
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Position(display, mark.line + 1, mark.column + 1) if mark else start
        return None, [Finding("YAML-TAG", "error", pos)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Position(display, mark.line + 1, mark.column + 1) if mark else start
        return None, [Finding("YAML-SYNTAX", "error", pos, {"problem": exc.problem or str(exc)})]
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return None, [
            Finding(
                "TEXT-CONTROL",
                "error",
                Position(display, line, column),
                {
                    "code": f"U+{exc.character if isinstance(exc.character, int) else ord(exc.character):04X}",
                    "offset": column,
                },
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Finding("YAML-SYNTAX", "error", start, {"problem": str(exc)})]
    finally:
        if loader is not None:
            loader.dispose()
    _control_characters(data, (), walker)
    loaded = LoadedFile(path, display, data, digest, walker.values, walker.keys)
    return loaded, notes + walker.findings
