"""Where OLD and NEW come from: a case folder, or a git revision and path ("HEAD~1:agreements/x").

A revision is materialised into a temporary folder with `git show`, so both sides go through the
same loader and checks; nothing in the working tree is touched.
"""

from __future__ import annotations

import posixpath
import subprocess
from pathlib import Path

from generator.load.yaml_loader import MAX_FILE_BYTES, load_yaml_file


class SourceProblem(Exception):
    """OLD or NEW cannot be read; the message is for the user."""


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60).stdout
    except FileNotFoundError:
        raise SourceProblem("git ei ole asennettu") from None
    except subprocess.CalledProcessError as exc:
        raise SourceProblem(exc.stderr.decode("utf-8", "replace").strip() or "git epäonnistui") from None


def materialise(spec: str, workdir: Path, cwd: Path | None = None) -> Path:
    """A folder holding the case ``spec`` names: the folder itself, or a copy from git (the repository
    found from ``cwd``, by default the working directory)."""
    folder = Path(spec)
    if folder.is_dir():
        return folder
    revision, sep, path = spec.partition(":")
    if not sep or not revision:
        raise SourceProblem(f"'{spec}' ei ole kansio eikä muotoa REVISIO:polku (esim. HEAD~1:agreements/x)")
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd or Path.cwd()).decode().strip())
    path = path.strip("/")
    # The revision's tree is rebuilt under one folder, so a case's references ("../alue") find the
    # cases beside it exactly as they stood in that revision.
    root = workdir / f"{revision.replace('/', '_').replace('~', '-').replace('^', '-')}"
    target = root / path
    _copy_case(revision, path, target, top, spec)
    return target


def _copy_case(revision: str, path: str, target: Path, top: Path, spec: str) -> None:
    names = [
        n for n in _git(["ls-tree", "-z", "--name-only", f"{revision}:{path}"], top).decode("utf-8").split("\0") if n
    ]
    if not names:
        raise SourceProblem(f"'{spec}': kansiota ei ole revisiossa {revision}")
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        if name.endswith(".yaml") and "/" not in name:
            blob = f"{revision}:{path}/{name}"
            # A file the loader would refuse anyway is not read into memory whole.
            if int(_git(["cat-file", "-s", blob], top) or 0) > MAX_FILE_BYTES:
                raise SourceProblem(f"'{spec}': {name} on yli {MAX_FILE_BYTES} tavua")
            (target / name).write_bytes(_git(["show", blob], top))
    case_file = target / "case.yaml"
    loaded, _ = load_yaml_file(case_file, str(case_file)) if case_file.is_file() else (None, [])
    case = loaded.data if loaded is not None else {}  # validation reports a broken file
    references = case.get("references") if isinstance(case, dict) else None
    for reference in references if isinstance(references, list) else []:
        other = posixpath.normpath(posixpath.join(path, str(reference)))
        if not other.startswith("..") and not (target / reference).exists():
            _copy_case(revision, other, (target / reference).resolve(), top, spec)
