"""YAML → plain Python data plus a map from each value's path to its position.

PyYAML's node graph carries marks, its constructed objects don't; walking the nodes ourselves keeps
both. The resolver is narrowed towards YAML 1.2: only true/false are booleans (``on`` and ``no`` are
ordinary Finnish words), integers are decimal (``010`` is not octal), and dates stay strings so the
schema decides which spellings are accepted. Duplicate keys, which PyYAML silently collapses, are
reported.

Every input is bounded before it can cost much: the file must be a regular file of at most
``MAX_FILE_BYTES`` (``load.bounded``); its events are counted before any node is built, so a file of
a million tiny values or ten thousand nested brackets is refused without building it; and aliases
are expanded under budgets of values and of characters, so neither an alias bomb nor one long text
repeated through aliases a thousand times gets past the loader.

Text must be something a Word document can hold and the tool cannot mistake for its own markup:
control characters, private-use characters (the composer marks figures with U+E000…) and
bidirectional overrides are refused at the character's own line and column.
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
from generator.load.bounded import FileTooLarge, NotRegularFile, read_bounded

JsonPath = tuple[Any, ...]

MAX_FILE_BYTES = 2_000_000
# Values after aliases are expanded (the example's largest file has about 500).
MAX_NODES = 100_000
# Characters of text after aliases are expanded: no more than the largest file could hold itself.
MAX_TEXT_CHARS = MAX_FILE_BYTES
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


# Characters a case text must not hold, each with the finding that says why:
# - what XML 1.0 cannot hold (pasted from PDFs, they would crash a writer deep inside lxml);
# - private-use characters: the composer marks figures and highlights with U+E000…U+E0FF and
#   languages with U+E100…, so one in the input would silently cut or restyle a paragraph; nor do
#   they mean anything outside the font that made them (a Wingdings bullet pasted from Word);
# - bidirectional overrides, which make a text display in another order than it reads.
_XML_INVALID = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff"
_PRIVATE_USE = "\ue000-\uf8ff\U000f0000-\U0010ffff"
_BIDI = "\u202a-\u202e\u2066-\u2069"
# - a tab inside a text: Word jumps to the next tab stop there, mid-sentence (a paste accident).
_FORBIDDEN = re.compile(f"[{_XML_INVALID}{_PRIVATE_USE}{_BIDI}\t]")
_CODES = (
    (re.compile(f"[{_PRIVATE_USE}]"), "TEXT-PRIVATE-USE"),
    (re.compile(f"[{_BIDI}]"), "TEXT-BIDI"),
    (re.compile("\t"), "TEXT-TAB"),
)
# Line breaks YAML counts but editors do not (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR): left in,
# they would shift every later line number; refused where they stand.
_HIDDEN_BREAK = re.compile("[\x85\u2028\u2029]")
_TAB_INDENT = re.compile(r"^( *)\t", re.M)


def _forbidden_code(char: str) -> str:
    return next((code for rx, code in _CODES if rx.match(char)), "TEXT-CONTROL")


def _text_position(text: str, index: int, display: str) -> Position:
    """Line and column (from 1) of ``text[index]``, counting lines as an editor does."""
    line = text.count("\n", 0, index) + 1
    return Position(display, line, index - (text.rfind("\n", 0, index) + 1) + 1)


class _Walker:
    def __init__(self, loader: _Loader, display: str, text: str) -> None:
        self.loader = loader
        self.display = display
        self.text = text
        self.count = 0
        self.chars = 0
        self.values: dict[JsonPath, Position] = {}
        self.keys: dict[JsonPath, Position] = {}
        self.findings: list[Finding] = []
        self.reported: set[int] = set()  # scalar nodes already checked for forbidden characters

    def pos(self, node: yaml.Node) -> Position:
        mark = node.start_mark
        return Position(self.display, mark.line + 1, mark.column + 1)

    def scalar(self, node: yaml.ScalarNode) -> Any:
        """The node's value, counted against the text budget and checked for forbidden characters."""
        self.chars += len(node.value)
        if self.chars > MAX_TEXT_CHARS:
            raise _TooLarge(self.pos(node), "text")
        value = self.loader.construct_object(node)
        if isinstance(value, str) and id(node) not in self.reported:
            match = _FORBIDDEN.search(value)
            if match:
                self.reported.add(id(node))
                self.findings.append(self._forbidden(node, match))
        return value

    def _forbidden(self, node: yaml.ScalarNode, match: re.Match[str]) -> Finding:
        """The finding for a forbidden character: where it stands in the file when it is written
        there as itself, else (an escape such as "\\x01" in double quotes) where the text starts."""
        char = match.group()
        start, end = node.start_mark.index, node.end_mark.index
        raw = self.text.find(char, start, max(end, start + 1))
        pos = _text_position(self.text, raw, self.display) if raw >= 0 else self.pos(node)
        return Finding(_forbidden_code(char), "error", pos, {"code": f"U+{ord(char):04X}", "offset": match.start() + 1})

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
                key = self.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
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
        assert isinstance(node, yaml.ScalarNode)
        return self.scalar(node)


class _TooLarge(Exception):
    def __init__(self, position: Position, what: str) -> None:
        super().__init__(what)
        self.position = position
        self.what = what


_LIMITS = {
    "nodes": (MAX_NODES, "arvoa", "values"),
    "depth": (MAX_DEPTH, "sisäkkäistä tasoa", "nested levels"),
    "text": (MAX_TEXT_CHARS, "merkkiä tekstiä", "characters of text"),
}


