"""The registry of arrangement kinds: the one place a kind is listed.

``KINDS`` maps the YAML ``kind:`` value to its ``Kind``. The bundled kinds register here; a kind
defined elsewhere (a plug-in, a test) calls ``register`` and from then on validates, builds and
writes like the others. Caches that depend on the set of kinds (the composed agreement schema, the
template environments) are cleared through ``on_change`` listeners, so registering is all it takes.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.model.kinds.amendment import Amendment
from generator.model.kinds.authority_task import AuthorityTask
from generator.model.kinds.base import ChapterSpec, ClauseSpec, Details, Kind, PartyRole
from generator.model.kinds.joint_body import JointBody
from generator.model.kinds.joint_post import JointPost
from generator.model.kinds.supplement import Supplement

KINDS: dict[str, Kind] = {}
_LISTENERS: list[Callable[[], None]] = []


def register(kind: Kind) -> Kind:
    """Add ``kind`` (replacing one of the same name) and tell every cache that depends on the set."""
    KINDS[kind.name] = kind
    for listener in _LISTENERS:
        listener()
    return kind


def unregister(name: str) -> None:
    KINDS.pop(name, None)
    for listener in _LISTENERS:
        listener()


def on_change(listener: Callable[[], None]) -> Callable[[], None]:
    """Call ``listener`` whenever a kind is registered or removed (e.g. a cache's ``cache_clear``)."""
    _LISTENERS.append(listener)
    return listener


def kind_of(name: str) -> Kind:
    return KINDS[name]


for _kind in (JointBody(), Supplement(), AuthorityTask(), JointPost(), Amendment()):
    register(_kind)

__all__ = ["KINDS", "ChapterSpec", "ClauseSpec", "Details", "Kind", "PartyRole", "kind_of", "on_change", "register"]
