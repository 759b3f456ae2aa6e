"""Find names in running text and rewrite them to their canonical spelling.

The scanner looks at words that start with a capital letter or a Hangul syllable and
whose lookup form (see :mod:`namenorm.text_tokens`) can start a key of the index; from
there it walks on word by word while the words still spell the beginning of a key, and
takes the longest key it finds. Where no key fits, a guarded fuzzy lookup through the
Matcher gets one try, if every word of the name is a word of some key or a letter away
from one; a typo'd name keeps the words it spells right ("Russian" is not Russia).
Mentions are resolved in document order, so that a surname alone can lean on a full
mention earlier in the same document.

Speed comes from caches that hold nothing about a document: what each capitalised word
may start (most words: nothing, one dict lookup), the walk from word to word as a tree
of steps, the resolution of a name that needs no context, and the Matcher's answers. On
top of them, what a word and the words after it decide in any document (a mention, or
none) is remembered by their text, read one word more at a time (:meth:`Scanner._decide`):
a name read before costs a regex match and a dict lookup. Where the word before decides
(a surname alone) that is looked up too; where the document context, a URL or a typo'd
word alone may change the outcome, the reference path (``_exact``, ``_fuzzy``) reads the
text around the word, as it would without the memo (``Scanner(normalizer, fast=False)``,
which the tests compare with). What all the capitalised words of a run (and the word after
it) decided, when that depended on nothing else, is remembered by the run's text too, but
for a word whose mention depends on the document: it takes the reference path each time
(:meth:`Scanner.scan`). The caches are bounded; a fresh Scanner and a warm one give the
same mentions.

>>> from namenorm.gazetteer import Entity, Gazetteer
>>> from namenorm.index import build_index
>>> from namenorm.normalizer import Normalizer
>>> putin = Entity("vladimir-putin", "person", "RU", "Vladimir Putin", {"ru": ("Владимир Путин",)}, ("Putin", "Poutine"))
>>> normalizer = Normalizer(build_index(Gazetteer((putin,), (), "demo")))
>>> print(rewrite(normalizer, "VLADIMIR POUTINE, Poutine’s aide, Putinem; poutine.fr").text)
VLADIMIR PUTIN, Putin’s aide, Putinem; poutine.fr
>>> [(m.start, m.end, m.text, m.id) for m in find(normalizer, "Wie Владимир Путин sagte")]
[(4, 18, 'Владимир Путин', 'vladimir-putin')]
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from rapidfuzz.distance import Indel

from .fold import fold, spelling
from .gazetteer import TRANSLATED_TYPES, Entity
from .matcher import Match
from .text_tokens import (
    FOLLOWING, HYPHENS, MASK, NEXT, OPENER, PREVIOUS, RUN, Form, apostrophe_stem, case_style, endings, is_address,
    is_function_word, is_title, place_cue, script, token_forms,
)  # fmt: skip
from .variants.russian import given_name_keys
from .variants.russian_names import has_surname_ending, is_patronymic

try:
    from . import _speedups  # compiled at install from _speedups.c
except ImportError:  # no C compiler at install: the same results, computed in Python
    _speedups = None

if TYPE_CHECKING:
    from .normalizer import Normalizer

__all__ = ["Context", "Mention", "Rewrite", "Scanner", "find", "paragraphs", "rewrite", "rewrite_stream", "scanner"]

FUZZY_MIN_LETTERS = 5  # a one-word name shorter than this is never corrected as a typo
FUZZY_ENDING_STEM = 3  # a word read without its ending in a typo'd name keeps this many letters at least
_ACRONYM_LETTERS = 8  # a mention this short may spell an acronym (RF, DPRK; "RF's") in the wrong case
PLACE_TYPO_MIN_LETTERS = 6  # a shorter typo'd place is only taken where the document named it before
SENTENCE_START_LETTERS = 8  # a shorter typo'd place at a sentence start may be a common word: left alone
SYLLABLE_LETTERS = 3  # a word of a typo'd name this short may be another key's word (Kim Jon Un)
NEAR_MIN_LETTERS = 3  # a word shorter than this is only part of a typo'd name if spelt right
CONTEXT_MIN_SCORE = 0.8  # a lone surname's typo needs a candidate this good that the document named before
_MAX_OPENERS = 200_000  # bounds of the Scanner's caches: past them a cache starts again empty
_MAX_WALKS = 500_000
_MAX_ANSWERS = 100_000
_MAX_SPELLINGS = 16  # spellings of one name whose replacement a sure plan remembers
_NEAR_WINDOW = 20  # see _apart
_HYPHENS = tuple(HYPHENS)  # (a tuple: "" is in no tuple, the end of a text is no hyphen)
_BRACKETS = "()[]«»\"“”„"
_NOT_IN_PREVIOUS = re.compile(r"[^\w\u0300-\u036f.\r\n \t\u00a0]")  # a character PREVIOUS never matches
_SPACES = re.compile(r"\s+")
_LAST_WORD = re.compile(r"\w[\w'’]*\Z")  # the last word of a rewritten mention, with an apostrophe suffix
# Every masked span has one of these. (One literal each: the regex engine looks for a literal much faster than for
# one of several characters.)
_MASK_TRIGGERS = (re.compile("@"), re.compile("/"), re.compile(r"\\"), re.compile(r"\.[a-z]"))
_WHITESPACE = re.compile(r"\s")
_MASK_WINDOW = 512  # how far back from a trigger the start of its word is looked for
_NOT_IN_NAMES = re.compile(r"[\d_]")  # a word with a digit or an underscore is never a name
_BRACKET_ENDS = re.compile(r"[()\[\]\n]")  # where what an opening bracket holds ends (another bracket or line)
_END = operator.attrgetter("end")


class Mention(NamedTuple):
    """A name found in a text: character offsets, what is written, the entity, and what a rewrite puts there.

    A named tuple (immutable, with fields by name) rather than a dataclass: a text has many, and a
    tuple is built several times faster.
    """

    start: int
    end: int
    text: str
    id: str
    name: str
    score: float
    reason: str
    replacement: str  # equal to text where the rewrite keeps the mention as it is


@dataclass(frozen=True, slots=True)
class Rewrite:
    """A rewritten text with the mentions found in the original (offsets into the original)."""

    text: str
    mentions: tuple[Mention, ...]

    @property
    def changed(self) -> bool:
        """Tell whether any mention was replaced."""
        return any(m.replacement != m.text for m in self.mentions)


@dataclass(slots=True)
class Context:
    """What a document has named in full so far (entity positions); carried across the chunks of a stream."""

    seen: set[int] = field(default_factory=set)


def _deletes(word: str) -> set[str]:
    """Return every spelling of a word with one letter left out."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class _Walk:
    """A step of the exact-key walk: the keys whose beginning the words read so far spell.

    The steps form a tree, cached on the Scanner: the step after reading a word is
    `step.next[word]`, so words read before cost one dict lookup each.
    """

    __slots__ = ("spelled", "found", "extends", "depth", "parent", "next", "plan")

    def __init__(
        self, spelled: tuple[tuple[str, tuple[Form, ...]], ...], keys: Mapping[str, object], extends: bool, parent: _Walk | None
    ) -> None:
        self.spelled = spelled  # (key beginning, the word forms that spell it), one per reading of the words
        self.found = tuple(item for item in spelled if item[0] in keys)  # the whole keys among them
        self.extends = extends  # some key goes on with another word
        self.parent = parent
        self.depth: int = parent.depth + 1 if parent else 1
        self.next: dict[str, _Walk | None] = {}
        self.plan: _Sure | tuple[_Candidate, ...] | None = None  # how to resolve a name that ends here


_Candidate = tuple[int, str, tuple[Form, ...], tuple[int, ...]]  # words, key, word forms, entity positions


class _Sure:
    """A walk's longest key when it names one entity in any document: the mention is known but for its spelling."""

    __slots__ = ("n", "position", "partial", "chain", "entity", "reason", "replacements")

    def __init__(
        self, n: int, position: int, partial: bool, chain: tuple[Form, ...], entity: Entity, reason: str
    ) -> None:
        self.n = n
        self.position = position
        self.partial = partial
        self.chain = chain
        self.entity = entity
        self.reason = reason
        self.replacements: dict[str, str] = {}  # surface -> replacement


def _masked(text: str) -> bytearray:
    """Return a byte per character of a text, 1 inside URLs, e-mail addresses and paths (only words with '@',
    '/', '\\' or a dot), else 0. (Bytes rather than a set of positions: a span costs one slice assignment.)"""
    masked = bytearray(len(text))
    for start, end in _mask_chunks(text):
        for mask in MASK.finditer(text, start, end):
            first, last = mask.span()
            masked[first:last] = b"\1" * (last - first)
    return masked


