"""Building several cases in one run, in parallel jobs, with PDFs; and the build's own fact check.

A ministry builds every employment area at once: each case goes to its own folder, a broken case
does not stop the others, and parallel jobs give the very bytes one job gives. PDFs come from one
LibreOffice process per job and are listed in the manifest only while they show their source.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import EXAMPLE, SUPPLEMENT_FILE, copy_case

import generator.build
import generator.write.pdf
from generator.build import build
from generator.cli import cli


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def cases(tmp_path: Path, agreements_dir: Path) -> Path:
    """A folder of case folders: the repository's cases and one broken copy of the example."""
    folder = tmp_path / "cases"
    shutil.copytree(agreements_dir, folder)
    broken = folder / "rikki"
    copy_case(EXAMPLE, broken)
    (broken / "municipalities.yaml").write_text("- ei kuntarekisteri\n", "utf-8")
    return folder


def test_a_folder_of_cases_builds_each_into_its_own_folder_and_reports_the_broken_one(
    cases: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run("build", str(cases), "--out", str(out), "--jobs", "2")
    assert result.exit_code == 1
    written = sorted(p.name for p in (tmp_path / "cases").iterdir() if p.name != "rikki")
    assert sorted(p.name for p in out.iterdir()) == written
    for case in written:
        manifest = json.loads((out / case / "manifest.json").read_text("utf-8"))
        assert manifest["case"] == case and all((out / case / o["path"]).is_file() for o in manifest["outputs"])
    assert "rikki/municipalities.yaml:1:1: error" in result.output
    assert f"{len(written) + 1} tapausta: {len(written)} kirjoitettu, 1 virheellistä." in result.output


def test_parallel_jobs_write_the_same_bytes_as_one_job(agreements_dir: Path, tmp_path: Path) -> None:
    assert run("build", str(agreements_dir), "--out", str(tmp_path / "one"), "--jobs", "1").exit_code == 0
    assert run("build", str(agreements_dir), "--out", str(tmp_path / "two"), "--jobs", "2").exit_code == 0
    assert hashes(tmp_path / "one") == hashes(tmp_path / "two")
    assert len(hashes(tmp_path / "one")) > 20


def test_cases_named_alike_would_share_a_folder_so_the_command_refuses(tmp_path: Path) -> None:
    for parent in ("a", "b"):
        copy_case(EXAMPLE, tmp_path / parent / "sama")
    result = run("build", str(tmp_path / "a" / "sama"), str(tmp_path / "b" / "sama"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "sama" in result.output
    assert not (tmp_path / "out").exists()


def test_outputs_that_disagree_with_the_model_are_a_finding_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build reads its own documents back before writing them (here: a model saying 6 seats)."""
    real_facts = generator.build.case_facts

    def wrong_seats(case):
        facts = real_facts(case)
        facts["seats:yhteistoimintasopimus:Kaustinen"] = "6"
        return facts

    monkeypatch.setattr(generator.build, "case_facts", wrong_seats)
    out = tmp_path / "out"
    result = build(EXAMPLE, out)
    assert result.case is None
    mismatches = [f for f in result.findings if f.code == "CHECK-FACT"]
    assert mismatches and all(f.params["fact"] == "seats:yhteistoimintasopimus:Kaustinen" for f in mismatches)
    assert {(f.params["found"], f.params["expected"]) for f in mismatches} == {("5", "6")}
    # The seats as amended: the amendment's table and the council's proposal state them.
    assert {Path(f.position.file).name for f in mismatches} >= {
        "yhteistoimintasopimuksen-muutos.docx",
        "kaustinen-paatosehdotus.docx",
    }
    assert not out.exists()


def test_pdfs_come_from_one_libreoffice_per_job_and_are_listed_in_the_manifest(
    soffice: str, pdftotext: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = []
    real_run = subprocess.run

    def counting_run(command, *args, **kwargs):
        started.append(command)
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(generator.write.pdf.subprocess, "run", counting_run)
    out = tmp_path / "out"
    result = run("build", str(EXAMPLE), "--out", str(out), "--jobs", "2", "--pdf")
    assert result.exit_code == 0, result.output
    sources = sorted(p.name for p in out.iterdir() if p.suffix in (".docx", ".pptx"))
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(Path(s).stem + ".pdf" for s in sources)
    assert len(started) == 2
    profiles = {next(arg for arg in command if arg.startswith("-env:UserInstallation=")) for command in started}
    assert len(profiles) == 2, "each LibreOffice process needs a profile of its own"
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    digests = {o["path"]: o["sha256"] for o in manifest["outputs"]}
    for entry in manifest["renditions"]:
        assert entry["source_sha256"] == digests[entry["source"]]
        assert entry["sha256"] == hashlib.sha256((out / entry["path"]).read_bytes()).hexdigest()
        assert (out / entry["path"]).read_bytes().startswith(b"%PDF")
    # The deck's chart labels in the Finnish way, as the tables beside them: 8,19 %, not 8.19 %
    # (the supplement's cost shares; 26.8 is labelled 26,80).
    deck = subprocess.run(
        [pdftotext, str(out / "halsua-valtuustoesitys.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "8,19" in deck and "8.19" not in deck
    assert "26,80" in deck and "26.80" not in deck and "26.8 " not in deck


def test_a_pdf_whose_source_changed_is_removed_and_the_others_stay_listed(
    case_copy: Path, edit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stand-in PDFs (no LibreOffice needed): what matters is which ones a rebuild keeps."""

    def fake_convert(command: str, share: list[Path]):
        made = []
        for source in share:
            source.with_suffix(".pdf").write_bytes(b"%PDF-1.4 " + source.name.encode())
            made.append((source, source.with_suffix(".pdf")))
        return made, []

    monkeypatch.setattr(generator.write.pdf, "_convert", fake_convert)
    monkeypatch.setattr(generator.write.pdf, "soffice", lambda: "soffice")
    out = tmp_path / "out"
    assert run("build", str(case_copy), "--out", str(out), "--pdf", "--jobs", "1").exit_code == 0
    before = {p.name for p in out.glob("*.pdf")}
    edit(SUPPLEMENT_FILE, "notice_months: 12", "notice_months: 9")
    rebuilt = run("build", str(case_copy), "--out", str(out), "--jobs", "1")
    assert rebuilt.exit_code == 0
    after = {p.name for p in out.glob("*.pdf")}
    removed = before - after
    assert "te24-taydentava-sopimus.pdf" in removed and "yhteistoimintasopimus-tiivistelma.pdf" in after
    assert "te24-viranomaistehtavat.pdf" in after and "yhteistoimintasopimuksen-muutos.pdf" in after
    assert all(f"{name}" in rebuilt.output for name in removed)
    listed = {r["path"] for r in json.loads((out / "manifest.json").read_text("utf-8"))["renditions"]}
    assert listed == after


def test_a_municipality_can_bring_its_own_deck_template(case_copy: Path, repo_root: Path, tmp_path: Path) -> None:
    shutil.copy(repo_root / "templates" / "pptx" / "base.pptx", case_copy / "oma-pohja.pptx")
    with (case_copy / "case.yaml").open("a", encoding="utf-8") as handle:
        handle.write("deck_template: oma-pohja.pptx\n")
    out = tmp_path / "out"
    result = build(case_copy, out)
    assert result.case is not None
    inputs = {i["path"] for i in json.loads((out / "manifest.json").read_text("utf-8"))["inputs"]}
    assert "oma-pohja.pptx" in inputs


@pytest.mark.parametrize(
    "content, expected",
    [
        (None, "tiedostoa ei ole"),
        (b"not a presentation", "ei ole PowerPoint-esitys"),
    ],
)
def test_a_deck_template_that_cannot_be_used_is_one_finding_at_its_line(
    case_copy: Path, content: bytes | None, expected: str
) -> None:
    if content is not None:
        (case_copy / "oma-pohja.pptx").write_bytes(content)
    text = (case_copy / "case.yaml").read_text("utf-8") + "deck_template: oma-pohja.pptx\n"
    (case_copy / "case.yaml").write_text(text, "utf-8")
    result = run("validate", str(case_copy))
    errors = [line for line in result.output.splitlines() if " error " in line]
    assert result.exit_code == 1 and len(errors) == 1
    assert f"case.yaml:{text.count(chr(10))}:16: error DECK-TEMPLATE:" in errors[0] and expected in errors[0]


def test_a_deck_template_without_the_layouts_names_the_missing_ones(case_copy: Path, repo_root: Path) -> None:
    import zipfile

    source = zipfile.ZipFile(repo_root / "templates" / "pptx" / "base.pptx")
    with zipfile.ZipFile(case_copy / "oma-pohja.pptx", "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("ppt/slideLayouts/"):
                # Neither the layout's type, nor its English name, nor its placeholders say "title only".
                data = data.replace(b' type="titleOnly"', b"").replace(b'name="Title Only"', b'name="Vain otsikko"')
                data = (
                    data.replace(b'<p:ph type="title"/>', b'<p:ph type="body" idx="9"/>')
                    if b"Vain otsikko" in data
                    else data
                )
            target.writestr(item, data)
    with (case_copy / "case.yaml").open("a", encoding="utf-8") as handle:
        handle.write("deck_template: oma-pohja.pptx\n")
    result = run("validate", str(case_copy))
    assert result.exit_code == 1
    assert "DECK-TEMPLATE" in result.output and "puuttuu asettelu: vain otsikko" in result.output


def test_a_template_with_finnish_layout_names_is_recognised_by_layout_type(case_copy: Path, repo_root: Path) -> None:
    """Finnish PowerPoint names its layouts in Finnish; the layout types say what each one is."""
    import zipfile

    source = zipfile.ZipFile(repo_root / "templates" / "pptx" / "base.pptx")
    names = {b"Title Slide": "Otsikkodia", b"Title and Content": "Otsikko ja sisältö", b"Title Only": "Vain otsikko"}
    with zipfile.ZipFile(case_copy / "oma-pohja.pptx", "w") as target:
        for item in source.infolist():
            data = source.read(item)
            for english, finnish in names.items():
                data = data.replace(b'name="' + english + b'"', b'name="' + finnish.encode() + b'"')
            target.writestr(item, data)
    with (case_copy / "case.yaml").open("a", encoding="utf-8") as handle:
        handle.write("deck_template: oma-pohja.pptx\n")
    assert run("validate", str(case_copy)).exit_code == 0
