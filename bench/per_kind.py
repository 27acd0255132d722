"""Where an in-process build spends its time: validation, each output kind's compose+write, the rest.

The times are taken from the real ``build`` by wrapping the functions it calls with timers, rather
than by copying its steps here: a copy would drift from the code it claims to measure. Composers
(in ``generator.compose.plan``) are attributed by name, writes by the kind of the output
``render_output`` writes; only calls made while ``render_case`` runs count towards the kinds (a
bilingual case's validation composes too, and that is validation time). Every part comes from the
same runs, so the parts add up to the whole.
"""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KIND_OF_COMPOSER = {
    "compose_agreement": "agreement",
    "compose_compliance": "compliance_report",
    "compose_deck": "deck",
    "compose_proposal": "council_proposal",
}
STAGES = ("validate_case", "render_case")  # timed as a whole, around the composers and writers
KINDS = tuple(KIND_OF_COMPOSER.values())


@dataclass(frozen=True)
class KindTiming:
    kind: str
    seconds: float  # median over the runs, all files of the kind together
    files: int


@dataclass(frozen=True)
class Breakdown:
    """Medians over the runs of one in-process build."""

    build: float
    validation: float
    kinds: list[KindTiming]
    render_other: float  # render_case outside the composers and writers (planning, legal basis)
    rest: float  # build() after rendering: read-back check, manifest, writing the files


@contextmanager
def _timed() -> Iterator[dict[str, float]]:
    """Wrap build's stages and output writer and the plan's composers; yields seconds per stage and kind."""
    import generator.build as build_module
    import generator.compose.plan as plan_module

    totals: dict[str, float] = defaultdict(float)
    rendering = [False]
    patched = [(build_module, name) for name in (*STAGES, "render_output")] + [
        (plan_module, name) for name in KIND_OF_COMPOSER
    ]
    originals = {(module, name): getattr(module, name) for module, name in patched}

    def wrap(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            if name == "render_case":
                rendering[0] = True
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - start
                if name in STAGES:
                    totals[name] += elapsed
                    rendering[0] = rendering[0] and name != "render_case"
                elif rendering[0]:
                    totals[KIND_OF_COMPOSER.get(name) or args[0].kind] += elapsed

        return timed

    for (module, name), function in originals.items():
        setattr(module, name, wrap(name, function))
    try:
        yield totals
    finally:
        for (module, name), function in originals.items():
            setattr(module, name, function)


def breakdown(case_folder: Path, runs: int, fresh_out: Callable[[], Path]) -> Breakdown:
    """Run ``build(case_folder, fresh_out())`` ``runs`` times with every part timed."""
    import generator.build as build_module

    samples: dict[str, list[float]] = defaultdict(list)
    files: dict[str, int] = {}
    for _ in range(runs):
        with _timed() as totals:
            start = time.perf_counter()
            result = build_module.build(case_folder, fresh_out())
            whole = time.perf_counter() - start
        assert result.case is not None, f"{case_folder} does not build"
        rendered = sum(totals[kind] for kind in KINDS)
        samples["build"].append(whole)
        samples["validation"].append(totals["validate_case"])
        samples["render_other"].append(totals["render_case"] - rendered)
        samples["rest"].append(whole - totals["validate_case"] - totals["render_case"])
        for kind in KINDS:
            samples[kind].append(totals[kind])
        files = {kind: sum(o.kind == kind for o in result.outputs) for kind in KINDS}
    median = {key: statistics.median(values) for key, values in samples.items()}
    return Breakdown(
        median["build"],
        median["validation"],
        [KindTiming(kind, median[kind], files[kind]) for kind in KINDS],
        median["render_other"],
        median["rest"],
    )