def _mask_chunks(text: str) -> list[tuple[int, int]]:
    """Return the stretches of a text that MASK is run over (see :func:`_mask_chunks_reference`): in C where
    namenorm._speedups is compiled."""
    return _mask_chunks_reference(text) if _speedups is None else _speedups.mask_chunks(text, _MASK_WINDOW)


def _mask_chunks_reference(text: str, back: int = _MASK_WINDOW) -> list[tuple[int, int]]:
    """Return the stretches of a text that MASK is run over, as (start, end): around each trigger past the last
    stretch, from the space, line break or tab before it (at most `back` characters back) to the whitespace
    after it (reference path)."""
    chunks = []
    end = 0
    for at in sorted(trigger.start() for pattern in _MASK_TRIGGERS for trigger in pattern.finditer(text)):
        if at < end:
            continue  # inside the last word read
        window = max(end, at - back)
        start = max(text.rfind(" ", window, at), text.rfind("\n", window, at), text.rfind("\t", window, at)) + 1 or window
        stop = _WHITESPACE.search(text, at + 1)  # (a trigger's second character, if any, is a letter)
        end = stop.start() if stop else len(text)
        chunks.append((start, end))
    return chunks


def _runs(text: str) -> Iterator[tuple[int, int, int, int]]:
    """Return the runs of openers of a text (see :func:`_runs_reference`): in C where namenorm._speedups is compiled."""
    return _runs_reference(text) if _speedups is None else _speedups.runs(text)


def _runs_reference(text: str) -> Iterator[tuple[int, int, int, int]]:
    """Return the runs of openers of a text as RUN finds them, (start, end, after_start, after_end), the last two -1
    where no word follows the run (reference path).

    >>> list(_runs_reference("said Kim Jong-un, and Vladimir Putin said"))
    [(5, 13, 14, 16), (22, 36, 37, 41)]
    """
    return ((run.start(), run.end(), run.start("after"), run.end("after")) for run in RUN.finditer(text))


def _tuple_reference(cls: type[Mention], start: int, end: int, tail: tuple) -> Mention:  # type: ignore[type-arg]
    """Return cls(start, end, *tail) without the keyword handling (reference path of _speedups.untracked_tuple, which
    also takes it out of the garbage collector's sight: a text has many mentions)."""
    return tuple.__new__(cls, (start, end) + tail)


def _tuple_maker() -> Callable[[type[Mention], int, int, tuple], Mention]:  # type: ignore[type-arg]
    """Return what builds a mention from (Mention, start, end, tail): in C where namenorm._speedups is compiled."""
    return _tuple_reference if _speedups is None else _speedups.untracked_tuple


_Word = tuple[int, int, str]  # start, end, text of a word in the text
_UNDECIDED = object()  # what a word decides depends on the words around it or on the document
_MORE = object()  # what a word decides depends on a word after the ones read
_BEFORE = object()  # what a word decides depends on the word before it
_UNSEEN = object()
_LIVE = -2  # the `named` of a step of a run read on the reference path every time (see Scanner._scan_run)
_SURNAME = object()  # what _exact finds in a word spelt as a place after a given name: a surname, no mention
_SURNAME_WORD, _PLACE_WORD = 1, 2  # what a one-word mention is to Scanner._surnames_kept


class _Decided:
    """A mention that words make whatever stands around them, but for its offsets."""

    __slots__ = ("length", "named", "tail")

    def __init__(self, mention: Mention, checked: Mention | None, named: int) -> None:
        self.named = named  # the position of the entity it names in full (the document context), -1: a surname
        self.length = mention.end - mention.start
        # the fields after the offsets of the mention as Scanner._checked leaves it; None where it drops it
        # (the words are still taken: no other mention starts inside them)
        self.tail = None if checked is None else tuple(checked[2:])


