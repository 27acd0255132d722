"""Run the benchmark against this checkout's ``generator``, not an installed copy.

The project's venv may hold a non-editable install that lags behind the working tree; a benchmark
of stale code is worse than none. In-process imports get the repository root at the front of
``sys.path``; subprocesses get it through ``PYTHONPATH``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def use_checkout() -> Path:
    """Make ``import generator`` load the checkout; returns the package directory actually imported."""
    if str(REPO) not in sys.path[:1]:
        sys.path.insert(0, str(REPO))
    import generator

    return Path(generator.__file__).resolve().parent


def checkout_env() -> dict[str, str]:
    """The current environment with the checkout first on ``PYTHONPATH``, for subprocesses."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return env
