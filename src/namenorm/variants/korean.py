"""Korean variants: Hangul names in Revised Romanization, McCune-Reischauer, DPRK and Kontsevich spellings,
and as Czech, Polish and Hungarian write them.

Places and words are spelled whole, with the sound changes of each scheme:

>>> for spelling, scheme in romanizations("평양"):
...     print(spelling, scheme)
Pyeongyang ko:rr
P'yŏngyang ko:mr
Phyŏngyang ko:dprk
Пхёнъян ko:kontsevich
Пхеньян ko:kontsevich+established
Pchjongjang ko:cs
Pjongjang ko:pl
Phjongjang ko:hu

Other languages' forms that read as an English romanisation of other Hangul
are left out (Czech 대구 "Tegu"):

>>> [scheme for _, scheme in romanizations("대구")]
['ko:rr', 'ko:mr', 'ko:dprk', 'ko:kontsevich']

A person's Hangul name is split into family and given name; each scheme's
given name is combined with the common spellings of the family name, in both
name orders and with the given name spaced (= hyphenated, once folded) or joined:

>>> from namenorm.gazetteer import Entity
>>> kim = Entity("kim-jong-un", "person", "KP", "Kim Jong Un", {"ko": ("김정은",)})
>>> keys = {v.key for v in variants(kim)}
>>> sorted(k for k in keys if k.startswith("kim jong"))
['kim jong eun', 'kim jong un', 'kim jongeun', 'kim jongun']
>>> {"gim jeong eun", "kim chong un", "jong un kim", "ким чен ын", "чен ын ким", "김 정은"} <= keys
True
>>> {"kim cong un", "kim dzong un", "kim dzsongun", "kim dzsong un"} <= keys
True
>>> key_count(kim) <= KEY_BUDGET
True
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence

from ..fold import fold
from ..gazetteer import Entity
from . import Rank, Variant
from .korean_spelling import (
    LANGUAGE_SCHEMES,
    SCHEMES,
    english_lookalike,
    given_spellings,
    is_hangul,
    load_table,
    spell,
    spell_parts,
    spellings,
    unit_spellings,
)
from .korean_initial_sound import south_korean, south_korean_name

__all__ = ["KEY_BUDGET", "key_count", "romanizations", "split_name", "surname_spellings", "variants"]

# At most this many distinct keys per Korean person; the most common forms come first.
KEY_BUDGET = 150
# In the cross-scheme mixes, at most this many spellings of each given-name syllable.
MIX_WIDTH = 3
# In the cross-scheme mixes, at most this many spellings of the family name.
MIX_SURNAMES = 3
_LATIN = ("ko:rr", "ko:mr", "ko:dprk")
_CYRILLIC = "ko:kontsevich"


def romanizations(hangul: str) -> list[tuple[str, str]]:
    """Return (spelling, scheme) pairs of a Hangul text in every supported convention, then other languages'."""
    pairs = []
    for scheme in SCHEMES + LANGUAGE_SCHEMES:
        for i, spelling in enumerate(spellings(hangul, scheme)):
            if i == 0 and english_lookalike(spell_parts(hangul, scheme), scheme):
                continue
            pairs.append((spelling, scheme if i == 0 else f"{scheme}+established"))
        pairs.extend((spelling, f"{scheme}+unit") for spelling in unit_spellings(hangul, scheme))
    return pairs


def split_name(hangul: str) -> tuple[str, str]:
    """Split a Hangul personal name into family name and given name (a space, if any, decides)."""
    if " " in hangul.strip():
        surname, given = hangul.split(None, 1)
        return surname, given.replace(" ", "")
    two_syllable = {name for name in _surnames() if len(name) == 2}
    if len(hangul) >= 3 and hangul[:2] in two_syllable:
        return hangul[:2], hangul[2:]
    return hangul[:1], hangul[1:]


def surname_spellings(surname: str, country: str = "") -> list[str]:
    """Return the Latin spellings of a family name, the most common for the country first."""
    table = _surnames().get(surname, {}).get("latin", [])
    schemes = [spell(surname, scheme) for scheme in _scheme_order(country)]
    ordered = schemes + table if country == "KP" else table + schemes
    return _distinct(ordered)


