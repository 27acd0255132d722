"""Malformed input gives one clear finding with a position, and nothing is written.

The cases live in tests/bad_inputs/cases.yaml; each changes the example case (or the case it names)
in one way.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import copy_case

from generator.cli import cli
from generator.validate import validate_case

HERE = Path(__file__).resolve().parent
AGREEMENTS = HERE.parent / "agreements"
EXAMPLE = AGREEMENTS / "kaustisen-seutukunta"
CASES = yaml.safe_load((HERE / "bad_inputs" / "cases.yaml").read_text("utf-8"))


def apply(case: Path, spec: dict) -> None:
    path = case / spec["file"]
    op = spec["op"]
    if op == "replace":
        text = path.read_text("utf-8")
        assert text.count(spec["old"]) == 1, spec["name"]
        path.write_text(text.replace(spec["old"], spec["new"]), "utf-8")
    elif op == "append":
        path.write_text(path.read_text("utf-8") + spec["new"], "utf-8")
    elif op == "write":
        path.write_text(spec["new"], "utf-8")
    elif op == "raw":
        path.write_bytes(spec["new"].encode("latin-1"))
    elif op == "utf16":
        path.write_bytes(path.read_text("utf-8").encode("utf-16"))
    elif op == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    elif op == "big":
        path.write_text(path.read_text("utf-8") + "# " + "x" * 2_100_000 + "\n", "utf-8")
    elif op == "deep":
        path.write_text(path.read_text("utf-8") + "deep: " + "[" * 100 + "1" + "]" * 100 + "\n", "utf-8")
    elif op == "delete":
        path.unlink()
    elif op == "delete_agreements":
        for agreement in case.glob("[0-9]*.yaml"):
            agreement.unlink()
    else:
        raise ValueError(op)


def test_there_are_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30
    assert len({c["name"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("spec", CASES, ids=[c["name"] for c in CASES])
def test_malformed_input_gives_its_one_finding(spec: dict, tmp_path: Path) -> None:
    case = tmp_path / "case"
    copy_case(AGREEMENTS / spec.get("case", EXAMPLE.name), case)
    apply(case, spec)
    _, findings = validate_case(case)
    severity = spec.get("severity", "error")
    errors = [f for f in findings if f.severity == "error"]
    hits = [f for f in findings if f.code == spec["expect"] and f.severity == severity]
    assert hits, [f.line() for f in findings]
    if severity == "error":
        # One finding, or one at each reference the change broke (``also``); never a cascade.
        expected = sorted([spec["expect"], *spec.get("also", [])])
        assert sorted(f.code for f in errors) == expected, [f.line() for f in errors]
    else:
        assert errors == []
    hit = hits[0]
    assert hit.position.line >= 1 and hit.position.column >= 1
    if spec["op"] not in ("delete", "delete_agreements"):
        assert Path(hit.position.file).name == spec["file"] or spec["expect"].startswith(("REF", "BID"))

    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(case), "--out", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    if severity == "error":
        assert result.exit_code == 1
        assert not out.exists() or not any(out.iterdir())


def test_clause_text_is_plain_text_not_a_template(tmp_path: Path) -> None:
    """A purpose written with Jinja syntax appears literally: no access to Python internals."""
    case = tmp_path / "case"
    copy_case(EXAMPLE, case)
    apply(
        case,
        {
            "name": "jinja",
            "file": "20-te24-taydentava-sopimus.yaml",
            "op": "replace",
            "old": "purpose: >-\n",
            "new": "purpose: >-\n  {{ ''.__class__.__mro__[1].__subclasses__() }} {% raw %}\n",
        },
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(case), "--out", str(out)])
    assert result.exit_code == 0, result.output
    markdown_free_text = (out / "te24-taydentava-sopimus.docx").read_bytes()
    import docx

    text = "\n".join(p.text for p in docx.Document(str(out / "te24-taydentava-sopimus.docx")).paragraphs)
    assert "{{ ''.__class__.__mro__[1].__subclasses__() }} {% raw %}" in text
    assert markdown_free_text
