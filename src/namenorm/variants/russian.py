"""Russian (Cyrillic -> Latin) variants. Placeholder: ICU BGN/PCGN only, to be replaced."""

from __future__ import annotations

from collections.abc import Iterator

import icu

from ..gazetteer import Entity
from . import Variant


def romanizations(cyrillic: str) -> list[tuple[str, str]]:
    """Return (spelling, scheme) pairs of a Cyrillic text in every supported convention."""
    return [(icu.Transliterator.createInstance("Russian-Latin/BGN").transliterate(cyrillic), "ru:bgn")]


def variants(entity: Entity) -> Iterator[Variant]:
    """Yield the Latin variants of an entity's Russian names."""
    for name in entity.native.get("ru", ()):
        for spelling, scheme in romanizations(name):
            yield Variant.of(spelling, scheme, name)
