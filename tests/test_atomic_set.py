"""Fault injection: the output folder always holds one complete set of outputs, old or new.

A build replaces a set of files and the manifest. Here each rename of a real build is made to fail
in turn, and a writing process is killed (SIGKILL) at each rename and at random moments; after
every fault the folder is read as the tool reads it (the next command first completes or clears
what a killed write left) and must hold exactly the old set or exactly the new one, each file
matching its manifest, with no temporary file left.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.write.files as files
from generator.build import build, render_case
from generator.cli import cli
from generator.starter import write_starter
from generator.validate import validate_case
from generator.write.files import JOURNAL, WriteProblem, recover, write_set

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and hard links as on Linux and macOS")


def _snapshot(out: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir()) if p.is_file()}


def _assert_one_complete_set(out: Path, old: dict[str, str], new: dict[str, str]) -> str:
    """The folder is exactly the old set or exactly the new one; returns which."""
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")], "temporary files left behind"
    now = _snapshot(out)
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    for output in manifest["outputs"]:
        assert now[output["path"]] == output["sha256"], f"{output['path']} does not match its manifest"
    assert now in (old, new), "a mixture of the old and the new set"
    return "old" if now == old else "new"


@pytest.fixture(scope="module")
def two_sets(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A folder holding the outputs of the case ``kuntasopimus new`` writes (version 0.1), and the same
    case at version 0.2, whose outputs all differ."""
    root = tmp_path_factory.mktemp("sets")
    original = root / "original" / "esimerkki"
    write_starter(original)
    old_out = root / "old"
    assert build(original, old_out).case is not None
    changed = root / "changed" / "esimerkki"
    write_starter(changed)
    text = (changed / "case.yaml").read_text("utf-8")
    (changed / "case.yaml").write_text(text.replace('number: "0.1"', 'number: "0.2"'), "utf-8")
    new_out = root / "new"
    assert build(changed, new_out).case is not None
    return old_out, new_out, changed


def _fresh(two_sets: tuple[Path, Path, Path], tmp_path: Path) -> tuple[Path, dict[str, str], dict[str, str]]:
    old_out, new_out, _ = two_sets
    out = tmp_path / "out"
    out.mkdir(parents=True)
    for p in old_out.iterdir():
        (out / p.name).write_bytes(p.read_bytes())
    return out, _snapshot(old_out), _snapshot(new_out)


def test_the_two_sets_differ_in_every_output(two_sets: tuple[Path, Path, Path]) -> None:
    old_out, new_out, _ = two_sets
    old, new = _snapshot(old_out), _snapshot(new_out)
    assert old.keys() == new.keys() and all(old[name] != new[name] for name in old)


def _prepared_set(prepared: Path) -> tuple[list[tuple[str, bytes]], list[str]]:
    import pickle

    return pickle.loads(prepared.read_bytes())


