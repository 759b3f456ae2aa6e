"""A cross-script phonetic key: one coarse sound skeleton for a name in any script.

:func:`phonetic_key` reads Latin (in the spelling of any European language), Cyrillic
(Russian and the other alphabets, through :func:`namenorm.variants.cyrillic.to_russian_letters`),
Korean Hangul and Japanese kana, and writes the sounds as classes: all the ways of
writing ч are ``C``, ш and щ are ``X``, b v w are ``B``, r and l are ``L``, a and o are
``A``, e i y are ``E``. The epenthetic vowels that Korean and Japanese add to
consonant clusters are dropped, and Lithuanian, Latvian and Esperanto case endings
are cut. The rules are data (``data/phonetic-rules.yaml``, ``data/phonetic-hangul.yaml``,
``data/phonetic-kana.yaml``):

>>> phonetic_key("Chelyabinsk") == phonetic_key("Челябинск") == phonetic_key("Tscheljabinsk")
True
>>> phonetic_key("Khabarovsk") == phonetic_key("하바롭스크") == phonetic_key("ハバロフスク")
True
>>> phonetic_key("Tyumen"), phonetic_key("Tumen")
('TYUMEN', 'TUMEN')
>>> phonetic_key("Kazan") == phonetic_key("Khasan")
False

The key is coarse on purpose: two names with one key may be two entities. It is a
source of candidates, never a match on its own.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass
from importlib.resources import files

import yaml

from ..fold import fold
from .cyrillic import to_russian_letters

__all__ = ["hangul_sounds", "kana_sounds", "phonetic_key", "word_key"]

_HANGUL_FIRST = 0xAC00
_HIRAGANA = re.compile(r"[\u3041-\u3096]")
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")
_KANA_RUN = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u30fc]+")
_CYRILLIC = re.compile(r"[\u0400-\u052f]")
_UPPER_RUN = re.compile(r"([A-Z]+)")  # a run of the rules' class letters, kept as they are
_NOT_LETTER = re.compile(r"[^a-zA-Z]")
_WORD_BREAK = re.compile(r"[\s\-‐–—_.,;:!?/()·・]+")


def _load(name: str) -> dict:
    """Read one of the phonetic tables."""
    return yaml.safe_load(files("namenorm").joinpath(f"data/{name}").read_text(encoding="utf-8"))


def _compile(pairs: list[list[str]]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compile [regex, replacement] pairs."""
    return tuple((re.compile(pattern), replacement) for pattern, replacement in pairs)


@dataclass(frozen=True, slots=True)
class _Rules:
    """The compiled phonetic-rules.yaml."""

    cyrillic_rules: tuple[tuple[re.Pattern[str], str], ...]
    modes: tuple[tuple[re.Pattern[str], tuple[tuple[re.Pattern[str], str], ...]], ...]
    letters: dict[str, str]
    endings: tuple[tuple[re.Pattern[str], int], ...]
    rules: tuple[tuple[re.Pattern[str], str], ...]


@functools.cache
def _rules() -> _Rules:
    """Load and compile the rewrite rules."""
    data = _load("phonetic-rules.yaml")
    return _Rules(
        _compile(data["cyrillic_rules"]),
        tuple((re.compile(mode["when"]), _compile(mode["rules"])) for mode in data["modes"]),
        {str(k): str(v) for k, v in data["letters"].items()},
        tuple((re.compile(e["pattern"]), e["min_stem"]) for e in data["endings"]),
        _compile(data["rules"]),
    )


@functools.cache
def _hangul() -> dict:
    """Load the jamo table."""
    return _load("phonetic-hangul.yaml")


@functools.cache
def _kana() -> dict:
    """Load the kana table, with the two-kana combinations ready for longest-first matching."""
    data = _load("phonetic-kana.yaml")
    data["units"] = re.compile(
        "|".join(sorted(map(re.escape, [*data["combinations"], *data["kana"]]), key=len, reverse=True))
        + "|" + re.escape(data["long_mark"]) + "|" + re.escape(data["geminate_mark"])
    )  # fmt: skip
    data["sounds"] = {**data["kana"], **data["combinations"]}
    return data


