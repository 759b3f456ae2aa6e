"""Compile gazetteers into a key index, and cache it on disk.

The index maps every folded variant key to the entities it names. Where a key
is shared, the entities with the best :class:`~namenorm.variants.Rank` keep it;
if more than one entity is left, the collision is reported and the key is
*ambiguous*: known namesakes (marked `ambiguous` in the gazetteer), written
names and partial keys (surnames) stay shared, so that the matcher abstains and
the text scanner can lean on context; a full-name key two rules made by chance
(Czech Šarja for Шарья, German Sarja for Заря) is *pruned*: no entity keeps it,
and a query that spells it exactly gets no match.
The index also holds what the fuzzy matcher needs: every key by number, a
:class:`~namenorm.tokenindex.TokenIndex` of the keys' tokens, and the keys of
entities that a gazetteer marks as confusable (``not:``); and, apart from the
keys, a table of the :func:`~namenorm.variants.phonetic.phonetic_key` of every
name, alias and native name, for the matcher's last resort.

>>> from namenorm.gazetteer import Entity, Gazetteer
>>> gazetteer = Gazetteer((Entity("kazan", "place", "RU", "Kazan"),), (), "demo")
>>> index = build_index(gazetteer)
>>> index.lookup("kazan")
(0,)
>>> index.key_list[index.tokens.postings(index.tokens.ids["kazan"])[0]]
'kazan'
>>> index.phonetic["KAZAN"], index.phonetic_sources["KAZAN"]
((0,), 'Kazan')
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .edits import budget
from .fold import fold, has_latin_marks, spelling
from .gazetteer import Entity, Gazetteer, fingerprint, gazetteer_files, load_gazetteers
from .packing import pack_array, pack_strings, unpack_strings
from .tokenindex import TokenIndex, stable_hash
from .variants import Rank, Variant, forget_spellings, generate
from .variants.phonetic import phonetic_key

__all__ = ["Collision", "Index", "KeySchemes", "build_index", "cache_dir", "load_index", "load_index_from_paths", "phonetic_table"]

log = logging.getLogger(__name__)
_LOW = 0xFFFFFFFF  # the position in a packed claim
_SHARED = 0xFFFFFFFF  # in a pickled index, the owner of a key several entities share


@dataclass(frozen=True, slots=True)
class Collision:
    """A key that more than one entity claims at the same rank."""

    key: str
    entity_ids: tuple[str, ...]
    rank: Rank  # the rank at which they claim it
    marked: bool  # the claimants' entries list a same name as `ambiguous`: they are known namesakes


@dataclass(frozen=True, slots=True)
class KeySchemes(Mapping[str, str]):
    """Key -> the scheme that produced it (for the entity that kept it), as a scheme number per key id.

    A key is found by binary search in a sorted array of ``hash(key) << 32 | key id`` (a dict of
    800,000 keys would cost 30 MB more); keys no entity kept (pruned) have a small dict of their own.

    >>> schemes = KeySchemes.build(("putin", "kazan"), array("I", [1, 0]), ("name", "ru:bgn"), {"sarja": "ru:de"})
    >>> schemes["kazan"], schemes["putin"], schemes.get("sarja"), schemes.get("moscow", ""), schemes.of_key(1)
    ('name', 'ru:bgn', 'ru:de', '', 'name')
    """

    key_list: tuple[str, ...]
    numbers: array  # key id -> scheme number
    names: tuple[str, ...]  # scheme number -> scheme
    table: array  # sorted stable_hash(key) << 32 | key id
    others: dict[str, str]  # keys not in key_list (pruned) -> scheme

    @classmethod
    def build(cls, key_list: tuple[str, ...], numbers: array, names: tuple[str, ...], others: dict[str, str]) -> KeySchemes:
        """Hash and sort the keys, and keep the scheme numbers."""
        table = array("Q", sorted(stable_hash(key) << 32 | key_id for key_id, key in enumerate(key_list)))
        return cls(key_list, numbers, names, table, others)

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        """Return the scheme of a key, or `default` if it is no key."""
        code = stable_hash(key)
        table, i = self.table, bisect_left(self.table, code << 32)
        while i < len(table) and table[i] >> 32 == code:
            if self.key_list[table[i] & _LOW] == key:
                return self.names[self.numbers[table[i] & _LOW]]
            i += 1
        return self.others.get(key, default)

    def of_key(self, key_id: int) -> str:
        """Return the scheme of the key with this id (``self[key_list[key_id]]``, without a search)."""
        return self.names[self.numbers[key_id]]

    def __getitem__(self, key: str) -> str:
        """Return the scheme of a key; raise KeyError if it is no key."""
        scheme = self.get(key)
        if scheme is None:
            raise KeyError(key)
        return scheme

    def __iter__(self) -> Iterator[str]:
        """Iterate over the keys, kept ones first."""
        yield from self.key_list
        yield from self.others

    def __len__(self) -> int:
        """Return how many keys have a scheme."""
        return len(self.key_list) + len(self.others)


@dataclass(slots=True)
class Index:
    """Entities, their variant keys, and the key -> entities table the matcher reads."""

    entities: tuple[Entity, ...]
    keys: dict[str, tuple[int, ...]]  # folded key -> entity positions (several: ambiguous)
    schemes: KeySchemes  # folded key -> the scheme that produced it (for the winning entity)
    collisions: tuple[Collision, ...]
    key_counts: tuple[int, ...]  # per entity, how many keys it generated
    fingerprint: str
    key_list: tuple[str, ...] = ()  # key id -> key (the ids the token index posts)
    tokens: TokenIndex = field(default_factory=lambda: TokenIndex.build(()))
    confusables: dict[int, tuple[int, ...]] = field(default_factory=dict)  # position -> `not:` positions, both ways
    confusable_keys: dict[int, tuple[str, ...]] = field(default_factory=dict)  # their keys, for the matcher's check
    positions: dict[str, int] = field(default_factory=dict)
    phonetic: dict[str, tuple[int, ...]] = field(default_factory=dict)  # phonetic key -> entity positions
    phonetic_sources: dict[str, str] = field(default_factory=dict)  # phonetic key -> the first name it was made from
    pruned: dict[str, tuple[int, ...]] = field(default_factory=dict)  # full-name keys two entities made by chance
    spellings: dict[str, tuple[int, ...]] = field(default_factory=dict)  # accented written names whose key went elsewhere

    def __post_init__(self) -> None:
        self.positions = {entity.id: i for i, entity in enumerate(self.entities)}

    def __getstate__(self) -> dict:
        """Pickle the keys packed (:mod:`~namenorm.packing`) and their owners as numbers; the key table and
        its schemes are rebuilt on loading."""
        state = {name: getattr(self, name) for name in self.__slots__ if name not in ("keys", "key_list", "schemes", "positions")}
        owners = array("I", (positions[0] if len(positions) == 1 else _SHARED for positions in self.keys.values()))
        schemes = self.schemes  # its key list is key_list
        return {
            **state,
            "key_list": pack_strings(self.key_list),  # keys are words of letters and digits: no line breaks
            "owners": pack_array(owners),
            "shared": {key_id: self.keys[key] for key_id, key in enumerate(self.key_list) if owners[key_id] == _SHARED},
            "schemes": (pack_array(schemes.numbers), schemes.names, pack_array(schemes.table), schemes.others),
        }

    def __setstate__(self, state: dict) -> None:
        """Rebuild an index from :meth:`__getstate__`'s state."""
        for name, value in state.items():
            if name not in ("key_list", "owners", "shared", "schemes"):
                setattr(self, name, value)
        self.key_list = unpack_strings(state["key_list"])
        owners, shared = state["owners"], state["shared"]
        singles: dict[int, tuple[int, ...]] = {}  # one shared (p,) tuple per entity, as build_index makes them
        self.keys = {
            key: shared[key_id] if owner == _SHARED else singles.setdefault(owner, (owner,))
            for key_id, (key, owner) in enumerate(zip(self.key_list, owners, strict=True))
        }
        self.schemes = KeySchemes(self.key_list, *state["schemes"])
        self.positions = {entity.id: i for i, entity in enumerate(self.entities)}

    def lookup(self, key: str) -> tuple[int, ...]:
        """Return the positions of the entities whose variant key is exactly `key` (several: abstain)."""
        return self.keys.get(key) or self.pruned.get(key, ())

    def lookup_spelling(self, text: str) -> tuple[int, ...]:
        """Return the entities whose accented written name is spelt `text` and folds to another's key (Tümen)."""
        return self.spellings.get(spelling(text), ()) if self.spellings and has_latin_marks(text) else ()

    def entity(self, entity_id: str) -> Entity:
        """Return the entity with this id; raise KeyError if none."""
        return self.entities[self.positions[entity_id]]

    def variants(self, entity_id: str) -> list[Variant]:
        """Return the variants of an entity, regenerated, that the index kept for it."""
        position = self.positions[entity_id]
        return [v for v in generate(self.entities[position]) if position in self.keys.get(v.key, ())]


