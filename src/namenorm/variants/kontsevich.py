"""Read a Cyrillic name back as Korean: the Kontsevich table of ``data/ko-kontsevich.yaml`` inverted.

Russian text writes Korean names in the Kontsevich system (Ким Чен Ын, Пак Кын Хе,
Пхеньян). :func:`hangul_readings` parses such a spelling into its syllables and
returns the Hangul it may stand for, so that the Korean romanisers can spell it
again in RR, McCune-Reischauer or DPRK. The inversion is ambiguous (о is ㅓ or ㅗ,
final н is ㄴ or ㅇ), so the readings are a short, ordered list: the established
spellings of the table (Чен 정, Ир 일, Сен 성, Пхеньян 평양) first, then the table's
own order. A person's name is read only if one word is a Korean family name:

>>> hangul_readings("Ким Чен Ын")[0]
'김정은'
>>> "김정일" in hangul_readings("Ким Чен Ир")
True
>>> hangul_readings("Пхеньян", kind="place")[0]
'평양'
>>> hangul_readings("Ким Чен-Ын") == hangul_readings("Ким Чен Ын")
True
>>> hangul_readings("Владимир Путин"), hangul_readings("Ким"), hangul_readings("Ким Jong")
([], [], [])
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict

from .korean_spelling import Syllable, compose, load_table, spell

__all__ = ["MAX_READINGS", "hangul_readings"]

MAX_READINGS = 8  # at most this many Hangul readings of one name
_MAX_WORD_READINGS = 4  # at most this many readings of one word
_WORD = re.compile(r"[а-яё]+")


def _words(text: str) -> list[str]:
    """Return the lower-case Cyrillic words of a text, keeping ё (fold() writes it е; Kontsevich tells them apart)."""
    return _WORD.findall(text.lower())


@functools.cache
def _inverse() -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
    """Invert the Kontsevich table: Cyrillic -> initials, medials, finals, and whole established words."""
    table = load_table("ko-kontsevich.yaml")
    initials: dict[str, list[str]] = defaultdict(list)
    medials: dict[str, list[str]] = defaultdict(list)
    finals: dict[str, list[str]] = defaultdict(list, {"": [""]})
    words: dict[str, list[str]] = defaultdict(list)
    for source in (table["initials"], table["voiced"], table["names"]["voiced"], *table["after"].values()):
        for letter, cyrillic in source.items():
            if letter not in initials[cyrillic]:
                initials[cyrillic].append(letter)
    for source in (table["medials"], table["medials_after_consonant"]):
        for letter, cyrillic in source.items():
            if letter not in medials[cyrillic]:
                medials[cyrillic].append(letter)
    for letter, cyrillic in table["finals"].items():
        finals[cyrillic].append(letter)
    for letter, before in table["finals_before"].items():
        for cyrillic in before.values():
            if letter not in finals[cyrillic]:
                finals[cyrillic].append(letter)
    for source in (table["words"], table["name_syllables"]):
        for hangul, spellings in source.items():
            for spelling in spellings:
                words[spelling.lower()].append(hangul)
    return dict(initials), dict(medials), dict(finals), dict(words)


@functools.cache
def _surnames() -> dict[str, tuple[str, ...]]:
    """Return the Cyrillic spellings of the Korean family names: folded spelling -> Hangul."""
    found: dict[str, list[str]] = defaultdict(list)
    for hangul, spellings in load_table("ko-surnames.yaml")["surnames"].items():
        for cyrillic in [spell(hangul, "ko:kontsevich"), *spellings.get("cyrillic", ())]:
            if hangul not in found[cyrillic.lower()]:
                found[cyrillic.lower()].append(hangul)
    return {spelling: tuple(hangul) for spelling, hangul in found.items()}


@functools.cache
def _word_readings(word: str) -> tuple[str, ...]:
    """Return the Hangul a lower-case Cyrillic word may spell, syllable by syllable (at most _MAX_WORD_READINGS)."""
    initials, medials, finals, words = _inverse()
    readings = list(words.get(word, ()))

    def parse(i: int) -> list[str]:
        if i == len(word):
            return [""]
        out = []
        for a in range(i, min(i + 2, len(word)) + 1):
            for initial in initials.get(word[i:a], ()):
                for b in range(a + 1, min(a + 2, len(word)) + 1):
                    for medial in medials.get(word[a:b], ()):
                        for c in range(b, min(b + 2, len(word)) + 1):
                            for final in finals.get(word[b:c], ()):
                                syllable = compose(Syllable(initial, medial, final))
                                out.extend(syllable + rest for rest in parse(c))
        return out

    readings += [reading for reading in parse(0) if reading not in readings]
    return tuple(readings[:_MAX_WORD_READINGS])


def hangul_readings(name: str, kind: str = "person") -> list[str]:
    """Return the Hangul a Cyrillic name may be the Kontsevich spelling of, likeliest first ([] if none)."""
    words = _words(name)
    if not words or any(c.isalpha() for c in _WORD.sub("", name.lower())):
        return []
    if kind == "person":
        if len(words) < 2:
            return []
        if words[0] in _surnames():
            surname, given = _surnames()[words[0]], words[1:]
        elif words[-1] in _surnames():
            surname, given = _surnames()[words[-1]], words[:-1]
        else:
            return []
        parts = [surname, *map(_word_readings, given)]
    else:
        parts = [_word_readings(word) for word in words]
    if not all(parts):
        return []
    joiner = "" if kind == "person" else " "  # a person's Hangul name is written as one word
    return [joiner.join(combination) for combination in itertools.islice(itertools.product(*parts), MAX_READINGS)]