def _too_large(exc: _TooLarge) -> Finding:
    limit, fi, en = _LIMITS[exc.what]
    return Finding(
        "YAML-TOO-LARGE",
        "error",
        exc.position,
        {"what_fi": f"yli {limit:,} {fi}".replace(",", "\u00a0"), "what_en": f"more than {limit:,} {en}"},
    )


def _prescan(text: str, display: str) -> None:
    """Bound the document from the parser's events, before any node is built.

    The node graph of a 2 MB file of tiny values would take hundreds of megabytes, and deep nesting
    the C stack, so values and nesting are counted here. Each anchor's size (values and characters
    of text) is recorded when it closes, and each alias adds its anchor's size again: the document
    is measured as it will be once expanded, and an alias that takes it past a budget is reported
    where that alias stands.
    """
    loader = _Loader(text)
    sizes: dict[str, tuple[int, int]] = {}
    frames: list[list[Any]] = []  # open collections: [anchor, values, characters]
    total = [0, 0]

    def add(values: int, chars: int, mark: Any) -> None:
        total[0] += values
        total[1] += chars
        if frames:
            frames[-1][1] += values
            frames[-1][2] += chars
        if total[0] > MAX_NODES:
            raise _TooLarge(_mark_position(mark, display), "nodes")
        if total[1] > MAX_TEXT_CHARS:
            raise _TooLarge(_mark_position(mark, display), "text")

    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.ScalarEvent):
                add(1, len(event.value), event.start_mark)
                if event.anchor is not None:
                    sizes[event.anchor] = (1, len(event.value))
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                add(1, 0, event.start_mark)
                frames.append([event.anchor, 0, 0])
                if len(frames) > MAX_DEPTH:
                    raise _TooLarge(_mark_position(event.start_mark, display), "depth")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                anchor, values, chars = frames.pop()
                if frames:
                    frames[-1][1] += values
                    frames[-1][2] += chars
                if anchor is not None:
                    sizes[anchor] = (values + 1, chars)
            elif isinstance(event, yaml.AliasEvent):
                values, chars = sizes.get(event.anchor or "", (1, 0))
                add(values, chars, event.start_mark)
    finally:
        loader.dispose()


def _mark_position(mark: Any, display: str) -> Position:
    return Position(display, mark.line + 1, mark.column + 1)


def load_yaml_file(path: Path, display: str, content: bytes | None = None) -> tuple[LoadedFile | None, list[Finding]]:
    """Load one YAML file; on failure return ``None`` and the findings that say why.

    ``content``, when given, is read instead of the file on disk: an editor's unsaved draft, checked
    exactly as the saved file would be (the same size limit included).
    """
    start = Position(display, 1, 1)
    if content is not None and len(content) > MAX_FILE_BYTES:
        return None, [Finding("YAML-TOO-BIG", "error", start, {"size": len(content), "limit": MAX_FILE_BYTES})]
    try:
        raw = read_bounded(path, MAX_FILE_BYTES) if content is None else content
    except NotRegularFile as exc:
        return None, [Finding("CASE-NOT-FILE", "error", start, {"what_fi": exc.what_fi, "what_en": exc.what_en})]
    except FileTooLarge as exc:
        return None, [Finding("YAML-TOO-BIG", "error", start, {"size": exc.size, "limit": MAX_FILE_BYTES})]
    except OSError as exc:
        return None, [Finding("CASE-READ", "error", start, {"reason": exc.strerror or str(exc)})]
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
    # Windows and old Mac line ends become \n, as YAML reads them anyway, so that every position
    # below counts lines one way; line breaks an editor would not show are refused where they stand.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    hidden = _HIDDEN_BREAK.search(text)
    if hidden:
        return None, [
            Finding(
                "TEXT-CONTROL",
                "error",
                _text_position(text, hidden.start(), display),
                {
                    "code": f"U+{ord(hidden.group()):04X}",
                    "offset": hidden.start() - text.rfind("\n", 0, hidden.start()),
                },
            )
        ]
    if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()):
        return None, [Finding("YAML-EMPTY", "error", start)]
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text[: tab.start()].count("\n") + 1
        return None, [Finding("YAML-TAB", "error", Position(display, line, len(tab.group(1)) + 1))]
    loader: _Loader | None = None
    try:
        _prescan(text, display)
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            return None, [Finding("YAML-EMPTY", "error", start)]
        walker = _Walker(loader, display, text)
        data = walker.walk(node, ())
    except _TooLarge as exc:
        return None, [_too_large(exc)]
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Position(display, mark.line + 1, mark.column + 1) if mark else start
        return None, [Finding("YAML-TAG", "error", pos)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Position(display, mark.line + 1, mark.column + 1) if mark else start
        if "nesting depth" in str(exc.problem):  # libyaml's own limit, met while reading ahead
            return None, [_too_large(_TooLarge(pos, "depth"))]
        return None, [Finding("YAML-SYNTAX", "error", pos, {"problem": exc.problem or str(exc)})]
    except yaml.reader.ReaderError as exc:
        # libyaml reads the text as UTF-8 and reports a byte offset; positions count characters.
        index = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
        pos = _text_position(text, index, display)
        return None, [
            Finding(
                _forbidden_code(chr(exc.character)) if isinstance(exc.character, int) else "TEXT-CONTROL",
                "error",
                pos,
                {
                    "code": f"U+{exc.character if isinstance(exc.character, int) else ord(exc.character):04X}",
                    "offset": pos.column,
                },
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Finding("YAML-SYNTAX", "error", start, {"problem": str(exc)})]
    finally:
        if loader is not None:
            loader.dispose()
    loaded = LoadedFile(path, display, data, digest, walker.values, walker.keys)
    return loaded, notes + walker.findings
