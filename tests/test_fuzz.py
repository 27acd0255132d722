"""Fuzzing the example case: whatever the YAML becomes, the tool answers 0, 1 or 2, never a
traceback or exit 3; every error it reports has a position; a build with errors writes nothing; and
whatever validate accepts, build builds and check then passes.

Hypothesis mutates the example two ways. Structurally: one value of one file is replaced (types,
unicode, private-use and control characters, 12.0 for 12, huge numbers), deleted, nested deeply,
or one key is misspelt. Textually: the YAML itself is cut, spliced and re-indented, so anchors,
aliases, tags, flow brackets, tabs and odd line breaks reach the parser. Mutants that still validate
are built in full and checked, because templates, writers and the read-back meet the odd values
there. A validate-passes-but-build-fails mutant is a gap in the schema or the rules: fix it there
and add it to tests/bad_inputs/cases.yaml or tests/test_hostile.py.

The committed budget (100 examples per test, 200 in all) keeps the suite's added time near half a minute; search
harder locally with, e.g., KUNTASOPIMUS_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result
from conftest import copy_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import cli
from generator.load.yaml_loader import load_yaml_file

EXAMPLE = Path(__file__).resolve().parent.parent / "agreements" / "kaustisen-seutukunta"
FILES = sorted(p.name for p in EXAMPLE.glob("*.yaml"))
TEXTS = {name: (EXAMPLE / name).read_text("utf-8") for name in FILES}
DATA = {name: yaml.safe_load(text) for name, text in TEXTS.items()}
EXAMPLES = int(os.environ.get("KUNTASOPIMUS_FUZZ_EXAMPLES", "100"))
LINE = re.compile(r"^(?P<file>[^:]+\.yaml):(?P<line>\d+):(?P<col>\d+): (error|warning) [A-Z0-9-]+: .+")

# Characters that have broken tools like this one: the composer's own private-use marks, a
# bidirectional override, C0/C1 controls, line breaks YAML counts and editors do not, a lone
# surrogate written as an escape, a zero-width space, a no-break space, a formula prefix.
SPECIAL = ["\ue000", "\ue010", "\ue100", "\uf0b7", "\u202e", "\x07", "\x0c", "\x85", "\u2028", "\u200b", "\u00a0", "="]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from(SPECIAL + list("ab -:#'\"\n")), max_size=12),
    st.sampled_from(
        [
            "on",
            "no",
            "yes",
            "010",
            "12.0",
            "1.1.2025",
            "2025-02-30",
            "2108-01-01",
            "1899-12-31",
            "",
            " ",
            "halsua",
            "kokkola",
            "halsua-paatosehdotus",
            "con",
            "x" * 300,
            "{{ x }}",
            "ä" * 300,
            "Yhteensä",
            '=HYPERLINK("http://example.invalid")',
            "line one\n\n@table seats\n\n- item",
            "# heading\n| a | b |\n<script>",
            "0179377-4",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=30,
)
# Pieces of YAML syntax and hostile characters spliced into the text.
PIECES = [
    "&a ",
    "*a",
    "*a ",
    "<<: *a\n",
    "{",
    "}",
    "[",
    "]",
    ": ",
    "- ",
    "\t",
    "\n",
    "\n\n",
    "  ",
    "'",
    '"',
    "#",
    "!!python/object/apply:os.system [x]",
    "!!binary ",
    "? ",
    "|\n",
    ">-\n",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "\r",
    "\ufeff",
    "12.0",
    "380000.0",
    "2108-01-01",
    *SPECIAL,
]


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, prefix + (i,))
    return out


def _mutate(data: Any, path: tuple, action: str, value: Any) -> Any:
    if not path:
        return value if action == "replace" else {}
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    if action == "delete":
        del parent[path[-1]]
    elif action == "deep":
        nested: Any = value
        for _ in range(70):
            nested = [nested]
        parent[path[-1]] = nested
    elif action == "rekey" and isinstance(parent, dict):
        parent[f"{path[-1]}{value if isinstance(value, str) else repr(value)}"] = parent.pop(path[-1])
    else:
        parent[path[-1]] = value
    return data


def _run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    # An exception other than SystemExit is a traceback (the installed command's exit 3).
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), result.output
    return result


def _unchanged(path: Path) -> bool:
    """The mutation only touched comments or layout: the example's data, which other tests build."""
    loaded, findings = load_yaml_file(path, path.name)
    return loaded is not None and not findings and loaded.data == DATA[path.name]


def _answers_within_the_contract(case: Path, tmp: Path) -> None:
    validated = _run("validate", str(case))
    for line in validated.stdout.splitlines():
        match = LINE.match(line)
        assert match, f"finding without a position: {line}"
        assert int(match["line"]) >= 1 and int(match["col"]) >= 1
    out = tmp / "out"
    built = _run("build", str(case), "--out", str(out))
    if validated.exit_code != 0:
        assert built.exit_code == 1, f"validate found errors but build answered {built.exit_code}"
        assert not out.exists() or not any(out.iterdir()), "build wrote files despite errors"
        return
    assert built.exit_code == 0, f"validate passed but build failed:\n{built.output}"
    checked = _run("check", str(out))
    assert checked.exit_code == 0, f"a fresh build does not pass check:\n{checked.output}"
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "temporary files left behind"


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_values_never_crash(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(FILES))
    tree = yaml.safe_load(yaml.safe_dump(DATA[name]))
    path = data.draw(st.sampled_from(_paths(tree)))
    action = data.draw(st.sampled_from(["replace", "replace", "delete", "deep", "rekey"]))
    value = data.draw(values)
    tree = _mutate(tree, path, action, value)
    with tempfile.TemporaryDirectory() as tmp:
        case = Path(tmp) / "case"
        copy_case(EXAMPLE, case)
        (case / name).write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), "utf-8")
        _answers_within_the_contract(case, Path(tmp))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_yaml_text_never_crashes(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(FILES))
    text = TEXTS[name]
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        lines = text.splitlines(keepends=True)
        operation = data.draw(st.sampled_from(["insert", "delete", "duplicate", "swap", "indent", "anchor"]))
        at = data.draw(st.integers(min_value=0, max_value=max(len(text) - 1, 0)))
        if operation == "insert":
            text = text[:at] + data.draw(st.sampled_from(PIECES)) + text[at:]
        elif operation == "delete":
            text = text[:at] + text[at + data.draw(st.integers(min_value=1, max_value=40)) :]
        elif lines:
            i = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
            j = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
            if operation == "duplicate":
                lines.insert(j, lines[i])
            elif operation == "swap":
                lines[i], lines[j] = lines[j], lines[i]
            elif operation == "indent":
                lines[i] = (" " * data.draw(st.integers(min_value=-2, max_value=4)) + lines[i]).lstrip(
                    "" if data.draw(st.booleans()) else " "
                )
            else:  # an anchor on one value, an alias to it in another place
                lines[i] = re.sub(r": (?=\S)", ": &x ", lines[i], count=1)
                lines[j] = re.sub(r": \S.*$", ": *x", lines[j], count=1)
            text = "".join(lines)
    with tempfile.TemporaryDirectory() as tmp:
        case = Path(tmp) / "case"
        copy_case(EXAMPLE, case)
        (case / name).write_bytes(text.encode("utf-8", "surrogatepass"))
        if _unchanged(case / name):
            assert _run("validate", str(case)).exit_code == 0
            return
        _answers_within_the_contract(case, Path(tmp))
