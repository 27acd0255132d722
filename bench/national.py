"""A synthetic national data set: one case folder per employment area, seeded and deterministic.

    python bench/national.py --out DIR [--seed N] [--areas 45] [--check]

Finland has about 45 employment areas and 300 municipalities; the benchmark needs a data set of that
shape without real data. The same seed always writes byte-identical files. ``--check`` validates every
written case in process with this checkout's ``generator`` and fails on any error, so the data set is
known to build before anything is timed with it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml
from case_files import case_files
from checkout import use_checkout
from geography import national_areas

DEFAULT_SEED = 2025
DEFAULT_AREAS = 45


def write_national(out: Path, seed: int = DEFAULT_SEED, areas: int = DEFAULT_AREAS) -> list[Path]:
    """Write every area's case folder under ``out`` (which must be empty or absent); returns the folders."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; the data set is written into an empty folder only")
    folders = []
    for area in national_areas(seed, areas):
        folder = out / area.id
        folder.mkdir(parents=True)
        for name, text in case_files(area, seed).items():
            (folder / name).write_text(text, "utf-8")
        folders.append(folder)
    return folders


def describe(folders: list[Path]) -> str:
    """What the data set holds: municipalities, exceptions, and which kinds and cost bases it uses."""
    kinds: Counter[str] = Counter()
    bases: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    municipalities = exceptions = 0
    for folder in folders:
        registry = yaml.safe_load((folder / "municipalities.yaml").read_text("utf-8"))
        municipalities += len(registry["municipalities"])
        exceptions += sum("permit" in a for a in registry["employment_areas"])
        for path in sorted(folder.glob("[0-9]*.yaml")):
            agreement = yaml.safe_load(path.read_text("utf-8"))
            kinds[agreement["kind"]] += 1
            bases[agreement["cost_sharing"]["basis"]] += 1
            if "composition" in agreement:
                rules[agreement["composition"]["rule"]] += 1

    def counts(counter: Counter[str]) -> str:
        return ", ".join(f"{key} {n}" for key, n in sorted(counter.items()))

    return (
        f"{len(folders)} areas, {municipalities} municipalities, {exceptions} with a 14 § exception\n"
        f"  agreements: {counts(kinds)}\n  cost bases: {counts(bases)}\n  composition rules: {counts(rules)}"
    )


def check(folders: list[Path]) -> int:
    """Validate every case with the checkout's validator; prints errors, returns how many there were."""
    package = use_checkout()
    from generator.validate import validate_case

    errors = 0
    warnings: Counter[str] = Counter()
    for folder in folders:
        _, findings = validate_case(folder)
        for finding in findings:
            if finding.severity == "error":
                errors += 1
                print(finding.line(), file=sys.stderr)
            else:
                warnings[finding.code] += 1
    summary = ", ".join(f"{code} {n}" for code, n in sorted(warnings.items())) or "none"
    print(f"validated {len(folders)} cases with {package}: {errors} errors; warnings: {summary}")
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, type=Path, help="empty or new folder for the case folders")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--areas", type=int, default=DEFAULT_AREAS)
    parser.add_argument("--check", action="store_true", help="validate every case in process; exit 1 on errors")
    args = parser.parse_args(argv)
    if args.areas < 1:
        parser.error("--areas must be at least 1")
    try:
        folders = write_national(args.out, args.seed, args.areas)
    except FileExistsError as exc:
        parser.error(str(exc))
    print(f"wrote {args.out} (seed {args.seed}): {describe(folders)}")
    if args.check and check(folders):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
