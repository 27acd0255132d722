"""Writing outputs all or nothing: every file is staged under a temporary name, then renamed.

A rename within one folder is atomic, and nothing is renamed until every file has been staged, so a
build that fails half way (a full disk, a killed process) leaves the previous outputs as they were;
the manifest is renamed last, so it never lists a file that was not written.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _stage(path: Path, data: bytes) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException:
        os.unlink(tmp)
        raise
    return Path(tmp)


def write_all(files: list[tuple[Path, bytes]]) -> None:
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_stage(path, data), path))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, path in staged:
        os.replace(tmp, path)
