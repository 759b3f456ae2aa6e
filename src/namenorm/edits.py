"""The typo cost model: edit budgets by token length, and a weighted edit alignment.

A typo is one *edit*: a substituted letter, a missing or extra letter, or two
adjacent letters swapped. Some edits are cheap, because people make them all
the time: a keyboard neighbour (``k`` for ``l``), a look-alike letter (Cyrillic
``с`` for Latin ``c``, ``rn`` for ``m``), a swapped pair, a doubled or
undoubled letter, an extra letter whose key touches the key of a letter next
to it in the query (two keys hit at once). The tables live in ``data/keyboard.yaml`` and
``data/confusables.yaml``.

>>> budget("un"), budget("putin"), budget("vladimir"), budget("김정은")
(0, 1, 2, 0)
>>> alignment = align("vkadimir", "vladimir")
>>> alignment.cost, describe(alignment.edits)
(0.5, '1 substitution (keyboard neighbours k→l)')
>>> align("tyumen", "tumen").cost, align("tumen", "tyumen").cost  # y touches t and u: typed with one of them
(0.5, 1.0)
>>> describe(align("yelstin", "yeltsin").edits)
'1 transposition (st→ts)'
>>> align_within("vkadimir", "vladimir", 1.0) == alignment, align_within("kazan", "khasan", 1.0)
(True, None)
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple
from importlib.resources import files
from itertools import combinations

import yaml

try:
    from . import _speedups  # compiled at install from _speedups.c
except ImportError:  # no C compiler at install: the same results, computed in Python
    _speedups = None

__all__ = [
    "DOUBLING_COST",
    "LETTERS_PER_EDIT",
    "TRANSPOSITION_COST",
    "Alignment",
    "Edit",
    "align",
    "align_reference",
    "align_within",
    "budget",
    "confusable",
    "deletes",
    "describe",
    "keyboard_neighbours",
    "name_budget",
    "substitution",
    "typeable",
]

TRANSPOSITION_COST = 0.5  # two adjacent letters swapped: "yelstin" for "yeltsin"
DOUBLING_COST = 0.5  # a letter doubled or undoubled: "tyumenn", "pyongang"
LETTERS_PER_EDIT = 6  # a whole name may cost one full edit per this many letters (at least 1)
_FUZZY_TOKEN = re.compile(r"[a-z0-9\u0400-\u04ff]+\Z")  # Latin and Cyrillic words; a Hangul syllable is no typo


class Edit(NamedTuple):
    """One edit turning a query token into a key token; `position` is where it falls in the key (a named
    tuple: the matcher builds thousands per second, and a frozen dataclass takes three times as long)."""

    kind: str  # "substitution", "missing letter", "extra letter" or "transposition"
    query: str  # the query's letters ("" for a missing letter)
    key: str  # the key's letters ("" for an extra letter)
    cost: float
    why: str  # "keyboard neighbours", "look-alike letters", "doubled letter" or ""
    position: int


class Alignment(NamedTuple):
    """The cheapest way to turn one token into another: its total cost and its edits."""

    cost: float
    edits: tuple[Edit, ...]


@functools.lru_cache(maxsize=1 << 17)
def budget(token: str) -> int:
    """Return how many edits a token may carry: 0 up to 2 letters, 1 up to 5, else 2 (0 if not Latin/Cyrillic)."""
    if not typeable(token) or len(token) <= 2:
        return 0
    return 1 if len(token) <= 5 else 2


def typeable(token: str) -> bool:
    """Tell whether a token is typed letter by letter (Latin, Cyrillic, digits), so it may carry typos."""
    return _FUZZY_TOKEN.match(token) is not None


def name_budget(letters: int) -> float:
    """Return the most a whole name of this many letters may cost: 1, and from 6 letters on 1 per 6 letters."""
    return max(1.0, letters / LETTERS_PER_EDIT)


@functools.cache
def _table(name: str) -> dict:
    """Load one of the rule tables in namenorm/data."""
    return yaml.safe_load(files("namenorm").joinpath("data", name).read_text(encoding="utf-8"))


@functools.cache
def _neighbour_pairs() -> frozenset[frozenset[str]]:
    """Return the pairs of letters that touch on a staggered keyboard of each layout."""
    pairs = set()
    for rows in _table("keyboard.yaml")["layouts"].values():
        for r, row in enumerate(rows):
            for c, letter in enumerate(row):
                touching = [row[max(c - 1, 0) : c]]
                if r + 1 < len(rows):
                    touching += [rows[r + 1][max(c - 1, 0) : c], rows[r + 1][c : c + 1]]
                pairs.update(frozenset((letter, other)) for other in touching if other)
    return frozenset(pairs)


@functools.cache
def _confusable_pairs() -> frozenset[frozenset[str]]:
    """Return the pairs of spellings that look alike."""
    return frozenset(frozenset(pair) for group in _table("confusables.yaml")["groups"] for pair in combinations(group, 2))


def keyboard_neighbours(a: str, b: str) -> bool:
    """Tell whether two letters sit next to each other on a QWERTY or ЙЦУКЕН keyboard."""
    return frozenset((a, b)) in _neighbour_pairs()


def confusable(a: str, b: str) -> bool:
    """Tell whether two spellings look alike (Latin/Cyrillic look-alikes, i/l/1, rn/m)."""
    return frozenset((a, b)) in _confusable_pairs()


@functools.lru_cache(maxsize=4096)
def substitution(a: str, b: str) -> tuple[float, str]:
    """Return the cost of writing `a` for `b` and why it is cheap ("" if it is not)."""
    if a == b:
        return 0.0, ""
    if confusable(a, b):
        return _table("confusables.yaml")["cost"], "look-alike letters"
    if keyboard_neighbours(a, b):
        return _table("keyboard.yaml")["cost"], "keyboard neighbours"
    return 1.0, ""


@functools.lru_cache(maxsize=1 << 16)
def _doubled(word: str) -> tuple[bool, ...]:
    """Tell, for each letter of a word, whether it repeats a letter next to it."""
    same = (False, *(a == b for a, b in zip(word, word[1:])), False)  # same[i]: letters i - 1 and i are equal
    return tuple(same[i] or same[i + 1] for i in range(len(word)))


@functools.lru_cache(maxsize=65536)
def align(query: str, key: str) -> Alignment:
    """Return the cheapest weighted alignment of two tokens (fewest edits among the cheapest); fast path.

    It aligns only the window between the tokens' common prefix and suffix. That is exact unless a
    doubled letter, or a letter typed with its keyboard neighbour, lets an edit shift into the
    common ends more cheaply ("aababa"/"aaba"); then the
    cost found is higher than :func:`align_reference`'s, never lower: the fast path errs towards no match.
    """
    return _align_window(query, key, *_window(query, key))  # type: ignore[return-value]


def _window(query: str, key: str) -> tuple[int, int]:
    """Return the lengths of the common prefix and suffix that :func:`align` leaves out of the alignment."""
    if _has_multi_letter_spelling(query) or _has_multi_letter_spelling(key):
        return 0, 0  # rn for m may reach across any window's edge
    n, m = len(query), len(key)
    prefix = 0
    while prefix < min(n, m) and query[prefix] == key[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(n, m) - prefix and query[n - 1 - suffix] == key[m - 1 - suffix]:
        suffix += 1
    # Equal ends cost nothing; the window keeps one letter of each, and widens past repeated letters
    # at its edges, so that swaps and doublings across its edges are seen.
    prefix = max(prefix - 1, 0)
    while prefix and _doubled(key)[prefix - 1]:
        prefix -= 1
    suffix = max(suffix - 1, 0)
    while suffix and _doubled(key)[m - suffix]:
        suffix -= 1
    return prefix, suffix


@functools.lru_cache(maxsize=1 << 17)
def align_within(query: str, key: str, limit: float) -> Alignment | None:
    """Return :func:`align`'s alignment if it costs at most `limit`, else None; faster, for the matcher.

    It fills only the band of cells that a path of cost up to `limit` can cross (every step off the
    diagonal costs at least DOUBLING_COST, or a look-alike's cost where rn stands for m), and stops as
    soon as two rows in a row cost more; in C (``namenorm._speedups``) where it was compiled at install,
    else in Python.
    """
    if _speedups is None:
        return _align_window(query, key, *_window(query, key), _units(limit))
    _fast_steps()  # configures the extension on the first call
    return _speedups.align_band(query, key, _units(limit))


@functools.cache
def _fast_steps() -> tuple[tuple[str, float, str], ...]:
    """Hand the costs of the rule tables to ``namenorm._speedups`` (once), with the edit of each of its steps,
    which it builds its Edits of: (kind, cost, why), in the order its first seven steps are numbered, then one
    per cheap substitution (of a letter, or of two letters that look like one: rn for m); return those."""
    keyboard = _table("keyboard.yaml")["cost"]
    doubled = (DOUBLING_COST, "doubled letter")
    steps = [("missing letter", 1.0, ""), ("missing letter", *doubled), ("extra letter", 1.0, ""), ("extra letter", *doubled)]
    steps += [("extra letter", keyboard, "keyboard neighbours"), ("substitution", 1.0, ""), ("transposition", TRANSPOSITION_COST, "")]
    pairs = []
    for a, b in map(sorted, _confusable_pairs() | _neighbour_pairs()):
        step = ("substitution", *substitution(a, b))
        if step not in steps:
            steps.append(step)
        pairs.append((a, b, steps.index(step), keyboard_neighbours(a, b)))
    _speedups.configure([_units(cost) for _, cost, _ in steps], pairs, Edit, Alignment, tuple(steps))
    return tuple(steps)


def align_reference(query: str, key: str) -> Alignment:
    """Return the same alignment as :func:`align`, computed over the whole tokens (reference path)."""
    return _align_window(query, key, 0, 0)  # type: ignore[return-value]  # no limit: never None


def _units(cost: float) -> int:
    """Return a cost in hundredths, so that the alignment adds integers (no rounding drift)."""
    return round(cost * 100)


@functools.cache
def _multi_letter_spellings() -> re.Pattern[str]:
    """Return a pattern of the look-alike spellings of two letters (rn, vv)."""
    spellings = {spelling for pair in _confusable_pairs() for spelling in pair if len(spelling) == 2}
    return re.compile("|".join(sorted(map(re.escape, spellings))) or "(?!)")  # (?!): none at all matches nothing


@functools.lru_cache(maxsize=1 << 16)
def _has_multi_letter_spelling(word: str) -> bool:
    """Tell whether a word holds a two-letter look-alike spelling such as rn."""
    return _multi_letter_spellings().search(word) is not None


def _indels(word: str, start: int, stop: int) -> list[tuple[int, float, str]]:
    """Return, for each letter of word[start:stop], the cost of adding or dropping it: (units, cost, why)."""
    doubled, letters = (_units(DOUBLING_COST), DOUBLING_COST, "doubled letter"), _doubled(word)
    return [doubled if letters[i] else (100, 1.0, "") for i in range(start, stop)]


def _extras(query: str, start: int, stop: int) -> list[tuple[int, float, str]]:
    """Return, for each letter of query[start:stop], the cost of it being typed in excess: (units, cost, why).

    Besides a doubled letter, a letter whose key touches the key of a letter next to it is a cheap
    extra letter: the finger hit two keys at once ("glazoiv" for "glazov").
    """
    return list(_word_extras(query)[start:stop])


@functools.lru_cache(maxsize=1 << 16)
def _word_extras(query: str) -> tuple[tuple[int, float, str], ...]:
    """Return :func:`_extras` for every letter of a query word (cached: the matcher aligns a word many times)."""
    cost = _table("keyboard.yaml")["cost"]
    fat_finger = (_units(cost), cost, "keyboard neighbours")
    found = _indels(query, 0, len(query))
    for i in range(len(query)):
        if not found[i][2] and (
            (i > 0 and keyboard_neighbours(query[i - 1], query[i])) or (i + 1 < len(query) and keyboard_neighbours(query[i], query[i + 1]))
        ):
            found[i] = fat_finger
    return tuple(found)


def _align_window(query: str, key: str, prefix: int, suffix: int, limit: int | None = None) -> Alignment | None:
    """Align query and key between a common prefix and a common suffix of these lengths (weighted OSA).

    With a `limit` (in hundredths), return None when the cost is higher, filling only the cells a path
    within the limit can cross.
    """
    n, m = len(query) - prefix - suffix, len(key) - prefix - suffix
    extra, missing = _extras(query, prefix, prefix + n), _indels(key, prefix, prefix + m)
    multi = _has_multi_letter_spelling(query) or _has_multi_letter_spelling(key)
    swap = _units(TRANSPOSITION_COST)
    # A path through cell (i, j) leaves the diagonal at least |i - j| + |n - m - (i - j)| times, each
    # at the doubling cost or more, or at a look-alike's where two letters stand for one (rn for m).
    off_diagonal = min(_units(DOUBLING_COST), _units(_table("confusables.yaml")["cost"])) if multi else _units(DOUBLING_COST)
    reach = n + m if limit is None else limit // off_diagonal
    out = (1 << 30, 0, (0, 0))  # a cell outside the band: never the cheapest choice
    # best[i][j]: (cost in units, edits, step) to turn the window's query[:i] into key[:j];
    # step = (di, dj, kind, cost, why) of the last edit, or (di, dj) when the letters are equal.
    best: list[list[tuple]] = [[out] * (m + 1) for _ in range(n + 1)]
    best[0][0] = (0, 0, (0, 0))
    previous_row = 0
    for i in range(n + 1):
        qi = prefix + i  # position after the letter in the whole query
        row = best[i]
        for j in range(max(0, i - reach), min(m, i + reach) + 1):
            if not (i or j) or abs(i - j) + abs(n - m - i + j) > reach:
                continue
            kj = prefix + j
            choices = []
            if i:
                units, cost, why = extra[i - 1]
                before = best[i - 1][j]
                choices.append((before[0] + units, before[1] + 1, (1, 0, "extra letter", cost, why)))
            if j:
                units, cost, why = missing[j - 1]
                before = best[i][j - 1]
                choices.append((before[0] + units, before[1] + 1, (0, 1, "missing letter", cost, why)))
            if i and j:
                before = best[i - 1][j - 1]
                if query[qi - 1] == key[kj - 1]:
                    choices.append((before[0], before[1], (1, 1)))
                else:
                    cost, why = substitution(query[qi - 1], key[kj - 1])
                    choices.append((before[0] + _units(cost), before[1] + 1, (1, 1, "substitution", cost, why)))
            if multi:
                for di, dj in ((2, 1), (1, 2)):  # two letters that look like one: rn for m
                    if i >= di and j >= dj and confusable(query[qi - di : qi], key[kj - dj : kj]):
                        cost, why = substitution(query[qi - di : qi], key[kj - dj : kj])
                        before = best[i - di][j - dj]
                        choices.append((before[0] + _units(cost), before[1] + 1, (di, dj, "substitution", cost, why)))
            if i > 1 and j > 1 and query[qi - 1] == key[kj - 2] and query[qi - 2] == key[kj - 1] != query[qi - 1]:
                before = best[i - 2][j - 2]
                choices.append((before[0] + swap, before[1] + 1, (2, 2, "transposition", TRANSPOSITION_COST, "")))
            row[j] = min(choices)  # cheapest, then fewest edits (then any, deterministically)
        if limit is not None:
            row_best = min(cell[0] for cell in row)
            if min(row_best, previous_row) > limit:
                return None  # every path crosses this row or the one before (a step spans two at most)
            previous_row = row_best
    if limit is not None and best[n][m][0] > limit:
        return None
    edits = []
    i, j = n, m
    while i or j:
        step = best[i][j][2]
        di, dj = step[0], step[1]
        if len(step) > 2:
            q, k = query[prefix + i - di : prefix + i], key[prefix + j - dj : prefix + j]
            edits.append(Edit(step[2], q, k, step[3], step[4], prefix + (j if step[2] == "extra letter" else j - dj)))
        i, j = i - di, j - dj
    return Alignment(best[n][m][0] / 100, tuple(reversed(edits)))


def deletes(token: str, count: int) -> set[str]:
    """Return the token and every string made from it by deleting up to `count` letters."""
    found = {token}
    frontier = {token}
    for _ in range(count):
        frontier = {word[:i] + word[i + 1 :] for word in frontier for i in range(len(word))}
        found |= frontier
    return found


def describe(edits: tuple[Edit, ...] | list[Edit]) -> str:
    """Describe edits for a reason text: '2 substitutions (keyboard neighbours k→l, i→u)'."""
    groups: dict[str, dict[str, list[str]]] = {}
    for edit in edits:
        groups.setdefault(edit.kind, {}).setdefault(edit.why, []).append(f"{edit.query or '∅'}→{edit.key or '∅'}")
    parts = []
    for kind, whys in groups.items():
        count = sum(map(len, whys.values()))
        shown = "; ".join(f"{why + ' ' if why else ''}{', '.join(letters)}" for why, letters in whys.items())
        parts.append(f"{count} {kind}{'s' if count > 1 else ''} ({shown})")
    return ", ".join(parts) if parts else "no edits"
