"""Korean (Hangul -> Latin, Cyrillic) variants. Placeholder: ICU Hangul-Latin only, to be replaced."""

from __future__ import annotations

from collections.abc import Iterator

import icu

from ..gazetteer import Entity
from . import Variant


def romanizations(hangul: str) -> list[tuple[str, str]]:
    """Return (spelling, scheme) pairs of a Hangul text in every supported convention."""
    return [(icu.Transliterator.createInstance("Hangul-Latin").transliterate(hangul), "ko:rr")]


def variants(entity: Entity) -> Iterator[Variant]:
    """Yield the Latin and Cyrillic variants of an entity's Korean names."""
    for name in entity.native.get("ko", ()):
        for spelling, scheme in romanizations(name):
            yield Variant.of(spelling, scheme, name)
