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

from rapidfuzz import fuzz

from .fold import fold
from .gazetteer import Entity, Gazetteer, Problem
from .index import build_index
from .variants import Rank, generate

__all__ = ["NEAR_ENOUGH", "lint"]

NEAR_ENOUGH = 75  # rapidfuzz token-sort ratio (0-100) between a native name's best key and a Latin name
_ROMANISED_LANGUAGES = ("ru", "ko")  # native names the variant generators romanise


def _problem(entity: Entity, field: str, message: str) -> Problem:
    """Make a Problem at an entity's place in its file."""
    path, _, line = entity.origin.rpartition(":")
    return Problem(path, int(line or 0), entity.id, field, message)


def _far_native_names(entity: Entity) -> list[Problem]:
    """Report native names whose romanisations are far from every Latin name of the entity."""
    latin = {fold(name) for name in (entity.name, *entity.aliases) if fold(name).isascii()}
    variants = generate(entity)
    problems = []
    for language in _ROMANISED_LANGUAGES:
        for native in entity.native.get(language, ()):
            keys = {v.key for v in variants if v.source == native and v.key.isascii()}
            scored = [(fuzz.token_sort_ratio(key, name), key) for key in keys for name in latin]
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
    """Report full-name keys that two entities share without marking them ambiguous."""
    index = build_index(gazetteer)
    problems = []
    ranks: dict[str, dict[str, Rank]] = {}
    for collision in index.collisions:
        if collision.marked:
            continue
        first = index.entity(collision.entity_ids[0])
        if first.id not in ranks:
            ranks[first.id] = {v.key: v.rank for v in generate(first)}
        if ranks[first.id].get(collision.key, Rank.PARTIAL) == Rank.PARTIAL:
            continue
        others = ", ".join(collision.entity_ids[1:])
        problems.append(
            _problem(first, "name", f"key {collision.key!r} is shared with {others}; mark it `ambiguous` or fix the names")
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