def build_index(gazetteer: Gazetteer) -> Index:
    """Compile a gazetteer's entities into an index, resolving shared keys by rank."""
    scheme_names: dict[str, int] = {}
    # key -> its claims, each packed as rank << 56 | scheme number << 32 | position (one int, or a list
    # of them when entities share the key): a few hundred thousand keys cost no tuple and no list each
    claims: dict[str, int | list[int]] = {}
    key_counts = []
    accented: list[tuple[str, int, str]] = []  # (folded key, position, spelling) of accented written names
    for position, entity in enumerate(gazetteer.entities):
        variants = generate(entity)
        key_counts.append(len(variants))
        for variant in variants:
            if variant.rank == Rank.UNACCENTED:
                accented.append((variant.key, position, spelling(variant.source)))
            claim = variant.rank << 56 | scheme_names.setdefault(variant.scheme, len(scheme_names)) << 32 | position
            found = claims.get(variant.key)
            if found is None:
                claims[variant.key] = claim
            elif isinstance(found, list):
                found.append(claim)
            else:
                claims[variant.key] = [found, claim]
    forget_spellings()
    names = [sys.intern(name) for name in scheme_names]
    del scheme_names
    keys: dict[str, tuple[int, ...]] = claims  # type: ignore[assignment]  # turned into the key table in place
    pruned: dict[str, tuple[int, ...]] = {}
    numbers = array("I")  # the scheme number of every key, in the order of the claims
    collisions = []
    singles: dict[int, tuple[int, ...]] = {}  # one shared (p,) tuple per entity keeps the table small
    for key, claimed in claims.items():
        if isinstance(claimed, int):
            keys[key] = singles.setdefault(claimed & _LOW, (claimed & _LOW,))
            numbers.append(claimed >> 32 & 0xFFFFFF)
            continue
        best = min(claim >> 56 for claim in claimed)
        winners = [claim for claim in claimed if claim >> 56 == best]  # in the order of the claims
        positions = tuple(claim & _LOW for claim in winners)
        keys[key] = singles.setdefault(positions[0], positions) if len(positions) == 1 else positions
        numbers.append(winners[0] >> 32 & 0xFFFFFF)
        if len(winners) > 1:
            entities = [gazetteer.entities[position] for position in positions]
            marked = bool(frozenset.intersection(*(_ambiguous_names(entity) for entity in entities)))
            collisions.append(Collision(key, tuple(e.id for e in entities), Rank(best), marked))
            if best == Rank.GENERATED and not marked:
                pruned[key] = positions  # a chance collision of rules: neither entity keeps it
    others = {key: names[number] for key, number in zip(keys, numbers) if key in pruned}
    numbers = array("I", (number for key, number in zip(keys, numbers) if key not in pruned))
    for key in pruned:
        del keys[key]
    spellings: dict[str, list[int]] = defaultdict(list)
    for key, position, spelt in accented:
        if keys.get(key) != (position,):
            spellings[spelt].append(position)
    key_list = tuple(keys)
    confusables = _confusables(gazetteer.entities)
    confusable_keys: dict[int, list[str]] = {position: [] for position in confusables}
    for key, positions in keys.items():
        for position in positions:
            if position in confusable_keys:
                confusable_keys[position].append(key)
    phonetic, phonetic_sources = phonetic_table(gazetteer.entities)
    tokens = TokenIndex.build(key.split() for key in key_list)
    forget_spellings()  # what the phonetic table filled
    budget.cache_clear()  # every key token's budget, from the token index
    return Index(
        gazetteer.entities,
        keys,
        KeySchemes.build(key_list, numbers, tuple(names), others),
        tuple(collisions),
        tuple(key_counts),
        gazetteer.fingerprint,
        key_list,
        tokens,
        confusables,
        {position: tuple(found) for position, found in confusable_keys.items()},
        phonetic=phonetic,
        phonetic_sources=phonetic_sources,
        pruned=pruned,
        spellings={spelt: tuple(positions) for spelt, positions in spellings.items()},
    )


