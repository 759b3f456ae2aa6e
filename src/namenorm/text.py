"""Find names in running text and rewrite them to their canonical spelling.

The scanner looks at words that start with a capital letter or a Hangul syllable and
whose lookup form (see :mod:`namenorm.text_tokens`) can start a key of the index; from
there it walks on word by word while the words still spell the beginning of a key, and
takes the longest key it finds. Where no key fits, a guarded fuzzy lookup through the
Matcher gets one try. Mentions are resolved in document order, so that a surname alone
can lean on a full mention earlier in the same document.

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
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz.distance import Indel

from .fold import fold
from .gazetteer import Entity
from .matcher import Match
from .text_tokens import (
    FOLLOWING, MASK, NEXT, OPENER, PREVIOUS, Form, case_style, endings, is_function_word, is_title, script,
    token_forms,
)  # fmt: skip

if TYPE_CHECKING:
    from .normalizer import Normalizer

__all__ = ["Context", "Mention", "Rewrite", "Scanner", "find", "paragraphs", "rewrite", "rewrite_stream", "scanner"]

FUZZY_MIN_LETTERS = 5  # a one-word name shorter than this is never corrected as a typo
CONTEXT_MIN_SCORE = 0.8  # a lone surname's typo needs a candidate this good that the document named before
_SPACES = re.compile(r"\s+")
_MASK_TRIGGER = re.compile(r"[@/\\]|\.[a-z]")  # every masked span has one of these
_WHITESPACE = re.compile(r"\s")
_NOT_IN_NAMES = re.compile(r"[\d_]")  # a word with a digit or an underscore is never a name


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found in a text: character offsets, what is written, the entity, and what a rewrite puts there."""

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


@dataclass(frozen=True, slots=True)
class _Token:
    """A token of the text with its offsets."""

    start: int
    end: int
    text: str


