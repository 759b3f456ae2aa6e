"""Hangul in Latin and Cyrillic letters, by the rule tables in ``data/ko-*.yaml``.

A syllable block is split arithmetically into its initial, medial and final
letters (U+AC00 + (initial * 21 + medial) * 28 + final). Inside a word the
sound changes of ``ko-pronunciation.yaml`` apply first (liaison, neutral
finals, nasal and liquid assimilation); then each scheme's table spells the
letters, an initial depending on what sound precedes it:

>>> pronounce("왕십리")
'왕심니'
>>> [spell("신라", scheme) for scheme in SCHEMES]
['Silla', 'Silla', 'Silla', 'Силла']
>>> [spell("평양", scheme) for scheme in SCHEMES]
['Pyeongyang', "P'yŏngyang", 'Phyŏngyang', 'Пхёнъян']
>>> spellings("평양", "ko:kontsevich")
['Пхёнъян', 'Пхеньян']

Personal names are spelled syllable by syllable, without sound changes (RR
chapter 3 art. 4), voiced where the scheme voices them:

>>> [spell_name("김", "정은", scheme) for scheme in SCHEMES]
['Gim Jeong-eun', 'Kim Chŏng-ŭn', 'Kim Jŏng Ŭn', 'Ким Чжон Ын']
>>> given_spellings("김", "정은", "ko:kontsevich")
[['Чжон', 'Чен'], ['Ын']]

A place name ending in an administrative unit is also spelled with the unit
after a hyphen (``ko-units.yaml``):

>>> unit_spellings("동창리", "ko:rr"), unit_spellings("함경북도", "ko:mr")
(['Dongchang-ri'], ['Hamgyŏng-bukto', 'Hamgyŏng-pukto'])

Other languages' transcriptions (LANGUAGE_SCHEMES: Czech, Polish, Hungarian)
use the same engine with their own tables:

>>> [spell("평양", scheme) for scheme in LANGUAGE_SCHEMES]
['Pchjongjang', 'Pjongjang', 'Phjongjang']
>>> [spell_name("김", "정은", scheme) for scheme in LANGUAGE_SCHEMES]
['Kim Čong-un', 'Kim Dzong Un', 'Kim Dzsongun']

Their forms are kept only if some syllable is one no romanisation of Korean
writes; Czech 김영일 "Kim Jong-il" reads as English 김정일:

>>> is_distinct(spell_parts("평양", "ko:cs")), is_distinct(["Jong", "Il"]), is_distinct(["Čong", "Il"])
(True, False, True)
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from ..fold import fold

__all__ = [
    "DATA_DIR",
    "LANGUAGE_SCHEMES",
    "SCHEMES",
    "Syllable",
    "compose",
    "decompose",
    "english_lookalike",
    "given_spellings",
    "is_distinct",
    "is_hangul",
    "load_table",
    "pronounce",
    "reads_as_korean",
    "romanized_syllables",
    "spell",
    "spell_name",
    "spell_parts",
    "spellings",
    "unit_spellings",
]

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
SCHEMES = ("ko:rr", "ko:mr", "ko:dprk", "ko:kontsevich")
# Other languages' transcriptions of Korean: Czech, Polish, Hungarian.
LANGUAGE_SCHEMES = ("ko:cs", "ko:pl", "ko:hu")
_FILES = {scheme: f"ko-{scheme.removeprefix('ko:')}.yaml" for scheme in SCHEMES + LANGUAGE_SCHEMES}
# The romanisations whose syllables English-language text uses.
_ENGLISH = ("ko:rr", "ko:mr", "ko:dprk")

_FIRST, _LAST = 0xAC00, 0xD7A3
_MEDIALS, _FINALS = 21, 28


def _letters(first: int, count: int, prefix: str) -> tuple[str, ...]:
    """Name the conjoining jamo first..first+count by their compatibility letters (ㄱ, ㅏ, ...)."""
    names = (unicodedata.name(chr(first + i)).removeprefix(prefix) for i in range(count))
    return tuple(unicodedata.lookup("HANGUL LETTER " + name) for name in names)


_INITIAL = _letters(0x1100, 19, "HANGUL CHOSEONG ")
_MEDIAL = _letters(0x1161, _MEDIALS, "HANGUL JUNGSEONG ")
_FINAL = ("",) + _letters(0x11A8, _FINALS - 1, "HANGUL JONGSEONG ")
_SILENT = _INITIAL[11]  # ㅇ as an initial is silent


@dataclass(frozen=True, slots=True)
class Syllable:
    """One Hangul syllable block as its letters; `final` is "" when there is none."""

    initial: str
    medial: str
    final: str = ""


def is_hangul(char: str) -> bool:
    """Tell whether a character is a precomposed Hangul syllable."""
    return _FIRST <= ord(char) <= _LAST


def decompose(char: str) -> Syllable:
    """Split a Hangul syllable block into its initial, medial and final letters."""
    code = ord(char) - _FIRST
    return Syllable(_INITIAL[code // (_MEDIALS * _FINALS)], _MEDIAL[code // _FINALS % _MEDIALS], _FINAL[code % _FINALS])


def compose(syllable: Syllable) -> str:
    """Put a syllable's letters back into one block (the inverse of :func:`decompose`)."""
    index = (_INITIAL.index(syllable.initial) * _MEDIALS + _MEDIAL.index(syllable.medial)) * _FINALS
    return chr(_FIRST + index + _FINAL.index(syllable.final))


