"""Load and check the gold sets in benchmarks/gold/.

Three kinds of gold data, all hand-written YAML with a source on every row:

- ``names.yaml``: ``rows`` of ``{query, id, lang, convention, source}``: a real
  spelling and the gazetteer entity it names.
- ``near-misses.yaml``: ``rows`` of ``{query, must_not, allow, source}``: a real
  name that must never match the ids in ``must_not``; it may match an id in
  ``allow`` or nothing.
- ``texts/*.yaml``: ``texts`` of ``{name, lang, source, text}`` where mentions are
  marked inline as ``[[surface|id]]`` (a full name) or ``[[surface|id|short]]``
  (a surname or other short form), and spans that must stay byte-for-byte as
  they are (URLs, e-mails, traps) as ``{{span}}``. Countries are not annotated. :func:`parse_markup` strips the
  markup and computes the offsets, so offsets are never written by hand:

>>> parse_markup("{{www.x.ru}} [[Путина|vladimir-putin|short]] и [[Казань|kazan]]")
('www.x.ru Путина и Казань', [Mention(start=9, end=15, id='vladimir-putin', full=False), \
Mention(start=18, end=24, id='kazan', full=True)], [(0, 8)])
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

GOLD_DIR = Path(__file__).parent / "gold"
LANGUAGES = ("en", "de", "fr", "es", "it", "pl", "cs", "ru", "ko")
_MARKUP = re.compile(r"\[\[(?P<surface>[^|\]]+)\|(?P<id>[a-z0-9-]+)(?P<short>\|short)?\]\]|\{\{(?P<kept>[^}]+)\}\}")


@dataclass(frozen=True, slots=True)
class NameRow:
    """A real spelling of a gazetteer entity, tagged with its language and convention."""

    query: str
    id: str
    lang: str
    convention: str
    source: str


@dataclass(frozen=True, slots=True)
class NearMiss:
    """A real name that must not match any id in `must_not` (matching one in `allow` is fine)."""

    query: str
    must_not: tuple[str, ...]
    allow: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A gold mention: character offsets into a text, the entity id, and whether it is a full name."""

    start: int
    end: int
    id: str
    full: bool = True


@dataclass(frozen=True, slots=True)
class Text:
    """An annotated text: plain text, its gold mentions and the spans that must not change."""

    name: str
    lang: str
    source: str
    text: str
    mentions: tuple[Mention, ...]
    protected: tuple[tuple[int, int], ...]


class GoldError(ValueError):
    """A gold file breaks its schema; the message lists every problem, one per line."""


def parse_markup(marked: str) -> tuple[str, list[Mention], list[tuple[int, int]]]:
    """Strip [[surface|id(|short)]] and {{kept}} markup; return the text, its mentions and kept spans."""
    out: list[str] = []
    mentions: list[Mention] = []
    kept: list[tuple[int, int]] = []
    length = 0
    last = 0
    for found in _MARKUP.finditer(marked):
        out.append(marked[last : found.start()])
        length += found.start() - last
        surface = found["surface"] if found["surface"] is not None else found["kept"]
        if found["surface"] is not None:
            mentions.append(Mention(length, length + len(surface), found["id"], found["short"] is None))
        else:
            kept.append((length, length + len(surface)))
        out.append(surface)
        length += len(surface)
        last = found.end()
    out.append(marked[last:])
    return "".join(out), mentions, kept


def _rows(path: Path, key: str) -> list[dict]:
    """Return the list under `key` of a YAML file, or raise GoldError."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise GoldError(f"{path}: top level must be a mapping with a '{key}' list")
    return data[key]


def _check(
    path: Path, rows: list[dict], required: Iterable[str], optional: Iterable[str] = (),
    languages: tuple[str, ...] | None = LANGUAGES,
) -> None:
    """Raise GoldError listing every row with a missing, empty or unknown field."""
    required, allowed = set(required), set(required) | set(optional)
    problems = []
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            problems.append(f"{path}: row {number}: not a mapping")
            continue
        missing = sorted(f for f in required if row.get(f) in (None, "", []))
        unknown = sorted(set(row) - allowed)
        if missing or unknown:
            problems.append(f"{path}: row {number} ({row.get('query') or row.get('name')}): "
                            f"missing {missing} unknown {unknown}")  # fmt: skip
        if languages and row.get("lang") is not None and row["lang"] not in languages:
            problems.append(f"{path}: row {number}: lang {row['lang']!r} is not one of {languages}")
    if problems:
        raise GoldError("\n".join(problems))


def load_names(path: Path = GOLD_DIR / "names.yaml") -> list[NameRow]:
    """Load the real-spellings gold set."""
    rows = _rows(path, "rows")
    _check(path, rows, ("query", "id", "lang", "convention", "source"))
    return [NameRow(str(r["query"]), r["id"], r["lang"], r["convention"], r["source"]) for r in rows]


def load_long_tail(path: Path = GOLD_DIR / "long-tail.yaml") -> list[NameRow]:
    """Load the long-tail gold set (other alphabets and national transcriptions); a row's group is its convention."""
    rows = _rows(path, "rows")
    _check(path, rows, ("query", "id", "group", "lang", "source"), languages=None)
    return [NameRow(str(r["query"]), r["id"], r["lang"], r["group"], r["source"]) for r in rows]


def load_near_misses(path: Path = GOLD_DIR / "near-misses.yaml") -> list[NearMiss]:
    """Load the must-not-match gold set."""
    rows = _rows(path, "rows")
    _check(path, rows, ("query", "must_not", "source"), ("allow",))
    return [NearMiss(str(r["query"]), tuple(r["must_not"]), tuple(r.get("allow") or ()), r["source"]) for r in rows]


def load_texts(folder: Path = GOLD_DIR / "texts") -> list[Text]:
    """Load every annotated text of every texts/*.yaml file, in file then row order."""
    texts = []
    for path in sorted(folder.glob("*.yaml")):
        rows = _rows(path, "texts")
        _check(path, rows, ("name", "lang", "source", "text"))
        for row in rows:
            text, mentions, kept = parse_markup(row["text"])
            texts.append(Text(row["name"], row["lang"], row["source"], text, tuple(mentions), tuple(kept)))
    return texts


def gold_ids(names: list[NameRow], near_misses: list[NearMiss], texts: list[Text]) -> set[str]:
    """Return every entity id any gold row refers to."""
    ids = {row.id for row in names}
    for row in near_misses:
        ids.update(row.must_not, row.allow)
    for text in texts:
        ids.update(m.id for m in text.mentions)
    return ids