def phonetic_table(entities: tuple[Entity, ...]) -> tuple[dict[str, tuple[int, ...]], dict[str, str]]:
    """Return phonetic key -> entity positions over every name, alias and native name, and key -> first name."""
    owners: dict[str, list[int]] = defaultdict(list)
    sources: dict[str, str] = {}
    for position, entity in enumerate(entities):
        names = [entity.name, *entity.aliases, *(name for names in entity.native.values() for name in names)]
        for name in dict.fromkeys(names):
            key = phonetic_key(name)
            if key and position not in owners[key]:
                owners[key].append(position)
                sources.setdefault(key, name)
    singles: dict[int, tuple[int, ...]] = {}  # one shared (p,) tuple per entity keeps the table small
    table = {key: singles.setdefault(found[0], (found[0],)) if len(found) == 1 else tuple(found) for key, found in owners.items()}
    return table, sources


def _ambiguous_names(entity: Entity) -> frozenset[str]:
    """Return the folded names an entity declares it shares with others (its `ambiguous` list)."""
    return frozenset(fold(name) for name in entity.ambiguous)


def _confusables(entities: tuple[Entity, ...]) -> dict[int, tuple[int, ...]]:
    """Return, for every entity in a `not:` link, the positions of the entities it must not be taken for."""
    positions = {entity.id: i for i, entity in enumerate(entities)}
    links: dict[int, set[int]] = defaultdict(set)
    for i, entity in enumerate(entities):
        for other in entity.not_:
            if other in positions:
                links[i].add(positions[other])
                links[positions[other]].add(i)
    return {i: tuple(sorted(others)) for i, others in links.items()}


