"""Place variants: generic terms (River, река, 강, Insel, край ...) swapped across languages.

A place name's generic term is recognised by the table in ``data/place-terms.yaml``
for the place's `type`; its stem is romanised by the Russian and Korean modules
and recombined with every other language's term for that category:

>>> from namenorm.gazetteer import Entity
>>> tumen = Entity("tumen-river", "place", "KP", "Tumen River", {"ko": ("두만강",)}, type="river")
>>> keys = {v.key for v in variants(tumen)}
>>> {"tuman river", "dumangang", "rio tumen", "tumen"} <= keys
True

A term of one language (`lang`) takes the stems romanised in that language's own convention,
and a term without one the English-like and Korean ones; a term may ask for the stem's
adjective form in its language (Polish Kraj Chabarowski, Czech Chabarovský kraj):

>>> krai = Entity("khabarovsk-krai", "place", "RU", "Khabarovsk Krai", {"ru": ("Хабаровский край",)}, type="krai")
>>> keys = {v.key for v in variants(krai)}
>>> {"kraj chabarowski", "chabarovsky kraj", "khabarovskiy kray"} <= keys, "chabarowskij krai" in keys
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml

from ..fold import fold
from ..gazetteer import Entity
from . import Rank, Variant, korean, russian
from .russian_rules import spell, tables

__all__ = ["Category", "Term", "categories", "variants"]

_LANGUAGE_OF_COUNTRY = {"RU": "ru", "KP": "ko", "KR": "ko"}
_ROMANIZERS = {"Cyrl": ("ru", russian.romanizations), "Hang": ("ko", korean.romanizations)}
# A Cyrillic adjective alone (Русский, Приморский), in any spelling (Russky, Ruský), is a common word, not a name.
_CYRILLIC_ADJECTIVE = re.compile(r"(ий|ый|ой|ая|яя|ое|ее)\Z")
# The language of romanisations meant for English texts (BGN/PCGN, Wikipedia, ICAO...): lang-less terms take them.
_ENGLISH = "en"
_ADJECTIVE = "adjective"


@dataclass(frozen=True, slots=True)
class Term:
    """A generic term and how it attaches to a stem."""

    term: str
    script: str
    position: str  # "before" | "after"
    join: str = " "
    romanized_from: str | None = None
    lang: tuple[str, ...] = ()  # the languages whose own romanisations it takes; () = English-like ones
    form: str | None = None  # "adjective": the stem in the term's language's adjective form

    def takes(self, stem_languages: tuple[str, ...] | None) -> bool:
        """Tell whether a stem as spelled (romanised for some languages; None: written) takes this term."""
        if self.form is not None:  # it takes the stem's adjective form only
            return False
        if stem_languages is None:
            return True
        return any(language in (self.lang or (_ENGLISH,)) for language in stem_languages)

    def attach(self, stem: str) -> str:
        """Return the stem with this term before or after it."""
        return f"{self.term}{self.join}{stem}" if self.position == "before" else f"{stem}{self.join}{self.term}"

    def strip(self, name: str) -> str | None:
        """Return the name's stem if the name carries this term, else None."""
        if self.position == "before" and name.lower().startswith(self.term.lower() + self.join):
            stem = name[len(self.term) + len(self.join) :]
        elif self.position == "after" and name.lower().endswith(self.join + self.term.lower()):
            stem = name[: len(name) - len(self.term) - len(self.join)]
        else:
            return None
        return stem.strip() or None


@dataclass(frozen=True, slots=True)
class Category:
    """A kind of place (river, krai ...) with the gazetteer types and terms it covers."""

    name: str
    types: frozenset[str]
    countries: frozenset[str] | None
    terms: tuple[Term, ...]
    adjective_stem: bool = False  # a Cyrillic adjective stem alone is a partial key (Vostochny for the cosmodrome)

    def applies_to(self, entity: Entity) -> bool:
        """Say whether this category's terms belong to the entity's names."""
        return entity.type in self.types and (self.countries is None or entity.country in self.countries)


def _term(spec: dict) -> Term:
    """Build a Term from its table entry (`lang` may be one language or a list)."""
    lang = spec.get("lang", ())
    return Term(**{**spec, "lang": (lang,) if isinstance(lang, str) else tuple(lang)})


@cache
def categories() -> tuple[Category, ...]:
    """Return the categories of generic terms from the data table."""
    table = yaml.safe_load(files("namenorm").joinpath("data/place-terms.yaml").read_text(encoding="utf-8"))
    return tuple(
        Category(
            name,
            frozenset(spec["types"]),
            frozenset(spec["countries"]) if "countries" in spec else None,
            tuple(sorted((_term(term) for term in spec["terms"]), key=lambda t: -len(t.term))),
            spec.get("adjective_stem", False),
        )
        for name, spec in table["categories"].items()
    )


def _script(text: str) -> str:
    """Return Hang, Cyrl or Latn for the script of a name's letters (Latn when mixed or other)."""
    if any("\uac00" <= c <= "\ud7a3" for c in text):
        return "Hang"
    if any("\u0400" <= c <= "\u04ff" for c in text):
        return "Cyrl"
    return "Latn"