class Scanner:
    """The lookup tables a text scan needs, derived from a Normalizer's index, and caches of what it has read.

    Only the tables every scan needs are built up front; whether a word is a person's surname
    or given name is worked out (from the index's token postings) and remembered when a word
    is first seen. The caches are bounded and hold nothing that depends on a document.
    """

    def __init__(self, normalizer: Normalizer, fast: bool = True) -> None:
        index = normalizer.index
        self.normalizer = normalizer
        self.fast = fast  # False: every opener takes the reference path (_exact, _fuzzy), never the memo of _decide
        self.index = index
        self.keys = index.keys
        self.schemes = index.schemes
        self.entities = index.entities
        self.positions = index.positions
        self.longer = sorted(key for key in index.keys if " " in key)  # keys of several words, to find beginnings
        self.max_tokens = max((key.count(" ") for key in self.longer), default=0) + 1
        self._by_length: dict[int, list[str]] | None = None  # the words of the keys by length, when first needed
        self._near_sets: dict[int, frozenset[str]] = {}  # see _near_of_length
        self._near: dict[str, bool] = {}
        self._openers: dict[str, tuple[_Walk | None, bool] | _Decided | None] = {}
        self._open: dict[str | tuple[str, bool], object] = {}  # an opener and the words after it, the text going on -> what
        # they decide (keyed (words, True) after a given name: see _decided)
        self._closed: dict[str | tuple[str, bool], object] = {}  # the same where nothing follows that could be read
        self._before: dict[tuple[str, bool, bool, bool], object] = {}  # (key, open, apart, surname) where the word before decides
        self._runs: dict[str | tuple[str, bool], object] = {}  # see scan
        self._walks = 0
        self._attempts: dict[str, tuple[tuple[int, tuple[Form, ...], str], ...]] = {}
        self._answers: dict[tuple[str, str], object] = {}
        self._replacements: dict[tuple[str, str, str, bool], str | None] = {}
        self._roles: dict[tuple[str, int], bool] = {}
        self._given: dict[tuple[str, int], bool] = {}  # see _given_place
        self._kept: dict[tuple[tuple[str, ...], int], bool] = {}  # see _keeps_key_words
        self._one_word: dict[tuple[str, str], int] = {}  # see _surnames_kept
        self._acronyms: dict[tuple[str, str], bool] = {}  # see _acronym; as many as short mentions of entities

    # -- what a word may be -----------------------------------------------------------------
    def _begins(self, words: str) -> bool:
        """Tell whether some key starts with these words (a whole key counts)."""
        if words in self.keys:
            return True
        i = bisect.bisect_left(self.longer, words + " ")
        return i < len(self.longer) and self.longer[i].startswith(words + " ")

    def _continues(self, words: str) -> bool:
        """Tell whether some key starts with these words and goes on with more."""
        i = bisect.bisect_left(self.longer, words + " ")
        return i < len(self.longer) and self.longer[i].startswith(words + " ")

    def _opener(self, token: str) -> tuple[_Walk | None, bool] | None:
        """Return the first step of the walk from a word (None if no key starts with it) and whether it may
        start a key with a typo; None if neither."""
        forms = () if _NOT_IN_NAMES.search(token) else token_forms(token)
        spelled = tuple((form.key, (form,)) for form in forms if self._begins(form.key))
        walk = _Walk(spelled, self.keys, any(self._continues(key) for key, _ in spelled), None) if spelled else None
        typo = bool(spelled) or any(
            len(form.key) >= FUZZY_MIN_LETTERS - 1 and self._near_word(form.key) for form in forms
        )  # fmt: skip
        entry = (walk, typo) if walk or typo else None
        if len(self._openers) >= _MAX_OPENERS or self._walks >= _MAX_WALKS:
            self._openers.clear()
            self._walks = 0
        self._openers[token] = entry
        return entry

    def _near_word(self, word: str) -> bool:
        """Tell whether a folded word is a word of a key, or a letter away from one (one letter left out of
        either, or one changed: the same spelling with a letter left out)."""
        known = self._near.get(word)
        if known is None:
            known = word in self._near_of_length(len(word)) or (
                len(word) >= NEAR_MIN_LETTERS and not _deletes(word).isdisjoint(self._near_of_length(len(word) - 1))
            )
            self._remember(self._near, word, known)
        return known

    def _near_of_length(self, length: int) -> frozenset[str]:
        """Return the words of the keys with `length` letters, and those of one letter more (of NEAR_MIN_LETTERS
        or more) with a letter left out; built for one length at a time, when first asked for (a short text
        does not pay for them all)."""
        found = self._near_sets.get(length)
        if found is None:
            by_length = self._by_length
            if by_length is None:  # built whole before it is shared: another thread may scan meanwhile
                by_length = {}
                for word in self.index.tokens.ids:
                    by_length.setdefault(len(word), []).append(word)
                self._by_length = by_length
            near = set(by_length.get(length, ()))
            for word in by_length.get(length + 1, ()) if length + 1 >= NEAR_MIN_LETTERS else ():
                near.update(_deletes(word))
            found = self._near_sets[length] = frozenset(near)
        return found

    def _step(self, walk: _Walk, token: str) -> _Walk | None:
        """Return the step of the walk after one more word, None where no key goes on with it."""
        forms = token_forms(token)
        spelled = tuple(
            (key, chain + (form,))
            for begun, chain in walk.spelled
            for form in forms
            if self._begins(key := f"{begun} {form.key}")
        )
        step = _Walk(spelled, self.keys, any(self._continues(key) for key, _ in spelled), walk) if spelled else None
        walk.next[token] = step
        self._walks += 1
        return step

    def _by_context(self, n: int, key: str, positions: tuple[int, ...]) -> bool:
        """Tell whether a key of n words names an entity only where the document named it in full before: it is
        shared, or it is a Korean surname alone, which millions bear ("Seong" is not Song Hye-rim by itself)."""
        return len(positions) > 1 or (n == 1 and self.schemes.get(key, "").startswith("ko:surname"))

    def _role(self, key: str, position: int) -> bool:
        """Tell whether a one-word key is part of a person's longer key: a word of the entity's full name
        (position >= 0: is it a surname of that person?) or the first word of anyone's (position -1: a given name?)."""
        known = self._roles.get((key, position))
        if known is None:
            tokens = self.index.tokens
            token_id = tokens.ids.get(key)
            key_list = self.index.key_list
            longer = [] if token_id is None else [key_list[k] for k in tokens.postings(token_id) if " " in key_list[k]]
            if position >= 0:
                known = self.entities[position].kind == "person" and any(position in self.keys[k] for k in longer)
            else:
                people = (k for k in longer if any(self.entities[p].kind == "person" for p in self.keys[k]))
                known = any(k.startswith(key + " ") for k in people)
            self._roles[(key, position)] = known
        return known

    def _given_place(self, key: str, position: int) -> bool:
        """Tell whether a one-word key names a place named like a given name (see _named_like_a_person)."""
        known = self._given.get((key, position))
        if known is None:
            known = self._given[(key, position)] = _named_like_a_person(key, self.entities[position])
        return known

    def _person_here(self, text: str, word: _Word, form: Form, key: str, position: int) -> bool:
        """Tell whether a one-word place named like a given name (`word`, read as `form`) is a person's name here:
        no word before it says it is the place ("Vladimir said", "Anna's view"; not "in Vladimir", "во Владимире")."""
        if not self._given_place(key, position):
            return False
        return apostrophe_stem(word[2]) is not None or not place_cue(text, word[0], word[2][form.stem :])

    # -- the scan ---------------------------------------------------------------------------
    def scan(self, text: str, context: Context, offset: int = 0) -> list[Mention]:
        """Return the mentions in a text, in order, updating the document context.

        The openers come in runs (see RUN); what the openers of a run decide, if it depends on nothing but
        the run, the word after it (or a few more words, as NEXT reads them, where _MORE says so) and perhaps
        the word before it, is replayed from the last time the same words were read (an opener whose mention
        depends on the document is read again on the reference path: _LIVE); else they are read one by one
        (_scan_run).
        """
        masked = _masked(text)
        mentions: list[Mention] = []
        append = mentions.append
        new_mention = _tuple_maker()
        resume = 0
        runs = self._runs
        seen = context.seen
        earlier = frozenset(seen)  # named in full before this text: a lone surname of theirs may be respelt
        mask = -1  # the next masked character from the last place looked at (len(text) for none)
        for start, end, after_start, after in _runs(text):  # after: the end of the word after the run, -1 if none
            stop = after if after >= 0 else end
            if start > mask:
                mask = masked.find(1, start) % (len(text) + 1)  # -1: nothing masked past start
            open_ended = after >= 0
            if mask < stop and mask == after_start and not text[mask].isupper():
                stop, open_ended = end, False  # the word after the run is in a URL or path: no word (see _decided)
            key: str | tuple[str, bool] = text[start:stop]
            replay = runs.get(key)
            while replay is _MORE and open_ended:  # what the run decided read past `stop`: one word more
                following = NEXT.match(text, stop)
                if following is None:
                    open_ended, key = False, (key, False)  # type: ignore[assignment]  # nothing more to read
                else:
                    stop = following.end()
                    key = text[start:stop]
                replay = runs.get(key)
            if replay is not None and replay is not _MORE and start >= resume and stop <= mask:
                if replay.__class__ is dict:  # what it decides depends on the word before the run
                    replay = replay.get(_apart(text, start))  # type: ignore[union-attr]
                if replay.__class__ is tuple:
                    for at, length, named, tail in replay:  # type: ignore[union-attr]
                        if named >= 0:
                            seen.add(named)
                        resume = start + at + length
                        if tail is not None:
                            append(new_mention(Mention, start + at + offset, resume + offset, tail))
                    continue
                if replay is not None:  # a list: a step depends on the document, the steps are played one by one
                    for step in replay:  # type: ignore[union-attr]
                        resume = self._play(text, start, step, context, masked, offset, mentions, resume)
                    continue
            resume = self._scan_run(text, start, end, stop, open_ended, key, context, masked, offset, mentions, resume)
        return self._surnames_kept(text, _glosses_kept(text, mentions, offset), earlier, offset)

    def _surnames_kept(self, text: str, mentions: list[Mention], earlier: frozenset[int], offset: int) -> list[Mention]:
        """Keep as written a person's surname standing alone that the document has not named in full before it
        (many share a surname: "Kiselev said" is not respelt "Kiselyov" with no Dmitry Kiselyov before it), and
        drop a one-word place right after a form of address written before the run of
        capitalised words ("г-н Бородин", "господин Назаров": a surname, not the villages of Borodino and Nazarovo)."""
        dropped = False
        for i, mention in enumerate(mentions):
            role = self._one_word_role(mention)
            if role == _SURNAME_WORD and mention.replacement != mention.text:
                position = self.positions[mention.id]
                full = (m for m in mentions[:i] if m is not None and m.id == mention.id and self._one_word_role(m) != _SURNAME_WORD)
                if position not in earlier and next(full, None) is None:
                    mentions[i] = mention._replace(replacement=mention.text)
            elif role == _PLACE_WORD and _after_address(text, mention.start - offset):
                mentions[i], dropped = None, True  # type: ignore[call-overload]
        return [m for m in mentions if m is not None] if dropped else mentions

    def _one_word_role(self, mention: Mention) -> int:
        """Return _SURNAME_WORD for a person's surname alone (a word that is, as written or without an ending, a word of
        the person's full name), _PLACE_WORD for a one-word place, else 0; remembered by text and entity."""
        role = self._one_word.get((mention.text, mention.id))
        if role is None:
            role = self._remember(self._one_word, (mention.text, mention.id), self._find_one_word_role(mention))  # type: ignore[assignment]
        return role  # type: ignore[return-value]

    def _find_one_word_role(self, mention: Mention) -> int:
        """Do :meth:`_one_word_role`'s work."""
        if " " in mention.text:
            return 0
        position = self.positions[mention.id]
        if self.entities[position].kind == "place":
            return _PLACE_WORD
        return _SURNAME_WORD if any(self._role(form.key, position) for form in token_forms(mention.text)) else 0

    def _scan_run(
        self, text: str, start: int, end: int, stop: int, open_ended: bool, key: str | tuple[str, bool],
        context: Context, masked: bytearray, offset: int, mentions: list[Mention], resume: int,
    ) -> int:
        """Find the mentions of a run of openers (text[start:end], then words up to `stop`, and more words after
        that if `open_ended`) opener by opener, add them to `mentions`, and return where the next mention may
        start. Remember what the run decided by `key` (text[start:stop]) when that is all it read (no URL or
        path among it, no mention of an earlier run reaching into it), with what _apart said of the word before
        it if that mattered; _MORE if it read past `stop`. An opener whose mention depends on the document is
        remembered as a step read on the reference path every time (_LIVE): the openers after it are then
        remembered even where its mention covers them (elsewhere it may not), and the steps are a list."""
        openers = self._openers
        pure = self.fast and start >= resume and masked.find(1, start, stop) < 0
        steps: list[tuple[int, int, int, tuple | None]] = []  # type: ignore[type-arg]
        before = None  # what _apart said of the word before the run, if it mattered
        past = live = False
        for match in OPENER.finditer(text, start, end):
            token = match.group()
            entry = openers.get(token, _UNSEEN)
            if entry is None:
                continue
            at = match.start()
            if masked[at] or (at < resume and not live):  # (after a _LIVE step, the words it may cover are read)
                continue
            if entry.__class__ is not _Decided:  # else a word that names one entity by itself, whatever follows it
                if entry is _UNSEEN:
                    entry = self._opener(token)
                    if entry is None:
                        continue
                decided, reach, apart = self._decided(text, at, match.end(), token, entry, masked)  # type: ignore[arg-type]
                if at > start and decided.__class__ is _Decided and self._place_word(decided) and self._after_given_name(text, start, at):  # type: ignore[arg-type]
                    decided, reach, apart = self._decided(text, at, match.end(), token, entry, masked, surname=True)  # type: ignore[arg-type]
                past = past or (open_ended and reach >= stop)  # it looked for a word past the key
                if at == start:
                    before = apart
                if decided is None:
                    continue
                entry = decided
            if entry is _UNDECIDED:
                live = True
                step = (at - start, match.end() - at, _LIVE, None)
            else:
                step = (at - start, entry.length, entry.named, entry.tail)  # type: ignore[union-attr]
            steps.append(step)
            resume = self._play(text, start, step, context, masked, offset, mentions, resume)
        if pure:
            found = steps if live else tuple(steps)
            if past:
                self._remember(self._runs, key, _MORE)
            elif before is None:
                self._remember(self._runs, key, found)
            else:
                known = self._runs.get(key)
                self._remember(self._runs, key, {**(known if known.__class__ is dict else {}), before: found})  # type: ignore[dict-item]
        return resume

    def _play(
        self, text: str, start: int, step: tuple[int, int, int, tuple | None],  # type: ignore[type-arg]
        context: Context, masked: bytearray, offset: int, mentions: list[Mention], resume: int,
    ) -> int:
        """Add the mention of one step of a run starting at `start` (at, length, named, tail; see _Decided) to
        `mentions`, unless an earlier mention reaches over it, and return where the next mention may start.
        A _LIVE step is read on the reference path."""
        at, length, named, tail = step
        at += start
        if at < resume:
            return resume
        if named == _LIVE:
            token = text[at : at + length]
            entry = self._openers.get(token, _UNSEEN)
            surname = at > start and self._after_given_name(text, start, at)
            mention = self._reference(text, at, at + length, token, self._opener(token) if entry is _UNSEEN else entry, context, masked, surname)  # type: ignore[arg-type]
            if mention is None:
                return resume
            if (checked := self._checked(mention)) is not None:
                mentions.append(_shifted(checked, offset) if offset else checked)
            return mention.end
        if named >= 0:
            context.seen.add(named)
        if tail is not None:
            mentions.append(_tuple_maker()(Mention, at + offset, at + length + offset, tail))
        return at + length

    def _acronym(self, key: str, entity_id: str) -> bool:
        """Tell whether an entity has a key only from names written in capitals (RF, and BGN's "rf" from РФ)."""
        known = self._acronyms.get((key, entity_id))
        if known is None:
            sources = [v.source for v in self.index.variants(entity_id) if v.key == key]
            known = self._acronyms[(key, entity_id)] = bool(sources) and all(
                len(source) > 1 and source.isupper() for source in sources
            )  # fmt: skip
        return known

    def _checked(self, mention: Mention) -> Mention | None:
        """Return the mention, None if it spells an acronym the gazetteer writes in capitals in another case
        ("Rf" is not RF, Russia), or another entity's mention if it is written exactly as that entity's
        accented name whose folded key went elsewhere (Turkish "Tümen": Tyumen, not the Tumen River)."""
        text = mention.text
        stem = text[: apostrophe_stem(text)]  # RF's, Tümen'de: the name before the suffix
        if len(text) <= _ACRONYM_LETTERS and not text.isupper() and self._acronym(fold(stem), mention.id):
            return None
        if text.isascii() or not self.index.spellings:
            return mention
        positions = self.index.lookup_spelling(stem)
        if len(positions) != 1 or self.entities[positions[0]].id == mention.id:
            return mention
        entity = self.entities[positions[0]]
        replacement = (_replacement(stem, entity, "", True) or stem) + text[len(stem) :]
        reason = f"exact spelling '{spelling(stem)}' (a written name; folded, it names another entity)"
        return mention._replace(id=entity.id, name=entity.name, score=1.0, reason=reason, replacement=replacement)

    def _reference(self, text: str, start: int, end: int, token: str, entry: tuple[_Walk | None, bool], context: Context,
                   masked: bytes | bytearray, surname: bool = False) -> Mention | None:
        """Return the mention an opener starts, found by the reference path, which reads the text around it
        (`surname`: see :meth:`_exact`)."""
        walk, typo = entry
        words: list[_Word | None] = [(start, end, token)]
        mention = self._exact(text, words, walk, context, masked, surname=surname) if walk is not None else None
        if mention is _SURNAME:
            return None
        if mention is None and typo:
            mention = self._fuzzy(text, words, context, masked, surname)
        return mention  # type: ignore[return-value]

    def _decided(
        self, text: str, start: int, end: int, token: str, entry: tuple[_Walk | None, bool], masked: bytearray, surname: bool = False
    ) -> tuple[object, int, bool | None]:
        """Return what an opener (text[start:end]) and the words after it decide (see _decide), from the memos:
        with the next word first, then one word more at a time while the words read leave it open; once the
        word before is found to matter, from the memo of what they decide with it. Also return where the last
        word was looked for (the text after it was not read) and what _apart said, if it mattered.
        `surname`: what they decide after a given name (see _exact), remembered apart."""
        decided: object = _MORE
        apart = None  # what _apart says of the word before, once it matters
        while decided is _MORE:
            reach = end
            following = NEXT.match(text, end)  # the next word, as the reference path reads it
            if following is not None and masked[following.start(2)]:
                if text[following.start(2)].isupper():
                    return _UNDECIDED, reach, apart  # a capitalised word inside a URL or path: _alone reads it
                following = None  # a word inside a URL or path is no word of a name: the same as none
            if following is None:
                memo, key = self._closed, text[start:end]  # nothing more to read: the key is all there is
            else:
                end = following.end()
                memo, key = self._open, text[start:end]
            known = (key, True) if surname else key
            if apart is None:
                decided = memo.get(known, _UNSEEN)
                if decided is _UNSEEN:
                    decided = self._remember(memo, known, self._decide(key, token, entry, memo is self._open, surname=surname))
                if decided is not _BEFORE:
                    continue
                apart = _apart(text, start)
            before = (key, memo is self._open, apart, surname)
            decided = self._before.get(before, _UNSEEN)
            if decided is _UNSEEN:
                decided = self._remember(self._before, before, self._decide(key, token, entry, before[1], apart, surname))
        return decided, reach, apart

    def _decide(
        self, key: str, token: str, entry: tuple[_Walk | None, bool], open_ended: bool, apart: bool | None = None, surname: bool = False
    ) -> _Decided | None | object:
        """Return what an opener decides from itself and the words after it (`key`, as NEXT reads them)
        whatever stands around them: a mention, or None for no mention; _MORE where the reference path (_exact,
        _fuzzy) would read a word past the key (when `open_ended`: the text may go on), _BEFORE where the word
        before the key decides (give `apart`, see _alone), and _UNDECIDED where the document context, or the
        words around a possible typo, may change what it finds."""
        if not self.fast:
            return _UNDECIDED
        walk, typo = entry
        words: list[_Word | None] = [(0, len(token), token)]
        decided: _Decided | None | object = None
        if walk is not None:
            walk = self._walked(walk, lambda n: self._read(key, words, n, open_ended))  # type: ignore[assignment]
            if walk is _MORE:
                return _MORE
            plan = self._plan_of(walk)  # type: ignore[arg-type]
            need = None if plan.__class__ is _Sure else self._needs(key, len(token), plan, apart)  # type: ignore[arg-type]
            if need is _UNDECIDED or (need is _BEFORE and apart is None):
                return need
            context = Context()
            mention = self._exact(key, words, entry[0], context, bytes(len(key)), apart, surname)  # type: ignore[arg-type]
            if mention is _SURNAME:
                return None
            if mention is not None:
                decided = _Decided(mention, self._checked(mention), next(iter(context.seen), -1))
        if decided is None and typo:
            run = 1
            while (word := self._read(key, words, run, open_ended)) is not None:
                if word is _MORE:
                    return _MORE
                if not _joined(key, words[run - 1], word):  # type: ignore[arg-type]
                    break
                run += 1
            surface = key[: words[run - 1][1]]  # type: ignore[index]
            attempts = self._attempts.get(surface)
            if attempts is None:
                attempts = self._fuzzy_attempts(surface, words[:run])  # type: ignore[arg-type]
            if any(n == 1 for n, _, _ in attempts) and not _followed_by_name(key, len(token)):
                return _UNDECIDED  # a typo'd word alone: the document context and the word before decide
            if attempts:  # typo'd names of several words, or a word that does not stand apart: no context needed
                context = Context()
                mention = self._fuzzy(key, words, context, bytes(len(key)), surname)
                if mention is not None:
                    decided = _Decided(mention, self._checked(mention), next(iter(context.seen), -1))
        return decided

    def _needs(self, key: str, end: int, plan: tuple[_Candidate, ...], apart: bool | None) -> object:
        """Return what else the candidates of a walk over a key (its first word ends at `end`) need to resolve
        as _exact weighs them: None for nothing, _BEFORE for the word before the key (a one-word name that must
        stand apart, with no capitalised word after it in the key; `apart`, if given, is what _apart says of that
        word), _UNDECIDED for the document context (a key several entities share, unless it is one word that
        does not stand apart: _exact passes over it in any document)."""
        need = None
        followed = _followed_by_name(key, end)
        for n, key_, _, positions in plan:
            shared = self._by_context(n, key_, positions)
            given = n == 1 and any(self._given_place(key_, p) for p in positions)
            if n == 1 and (shared or given or self._role(key_, positions[0]) or self._role(key_, -1)):
                if not followed:
                    if given or (shared and apart):
                        return _UNDECIDED  # (a place named like a given name: the words before decide, see _person_here)
                    need = _BEFORE
                continue
            if len(positions) > 1:
                return _UNDECIDED
            return need
        return need

    def _read(self, key: str, words: list[_Word | None], n: int, open_ended: bool) -> _Word | None | object:
        """Return the n-th word of a key as the reference path reads it in the text, _MORE if past the key's end
        while the text may go on."""
        last = words[-1]
        if n >= len(words) and open_ended and last is not None and last[1] == len(key) and n < self.max_tokens:
            return _MORE
        return self._word(key, words, n, bytes(len(key)))

    def _remember(self, memo: dict, key: object, answer: object) -> object:  # type: ignore[type-arg]
        """Put an answer in one of the Scanner's memos (bounded: past _MAX_ANSWERS it starts again empty), and
        return it."""
        if len(memo) >= _MAX_ANSWERS:
            memo.clear()
        memo[key] = answer
        return answer

    def _word(self, text: str, words: list[_Word | None], n: int, masked: bytes | bytearray) -> _Word | None:
        """Return the n-th word (from 0) of a possible name, reading on in the text; None past the name's end.

        Words belong together when only spaces (one line break at most), a hyphen, or the dot of
        an initial ("V. Putin") stand between them, and none is inside a URL or path.
        """
        if n < len(words):
            return words[n]
        last = words[-1]
        if last is None or n >= self.max_tokens:
            return None
        following = NEXT.match(text, last[1])
        word = None
        if following is not None and not (text[last[1]] == "." and len(last[2]) > 2):  # a dot ends a sentence
            start, end = following.span(2)
            if not masked[start]:
                word = (start, end, following.group(2))
        words.append(word)
        return word

    def _walked(self, walk: _Walk, read: Callable[[int], _Word | None | object]) -> _Walk | object:
        """Return the last step of the exact-key walk on the words `read` gives by number (None past the name's
        end), or _MORE if `read` gave that instead of a word."""
        while walk.extends:
            word = read(walk.depth)
            if word is None or word is _MORE:
                if word is _MORE:
                    return _MORE
                break
            step = walk.next.get(word[2], _UNSEEN)  # type: ignore[index]
            if step is _UNSEEN:
                step = self._step(walk, word[2])  # type: ignore[index]
            if step is None:
                break
            walk = step  # type: ignore[assignment]
        return walk

    def _plan_of(self, walk: _Walk) -> _Sure | tuple[_Candidate, ...]:
        """Return how to resolve the words of a walk (see _plan), remembered on the walk."""
        plan = walk.plan
        if plan is None:
            plan = walk.plan = self._plan(walk)
        return plan

    def _exact(
        self, text: str, words: list[_Word | None], walk: _Walk, context: Context, masked: bytes | bytearray, apart: bool | None = None,
        surname: bool = False,
    ) -> Mention | None | object:
        """Return the longest exact key the words spell that resolves to one entity, or None (`apart`: see _alone;
        `surname`: the word before is a given name, a patronymic, an initial or a form of address, so a one-word
        place is left out, and a word spelt as one is _SURNAME)."""
        walk = self._walked(walk, lambda n: self._word(text, words, n, masked))  # type: ignore[assignment]
        plan = self._plan_of(walk)
        if surname and plan.__class__ is _Sure and plan.n == 1 and plan.entity.kind == "place":  # type: ignore[union-attr]
            return _SURNAME  # the word is spelt as the place: no typo'd name either
        if plan.__class__ is _Sure:
            mention = self._sure(text, words, plan, context)  # type: ignore[arg-type]
            if walk.parent is None and not walk.extends and plan.n == 1 and mention.text == words[0][2] and plan.entity.kind != "place":  # type: ignore[union-attr, index]
                self._openers[mention.text] = _Decided(mention, self._checked(mention), -1 if plan.partial else plan.position)
            return mention
        for n, key, chain, positions in plan:  # type: ignore[union-attr]
            via = ""
            if self._by_context(n, key, positions):
                named = context.seen.intersection(positions)  # (a common surname has hundreds of positions)
                if len(named) != 1 or (len(positions) == 1 and text[words[0][1] : words[0][1] + 1] in _HYPHENS):  # type: ignore[index]
                    continue  # (a Korean surname before a hyphen is a syllable of a given name: "Seong-ho")
                positions, via = tuple(named), ", document context"
            position = positions[0]
            if surname and n == 1 and self.entities[position].kind == "place":
                continue
            partial = bool(via) or self._role(key, position)
            start, end = words[0][0], words[n - 1][1]  # type: ignore[index]
            given = n == 1 and self._given_place(key, position)
            if n == 1 and (partial or given or self._role(key, -1)) and not _alone(text, start, end, apart):
                continue
            if given and self._person_here(text, words[0], chain[0], key, position):  # type: ignore[arg-type]
                return None  # nor is the word another reading's name
            if not partial:
                context.seen.add(position)
            reason = f"exact key '{key}' ({self.schemes.get(key, '')}){via}"
            return self._mention(text, words[:n], chain, self.entities[position], 1.0, reason, exact=True)  # type: ignore[arg-type]
        return None

    def _plan(self, walk: _Walk) -> _Sure | tuple[_Candidate, ...]:
        """Return how to resolve the words of a walk: the sure mention, or the candidates to weigh in context."""
        candidates = _candidates(walk, self.keys, self.entities)
        if not candidates or len(candidates[0][3]) > 1:
            return candidates
        n, key, chain, (position,) = candidates[0]
        partial = self._role(key, position)
        if n == 1 and (partial or self._role(key, -1) or self._given_place(key, position)):
            return candidates  # a surname or given name alone, or a place named like one: it depends on the words around it
        return _Sure(n, position, partial, chain, self.entities[position], f"exact key '{key}' ({self.schemes.get(key, '')})")

    def _sure(self, text: str, words: list[_Word | None], plan: _Sure, context: Context) -> Mention:
        """Return the mention a sure plan gives for the words, remembering its replacement per spelling."""
        first, last = words[0], words[plan.n - 1]
        start, end = first[0], last[1]  # type: ignore[index]
        if not plan.partial:
            context.seen.add(plan.position)
        surface = text[start:end]
        replacement = plan.replacements.get(surface)
        if replacement is None:
            replacement = self._replaced(surface, last[0] - start + plan.chain[-1].stem, plan.chain, plan.entity, exact=True)  # type: ignore[index]
            if len(plan.replacements) < _MAX_SPELLINGS:
                plan.replacements[surface] = replacement
        entity = plan.entity
        return Mention(start, end, surface, entity.id, entity.name, 1.0, plan.reason, replacement)

    def _fuzzy(self, text: str, words: list[_Word | None], context: Context, masked: bytes | bytearray, surname: bool = False) -> Mention | None:
        """Return the longest typo'd name the Matcher accepts for the words, or None (`surname`: see _exact)."""
        run: list[_Word] = [words[0]]  # type: ignore[list-item]
        while (word := self._word(text, words, len(run), masked)) is not None and _joined(text, run[-1], word):
            run.append(word)
        origin = run[0][0]
        surface = text[origin : run[-1][1]]
        attempts = self._attempts.get(surface)
        if attempts is None:
            attempts = self._fuzzy_attempts(surface, [(s - origin, e - origin, t) for s, e, t in run])
        for n, chain, query in attempts:
            mention = self._fuzzy_one(text, run[:n], chain, query, context)
            if mention is not None:
                if surname and n == 1 and self.entities[self.positions[mention.id]].kind == "place":
                    return None  # (a typo'd word alone is never added to the document context: nothing to take back)
                return mention
        return None

    def _fuzzy_attempts(self, surface: str, run: list[_Word]) -> tuple[tuple[int, tuple[Form, ...], str], ...]:
        """Return the queries worth trying for a run of words (offsets into `surface`), longest first, and remember them."""
        attempts = []
        min_stem = endings()["min_stem"]
        for n in range(len(run), 0, -1):
            if n < len(run) and surface[run[n - 1][1]] in _HYPHENS:
                continue  # a hyphen goes on with the name (Park Ji-sung): no typo'd name ends before it
            earlier = [token_forms(t[2]) for t in run[: n - 1]]
            if not all(earlier):
                continue  # a word that folds to nothing (a modifier letter alone: "ʼ") is part of no name
            before = tuple(forms[0] for forms in earlier)
            for form in token_forms(run[n - 1][2])[:3]:
                if n == 1 and (len(form.key) < FUZZY_MIN_LETTERS or form.kind == "ending" and form.stem < min_stem):
                    continue
                if form.kind == "ending" and len(form.key) < FUZZY_ENDING_STEM:
                    continue  # "Yeo" is no typo'd initial Ye. with an ending (Ye. Primakov)
                chain = before + (form,)
                if not all(self._near_word(word) for f in chain for word in f.key.split()):
                    continue  # a word too far from every word of every key: no typo'd name
                query = surface[: run[n - 1][0] + form.stem] + form.restore
                if self._may_match(query, alone=n == 1):
                    attempts.append((n, chain, query))
        found = tuple(attempts)
        self._remember(self._attempts, surface, found)
        return found

    def _may_match(self, query: str, alone: bool) -> bool:
        """Tell whether a fuzzy query can give a mention in some document: a match, or for one word alone
        a place or a candidate good enough to be taken where the document named it before."""
        if not alone:
            return isinstance(self._cached("match", query), Match)
        # The match, if any, is one of the candidates: a place among them, or a good one, is needed.
        return any(c.score >= CONTEXT_MIN_SCORE or c.kind == "place" for c in self._cached("candidates", query))  # type: ignore[attr-defined]

    def _fuzzy_one(self, text: str, run: list[_Word], chain: tuple[Form, ...], query: str, context: Context) -> Mention | None:
        """Return the mention for one fuzzy query over a run of words, if the guards let it through."""
        match = self._cached("match", query)
        start, end = run[0][0], run[-1][1]
        if chain[-1].kind != "word":  # the last word read without its ending: as written, it is a word too
            chain_as_written = chain[:-1] + token_forms(run[-1][2])[:1]
            if isinstance(match, Match) and not self._keeps_key_words(chain_as_written, self.positions[match.id]):
                return None  # "Yun Gwangju" is no typo of Hwangju County read as "Gwangj" + -u
        if len(run) > 1:
            if not isinstance(match, Match) or not self._keeps_key_words(chain, self.positions[match.id]):
                return None
            position = self.positions[match.id]
            context.seen.add(position)
            return self._mention(text, run, chain, self.entities[position], match.score, match.reason, exact=match.score >= 1)
        named = [c for c in self._cached("candidates", query) if c.score >= CONTEXT_MIN_SCORE and self.positions[c.id] in context.seen]  # type: ignore[attr-defined]
        if len(named) == 1:
            match, via = named[0], ", document context"
        elif isinstance(match, Match) and match.kind == "place" and _typo_place_alone(text, start, query, chain[-1]):
            via = ""
        else:
            return None
        if not self._keeps_key_words(chain, self.positions[match.id]) or not _alone(text, start, end):
            return None
        if self._person_here(text, run[0], chain[0], fold(query), self.positions[match.id]):
            return None  # "Vladimr said", as "Vladimir said"
        entity = self.entities[self.positions[match.id]]
        mention = self._mention(text, run, chain, entity, match.score, match.reason + via, exact=match.score >= 1)
        stem = text[start : start + chain[0].stem]
        new_stem = mention.replacement[: len(mention.replacement) - (end - start - chain[0].stem)]
        if via and mention.replacement != mention.text and len(fold(stem)) != len(fold(new_stem)):
            return None  # a lone surname is only corrected letter for letter ("Pitin", not "Pskov" -> "Peskov")
        return mention

    def _keeps_key_words(self, chain: tuple[Form, ...], position: int) -> bool:
        """Tell whether a typo'd name keeps the words it spells right: each word that is a word of some key
        must be a word of a key of the entity with as many words ("Russian" is not a typo of Russia, nor
        "South Korean" of South Korea, though "russian federation" is a key of Russia). A syllable of up to
        SYLLABLE_LETTERS letters among other words is exempt: Korean syllables are words of many keys, and
        "Kim Jon Un" is a slip for Kim Jong Un (the Matcher's guards decide it)."""
        words = tuple(word for form in chain for word in form.key.split())
        known = self._kept.get((words, position))
        if known is None:
            tokens, key_list = self.index.tokens, self.index.key_list
            known = True
            for word in words:
                token_id = tokens.ids.get(word)
                if token_id is None or (len(word) <= SYLLABLE_LETTERS and len(words) > 1):
                    continue
                keys = (key_list[k] for k in tokens.postings(token_id))  # all the keys with the word: can be many
                if not any(position in self.keys[key] and key.count(" ") + 1 == len(words) for key in keys):
                    known = False
                    break
            self._remember(self._kept, (words, position), known)
        return known

    def _cached(self, how: str, query: str) -> object:
        """Ask the Matcher (match or candidates), remembering the answer for this scanner."""
        answer = self._answers.get((how, query), self)
        if answer is self:
            matcher = self.normalizer.matcher
            answer = matcher.match(query) if how == "match" else matcher.candidates(query, 5)
            self._remember(self._answers, (how, query), answer)
        return answer

    # -- what a mention becomes -------------------------------------------------------------
    def _mention(self, text: str, run: list[_Word], chain: tuple[Form, ...], entity: Entity, score: float, reason: str, exact: bool) -> Mention:
        """Build the mention of an entity over a run of words, with its replacement."""
        start, end = run[0][0], run[-1][1]
        surface = text[start:end]
        replacement = self._replaced(surface, run[-1][0] - start + chain[-1].stem, chain, entity, exact)
        return Mention(start, end, surface, entity.id, entity.name, score, reason, replacement)

    def _replaced(self, surface: str, stem: int, chain: tuple[Form, ...], entity: Entity, exact: bool) -> str:
        """Return what replaces a mention: the canonical spelling of its stem (surface[:stem]) and the rest as it is."""
        if any(form.kind != "word" for form in chain[:-1]):
            return surface  # a word before the last is inflected: the name stays as it is written
        key = (surface[:stem], entity.id, chain[-1].restore, exact)
        part = self._replacements.get(key, "")
        if part == "":
            part = _replacement(key[0], entity, key[2], exact)
            self._remember(self._replacements, key, part)
        if part is None or (surface[stem:] and len(fold(part).split()) > len(fold(key[0]).split())):
            return surface  # an ending goes with one word, not with a longer name: "Yamalo" is not "Yamalo-Nenets" + o
        new = part + surface[stem:]
        if new != surface and not self._reads_as(new, self.positions[entity.id]):
            return surface  # a respelt stem with its ending must read as the name: not "Кемеровоо" for "Ке-мерово", nor
            # "Pochon" (Pocheon) for "Poc’shon" (Pochon County)
        return new

    def _place_word(self, decided: _Decided) -> bool:
        """Tell whether a decided mention is a place named by one word."""
        return decided.tail is not None and decided.named >= 0 and self.entities[decided.named].kind == "place" and " " not in decided.tail[0]

    def _after_given_name(self, text: str, start: int, at: int) -> bool:
        """Tell whether the word before position `at`, in a run of capitalised words from `start`, is a given name
        (the first word of a person's key), a patronymic, an initial or a form of address or rank: a one-word place
        name there is a surname ("Ivan Semenov", "Ivan Ivanovich Semenov", "I. Belov", "General Belov": not the
        towns of Semyonov and Belyov)."""
        previous = PREVIOUS.search(text, max(start, at - _NEAR_WINDOW), at)
        if previous is None:
            return False
        word = previous.group("tok")
        if is_address(word):
            return True
        if previous.group("sep").startswith("."):
            return len(word) == 1  # an initial; a longer word and a dot end a sentence
        if not word[0].isupper() or is_function_word(word):
            return False
        keys = [form.key for form in token_forms(word)] if script(word) == "cyrillic" else [fold(word)]  # Ивана: Иван
        return any(self._role(key, -1) or is_patronymic(key) for key in keys)

    def _reads_as(self, text: str, position: int) -> bool:
        """Tell whether a rewritten mention spells a key of the entity exactly, its last word as written or
        without an ending (so that the next rewrite leaves it as it is)."""
        last = _LAST_WORD.search(text)
        if last is None:
            return position in self.keys.get(fold(text), ())
        before = fold(text[: last.start()])
        keys = (f"{before} {form.key}" if before else form.key for form in token_forms(last.group()))
        return any(position in self.keys.get(key, ()) for key in keys)


