"""Find the key tokens within a query token's edit budget, without scanning them all.

A symmetric-delete index: every distinct key token is stored with itself and the
strings made from it by deleting up to :func:`~namenorm.edits.budget` letters. Two
tokens within *d* edits (substitutions, insertions, deletions, adjacent
transpositions) share such a deletion string, so a query token only looks up
its own deletion strings, and checks the tokens found there with the OSA edit
distance (both in C where ``namenorm._speedups`` is compiled, each token with its
budget read from an array of them; else in Python, with rapidfuzz). The
deletion strings are kept as 32-bit CRC hashes in one sorted ``array('I')``,
beside the ids of the tokens they were made from (a hash collision only adds a
candidate, which is then checked), and the keys each token occurs in as one
flat posting list, grouped by the number of words of the key (1, 2, 3, and
GROUPS or more), so that a query of two words reads only the keys of
two words: the index is a few arrays, cheap to pickle. A table of where each
16-bit hash prefix starts in the deletion array bounds every binary search to
a few entries.

>>> index = TokenIndex.build([("vladimir", "putin"), ("putin",), ("dmitry", "peskov")])
>>> sorted(index.name(t) for t in index.near("pitin"))
['putin']
>>> list(index.postings(index.ids["putin"]))
[0, 1]
>>> index.keys_of([index.ids["putin"], index.ids["peskov"]], 2), index.posting_total([index.ids["putin"]], 1)
({0, 2}, 1)
>>> index.near("un")
{}
"""

from __future__ import annotations

import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .edits import budget, deletes, typeable
from .packing import pack_array, pack_strings, unpack_strings

try:
    from . import _speedups  # compiled at install from _speedups.c
except ImportError:  # no C compiler at install: the same results, computed in Python
    _speedups = None

__all__ = ["GROUPS", "TokenIndex", "near_by_scan", "stable_hash"]

GROUPS = 4  # postings are grouped by the number of words of their key: 1, 2, 3, and GROUPS or more

_LOW = 0xFFFFFFFF
_PREFIX_BITS = 16  # bucket_starts[p] is where hashes starting with the 16 bits p begin in the neighbourhood
_ARRAYS = ("starts", "keys", "deletions", "deleted_from", "bucket_starts", "budgets")  # TokenIndex's arrays, pickled packed


def stable_hash(text: str) -> int:
    """Return a 32-bit hash of a string that is the same in every process (str hashes are not)."""
    return zlib.crc32(text.encode("utf-8"))


def _within(query: str, token: str, wide: bool = False) -> int | None:
    """Return the edit distance of two tokens if within both their budgets (`wide`: the token's), else None."""
    allowed = budget(token) if wide else min(budget(query), budget(token))
    distance = OSA.distance(query, token, score_cutoff=allowed)
    return distance if distance <= allowed else None


