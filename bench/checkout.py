"""Run the benchmark against this checkout's ``generator``, not an installed copy.

The project's venv may hold a non-editable install that lags behind the working tree; a benchmark
of stale code is worse than none. In-process imports get the repository root at the front of
``sys.path``; subprocesses get it through ``PYTHONPATH``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def use_checkout() -> Path:
    """Make ``import generator`` load the checkout; returns the package directory actually imported."""
    if str(REPO) not in sys.path[:1]:
        sys.path.insert(0, str(REPO))
    import generator

    return Path(generator.__file__).resolve().parent


def checkout_env(pycache: Path) -> dict[str, str]:
    """The environment for timed subprocesses: the checkout first on ``PYTHONPATH``, and bytecode
    cached under ``pycache`` (outside the repository), as an installed package has it compiled.
    Without this, an environment with PYTHONDONTWRITEBYTECODE would time the compiler on every run."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def describe_checkout() -> str:
    """'commit 1a2b3c4' plus a warning when generator/, templates/ or schema/ have uncommitted changes."""

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True).stdout.strip()

    dirty = git("status", "--porcelain", "--", "generator", "templates", "schema")
    return f"commit {git('rev-parse', '--short', 'HEAD') or '?'}" + (
        ", with uncommitted changes in generator/, templates/ or schema/" if dirty else ""
    )