def variants(entity: Entity) -> Iterator[Variant]:
    """Yield the Latin and Cyrillic variants of an entity's Korean names."""
    for name in entity.native.get("ko", ()):
        hangul = all(is_hangul(c) or c == " " for c in name) and len(name.replace(" ", "")) > 1
        if entity.kind == "person" and hangul:
            yield from _budgeted(_person(entity, name))
            continue
        for spelling, scheme in romanizations(name):
            yield Variant.of(spelling, scheme, name)
        yield from _halves(name)
        south = south_korean(name)
        if entity.country == "KP" and south != name:  # 녕변 -> 영변, as South Korean text writes it
            yield Variant.of(south, "native:ko+initial-sound", name)
            for spelling, scheme in romanizations(south):
                yield Variant.of(spelling, f"{scheme}+initial-sound", name)


def key_count(entity: Entity) -> int:
    """Return how many distinct keys :func:`variants` makes for an entity."""
    return len({v.key for v in variants(entity)})


def _surnames() -> dict[str, dict[str, list[str]]]:
    """Return the family-name table: Hangul -> {"latin": [...], "cyrillic": [...]}."""
    return load_table("ko-surnames.yaml")["surnames"]


def _scheme_order(country: str) -> tuple[str, ...]:
    """Return the Latin schemes, the one most used for the country's people first."""
    return ("ko:dprk", "ko:mr", "ko:rr") if country == "KP" else _LATIN


def _distinct(spellings: Iterable[str]) -> list[str]:
    """Keep the first spelling of each folded key, in order."""
    first: dict[str, str] = {}
    for spelling in spellings:
        first.setdefault(fold(spelling), spelling)
    return list(first.values())


def _budgeted(variants: Iterable[Variant]) -> Iterator[Variant]:
    """Yield distinct keys in order until KEY_BUDGET of them are out."""
    seen: set[str] = set()
    for variant in variants:
        if variant.key in seen or not variant.key:
            continue
        if len(seen) == KEY_BUDGET:
            return
        seen.add(variant.key)
        yield variant


def _forms(surname: str, given: Sequence[str], scheme: str, source: str) -> Iterator[Variant]:
    """Yield a full name: family name first and last, given name spaced and joined."""
    spaced, joined = " ".join(given), "".join(given)
    yield Variant.of(f"{surname} {spaced}", scheme, source)
    yield Variant.of(f"{surname} {joined}", f"{scheme}+joined", source)
    yield Variant.of(f"{spaced} {surname}", f"{scheme}+given-first", source)
    yield Variant.of(f"{joined} {surname}", f"{scheme}+given-first+joined", source)


def _halves(hangul: str) -> Iterator[Variant]:
    """Yield the English names of a province split in two (평안북도 -> North Phyongan Province)."""
    table = load_table("ko-units.yaml")
    for ending, direction in table["directions"].items():
        stem = hangul.strip().removesuffix(ending)
        if stem == hangul.strip() or len(stem) < table["min_stem"]:
            continue
        for scheme in _LATIN:
            for form in table["direction_forms"]:
                name = form["form"].format(direction=direction, stem=spell(stem, scheme))
                yield Variant.of(name, f"{scheme}+halves", hangul, Rank.PARTIAL if form["partial"] else Rank.GENERATED)


