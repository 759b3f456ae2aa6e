"""Seeded negative queries: common Russian names that name nobody in the gazetteers.

Made at run time from ``gold/common-russian-names.yaml`` (frequent surnames and patronymics) and
namenorm's own given names (``data/ru-given-names.yaml``): a surname, masculine or feminine, with a given
name, initials or a patronymic in one of :data:`NAMED_FORMS`, or alone in one of :data:`LONE_FORMS`
("Kiselev said", "г-н Бородин"), written in Cyrillic (with е for ё, as the press writes) or romanised
by namenorm's own tables (:data:`SCRIPTS`: BGN/PCGN as written and without its diacritics, Wikipedia,
ICAO passports). A combination whose Cyrillic surname and given name (or its initial) are those of a
gazetteer person's Russian name is dropped: "Лавров С." may be Sergey Lavrov, a right match. A lone
surname is never dropped but counted apart: that it may name a famous bearer is a policy question.

>>> from namenorm.gazetteer import Entity
>>> lavrov = Entity("sergey-lavrov", "person", "RU", "Sergey Lavrov", {"ru": ("Сергей Викторович Лавров",)})
>>> rows = make_negatives([lavrov], limit=300)
>>> any(r.surname == "Лавров" and r.given[:1] == "С" for r in rows if not r.lone)
False
>>> feminine("Лавров"), feminine("Вознесенский"), latin("ru:bgn", "Киселёв"), latin(PLAIN_BGN, "Киселёв")
('Лаврова', 'Вознесенская', 'Kiselëv', 'Kiselev')
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks.gold import GOLD_DIR
from namenorm.fold import fold
from namenorm.gazetteer import Entity
from namenorm.variants.russian_names import given_names, parse_name
from namenorm.variants.russian_rules import spell

SEED = 20261124
PATH = GOLD_DIR / "common-russian-names.yaml"
CYRILLIC = "cyrillic"
PLAIN_BGN = "ru:bgn-plain"  # BGN/PCGN without ë and the soft-sign apostrophe, as news and sanctions lists write it
SCRIPTS = (CYRILLIC, "ru:bgn", PLAIN_BGN, "ru:wiki", "ru:icao")
# {S} surname, {G} given name, {P} patronymic, {I} and {J} their initials
NAMED_FORMS = {"S I.": "{S} {I}.", "I. S": "{I}. {S}", "S I. J.": "{S} {I}. {J}.", "S G": "{S} {G}", "G S": "{G} {S}",
               "S G P": "{S} {G} {P}"}  # fmt: skip
LONE_FORMS = ("S", "S said", "Mr S")
# The words around a lone surname and the sentence around every query, per script and gender.
_SAID = {"latin": ("said", "said"), CYRILLIC: ("сказал", "сказала")}
_ADDRESS = {"latin": (("Mr", "Mr.", "Dr."), ("Ms", "Mrs.", "Dr.")), CYRILLIC: (("г-н", "господин"), ("г-жа", "госпожа"))}
_SENTENCE = {"latin": "The list: {q}, and others.", CYRILLIC: "Список: {q}, и другие."}
_FEMININE_ENDINGS = (("ский", "ская"), ("цкий", "цкая"), ("ой", "ая"), ("ов", "ова"), ("ев", "ева"), ("ёв", "ёва"),
                     ("ин", "ина"), ("ын", "ына"))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Negative:
    """A name that names nobody in the gazetteers, the short text it is written in, and how it was made."""

    name: str  # what match() is given: "Kiselev A.", "Kiselev"
    query: str  # the name in its form: "Kiselev said", "г-н Бородин"
    sentence: str  # the query in a sentence: "The list: Kiselev said, and others."
    form: str  # a key of NAMED_FORMS or one of LONE_FORMS
    script: str  # one of SCRIPTS
    lone: bool  # a surname alone
    surname: str  # in Cyrillic, masculine or feminine as written
    given: str = ""  # in Cyrillic ("" for a lone surname)


@dataclass(frozen=True, slots=True)
class CommonNames:
    """The frequent surnames (masculine), the given names by gender and the patronymics by gender."""

    surnames: tuple[str, ...]
    given: tuple[tuple[str, ...], tuple[str, ...]]  # masculine, feminine
    patronymics: tuple[tuple[str, ...], tuple[str, ...]]  # a son's, a daughter's
    source: str


def load_common_names(path: Path = PATH) -> CommonNames:
    """Load the surnames and patronymics of the data file, and namenorm's given names split by gender."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    surnames = tuple(dict.fromkeys([*data["surnames"], *data["extra_surnames"]]))
    masculine_in_a, feminine_other = set(data["masculine_in_a"]), set(data["feminine_not_in_a"])
    is_feminine = [(name[-1] in "ая" and name not in masculine_in_a) or name in feminine_other for name in given_names()]
    given = (tuple(n for n, f in zip(given_names(), is_feminine) if not f), tuple(n for n, f in zip(given_names(), is_feminine) if f))
    pairs = data["patronymics"].values()
    return CommonNames(surnames, given, (tuple(p[0] for p in pairs), tuple(p[1] for p in pairs)), data["source"])


