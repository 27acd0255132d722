"""Writing a set of outputs so that the folder holds the old set or the new one, never a mixture.

A build writes a dozen files and a manifest that lists them; a reader (``check``, the next build, a
lawyer comparing hashes) must never meet some new files beside old ones. A rename is atomic for one
file only, so the set is written as a small transaction with a journal:

1. every new file is written beside its target under a hidden temporary name;
2. every file it replaces is kept under a second hidden name (a hard link, so no copy is made);
3. the journal, listing all of them, is written and renamed into place: the commit point;
4. the new files are renamed over their targets, the manifest last;
5. stale files are removed, the kept old files and the journal are deleted.

A failure before the commit point removes the temporary files and leaves the old set untouched. A
failure among the renames (a folder where a file should be, a file that cannot be replaced) puts the
old files back, so "the previous files are unchanged" is true when it is said. A process killed at
any point leaves a journal or only temporary files; the next write into the folder, and ``check``,
finish the committed set or clear the uncommitted one first (``recover``). A crash is so never
mistaken for a hand edit. Writers into one folder take turns by locking the folder.

Files get the mode the user's umask gives any new file (not 0600, as temporary files would).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import stat
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; one writer at a time is then the user's care
    fcntl = None  # type: ignore[assignment]

JOURNAL = ".kuntasopimus-journal.json"
_NEW, _OLD = ".kuntasopimus-new", ".kuntasopimus-old"
# Temporary files of this module, and those of earlier versions (".x.docx.ab12cd34.tmp").
_OURS = re.compile(r"^\..+\.(kuntasopimus-new|kuntasopimus-old)$")
_LEGACY = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")
LOCK_WAIT_SECONDS = 30.0


class WriteProblem(OSError):
    """The set could not be written. ``unchanged`` says whether the folder still holds the old set."""

    def __init__(self, path: Path, reason: str, unchanged: bool = True) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.unchanged = unchanged
        self.strerror = f"{path.name}: {reason}"


def _rename(source: Path, target: Path) -> None:
    """Every rename of this module: atomic within a folder (one place for fault-injection tests)."""
    os.replace(source, target)


@dataclass
class _Entry:
    name: str
    new: str
    old: str | None = None


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # not every file system syncs a folder
    finally:
        os.close(fd)


def _write_new(path: Path, data: bytes) -> None:
    """A new file with ``data``, created exclusively, with the umask's mode, on disk before it counts."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)


def _keep_old(current: Path, kept: Path) -> None:
    """Keep the file about to be replaced under another name: a hard link, or a copy where links fail."""
    try:
        os.link(current, kept, follow_symlinks=False)
    except OSError:
        shutil.copy2(current, kept, follow_symlinks=False)


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the folder's lock: one writer (and one recovery) at a time."""
    if fcntl is None:
        yield
        return
    fd = os.open(out, os.O_RDONLY)
    try:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise WriteProblem(out, "another kuntasopimus is writing into this folder") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # releases the lock


def _read_journal(out: Path) -> tuple[list[_Entry], list[str]] | None:
    try:
        body = json.loads((out / JOURNAL).read_bytes())
        entries = [_Entry(e["name"], e["new"], e.get("old")) for e in body["entries"]]
        return entries, [str(name) for name in body.get("remove", [])]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_journal(out: Path, entries: list[_Entry], remove: Sequence[str]) -> None:
    body = {
        "kuntasopimus_journal": 1,
        "entries": [{"name": e.name, "new": e.new, "old": e.old} for e in entries],
        "remove": list(remove),
    }
    staged = out / f"{JOURNAL}.{secrets.token_hex(4)}{_NEW}"
    _write_new(staged, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))
    try:
        _rename(staged, out / JOURNAL)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    _fsync_dir(out)


def _finish(out: Path, entries: list[_Entry], remove: Sequence[str]) -> None:
    """Complete a committed set whose renames are done: stale files go, kept old files go, journal last."""
    for name in remove:
        (out / name).unlink(missing_ok=True)
    for entry in entries:
        if entry.old is not None:
            (out / entry.old).unlink(missing_ok=True)
    _fsync_dir(out)
    (out / JOURNAL).unlink(missing_ok=True)
    _fsync_dir(out)


def _roll_forward(out: Path, entries: list[_Entry], remove: Sequence[str]) -> None:
    """Rename every new file still waiting (one whose temporary file is gone was renamed already)."""
    for entry in entries:
        if os.path.lexists(out / entry.new):
            _rename(out / entry.new, out / entry.name)
    _fsync_dir(out)
    _finish(out, entries, remove)