def _deletes(word: str) -> set[str]:
    """Return the word and every spelling of it with one letter left out."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


class Scanner:
    """The lookup tables a text scan needs, derived once from a Normalizer's index."""

    def __init__(self, normalizer: Normalizer) -> None:
        index = normalizer.index
        self.normalizer = normalizer
        self.keys = index.keys
        self.schemes = index.schemes
        self.entities = index.entities
        self.positions = index.positions
        self.prefixes: set[str] = set()
        self.first: set[str] = set()
        by_entity: dict[int, list[list[str]]] = {}
        for key, positions in index.keys.items():
            words = key.split()
            self.first.add(words[0])
            self.prefixes.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
            for position in positions:
                by_entity.setdefault(position, []).append(words)
        self.max_tokens = max((len(k.split()) for k in index.keys), default=1)
        # Surnames and other parts of a person's name: one-word keys that are a word of a longer key.
        self.partial: set[tuple[str, int]] = set()
        self.given: set[str] = set()  # first words of people's full names ("vladimir", "kim")
        for position, keys in by_entity.items():
            if self.entities[position].kind != "person":
                continue
            words_of_full = {w for words in keys if len(words) > 1 for w in words}
            self.given.update(words[0] for words in keys if len(words) > 1)
            self.partial.update((words[0], position) for words in keys if len(words) == 1 and words[0] in words_of_full)
        self.near_first: set[str] = set()
        for word in self.first:
            if len(word) >= FUZZY_MIN_LETTERS - 1:
                self.near_first |= _deletes(word)
        self._openers: dict[str, int] = {}
        self._answers: dict[tuple[str, str], object] = {}
        self._replacements: dict[tuple[str, str, str, bool], str | None] = {}

    # -- cheap pre-filter -------------------------------------------------------------------
    def opener(self, token: str) -> int:
        """Return 1 if a form of the token starts a key, 2 if it may start one with a typo, 3 both, 0 neither."""
        state = self._openers.get(token)
        if state is None:
            state = 0
            for form in () if _NOT_IN_NAMES.search(token) else token_forms(token):
                if form.key in self.first:
                    state |= 3
                elif len(form.key) >= FUZZY_MIN_LETTERS - 1 and not _deletes(form.key).isdisjoint(self.near_first):
                    state |= 2
            if len(self._openers) > 200_000:
                self._openers.clear()
            self._openers[token] = state
        return state

    # -- the scan ---------------------------------------------------------------------------
    def scan(self, text: str, context: Context, offset: int = 0) -> list[Mention]:
        """Return the mentions in a text, in order, updating the document context."""
        masks = _masks(text)
        mask_starts = [start for start, _ in masks]
        mentions: list[Mention] = []
        resume = 0
        for match in OPENER.finditer(text):
            start = match.start()
            if start < resume:
                continue
            state = self.opener(match.group())
            if not state or (masks and _masked(masks, mask_starts, start)):
                continue
            tokens = [_Token(start, match.end(), match.group())]
            more = self._following(text, tokens[0], masks, mask_starts)
            mention = self._exact(text, tokens, more, context) if state & 1 else None
            if mention is None and state & 2:
                tokens.extend(more)
                mention = self._fuzzy(text, tokens, context)
            if mention is not None:
                mentions.append(_shifted(mention, offset) if offset else mention)
                resume = mention.end
        return mentions

    def _following(self, text: str, token: _Token, masks: list[tuple[int, int]], mask_starts: list[int]) -> Iterator[_Token]:
        """Yield the words that follow a word closely enough to belong to one name with it."""
        for _ in range(self.max_tokens - 1):
            following = NEXT.match(text, token.end)
            if following is None:
                return
            if following.group("sep").startswith(".") and len(token.text) > 2:
                return  # a dot ends a sentence, except after an initial ("V. Putin")
            token = _Token(following.start("tok"), following.end("tok"), following.group("tok"))
            if masks and _masked(masks, mask_starts, token.start):
                return
            yield token

    def _exact(self, text: str, tokens: list[_Token], more: Iterator[_Token], context: Context) -> Mention | None:
        """Return the longest exact key the words spell that resolves to one entity, or None.

        `tokens` holds the words read so far; more are read from `more` while they still spell a key's beginning.
        """
        states = [(f.key, (f,)) for f in token_forms(tokens[0].text) if f.key in self.prefixes]
        found: list[tuple[int, str, tuple[Form, ...]]] = []
        for n in range(1, self.max_tokens + 1):
            if n > 1:
                if n > len(tokens):
                    token = next(more, None)
                    if token is None:
                        break
                    tokens.append(token)
                forms = token_forms(tokens[n - 1].text)
                states = [(k, chain + (f,)) for key, chain in states for f in forms if (k := f"{key} {f.key}") in self.prefixes]
            if not states:
                break
            found.extend((n, key, chain) for key, chain in states if key in self.keys)
        # Where the whole word and the word without its ending name the same entity ("Putins": a Latvian
        # key, and Putin + a German genitive -s), keep the ending: only the stem is rewritten.
        stripped = {(n, self.keys[key]) for n, key, chain in found if chain[-1].kind != "word"}
        found = [c for c in found if c[2][-1].kind != "word" or (c[0], self.keys[c[1]]) not in stripped]
        found.sort(key=lambda candidate: -candidate[0])
        for n, key, chain in found:
            if n == 1 and chain[0].kind == "ending" and chain[0].stem < endings()["min_stem"]:
                continue
            positions = self.keys[key]
            via = ""
            if len(positions) > 1:
                named = [p for p in positions if p in context.seen]
                if len(named) != 1:
                    continue
                positions, via = (named[0],), ", document context"
            position = positions[0]
            partial = (key, position) in self.partial or bool(via)
            start, end = tokens[0].start, tokens[n - 1].end
            if n == 1 and (partial or key in self.given) and not _alone(text, start, end):
                continue
            if not partial:
                context.seen.add(position)
            reason = f"exact key '{key}' ({self.schemes.get(key, '')}){via}"
            return self._mention(text, tokens[:n], chain, self.entities[position], 1.0, reason, exact=True)
        return None

    def _fuzzy(self, text: str, tokens: list[_Token], context: Context) -> Mention | None:
        """Return the longest typo'd name the Matcher accepts for the words, or None."""
        run = tokens[:1]
        for before, token in zip(tokens, tokens[1:]):
            if not (token.text[0].isupper() or script(token.text) == "hangul" or text[before.end] in "-‐‑"):
                break
            run.append(token)
        for n in range(len(run), 0, -1):
            for form in token_forms(run[n - 1].text)[:3]:
                stem_end = run[n - 1].start + form.stem
                query = text[run[0].start : stem_end] + form.restore
                if n == 1 and (len(fold(query)) < FUZZY_MIN_LETTERS or form.kind == "ending" and form.stem < endings()["min_stem"]):
                    continue
                chain = tuple(token_forms(t.text)[0] for t in run[: n - 1]) + (form,)
                mention = self._fuzzy_one(text, run[:n], chain, query, context)
                if mention is not None:
                    return mention
        return None

    def _fuzzy_one(self, text: str, run: list[_Token], chain: tuple[Form, ...], query: str, context: Context) -> Mention | None:
        """Return the mention for one fuzzy query over a run of words, if the guards let it through."""
        match = self._cached("match", query)
        start, end = run[0].start, run[-1].end
        if len(run) > 1:
            if not isinstance(match, Match):
                return None
            position = self.positions[match.id]
            context.seen.add(position)
            return self._mention(text, run, chain, self.entities[position], match.score, match.reason, exact=match.score >= 1)
        named = [c for c in self._cached("candidates", query) if c.score >= CONTEXT_MIN_SCORE and self.positions[c.id] in context.seen]
        if len(named) == 1:
            match, via = named[0], ", document context"
        elif isinstance(match, Match) and match.kind == "place":
            via = ""
        else:
            return None
        if not _alone(text, start, end):
            return None
        entity = self.entities[self.positions[match.id]]
        mention = self._mention(text, run, chain, entity, match.score, match.reason + via, exact=match.score >= 1)
        stem = text[start : start + chain[0].stem]
        new_stem = mention.replacement[: len(mention.replacement) - (end - start - chain[0].stem)]
        if via and mention.replacement != mention.text and len(fold(stem)) != len(fold(new_stem)):
            return None  # a lone surname is only corrected letter for letter ("Pitin", not "Pskov" -> "Peskov")
        return mention

    def _cached(self, how: str, query: str) -> object:
        """Ask the Matcher (match or candidates), remembering the answer for this scanner."""
        answer = self._answers.get((how, query), self)
        if answer is self:
            matcher = self.normalizer.matcher
            answer = matcher.match(query) if how == "match" else matcher.candidates(query, 5)
            if len(self._answers) > 50_000:
                self._answers.clear()
            self._answers[(how, query)] = answer
        return answer

    # -- what a mention becomes -------------------------------------------------------------
    def _mention(self, text: str, run: list[_Token], chain: tuple[Form, ...], entity: Entity, score: float, reason: str, exact: bool) -> Mention:
        """Build the mention of an entity over a run of words, with its replacement."""
        start, end = run[0].start, run[-1].end
        stem_end = run[-1].start + chain[-1].stem
        surface = text[start:end]
        inflected_inside = any(form.kind != "word" for form in chain[:-1])
        replacement = surface
        if not inflected_inside:
            key = (text[start:stem_end], entity.id, chain[-1].restore, exact)
            part = self._replacements.get(key, "")
            if part == "":
                if len(self._replacements) > 100_000:
                    self._replacements.clear()
                part = self._replacements[key] = _replacement(key[0], entity, key[2], exact)
            if part is not None:
                replacement = part + text[stem_end:end]
        return Mention(start, end, surface, entity.id, entity.name, score, reason, replacement)


