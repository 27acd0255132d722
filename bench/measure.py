"""Timing and memory: wall and CPU time, how much CPU other work on the machine took meanwhile, and
the peak memory of a command's whole process tree.

On a shared machine wall time moves with everything else that runs; CPU time much less, and the other
work's CPU seconds (from /proc/stat) tell the reader how far to trust a wall time.

A parallel build runs in several processes, so "peak memory" has two honest meanings and both are
reported: the largest single process's maximum RSS, exact, from ``wait4`` (the kernel folds each
reaped descendant's peak into its parent's), and the peak of the summed PSS of the process tree,
sampled from /proc (PSS splits pages shared after fork, so the sum does not count them twice).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

KIB = 1024  # /proc and getrusage report kibibytes
SAMPLE_SECONDS = 0.05  # a sample costs about 1 ms of CPU: ~2 % of a core, small enough not to skew --jobs 2


@dataclass(frozen=True)
class ProcessRun:
    wall: float
    cpu: float  # user + system seconds of the process and every descendant it waited for
    others_cpu: float  # CPU seconds the rest of the machine used meanwhile (it competed for the cores)
    returncode: int
    max_rss_mb: float  # the largest single process in the tree, exact (MB = 10^6 bytes)
    tree_pss_mb: float  # the sum over the tree at its sampled peak
    stderr: str


def _busy_seconds() -> float:
    """CPU seconds all cores have spent on anything but idling since boot (/proc/stat)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float  # this process's CPU time: unlike wall time, barely moved by other work on the machine
    others_cpu: float  # CPU seconds the rest of the machine used meanwhile


def timed(action: Callable[[], object]) -> Timing:
    busy, wall, cpu = _busy_seconds(), time.perf_counter(), time.process_time()
    action()
    cpu = time.process_time() - cpu
    return Timing(time.perf_counter() - wall, cpu, max(0.0, _busy_seconds() - busy - cpu))


def median_timing(action: Callable[[], object], runs: int) -> Timing:
    """Median wall and CPU time of ``runs`` calls (the median, because one slow outlier says nothing),
    with the other work on the machine summed over all of them."""
    samples = [timed(action) for _ in range(runs)]
    return Timing(
        statistics.median(t.wall for t in samples),
        statistics.median(t.cpu for t in samples),
        sum(t.others_cpu for t in samples),
    )


def _children(pid: int) -> list[int]:
    """Direct children, from each thread's ``children`` file (no scan of all of /proc)."""
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(child) for child in (task / "children").read_text().split()]
    except OSError:
        pass
    return found


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_pss_kib(root: int) -> int:
    """PSS of ``root`` and all its descendants now (processes that exit meanwhile count as 0)."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _pss_kib(pid)
        stack += _children(pid)
    return total


def run_process(argv: list[str], env: dict[str, str], cwd: Path) -> ProcessRun:
    """Run ``argv`` to completion, sampling its process tree's memory until it exits."""
    busy = _busy_seconds()
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_pss_kib(proc.pid))
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert proc.stderr is not None
    stderr = proc.stderr.read()  # until the process closes it: it has exited, but is not yet reaped
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    others = max(0.0, _busy_seconds() - busy - cpu)
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    sampler.join()
    proc.stderr.close()
    return ProcessRun(wall, cpu, others, proc.returncode, usage.ru_maxrss * KIB / 1e6, peak * KIB / 1e6, stderr)