def _roll_back(out: Path, entries: list[_Entry]) -> bool:
    """Put every old file back and remove the new ones; False if some file could not be restored."""
    restored = True
    for entry in entries:
        try:
            if os.path.lexists(out / entry.new):  # not renamed yet
                (out / entry.new).unlink()
            elif entry.old is not None:
                _rename(out / entry.old, out / entry.name)
            else:
                (out / entry.name).unlink(missing_ok=True)  # it did not exist before
        except OSError:
            restored = False
    if restored:
        for entry in entries:
            if entry.old is not None:
                (out / entry.old).unlink(missing_ok=True)
        (out / JOURNAL).unlink(missing_ok=True)
    _fsync_dir(out)
    return restored


def _clear_strays(out: Path, names: Sequence[str] = ()) -> None:
    """Temporary files no journal mentions: a write killed before its commit point left them."""
    for entry in os.scandir(out):
        legacy = _LEGACY.match(entry.name)
        if _OURS.match(entry.name) or (legacy and legacy["name"] in names):
            Path(entry.path).unlink(missing_ok=True)


def _recover_locked(out: Path, names: Sequence[str] = ()) -> str | None:
    recovered = None
    if os.path.lexists(out / JOURNAL):
        journal = _read_journal(out)
        if journal is None:  # not ours, or damaged by hand: nothing can be trusted in it
            raise WriteProblem(out / JOURNAL, "the journal of an interrupted write cannot be read", unchanged=False)
        _roll_forward(out, *journal)
        recovered = "completed"
    _clear_strays(out, names)
    return recovered


def recover(out: Path) -> str | None:
    """Finish what a killed write left in ``out``; "completed" if a committed set was completed."""
    if not os.path.isdir(out) or not (os.path.lexists(out / JOURNAL) or _has_strays(out)):
        return None
    with locked(out):
        return _recover_locked(out)


def _has_strays(out: Path) -> bool:
    return any(_OURS.match(entry.name) for entry in os.scandir(out))


def interrupted(out: Path) -> bool:
    """A write into ``out`` was killed after its commit point and has not been completed yet."""
    return os.path.lexists(out / JOURNAL)


def _preflight(out: Path, names: Sequence[str]) -> None:
    """Refuse, before anything is written, a target that is a folder, a pipe or a device."""
    for name in names:
        assert name and "/" not in name and os.sep not in name and name not in (".", ".."), name
        target = out / name
        try:
            mode = os.lstat(target).st_mode
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(mode):
            continue  # the link itself is replaced; what it points to is not touched
        if not stat.S_ISREG(mode):
            raise WriteProblem(target, "not a regular file (a folder or a special file stands in its place)")


def write_set(out: Path, files: Sequence[tuple[str, bytes]], remove: Sequence[str] = ()) -> None:
    """Write ``files`` (name in ``out``, bytes) as one set and remove ``remove``; the last file (the
    manifest) is renamed last. On failure raises WriteProblem; see the module docstring."""
    out.mkdir(parents=True, exist_ok=True)
    names = [name for name, _ in files]
    with locked(out):
        _recover_locked(out, names)
        _preflight(out, names)
        token = secrets.token_hex(4)
        entries: list[_Entry] = []
        try:
            for name, data in files:
                entry = _Entry(name, f".{name}.{token}{_NEW}")
                _write_new(out / entry.new, data)
                entries.append(entry)
            for entry in entries:
                if os.path.lexists(out / entry.name):
                    entry.old = f".{entry.name}.{token}{_OLD}"
                    _keep_old(out / entry.name, out / entry.old)
            _write_journal(out, entries, remove)
        except BaseException as exc:
            for entry in entries:
                (out / entry.new).unlink(missing_ok=True)
                if entry.old is not None:
                    (out / entry.old).unlink(missing_ok=True)
            (out / JOURNAL).unlink(missing_ok=True)
            if isinstance(exc, OSError) and not isinstance(exc, WriteProblem):
                raise WriteProblem(Path(exc.filename or out), exc.strerror or str(exc)) from exc
            raise
        current = entries[0] if entries else None
        try:
            for current in entries:
                _rename(out / current.new, out / current.name)
        except OSError as exc:
            unchanged = _roll_back(out, entries)
            where = out / current.name if current is not None else out
            raise WriteProblem(where, exc.strerror or str(exc), unchanged) from exc
        _fsync_dir(out)
        _finish(out, entries, remove)
