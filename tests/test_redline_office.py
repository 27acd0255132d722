"""Redlines and review copies as office software meets them: schema-valid OOXML, and LibreOffice
listing exactly the tracked changes the redline holds.

Word refuses a package that breaks the schema, and a tracked change LibreOffice does not recognise
is, for a municipality without Microsoft Office, an edit nobody can see. The OOXML validator is the
one tests/test_ooxml_valid.py uses (OOXML_VALIDATOR); LibreOffice converts the redline to flat ODF,
where each tracked change is a text:changed-region and its text stands between change marks.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import copy_case

from generator.build import build
from generator.cli import cli

EXAMPLE = Path(__file__).resolve().parent.parent / "agreements" / "kaustisen-seutukunta"
SUPPLEMENT = "20-te24-taydentava-sopimus.yaml"


def _edit(case: Path, name: str, old: str, new: str) -> None:
    path = case / name
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def _invalid(validator: str, documents: list[Path]) -> dict[str, str]:
    """Validate the documents in parallel; the name and first errors of each invalid one."""
    runs = [
        (d, subprocess.Popen([validator, str(d)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        for d in documents
    ]
    problems = {}
    for document, process in runs:
        stdout, stderr = process.communicate(timeout=300)
        report = json.loads(stdout[stdout.index("{") :]) if "{" in stdout else {"ok": False, "errors": stderr}
        if not report["ok"] or process.returncode != 0:
            problems[document.name] = json.dumps(report["errors"], ensure_ascii=False)[:2000]
    return problems


@pytest.fixture(scope="module")
def redlines(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Redlines of a second draft that changes the version, a notice period and a wording."""
    root = tmp_path_factory.mktemp("redline-office")
    new = root / "new"
    copy_case(EXAMPLE, new)
    _edit(new, "case.yaml", 'number: "0.1"', 'number: "0.2"')
    _edit(new, SUPPLEMENT, "notice_months: 12", "notice_months: 6")
    path = new / "30-te24-viranomaistehtavat-54.yaml"
    path.write_text(
        path.read_text("utf-8").rstrip("\n") + "\noverrides:\n  erimielisyydet:\n    text:\n"
        "      fi: Erimielisyydet ratkaistaan ensin neuvotteluin ja sitten hallintoriita-asiana hallinto-oikeudessa.\n"
        "      sv: Meningsskiljaktigheter avgörs först genom förhandlingar och sedan som förvaltningstvistemål"
        " vid förvaltningsdomstolen.\n",
        "utf-8",
    )
    out = root / "out"
    result = CliRunner().invoke(cli, ["diff", str(EXAMPLE), str(new), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_every_redline_is_valid_ooxml(redlines: Path, validator: str) -> None:
    documents = sorted(redlines.glob("*.docx"))
    assert len(documents) == 5, "four agreements and the Swedish translation of the 54 § one"
    assert _invalid(validator, documents) == {}


def test_every_review_copy_is_valid_ooxml(tmp_path: Path, validator: str) -> None:
    """build --review adds a margin comment to every clause that meets a statutory requirement."""
    assert build(EXAMPLE, tmp_path, review=True).case is not None
    agreements = [
        tmp_path / o["path"]
        for o in json.loads((tmp_path / "manifest.json").read_text("utf-8"))["outputs"]
        if o["kind"] == "agreement"
    ]
    assert len(agreements) == 5 and all(p.is_file() for p in agreements)
    assert _invalid(validator, agreements) == {}


def _libreoffice_changes(fodt: str, part: str) -> list[tuple[str, str]]:
    """(insertion|deletion, text) for each tracked change LibreOffice placed in ``part`` of the document."""
    kinds = dict(re.findall(r'<text:changed-region[^>]*text:id="([^"]+)"[^>]*>\s*<text:(insertion|deletion)', fodt))
    marked = re.compile(
        r'<text:change-start text:change-id="([^"]+)"/>(.*?)<text:change-end text:change-id="\1"/>', re.S
    )
    return [
        ("ins" if kinds[cid] == "insertion" else "del", re.sub(r"<[^>]+>", "", text))
        for cid, text in marked.findall(part)
    ]


def test_libreoffice_lists_the_tracked_changes_of_a_redline(redlines: Path, soffice: str, tmp_path: Path) -> None:
    redline = redlines / "te24-taydentava-sopimus-muutokset.docx"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "fodt",
            "--outdir",
            str(tmp_path),
            str(redline),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    fodt = (tmp_path / f"{redline.stem}.fodt").read_text("utf-8")
    body = fodt[fodt.index("<office:body>") :]
    header = fodt[fodt.index("<style:header>") : fodt.index("</style:header>")]
    assert _libreoffice_changes(fodt, body) == [("del", "0.1"), ("ins", "0.2"), ("del", "12"), ("ins", "6")]
    assert _libreoffice_changes(fodt, header) == [("del", "0.1"), ("ins", "0.2")]