def test_each_rename_failing_in_turn_leaves_the_old_set(
    two_sets: tuple[Path, Path, Path], prepared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build's own set, as it hands it to write_set, with the 1st, 2nd, … rename failing."""
    new_set, remove = _prepared_set(prepared)
    renames = 1 + len(new_set)  # the journal, each output, the manifest last
    assert renames == 1 + len(_snapshot(two_sets[1])) >= 10
    real = files._rename
    for failing in range(1, renames + 1):
        out, old, new = _fresh(two_sets, tmp_path / f"fail-{failing}")
        count = {"n": 0}

        def replace(src, dst, failing=failing, count=count):
            count["n"] += 1
            if count["n"] == failing:
                raise PermissionError(1, "Operation not permitted", str(dst))
            return real(src, dst)

        monkeypatch.setattr(files, "_rename", replace)
        with pytest.raises(WriteProblem) as problem:
            write_set(out, new_set, remove)
        monkeypatch.setattr(files, "_rename", real)
        assert problem.value.unchanged, f"rename {failing}"
        assert _assert_one_complete_set(out, old, new) == "old", f"rename {failing}"


def test_a_failed_rename_in_a_build_says_the_old_files_are_unchanged_and_they_are(
    two_sets: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, old, new = _fresh(two_sets, tmp_path)
    real = files._rename
    count = {"n": 0}

    def replace(src, dst):
        count["n"] += 1
        if count["n"] == 6:  # an immutable file, say, half way through the set
            raise PermissionError(1, "Operation not permitted", str(dst))
        return real(src, dst)

    monkeypatch.setattr(files, "_rename", replace)
    result = CliRunner().invoke(cli, ["build", str(two_sets[2]), "--out", str(out)])
    monkeypatch.setattr(files, "_rename", real)
    assert result.exit_code == 1, result.output
    assert "Operation not permitted" in result.output and "Aiemmat tiedostot ovat ennallaan" in result.output
    assert _assert_one_complete_set(out, old, new) == "old"
    assert CliRunner().invoke(cli, ["check", str(out)]).exit_code == 0


def test_a_folder_in_a_files_place_stops_the_build_before_anything_is_written(
    two_sets: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    out, old, new = _fresh(two_sets, tmp_path)
    (out / "kokeilula-paatosehdotus.docx").unlink()
    (out / "kokeilula-paatosehdotus.docx").mkdir()
    before = _snapshot(out)
    result = CliRunner().invoke(cli, ["build", str(two_sets[2]), "--out", str(out)])
    assert result.exit_code == 1
    assert "kokeilula-paatosehdotus.docx" in result.output and "Aiemmat tiedostot ovat ennallaan" in result.output
    assert _snapshot(out) == before
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


def test_a_failed_rollback_does_not_claim_the_old_files_are_unchanged(
    two_sets: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If even putting the old files back fails (a double fault), the message must not say they are unchanged."""
    out, _, _ = _fresh(two_sets, tmp_path)
    real = files._rename
    count = {"n": 0}

    def replace(src, dst):
        count["n"] += 1
        if count["n"] >= 5:
            raise OSError(5, "Input/output error", str(dst))
        return real(src, dst)

    monkeypatch.setattr(files, "_rename", replace)
    result = CliRunner().invoke(cli, ["build", str(two_sets[2]), "--out", str(out)])
    assert result.exit_code == 1
    assert "Aiemmat tiedostot ovat ennallaan" not in result.output
    assert "eikä kaikkia aiempia tiedostoja voitu palauttaa" in result.output


# A writer that is killed: it writes a set prepared in advance (so each run costs a fraction of a
# second) with the real write_set, and kills itself at the N-th rename, or is killed from outside.
_WRITER = """
import os, pickle, signal, sys
sys.path.insert(0, sys.argv[1])
import generator.write.files as files
out, data, kill_at = sys.argv[2], sys.argv[3], int(sys.argv[4])
real, count = files._rename, [0]
def replace(src, dst):
    count[0] += 1
    if count[0] == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(src, dst)
files._rename = replace
with open(data, "rb") as handle:
    set_, remove = pickle.load(handle)
print("ready", flush=True)
files.write_set(files.Path(out), set_, remove)
"""


@pytest.fixture(scope="module")
def prepared(two_sets: tuple[Path, Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The new set as a build would hand it to write_set (outputs, then the manifest)."""
    import pickle

    _, new_out, changed = two_sets
    case, _ = validate_case(changed)
    assert case is not None
    names = [o.path for o in render_case(case)] + ["manifest.json"]
    data = tmp_path_factory.mktemp("prepared") / "set.pickle"
    data.write_bytes(pickle.dumps(([(name, (new_out / name).read_bytes()) for name in names], [])))
    return data


def _writer(out: Path, prepared: Path, kill_at: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(REPO), str(out), str(prepared), str(kill_at)],
        stdout=subprocess.PIPE,
        text=True,
    )


def test_a_writer_killed_at_each_rename_leaves_a_set_the_next_command_completes(
    two_sets: tuple[Path, Path, Path], prepared: Path, tmp_path: Path
) -> None:
    seen = set()
    renames = 1 + len(_snapshot(two_sets[1]))  # the journal, then each output and the manifest
    for kill_at in range(1, renames + 1):
        out, old, new = _fresh(two_sets, tmp_path / f"kill-{kill_at}")
        process = _writer(out, prepared, kill_at)
        process.communicate(timeout=60)
        assert process.returncode == -signal.SIGKILL
        # The journal is renamed first: killed at it, nothing was committed.
        assert (out / JOURNAL).exists() == (kill_at > 1)
        recover(out)  # what the next build, diff or check does first
        seen.add(_assert_one_complete_set(out, old, new))
    assert seen == {"old", "new"}


def test_a_writer_killed_at_random_moments_leaves_one_set(
    two_sets: tuple[Path, Path, Path], prepared: Path, tmp_path: Path
) -> None:
    out, _, _ = _fresh(two_sets, tmp_path / "timed")
    process = _writer(out, prepared, 0)
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    start = time.monotonic()
    process.communicate(timeout=60)
    duration = time.monotonic() - start  # how long writing the set takes here, uninterrupted
    rng = random.Random(17)
    outcomes = []
    for run in range(8):
        out, old, new = _fresh(two_sets, tmp_path / f"random-{run}")
        process = _writer(out, prepared, 0)
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0, duration))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        recover(out)
        outcomes.append(_assert_one_complete_set(out, old, new))
    assert outcomes  # which set survives depends on the moment; each time it is one of them


def test_the_build_after_a_kill_completes_it_and_is_not_mistaken_for_a_hand_edit(
    two_sets: tuple[Path, Path, Path], prepared: Path, tmp_path: Path
) -> None:
    out, old, new = _fresh(two_sets, tmp_path)
    process = _writer(out, prepared, 5)
    process.communicate(timeout=60)
    assert (out / JOURNAL).exists()
    result = CliRunner().invoke(cli, ["build", str(two_sets[2]), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "BUILD-EDITED" not in result.output
    assert "edellinen build keskeytyi" in result.output
    assert _assert_one_complete_set(out, old, new) == "new"


def test_check_completes_an_interrupted_build_before_reading(
    two_sets: tuple[Path, Path, Path], prepared: Path, tmp_path: Path
) -> None:
    out, old, new = _fresh(two_sets, tmp_path)
    process = _writer(out, prepared, 4)
    process.communicate(timeout=60)
    result = CliRunner().invoke(cli, ["check", str(out)])
    assert result.exit_code == 0, result.output
    assert "warning CHECK-RECOVERED" in result.output
    assert _assert_one_complete_set(out, old, new) == "new"


def test_a_real_build_killed_at_random_moments_leaves_one_set(
    two_sets: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """The whole command, killed from outside while it validates, renders or writes."""
    rng = random.Random(1717)
    for run in range(3):
        out, old, new = _fresh(two_sets, tmp_path / f"build-{run}")
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "build", str(two_sets[2]), "--out", str(out)],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 1.5))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        recover(out)
        _assert_one_complete_set(out, old, new)


def test_a_write_into_a_locked_folder_waits_its_turn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two writers into one folder take turns: the second waits, then fails clearly, never interleaves."""
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(files, "LOCK_WAIT_SECONDS", 0.2)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; sys.path.insert(0, sys.argv[1]); from pathlib import Path;"
            "from generator.write.files import locked\nwith locked(Path(sys.argv[2])):\n"
            " print('locked', flush=True); time.sleep(5)",
            str(REPO),
            str(out),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        with pytest.raises(WriteProblem, match="another kuntasopimus"):
            write_set(out, [("a.txt", b"x")])
        assert list(out.iterdir()) == []
    finally:
        holder.kill()
        holder.wait()
    write_set(out, [("a.txt", b"x")])
    assert (out / "a.txt").read_bytes() == b"x"
