"""Variant keys: every plausible spelling of an entity, folded, each with its provenance.

>>> from namenorm.gazetteer import Entity
>>> putin = Entity("vladimir-putin", "person", "RU", "Vladimir Putin", {"ru": ("Владимир Путин",)}, ("Putin",))
>>> [(v.key, v.scheme) for v in generate(putin)][:3]
[('vladimir putin', 'name'), ('putin', 'alias'), ('владимир путин', 'native:ru')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import IntEnum

from ..fold import fold, fold_whole, has_latin_marks
from ..gazetteer import Entity

__all__ = ["GENERATORS", "MAX_KEYS_PER_ENTITY", "Rank", "Variant", "forget_spellings", "generate"]

MAX_KEYS_PER_ENTITY = 400


class Rank(IntEnum):
    """How much a key says about its entity; on a key shared by entities the lowest rank wins."""

    GIVEN = 0  # written in the gazetteer: the name, an alias, a native name
    GENERATED = 1  # a full name made by a romanisation or language rule
    PARTIAL = 2  # part of a name: a surname alone, a place without its generic term
    UNACCENTED = 3  # an alias or native name with Latin accents, folded plain: kept only where no other entity claims it


@dataclass(frozen=True, slots=True)
class Variant:
    """A folded key with the scheme or rule that made it and the gazetteer name it came from."""

    key: str
    scheme: str
    source: str
    rank: Rank = Rank.GENERATED

    @classmethod
    def of(cls, surface: str, scheme: str, source: str, rank: Rank = Rank.GENERATED) -> Variant:
        """Make a variant from an unfolded spelling."""
        return cls(fold(surface), scheme, source, rank)


def _given(entity: Entity) -> Iterator[Variant]:
    """Yield the names written in the gazetteer itself.

    An alias or native name with Latin accents gives its folded key up to any other entity's claim
    (Turkish Tümen, Tyumen, leaves "tumen" to the Tumen River); the index keeps its spelling.
    """
    yield Variant.of(entity.name, "name", entity.name, Rank.GIVEN)
    written = [(alias, "alias") for alias in entity.aliases]
    written += [(name, f"native:{language}") for language, names in entity.native.items() for name in names]
    for name, scheme in written:
        yield Variant.of(name, scheme, name, Rank.UNACCENTED if has_latin_marks(name) else Rank.GIVEN)


from . import cyrillic, korean, phonetic, places, russian, russian_rules  # noqa: E402 - they import Variant from this module

# Each generator takes an entity and yields its variants; the order is the order of preference.
GENERATORS: list[Callable[[Entity], Iterable[Variant]]] = [_given, russian.variants, korean.variants, places.variants]


def generate(entity: Entity) -> list[Variant]:
    """Return an entity's distinct variant keys, best first, at most MAX_KEYS_PER_ENTITY."""
    best: dict[str, Variant] = {}
    for generator in GENERATORS:
        for variant in generator(entity):
            if variant.key and (variant.key not in best or variant.rank < best[variant.key].rank):
                best[variant.key] = variant
    # stable: keeps generator order within a rank; written names first, accented ones too, so none is cut off
    ordered = sorted(best.values(), key=lambda v: Rank.GIVEN if v.rank == Rank.UNACCENTED else v.rank)
    return ordered[:MAX_KEYS_PER_ENTITY]


def forget_spellings() -> None:
    """Empty the caches of folded, spelled and phonetic names that compiling a gazetteer fills (some 100 MB
    after 30,000 entities): once it is compiled, its names are seldom asked for again."""
    spellings = (russian_rules.spell, russian_rules.spell_word, russian.by_scheme, cyrillic.to_russian_letters)
    for cached in (fold, fold_whole, *spellings, phonetic.phonetic_key, phonetic.word_key):
        cached.cache_clear()