def _candidates(
    walk: _Walk, keys: Mapping[str, tuple[int, ...]], entities: tuple[Entity, ...]
) -> tuple[_Candidate, ...]:
    """Return the whole keys along a walk, longest first: (words, key, forms, entity positions)."""
    found = []
    step: _Walk | None = walk
    while step is not None:
        found.extend((step.depth, key, chain) for key, chain in step.found)
        step = step.parent
    # Where the whole word and the word without its ending name the same entity ("Putins": a Latvian
    # key, and Putin + a German genitive -s), keep the ending: only the stem is rewritten; unless the
    # whole word is the canonical spelling or a word of it ("Russia", though "Russi" is a key of Russia
    # too; "Golodets", though Romanian "Golodeț" folds to "golodet": Golodet + -s would become "Golodetss").
    # Where the whole word is a key of other entities than the word without its ending, it is a word in its
    # own right: "Pugacheva" is Alla Pugacheva's surname (if anyone's), not Pugachyov + a Latin case ending.
    stripped = {(n, keys[key]) for n, key, chain in found if chain[-1].kind != "word"}
    whole = {(n, keys[key]) for n, key, chain in found if chain[-1].kind == "word"}
    found = [
        (n, key, chain)
        for n, key, chain in found
        if (chain[-1].kind != "word" or (n, keys[key]) not in stripped or _is_canonical(key, keys[key], entities))
        and (chain[-1].kind == "word" or all(m != n or positions == keys[key] for m, positions in whole))
    ]
    found.sort(key=lambda candidate: -candidate[0])
    min_stem = endings()["min_stem"]
    too_short = (1, "ending")  # one word with an ending taken off, its stem shorter than min_stem
    return tuple(
        (n, key, chain, keys[key]) for n, key, chain in found if not ((n, chain[0].kind) == too_short and chain[0].stem < min_stem)
    )


