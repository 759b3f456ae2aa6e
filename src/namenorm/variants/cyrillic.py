"""Letters of the other Cyrillic alphabets folded to Russian letters, for looking up keys.

A query written in Ukrainian, Belarusian, Serbian, Macedonian, Bulgarian or a Turkic
language of Russia uses letters that no Russian key contains. :func:`to_russian_letters`
rewrites them with the Russian letter for the same sound, using the table in
``data/cyrillic-letters.yaml``:

>>> to_russian_letters("Челябінськ")
'челябинськ'
>>> to_russian_letters("Казањ")
'казань'
>>> to_russian_letters("Уладзівасток")
'уладивасток'
>>> to_russian_letters("Київ")
'кыйив'
>>> to_russian_letters("Москва")
'москва'

The result is lower case (it is meant to go through :func:`namenorm.fold.fold`).
Russian letters are left alone unless a language's marker letters are present
(Ukrainian и is Russian ы only in a text that is Ukrainian). Lookup code should try
``to_russian_letters(q)`` when :func:`has_other_cyrillic` says a Cyrillic query holds
letters Russian does not have.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.resources import files

import yaml

__all__ = ["has_other_cyrillic", "to_russian_letters"]


@dataclass(frozen=True, slots=True)
class _Table:
    """The compiled letter table."""

    languages: tuple[tuple[str, re.Pattern[str], tuple[tuple[re.Pattern[str], str], ...]], ...]
    letters: dict[str, str]
    other: re.Pattern[str]


@functools.cache
def _table() -> _Table:
    """Load and compile data/cyrillic-letters.yaml."""
    data = yaml.safe_load(files("namenorm").joinpath("data/cyrillic-letters.yaml").read_text(encoding="utf-8"))
    languages = tuple(
        (entry["lang"], re.compile(entry["when"]), tuple((re.compile(a), b) for a, b in entry["rules"]))
        for entry in data["languages"]
    )
    letters = {str(k): str(v) for k, v in data["letters"].items()}
    other = re.compile("[" + re.escape("".join(k for k in letters if k.isalpha())) + "]", re.IGNORECASE)
    return _Table(languages, letters, other)


def has_other_cyrillic(text: str) -> bool:
    """Tell whether a text holds Cyrillic letters that the Russian alphabet does not have."""
    return _table().other.search(text) is not None


@functools.lru_cache(maxsize=50_000)
def to_russian_letters(text: str) -> str:
    """Rewrite the letters of other Cyrillic alphabets as Russian letters, in lower case."""
    table = _table()
    text = text.lower()
    for _lang, when, rules in table.languages:
        if when.search(text):
            for pattern, replacement in rules:
                text = pattern.sub(replacement, text)
            break
    return "".join(table.letters.get(c, c) for c in text)
