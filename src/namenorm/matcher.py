"""Match a query name against the index: exact key lookup first.

>>> from namenorm.gazetteer import Entity, Gazetteer
>>> from namenorm.index import build_index
>>> matcher = Matcher(build_index(Gazetteer((Entity("kazan", "place", "RU", "Kazan"),), (), "demo")))
>>> matcher.match("KAZAN").id
'kazan'
>>> matcher.match("Khasan") is None
True
"""

from __future__ import annotations

from dataclasses import dataclass

from .fold import fold
from .index import Index

__all__ = ["Match", "Matcher"]


@dataclass(frozen=True, slots=True)
class Match:
    """An entity a query names, with a score in [0, 1] and a short reason."""

    id: str
    name: str
    kind: str
    country: str
    score: float
    reason: str


class Matcher:
    """Looks query names up in an index; safe to share between threads (it never mutates)."""

    def __init__(self, index: Index) -> None:
        self.index = index

    def _match_at(self, position: int, score: float, reason: str) -> Match:
        """Build the Match for the entity at a position in the index."""
        entity = self.index.entities[position]
        return Match(entity.id, entity.name, entity.kind, entity.country, score, reason)

    def candidates(self, query: str, limit: int = 5) -> list[Match]:
        """Return up to `limit` entities the query may name, best first (ambiguous ones included)."""
        key = fold(query)
        positions = self.index.lookup(key)
        scheme = self.index.schemes.get(key, "")
        shared = f", shared by {len(positions)} entities" if len(positions) > 1 else ""
        return [self._match_at(p, 1.0, f"exact key '{key}' ({scheme}{shared})") for p in positions[:limit]]

    def match(self, query: str) -> Match | None:
        """Return the one entity the query names, or None when there is none or it is ambiguous."""
        found = self.candidates(query, limit=2)
        return found[0] if len(found) == 1 else None
