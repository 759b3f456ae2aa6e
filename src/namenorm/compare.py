"""Compare two names without a gazetteer, with the matcher's folding, variants and edit rules.

Each name becomes an ad-hoc entity (a Cyrillic name as a Russian native name,
a Hangul name as a Korean one, anything else as a name), whose variant keys
are generated as for a gazetteer entry. A Cyrillic name that reads as the
Kontsevich spelling of a Korean name (Ким Чен Ын) is also read as Korean,
through :func:`~namenorm.variants.kontsevich.hangul_readings`; the better
reading counts. The two names are the same when they
share a key, or when a key of the first passes the fuzzy matcher's guards
against the second's keys (and then the score is the matcher's score); the
phonetic key, too coarse for a yes on its own, plays no part, nor does the
matcher's second-chance search, which rests on a gazetteer's other entities
being out of reach (a pair has none: "Kag So Ju" is not said to be Kang Sok Ju).
Otherwise they differ, and the score is half the closest pair of keys'
normalised similarity (``0.5 * (1 - edits / length)``), always below 0.5:

>>> compare("Владимир Путин", "Vladimir Putin").same
True
>>> result = compare("Vkadimir Pitin", "Vladimir Putin")
>>> result.same, result.score
(True, 0.929)
>>> compare("Kim Jong Un", "Kim Jong Il").same, compare("Kazan", "Khasan").same
(False, False)
>>> compare("Kazan", "Khasan").score < 0.5
True
>>> compare("Ким Чен Ын", "Kim Jong Un").same, compare("Ким Чен Ын", "Kim Jong Il").same
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .fold import fold
from .gazetteer import Entity, Gazetteer
from .index import build_index
from .matcher import Matcher
from .variants import generate
from .variants.kontsevich import hangul_readings

__all__ = ["Comparison", "compare"]

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")


@dataclass(frozen=True, slots=True)
class Comparison:
    """How alike two names are: a score in [0, 1], whether they name the same one, and why."""

    score: float
    same: bool
    reason: str


def _entities(name: str, prefix: str, kind: str) -> list[Entity]:
    """Make the ad-hoc entities a name may be: Cyrillic and Hangul read as native names, Kontsevich also as Korean."""
    if _HANGUL.search(name):
        return [Entity(prefix, kind, "ZZ", name, {"ko": (name,)})]
    if _CYRILLIC.search(name):
        korean = [Entity(f"{prefix}{i}", kind, "ZZ", name, {"ko": (hangul,)}) for i, hangul in enumerate(hangul_readings(name, kind))]
        return [Entity(prefix, kind, "ZZ", name, {"ru": (name,)}), *korean]
    return [Entity(prefix, kind, "ZZ", name)]


def compare(a: str, b: str, *, kind: str = "person") -> Comparison:
    """Compare two names (of people, or of places with kind="place") and say whether they are the same."""
    variants = [variant for entity in _entities(a, "a", kind) for variant in generate(entity)]
    variants = list({variant.key: variant for variant in reversed(variants)}.values())[::-1]  # first reading's first
    first_keys = [variant.key for variant in variants]
    matcher = Matcher(build_index(Gazetteer(tuple(_entities(b, "b", kind)), (), "compare")))
    best = None
    for variant in variants:
        for match in matcher.candidates(variant.key, limit=1, phonetic=False, second_chance=False):
            if best is None or match.score > best[1].score:
                best = variant, match
        if best is not None and best[1].score == 1.0:
            break
    if best is not None:
        variant, match = best
        return Comparison(match.score, True, f"{variant.key} ({variant.scheme} of {variant.source}): {match.reason}")
    second_keys = list(matcher.index.keys)
    if not first_keys or not second_keys:
        return Comparison(0.0, False, "no keys to compare")
    closest = min(
        ((key, *process.extractOne(key, second_keys, scorer=OSA.distance)[:2]) for key in first_keys),
        key=lambda found: found[2] / max(len(found[0]), len(found[1])),
    )
    key, other, distance = closest
    score = round(0.5 * (1 - distance / max(len(key), len(other))), 3)
    return Comparison(score, False, f"{fold(a)} ≠ {fold(b)}: closest keys {key} and {other} are {distance} edit{'s' if distance != 1 else ''} apart")
