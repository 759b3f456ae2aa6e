"""Lint gazetteers: likely wrong facts and missing aliases, not only schema errors.

Checks, beyond what loading checks:

- a native name whose generated variants come nowhere near the canonical name
  or an alias (a likely wrong fact, or a missing alias);
- names (written in the gazetteer) that two entities share without marking them
  `ambiguous`; generated keys two entities share by chance are only counted:
  the index prunes them from both;
- people without a native name.

>>> from namenorm.gazetteer import Entity, Gazetteer
>>> wrong = Entity("x", "place", "RU", "Kazan", {"ru": ("Тюмень",)}, origin="g.yaml:3")
>>> [str(p) for p in lint(Gazetteer((wrong,), (), "")).problems]  # doctest: +ELLIPSIS
["g.yaml:3: x: native.ru: 'Тюмень' romanises nowhere near 'Kazan' (best: 'tyumen', ...%); wrong fact or missing alias?"]
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from rapidfuzz import fuzz

from .fold import fold
from .gazetteer import TRANSLATED_TYPES, Entity, Gazetteer, Problem
from .index import build_index
from .variants import Rank, generate

__all__ = ["NEAR_ENOUGH", "LintReport", "lint"]

NEAR_ENOUGH = 75  # rapidfuzz token-set ratio (0-100) between a native name's best key and a Latin name
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


def _shared_keys(gazetteer: Gazetteer) -> tuple[list[Problem], int]:
    """Report names two entities share unmarked; count the generated keys shared by chance (pruned)."""
    index = build_index(gazetteer)
    shared: dict[tuple[str, ...], list[str]] = {}
    generated = 0
    for collision in index.collisions:
        if collision.marked or collision.rank == Rank.PARTIAL:
            continue
        if collision.rank == Rank.GENERATED:
            generated += 1
        else:
            shared.setdefault(collision.entity_ids, []).append(collision.key)
    problems = []
    for entity_ids, keys in shared.items():
        examples = ", ".join(repr(key) for key in sorted(keys)[:3])
        problems.append(
            _problem(
                index.entity(entity_ids[0]), "name",
                f"names shared with {', '.join(entity_ids[1:])} ({examples});"
                " list them as `ambiguous` in both entries, or fix the names",
            )  # fmt: skip
        )
    return problems, generated


@dataclass(frozen=True, slots=True)
class LintReport:
    """What lint found: problems to fix, and how many generated keys two entities share (informational)."""

    problems: list[Problem]
    shared_generated_keys: int


def lint(gazetteer: Gazetteer) -> LintReport:
    """Lint a loaded gazetteer: problems in file order, and the count of shared generated keys."""
    problems = []
    for entity in gazetteer.entities:
        if entity.kind == "person" and not entity.native:
            problems.append(_problem(entity, "native", "a person needs a native name (ru: Cyrillic, ko: Hangul)"))
        problems.extend(_far_native_names(entity))
    shared, generated = _shared_keys(gazetteer)
    problems.extend(shared)
    return LintReport(sorted(problems, key=lambda p: (p.path, p.line)), generated)
