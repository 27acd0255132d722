"""Where an in-process build spends its time: validation, each output kind's compose+write, the rest.

Per-kind times are taken from the real ``render_case`` by wrapping the composers and writers it calls
(in ``generator.build``'s namespace) with timers, rather than by copying its loop here: a copy would
drift from the code it claims to measure. A writer's time goes to the kind of the composer called
just before it, which is how ``render_case`` pairs them.
"""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterator

KIND_OF_COMPOSER = {
    "compose_agreement": "agreement",
    "compose_compliance": "compliance_report",
    "compose_deck": "deck",
    "compose_proposal": "council_proposal",
}
WRITERS = ("write_docx", "write_pptx", "write_markdown")
KINDS = tuple(KIND_OF_COMPOSER.values())


@dataclass(frozen=True)
class KindTiming:
    kind: str
    seconds: float  # median over the runs, all files of the kind together
    files: int


@contextmanager
def _timed(module: ModuleType) -> Iterator[dict[str, float]]:
    """Wrap the module's composers and writers; yields seconds per kind, filled in as they run."""
    totals: dict[str, float] = defaultdict(float)
    current = ["other"]
    originals = {name: getattr(module, name) for name in (*KIND_OF_COMPOSER, *WRITERS)}

    def wrap(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            if name in KIND_OF_COMPOSER:
                current[0] = KIND_OF_COMPOSER[name]
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                totals[current[0]] += time.perf_counter() - start
        return timed

    for name, function in originals.items():
        setattr(module, name, wrap(name, function))
    try:
        yield totals
    finally:
        for name, function in originals.items():
            setattr(module, name, function)


def per_kind(case_folder: Path, runs: int) -> tuple[list[KindTiming], float, float]:
    """Median compose+write time of each output kind, the median validation time, and the median
    time of ``render_case`` outside any composer or writer (manifest entries, legal basis)."""
    import generator.build as build_module
    from generator.check.pipeline import validate_case

    samples: dict[str, list[float]] = defaultdict(list)
    validation, overhead = [], []
    files: dict[str, int] = {}
    for _ in range(runs):
        start = time.perf_counter()
        case, _findings = validate_case(case_folder)
        validation.append(time.perf_counter() - start)
        assert case is not None, f"{case_folder} does not validate"
        with _timed(build_module) as totals:
            start = time.perf_counter()
            outputs = build_module.render_case(case)
            whole = time.perf_counter() - start
        for kind in KINDS:
            samples[kind].append(totals.get(kind, 0.0))
        overhead.append(whole - sum(totals.values()))
        files = {kind: sum(o.kind == kind for o in outputs) for kind in KINDS}
    timings = [KindTiming(kind, statistics.median(samples[kind]), files[kind]) for kind in KINDS]
    return timings, statistics.median(validation), statistics.median(overhead)