@dataclass(slots=True)
class TokenIndex:
    """Distinct key tokens, the keys each occurs in, and their deletion neighbourhoods."""

    ids: dict[str, int]  # token -> token id
    names: tuple[str, ...]  # token id -> token
    starts: array  # postings of token t in the keys of g + 1 words are keys[starts[t * GROUPS + g]:starts[t * GROUPS + g + 1]], ascending
    keys: array  # key ids, grouped by token, then by the key's number of words
    deletions: array  # sorted hashes of the deletion strings
    deleted_from: array  # deleted_from[i]: the token that deletions[i] was made from
    bucket_starts: array  # where each _PREFIX_BITS hash prefix starts in the deletions (one more at the end)
    budgets: array  # budgets[t]: budget(names[t]), for the compiled search

    @classmethod
    def build(cls, key_tokens: Iterable[tuple[str, ...]]) -> TokenIndex:
        """Index the tokens of each key; key ids are positions in `key_tokens`."""
        ids: dict[str, int] = {}
        pairs = array("Q")  # (token id * GROUPS + group) << 32 | key id
        for key_id, tokens in enumerate(key_tokens):
            group = min(len(tokens), GROUPS) - 1
            for token in set(tokens):
                pairs.append((ids.setdefault(token, len(ids)) * GROUPS + group) << 32 | key_id)
        counts = array("I", bytes(4 * (len(ids) * GROUPS + 1)))
        for pair in pairs:
            counts[(pair >> 32) + 1] += 1
        for slot in range(len(ids) * GROUPS):
            counts[slot + 1] += counts[slot]
        keys = array("I", bytes(4 * len(pairs)))
        fill = array("I", counts)
        for pair in pairs:
            slot = pair >> 32
            keys[fill[slot]] = pair & _LOW
            fill[slot] += 1
        del pairs, fill
        buckets = [array("Q") for _ in range(256)]  # sorted bucket by bucket to keep memory low
        for token, token_id in ids.items():
            for deleted in deletes(token, budget(token)):
                code = stable_hash(deleted)
                buckets[code >> 24].append(code << 32 | token_id)
        deletions, deleted_from = array("I"), array("I")
        for bucket in buckets:
            for entry in sorted(set(bucket)):
                deletions.append(entry >> 32)
                deleted_from.append(entry & _LOW)
        del buckets
        bucket_starts = array("I", (bisect_left(deletions, p << (32 - _PREFIX_BITS)) for p in range(1 << _PREFIX_BITS)))
        bucket_starts.append(len(deletions))
        names = tuple(sorted(ids, key=ids.__getitem__))
        return cls(ids, names, counts, keys, deletions, deleted_from, bucket_starts, array("B", map(budget, names)))

    def __getstate__(self) -> dict:
        """Pickle the tokens and arrays packed (:mod:`~namenorm.packing`); the token ids are rebuilt on loading."""
        return {"names": pack_strings(self.names), **{name: pack_array(getattr(self, name)) for name in _ARRAYS}}

    def __setstate__(self, state: dict) -> None:
        """Rebuild a token index from :meth:`__getstate__`'s state."""
        self.names = unpack_strings(state["names"])
        self.ids = {token: token_id for token_id, token in enumerate(self.names)}
        for name in _ARRAYS:
            setattr(self, name, state[name])

    def name(self, token_id: int) -> str:
        """Return the token with this id."""
        return self.names[token_id]

    def postings(self, token_id: int) -> array:
        """Return the ids of the keys a token occurs in, ascending."""
        return array("I", sorted(self.keys[self.starts[token_id * GROUPS] : self.starts[token_id * GROUPS + GROUPS]]))

    def posting_total(self, token_ids: Iterable[int], words: int) -> int:
        """Return how many keys of `words` words (from GROUPS words on: of GROUPS or more) each token occurs in, summed."""
        starts, group = self.starts, min(words, GROUPS) - 1
        return sum(starts[t * GROUPS + group + 1] - starts[t * GROUPS + group] for t in token_ids)

    def keys_of(self, token_ids: Iterable[int], words: int, among: set[int] | None = None) -> set[int]:
        """Return the ids of the keys of `words` words (from GROUPS on: GROUPS or more) holding any of the
        tokens; only those `among` these ids, if given."""
        starts, keys, group, found = self.starts, self.keys, min(words, GROUPS) - 1, set()
        for t in token_ids:
            postings = keys[starts[t * GROUPS + group] : starts[t * GROUPS + group + 1]]
            found.update(postings if among is None else among.intersection(postings))
        return found

    @property
    def compiled(self) -> bool:
        """Tell whether the compiled fast paths (``namenorm._speedups``) are there, :meth:`keys_with_all` among them."""
        return _speedups is not None

    def keys_with_all(self, near: list[Iterable[int]], words: int) -> list[int]:
        """Return the ids of the keys of `words` words (from GROUPS on: GROUPS or more) holding a token of each
        collection of token ids, ascending; in C only (:attr:`compiled`; without it, the matcher intersects the
        sets of :meth:`keys_of`)."""
        return _speedups.keys_with_all(near, GROUPS, min(words, GROUPS) - 1, self.starts, self.keys)

    def near(self, query: str, *, wide: bool = False) -> dict[int, int]:
        """Return the key tokens within the query token's and their own edit budget: token id -> edits.

        `wide`: within their own budget only, whatever the query's length ("so" may be "sok").
        """
        found = {}
        if query in self.ids:
            found[self.ids[query]] = 0
        allowed = budget(query)
        if wide and typeable(query):  # as many deletions as a key token near it may need
            allowed = 1 if len(query) <= 3 else 2
        if not allowed:
            return found
        if _speedups is not None:  # the same tokens as below (the exact one included), found in C
            found.update(_speedups.near_tokens(query, allowed, self.deletions, self.deleted_from, self.bucket_starts, self.names, self.budgets))
            return found
        token_ids = list(self._deletion_neighbours(query, allowed) - found.keys())
        candidates = [self.names[token_id] for token_id in token_ids]  # a list: rapidfuzz reads it faster than a dict
        for token, distance, i in process.extract(query, candidates, scorer=OSA.distance, score_cutoff=allowed, limit=None):
            if distance <= budget(token):
                found[token_ids[i]] = distance
        return found

    def _deletion_neighbours(self, query: str, allowed: int) -> set[int]:
        """Return the ids of the tokens that share a string made by deleting up to `allowed` letters from the
        query (candidates for :meth:`near`; a hash collision adds one); the reference path of the compiled search."""
        seen: set[int] = set()
        hashes, tokens, starts = self.deletions, self.deleted_from, self.bucket_starts
        for code in [zlib.crc32(text.encode()) for text in deletes(query, allowed)]:  # stable_hash, without a call per string
            prefix = code >> (32 - _PREFIX_BITS)
            first, stop = bisect_left(hashes, code, starts[prefix], starts[prefix + 1]), starts[prefix + 1]
            if first < stop and hashes[first] == code:
                seen.update(tokens[first : bisect_right(hashes, code, first, stop)])
        return seen


def near_by_scan(query: str, tokens: Iterable[str], *, wide: bool = False) -> dict[str, int]:
    """Reference for TokenIndex.near: check every token (slow, plain): token -> edits."""
    found = {}
    for token in tokens:
        distance = 0 if token == query else _within(query, token, wide)
        if distance is not None:
            found[token] = distance
    return found