def _names(entity: Entity) -> Iterator[tuple[str, str]]:
    """Yield each name written in the gazetteer with its provenance label."""
    yield entity.name, "name"
    for alias in entity.aliases:
        yield alias, "alias"
    for language, names in entity.native.items():
        for name in names:
            yield name, f"native:{language}"


def _stem(name: str, category: Category) -> tuple[str, bool]:
    """Return the name without its generic term, and whether it had one."""
    script = _script(name)
    for term in category.terms:
        if term.script == script:
            stem = term.strip(name)
            if stem:
                return stem, True
    return name, False


def _transcriptions(entity: Entity) -> frozenset[str]:
    """Return the folded Cyrillic and Hangul names of an entity that transcribe another of its names.

    The Russian name of a Korean place (Кимхэ for 김해) and the Korean name of a Russian one
    (블라디보스토크) are transcriptions: romanising them again would make keys no one writes
    (Spanish 'Kimje'). A name of its own (Туманная for the Tumen) is not one of these.
    """
    found: set[str] = set()
    for hangul in entity.native.get("ko", ()):
        found.update(fold(s) for s, scheme in korean.romanizations(hangul) if _script(s) == "Cyrl")
    if _LANGUAGE_OF_COUNTRY.get(entity.country) == "ru":
        found.update(fold(name) for name, _ in _names(entity) if _script(name) == "Hang")
    return frozenset(found)


def _spellings(
    stem: str, scheme: str, romanize: bool
) -> Iterator[tuple[str, str, str, str | None, tuple[str, ...] | None]]:
    """Yield (stem spelling, its script, scheme, language it is romanised from, languages it is written for)."""
    script = _script(stem)
    yield stem, script, scheme, None, None
    if romanize and script in _ROMANIZERS:
        language, romanizations = _ROMANIZERS[script]
        written_for = russian.spelling_languages(stem) if language == "ru" else {}
        for spelling, romanization in romanizations(stem):
            targets = written_for.get(spelling, (_ENGLISH,))
            yield spelling, _script(spelling), f"{scheme}>{romanization}", language, targets


def _adjective_forms(stem: str, scheme: str, category: Category) -> Iterator[Variant]:
    """Yield a Cyrillic adjective stem in each term's language's adjective form, with that term."""
    for term in category.terms:
        if term.form != _ADJECTIVE:
            continue
        for t in tables():
            if t.language in term.lang:
                for spelling in spell(t.scheme, stem, _ADJECTIVE):
                    yield Variant.of(term.attach(spelling), f"{scheme}>{t.scheme}+{_ADJECTIVE}+{category.name}", stem)


def _adjective_spellings(entity: Entity, category: Category) -> frozenset[str]:
    """Return the folded spellings of the entity's Cyrillic adjective stems (Русский: russky, rusky ...).

    The English name's stem is often one of them (Russky Island): alone, it is the common word
    'Russian' in Czech (Ruský) or Polish, not a name.
    """
    found: set[str] = set()
    for name, _ in _names(entity):
        stem, had_term = _stem(name, category)
        if had_term and _script(stem) == "Cyrl" and _CYRILLIC_ADJECTIVE.search(stem):
            found.add(fold(stem))
            found.update(fold(spelling) for spelling, _ in russian.romanizations(stem))
    return frozenset(found)


def variants(entity: Entity) -> Iterator[Variant]:
    """Yield a place's names with their generic terms swapped across languages and scripts."""
    if entity.kind != "place":
        return
    country_language = _LANGUAGE_OF_COUNTRY.get(entity.country)
    transcriptions = _transcriptions(entity)
    for category in categories():
        if not category.applies_to(entity):
            continue
        adjectives = _adjective_spellings(entity, category)
        for name, scheme in _names(entity):
            stem, had_term = _stem(name, category)
            adjective = _script(stem) == "Cyrl" and bool(_CYRILLIC_ADJECTIVE.search(stem))
            romanize = fold(name) not in transcriptions
            if adjective and had_term and romanize:
                yield from _adjective_forms(stem, scheme, category)
            for spelling, script, spelling_scheme, language, target in _spellings(stem, scheme, romanize):
                language = language or (country_language if script == "Latn" else None)
                alone = category.adjective_stem or (not adjective and fold(spelling) not in adjectives)
                if had_term and alone:  # the stem alone: Tumen, 두만; not Russky (Русский), a common word
                    yield Variant.of(spelling, f"{spelling_scheme}-{category.name}", name, Rank.PARTIAL)
                elif not had_term and spelling != stem:  # the whole name romanised: Tumannaya
                    yield Variant.of(spelling, spelling_scheme, name)
                for term in category.terms:
                    if term.script == script and term.romanized_from in (None, language) and term.takes(target):
                        yield Variant.of(term.attach(spelling), f"{spelling_scheme}+{category.name}", name)
