"""Russian (Cyrillic -> Latin) variants: every convention's spelling of an entity's Russian names.

The conventions are the tables in ``data/ru-*.yaml`` (see :mod:`.russian_rules`):
BGN/PCGN, English Wikipedia, ICAO Doc 9303, scientific, ISO 9, and the German, French,
Spanish, Italian, Polish and Czech transcriptions; then the long-tail ones: Dutch, Swedish,
Finnish, Estonian, Lithuanian, Latvian, Hungarian, Romanian, Turkish, Azerbaijani and
Esperanto. A name written with ё is spelled from both its ё and its е reading:

>>> [spelling for spelling, scheme in romanizations("Горбачёв") if scheme in ("ru:wiki", "ru:de")]
['Gorbachyov', 'Gorbatschow', 'Gorbatschew']

People get name orders, and initials and their surname alone (as partial keys: namesakes share them); places
get their whole name spelled:

>>> from namenorm.gazetteer import Entity
>>> lavrov = Entity("sergey-lavrov", "person", "RU", "Sergey Lavrov", {"ru": ("Сергей Викторович Лавров",)})
>>> keys = {v.key for v in variants(lavrov)}
>>> sorted(k for k in keys if k.endswith(" lawrow") and k.count(" ") == 1)  # German and Polish
['s lawrow', 'sergei lawrow', 'sergej lawrow', 'siergiej lawrow']
>>> {"serguei lavrov", "lavrov sergei", "s lavrov", "лавров с в"} <= keys
True

The long-tail conventions spell only "Given Surname" and the surname alone, each bare
and, where the language adds case endings to names, declined (Lithuanian, Latvian):

>>> {"sergejus lavrovas", "sergejs lavrovs", "szergej lavrov", "lavrovas"} <= keys
True

Places also get their declined forms (Lithuanian Irkutskas, Latvian Irkutska,
Esperanto Irkutsko), as partial keys that give way to another place's own spelling:

>>> [s for s, scheme in romanizations("Иркутск", "place") if scheme.endswith("+declined")]
['Irkutskas', 'Irkutska', 'Irkutsko']
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections.abc import Iterator

from ..fold import fold
from ..gazetteer import Entity
from . import Rank, Variant
from .russian_names import RussianName, given_name_spellings, given_name_table, given_names, parse_name
from .russian_rules import spell, tables

__all__ = ["DECLINED", "by_scheme", "given_name_keys", "romanizations", "spelling_languages", "variants"]

# The `person_forms` of a table that asks for "Given Surname" and the surname alone, not every order and form.
_GIVEN_SURNAME = "given-surname"
_ENGLISH = "en"
# The kind of name whose table endings give a surname its form in the language (Polish Nawalny,
# Politkowska; Czech Navalná, Zacharovová), spelled besides its plain transcription.
_SURNAME = "surname"
# The scheme suffix of a spelling with a case ending (Putinas, Irkutska).
DECLINED = "+declined"
# Countries whose people's Russian names are Korean names in the Kontsevich system: spelling that Cyrillic in
# Latin gives nonsense (Kim Chen Yn) that may collide with real keys, so only the Cyrillic forms are kept.
_KOREAN_COUNTRIES = frozenset({"KP", "KR"})


def _readings(text: str) -> tuple[str, ...]:
    """Return the text, and its е reading when it is written with ё."""
    plain = text.replace("ё", "е").replace("Ё", "Е")
    return (text,) if plain == text else (text, plain)


@functools.lru_cache(maxsize=20_000)
def by_scheme(text: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Return (scheme, language, distinct spellings) of a Cyrillic text for each convention."""
    result = []
    for table in tables():
        spellings = dict.fromkeys(s for reading in _readings(text) for s in spell(table.scheme, reading))
        result.append((table.scheme, table.language, tuple(spellings)))
    return tuple(result)


