"""Seeded typo generator: keyboard slips on the names of gazetteer entities.

Typos are made at run time (never stored): the same seed, gazetteer and sample
size always give the same rows. Each typo applies 1 or 2 edits to a name of 6 or
more letters - a substitution by a neighbouring key, a deletion, an insertion of
a neighbouring key, or a transposition of two adjacent letters - on a QWERTY
keyboard for Latin names and a ЙЦУКЕН keyboard for Cyrillic ones (the layouts
are read from namenorm's data/keyboard.yaml; the neighbours are derived here). Hangul names
are skipped: Korean is typed syllable by syllable through an input method, so
letter-level slips do not model its errors.

>>> import random
>>> rng = random.Random(1)
>>> edit("Vladimir Putin", rng) != "Vladimir Putin"
True
>>> neighbours("k")
'jliom'
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.resources import files

import yaml

from namenorm.fold import fold
from namenorm.gazetteer import Entity

SEED = 20240917
MIN_LETTERS = 6


def _neighbour_table() -> dict[str, str]:
    """Map each key to the keys around it on its staggered keyboard (rows top to bottom)."""
    layouts = yaml.safe_load((files("namenorm") / "data" / "keyboard.yaml").read_text(encoding="utf-8"))["layouts"]
    table: dict[str, str] = {}
    for rows in layouts.values():
        for r, row in enumerate(rows):
            for c, key in enumerate(row):
                near = [row[c - 1] if c > 0 else "", row[c + 1] if c + 1 < len(row) else ""]
                for other, shift in ((r - 1, 0), (r + 1, -1)):  # the row above is shifted left, below right
                    if 0 <= other < len(rows):
                        near += [rows[other][i] for i in (c + shift, c + shift + 1) if 0 <= i < len(rows[other])]
                table[key] = "".join(sorted(set(near) - {""}, key=near.index))
    return table


_NEIGHBOURS = _neighbour_table()


def neighbours(letter: str) -> str:
    """Return the keys next to a letter's key, in its case ('' if not on a known keyboard)."""
    found = _NEIGHBOURS.get(letter.lower(), "")
    return found.upper() if letter.isupper() else found


@dataclass(frozen=True, slots=True)
class Typo:
    """A misspelt name with the entity it still names."""

    query: str
    id: str
    original: str
    script: str  # latin | cyrillic
    edits: int


def edit(name: str, rng: random.Random) -> str:
    """Apply one random keyboard edit to a letter of `name` (the result may equal `name`)."""
    letters = [i for i, c in enumerate(name) if c.isalpha() and neighbours(c)]
    i = rng.choice(letters)
    kind = rng.choice(("substitute", "delete", "insert", "transpose"))
    if kind == "substitute":
        return name[:i] + rng.choice(neighbours(name[i])) + name[i + 1 :]
    if kind == "delete":
        return name[:i] + name[i + 1 :]
    if kind == "insert":
        return name[: i + 1] + rng.choice(neighbours(name[i])) + name[i + 1 :]
    if i + 1 < len(name) and name[i + 1].isalpha():
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name[:i] + name[i + 1 :]  # no letter to swap with: a deletion instead


def _script(name: str) -> str | None:
    """Return 'latin' or 'cyrillic' for a name typed on one of the two keyboards, else None."""
    letters = [c for c in name if c.isalpha()]
    if all("a" <= c.lower() <= "z" for c in letters):
        return "latin"
    if all("\u0400" <= c <= "\u04ff" for c in letters):
        return "cyrillic"
    return None


def typo_sources(entity: Entity) -> list[tuple[str, str]]:
    """Return (name, script) pairs of an entity that typos are made from: canonical and native, 6+ letters."""
    names = [entity.name, *(n for names in entity.native.values() for n in names)]
    out = []
    for name in dict.fromkeys(names):
        script = _script(name)
        if script and sum(c.isalpha() for c in name) >= MIN_LETTERS:
            out.append((name, script))
    return out


def make_typos(
    entities: Iterable[Entity], known: Callable[[str], object], *, limit: int, seed: int = SEED
) -> list[Typo]:
    """Return up to `limit` typos, one or two edits each, of a seeded sample of entities' names.

    `known(key)` is true for a folded key the index already holds: a slip that
    lands on a real name (any entity's) is not a typo and is dropped.
    """
    rng = random.Random(seed)
    pool = [(entity.id, name, script) for entity in sorted(entities, key=lambda e: e.id) for name, script in typo_sources(entity)]
    rng.shuffle(pool)
    typos: list[Typo] = []
    for entity_id, name, script in pool:
        if len(typos) >= limit:
            break
        edits = 1 + len(typos) % 2
        query = name
        for _ in range(edits):
            query = edit(query, rng)
        if fold(query) != fold(name) and not known(fold(query)):
            typos.append(Typo(query, entity_id, name, script, edits))
    return typos
