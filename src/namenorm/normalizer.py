"""The library's front door: a Normalizer built from gazetteers.

>>> normalizer = Normalizer.default()
>>> normalizer.match("Vladimir Putin").id
'vladimir-putin'
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import text as text_
from .gazetteer import Entity, bundled_gazetteer_dir
from .index import Index, load_index_from_paths
from .matcher import Match, Matcher
from .variants import Variant

__all__ = ["Normalizer"]


class Normalizer:
    """Recognises names of the loaded gazetteers' people and places; thread-safe and picklable."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.matcher = Matcher(index)

    @classmethod
    def from_paths(cls, *paths: str | Path, use_cache: bool = True) -> Normalizer:
        """Build a Normalizer from gazetteer files or folders (raises GazetteerError)."""
        return cls(load_index_from_paths(paths, use_cache=use_cache))

    @classmethod
    @functools.cache
    def default(cls) -> Normalizer:
        """Return the Normalizer of the bundled gazetteers (built once per process)."""
        return cls.from_paths(bundled_gazetteer_dir())

    def match(self, name: str) -> Match | None:
        """Return the entity a name refers to, or None if none or if in doubt."""
        return self.matcher.match(name)

    def candidates(self, name: str, limit: int = 5) -> list[Match]:
        """Return up to `limit` possible entities for a name, best first."""
        return self.matcher.candidates(name, limit)

    def entity(self, entity_id: str) -> Entity:
        """Return a loaded entity by id; raise KeyError if none."""
        return self.index.entity(entity_id)

    def variants(self, entity_id: str) -> list[Variant]:
        """Return an entity's variant keys with their provenance; raise KeyError if none."""
        return self.index.variants(entity_id)

    def find(self, text: str) -> list[text_.Mention]:
        """Return the names in a running text, in order, with offsets (see namenorm.text)."""
        return text_.find(self, text)

    def rewrite(self, text: str) -> text_.Rewrite:
        """Return a running text with every name in its canonical spelling (see namenorm.text)."""
        return text_.rewrite(self, text)

    def rewrite_stream(self, chunks: Iterable[str]) -> Iterator[text_.Rewrite]:
        """Rewrite a text given in chunks, keeping document context across them (see namenorm.text)."""
        return text_.rewrite_stream(self, chunks)
