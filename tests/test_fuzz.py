"""Fuzzing the example case: whatever the YAML becomes, the tool answers 0 or 1, never a traceback,
every error it reports has a position, and whatever validate accepts, build builds.

Hypothesis mutates one value of one file (types, deletions, unicode, huge numbers, deep nesting);
mutants that still validate are built in full, because templates, writers and the post-build
consistency check meet the odd values there. A validate-passes-but-build-fails mutant is a gap in
the schema or the rules: fix it there and add it to tests/bad_inputs/cases.yaml.

The committed budget keeps the suite fast; search harder locally with, e.g.,
KUNTASOPIMUS_FUZZ_EXAMPLES=1000 python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from conftest import copy_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import cli
from generator.validate import validate_case

EXAMPLE = Path(__file__).resolve().parent.parent / "agreements" / "kaustisen-seutukunta"
FILES = sorted(p.name for p in EXAMPLE.glob("*.yaml"))
DATA = {name: yaml.safe_load((EXAMPLE / name).read_text("utf-8")) for name in FILES}
EXAMPLES = int(os.environ.get("KUNTASOPIMUS_FUZZ_EXAMPLES", "60"))
LINE = re.compile(r"^(?P<file>[^:]+\.yaml):(?P<line>\d+):(?P<col>\d+): (error|warning) [A-Z0-9-]+: .+")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        [
            "on",
            "no",
            "yes",
            "010",
            "1.1.2025",
            "2025-02-30",
            "",
            " ",
            "halsua",
            "kokkola",
            "{{ x }}",
            "ä" * 300,
            "\u202e",
            "0179377-4",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=30,
)


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
    else:
        parent[path[-1]] = value
    return data


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_example_never_crashes(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(FILES))
    tree = yaml.safe_load(yaml.safe_dump(DATA[name]))
    path = data.draw(st.sampled_from(_paths(tree)))
    action = data.draw(st.sampled_from(["replace", "delete", "deep"]))
    value = data.draw(values)
    tree = _mutate(tree, path, action, value)
    with tempfile.TemporaryDirectory() as tmp:
        case = Path(tmp) / "case"
        copy_case(EXAMPLE, case)
        (case / name).write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), "utf-8")
        result = CliRunner().invoke(cli, ["validate", str(case)])
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert result.exit_code in (0, 1), result.output
        for line in result.stdout.splitlines():
            match = LINE.match(line)
            assert match, f"finding without a position: {line}"
            assert int(match["line"]) >= 1 and int(match["col"]) >= 1
        if result.exit_code == 0:
            model, _ = validate_case(case)
            assert model is not None
            built = CliRunner().invoke(cli, ["build", str(case), "--out", str(Path(tmp) / "out")])
            assert built.exception is None or isinstance(built.exception, SystemExit), repr(built.exception)
            assert built.exit_code == 0, f"validate passed but build failed:\n{built.output}"