def _is_canonical(key: str, positions: tuple[int, ...], entities: tuple[Entity, ...]) -> bool:
    """Tell whether a key is the folded canonical spelling of one of the entities it names, or a run of its words."""
    kind = script(key)
    return any(f" {key} " in f" {fold(_canonical(entities[p], kind) or '')} " for p in positions)


def _replacement(stem: str, entity: Entity, restore: str, exact: bool) -> str | None:
    """Return what replaces a mention's stem: the canonical spelling in its script and case, or None to keep it."""
    kind = script(stem)
    if exact and kind != "latin":
        return None  # native script spelt right: an inflected form stays as it is
    if entity.type in TRANSLATED_TYPES:
        return None  # Südkorea, КНДР: another language's name for it, not a misspelling
    canonical = _canonical(entity, kind)
    if not canonical:
        return None
    written = _written_form(stem, entity) if exact else None
    if written is not None and written.isupper():
        return None  # an acronym the gazetteer lists (FEFU): kept as written
    # A place name the gazetteer lists (Primorye, Pjöngjang) stands for the whole canonical name,
    # unless it is a part of it (Pyeongchang of Pyeongchang County); a person's alias shorter than
    # the name is a part of it (Putin, Poutine), as is a surname (Pitinem).
    whole = (
        written is not None
        and not set(fold(written).split()) <= set(fold(canonical).split())
        and (entity.kind == "place" or len(written.split()) >= len(canonical.split()))
    )
    part = canonical if whole and len(stem.split()) != len(canonical.split()) else _aligned(stem, canonical)
    if restore and part.lower().endswith(restore):
        part = part[: -len(restore)]
    folded, new = fold(stem), fold(part)
    if not exact and len(folded) > len(new) and folded[-1:] != new[-1:]:
        return None  # a typo'd name longer than the name, ending otherwise: an ending no table knows (Hungarian Kazanba)
    if stem != part and _spelt_as_a_surname(stem, entity):
        return None  # "Semenov said", "Belova said", "Korolëv said": a surname as much as the towns of Semyonov, Belyov, Korolev
    return part.upper() if case_style(stem) == "upper" else part