def _replacement(stem: str, entity: Entity, restore: str, exact: bool) -> str | None:
    """Return what replaces a mention's stem: the canonical spelling in its script and case, or None to keep it."""
    kind = script(stem)
    if exact and kind != "latin":
        return None  # native script spelt right: an inflected form stays as it is
    canonical = _canonical(entity, kind)
    if not canonical:
        return None
    part = _aligned(stem, canonical)
    if restore and part.lower().endswith(restore):
        part = part[: -len(restore)]
    return part.upper() if case_style(stem) == "upper" else part


def _canonical(entity: Entity, kind: str) -> str | None:
    """Return the entity's canonical spelling in a script: the name, or the first native name."""
    if kind == "latin":
        return entity.name
    names = entity.native.get("ko" if kind == "hangul" else "ru", ())
    return names[0] if names else None


def _aligned(stem: str, canonical: str) -> str:
    """Return the canonical words that stand for the words of a mention, keeping its spacing."""
    pieces = stem.split()
    words = canonical.split()
    if len(fold(stem).split()) >= len(fold(canonical).split()):
        if len(pieces) != len(words):
            return canonical
        chosen = words
    elif len(pieces) >= len(words):
        return canonical
    else:
        folded = [fold(piece) for piece in pieces]
        chosen = list(max(
            itertools.combinations(words, len(pieces)),
            key=lambda combo: sum(Indel.normalized_similarity(a, fold(b)) for a, b in zip(folded, combo)),
        ))  # fmt: skip
    gaps = _SPACES.findall(stem)
    return chosen[0] + "".join(gap + word for gap, word in zip(gaps, chosen[1:]))


def _alone(text: str, start: int, end: int) -> bool:
    """Tell whether a one-word name stands apart from other capitalised words (not "Vladimir Soldatkin")."""
    following = FOLLOWING.match(text, end)
    if following and following.group("tok")[0].isupper() and not is_title(following.group("tok")):
        return False
    previous = PREVIOUS.search(text, max(0, start - 64), start)
    if previous is None or not previous.group("tok")[0].isupper() or is_title(previous.group("tok")):
        return True
    return "." in previous.group("sep") or is_function_word(previous.group("tok"))  # "Soldatkin. Putin", "But Putin"


def _masks(text: str) -> list[tuple[int, int]]:
    """Return the spans of URLs, e-mail addresses and paths, looking only at words with '@', '/', '\\' or a dot."""
    spans: list[tuple[int, int]] = []
    end = 0
    for trigger in _MASK_TRIGGER.finditer(text):
        if trigger.start() < end:
            continue
        window = max(end, trigger.start() - 512)
        start = max(text.rfind(c, window, trigger.start()) for c in " \n\t") + 1 or window
        stop = _WHITESPACE.search(text, trigger.end())
        end = stop.start() if stop else len(text)
        spans.extend((m.start(), m.end()) for m in MASK.finditer(text, start, end) if m.end() > m.start())
    return spans


def _masked(masks: list[tuple[int, int]], starts: list[int], position: int) -> bool:
    """Tell whether a position falls inside a masked span (URL, e-mail address, path)."""
    i = bisect.bisect_right(starts, position) - 1
    return i >= 0 and position < masks[i][1]


def _shifted(mention: Mention, offset: int) -> Mention:
    """Return the mention with its offsets moved by `offset`."""
    return Mention(mention.start + offset, mention.end + offset, mention.text, mention.id, mention.name,
                   mention.score, mention.reason, mention.replacement)  # fmt: skip


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