def _spellings(scheme: str, text: str, kind: str | None = None) -> tuple[str, ...]:
    """Return a text's distinct spellings in one scheme from its ё and е readings (declined, with a kind)."""
    return tuple(dict.fromkeys(s for reading in _readings(text) for s in spell(scheme, reading, kind)))


def romanizations(cyrillic: str, kind: str | None = None) -> list[tuple[str, str]]:
    """Return (spelling, scheme) pairs of a Cyrillic text in every supported convention.

    With the kind of name ("place", "person"), a one-word name is also given the case
    endings of the conventions whose languages decline names (scheme "...+declined").
    """
    found: dict[str, str] = {}
    for scheme, _, spellings in by_scheme(cyrillic):
        for spelling in spellings:
            found.setdefault(spelling, scheme)
    if kind is not None and len(cyrillic.split()) == 1:
        for t in tables():
            for spelling in _spellings(t.scheme, cyrillic, kind):
                found.setdefault(spelling, f"{t.scheme}{DECLINED}")
    return list(found.items())


def spelling_languages(cyrillic: str) -> dict[str, tuple[str, ...]]:
    """Return each spelling of a Cyrillic text with the languages whose conventions give it.

    >>> spelling_languages("Хабаровск")["Chabarowsk"]
    ('de', 'pl')
    """
    found: dict[str, dict[str, None]] = {}
    for _, language, spellings in by_scheme(cyrillic):
        for spelling in spellings:
            found.setdefault(spelling, {})[language] = None
    return {spelling: tuple(languages) for spelling, languages in found.items()}


@functools.cache
def given_name_keys() -> frozenset[str]:
    """Return the folded spellings of the Russian given names of data/ru-given-names.yaml: Cyrillic, every
    convention's romanisation and the established spellings.

    >>> {"владимир", "артем", "wladimir", "artyom", "ruslan", "wlodzimierz"} <= given_name_keys()
    True
    """
    spellings = [spelling for name in given_names() for spelling, _ in romanizations(name)]
    established = [s for by_language in given_name_table().values() for by in by_language.values() for s in by]
    return frozenset(map(fold, (*given_names(), *spellings, *established)))


@functools.cache
def _full_schemes() -> frozenset[str]:
    """Return the schemes whose tables spell every order and form of a person's name."""
    return frozenset(t.scheme for t in tables() if t.person_forms != _GIVEN_SURNAME)


def _label(first: str, second: str) -> str:
    """Name the scheme of a name made of two parts spelled by (possibly) different schemes."""
    return first if first == second else f"{first}+{second.split(':', 1)[-1]}"


def _initial(scheme: str, word: str) -> tuple[str, ...]:
    """Return the initials of a Cyrillic word in a scheme: its first letter's spellings ("Yu", "Ju", "Iou")."""
    return tuple(dict.fromkeys(s for reading in _readings(word[0]) for s in spell(scheme, reading)))


def _cyrillic_forms(name: str, parts: RussianName) -> Iterator[Variant]:
    """Yield the Cyrillic name orders and initial forms of a Russian full name."""
    given, patronymic, surname = parts.given, parts.patronymic, parts.surname
    yield Variant.of(f"{given} {surname}", "native:ru+short", name)
    yield Variant.of(f"{surname} {given}", "native:ru+surname-first", name)
    yield Variant.of(f"{given[0]}. {surname}", "native:ru+initial", name, Rank.PARTIAL)
    yield Variant.of(f"{surname} {given[0]}.", "native:ru+surname-initial", name, Rank.PARTIAL)
    if patronymic:
        yield Variant.of(f"{surname} {given} {patronymic}", "native:ru+surname-first", name)
        yield Variant.of(f"{given[0]}. {patronymic[0]}. {surname}", "native:ru+initials", name, Rank.PARTIAL)
        yield Variant.of(f"{surname} {given[0]}. {patronymic[0]}.", "native:ru+surname-initials", name, Rank.PARTIAL)
    yield Variant.of(surname, "native:ru+surname", name, Rank.PARTIAL)


