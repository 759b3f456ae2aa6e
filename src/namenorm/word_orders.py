"""Align a query's words one to one with a key's words, in the key's order or a rotation of it.

The matcher (:meth:`namenorm.matcher.Matcher._align`) asks this for every candidate key of a fuzzy query:
a word may only meet a key word among its near tokens, each pair is aligned once per query (its answer kept
in a cache by (word number, token id), which the matcher reads again), and the cheapest rotation wins. In C
(``namenorm._speedups.cheapest_order``) where it was compiled at install, else in Python
(:func:`cheapest_order_reference`, which tests compare it with): :data:`cheapest_order` is the one there is.

>>> from namenorm.edits import align
>>> ids, cache = {"kim": 0, "jong": 1}, {}
>>> cheapest_order(["jomg", "kim"], [{1: 1}, {0: 0}], ["kim", "jong"], ids, cache, align, 0.25)
(0.75, (Edit(kind='substitution', query='m', key='n', cost=0.5, why='keyboard neighbours', position=2),), 1)
>>> sorted(cache)
[(0, 1), (1, 0)]
"""

from __future__ import annotations

from collections.abc import Callable

from .edits import Alignment, Edit

try:
    from . import _speedups  # compiled at install from _speedups.c
except ImportError:  # no C compiler at install: the same results, computed in Python
    _speedups = None

__all__ = ["Cache", "Order", "WordAlignment", "cheapest_order", "cheapest_order_reference"]

Cache = dict[tuple[int, int], Alignment | None]  # word alignments by (word number, token id); None: out of bounds
WordAlignment = Callable[[str, str], Alignment | None]  # aligns a query word with a key word; None: out of bounds
Order = tuple[float, tuple[Edit, ...], int]  # the cost, the edits and the shift of a rotation of the key's words
_UNSET = object()  # not in the cache


def cheapest_order_reference(
    words: list[str],
    near: list[dict[int, int]],
    target: list[str],
    ids: dict[str, int],
    cache: Cache,
    word_alignment: WordAlignment,
    reorder_cost: float,
) -> Order | None:
    """Return the cheapest rotation of a key's words aligned with the query's: (cost, edits, shift), or None.

    Word i meets key word (i + shift) % len(words), if its token id is among the word's `near` tokens and
    `word_alignment` (asked once per pair: its answers are kept in `cache`, row by row, up to the first word
    that meets no key word) does not say None. The cost is the alignments' sum, plus `reorder_cost` for a
    shift; the cheapest wins, then the one with fewest edits, then the lowest shift. The key has as many
    words as the query. The reference path of :data:`cheapest_order`, in Python.
    """
    if len(target) != len(words):
        raise ValueError("a key of another number of words than the query")
    costs: list[list[Alignment | None]] = []
    for i, word in enumerate(words):
        near_word, row = near[i], []
        for token in target:
            alignment = None
            token_id = ids[token]
            if token_id in near_word:
                alignment = cache.get((i, token_id), _UNSET)
                if alignment is _UNSET:
                    alignment = cache[i, token_id] = word_alignment(word, token)
            row.append(alignment)
        if all(alignment is None for alignment in row):
            return None
        costs.append(row)
    best: tuple[float, int, int] | None = None  # cost, edits, shift of the cheapest order
    for shift in range(len(words)):
        chosen = [costs[i][(i + shift) % len(words)] for i in range(len(words))]
        if any(alignment is None for alignment in chosen):
            continue
        cost = sum([a.cost for a in chosen]) + (reorder_cost if shift else 0.0)
        ranked = (cost, sum([len(a.edits) for a in chosen]), shift)
        if best is None or ranked[:2] < best[:2]:
            best = ranked
    if best is None:
        return None
    cost, _, shift = best
    edits = tuple(edit for i in range(len(words)) for edit in costs[i][(i + shift) % len(words)].edits)
    return cost, edits, shift


cheapest_order = cheapest_order_reference if _speedups is None else _speedups.cheapest_order  # the same answers, in C
