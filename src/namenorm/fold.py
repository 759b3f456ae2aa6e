"""The one folding function: every key and every query goes through :func:`fold`.

Folding makes two spellings that differ only in case, accents, punctuation or
spacing compare equal, while keeping each script as it is (Cyrillic stays
Cyrillic, Hangul stays Hangul):

>>> fold("Jasán")
'jasan'
>>> fold("  Kim  Jong-un's ")
'kim jong uns'
>>> fold("V. Putin")
'v putin'
>>> fold("Ёлкин")
'елкин'
>>> fold("Podʺezd")
'podezd'
>>> fold("Ťumeň")
'tjumenj'
>>> fold("Władimir Łódź")
'wladimir lodz'
>>> fold("김정은")
'김정은'

:func:`spelling` is the same key with its Latin accents kept, for the few names
that folding would make another entity's (Turkish Tümen is Tyumen, Tumen the river):

>>> spelling("Tümen"), fold("Tümen")
('tümen', 'tumen')
>>> has_latin_marks("Tümen"), has_latin_marks("Тюмень"), has_latin_marks("Tumen")
(True, False, False)
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata

import icu
from unidecode import unidecode

__all__ = ["fold", "fold_whole", "has_latin_marks", "spelling"]

# ICU does the Unicode work: compatibility forms, lower case, accents off Latin
# letters only (Cyrillic й and kana voicing marks are letters, not accents),
# ё as е, then Latin-ASCII for letters such as ł, ø, ß, đ.
# Czech and Slovak ť ď ň are soft consonants, not accented ones: ť is ть, so Czech Ťumeň (Тюмень)
# folds to "tjumenj", never to "tumen" (the Tumen River).
_ICU_RULES = (
    ":: NFKC; :: Lower; ё > е; ť > tj; ď > dj; ň > nj; "
    ":: [^[:Cyrillic:][:Hangul:][:Hiragana:][:Katakana:][:Han:]] NFD; "
    ":: [:Mn:] Remove; :: NFC; :: [:Latin:] Latin-ASCII;"
)
# Scripts whose letters are kept as they are; anything else left over after ICU
# goes through unidecode.
_KEPT = re.compile(r"[a-z0-9 \u0400-\u04ff\u0500-\u052f\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3\u3040-\u30ff\u4e00-\u9fff]")
# Text whose every character is kept, a space or ASCII punctuation needs no per-character check.
_PLAIN = re.compile(_KEPT.pattern[:-1] + r"\s!-/:-@\[-`{-~]*\Z")
# Text of these characters folds word by word: none folds otherwise beside a space (no combining mark, no
# compatibility form holding a space), so a name made of known words is folded from their remembered folds.
_BY_WORD = re.compile(r"[\x20-\x7e\u00c0-\u024f\u0400-\u04ff\uac00-\ud7a3]*\Z")
# Apostrophes, and the marks some romanisations write for ь and ъ (ʹ ʺ, BGN's ” for ъ).
_APOSTROPHES = re.compile(r"['’ʼʻ`´‘ʹʺ”″]")
_NOT_KEY = re.compile(r"[^\w]+|_")
# Latin letters beyond ASCII: accented (ü, é, ç) or of their own (ł, ß, ø), that folding makes plain.
_LATIN_MARKED = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")

_local = threading.local()


def _transliterator() -> icu.Transliterator:
    """Return this thread's ICU folding transliterator (ICU objects are not shared)."""
    t = getattr(_local, "transliterator", None)
    if t is None:
        t = icu.Transliterator.createFromRules("namenorm-fold", _ICU_RULES, icu.UTransDirection.FORWARD)
        _local.transliterator = t
    return t


@functools.lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Fold a name to its comparison key: lower case, no accents, words separated by one space."""
    if " " in text and _BY_WORD.match(text):
        return " ".join(word for word in map(fold_whole, text.split(" ")) if word)
    return fold_whole(text)


@functools.lru_cache(maxsize=100_000)
def fold_whole(text: str) -> str:
    """Fold a text in one piece (what :func:`fold` does word by word for text of _BY_WORD's letters).

    >>> fold_whole("Kim Jong-un"), fold_whole("Ёлкин Ťumeň")
    ('kim jong un', 'елкин tjumenj')
    """
    text = _APOSTROPHES.sub("", text)
    if text.isascii():
        folded = text.lower()
    else:
        folded = _transliterator().transliterate(text)
        if not _PLAIN.match(folded) and not all(_KEPT.match(c) for c in folded if not c.isspace() and unicodedata.category(c)[0] in "LN"):
            folded = "".join(c if _KEPT.match(c) or not c.isalpha() else unidecode(c).lower() for c in folded)
    return " ".join(_NOT_KEY.sub(" ", folded).split())


def has_latin_marks(text: str) -> bool:
    """Tell whether a text has Latin letters beyond ASCII (accented or special), which folding makes plain."""
    return not text.isascii() and _LATIN_MARKED.search(unicodedata.normalize("NFC", text)) is not None


@functools.lru_cache(maxsize=4096)
def spelling(text: str) -> str:
    """Key a name as written: like :func:`fold`, but with its letters' accents kept (NFC, lower case)."""
    text = unicodedata.normalize("NFC", _APOSTROPHES.sub("", text)).lower()
    return " ".join(_NOT_KEY.sub(" ", text).split())