@functools.cache
def load_table(name: str) -> Mapping[str, Any]:
    """Read a rule table from the package data folder (``ko-rr.yaml`` ...)."""
    with (DATA_DIR / name).open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def _scheme(scheme: str) -> Mapping[str, Any]:
    """Return a scheme's table; raise ValueError for an unknown scheme."""
    if scheme not in _FILES:
        raise ValueError(f"unknown Korean scheme {scheme!r}; known: {', '.join(_FILES)}")
    return load_table(_FILES[scheme])


def _neutral(final: str) -> str:
    """Return the final as it is pronounced at the end of a syllable (one of seven)."""
    return load_table("ko-pronunciation.yaml")["neutral"].get(final, final)


def _pronounced(word: str) -> list[Syllable]:
    """Decompose a run of Hangul syllables and apply the sound changes between them."""
    rules = load_table("ko-pronunciation.yaml")
    syllables = [decompose(char) for char in word]
    for i, syllable in enumerate(syllables):
        final = syllable.final
        following = syllables[i + 1] if i + 1 < len(syllables) else None
        if following and final and following.initial == _SILENT and final in rules["liaison"]:
            final, moved = rules["liaison"][final]
            following = replace(following, initial=moved or _SILENT)
        final = _neutral(final)
        if following and final:
            pair = rules["assimilation"].get(final + following.initial)
            if pair:
                final, following = pair[0], replace(following, initial=pair[1])
        syllables[i] = replace(syllable, final=final)
        if following:
            syllables[i + 1] = following
    return syllables


def pronounce(word: str) -> str:
    """Return a Hangul word as it is pronounced, in Hangul (신라 -> 실라)."""
    return "".join(compose(s) for s in _pronounced(word))


def _initial(letter: str, before: str | None, table: Mapping[str, Any], voiced: Mapping[str, str]) -> str:
    """Spell an initial; `before` is the final preceding it ("" a vowel, None the start of a word)."""
    if before is not None and letter in table["after"].get(before, {}):
        return table["after"][before][letter]
    if before is not None and before in _voiced_finals() and letter in voiced:
        return voiced[letter]
    return table["initials"][letter]


def _voiced_finals() -> frozenset[str]:
    """Return the finals after which an initial counts as between voiced sounds ("" is a vowel)."""
    return frozenset(["", *load_table("ko-pronunciation.yaml")["voiced_finals"]])


def _syllable(
    syllable: Syllable,
    before: str | None,
    following: Syllable | None,
    table: Mapping[str, Any],
    voiced: Mapping[str, str],
) -> str:
    """Spell one syllable in its context."""
    text = _initial(syllable.initial, before, table, voiced)
    if syllable.initial != _SILENT and syllable.medial in table["medials_after_consonant"]:
        text += table["medials_after_consonant"][syllable.medial]
    else:
        text += table["medials"][syllable.medial]
    if syllable.final:
        special = table["finals_before"].get(syllable.final, {})
        if following and following.initial + following.medial in special:
            text += special[following.initial + following.medial]
        elif following and following.initial in special:
            text += special[following.initial]
        else:
            text += table["finals"][syllable.final]
    return text


def _capitalise(text: str) -> str:
    """Upper-case the first letter."""
    return text[:1].upper() + text[1:]


def _word_parts(word: str, table: Mapping[str, Any]) -> list[str]:
    """Spell a run of Hangul syllables, one spelling per syllable."""
    syllables = _pronounced(word)
    parts = []
    for i, syllable in enumerate(syllables):
        before = syllables[i - 1].final if i else None
        following = syllables[i + 1] if i + 1 < len(syllables) else None
        parts.append(_syllable(syllable, before, following, table, table["voiced"]))
    return parts


def _spell_word(word: str, table: Mapping[str, Any]) -> str:
    """Spell a run of Hangul syllables as one word."""
    return _capitalise("".join(_word_parts(word, table)))


def spell(text: str, scheme: str) -> str:
    """Spell a Hangul text in one scheme, by its rules alone; other characters pass through."""
    table = _scheme(scheme)
    out: list[str] = []
    run = ""
    for char in text + " ":
        if is_hangul(char):
            run += char
            continue
        if run:
            out.append(_spell_word(run, table))
            run = ""
        out.append(char)
    return "".join(out)[:-1]


def spell_parts(text: str, scheme: str) -> list[str]:
    """Spell the Hangul of a text in one scheme by its rules, one spelling per syllable."""
    table = _scheme(scheme)
    words = "".join(c if is_hangul(c) else " " for c in text).split()
    return [part for word in words for part in _word_parts(word, table)]


