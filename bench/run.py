"""The speed-and-scale benchmark of issue 7: one run, one readable report, targets beside the figures.

    python bench/run.py [--seed N] [--runs 7]

(a) cold CLI build of the example case, (b) warm in-process build, (c) time per output kind,
(d) the synthetic national batch at --jobs 1 and 2 with wall time and peak memory, (e) time per
case at 1, 10 and 45 cases, (f) docxtpl against our agreement renderer. Everything runs against this
checkout's code, in a temporary folder that is removed at the end. It is a script, not a test: the
figures depend on the machine, and a report is more useful than a pass/fail.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from checkout import REPO, checkout_env, describe_checkout, use_checkout
from measure import ProcessRun, median_timing, run_process, timed
from national import DEFAULT_SEED, describe, write_national

EXAMPLE = REPO / "agreements" / "kaustisen-seutukunta"
COLD_RUNS = 5
SCALES = (1, 10, 45)
TARGET = {"cold": 1.0, "in_process": 0.3, "batch": 20.0, "memory_mb": 300.0, "flat": 1.20, "ratio": 1.0}


@dataclass(frozen=True)
class ScaleRow:
    count: int
    cli_wall: float  # the whole CLI run over ``count`` cases
    cli_cpu: float
    wall_per_case: float  # in process
    cpu_per_case: float  # in process


def spread(values: list[float]) -> float:
    """max/min: 1.00 is perfectly flat."""
    return max(values) / min(values)


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def municipality_count(case: Path) -> int:
    return len(yaml.safe_load((case / "municipalities.yaml").read_text("utf-8"))["municipalities"])


def cli_command() -> tuple[list[str], str]:
    """The installed ``kuntasopimus`` script beside this Python (it imports the checkout through
    PYTHONPATH), else ``python -m generator``; with the name to print."""
    script = Path(sys.executable).parent / "kuntasopimus"
    if script.is_file():
        return [str(script)], "kuntasopimus"
    return [sys.executable, "-m", "generator"], "python -m generator"


class Bench:
    def __init__(self, work: Path, runs: int, seed: int) -> None:
        self.work, self.runs, self.seed = work, runs, seed
        self.env = checkout_env(work / "pycache")
        self.cli, self.cli_name = cli_command()
        self.counter = 0

    def fresh(self, name: str) -> Path:
        """A new, not yet existing folder under the work folder (every build writes into a new one)."""
        self.counter += 1
        return self.work / f"{name}-{self.counter}"

    def cli_build(self, *args: str) -> ProcessRun:
        result = run_process([*self.cli, "build", *args], self.env, REPO)
        if result.returncode != 0:
            raise SystemExit(
                f"{self.cli_name} build {' '.join(args)} failed ({result.returncode}):\n{result.stderr[-2000:]}"
            )
        return result

    # (a) -----------------------------------------------------------------------------------------
    def cold(self) -> None:
        self.cli_build(str(EXAMPLE), "--out", str(self.fresh("warm-up")))  # fills the bytecode cache, untimed
        runs = [self.cli_build(str(EXAMPLE), "--out", str(self.fresh("cold"))) for _ in range(COLD_RUNS)]
        walls = [r.wall for r in runs]
        median = statistics.median(walls)
        print(
            f"(a) Cold CLI build of the example, every output: median of {COLD_RUNS} processes "
            f"{median:.2f} s (CPU {statistics.median(r.cpu for r in runs):.2f} s)   target < {TARGET['cold']:.0f} s   "
            f"{verdict(median < TARGET['cold'])}"
        )
        print(
            f"    {self.cli_name} build "
            f"agreements/kaustisen-seutukunta --out TMP; each run: {', '.join(f'{w:.2f}' for w in walls)} s"
        )
        print(
            "    each is a new interpreter (imports, template compilation, schema loading); bytecode is cached "
            "as in an installed package, and the OS file cache is warm;\n"
            f"    other work on the machine meanwhile: {sum(r.others_cpu for r in runs):.1f} CPU s in {sum(walls):.1f} s\n"
        )

    # (b) -----------------------------------------------------------------------------------------
    def in_process(self) -> None:
        from generator.build import build

        first = timed(lambda: build(EXAMPLE, self.fresh("first")))
        median = median_timing(lambda: build(EXAMPLE, self.fresh("warm")), self.runs)
        print(
            f"(b) In-process build(case, out) of the example, warm: median of {self.runs} "
            f"{median.wall:.3f} s (CPU {median.cpu:.3f} s)   target < {TARGET['in_process']} s   "
            f"{verdict(median.wall < TARGET['in_process'])}"
        )
        print(
            f"    validate, render every output, read back, write files and manifest; the first build in the "
            f"process (templates compiled, schemas loaded) took {first.wall:.3f} s;\n"
            f"    other work on the machine meanwhile: {median.others_cpu:.1f} CPU s\n"
        )

    # (c) -----------------------------------------------------------------------------------------
    def kinds(self) -> None:
        from per_kind import breakdown

        parts = breakdown(EXAMPLE, self.runs, lambda: self.fresh("kinds"))
        print(
            f"(c) Time per output kind, compose + write (inside build() of the example; medians of {self.runs} "
            f"builds of {parts.build * 1000:.0f} ms):"
        )
        for t in parts.kinds:
            each = t.seconds / t.files if t.files else 0.0
            print(f"    {t.kind:<18} {t.files:>2} files  {t.seconds * 1000:6.1f} ms  ({each * 1000:.1f} ms per file)")
        print(
            f"    validation {parts.validation * 1000:.1f} ms; render_case outside composers and writers "
            f"{parts.render_other * 1000:.1f} ms; after rendering (read-back check, manifest, writing files) "
            f"{parts.rest * 1000:.1f} ms\n"
        )

    # (d) -----------------------------------------------------------------------------------------
    def national(self) -> Path:
        cases = self.work / "national"
        folders = write_national(cases, self.seed)
        print(
            f"(d) National batch: synthetic data set (bench/national.py, seed {self.seed}): "
            + describe(folders).replace("\n", "\n    ")
        )
        for jobs in (1, 2):
            out = self.fresh(f"national-jobs{jobs}")
            result = self.cli_build(str(cases), "--out", str(out), "--jobs", str(jobs))
            files = sum(1 for _ in out.rglob("*") if _.is_file())
            manifests = sum(1 for _ in out.glob("*/manifest.json"))
            line = (
                f"    --jobs {jobs}: wall {result.wall:5.2f} s, CPU {result.cpu:5.2f} s, {manifests} cases, {files} files; "
                f"other work on the machine meanwhile: {result.others_cpu:.1f} CPU s\n               peak memory: "
                f"all processes together {result.tree_pss_mb:.0f} MB (sum of PSS, sampled), "
                f"largest single process {result.max_rss_mb:.0f} MB (max RSS)"
            )
            if jobs == 2:
                ok = result.wall < TARGET["batch"] and result.tree_pss_mb < TARGET["memory_mb"]
                line += (
                    f"\n               target < {TARGET['batch']:.0f} s and < {TARGET['memory_mb']:.0f} MB "
                    f"(judged on the sum over processes)   {verdict(ok)}"
                )
            print(line)
        print(f"    command: {self.cli_name} build DIR_OF_45_CASES --out OUT --jobs N (cores: {os.cpu_count()})\n")
        return cases

    # (e) -----------------------------------------------------------------------------------------
    def replicas(self, source: Path, count: int) -> Path:
        """A folder of ``count`` copies of one case, each with its own case id."""
        folder = self.fresh(f"replicas-{count}")
        case_text = (source / "case.yaml").read_text("utf-8")
        for n in range(1, count + 1):
            copy = folder / f"{source.name}-{n:02d}"
            shutil.copytree(source, copy)
            renamed = case_text.replace(f"\nid: {source.name}\n", f"\nid: {copy.name}\n")
            assert renamed != case_text, "case.yaml must state id: <folder name>"
            (copy / "case.yaml").write_text(renamed, "utf-8")
        return folder

    def scaling(self, national: Path) -> None:
        from generator.build import build

        by_size = sorted((municipality_count(f), f.name, f) for f in national.iterdir())
        municipalities, _, source = by_size[len(by_size) // 2]
        print(
            f"(e) Time per case as the batch grows: one median synthetic case ({source.name}, {municipalities} municipalities"
            f" and councils) copied N times, so every case is the same work; in process after one warm-up build"
        )
        print(
            "      N   CLI --jobs 1:   wall      CPU    wall/N    in process, per case:   wall      CPU"
            "   other work meanwhile (CPU s)"
        )
        # As in (b), the in-process figures are warm: one build of the case first, so the N = 1 row does
        # not carry the process's one-off first sight of a new case (cached labels, compiled patterns).
        build(source, self.fresh("scaling-warm"))
        rows = []
        for count in SCALES:
            folder = self.replicas(source, count)
            cli = self.cli_build(str(folder), "--out", str(self.fresh("scaling-out")), "--jobs", "1")
            cases = sorted(folder.iterdir())
            batch = timed(lambda cases=cases: [build(case, self.fresh("scaling-in")) for case in cases])
            rows.append(ScaleRow(count, cli.wall, cli.cpu, batch.wall / count, batch.cpu / count))
            print(
                f"    {count:>3}   {cli.wall:15.2f} s {cli.cpu:6.2f} s {cli.wall / count:7.3f} s "
                f"{batch.wall / count:24.3f} s {batch.cpu / count:6.3f} s   {cli.others_cpu + batch.others_cpu:5.1f}"
            )
        cpu_flat = spread([r.cpu_per_case for r in rows])
        wall_flat = spread([r.wall_per_case for r in rows])
        print(
            f"    in-process per case max/min: CPU {cpu_flat:.2f}, wall {wall_flat:.2f}   target ≤ {TARGET['flat']:.2f} "
            f"(judged on CPU, which other work on the machine barely moves)   {verdict(cpu_flat <= TARGET['flat'])}"
        )
        first, *larger = rows
        added = [(r.cli_cpu - first.cli_cpu) / (r.count - first.count) for r in larger]
        print(
            "    CLI CPU of each added case: "
            + ", ".join(f"{a:.3f} s ({first.count}→{r.count})" for a, r in zip(added, larger, strict=False))
            + f"; max/min {spread(added):.2f}   target ≤ {TARGET['flat']:.2f}   {verdict(spread(added) <= TARGET['flat'])}"
        )
        print(
            f"    CLI wall/N max/min {spread([r.cli_wall / r.count for r in rows]):.2f}: it falls with N because one "
            f"interpreter start-up and warm-up (about {first.cli_wall - first.wall_per_case:.2f} s) is shared by N cases; "
            "that is not growth\n"
        )

    # (f) -----------------------------------------------------------------------------------------
    def docxtpl(self) -> None:
        from docxtpl_compare import compare

        c = compare(EXAMPLE, self.work, max(self.runs, 15))
        print(
            f"(f) One agreement, ours against docxtpl: the example's first agreement ({c.agreement}), "
            f"median of {c.runs}, interleaved"
        )
        print(
            f"    ours    {c.ours * 1000:6.1f} ms  compose_agreement (outline, {c.paragraphs} paragraphs from clause "
            "templates, tables from the model) + write_docx (WordprocessingML, styles, numbering, header, footer, zip)"
        )
        parts = ", ".join(f"{step} {seconds * 1000:.1f}" for step, seconds in c.docxtpl_parts.items())
        print(
            f"    docxtpl {c.docxtpl * 1000:6.1f} ms  load the .docx template, build the context from the model, "
            f"render (Jinja over the XML, {{%tr for %}} row loops), save ({parts} ms)"
        )
        same = "identical" if not c.differing else f"{len(c.differing)} paragraphs differ, e.g. {c.differing[0]}"
        print(f"    both produce .docx bytes in memory from the same validated model; body text {same}")
        print(
            f"    ratio ours/docxtpl {c.ratio:.2f}   target ≤ {TARGET['ratio']:.1f}   {verdict(c.ratio <= TARGET['ratio'])}\n"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the synthetic national data set")
    parser.add_argument("--runs", type=int, default=7, help="repetitions of each in-process measurement")
    args = parser.parse_args(argv)
    package = use_checkout()
    started = time.perf_counter()
    print(
        f"kuntasopimus benchmark: code under test {package} ({describe_checkout()}),\n"
        f"imported in process via sys.path and in subprocesses via PYTHONPATH; Python {platform.python_version()}, "
        f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}, load average {os.getloadavg()[0]:.2f} "
        f"(other work on the machine slows every figure)\n"
    )
    with tempfile.TemporaryDirectory(prefix="kuntasopimus-bench-") as tmp:
        bench = Bench(Path(tmp), args.runs, args.seed)
        bench.cold()
        bench.in_process()
        bench.kinds()
        national = bench.national()
        bench.scaling(national)
        bench.docxtpl()
    print(f"benchmark took {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
