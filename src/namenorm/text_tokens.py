"""Words of running text: tokens, masked spans, and the lookup forms of an inflected word.

A token is a maximal run of word characters (letters, digits, marks, underscore),
with apostrophes inside it ("Kim’s", "Ob'"), so a name never matches inside a word.
Each token has *forms*: its folded spelling, then spellings with a possessive, a case
ending or a Korean particle taken off, and pymorphy3 lemmas of Cyrillic words. A form
remembers how much of the token is the name (`stem`), so a rewrite keeps the rest:

>>> [(f.key, f.stem, f.kind) for f in token_forms("Putinem")][:2]
[('putinem', 7, 'word'), ('putin', 5, 'ending')]
>>> [(f.key, f.stem) for f in token_forms("Kim’s")][:1]
[('kim', 3)]
>>> [(f.key, f.stem) for f in token_forms("김정은은")][:2]
[('김정은은', 4), ('김정은', 3)]
>>> ("путин", 5) in [(f.key, f.stem) for f in token_forms("Путина")]
True
>>> [m.group() for m in MASK.finditer("see https://x.org/Putin or kim@mail.ru and /home/kim/a.txt")]
['https://x.org/Putin', 'kim@mail.ru', '/home/kim/a.txt']
>>> [(m.group(), m.group("after")) for m in RUN.finditer("said Kim Jong-un, and Vladimir Putin said")]
[('Kim Jong', 'un'), ('Vladimir Putin', 'said')]
>>> case_style("VLADIVOSTOK"), case_style("Vladivostok"), case_style("김정은")
('upper', 'title', 'none')
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import yaml

from .fold import fold

__all__ = [
    "FOLLOWING",
    "HYPHENS",
    "MASK",
    "NEXT",
    "OPENER",
    "PREVIOUS",
    "RUN",
    "TOKEN",
    "Form",
    "case_style",
    "endings",
    "is_address",
    "is_function_word",
    "is_title",
    "place_cue",
    "script",
    "token_forms",
]

_DATA = Path(__file__).parent / "data"
_WORD = r"[\w\u0300-\u036f]"
_APOSTROPHE = "['’ʼ]"
# A token: word characters, with apostrophes inside ("Kim’s", "d'Artagnan").
TOKEN = re.compile(rf"{_WORD}++(?:{_APOSTROPHE}{_WORD}++)*+")
_UPPER = "".join(
    re.escape(chr(c)) for c in range(0x3000) if chr(c).isupper() or chr(c).istitle()
)  # every upper- or title-case letter below U+3000 (Latin, Greek, Cyrillic, Armenian...)
# A token that may open a name: it starts with a capital letter or a Hangul syllable, and
# it starts a word (not after a letter, nor after an apostrophe inside a word).
# (The look-behinds come after the first letter: the regex engine then only tries them at capitals.)
_CAPITAL = rf"[{_UPPER}\uac00-\ud7a3]"
_REST = rf"{_WORD}*+(?:{_APOSTROPHE}{_WORD}++)*+"
OPENER = re.compile(rf"{_CAPITAL}(?<!{_WORD}.)(?<!\w{_APOSTROPHE}.){_REST}", re.DOTALL)
HYPHENS = "-‐‑–"  # the hyphens, and the en dash, that join the words of one name: "North Ossetia–Alania"
# What may join two words of one name: spaces with at most one line break, a hyphen or an en dash, or
# a dot and spaces (only after an initial: "V. Putin"; the scanner checks that).
_SEP = rf"[ \t\u00a0]+(?:\r?\n[ \t\u00a0]*)?|\r?\n[ \t\u00a0]*|[{HYPHENS}]|\.[ \t\u00a0]*"
NEXT = re.compile(rf"(?P<sep>{_SEP})(?P<tok>{TOKEN.pattern})")
# Openers joined as NEXT joins words, and the word NEXT reads after the last of them (group "after"), if any.
# (After a separator a capital always starts a word: the look-behinds of OPENER are left out there. The possessive
# and atomic groups here, in TOKEN and in _REST match what greedy ones would, since what follows them never fails
# for want of a shorter match; the regex engine then keeps no backtracking state: the scan is ~20% faster.)
RUN = re.compile(rf"{OPENER.pattern}(?:(?>{_SEP}){_CAPITAL}{_REST})*+(?:(?=(?>{_SEP})(?P<after>{TOKEN.pattern})))?", re.DOTALL)
# The word just before a position (".": after a title such as "Mr."), and the word just after.
PREVIOUS = re.compile(rf"(?<!{_WORD})(?P<tok>{_WORD}+)(?P<sep>\.?[ \t\u00a0]+(?:\r?\n[ \t\u00a0]*)?|\.?\r?\n[ \t\u00a0]*)\Z")
FOLLOWING = re.compile(rf"[ \t\u00a0]+(?:\r?\n[ \t\u00a0]*)?(?P<tok>{_WORD}+)")
# Text a rewrite never touches: URLs, e-mail addresses, file paths and file names.
MASK = re.compile(
    r"(?:\b[a-zA-Z][a-zA-Z0-9+.-]*://|\bwww\.)[^\s<>\"']+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?:\b[A-Za-z]:|~|\.{1,2})?(?:[\\/][\w.~-]+){2,}[\\/]?"  # paths: /a/b, C:\a\b, ./a/b
    r"|[\w.~-]*\w[\\/][\w.~-]+(?:[\\/][\w.~-]+)*\.[a-z0-9]{1,5}\b"  # relative paths: docs/Putin.md
    r"|\b[\w-]+(?:\.[\w-]+)*\.[a-z][a-z0-9]{1,4}\b"  # file and domain names: Putin.txt, kremlin.ru
)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_CYRILLIC = re.compile(r"[\u0400-\u052f]")
_LAST_APOSTROPHE = re.compile(rf"{_APOSTROPHE}(?=\w*\Z)")


@dataclass(frozen=True, slots=True)
class Form:
    """One way to look a token up: the folded key, how many characters of the token it covers."""

    key: str
    stem: int  # the name is token[:stem]; token[stem:] is a possessive, an ending or a particle
    kind: str  # word, possessive, ending, lemma or particle
    restore: str = ""  # what the nominative adds to the stem ("Казани" -> "Казан" + "ь")


@functools.cache
def _table(name: str) -> dict:  # type: ignore[type-arg]
    """Load one of the text-*.yaml rule tables."""
    return yaml.safe_load((_DATA / f"text-{name}.yaml").read_text(encoding="utf-8"))


@functools.cache
def _titles() -> frozenset[str]:
    """Return the folded titles that stand before a name."""
    return frozenset(fold(t) for words in _table("titles")["before"].values() for t in words)


def is_title(token: str) -> bool:
    """Tell whether a word is a title or form of address written before a name."""
    return fold(token) in _titles()


@functools.cache
def _address() -> frozenset[str]:
    """Return the folded forms of address and ranks that stand before a surname, never before a place."""
    return frozenset(map(fold, _table("titles")["address"]))


def is_address(token: str) -> bool:
    """Tell whether a word is a form of address or a military rank ("Mr", "Herr", "General"), not an office."""
    return fold(token) in _address()


@functools.cache
def _function_words() -> frozenset[str]:
    """Return the folded function words that may begin a sentence before a name."""
    return frozenset(fold(w) for words in _table("function-words")["words"].values() for w in words)


def is_function_word(token: str) -> bool:
    """Tell whether a capitalised word is a function word ("But", "Yesterday"), never a given name."""
    return fold(token) in _function_words()


@functools.cache
def _place_cues() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """Return a regex for a place cue that ends a text (group "cue"), and the endings a name may have after the
    cues that take a person too in another case."""
    table = _table("place-cues")
    cues = sorted({cue for words in table["before"].values() for cue in words}, key=len, reverse=True)
    pattern = re.compile(rf"(?<!{_WORD})(?P<cue>{'|'.join(map(re.escape, cues))})[ \t\u00a0]+\Z", re.IGNORECASE)
    return pattern, {cue: frozenset(names) for cue, names in table["cases"].items()}


def place_cue(text: str, start: int, ending: str) -> bool:
    """Tell whether the words before a one-word name at `start` say it is a place, the name written with this case
    ending: a preposition of place or a place noun ("in Vladimir", "во Владимире", "город Владимир"; not
    "в Анну", which names a person).

    >>> place_cue("flights in Anna", 11, ""), place_cue("влюбился в Анну", 11, "у"), place_cue("domain Anna", 7, "")
    (True, False, False)
    """
    pattern, cases = _place_cues()
    cue = pattern.search(text, max(0, start - 16), start)
    if cue is None:
        return False
    endings_after = cases.get(cue.group("cue").lower())
    return endings_after is None or ending.lower() in endings_after


def endings() -> dict:  # type: ignore[type-arg]
    """Return the case-ending table (latin, cyrillic, min_stem)."""
    return _table("endings")


def apostrophe_stem(text: str) -> int | None:
    """Return where a name ends before a final apostrophe suffix ('s, Turkish 'da: Kazan'da -> 5), or None."""
    apostrophe = _LAST_APOSTROPHE.search(text)
    if apostrophe and apostrophe.start() > 0 and text[apostrophe.end() :].lower() in _apostrophe_suffixes():
        return apostrophe.start()
    return None


@functools.cache
def _apostrophe_suffixes() -> frozenset[str]:
    """Return what may follow an apostrophe after a name: 's, and Turkish and Azerbaijani suffixes ('da, 'in)."""
    return frozenset(endings()["apostrophe"])


@functools.cache
def _particles() -> tuple[str, ...]:
    """Return the Korean particles, longest first."""
    return tuple(sorted(_table("particles")["particles"], key=len, reverse=True))


_morph_local = threading.local()


def _morph():  # type: ignore[no-untyped-def]
    """Return this thread's pymorphy3 analyser for Russian, or None if it is not installed."""
    if not hasattr(_morph_local, "analyzer"):
        try:
            import pymorphy3
        except ImportError:  # pragma: no cover - pymorphy3 is a dependency
            _morph_local.analyzer = None
        else:
            _morph_local.analyzer = pymorphy3.MorphAnalyzer(lang="ru")
    return _morph_local.analyzer


def script(text: str) -> str:
    """Return the script a mention is written in: 'hangul', 'cyrillic' or 'latin' (anything else)."""
    if _HANGUL.search(text):
        return "hangul"
    if _CYRILLIC.search(text):
        return "cyrillic"
    return "latin"


def case_style(text: str) -> str:
    """Return 'upper' for an all-capitals word (two letters or more), 'none' without case, else 'title'."""
    cased = [c for c in text if c.isupper() or c.islower()]
    if not cased:
        return "none"
    return "upper" if len(cased) > 1 and all(c.isupper() for c in cased) else "title"


def _common_prefix(a: str, b: str) -> int:
    """Return the length of the common beginning of two strings."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


@functools.lru_cache(maxsize=300_000)
def token_forms(token: str) -> tuple[Form, ...]:
    """Return the distinct lookup forms of a token, the word itself first (without an apostrophe suffix: "Kim's")."""
    stem = apostrophe_stem(token)
    # With an apostrophe suffix, the word is read without it: folded whole, "Gagarin's" would be the key
    # "gagarins" (Latvian Gagarins) and lose its 's.
    word, read_as = (token[:stem], "possessive") if stem else (token, "word")
    forms = [Form(fold(word), _spelt_length(word), read_as)]
    lower = token.lower()
    kind = script(token)
    if kind == "hangul":
        forms += [Form(token[: -len(p)], len(token) - len(p), "particle") for p in _particles() if token.endswith(p) and len(token) - len(p) >= 2]
    elif kind == "cyrillic":
        forms += _cyrillic_forms(token, lower)
    else:
        forms += [Form(fold(token[: -len(e)]), len(token) - len(e), "ending") for e in endings()["latin"] if lower.endswith(e) and len(token) > len(e) + 1]
    seen: set[tuple[str, int]] = set()
    unique = []
    for form in forms:
        if form.key and (form.key, form.stem) not in seen:
            seen.add((form.key, form.stem))
            unique.append(form)
    return tuple(unique)


def _spelt_length(token: str) -> int:
    """Return the length of a token without the characters at its end that fold to nothing (a modifier letter
    apostrophe: "Donghaeʼ"), which a rewrite keeps.

    >>> _spelt_length("Donghaeʼ"), _spelt_length("Putin")
    (7, 5)
    """
    end = len(token)
    while end > 1 and not fold(token[end - 1]):
        end -= 1
    return end


def _cyrillic_forms(token: str, lower: str) -> list[Form]:
    """Return the lemma forms of a Cyrillic word: pymorphy3's, then the case-ending table's."""
    forms = []
    analyzer = _morph()
    try:
        parses = analyzer.parse(token) if analyzer is not None else []
    except ValueError:  # pymorphy3 looks up the Unicode name of each character: some have none ("𗀀")
        parses = []
    for parse in parses:
        lemma = parse.normal_form.replace("ё", "е")
        word = lower.replace("ё", "е")
        if lemma != word and "UNKN" not in parse.tag:
            stem = _common_prefix(word, lemma)
            if stem >= 2:
                forms.append(Form(fold(token[:stem] + lemma[stem:]), stem, "lemma", lemma[stem:]))
    for ending, restore in endings()["cyrillic"]:
        if lower.endswith(ending) and len(token) > len(ending) + 1:
            stem = len(token) - len(ending)
            forms.append(Form(fold(token[:stem] + restore), stem, "ending", restore))
    return forms

