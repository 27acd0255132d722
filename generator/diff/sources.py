"""Where OLD and NEW come from: a case folder, or a git revision and path ("HEAD~1:agreements/x").

A revision is materialised into a temporary folder with `git show`, so both sides go through the
same loader and checks; nothing in the working tree is touched.
"""

from __future__ import annotations

import posixpath
import subprocess
from pathlib import Path

import yaml


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
    names = _git(["ls-tree", "--name-only", f"{revision}:{path}"], top).decode("utf-8").split()
    if not names:
        raise SourceProblem(f"'{spec}': kansiota ei ole revisiossa {revision}")
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        if name.endswith(".yaml"):
            (target / name).write_bytes(_git(["show", f"{revision}:{path}/{name}"], top))
    try:
        case = yaml.safe_load((target / "case.yaml").read_text("utf-8")) if (target / "case.yaml").is_file() else {}
    except yaml.YAMLError:
        return  # validation reports the broken file
    for reference in case.get("references", []) if isinstance(case, dict) else []:
        other = posixpath.normpath(posixpath.join(path, str(reference)))
        if not other.startswith("..") and not (target / reference).exists():
            _copy_case(revision, other, (target / reference).resolve(), top, spec)
