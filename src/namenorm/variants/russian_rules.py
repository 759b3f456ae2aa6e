"""Table-driven Cyrillic -> Latin transliteration: one engine, one YAML table per convention.

Each table (``data/ru-*.yaml``) maps Cyrillic letters to Latin, with ordered context
rules for what the letters around decide (word start, after a vowel, before the end
of the word...). At each position the longest matching rule wins; among rules of the
same length the first listed. A rule may give alternatives, so a word can have
several spellings in one convention:

>>> spell("ru:de", "Юрий Ушаков")
('Juri Uschakow',)
>>> spell("ru:fr", "Путин")
('Poutine',)
>>> spell("ru:wiki", "Дмитрий")
('Dmitry', 'Dmitri')

Hyphens, spaces and other non-Cyrillic characters are kept; case follows the input:

>>> spell("ru:pl", "Римский-Корсаков")
('Rimskij-Korsakow',)

A table may refuse words whose spelling would fold onto another word's key:

>>> spell("ru:iso9", "Тюмень")
()

A table may also give the case endings its language adds to a kind of name (Lithuanian
-as/-is/-us, Latvian -s/-a, Esperanto -o); given the kind of name, :func:`spell` puts
the last word in that ending, and gives nothing when no ending applies:

>>> spell("ru:lt", "Владимир", "person"), spell("ru:lv", "Иркутск", "place"), spell("ru:lt", "Мария", "person")
(('Vladimiras',), ('Irkutska',), ())
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib.resources import files

import yaml

__all__ = ["SCHEMES", "Ending", "Table", "spell", "spell_word", "table", "tables"]

# Table files in the order their conventions are tried; each file names its scheme.
_TABLE_FILES = (
    "ru-bgn.yaml", "ru-wiki.yaml", "ru-icao.yaml", "ru-scientific.yaml", "ru-iso9.yaml",
    "ru-de.yaml", "ru-fr.yaml", "ru-es.yaml", "ru-it.yaml", "ru-pl.yaml", "ru-cs.yaml",
    "ru-nl.yaml", "ru-sv.yaml", "ru-fi.yaml", "ru-et.yaml", "ru-lt.yaml", "ru-lv.yaml",
    "ru-hu.yaml", "ru-ro.yaml", "ru-tr.yaml", "ru-az.yaml", "ru-eo.yaml",
)  # fmt: skip
_START, _END = "start", "end"
# Bounds on alternatives, so that a long name cannot multiply into hundreds of spellings.
MAX_WORD_SPELLINGS = 4
MAX_TEXT_SPELLINGS = 8
_CYRILLIC_RUN = re.compile(r"([а-яё]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Rule:
    """Cyrillic letters, their Latin alternatives, and the letters allowed before and after (None = any)."""

    cyrillic: str
    latin: tuple[str, ...]
    after: frozenset[str] | None = None
    before: frozenset[str] | None = None

    def applies(self, word: str, at: int) -> bool:
        """Tell whether the rule matches `word` at position `at`, context included."""
        end = at + len(self.cyrillic)
        if word[at:end] != self.cyrillic:
            return False
        if self.after is not None and (word[at - 1] if at else _START) not in self.after:
            return False
        return self.before is None or (word[end] if end < len(word) else _END) in self.before


@dataclass(frozen=True, slots=True)
class Ending:
    """A case ending: the word's last Cyrillic letters it replaces (may be none), its Latin, the letter before."""

    cyrillic: str
    latin: tuple[str, ...]
    after: frozenset[str] | None = None

    def applies(self, word: str) -> bool:
        """Tell whether a lower-case Cyrillic word takes this ending."""
        cut = len(word) - len(self.cyrillic)
        return cut > 0 and word.endswith(self.cyrillic) and (self.after is None or word[cut - 1] in self.after)


@dataclass(frozen=True, slots=True)
class Table:
    """One romanisation convention: its scheme label, language, source, rules by first letter and case endings."""

    scheme: str
    language: str
    source: str
    rules: Mapping[str, tuple[Rule, ...]]
    skip_words_with: tuple[str, ...]
    samples: tuple[tuple[str, tuple[str, ...]], ...]
    endings: Mapping[str, tuple[Ending, ...]] = field(default_factory=dict)  # kind of name -> endings, first wins
    declined_samples: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # (kind, text, expected)
    person_forms: str = "all"  # "all" or "given-surname": which orders and forms of a person's name to spell

    def spell_word(self, word: str, kind: str | None = None) -> tuple[str, ...]:
        """Return a lower-case Cyrillic word's spellings (none if skipped); with a kind, only with its case ending."""
        if any(part in word for part in self.skip_words_with):
            return ()
        cut, tail = len(word), ("",)
        if kind is not None:
            ending = next((e for e in self.endings.get(kind, ()) if e.applies(word)), None)
            if ending is None:
                return ()
            cut, tail = len(word) - len(ending.cyrillic), ending.latin
        pieces: list[tuple[str, ...]] = []
        at = 0
        while at < cut:
            rule = next(
                (r for r in self.rules.get(word[at], ()) if at + len(r.cyrillic) <= cut and r.applies(word, at)), None
            )
            if rule is None:
                pieces.append((word[at],))
                at += 1
            else:
                pieces.append(rule.latin)
                at += len(rule.cyrillic)
        pieces.append(tail)
        return tuple(itertools.islice(map("".join, itertools.product(*pieces)), MAX_WORD_SPELLINGS))