def cache_dir() -> Path:
    """Return the folder for cached indexes: $NAMENORM_CACHE_DIR, else the user's cache folder."""
    if os.environ.get("NAMENORM_CACHE_DIR"):
        return Path(os.environ["NAMENORM_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "namenorm"


@functools.cache
def _code_fingerprint() -> str:
    """Hash the package version, its code and its rule tables (once per process): any change makes a new cache key."""
    digest = hashlib.sha256()
    try:
        digest.update(version("namenorm").encode())
    except PackageNotFoundError:
        digest.update(b"source")
    root = Path(__file__).parent
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json") and "gazetteers" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def load_index(gazetteer: Gazetteer, *, use_cache: bool = True) -> Index:
    """Return the gazetteer's index from the disk cache, or build it and cache it."""
    if not use_cache:
        return build_index(gazetteer)
    return _cached_index(gazetteer.fingerprint) or _build_and_cache(gazetteer)


def load_index_from_paths(paths: Iterable[str | Path], *, use_cache: bool = True) -> Index:
    """Return the index of gazetteer files or folders; from the disk cache without parsing them if their bytes are unchanged."""
    if use_cache:
        fingerprint = _files_fingerprint(gazetteer_files(paths))
        cached = _cached_index(fingerprint) if fingerprint else None
        if cached is not None:
            return cached
    return load_index(load_gazetteers(paths), use_cache=use_cache)


def _files_fingerprint(files: list[Path]) -> str | None:
    """Return the fingerprint load_gazetteers gives these files (Gazetteer.fingerprint), or None if one is unreadable."""
    try:
        contents = [(path, path.read_bytes()) for path in files]
    except OSError:
        return None  # load_gazetteers reports it
    return fingerprint(contents) if files else None


def _cache_path(fingerprint: str) -> Path:
    """Return the cache file of a gazetteer fingerprint under the current code."""
    key = hashlib.sha256((fingerprint + _code_fingerprint()).encode()).hexdigest()[:32]
    return cache_dir() / f"index-{key}.pickle"


def _cached_index(fingerprint: str) -> Index | None:
    """Return the cached index of a gazetteer fingerprint, or None if there is none or it is unreadable."""
    path = _cache_path(fingerprint)
    if not path.exists():
        return None
    try:
        with path.open("rb") as stream:
            index = pickle.load(stream)
        if isinstance(index, Index) and index.fingerprint == fingerprint:
            return index
        raise ValueError("wrong content")
    except Exception as error:  # noqa: BLE001 - any unreadable cache is rebuilt
        log.warning("namenorm: rebuilding corrupt index cache %s (%s)", path, error)
    return None


def _build_and_cache(gazetteer: Gazetteer) -> Index:
    """Build a gazetteer's index and write it to the disk cache."""
    index = build_index(gazetteer)
    _write_atomically(_cache_path(gazetteer.fingerprint), index)
    return index


def _write_atomically(path: Path, index: Index) -> None:
    """Pickle an index into a cache file (streamed: no copy in memory) through a temporary file and a rename;
    a failure only logs."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as stream:
            pickle.dump(index, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(stream.name, path)
    except OSError as error:
        log.warning("namenorm: cannot write index cache %s (%s)", path, error)
