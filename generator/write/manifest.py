"""manifest.json: what a build read and wrote, with hashes, kinds and legal bases.

Lawyers compare files by hash and later tools (check, diff) find outputs through it, so the manifest
is deterministic: inputs and outputs in a fixed order, paths relative to the case and output folders.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Output:
    path: str
    kind: str
    title: str
    data: bytes
    legal_basis: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def manifest_json(
    case_id: str,
    inputs: list[tuple[str, str]],
    outputs: list[Output],
    facts: dict[str, dict[str, str]],
    renditions: Sequence[dict[str, str]] = (),
) -> bytes:
    """The manifest; ``renditions`` are PDFs made from outputs ({path, source, source_sha256, sha256})."""
    body: dict[str, Any] = {
        "case": case_id,
        "inputs": [{"path": path, "sha256": digest} for path, digest in inputs],
        "outputs": [
            {
                "path": o.path,
                "kind": o.kind,
                "title": o.title,
                "sha256": o.sha256,
                "legal_basis": list(o.legal_basis),
                "parties": list(o.parties),
                **o.extra,
            }
            for o in outputs
        ],
        "facts": facts,
    }
    if renditions:
        body["renditions"] = sorted(renditions, key=lambda r: r["path"])
    return dump_manifest(body)


# The manifest's hash of itself: a later build tells a manifest it wrote from one edited by hand.
SELF_HASH = "manifest_sha256"


def _serialise(body: dict[str, Any]) -> bytes:
    return (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def dump_manifest(body: dict[str, Any]) -> bytes:
    """The one serialisation of a manifest (a build writes it, adding PDFs rewrites it), ending with
    the hash of everything before it."""
    body = {key: value for key, value in body.items() if key != SELF_HASH}
    return _serialise({**body, SELF_HASH: hashlib.sha256(_serialise(body)).hexdigest()})


def manifest_unedited(raw: bytes) -> bool:
    """Whether ``raw`` is a manifest exactly as this tool wrote it (one written before manifests
    carried their own hash counts if it is byte for byte what that version wrote)."""
    try:
        body = json.loads(raw)
    except ValueError:
        return False
    if not isinstance(body, dict):
        return False
    recorded = body.pop(SELF_HASH, None)
    if recorded is None:
        return raw == _serialise(body)
    return raw == dump_manifest(body)