def _spelt_as_a_surname(stem: str, entity: Entity) -> bool:
    """Tell whether a stem read as a Russian place named like a surname (Semyonov, Belyov, Beryozovsky) is spelt as
    a surname: a person is as likely as the place, and a rewrite would respell them. (After a given name such a
    word is no mention at all: see Scanner._after_given_name.)"""
    return (
        entity.kind == "place"
        and entity.country == "RU"
        and " " not in entity.name
        and has_surname_ending(entity.name)
        and has_surname_ending(stem, feminine=True)
    )


def _named_like_a_person(key: str, entity: Entity) -> bool:
    """Tell whether a one-word key of a place is a Russian given name ("Ruslan", a name of Russia in some languages),
    or the place is named like one (the towns of Vladimir, Anna, Artyom, by any of their keys: "Anno"): in running
    text a person is far more likely, unless a word before says otherwise (see Scanner._person_here).

    >>> _named_like_a_person("anno", Entity("anna", "place", "RU", "Anna", {"ru": ("Анна",)}))
    True
    >>> _named_like_a_person("kazan", Entity("kazan", "place", "RU", "Kazan", {"ru": ("Казань",)}))
    False
    """
    if entity.kind != "place":
        return False
    keys = given_name_keys()
    return key in keys or any(fold(name) in keys for name in entity.native.get("ru", ()))