@functools.cache
def romanized_syllables() -> frozenset[str]:
    """Return every folded spelling of a Korean syllable in RR, McCune-Reischauer, DPRK or common name usage."""
    neutral = load_table("ko-pronunciation.yaml")["neutral"]
    finals = sorted({"", *(f for f in _FINAL if f not in neutral)})
    found = {fold(s) for forms in load_table("ko-given-syllables.yaml")["syllables"].values() for s in forms}
    for scheme in _ENGLISH:
        table = _scheme(scheme)
        for initial, medial, final in itertools.product(_INITIAL, _MEDIAL, finals):
            for before in (None, "", *table["after"]):
                found.add(fold(_syllable(Syllable(initial, medial, final), before, None, table, table["voiced"])))
    return frozenset(found)


def reads_as_korean(word: str) -> bool:
    """Tell whether a folded Latin word splits into romanised Korean syllables (it may be a Korean name).

    >>> reads_as_korean("icheon"), reads_as_korean("volgda")
    (True, False)
    """
    syllables, longest, ends = romanized_syllables(), _longest_syllable(), [0]  # the positions a split into syllables reaches
    for end in range(1, len(word) + 1):
        for start in reversed(ends):  # from the nearest: a syllable ending here starts at most `longest` letters back
            if end - start > longest:
                break
            if word[start:end] in syllables:
                ends.append(end)
                break
    return ends[-1] == len(word)


@functools.cache
def _longest_syllable() -> int:
    """Return how many letters the longest romanised Korean syllable has."""
    return max(map(len, romanized_syllables()), default=0)


def is_distinct(parts: Sequence[str]) -> bool:
    """Tell whether a spelling, given syllable by syllable, has a syllable no romanisation of Korean writes."""
    return any(fold(part) not in romanized_syllables() for part in parts)


def english_lookalike(parts: Sequence[str], scheme: str) -> bool:
    """Tell whether a scheme drops a spelling: its table guards against English look-alikes and this is one."""
    return bool(_scheme(scheme).get("english_guard")) and not is_distinct(parts)


def spellings(text: str, scheme: str) -> list[str]:
    """Spell a Hangul text in one scheme: the rule form first, then established forms of the whole text."""
    established = _scheme(scheme)["words"].get(text.strip(), [])
    return list(dict.fromkeys([spell(text, scheme), *established]))


def unit_spellings(text: str, scheme: str) -> list[str]:
    """Spell a place name that ends in an administrative unit with the unit after a hyphen (Dongchang-ri)."""
    table = load_table("ko-units.yaml")
    spec = table["schemes"].get(scheme)
    word = text.strip()
    if not spec or not all(is_hangul(c) for c in word):
        return []
    unit = next((u for u in spec["units"] if word.endswith(u) and len(word) - len(u) >= table["min_stem"]), None)
    if unit is None:
        return []
    stem, out = word[: -len(unit)], []
    for sound_change in spec["sound_change"]:
        if sound_change:  # the whole word's pronunciation, cut before the unit
            parts = _word_parts(word, _scheme(scheme))
            out.append(_capitalise("".join(parts[: len(stem)])) + "-" + "".join(parts[len(stem) :]).lstrip("'"))
        else:
            out.append(spell(stem, scheme) + "-" + spell(unit, scheme).lower())
    return list(dict.fromkeys(out))


def given_spellings(surname: str, given: str, scheme: str) -> list[list[str]]:
    """Spell a given name syllable by syllable: for each, the rule form first, then established forms."""
    table = _scheme(scheme)
    names = table["names"]
    voiced = {**table["voiced"], **names.get("voiced", {})}
    # no sound changes inside names, only voicing; a scheme may spell some initials apart in names
    plain = {**table, "after": {}, "initials": {**table["initials"], **names.get("initials", {})}}
    before = _neutral(decompose(surname[-1]).final) if names["voice_after_surname"] and surname else None
    out = []
    previous: str | None = None  # the final of the given name's previous syllable
    for char in given:
        syllable = decompose(char)
        syllable = replace(syllable, final=_neutral(syllable.final))
        forms = [_syllable(syllable, before, None, plain, voiced)]
        if names["voice_given"] == "also" and previous is not None:  # voiced as an alternative
            forms.append(_syllable(syllable, previous, None, plain, voiced))
        out.append(list(dict.fromkeys([*map(_capitalise, forms), *table["name_syllables"].get(char, [])])))
        before = syllable.final if names["voice_given"] is True else None
        previous = syllable.final
    return out


def spell_name(surname: str, given: str, scheme: str) -> str:
    """Spell a personal name by the scheme's rules: family name, then the given name in the scheme's style."""
    join = _scheme(scheme)["names"]["given_join"]
    syllables = [alternatives[0] for alternatives in given_spellings(surname, given, scheme)]
    if join != " ":
        syllables = [syllables[0]] + [s.lower() for s in syllables[1:]]
    return f"{spell(surname, scheme)} {join.join(syllables)}".strip()