def feminine(surname: str) -> str:
    """Return the feminine form of a masculine Russian surname (the same word if it has none)."""
    return next((surname[: -len(m)] + f for m, f in _FEMININE_ENDINGS if surname.endswith(m)), surname)


def latin(scheme: str, cyrillic: str) -> str:
    """Return a Cyrillic text in one script of SCRIPTS (the first spelling of its table)."""
    if scheme == CYRILLIC:
        return cyrillic.replace("ё", "е").replace("Ё", "Е")
    if scheme == PLAIN_BGN:
        return latin("ru:bgn", cyrillic).replace("ë", "e").replace("Ë", "E").replace("’", "").replace("ʹ", "")
    return spell(scheme, cyrillic)[0]


def gazetteer_people(entities: Iterable[Entity]) -> frozenset[tuple[str, str]]:
    """Return the folded (surname, given name) and (surname, initial) pairs of the people's Russian names."""
    pairs = set()
    for entity in entities:
        for name in entity.native.get("ru", ()) if entity.kind == "person" else ():
            if (parts := parse_name(name)) is not None:
                pairs.update({(fold(parts.surname), fold(parts.given)), (fold(parts.surname), fold(parts.given)[:1])})
    return frozenset(pairs)


def _row(form: str, template: str, script: str, female: bool, parts: dict[str, str], rng: random.Random) -> Negative:
    """Spell one combination in a script and put it in its form and sentence."""
    kind = CYRILLIC if script == CYRILLIC else "latin"
    name = latin(script, template.format(**parts))
    query = {"S said": f"{name} {_SAID[kind][female]}", "Mr S": f"{rng.choice(_ADDRESS[kind][female])} {name}"}.get(form, name)
    return Negative(name, query, _SENTENCE[kind].format(q=query), form, script, form in LONE_FORMS, parts["S"], parts.get("G", ""))


def _named(names: CommonNames, rng: random.Random) -> Iterator[Negative]:
    """Yield random combinations of a surname with a given name, its initial or a patronymic, endlessly."""
    while True:
        female = rng.random() < 0.5
        surname = rng.choice(names.surnames)
        given, patronymic = rng.choice(names.given[female]), rng.choice(names.patronymics[female])
        form = rng.choice(list(NAMED_FORMS))
        parts = {"S": feminine(surname) if female else surname, "G": given, "P": patronymic, "I": given[0], "J": patronymic[0]}
        yield _row(form, NAMED_FORMS[form], rng.choice(SCRIPTS), female, parts, rng)


def _lone(names: CommonNames, rng: random.Random) -> list[Negative]:
    """Return every surname, masculine and feminine, alone in every form and script, distinct, shuffled."""
    rows = {}
    for surname in names.surnames:
        for female in (False, True):
            for script in SCRIPTS:
                for form in LONE_FORMS:
                    row = _row(form, "{S}", script, female, {"S": feminine(surname) if female else surname}, rng)
                    rows.setdefault(row.query, row)
    shuffled = list(rows.values())
    rng.shuffle(shuffled)
    return shuffled


def make_negatives(entities: Iterable[Entity], limit: int, seed: int = SEED, names: CommonNames | None = None) -> list[Negative]:
    """Return up to `limit` distinct named negatives (none a gazetteer person's name), then up to `limit` lone surnames."""
    names = names or load_common_names()
    people = gazetteer_people(entities)
    rng = random.Random(seed)
    named: dict[str, Negative] = {}
    for tries, row in enumerate(_named(names, rng)):
        if len(named) >= limit or tries >= 20 * limit:
            break
        surname, given = fold(row.surname), fold(row.given)
        if not {(surname, given), (surname, given[:1])} & people:
            named.setdefault(row.query, row)
    return [*named.values(), *_lone(names, rng)[:limit]]
