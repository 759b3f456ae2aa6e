"""Seeded typo generator: keyboard slips on the names of gazetteer entities.

Typos are made at run time (never stored): the same seed, gazetteer and sample
size always give the same rows. Each typo applies 1 or 2 edits to a name of 6 or
more letters - a substitution by a neighbouring key, a deletion, an insertion of
a neighbouring key, or a transposition of two adjacent letters - on a QWERTY
keyboard for Latin names and a ЙЦУКЕН keyboard for Cyrillic ones (the layouts
are read from namenorm's data/keyboard.yaml; the neighbours are derived here). Hangul names
are skipped: Korean is typed syllable by syllable through an input method, so
letter-level slips do not model its errors. Edits keep to the word budgets of
issue 4, which the matcher implements: none in a word of 1-2 letters, at most one in
a word of 3-5 letters (a name that cannot take two edits that way is passed over for
a two-edit row). Only names that the matcher resolves to their own entity when spelt
right are used: a name several entities share abstains even without a typo.

>>> import random
>>> rng = random.Random(1)
>>> edit("Vladimir Putin", rng)[0] != "Vladimir Putin"
True
>>> editable("Kim Ju Ae"), editable("Kim Ju Ae", spared={0})
([0], [])
>>> neighbours("k")
'jliom'
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from importlib.resources import files

import yaml
from rapidfuzz.distance import OSA

from namenorm.edits import budget
from namenorm.fold import fold
from namenorm.gazetteer import Entity

SEED = 20240917
MIN_LETTERS = 6  # a name takes typos from this many letters on
MIN_WORD = 3  # a word takes an edit from this many letters on (the matcher allows none in a shorter word)
SHORT_WORD = 5  # a word of up to this many letters takes one edit at most (the matcher's budget)
_WORD = re.compile(r"[^\W\d_]+")  # a run of letters


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


def edit(name: str, rng: random.Random, spared: Collection[int] = ()) -> tuple[str, int]:
    """Apply one random keyboard edit to a letter of an editable word of `name`, not one numbered in `spared`.

    Return the result (it may equal `name`) and the number of the word edited (words keep their
    numbers: an edit never adds or removes a word).
    """
    words = list(_WORD.finditer(name))
    letters = [(w, i) for w in editable(name, spared) for i in range(*words[w].span()) if neighbours(name[i])]
    word, i = rng.choice(letters)
    kind = rng.choice(("substitute", "delete", "insert", "transpose"))
    if kind == "substitute":
        return name[:i] + rng.choice(neighbours(name[i])) + name[i + 1 :], word
    if kind == "delete":
        return name[:i] + name[i + 1 :], word
    if kind == "insert":
        return name[: i + 1] + rng.choice(neighbours(name[i])) + name[i + 1 :], word
    if i + 1 < words[word].end():
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :], word
    return name[:i] + name[i + 1 :], word  # no letter to swap with: a deletion instead


def editable(name: str, spared: Collection[int] = ()) -> list[int]:
    """Return the numbers of the words that may take an edit: MIN_WORD+ letters on a known keyboard, not in `spared`."""
    return [i for i, word in enumerate(_WORD.findall(name)) if len(word) >= MIN_WORD and i not in spared and any(map(neighbours, word))]


def misspell(name: str, edits: int, rng: random.Random) -> str | None:
    """Apply `edits` edits within the words' budgets (one to a word of up to SHORT_WORD letters); None if they do not fit."""
    query, spared = name, set()
    for _ in range(edits):
        if not editable(query, spared):
            return None
        query, word = edit(query, rng, spared)
        if len(_WORD.findall(name)[word]) <= SHORT_WORD:
            spared.add(word)
    return query


def within_budget(typo: Typo) -> bool:
    """Tell whether each word of a typo keeps to its edit budget as typed too, not only as spelt right.

    The generator keeps each word within the budget of the word it misspells, but two letters
    missed in a 6-letter word leave a 4-letter word with two edits, and issue 4's budget (one edit
    in 3-5 letters), which the matcher applies to both words, forbids matching them: "hasa" for Khasan.

    >>> within_budget(Typo("hasa", "khasan", "Khasan", "latin", 2)), within_budget(Typo("Kim Jon Un", "x", "Kim Jong Un", "latin", 1))
    (False, True)
    """
    typed, right = _WORD.findall(typo.query.lower()), _WORD.findall(typo.original.lower())
    return all(OSA.distance(a, b) <= min(budget(a), budget(b)) for a, b in zip(typed, right, strict=True))


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
    entities: Iterable[Entity], known: Callable[[str], object], resolve: Callable[[str], str | None], *, limit: int, seed: int = SEED
) -> list[Typo]:
    """Return up to `limit` typos, one or two edits each, of a seeded sample of entities' names.

    `known(key)` is true for a folded key the index already holds: a slip that
    lands on a real name (any entity's) is not a typo and is dropped. `resolve(name)`
    is the id the matcher gives a name spelt right: a name it does not resolve to its
    own entity (a name several entities share) is no test of typo matching and is left
    out. A name that cannot take the edits within the words' budgets is passed over.
    """
    rng = random.Random(seed)
    pool = [(entity.id, name, script) for entity in sorted(entities, key=lambda e: e.id) for name, script in typo_sources(entity)]
    rng.shuffle(pool)
    typos: list[Typo] = []
    for entity_id, name, script in pool:
        if len(typos) >= limit:
            break
        if resolve(name) != entity_id:
            continue
        edits = 1 + len(typos) % 2
        query = misspell(name, edits, rng)
        if query is not None and fold(query) != fold(name) and not known(fold(query)):
            typos.append(Typo(query, entity_id, name, script, edits))
    return typos
