"""Lint gazetteers: likely wrong facts and missing aliases, not only schema errors.

Checks, beyond what loading checks:

- a native name whose generated variants come nowhere near the canonical name
  or an alias (a likely wrong fact, or a missing alias);
- full-name keys shared by two entities that are not marked `ambiguous`;
- people without a native name.

>>> from namenorm.gazetteer import Entity, Gazetteer
>>> wrong = Entity("x", "place", "RU", "Kazan", {"ru": ("Тюмень",)}, origin="g.yaml:3")
>>> [str(p) for p in lint(Gazetteer((wrong,), (), ""))]  # doctest: +ELLIPSIS
["g.yaml:3: x: native.ru: 'Тюмень' romanises nowhere near 'Kazan' (best: 'tyumen', ...%); wrong fact or missing alias?"]
"""

from __future__ import annotations

import dataclasses

from rapidfuzz import fuzz

from .fold import fold
from .gazetteer import Entity, Gazetteer, Problem
from .index import build_index
from .variants import Rank, generate

__all__ = ["NEAR_ENOUGH", "lint"]

NEAR_ENOUGH = 75  # rapidfuzz token-set ratio (0-100) between a native name's best key and a Latin name
# Places whose English names are translations, not transcriptions (Korean Peninsula, 한반도): not checked.
TRANSLATED_TYPES = frozenset(
    {"country", "region", "peninsula", "site", "cosmodrome", "palace", "square", "university", "bay", "autonomous-oblast"}
)
_ROMANISED_LANGUAGES = {"ru": ("RU",), "ko": ("KP", "KR")}  # native language -> countries whose names it spells


def _problem(entity: Entity, field: str, message: str) -> Problem:
    """Make a Problem at an entity's place in its file."""
    path, _, line = entity.origin.rpartition(":")
    return Problem(path, int(line or 0), entity.id, field, message)


def _far_native_names(entity: Entity) -> list[Problem]:
    """Report native names whose romanisations are far from every Latin name of the entity."""
    if entity.type in TRANSLATED_TYPES:
        return []
    latin = {fold(name) for name in (entity.name, *entity.aliases) if fold(name).isascii()}
    problems = []
    for language, countries in _ROMANISED_LANGUAGES.items():
        if entity.country not in countries:
            continue  # e.g. the Russian (Kontsevich) name of a Korean is a transcription of the Korean one
        for native in entity.native.get(language, ()):
            # The keys of this native name alone: in the whole entity, a key two names make is credited to one.
            alone = dataclasses.replace(entity, name="", aliases=(), native={language: (native,)})
            keys = {v.key for v in generate(alone) if v.key.isascii()}
            scored = [(fuzz.token_set_ratio(key, name), key) for key in keys for name in latin]
            if not scored:
                continue
            score, key = max(scored)
            if score < NEAR_ENOUGH:
                problems.append(
                    _problem(
                        entity, f"native.{language}",
                        f"{native!r} romanises nowhere near {entity.name!r} (best: {key!r}, {score:.0f}%);"
                        " wrong fact or missing alias?",
                    )  # fmt: skip
                )
    return problems


def _shared_keys(gazetteer: Gazetteer) -> list[Problem]:
    """Report, per pair of entities, the full-name keys they share without marking them ambiguous."""
    index = build_index(gazetteer)
    ranks: dict[str, dict[str, Rank]] = {}
    shared: dict[tuple[str, ...], list[str]] = {}
    for collision in index.collisions:
        if collision.marked:
            continue
        first = collision.entity_ids[0]
        if first not in ranks:
            ranks[first] = {v.key: v.rank for v in generate(index.entity(first))}
        if ranks[first].get(collision.key, Rank.PARTIAL) != Rank.PARTIAL:
            shared.setdefault(collision.entity_ids, []).append(collision.key)
    problems = []
    for entity_ids, keys in shared.items():
        examples = ", ".join(repr(key) for key in sorted(keys)[:3])
        problems.append(
            _problem(
                index.entity(entity_ids[0]), "name",
                f"{len(keys)} keys shared with {', '.join(entity_ids[1:])} ({examples}...);"
                " mark the shared names `ambiguous` or fix the names",
            )  # fmt: skip
        )
    return problems


def lint(gazetteer: Gazetteer) -> list[Problem]:
    """Return every lint finding for a loaded gazetteer, in file order."""
    problems = []
    for entity in gazetteer.entities:
        if entity.kind == "person" and not entity.native:
            problems.append(_problem(entity, "native", "a person needs a native name (ru: Cyrillic, ko: Hangul)"))
        problems.extend(_far_native_names(entity))
    problems.extend(_shared_keys(gazetteer))
    return sorted(problems, key=lambda p: (p.path, p.line))
