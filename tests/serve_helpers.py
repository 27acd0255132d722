"""What the editor's tests share: the real server in a subprocess, and a population change that moves a seat.

The change is computed from the model, not written into the tests: the first agreement document whose
seats table follows the populations (an agreement's own, or the agreement as an amendment leaves it),
the first municipality of the case's own registry among its rows, and a population one inhabitant
past its current seat count's limit, so one more seat is due. The example cases may change; the tests
then pick another figure, not fail on a stale one.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from conftest import REPO

from generator.compose.plan import Planned, plan_outputs
from generator.compose.tree import Document, Table
from generator.formats import fi_number
from generator.load.yaml_loader import load_yaml_file
from generator.model.entities import Agreement
from generator.model.seats import seats_per_started
from generator.validate import validate_case

URL = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=(\S+)")


@dataclass(frozen=True)
class Server:
    base: str  # http://127.0.0.1:PORT
    token: str
    process: subprocess.Popen[str]

    @property
    def url(self) -> str:
        return f"{self.base}/?token={self.token}"

    @property
    def port(self) -> int:
        return int(self.base.rsplit(":", 1)[1])


@contextmanager
def running_server(case: Path, out: Path, *extra: str) -> Iterator[Server]:
    """``python -m generator serve CASE --out OUT --port 0`` until the block ends; the printed URL parsed."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(case), "--out", str(out), "--port", "0", *extra],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 30
        printed = []
        match = None
        while match is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            printed.append(line)
            match = URL.search(line)
        assert match, "".join(printed)
        server = Server(f"http://127.0.0.1:{match.group(1)}", match.group(2), process)
        _wait_until_listening(server.port, deadline)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_listening(port: int, deadline: float) -> None:
    import socket

    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"the server did not listen on {port}")


@dataclass(frozen=True)
class SeatChange:
    """A population edit that changes a seat count, and where everything about it stands."""

    registry_file: str  # municipalities.yaml
    population_path: str  # dotted path of the population value in the registry file
    municipality: str  # its name as the documents write it
    old_population: int
    new_population: int
    old_seats: int
    new_seats: int
    table_id: str  # seats:<agreement id>
    document: str  # the agreement output that shows the table, e.g. yhteistoimintasopimuksen-muutos.docx
    declared_total: int | None  # the total written for these seats, if any
    agreement_file: str  # the case file where that total is written (an amendment's, if it changes it)
    declared_path: str  # the dotted path of the written total in that file
    new_total: int
    per_inhabitants: int
    minimum: int

    def seats_for(self, population: int) -> int:
        return seats_per_started(population, self.per_inhabitants, self.minimum)

    @property
    def shown_population(self) -> str:
        return fi_number(self.new_population)


def _seat_tables(planned: Planned) -> Iterator[Table]:
    tree = planned.tree
    if isinstance(tree, Document):
        for clause in tree.clauses():
            yield from (b for b in clause.blocks if isinstance(b, Table) and b.id.startswith("seats:"))


def _written_at(case: Path, agreement: Agreement) -> tuple[str, str]:
    """The case file and dotted path where ``agreement``'s declared total is written."""
    position = agreement.source.position(("composition", "declared_total"))
    name = Path(position.file).name
    loaded, _ = load_yaml_file(case / name, name)
    assert loaded is not None
    for path, at in loaded.value_positions.items():
        if (at.line, at.column) == (position.line, position.column):
            return name, ".".join(str(step) for step in path)
    raise AssertionError(f"no value of {name} stands at {position}")


def seat_change(case: Path) -> SeatChange:
    model, findings = validate_case(case)
    assert model is not None, [f.line() for f in findings if f.severity == "error"]
    registry, _ = load_yaml_file(case / "municipalities.yaml", "municipalities.yaml")
    assert registry is not None
    own = {m["id"]: i for i, m in enumerate(registry.data["municipalities"])}
    by_id = {a.id: a for a in model.agreements}
    for planned in plan_outputs(model):
        if planned.kind != "agreement" or planned.lang != model.base_language or planned.agreement_id is None:
            continue
        for table in _seat_tables(planned):
            written = by_id[planned.agreement_id]
            # The seats of the agreement itself, or of the agreement as its amendment leaves it.
            shown = written if written.id == table.id.split(":", 1)[1] else getattr(written.details, "amended", None)
            comp = shown.composition if shown is not None else None
            if comp is None or comp.rule != "per_started_inhabitants" or comp.per_inhabitants is None:
                continue
            for seat in comp.seats:
                if seat.municipality.id not in own or seat.population is None:
                    continue
                new_population = max(seat.seats, comp.minimum or 0) * comp.per_inhabitants + 1
                new_seats = seats_per_started(new_population, comp.per_inhabitants, comp.minimum or 0)
                if new_seats == seat.seats:
                    continue
                index = own[seat.municipality.id]
                entries = registry.data["municipalities"][index]["populations"]
                row = next(i for i, e in enumerate(entries) if e["year"] == comp.population_year)
                declared_file, declared_path = (
                    _written_at(case, shown) if comp.declared_total is not None else (written.source.path.name, "")
                )
                return SeatChange(
                    "municipalities.yaml",
                    f"municipalities.{index}.populations.{row}.value",
                    seat.municipality.name,
                    seat.population.value,
                    new_population,
                    seat.seats,
                    new_seats,
                    table.id,
                    planned.path,
                    comp.declared_total,
                    declared_file,
                    declared_path,
                    comp.total + new_seats - seat.seats,
                    comp.per_inhabitants,
                    comp.minimum or 0,
                )
    raise AssertionError("no agreement document of the case shows seats computed from the populations")