def _written_form(stem: str, entity: Entity) -> str | None:
    """Return the name, alias or native name of the entity that a stem spells (folded), or None."""
    key = fold(stem)
    names = (entity.name, *entity.aliases, *(name for names in entity.native.values() for name in names))
    return next((name for name in names if fold(name) == key), None)


def _canonical(entity: Entity, kind: str) -> str | None:
    """Return the entity's canonical spelling in a script: the name, or the first native name."""
    if kind == "latin":
        return entity.name
    names = entity.native.get("ko" if kind == "hangul" else "ru", ())
    return names[0] if names else None


def _aligned(stem: str, canonical: str) -> str:
    """Return the canonical words that stand for the words of a mention, in its order and with its spacing.

    A rewrite respells words and never moves them: "Pitin Vladimir" becomes "Putin Vladimir" (moving
    words would join them to their neighbours: "Putin Putin Vladimir" would change at every rewrite),
    and never spells out an initial: "V. Pitin" becomes "V. Putin".
    """
    pieces = stem.split()
    words = canonical.split()
    named = [piece for piece in pieces if not _initials(piece)]  # an initial stays one: "V. V. Poutine" is "V. V. Putin"
    if len(named) < len(words):
        words = [word.strip(_BRACKETS) for word in words]  # a part of "Республика Саха (Якутия)" is "Якутия"
    whole = len(fold(stem).split()) >= len(fold(canonical).split()) and len(named) == len(pieces)
    if len(named) > len(words) or (whole and len(pieces) != len(words)):
        spelt_out = any(len(a) == 1 < len(b) for a, b in zip(fold(stem).split(), fold(canonical).split()))
        return stem if spelt_out else canonical  # "I-vanov" (I. Ivanov) is not "Igor Ivanov"; "O Jin-u" is "O Jin U"
    folded = [fold(piece) for piece in named]
    respelt = iter(max(
        itertools.permutations(words, len(named)),  # the canonical order first: it wins ties
        key=lambda order: sum(Indel.normalized_similarity(a, fold(b)) for a, b in zip(folded, order)),
    ))  # fmt: skip
    chosen = [piece if _initials(piece) else next(respelt) for piece in pieces]
    gaps = _SPACES.findall(stem)
    return chosen[0] + "".join(gap + word for gap, word in zip(gaps, chosen[1:]))


