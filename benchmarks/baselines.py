"""The baselines namenorm is measured against, on the same data in the same run.

- :class:`ExactUnidecode`: exact lookup after unidecode folding of the names the
  gazetteer itself writes (name, aliases, native names) - what a careful
  newcomer would do without namenorm.
- :class:`FuzzyRapidfuzz`: ``rapidfuzz.process.extractOne`` with ``fuzz.ratio``
  over the Normalizer's own index keys, at the cutoff with the best F1.
- :class:`TextFlashtext`: ``flashtext`` keyword extraction over the same index keys.
- :func:`regex_tokens`: ``re.findall(r"\\w+")`` plus a set lookup, the floor for text speed.

>>> from namenorm.gazetteer import Entity
>>> baseline = ExactUnidecode([Entity("moscow", "place", "RU", "Moscow", {"ru": ("Москва",)})])
>>> baseline.match("MOSKVA"), baseline.match("Moskau")
('moscow', None)
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process
from unidecode import unidecode

from namenorm.gazetteer import Entity

_WORD = re.compile(r"\w+")


def unidecode_key(text: str) -> str:
    """Fold a name the naive way: unidecode, lower case, words joined by one space."""
    return " ".join(_WORD.findall(unidecode(text).lower().replace("'", "")))


def unique_keys(keys: Mapping[str, tuple[int, ...]], entities: tuple[Entity, ...]) -> dict[str, str]:
    """Map each index key that names exactly one entity to that entity's id."""
    return {key: entities[positions[0]].id for key, positions in keys.items() if len(positions) == 1}


class ExactUnidecode:
    """Exact match of unidecode-folded queries against the gazetteer's written names."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        claims: dict[str, set[str]] = defaultdict(set)
        for entity in entities:
            for name in (entity.name, *entity.aliases, *(n for names in entity.native.values() for n in names)):
                claims[unidecode_key(name)].add(entity.id)
        self.keys = {key: next(iter(ids)) for key, ids in claims.items() if len(ids) == 1}

    def match(self, query: str) -> str | None:
        """Return the id whose folded name equals the folded query, or None."""
        return self.keys.get(unidecode_key(query))


class FuzzyRapidfuzz:
    """Best fuzz.ratio match over the index keys; the caller picks the cutoff."""

    def __init__(self, keys: Mapping[str, str]) -> None:
        self.keys = list(keys)
        self.ids = list(keys.values())

    def best(self, folded_query: str) -> tuple[str | None, float]:
        """Return the id of the closest key to an already folded query and its ratio in [0, 1]."""
        found = process.extractOne(folded_query, self.keys, scorer=fuzz.ratio)
        if found is None:
            return None, 0.0
        _, ratio, position = found
        return self.ids[position], ratio / 100


class TextFlashtext:
    """flashtext keyword extraction over the index keys (case-insensitive, word-bounded in every script)."""

    def __init__(self, keys: Mapping[str, str]) -> None:
        from flashtext import KeywordProcessor

        self.processor = KeywordProcessor(case_sensitive=False)
        # word characters of every script in the keys, so that Cyrillic and Hangul words are word-bounded too
        self.processor.set_non_word_boundaries({c for key in keys for c in key if c.isalnum()} | set("_0123456789"))
        for key, entity_id in keys.items():
            self.processor.add_keyword(key, entity_id)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Return (start, end, id) of every keyword found in the text."""
        return [(start, end, entity_id) for entity_id, start, end in self.processor.extract_keywords(text, span_info=True)]


def regex_tokens(text: str, keys: frozenset[str]) -> int:
    """Count the words of a text found in a key set: the cheapest possible scan, a speed floor."""
    return sum(word in keys for word in _WORD.findall(text.lower()))