def _full_forms(entity: Entity, name: str, parts: RussianName) -> Iterator[Variant]:
    """Yield, per convention, the full name with patronymic and its initials form ("V. V. Putin").

    The given-name table's forms of other languages than English join the first convention of their language
    (Czech Josif Vissarionovič Stalin); in English, the canonical "Given Surname" takes the patronymics
    (Pyotr Ilyich Tchaikovsky, Alexander Sergeyevich Pushkin), which bounds the count of keys.
    """
    if not parts.patronymic:
        return
    given = by_scheme(parts.given)
    patronymic = by_scheme(parts.patronymic)
    surname = by_scheme(parts.surname)
    established = given_name_spellings(parts.given)
    languages_done: set[str] = set()
    words = entity.name.split()
    for (scheme, language, gs), (_, _, ps), (_, _, ss) in zip(given, patronymic, surname, strict=True):
        if scheme not in _full_schemes():
            continue
        for g, p, s in itertools.product(gs, ps, ss):
            yield Variant.of(f"{g} {p} {s}", f"{scheme}+patronymic", name)
        label = scheme.split(":", 1)[-1]
        if language == _ENGLISH:
            for p in ps if len(words) == 2 else ():
                yield Variant.of(f"{words[0]} {p} {words[1]}", f"name+{label}+patronymic", name)
        elif language not in languages_done:
            languages_done.add(language)
            for g, p, s in itertools.product(established.get(language, ()), ps, ss):
                yield Variant.of(f"{g} {p} {s}", f"ru:given-{language}+{label}+patronymic", name)
        for gi, pi, s in itertools.product(_initial(scheme, parts.given), _initial(scheme, parts.patronymic), ss):
            yield Variant.of(f"{gi}. {pi}. {s}", f"{scheme}+initials", name, Rank.PARTIAL)


def _pools(entity: Entity, parts: RussianName) -> dict[str, tuple[dict[str, str], dict[str, str], dict[str, str]]]:
    """Group given names, initials and surnames by language: spelling -> scheme, from all of its conventions."""
    pools: dict[str, tuple[dict[str, str], dict[str, str], dict[str, str]]] = {}
    for (scheme, language, gs), (_, _, ss) in zip(by_scheme(parts.given), by_scheme(parts.surname), strict=True):
        if scheme not in _full_schemes():
            continue
        given, initials, surname = pools.setdefault(language, ({}, {}, {}))
        for g in gs:
            given.setdefault(g, scheme)
        for s in ss + _spellings(scheme, parts.surname, _SURNAME):
            surname.setdefault(s, scheme)
        for i in _initial(scheme, parts.given) + tuple(g[0] for g in gs):
            initials.setdefault(i, scheme)
    for language, spellings in given_name_spellings(parts.given).items():
        given, initials, _ = pools.setdefault(language, ({}, {}, {}))
        for g in spellings:
            given.setdefault(g, f"ru:given-{language}")
            initials.setdefault(g[0], f"ru:given-{language}")
    english = parse_name(entity.name)
    if english is not None and english.patronymic is None:  # the canonical English "Given Surname", not "Nicholas II"
        given, initials, surname = pools.setdefault("en", ({}, {}, {}))
        given.setdefault(english.given, "name")
        initials.setdefault(english.given[0], "name")
        surname.setdefault(english.surname, "name")
    return pools