def _person(entity: Entity, hangul: str) -> Iterator[Variant]:
    """Yield a Korean person's variants, most common forms first."""
    surname, given = split_name(hangul)
    schemes = _scheme_order(entity.country)
    latin_surnames = surname_spellings(surname, entity.country)
    yield Variant.of(f"{surname} {given}", "native:ko+spaced", hangul)
    south = south_korean_name(surname, given)
    if entity.country == "KP" and south != (surname, given):  # 리설주 -> 이설주, as South Korean text writes it
        yield Variant.of("".join(south), "native:ko+initial-sound", hangul)
        yield Variant.of(" ".join(south), "native:ko+initial-sound+spaced", hangul)
    yield from _written(entity, latin_surnames, hangul)
    by_scheme = {scheme: given_spellings(surname, given, scheme) for scheme in SCHEMES}
    for scheme in schemes:  # each scheme's own spelling of the whole name
        yield from _forms(spell(surname, scheme), [s[0] for s in by_scheme[scheme]], scheme, hangul)
    yield from _cyrillic(surname, by_scheme[_CYRILLIC], hangul)
    yield from _languages(surname, given, hangul)
    not_alone = {fold(s) for s in load_table("ko-surnames.yaml")["not_alone"]}
    for spelling in [*latin_surnames, *_cyrillic_surnames(surname), surname]:
        if fold(spelling) not in not_alone:
            yield Variant.of(spelling, "ko:surname", hangul, Rank.PARTIAL)
    for scheme in schemes:  # each scheme's given name with the usual family-name spellings
        for spelling in latin_surnames:
            yield from _forms(spelling, [s[0] for s in by_scheme[scheme]], f"{scheme}+surname", hangul)
    yield from _mixes(surname, given, latin_surnames[:MIX_SURNAMES], [by_scheme[s] for s in schemes], hangul)


def _written(entity: Entity, latin_surnames: Sequence[str], source: str) -> Iterator[Variant]:
    """Yield the join and order variants of the gazetteer's own Latin names (Moon Jae-in -> Jae-in Moon)."""
    known = {fold(s) for s in latin_surnames}
    for written in (entity.name, *entity.aliases):
        words = fold(written).split()
        if not 2 <= len(words) <= 5 or not written.isascii():
            continue
        if words[0] in known:
            given = words[1:]
        elif words[-1] in known:
            given = words[:-1]
        else:
            continue
        for spelling in latin_surnames:
            yield from _forms(spelling, given, "name", written)


def _cyrillic_surnames(surname: str) -> list[str]:
    """Return the Cyrillic spellings of a family name: Kontsevich's, then established ones."""
    return _distinct([spell(surname, _CYRILLIC), *_surnames().get(surname, {}).get("cyrillic", [])])


def _cyrillic(surname: str, syllables: Sequence[Sequence[str]], source: str) -> Iterator[Variant]:
    """Yield the Russian forms: each given-name syllable a word (Ким Чен Ын), both orders; the system's joined one."""
    system = "".join(s[0] for s in syllables)
    for spelling in _cyrillic_surnames(surname):
        for given in itertools.product(*syllables):
            yield Variant.of(f"{spelling} {' '.join(given)}", _CYRILLIC, source)
            yield Variant.of(f"{' '.join(given)} {spelling}", f"{_CYRILLIC}+given-first", source)
        yield Variant.of(f"{spelling} {system.capitalize()}", f"{_CYRILLIC}+joined", source)


def _languages(surname: str, given: str, source: str) -> Iterator[Variant]:
    """Yield other languages' forms (Kim Čong-un, Kim Dzong Un, Kim Dzsongun), family name first, spaced and joined."""
    for scheme in LANGUAGE_SCHEMES:
        family = spell(surname, scheme)
        for syllables in itertools.product(*given_spellings(surname, given, scheme)):
            if not english_lookalike([family, *syllables], scheme):
                yield Variant.of(f"{family} {' '.join(syllables)}", scheme, source)
                yield Variant.of(f"{family} {''.join(syllables)}", f"{scheme}+joined", source)


def _mixes(
    surname: str, given: str, latin_surnames: Sequence[str], by_scheme: Sequence[list[list[str]]], source: str
) -> Iterator[Variant]:
    """Yield given names that mix schemes and the usual spellings of each syllable, likeliest first."""
    popular = load_table("ko-given-syllables.yaml")["syllables"]
    columns = []
    for position, char in enumerate(given):
        own = [forms[position][0] for forms in by_scheme]
        isolated = [spell(char, scheme) for scheme in _LATIN]
        candidates = [own[0], *popular.get(char, []), *own[1:], *isolated]
        columns.append(_distinct(c.capitalize() for c in candidates)[:MIX_WIDTH])
    combinations = sorted(itertools.product(*(range(len(c)) for c in columns)), key=lambda ix: (sum(ix), ix))
    for indexes in combinations:
        syllables = [column[i] for column, i in zip(columns, indexes, strict=True)]
        for spelling in latin_surnames:
            yield from _forms(spelling, syllables, "ko:mixed", source)
