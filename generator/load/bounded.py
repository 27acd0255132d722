"""Reading a file the user named, safely: only regular files, and never more than a stated size.

A case folder may hold anything a file system can: a named pipe called ``x.yaml`` (opening it
blocks until someone writes), a link to ``/dev/zero`` (endless), an 8 GiB sparse file. Each is
refused before it is read: the file must be a regular file (checked before opening, and again on
the open descriptor, which is opened non-blocking so a pipe swapped in between cannot block), its
size is checked before reading, and reading stops one byte past the limit whatever the size said.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)

# What a non-regular file is, in the words of a finding (Finnish, English).
_KINDS = {
    stat.S_IFDIR: ("kansio", "a folder"),
    stat.S_IFIFO: ("nimetty putki (FIFO)", "a named pipe (FIFO)"),
    stat.S_IFCHR: ("laitetiedosto", "a device"),
    stat.S_IFBLK: ("laitetiedosto", "a device"),
    stat.S_IFSOCK: ("pistoke (socket)", "a socket"),
}


class NotRegularFile(OSError):
    """The path names a folder, a pipe, a device or a socket, not a file with contents."""

    def __init__(self, path: Path, mode: int) -> None:
        super().__init__(f"{path}: not a regular file")
        self.what_fi, self.what_en = _KINDS.get(stat.S_IFMT(mode), ("erikoistiedosto", "a special file"))


class FileTooLarge(OSError):
    """The file is larger than the limit; ``size`` is what was seen (at least ``limit + 1``)."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(f"{path}: {size} bytes, more than {limit}")
        self.size = size
        self.limit = limit


def regular_size(path: Path) -> int:
    """The size of ``path`` (links followed) if it is a regular file; raises NotRegularFile otherwise."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFile(path, info.st_mode)
    return info.st_size


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``; NotRegularFile, FileTooLarge or OSError otherwise."""
    if regular_size(path) > limit:
        raise FileTooLarge(path, regular_size(path), limit)
    fd = os.open(path, _FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped for something else since the check above
            raise NotRegularFile(path, info.st_mode)
        if info.st_size > limit:
            raise FileTooLarge(path, info.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # the file grew while it was read
                raise FileTooLarge(path, total, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)
