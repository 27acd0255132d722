"""``kuntasopimus new``: a commented starting case that validates and builds as it stands.

The starter files ship in ``templates/starter``; their ``$schema`` lines are pointed at the schemas
this installation carries, so an editor can complete and check keys wherever the new case lives.
"""

from __future__ import annotations

from pathlib import Path

from generator.paths import schema_dir, templates_dir


def write_starter(target: Path) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    schema_uri = schema_dir().resolve().as_uri()
    written = []
    for source in sorted((templates_dir() / "starter").glob("*.yaml")):
        text = source.read_text("utf-8").replace("SCHEMA_DIR", schema_uri)
        path = target / source.name
        path.write_text(text, "utf-8")
        written.append(path)
    return written