def _short_forms(entity: Entity, name: str, parts: RussianName) -> Iterator[Variant]:
    """Yield given + surname, surname + given, initial + surname and the surname alone, per language."""
    for given, initials, surname in _pools(entity, parts).values():
        for (g, g_scheme), (s, s_scheme) in itertools.product(given.items(), surname.items()):
            scheme = _label(g_scheme, s_scheme)
            yield Variant.of(f"{g} {s}", scheme, name)
            yield Variant.of(f"{s} {g}", f"{scheme}+surname-first", name)
        partial = [(s, surname[s]) for s in _partial_spellings(tuple(surname))]
        for (i, i_scheme), (s, s_scheme) in itertools.product(initials.items(), partial):
            yield Variant.of(f"{i}. {s}", f"{_label(i_scheme, s_scheme)}+initial", name, Rank.PARTIAL)
        for s, s_scheme in partial:
            yield Variant.of(s, f"{s_scheme}+surname", name, Rank.PARTIAL)


def _given_surname_forms(name: str, parts: RussianName) -> Iterator[Variant]:
    """Yield "Given Surname" and the surname alone in the long-tail conventions, bare and declined."""
    for t in tables():
        if t.person_forms != _GIVEN_SURNAME:
            continue
        words = (parts.given, parts.surname)
        bare = tuple(_spellings(t.scheme, word) for word in words)
        # a word that takes no ending (Шойгу, Мария) keeps its bare form in the declined name
        declined = tuple(
            _spellings(t.scheme, word, "person") or spellings for word, spellings in zip(words, bare, strict=True)
        )
        for (given, surname), label in ((bare, t.scheme), (declined, f"{t.scheme}{DECLINED}")):
            for g, s in itertools.product(given, surname):
                yield Variant.of(f"{g} {s}", label, name)
            for s in _partial_spellings(surname):
                yield Variant.of(s, f"{label}+surname", name, Rank.PARTIAL)


def _partial_spellings(spellings: tuple[str, ...]) -> tuple[str, ...]:
    """Return the spellings of a surname that may stand alone, or with initials only, as keys: those without a
    marked consonant (š, ş) or letter of its own (ł, ı), which folding makes plain, and with it another Russian
    letter (Turkish İşayev and Czech Išajev, for Ишаев, fold to "isayev" and "isajev": spellings of Исаев, a
    common surname). A marked vowel changes no consonant (French Choïgou).

    >>> _partial_spellings(("Išajev", "İşayev", "Ishayev", "Choïgou"))
    ('Ishayev', 'Choïgou')
    """
    return tuple(s for s in spellings if not any(_marked_consonant(c) for c in s if not c.isascii()))


@functools.lru_cache(maxsize=512)
def _marked_consonant(letter: str) -> bool:
    """Tell whether folding makes a non-ASCII Latin letter another plain letter that may spell another Russian one:
    a consonant with a mark (š, ç, ń) or a letter of its own (ł, ı); not a vowel with a mark (é, ï)."""
    base = unicodedata.normalize("NFD", letter)[0]
    return base == letter or base.lower() not in "aeiouy"


def _korean_person(name: str) -> Iterator[Variant]:
    """Yield the given-name-first order of a Korean name written in Cyrillic, family name first."""
    family, *given = name.split()
    if given:
        yield Variant.of(" ".join([*given, family]), "native:ru+given-first", name)


def variants(entity: Entity) -> Iterator[Variant]:
    """Yield the Latin variants of an entity's Russian names, and Cyrillic name orders for people."""
    korean = entity.country in _KOREAN_COUNTRIES
    for name in entity.native.get("ru", ()):
        parts = parse_name(name) if entity.kind == "person" else None
        if entity.kind == "person" and korean:
            yield from _korean_person(name)
        elif parts is not None:
            yield from _cyrillic_forms(name, parts)
            yield from _full_forms(entity, name, parts)
            yield from _short_forms(entity, name, parts)
            yield from _given_surname_forms(name, parts)
        elif not korean:
            for spelling, scheme in romanizations(name, entity.kind):
                # a declined place name gives way to any other place's own spelling (Пушкин+o, Пушкино)
                rank = Rank.PARTIAL if scheme.endswith(DECLINED) else Rank.GENERATED
                yield Variant.of(spelling, scheme, name, rank)