def _initials(piece: str) -> bool:
    """Tell whether a word of a mention is initials only ("V.", "V.V.", "Å"): every folded word one letter or none."""
    return all(len(word) <= 1 for word in fold(piece).split())


def _joined(text: str, last: _Word, word: _Word) -> bool:
    """Tell whether a word read after the last word of a run of capitalised words goes on with the run (as OPENER)."""
    first = word[2][0]
    return first.isupper() or "\uac00" <= first <= "\ud7a3" or text[last[1]] in _HYPHENS


def _followed_by_name(text: str, end: int) -> bool:
    """Tell whether a capitalised word other than a title follows a position (after spaces and one line break at most)."""
    following = FOLLOWING.match(text, end)
    return following is not None and following.group("tok")[0].isupper() and not is_title(following.group("tok"))


def _alone(text: str, start: int, end: int, apart: bool | None = None) -> bool:
    """Tell whether a one-word name stands apart from other capitalised words (not "Vladimir Soldatkin");
    `apart`, if given, is what _apart says of the word before."""
    if _followed_by_name(text, end):
        return False
    return _apart(text, start) if apart is None else apart


def _apart(text: str, start: int) -> bool:
    """Tell whether the word before a position leaves a one-word name there standing apart: none, lower case,
    a title, or a capitalised word that ends a sentence or is a function word."""
    if start == 0 or text[start - 1] not in " \t\u00a0\n":
        return True  # no word before: PREVIOUS ends with a space or a line break
    # PREVIOUS is tried at every position of the window: the last few characters first (a word and its spaces,
    # if any, are the only match), the whole window only if they hold none and could be part of a longer one.
    previous = PREVIOUS.search(text, max(0, start - _NEAR_WINDOW), start)
    if previous is None and start > _NEAR_WINDOW and not _NOT_IN_PREVIOUS.search(text, start - _NEAR_WINDOW, start):
        previous = PREVIOUS.search(text, max(0, start - 64), start)
    if previous is None or not previous.group("tok")[0].isupper() or is_title(previous.group("tok")):
        return True
    return "." in previous.group("sep") or is_function_word(previous.group("tok"))  # "Soldatkin. Putin", "But Putin"


def _after_address(text: str, start: int) -> bool:
    """Tell whether a form of address or rank stands right before a position, hyphens and dots included ("г-н",
    "Mr.").

    >>> _after_address("г-н Бородин", 4), _after_address("Dr. Borodin", 4), _after_address("in Borodino", 3)
    (True, True, False)
    """
    end = start - 1
    if end < 1 or text[end] not in " \t\u00a0":
        return False
    begin = end
    while begin > 0 and end - begin < _NEAR_WINDOW and (text[begin - 1].isalpha() or text[begin - 1] in "-."):
        begin -= 1
    return begin < end and is_address(text[begin:end].strip("."))


def _typo_place_alone(text: str, start: int, query: str, form: Form) -> bool:
    """Tell whether a typo'd one-word place may be taken with no document context: it has PLACE_TYPO_MIN_LETTERS
    letters ("Other" is not Otjer, Ochyor), no case ending taken off ("Primaries" is not Primorie), and at a
    sentence start, where a capital says little ("Several" is not Seversk), SENTENCE_START_LETTERS or capitals."""
    if len(query) < PLACE_TYPO_MIN_LETTERS or form.kind == "ending":
        return False
    return len(query) >= SENTENCE_START_LETTERS or case_style(query) == "upper" or not _sentence_start(text, start)


def _sentence_start(text: str, start: int) -> bool:
    """Tell whether a position starts a sentence or a paragraph: after the text's start, a full stop, a colon or
    a blank line, with only spaces, quotes, brackets, dashes and bullets between."""
    before = _SENTENCE_END.search(text, max(0, start - 64), start)
    return before is not None and (before.start() == 0 or before.group(1) is not None)


_SENTENCE_END = re.compile(r"(?:([.!?:;…]|\n[ \t]*\n)|^)[\s\"'“”„«»‘’()\[\]*•·–—-]*\Z")


def _glosses_kept(text: str, mentions: list[Mention], offset: int) -> list[Mention]:
    """Keep as written a name and the names of the same entity in a bracket right after it: the author gave both
    spellings on purpose ("Busan (Pusan)", "Pyongyang (P'yŏngyang)", "Yakutia (Sakha Republic)"), and a rewrite would
    make them one ("Busan (Busan)"). `mentions` are in order, their offsets `offset` past the text's.

    >>> from namenorm import Normalizer
    >>> rewrite(Normalizer.default(), "Busan (Pusan) and Pusan.").text
    'Busan (Pusan) and Busan.'
    """
    ends: list[int] | None = None
    for opener in "([":
        at = text.find(opener)
        while at >= 0:
            if ends is None:
                ends = list(map(_END, mentions))
            before = bisect.bisect_right(ends, at + offset) - 1
            if before >= 0 and not text[ends[before] - offset : at].strip():  # a name just before the bracket
                closed = _BRACKET_ENDS.search(text, at + 1)
                stop = (closed.start() if closed else len(text)) + offset
                same, named, i = [], mentions[before].id, before + 1
                while i < len(mentions) and mentions[i].start < stop:
                    if mentions[i].id == named:
                        same.append(i)
                    i += 1
                for i in [before, *same] if same else []:
                    mentions[i] = mentions[i]._replace(replacement=mentions[i].text)
            at = text.find(opener, at + 1)
    return mentions


def _shifted(mention: Mention, offset: int) -> Mention:
    """Return the mention with its offsets moved by `offset`."""
    return Mention(mention.start + offset, mention.end + offset, *mention[2:])


_scanners: dict[int, tuple[Normalizer, Scanner]] = {}
_scanners_lock = threading.Lock()


def scanner(normalizer: Normalizer) -> Scanner:
    """Return the Scanner of a Normalizer, built on first use and kept for the last few Normalizers."""
    entry = _scanners.get(id(normalizer))
    if entry is not None and entry[0] is normalizer:
        return entry[1]
    built = Scanner(normalizer)
    with _scanners_lock:
        if len(_scanners) >= 4:
            _scanners.pop(next(iter(_scanners)))
        _scanners[id(normalizer)] = (normalizer, built)
    return built


def find(normalizer: Normalizer, text: str) -> list[Mention]:
    """Return the names in a text, in order, with character offsets and what a rewrite would put there."""
    return scanner(normalizer).scan(text, Context())


def _apply(text: str, mentions: list[Mention], offset: int = 0) -> str:
    """Return the text with every mention replaced (mention offsets are `offset` + index into text)."""
    out, last = [], 0
    for mention in mentions:
        out.append(text[last : mention.start - offset])
        out.append(mention.replacement)
        last = mention.end - offset
    out.append(text[last:])
    return "".join(out)


def rewrite(normalizer: Normalizer, text: str) -> Rewrite:
    """Return the text with every name in its canonical spelling, and the mentions found."""
    mentions = find(normalizer, text)
    return Rewrite(_apply(text, mentions), tuple(mentions))


def rewrite_stream(normalizer: Normalizer, chunks: Iterable[str]) -> Iterator[Rewrite]:
    """Rewrite a text given in chunks (see :func:`paragraphs`), keeping document context across them.

    Mention offsets count from the start of the whole text.
    """
    scan = scanner(normalizer).scan
    context = Context()
    offset = 0
    for chunk in chunks:
        mentions = scan(chunk, context, offset)
        yield Rewrite(_apply(chunk, mentions, offset), tuple(mentions))
        offset += len(chunk)


def paragraphs(lines: Iterable[str], max_chars: int = 1 << 16) -> Iterator[str]:
    """Group lines (with their line ends) into chunks that end after a blank line or past max_chars."""
    chunk: list[str] = []
    size = 0
    for line in lines:
        chunk.append(line)
        size += len(line)
        if size >= max_chars or not line.strip():
            yield "".join(chunk)
            chunk, size = [], 0
    if chunk:
        yield "".join(chunk)
