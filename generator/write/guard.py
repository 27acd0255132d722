"""Hand edits are never lost: which files in an output folder were changed since this tool wrote them.

Every command that writes into a folder records what it wrote (``build`` in manifest.json, ``diff`` in
muutokset.json), each file with its hash and the record with its own hash. Before writing again, a
file that differs both from what will be written and from what was recorded was edited by hand (or
was never written by this tool); so was a record whose own hash does not match. Such a file is
overwritten only with ``--force``, and then first copied aside under a name that says it was edited.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Mapping
from pathlib import Path

from generator.load.bounded import read_bounded
from generator.write.manifest import manifest_unedited

# No output of this tool comes near this size; a larger file in an output's place was not written by it.
MAX_OUTPUT_BYTES = 200_000_000


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _hash_if_regular(path: Path) -> str | None:
    """The file's hash; "" for a file too large to be an output; None when there is no regular file."""
    try:
        if not path.is_file():
            return None
        if path.stat().st_size > MAX_OUTPUT_BYTES:
            return ""
        return sha256_file(path)
    except OSError:
        return None


def record_edited(path: Path) -> bool:
    """A record (manifest.json, muutokset.json) exists and is not byte for byte what this tool wrote."""
    if not path.is_file():
        return False
    try:
        return not manifest_unedited(read_bounded(path, MAX_OUTPUT_BYTES))
    except OSError:
        return True


def edited_files(out: Path, new: Mapping[str, str], recorded: Mapping[object, object], record: str) -> list[Path]:
    """Files of ``out`` about to be replaced that were edited since the last write (see the module
    docstring): ``new`` and ``recorded`` map file names to hashes; ``record`` names the record."""
    edited = []
    for name, digest in new.items():
        current = _hash_if_regular(out / name)
        if current is not None and current != digest and current != recorded.get(name):
            edited.append(out / name)
    if record_edited(out / record):
        edited.append(out / record)
    return edited


def backup_name(path: Path) -> Path:
    """'x.docx' → 'x.muokattu-1a2b3c4d.docx': beside the new file, named by the edited content."""
    return path.with_name(f"{path.stem}.muokattu-{sha256_file(path)[:8]}{path.suffix}")


def keep_backups(edited: list[Path]) -> list[str]:
    """Copy each edited file aside before it is overwritten; the copies' paths."""
    backups = []
    for path in edited:
        backup = backup_name(path)
        shutil.copy2(path, backup)
        backups.append(str(backup))
    return backups