def _data(name: str) -> dict:
    """Load one YAML file of the package's data folder."""
    return yaml.safe_load((files("namenorm") / "data" / name).read_text(encoding="utf-8"))


def _context(items: Iterable[str] | None, classes: Mapping[str, str]) -> frozenset[str] | None:
    """Expand a rule context (class names, letters, start/end) into the set of allowed neighbours."""
    if items is None:
        return None
    allowed: set[str] = set()
    for item in items:
        allowed.update([item] if item in (_START, _END) else classes.get(item, item))
    return frozenset(allowed)


def _alternatives(value: str | list[str]) -> tuple[str, ...]:
    """Return a table value as a tuple of alternatives (a single string is one alternative)."""
    return tuple(value) if isinstance(value, list) else (value,)


def _load(name: str, classes: Mapping[str, str]) -> Table:
    """Read one convention table: context rules first, then the one-letter defaults, then the case endings."""
    data = _data(name)
    rules = [
        Rule(r["ru"], _alternatives(r["lat"]), _context(r.get("after"), classes), _context(r.get("before"), classes))
        for r in data.get("rules") or ()
    ] + [Rule(letter, (latin,)) for letter, latin in data["letters"].items()]  # fmt: skip
    by_letter: dict[str, list[Rule]] = {}
    for rule in sorted(rules, key=lambda r: -len(r.cyrillic)):  # stable: table order within a length
        by_letter.setdefault(rule.cyrillic[0], []).append(rule)
    samples = tuple((text, _alternatives(expected)) for text, expected in data["samples"])
    endings = {
        kind: tuple(Ending(e.get("ru", ""), _alternatives(e["lat"]), _context(e.get("after"), classes)) for e in items)
        for kind, items in (data.get("endings") or {}).items()
    }
    declined = tuple(
        (kind, text, _alternatives(expected))
        for kind, pairs in (data.get("declined_samples") or {}).items()
        for text, expected in pairs
    )
    return Table(
        data["scheme"], data["language"], data["source"], {k: tuple(v) for k, v in by_letter.items()},
        tuple(data.get("skip_words_with") or ()), samples, endings, declined, data.get("person_forms", "all"),
    )  # fmt: skip


@functools.cache
def tables() -> tuple[Table, ...]:
    """Return every convention table, in the order of preference."""
    classes = _data("ru-letters.yaml")["classes"]
    return tuple(_load(name, classes) for name in _TABLE_FILES)


@functools.cache
def table(scheme: str) -> Table:
    """Return the table of one scheme ("ru:bgn", "ru:de", ...)."""
    return next(t for t in tables() if t.scheme == scheme)


@functools.lru_cache(maxsize=50_000)
def spell_word(scheme: str, word: str, kind: str | None = None) -> tuple[str, ...]:
    """Return a Cyrillic word's spellings in a scheme, capitalised like the word; with a kind, its declined ones."""
    spellings = table(scheme).spell_word(word.lower(), kind)
    if len(word) > 1 and word.isupper():
        return tuple(s.upper() for s in spellings)
    if word[:1].isupper():
        return tuple(s[:1].upper() + s[1:] for s in spellings)
    return spellings


@functools.lru_cache(maxsize=1 << 14)  # the generators ask for a name's words many times over
def spell(scheme: str, text: str, kind: str | None = None) -> tuple[str, ...]:
    """Return a text's spellings in a scheme, word by word; none if the scheme skips any of its words.

    With a kind of name ("person", "place"), the last word takes the scheme's case ending
    for that kind, and there are no spellings when no ending applies.
    """
    parts = _CYRILLIC_RUN.split(text)  # odd positions are Cyrillic words
    last = len(parts) - 2  # the last Cyrillic word (split always gives an odd count)
    if kind is not None and last < 1:
        return ()
    choices = [
        spell_word(scheme, part, kind if i == last else None) if i % 2 else (part,) for i, part in enumerate(parts)
    ]
    if not all(choices):
        return ()
    return tuple(itertools.islice(map("".join, itertools.product(*choices)), MAX_TEXT_SPELLINGS))


SCHEMES = tuple(t.scheme for t in tables())
