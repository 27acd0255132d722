"""The two folders the editor may touch — the case folder and the output folder — and nothing else.

Every name that arrives in a request is resolved here (symbolic links and ``..`` included) and must
land inside one of the two folders; a case file must moreover be a ``*.yaml`` file directly in the
case folder, as the loader reads them, and is read as the loader reads it (a regular file, within its
size limit). Saves are atomic (a temporary file beside the target, then a
rename) and conditional: the page carries the hash of the file as it loaded it, and a save whose file
changed on disk since then is refused, never written over.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.load.bounded import read_bounded
from generator.load.case_folder import CASE_FILE, REGISTRY_FILE
from generator.load.yaml_loader import MAX_FILE_BYTES

MAX_SAVE_BYTES = MAX_FILE_BYTES  # the loader's own limit for a case file
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.yaml$")


class PathRefused(Exception):
    """A name that is not a file of the case (or of the output folder); the message says which."""


class Conflict(Exception):
    """The file changed on disk since the page that wants to save it was loaded."""

    def __init__(self, current: str) -> None:
        super().__init__(current)
        self.current = current


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def inside(root: Path, candidate: Path) -> bool:
    """Whether ``candidate`` (resolved) is ``root`` or lies under it."""
    try:
        candidate.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


@dataclass
class Workspace:
    case_dir: Path  # resolved
    out_dir: Path  # resolved

    @classmethod
    def open(cls, case: str | os.PathLike[str], out: str | os.PathLike[str]) -> Workspace:
        return cls(Path(case).resolve(), Path(out).resolve())

    @property
    def has_case(self) -> bool:
        return (self.case_dir / CASE_FILE).is_file()

    def files(self) -> list[str]:
        """The case's files in the order the loader reads them: case, municipalities, agreements."""
        if not self.case_dir.is_dir():
            return []
        names = sorted(p.name for p in self.case_dir.glob("*.yaml") if p.is_file() and _NAME.match(p.name))
        first = [n for n in (CASE_FILE, REGISTRY_FILE) if n in names]
        return first + [n for n in names if n not in first]

    def case_file(self, name: str) -> Path:
        """The path of the case file ``name``; refused unless it is a YAML file directly in the case folder."""
        if not _NAME.match(name or ""):
            raise PathRefused(name)
        path = (self.case_dir / name).resolve()
        if path.parent != self.case_dir or not inside(self.case_dir, path):
            raise PathRefused(name)
        return path

    def existing_case_file(self, name: str) -> Path:
        path = self.case_file(name)
        if not path.is_file():
            raise PathRefused(name)
        return path

    def out_file(self, relative: str) -> Path:
        """A file of the output folder; refused if the name leaves it (``..``, absolute, a link out)."""
        if not relative or "\x00" in relative or relative.startswith(("/", "\\")):
            raise PathRefused(relative)
        path = (self.out_dir / relative).resolve()
        if not inside(self.out_dir, path) or not path.is_file():
            raise PathRefused(relative)
        return path

    def read_bytes(self, name: str) -> bytes:
        """A case file's bytes; refused if it is not a regular file or is larger than the loader reads."""
        path = self.existing_case_file(name)
        try:
            return read_bounded(path, MAX_FILE_BYTES)
        except OSError as exc:  # NotRegularFile, FileTooLarge, or unreadable
            raise PathRefused(name) from exc

    def read(self, name: str) -> tuple[str, str]:
        """The text of a case file and the hash of its bytes (which a later save must present)."""
        data = self.read_bytes(name)
        return data.decode("utf-8", errors="replace"), digest(data)

    def save(self, name: str, text: str, base: str) -> str:
        """Write ``text`` to the case file atomically if it still has the hash ``base``; returns the new hash."""
        path = self.existing_case_file(name)
        data = text.encode("utf-8")
        if len(data) > MAX_SAVE_BYTES:
            raise PathRefused(name)
        current = digest(self.read_bytes(name))
        if current != base:
            raise Conflict(current)
        atomic_write(path, data)
        return digest(data)


def atomic_write(path: Path, data: bytes) -> None:
    """Write beside the target, flush to disk, keep the target's permissions, then rename over it."""
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
