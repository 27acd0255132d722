"""Building many cases at once: which folders are cases, where each goes, and jobs in parallel.

A ministry builds every employment area's packet in one run; an administration chief builds her one
case dozens of times. Both go through here: one case builds in this process; several are spread
over worker processes (each keeps its compiled templates and loaded schemas for all its cases).
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from generator.build import MANIFEST, build, previous_manifest, sha256_file
from generator.compose.templating import TemplateProblem
from generator.findings import Finding
from generator.load.case_folder import CASE_FILE
from generator.write.files import write_set
from generator.write.manifest import dump_manifest
from generator.write.pdf import make_pdfs


class UsageProblem(Exception):
    """The command line names cases that cannot be built as asked (exit 2)."""


@dataclass(frozen=True)
class Target:
    folder: Path
    out: Path


@dataclass
class CaseReport:
    """What building one case gave, in a form a worker process can send back."""

    target: Target
    findings: list[Finding] = field(default_factory=list)
    outputs: list[tuple[str, str, str]] = field(default_factory=list)  # (path, kind, sha256)
    backups: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    written: bool = False
    recovered: bool = False  # a build of this case killed while writing was completed first
    problem: tuple[str, dict[str, object]] | None = None  # (message key, params) when it could not finish
    internal: bool = False


def find_targets(args: list[str], out: Path) -> list[Target]:
    """The case folders the arguments name, each with its output folder.

    An argument is a case folder (it has case.yaml) or a folder of case folders. One case named
    directly is written straight into ``out``; otherwise each goes to ``out/<folder name>``.
    Anything else is passed on as a case, so validation explains what is missing.
    """
    folders: list[Path] = []
    for arg in args:
        path = Path(arg)
        inner = (
            sorted(d for d in path.iterdir() if (d / CASE_FILE).is_file())
            if path.is_dir() and not (path / CASE_FILE).is_file()
            else []
        )
        folders += inner or [path]
    if len(args) == 1 and folders == [Path(args[0])]:
        return [Target(folders[0], out)]
    names = [f.resolve().name for f in folders]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise UsageProblem(", ".join(repeated))
    return [Target(folder, out / name) for folder, name in zip(folders, names, strict=True)]


def build_one(target: Target, review: bool, force: bool) -> CaseReport:
    """Build one case; every failure becomes part of the report, never an exception."""
    report = CaseReport(target)
    try:
        result = build(target.folder, target.out, review=review, force=force)
    except OSError as exc:
        unchanged = getattr(exc, "unchanged", True)
        report.problem = (
            "write_failed" if unchanged else "write_mixed",
            {"out": str(target.out), "reason": exc.strerror or str(exc)},
        )
        return report
    except TemplateProblem as problem:
        report.problem = ("template", {"where": f"{problem.template}:{problem.line}", "reason": problem.reason})
        return report
    except Exception as exc:  # noqa: BLE001 - one case's bug must not lose the other cases' results
        if os.environ.get("KUNTASOPIMUS_DEBUG"):
            traceback.print_exc()
        report.problem = ("internal", {"kind": type(exc).__name__, "reason": str(exc)})
        report.internal = True
        return report
    report.findings = result.findings
    report.outputs = [(o.path, o.kind, o.sha256) for o in result.outputs]
    report.backups, report.removed = result.backups, result.removed
    report.recovered = result.recovered
    report.written = result.case is not None
    return report


def build_all(
    targets: list[Target],
    jobs: int,
    review: bool = False,
    force: bool = False,
    advance: Callable[[int], None] = lambda n: None,
) -> list[CaseReport]:
    """Build every target, in ``jobs`` processes when there is more than one; reports in input order."""
    if jobs <= 1 or len(targets) <= 1:
        reports = []
        for target in targets:
            reports.append(build_one(target, review, force))
            advance(1)
        return reports
    by_target: dict[Target, CaseReport] = {}
    context = None
    if "fork" in multiprocessing.get_all_start_methods():
        # Forked workers inherit what the parent compiled and loaded, so it is done once, not per job.
        warm_up()
        context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(jobs, len(targets)), mp_context=context) as pool:
        futures = {pool.submit(build_one, target, review, force): target for target in targets}
        for future in as_completed(futures):
            by_target[futures[future]] = future.result()
            advance(1)
    return [by_target[target] for target in targets]


def warm_up() -> None:
    """Compile every template and load the schemas and reference documents of every language."""
    from generator.compose.templating import environment
    from generator.language import labels
    from generator.model.schema import schemas, validator
    from generator.paths import templates_dir
    from generator.write.docx_skeleton import docx_skeleton
    from generator.write.ooxml_parts import LANG_TAGS
    from generator.write.pptx_skeleton import pptx_skeleton
    from generator.write.pptx_writer import base_template

    for name in schemas():
        validator(name)
    for lang in sorted(p.name for p in templates_dir().iterdir() if (p / "labels.yaml").is_file()):
        labels(lang)
        env = environment(lang)
        for name in env.list_templates(extensions=["j2"]):
            env.get_template(name)
        docx_skeleton(lang)
        pptx_skeleton(base_template().resolve(), LANG_TAGS.get(lang, lang))


def add_pdfs(
    reports: list[CaseReport], jobs: int, advance: Callable[[int], None] = lambda n: None
) -> list[tuple[Path, str]]:
    """PDFs of every written .docx and .pptx, recorded in each case's manifest; returns the failures."""
    sources = {}
    for report in reports:
        if report.written:
            for path, _, digest in report.outputs:
                if path.endswith((".docx", ".pptx")):
                    sources[report.target.out / path] = (report.target.out, path, digest)
    made, failed = make_pdfs(sorted(sources), jobs, advance)
    by_case: dict[Path, list[dict[str, str]]] = {}
    for source, pdf in made:
        out, path, digest = sources[source]
        by_case.setdefault(out, []).append(
            {"path": pdf.name, "source": path, "source_sha256": digest, "sha256": sha256_file(pdf)}
        )
    for out, entries in by_case.items():
        record_renditions(out, entries)
    return failed


def record_renditions(out: Path, entries: list[dict[str, str]]) -> None:
    """Add (or replace) PDFs in the manifest of ``out``, written atomically like every output."""
    manifest = previous_manifest(out)
    made = {e["path"] for e in entries}
    manifest["renditions"] = sorted(
        [r for r in manifest.get("renditions", []) if r.get("path") not in made] + entries, key=lambda r: r["path"]
    )
    write_set(out, [(MANIFEST, dump_manifest(manifest))])