def _jamo(index: int) -> tuple[int, int, int]:
    """Split a precomposed syllable's index into its initial, medial and final jamo (Unicode 3.12)."""
    initial_medial, final = divmod(index, 28)
    initial, medial = divmod(initial_medial, 21)
    return initial, medial, final


def hangul_sounds(word: str) -> str:
    """Spell a run of Hangul syllables in the working alphabet, without the epenthetic ㅡ of loanwords."""
    table = _hangul()
    syllables = [_jamo(ord(c) - _HANGUL_FIRST) for c in word]
    out = []
    for i, (initial, medial, final) in enumerate(syllables):
        onset = table["initials"][initial]
        vowel = table["medials"][medial]
        if medial == table["epenthetic_medial"] and onset:
            following = syllables[i + 1][0] if i + 1 < len(syllables) else None
            consonant_next = following is None or table["initials"][following] != ""
            if (final == 0 and consonant_next) or (table["finals"][final] == "l" and following == 5):
                onset = table["initial_before_epenthetic"].get(onset, onset)
                vowel = ""
        out.append(onset + vowel + table["finals"][final])
    return "".join(out)


def kana_sounds(word: str) -> str:
    """Spell a run of katakana in the working alphabet, without the epenthetic vowels of loanwords."""
    table = _kana()
    units = table["units"].findall(_HIRAGANA.sub(lambda m: chr(ord(m.group()) + 0x60), word))
    out = []
    for i, unit in enumerate(units):
        if unit in (table["long_mark"], table["geminate_mark"]):
            continue
        sound = table["sounds"][unit]
        following = next((u for u in units[i + 1 :] if u != table["geminate_mark"]), None)
        if _epenthetic(unit, i, following, len(units) - i - 1, table):
            sound = sound[:-1]
        out.append(sound)
    return "".join(out)


def _epenthetic(unit: str, position: int, following: str | None, left: int, table: dict) -> bool:
    """Tell whether the vowel of a kana was only added to carry a consonant (see phonetic-kana.yaml)."""
    if unit not in table["epenthetic"]:
        return False
    if following is None:
        return True
    if following == table["long_mark"] or table["sounds"][following][0] in "aiueo":
        return False
    if unit in table["epenthetic_o"] and left <= 1:
        return False
    if position == 0:
        before_r = unit in table["initial_before_r"] and following in table["r_row"]
        return unit in table["initial_epenthetic"] or before_r
    return True


def _working(word: str) -> str:
    """Spell one lower-case word in the working alphabet of the rules."""
    rules = _rules()
    for when, mode_rules in rules.modes:
        if when.search(word):
            for pattern, replacement in mode_rules:
                word = pattern.sub(replacement, word)
            break
    word = "".join(rules.letters.get(c, c) for c in word)
    word = "".join(fold(part) if part.islower() else part for part in _UPPER_RUN.split(word))
    word = _HANGUL_RUN.sub(lambda m: hangul_sounds(m.group()), word)
    word = _KANA_RUN.sub(lambda m: kana_sounds(m.group()), word)
    return _NOT_LETTER.sub("", word)


def _undoubled(text: str) -> str:
    r"""Write each run of one letter once (what re.sub(r"(.)\1+", r"\1", text) does to text without line breaks,
    without a Python call per run).

    >>> _undoubled("tulla"), _undoubled("AAB")
    ('tula', 'AB')
    """
    return "".join(letter for letter, _ in itertools.groupby(text))


@functools.lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """Return the phonetic key of one word."""
    rules = _rules()
    word = _undoubled(_working(word))  # double letters first: 툴라 tulla = Tula
    for pattern, min_stem in rules.endings:
        match = pattern.search(word)
        if match and match.start() >= min_stem:
            word = word[: match.start()]
            break
    for pattern, replacement in rules.rules:
        word = pattern.sub(replacement, word)
    return _undoubled(word.upper())


@functools.lru_cache(maxsize=100_000)
def phonetic_key(text: str) -> str:
    """Return the cross-script sound skeleton of a name (upper-case class letters, no spaces)."""
    text = unicodedata.normalize("NFKC", text).lower()
    if _CYRILLIC.search(text):
        text = to_russian_letters(text)
        for pattern, replacement in _rules().cyrillic_rules:
            text = pattern.sub(replacement, text)
    return _undoubled("".join(word_key(word) for word in _WORD_BREAK.split(text) if word))
