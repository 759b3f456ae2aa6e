"""Match a query name against the index: exact key lookup first, then a guarded fuzzy match.

The fuzzy match takes its candidates from the token index (never a scan of all
keys), aligns the query's words with each candidate key's words (in the key's
order or a rotation of it: "Putin Vladimir", never the syllables of one given
name swapped: "Lee Jung-jae" is not "Lee Jae-jung"), and accepts a key only
inside these guards:

* every word stays within its edit budget (:func:`~namenorm.edits.budget`: no
  edit in a word of 1-2 letters, one in 3-5 letters, two in longer words), and
  the whole name's cost within :func:`~namenorm.edits.name_budget` (1, or one
  sixth of its letters if more), of which full edits (not cheap ones) at most
  1 or one eighth of its letters: "Mikhail Gorbunov" is not "Michail
  Gorbacov", "Kim Hyun-joong" is not "Kim Hyung-joon";
* a word's edits cost at most a quarter of its length (so a 3-letter word
  takes only cheap edits, a 6-letter word one full edit and one cheap one);
* the first letter of a word is only changed by a cheap edit (a keyboard
  neighbour, a look-alike letter, a swapped pair), unless it is the only edit
  of a key word of LONG_WORD letters or more ("ytkarino" for "lytkarino"); a
  word of up to 4 letters only takes cheap substitutions: a Korean syllable
  with another letter is another syllable ("Ri Son Ju" is not "Ri Sol Ju");
* a one-word query, with no other word to back it up, costs at most 1 (one
  full edit or two cheap ones) below LONG_NAME letters, and from there as much
  as a name, if its edits lie EDIT_SPACING letters apart (two slips, not a
  respelt sound: "Pyeongchang" is not "Pyeongyang"); up to 6 letters, it only
  matches through cheap substitutions, swaps and doublings (total cost below
  1) that keep its first letter: "Tyumen" is not "Tumen", "Pskov" is not
  "Peskov", "Ilsan" is not "Ulsan"; below LONG_NAME letters, a letter it
  changes into one that is neither a keyboard neighbour nor a look-alike must
  sound alike (the same letter class of the phonetic key: c/k, a/o, v/w):
  "Kashiba" is not Kashira, "Хорасан" not Дорасан (Dorasan);
* a one-word query that is a generated key cut short matches nothing: it is
  another name form ("Primorsk" is not "Primorsky", "Jarosław" not
  "Jaroslawl"); only a name written in the gazetteer may lose its last letters;
  a one-word query matches a declined form (Latvian Ostrova, a Lithuanian
  surname Stalinas) only as spelt, and
  one of fewer than ONE_WORD_MIN_LETTERS letters only an exact key: names of
  foreign cities are that close ("Ostróda", "Salo", "Yei");
* a one-word Latin query that reads as romanised Korean syllables matches a
  Korean entity only through an exact key, swapped letters ("Seuol") or one
  other last letter ("Busam"): it is another Korean or Chinese name
  ("Guchang" is not Huchang, "Tokyo" not Dokdo);
* it abstains when another entity is within AMBIGUITY_MARGIN of the best one,
  or when the query is within one edit as near to an entity the best one is
  marked ``not:`` to be confused with;
* :meth:`Matcher.match` takes a person's surname alone, or with initials only,
  only as spelt in a key: a slip of a surname, with no given name to back it,
  is too often another name ("Denison" is not Denisov, "Elgin" not Yeltsin,
  "Chaigou" not Shoigu, "A. Markov" not Andrei Karlov); :meth:`Matcher.candidates`
  still lists it, for a text tool that knows the person from the document;
* a one-word query spelt as a Russian surname (-ov, -in, -sky, -ова...) matches
  no key spelt otherwise but exactly, the phonetic key included: towns are named
  after families ("Vasilyev" is not Vasilyevo, "Бородин" not Бородино);

Where these guards leave no key at all, a *second-chance search* applies the
issue's budgets as they are, to typing slips only, and trusts isolation instead
of the guards above: every word within its key word's budget whatever its own
length ("so" for "sok"), every full edit a missing letter (a key not hit; the
first letter only of a key word of LONG_WORD letters or more, or in a name of
several words of FIRST_SLIP_WORD letters or more, where what is left is no word
of any key nor a romanised Korean syllable: "ndrei Vorobyov" is Andrei Vorobyov,
"Kim Yun" is not Kim Hyun), no letter put before a word, no word cut short by
two letters (Ярослав is not Ярославль), the name's cost at most 1 or one per
SECOND_CHANCE_LETTERS letters of its key, a one-word query of
SECOND_CHANCE_ONE_WORD letters or more, matching a name as written in the
gazetteer ("Liberty" is not ICAO "Liubertsy", Lyubertsy), or of
SECOND_CHANCE_SHORT with just one letter missed inside it and not reading as
Korean syllables ("Volgda" for Vologda; a shorter one, or one missing a first or
last letter, is too often another name: "Tumen" for "Tyumen", "Icheon" for
"Incheon", "Rangel" for "Vrangel"). Its best hit stands only if no key of any
other entity within the words' budgets, whatever its edits, costs less than
ISOLATION_MARGIN more ("Kag So Ju" is Kang Sok Ju only if no "Kap So Ju" is
loaded), besides the abstentions above.

The score of an exact key is 1.0; a fuzzy match scores ``1 - cost / (letters + 1)``,
where `cost` is the weighted edit cost (cheap edits count 0.25 or 0.5, others 1,
putting the words in another order 0.25) and `letters` the length of the key
without spaces, so the score falls with every edit and stays below 1.

>>> from namenorm.gazetteer import Entity, Gazetteer
>>> from namenorm.index import build_index
>>> people = (Entity("vladimir-putin", "person", "RU", "Vladimir Putin"), Entity("kazan", "place", "RU", "Kazan"))
>>> matcher = Matcher(build_index(Gazetteer(people, (), "demo")))
>>> matcher.match("KAZAN").id
'kazan'
>>> matcher.match("Khasan") is None
True
>>> match = matcher.match("Vkadimir Pitin")
>>> match.id, match.score
('vladimir-putin', 0.929)
>>> print(match.reason)
vkadimir pitin → vladimir putin: 2 substitutions (keyboard neighbours k→l, i→u); key from name
>>> matcher.match("Vladimir Potanin") is None
True
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple
from rapidfuzz import process
from rapidfuzz.distance import OSA

from .edits import Alignment, Edit, align_within, budget, confusable, describe, name_budget, substitution, typeable
from .fold import fold, spelling
from .index import Index
from .tokenindex import GROUPS
from .variants.cyrillic import has_other_cyrillic, to_russian_letters
from .variants.korean_spelling import reads_as_korean, romanized_syllables
from .variants.russian import DECLINED, given_name_keys
from .variants.russian_names import has_surname_ending, is_patronymic
from .variants.phonetic import phonetic_key
from .word_orders import cheapest_order

__all__ = [
    "AMBIGUITY_MARGIN",
    "COMMON_CACHE_SIZE",
    "COMMON_POSTINGS",
    "CONFUSABLE_MARGIN",
    "EDIT_SPACING",
    "FIRST_SLIP_WORD",
    "ISOLATION_MARGIN",
    "LETTERS_PER_FULL_EDIT",
    "LONG_NAME",
    "LONG_WORD",
    "NEAR_CACHE_SIZE",
    "ONE_WORD_COST",
    "ONE_WORD_MIN_LETTERS",
    "PHONETIC_CONFUSABLE_EDITS",
    "PHONETIC_SHARE",
    "PHONETIC_MIN_LETTERS",
    "PHONETIC_SCORE",
    "RECENT_QUERIES",
    "REORDER_COST",
    "SECOND_CHANCE_LETTERS",
    "SECOND_CHANCE_ONE_WORD",
    "SECOND_CHANCE_SHORT",
    "SHORT_NAME",
    "SHORT_WORD",
    "Match",
    "Matcher",
]

AMBIGUITY_MARGIN = 0.5  # abstain when a second entity's cost is less than this above the best one's
CONFUSABLE_MARGIN = 1  # abstain when a `not:` entity's key is at most this many edits further than the match
REORDER_COST = 0.25  # the words of the query in another order than the key's
ONE_WORD_COST = 1.0  # the most a one-word query of fewer than LONG_NAME letters may cost
LETTERS_PER_FULL_EDIT = 8  # of a name's cost, full edits may make up 1, or one per this many letters if more
LONG_NAME = 8  # a one-word query of this many letters may cost as much as a name of several words
EDIT_SPACING = 2  # a one-word query costing more than ONE_WORD_COST needs its edits this many letters apart
LONG_WORD = 7  # a key word of this many letters may have its first letter changed, if nothing else is
SHORT_NAME = 6  # a one-word query of up to this many letters matches only through cheap edits
ONE_WORD_MIN_LETTERS = 5  # a one-word query of fewer letters matches only an exact key
SHORT_WORD = 4  # a word of up to this many letters takes only cheap substitutions
PHONETIC_SCORE = 0.75  # a match through the phonetic key alone: below any exact key and most fuzzy matches
PHONETIC_MIN_LETTERS = 4  # a phonetic key of fewer class letters matches nothing
PHONETIC_SHARE = 0.25  # a Latin or Cyrillic phonetic hit is at most this share of its letters (1 at least) in edits from a name
PHONETIC_CONFUSABLE_EDITS = 2  # a phonetic hit abstains if the query is this near to a `not:` entity's key
SECOND_CHANCE_LETTERS = 3  # the second-chance search: a name may cost 1, or one per this many letters of its key if more
SECOND_CHANCE_ONE_WORD = 7  # ... and a one-word query needs this many letters
SECOND_CHANCE_SHORT = 6  # ... or this many, if only one letter is missing, inside a written name
FIRST_SLIP_WORD = 3  # ... and in a name of several words, a key word of this many letters may lose its first letter
ISOLATION_MARGIN = 1.0  # a second-chance hit stands only if every other entity's key within budget costs this much more
NEAR_CACHE_SIZE = 1 << 14  # query words whose near tokens a Matcher remembers
COMMON_POSTINGS = 2_000  # a query word whose near tokens occur in this many keys of its query's length is common ...
COMMON_CACHE_SIZE = 48  # ... and a Matcher remembers the key sets of this many common words (given names: a few MB)
RECENT_QUERIES = 4  # queries whose near keys a Matcher remembers, for the second-chance search and the phonetic guard
_KOREAS = frozenset(("KR", "KP"))
_NAME_ENDINGS = frozenset("aeu" "аяуюеиы")  # a last vowel that makes another form of a given name (Ивана, Ivana, Владиславу)
_SURNAME_SCHEMES = ("+surname", "+initial", "+initials", "+surname-initial", "+surname-initials")  # ends of key schemes
_NEAR, _WIDE, _GUARDED = "near", "wide", "guarded"  # kinds of a query word's near tokens (Matcher._near_keys)
_SET_COST_RATIO = 32  # intersecting a posting (per key) costs about this much less than checking a key's words


@dataclass(frozen=True, slots=True)
class Match:
    """An entity a query names, with a score in [0, 1] and a short reason."""

    id: str
    name: str
    kind: str
    country: str
    score: float
    reason: str


class _Found(NamedTuple):
    """A key within the guards: its id, the cost and the edits of the best word alignment."""

    cost: float
    edits: tuple[Edit, ...]
    key_id: int
    reordered: bool
    second: bool = False  # found by the second-chance search


class Matcher:
    """Looks query names up in an index; safe to share between threads (it never mutates)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        # A query word's near tokens, remembered across queries (words recur: given names, "city"...);
        # the dicts are only read. lru_cache is thread-safe.
        self._near = functools.lru_cache(maxsize=NEAR_CACHE_SIZE)(index.tokens.near)
        self._near_wide = functools.lru_cache(maxsize=NEAR_CACHE_SIZE)(functools.partial(index.tokens.near, wide=True))
        self._near_guarded = functools.lru_cache(maxsize=NEAR_CACHE_SIZE)(self._find_guarded_near)
        self._near_of = {_NEAR: self._near, _WIDE: self._near_wide, _GUARDED: self._near_guarded}
        self._common_keys = functools.lru_cache(maxsize=COMMON_CACHE_SIZE)(self._find_common_keys)
        self._sightings = functools.lru_cache(maxsize=4 * COMMON_CACHE_SIZE)(lambda *word: itertools.count())  # 0 the first time
        self._recent_near_keys = functools.lru_cache(maxsize=RECENT_QUERIES)(self._find_near_keys)
        _load_rules()

    def __reduce__(self) -> tuple:
        """Pickle the index only (the word cache is rebuilt empty)."""
        return (Matcher, (self.index,))

    def _match_at(self, position: int, score: float, reason: str) -> Match:
        """Build the Match for the entity at a position in the index."""
        entity = self.index.entities[position]
        return Match(entity.id, entity.name, entity.kind, entity.country, score, reason)

    def candidates(self, query: str, limit: int = 5, *, phonetic: bool = True, second_chance: bool = True) -> list[Match]:
        """Return up to `limit` entities the query may name, best first (ambiguous ones included).

        Where no key passes the guards, the hits of the second-chance search are the candidates,
        unless `second_chance` is False; where there are none either, the owners of the query's
        phonetic key, unless `phonetic` is False.
        """
        key, exact, found, rival = self._lookup(query, second_chance)
        if exact:
            return exact[:limit]
        if found:
            return [self._fuzzy_match(key, position, best, rival) for position, best in found[:limit]]
        return self._phonetic(query, key)[:limit] if phonetic else []

    def match(self, query: str) -> Match | None:
        """Return the one entity the query names, or None when there is none or it is in doubt."""
        key, exact, found, rival = self._lookup(query)
        if exact:
            return exact[0] if len(exact) == 1 else None
        if not found:
            phonetic = self._phonetic(query, key)
            return phonetic[0] if len(phonetic) == 1 and self._phonetic_sure(query, key, phonetic[0]) else None
        position, best = found[0]
        if len(found) > 1 and found[1][1].cost < best.cost + AMBIGUITY_MARGIN:
            return None
        if best.edits and _surname_at_most_with_initials(self.index.schemes.of_key(best.key_id)):
            return None  # a slip of a surname alone (or with initials) is too often another name: "Denison" is not Denisov
        if rival < best.cost + ISOLATION_MARGIN or self._confused(key, position, len(best.edits) + CONFUSABLE_MARGIN):
            return None
        return self._fuzzy_match(key, position, best, rival)

    def _lookup(self, query: str, second_chance: bool = True) -> tuple[str, list[Match], list[tuple[int, _Found]], float]:
        """Fold the query and return its key with the exact Matches, or else with the fuzzy hits.

        The fuzzy hits are those of the guarded search, or if there are none, of the second-chance
        search (unless `second_chance` is False), with the cost of the cheapest key of any other entity
        than the best hit's (infinite for the guarded search, whose abstention rule is AMBIGUITY_MARGIN
        alone). A query with letters
        of another Cyrillic alphabet is also looked up, and searched, with them written as Russian
        letters (Ukrainian і as и, Belarusian ў as в...).
        """
        key = fold(query)
        spelt = self.index.lookup_spelling(query)
        if spelt:
            reason = f"exact spelling '{spelling(query)}' (a written name; folded, '{key}' names another entity)"
            return key, [self._match_at(position, 1.0, reason) for position in spelt], [], math.inf
        positions = self.index.lookup(key)
        if positions:
            return key, self._exact(key, positions), [], math.inf
        if has_other_cyrillic(query):
            russian = fold(to_russian_letters(query))
            positions = self.index.lookup(russian)
            if positions:
                return russian, self._exact(russian, positions, f"{key} in Russian letters: "), [], math.inf
            key = russian
        found = self._search(key)
        if found or not second_chance:
            return key, [], found, math.inf
        return key, [], *self._second_chance(key)

    def _phonetic(self, query: str, key: str) -> list[Match]:
        """Return the entities owning the query's phonetic key (long enough), each at PHONETIC_SCORE."""
        sound = phonetic_key(query)
        owners = self.index.phonetic.get(sound, ()) if len(sound) >= PHONETIC_MIN_LETTERS else ()
        shared = f", shared by {len(owners)} entities" if len(owners) > 1 else ""
        reason = f"{key} → phonetic key {sound} from '{self.index.phonetic_sources.get(sound)}'{shared}"
        return [self._match_at(position, PHONETIC_SCORE, reason) for position in owners]

    def _phonetic_sure(self, query: str, key: str, match: Match) -> bool:
        """Tell whether a phonetic hit stands alone: no key of another entity is within the words' edit budgets
        of the query, nor a key of its own that starts a word with another letter (the fuzzy guards' rule: "Kim
        Yong Un" is not "Kim Jong Un"), no key of a `not:` entity within PHONETIC_CONFUSABLE_EDITS, and a
        Latin or Cyrillic query is at most PHONETIC_SHARE of its letters in edits from the name its sound
        came from or the entity's Russian name (Spanish "Seúl" is Seoul, German "Tscheljabinsk" Chelyabinsk,
        Ukrainian "Омськ" Омск): a sound skeleton alone joins too many names ("Beverly" is not Belebey,
        "Вена" not Finnish Venäjä, "Arras" not Орос)."""
        position = self.index.positions[match.id]
        words = key.split()
        source = self.index.phonetic_sources.get(phonetic_key(query), "")  # the name _phonetic found the sound in
        if len(words) == 1 and _surname_for_a_place(key, fold(source)):
            return False  # "Vasilyev" sounds as Vasilyevo
        if _alphabetic(key) and not _near_a_name(key, (source, *self.index.entities[position].native.get("ru", ()))):
            return False
        for key_id in self._near_keys(words)[1]:
            target = self.index.key_list[key_id]
            if self.index.keys[target] != (position,) or any(w[0] != t[0] for w, t in zip(words, target.split(), strict=True)):
                return False
        return not self._confused(key, position, PHONETIC_CONFUSABLE_EDITS)

    def _exact(self, key: str, positions: tuple[int, ...], how: str = "") -> list[Match]:
        """Return the Matches of an exact key (`how` says how the query became the key, if not by folding)."""
        scheme = self.index.schemes.get(key, "")
        shared = f", shared by {len(positions)} entities" if len(positions) > 1 else ""
        return [self._match_at(p, 1.0, f"{how}exact key '{key}' ({scheme}{shared})") for p in positions]

    def _fuzzy_match(self, key: str, position: int, found: _Found, rival: float) -> Match:
        """Build the Match of a fuzzy hit, with its score and the reason naming key, edits and scheme
        (and for a second-chance hit, the cost of the nearest other entity: `rival`, finite)."""
        target = self.index.key_list[found.key_id]
        letters = len(target) - target.count(" ")
        score = round(max(0.0, 1.0 - found.cost / (letters + 1)), 3)
        edits = describe(found.edits) if found.edits else "no edits"
        order = "; words reordered" if found.reordered else ""
        shared = len(self.index.keys[target])
        shared_text = f", shared by {shared} entities" if shared > 1 else ""
        second = ""
        if found.second:
            second = f"; second-chance search, other entities {f'from cost {rival:g}' if rival < math.inf else 'out of reach'}"
        reason = f"{key} → {target}: {edits}{order}; key from {self.index.schemes.of_key(found.key_id)}{shared_text}{second}"
        return self._match_at(position, score, reason)

    def _korean(self, target_key: str) -> bool:
        """Tell whether a key names a Korean entity (of South or North Korea)."""
        return any(self.index.entities[position].country in _KOREAS for position in self.index.keys[target_key])

    def _confused(self, key: str, position: int, allowed: int) -> bool:
        """Tell whether the query is within `allowed` edits of an entity the matched one is marked `not:` to be."""
        for other in self.index.confusables.get(position, ()):
            keys = self.index.confusable_keys.get(other)
            if keys:
                _, distance, _ = process.extractOne(key, keys, scorer=OSA.distance)
                if distance <= allowed:
                    return True
        return False

    def _search(self, key: str) -> list[tuple[int, _Found]]:
        """Return the entities with a key inside the guards, each with its best key, cheapest first."""
        words = key.split()
        letters = len(key) - len(words) + 1
        one_word, short = len(words) == 1, len(words) == 1 and letters <= SHORT_NAME
        if one_word and letters < ONE_WORD_MIN_LETTERS:
            return []  # too short to tell a slip from another name ("Yei" is not Yeo, "Salo" not Sali)
        near, key_ids = self._near_keys(words, guarded=True)
        korean_like = one_word and _reads_as_korean(key)
        one_word_limit = ONE_WORD_COST if letters < LONG_NAME else name_budget(letters)
        cost_limit, full_edit_limit = name_budget(letters), max(1, letters / LETTERS_PER_FULL_EDIT)
        word_cache: dict[tuple[int, int], Alignment | None] = {}
        surname = _surname_word(words) if not one_word else None  # the one word that is no common given name
        best: dict[int, _Found] = {}
        for key_id in key_ids:
            target_key = self.index.key_list[key_id]
            found = self._align(words, near, target_key.split(), key_id, word_cache, _word_alignment)
            if found is None or found.cost > cost_limit or _full_edits(found) > full_edit_limit:
                continue
            if (one_word and found.cost > one_word_limit) or (short and not _cheap_short(found)):
                continue
            if one_word and letters < LONG_NAME and not _sounds_kept(found):
                continue  # a letter changed into another sound is another name: Kashiba is not Kashira
            if one_word and found.cost > ONE_WORD_COST and not _spread(found):
                continue  # two edits side by side respell a sound: Pyeongchang is not Pyeongyang
            if one_word and _refused_for_one_word(key, target_key, self.index.schemes.of_key(key_id)):
                continue
            if korean_like and not _slip_of_korean(found, target_key) and self._korean(target_key):
                continue  # Korean syllables are another Korean or Chinese name: "Guchang" is not Huchang
            positions = self.index.keys[target_key]
            if surname is not None and self._respelt(words, surname, target_key, word_cache):  # see _given_names_but_one
                positions = self._without_people(positions)
            _keep_cheapest(best, positions, found)
        return _ranked(best)

    def _without_people(self, positions: tuple[int, ...]) -> tuple[int, ...]:
        """Return the positions of the entities among these that are no person."""
        return tuple(p for p in positions if self.index.entities[p].kind != "person")

    def _respelt(
        self, words: list[str], i: int, target_key: str, cache: dict[tuple[int, int], Alignment | None]
    ) -> bool:
        """Tell whether the query's word `i`, its surname, is respelt rather than mistyped in its nearest word of a
        key (the alignments the search made, in `cache`): a letter of another sound, or more than one edit, unless
        the key word has LONG_WORD letters or more and its two edits are keyboard slips apart (a neighbouring key, a
        swap, a doubling: "Sergei Kijriyejko" is Sergei Kiriyenko, "Anatoly Ulyanov" not Anatoly Lukyanov), or the
        query's given name and patronymic are the key's ("Михаил Дмитриевич Прохоторов" is Mikhail Prokhorov)."""
        ids = self.index.tokens.ids
        target = target_key.split()
        cells = [(a, token) for token in target if (a := cache.get((i, ids[token]))) is not None]
        if not cells:
            return False
        nearest, token = min(cells, key=lambda cell: (cell[0].cost, len(cell[0].edits)))
        if not _sounds_kept(nearest) or len(nearest.edits) > 2:
            return True
        if len(nearest.edits) < 2:
            return False
        slips = all(edit.cost < 1 for edit in nearest.edits) and _spread(nearest)
        return len(token) < LONG_WORD or not (slips or _named_in_full(words, i, target))

    def _second_chance(self, key: str) -> tuple[list[tuple[int, _Found]], float]:
        """Search again where the guarded search found nothing, with the issue's budgets and only typing slips.

        Every word keeps to its key word's edit budget, whatever its own length ("so" for "sok"), and
        a full edit must be a missing letter (a key not hit), the first letter only of a key word of
        LONG_WORD letters or more (FIRST_SLIP_WORD among several words, unless what is left is a word of
        some key or a romanised Korean syllable: a syllable without its first letter is often another
        one); everything else is cheap (a neighbouring key, a look-alike letter, a swap, a doubling).
        The name may cost 1, or one per SECOND_CHANCE_LETTERS letters of its key, and a one-word query
        needs SECOND_CHANCE_ONE_WORD letters (SECOND_CHANCE_SHORT for one letter missed inside) and a
        name written in the gazetteer.
        Return the hits, cheapest first, and the cost of the cheapest key of any other entity than the
        best hit's within the words' budgets, whatever its edits: the hit stands only if that is
        ISOLATION_MARGIN more. A one-word query that cuts a generated key short matches nothing, and
        a query whose words are common given names or initials but one names no person.
        """
        words = key.split()
        letters, one_word = len(key) - len(words) + 1, len(words) == 1
        if not words or (one_word and letters < SECOND_CHANCE_SHORT):
            return [], math.inf
        near, key_ids = self._near_keys(words, wide=True)
        slips: dict[tuple[int, int], Alignment | None] = {}
        known = self.index.tokens.ids

        def slip(word: str, token: str) -> Alignment | None:
            found = _slip_alignment(word, token)
            if found is not None and len(token) < LONG_WORD and _first_letter_missed(found):
                if one_word or word in known or word in romanized_syllables():
                    return None  # "ndrei" may be Andrei, "yun" is not Hyun nor "wang" Hwang
            return found

        weakly_backed, surname = _given_names_but_one(words), _surname_word(words)
        best: dict[int, _Found] = {}
        for key_id in key_ids:
            target_key = self.index.key_list[key_id]
            found = self._align(words, near, target_key.split(), key_id, slips, slip)
            if found is None or found.cost > max(1.0, (len(target_key) - target_key.count(" ")) / SECOND_CHANCE_LETTERS):
                continue
            scheme = self.index.schemes.of_key(key_id)
            if one_word and (_refused_for_one_word(key, target_key, scheme) or _surname_at_most_with_initials(scheme) or not _written(scheme)):
                continue  # ... nor, with two slips, a surname alone ("Schwerin" is not Shvernik) or a generated spelling
                # (slips on another language's form are too far from the name: "Liberty" is not ICAO "Liubertsy")
            if one_word and letters < SECOND_CHANCE_ONE_WORD and (not _missing_inside(found, target_key) or _reads_as_korean(key)):
                continue  # a 6-letter query: one letter missed inside a written name ("Volgda"), nothing else, and not
                # if it reads as Korean syllables: "Icheon" is another city than Incheon
            positions = self.index.keys[target_key]
            if weakly_backed and (surname is None or not _backed(words, surname, target_key)):
                positions = self._without_people(positions)
            _keep_cheapest(best, positions, found._replace(second=True))
        hits = _ranked(best)
        if not hits:
            return [], math.inf
        plain: dict[tuple[int, int], Alignment | None] = {}
        rival = math.inf
        for key_id in key_ids:
            target_key = self.index.key_list[key_id]
            if any(position != hits[0][0] for position in self.index.keys[target_key]):
                found = self._align(words, near, target_key.split(), key_id, plain, _plain_alignment)
                rival = min(rival, found.cost if found else math.inf)
        return hits, rival

    def _near_keys(self, words: list[str], *, wide: bool = False, guarded: bool = False) -> tuple[list[dict[int, int]], list[int]]:
        """Return each word's near key tokens, and the keys of as many words with a near token for every word.

        `wide`: the tokens within their own edit budget of a word, whatever its length (TokenIndex.near).
        `guarded`: only the near tokens the guarded search may align a word with (:func:`_starts_alike`;
        a key word starting otherwise is out of bounds for it, so fewer postings and keys are read).
        The answers for the last few queries are remembered: a query that the guarded search leaves
        without a hit asks again for the second-chance search (the same answer where no word is short
        enough for `wide` to change its tokens) and for the phonetic guard.
        """
        kind = _WIDE if wide else _GUARDED if guarded else _NEAR
        if all(self._kind_of(word, kind) == _NEAR for word in words):
            kind = _NEAR  # the same answer: remembered once
        return self._recent_near_keys(tuple(words), kind)

    def _find_near_keys(self, words: tuple[str, ...], kind: str) -> tuple[list[dict[int, int]], list[int]]:
        """Do :meth:`_near_keys`' work: in C where it is compiled (TokenIndex.keys_with_all), else by sets
        (:meth:`_keys_by_sets`, the reference path). :func:`near_keys_by_scan` is the plain reference."""
        tokens = self.index.tokens
        near = [self._word_near(word, kind) for word in words]
        if not words or not all(near):
            return near, []
        size = len(words)  # only keys of as many words are read (their postings are grouped by number of words)
        found = tokens.keys_with_all(near, size) if tokens.compiled else self._keys_by_sets(words, kind, near)
        if size >= GROUPS:  # the last group holds keys of GROUPS words or more; keys are single-spaced
            key_list = self.index.key_list
            found = [key_id for key_id in found if key_list[key_id].count(" ") == size - 1]
        return near, found

    def _keys_by_sets(self, words: tuple[str, ...], kind: str, near: list[dict[int, int]]) -> list[int]:
        """Return the keys of as many words (from GROUPS on: GROUPS or more) with a near token for every word,
        ascending: the Python path of :meth:`_find_near_keys`.

        The keys with a near token of the word with the fewest postings are intersected with those of
        the other words, as sets (cheap per key), where that is cheaper than reading the remaining
        candidates' words one by one; the key set of a common word (COMMON_POSTINGS postings or more: a
        given name) is remembered from its second query on, and then always intersected (it takes no
        reading of postings, and costs no more than the smaller set).
        """
        tokens, size = self.index.tokens, len(words)
        counts = [tokens.posting_total(near_word, size) for near_word in near]
        order = sorted(range(size), key=counts.__getitem__)
        key_ids = self._common(words[order[0]], kind, size, counts[order[0]]) or tokens.keys_of(near[order[0]], size)
        rest = []
        for i in order[1:]:
            known = self._common(words[i], kind, size, counts[i])
            if known is not None:
                key_ids = key_ids & known
            elif counts[i] <= _SET_COST_RATIO * len(key_ids):
                key_ids = tokens.keys_of(near[i], size, among=key_ids)
            else:
                rest.append(i)
        found = sorted(key_ids)
        if rest:  # each remaining word's near tokens as words, to compare with a key's words as sets
            key_list = self.index.key_list
            remaining = [frozenset(map(tokens.names.__getitem__, near[i])) for i in rest]
            found = [key_id for key_id in found if not any(names.isdisjoint(key_list[key_id].split()) for names in remaining)]
        return found

    def _common(self, word: str, kind: str, size: int, count: int) -> set[int] | None:
        """Return the keys of `size` words (from GROUPS on: GROUPS or more) holding a near token (of a kind) of a
        query word with `count` postings among them, if that is COMMON_POSTINGS or more and the word was seen
        before (a given name: then they are remembered, only to be read); else None."""
        if count < COMMON_POSTINGS:
            return None
        kind, group = self._kind_of(word, kind), min(size, GROUPS)
        return self._common_keys(word, kind, group) if next(self._sightings(word, kind, group)) else None

    def _find_common_keys(self, word: str, kind: str, words: int) -> set[int]:
        """Return the keys of `words` words (GROUPS: or more) holding a near token of a kind of a word; remembered,
        so only read."""
        return self.index.tokens.keys_of(self._word_near(word, kind), words)

    def _word_near(self, word: str, kind: str) -> dict[int, int]:
        """Return a query word's near tokens of a kind (_NEAR, _WIDE or _GUARDED: see :meth:`_near_keys`), remembered."""
        return self._near_of[self._kind_of(word, kind)](word)

    def _kind_of(self, word: str, kind: str) -> str:
        """Return the kind of a word's near tokens, or _NEAR where they are the same (its key sets are then shared)."""
        if (kind == _WIDE and not _widens(word)) or (kind == _GUARDED and len(self._near_guarded(word)) == len(self._near(word))):
            return _NEAR
        return kind

    def _find_guarded_near(self, word: str) -> dict[int, int]:
        """Return the near tokens of a word that the guarded search may align it with (:func:`_starts_alike`):
        its near tokens themselves, not a copy, where all are (most words: a copy would double the cache)."""
        near, names, first = self._near(word), self.index.tokens.names, word[:1]
        # the same first letter is the common case, and always alike: checked inline, before the call
        guarded = {token_id: edits for token_id, edits in near.items() if names[token_id][:1] == first or _starts_alike(word, names[token_id])}
        return near if len(guarded) == len(near) else guarded

    def _align(
        self,
        words: list[str],
        near: list[dict[int, int]],
        target: list[str],
        key_id: int,
        cache: dict[tuple[int, int], Alignment | None],
        word_alignment: Callable[[str, str], Alignment | None],
    ) -> _Found | None:
        """Align the query's words one to one with a key's words, in the cheapest order; None if none fits.

        `word_alignment` aligns one word with one key word, or says None when the pair is out of bounds;
        `cache` holds its answers by (word number, token id) (:data:`~namenorm.word_orders.cheapest_order`).
        """
        found = cheapest_order(words, near, target, self.index.tokens.ids, cache, word_alignment, REORDER_COST)
        if found is None:
            return None
        cost, edits, shift = found
        return _Found(round(cost, 6), edits, key_id, shift != 0)


def _widens(word: str) -> bool:
    """Tell whether a word's wide near tokens (TokenIndex.near) may be more than its near ones: a short typeable word."""
    return budget(word) < 2 and typeable(word)


def _keep_cheapest(best: dict[int, _Found], positions: tuple[int, ...], found: _Found) -> None:
    """Record a hit for each entity owning its key, where it is cheaper (then with fewer edits) than the one kept."""
    for position in positions:
        if position not in best or (found.cost, len(found.edits)) < (best[position].cost, len(best[position].edits)):
            best[position] = found


def _ranked(best: dict[int, _Found]) -> list[tuple[int, _Found]]:
    """Return the entities' hits cheapest first (then fewest edits, then index order)."""
    return sorted(best.items(), key=lambda item: (item[1].cost, len(item[1].edits), item[0]))


def _load_rules() -> None:
    """Read the rule tables (keyboard, look-alikes, phonetic rules, romanised Korean syllables) now, not on the first fuzzy query."""
    substitution("a", "b")
    phonetic_key("a 김 かな")
    romanized_syllables()


@functools.lru_cache(maxsize=1 << 16)
def _word_alignment(word: str, token: str) -> Alignment | None:
    """Return the alignment of a query word with a key word if it passes the word guards, else None."""
    if not _starts_alike(word, token):
        return None  # the full alignment would change the first letter with a full edit
    first_letter_free = _first_letter_free(word, token)
    longest = max(len(word), len(token))
    alignment = align_within(word, token, longest / 4)
    if alignment is None or len(alignment.edits) > min(budget(word), budget(token)):
        return None
    for edit in alignment.edits:
        if edit.cost >= 1 and ((edit.position == 0 and not first_letter_free) or (edit.kind == "substitution" and longest <= SHORT_WORD)):
            return None
    return alignment


def _plain_alignment(word: str, token: str) -> Alignment:
    """Return :func:`~namenorm.edits.align`'s alignment of a query word with a key word, whatever its edits, from
    align_within (compiled where it can be) with a limit no alignment reaches: each letter dropped or added costs 1."""
    return align_within(word, token, len(word) + len(token))  # type: ignore[return-value]  # within the limit: never None


@functools.lru_cache(maxsize=1 << 16)
def _slip_alignment(word: str, token: str) -> Alignment | None:
    """Return the alignment of a query word with a key word for the second chance, or None: within the key
    word's budget, every full edit a missing letter, the first letter only in a key word of FIRST_SLIP_WORD+
    letters (and below LONG_WORD letters, only where the second-chance search allows it)."""
    allowed = budget(token)
    alignment = align_within(word, token, allowed)
    if alignment is None or len(alignment.edits) > allowed or (token.startswith(word) and len(token) - len(word) > 1):
        return None  # cut short by two letters, it is a stem or another form: Ярослав is not Ярославль
    for edit in alignment.edits:
        if edit.cost >= 1 and (edit.kind != "missing letter" or (edit.position == 0 and len(token) < FIRST_SLIP_WORD)):
            return None
        if edit.position == 0 and edit.kind == "extra letter" and edit.why != "doubled letter":
            return None  # a letter put before a word is another name: Yuanyang is not Anyang
    return alignment


def _first_letter_missed(alignment: Alignment) -> bool:
    """Tell whether an alignment has the key word's first letter missing from the query word."""
    return any(edit.position == 0 and edit.kind == "missing letter" and edit.cost >= 1 for edit in alignment.edits)


def _starts_alike(word: str, token: str) -> bool:
    """Tell whether the guarded search may align a query word with a key word at all, as their first letters go."""
    return _may_keep_first_letter(word[:2], token[:2]) or _first_letter_free(word, token)


def _first_letter_free(word: str, token: str) -> bool:
    """Tell whether a key word of LONG_WORD letters or more may have its first letter changed: the query word is
    the same otherwise ("ytkarino" for "lytkarino")."""
    return len(token) >= LONG_WORD and word[1:] in (token[1:], token, token[2:])


@functools.lru_cache(maxsize=1 << 12)
def _may_keep_first_letter(word: str, token: str) -> bool:
    """Tell cheaply whether the words' starts can differ only by cheap edits (a quick, lenient pre-check; it reads
    two letters of each, so it is asked about those: remembered)."""
    return (
        word[0] == token[0]
        or substitution(word[0], token[0])[0] < 1
        or word[1:2] == token[0]  # swapped, or a doubled first letter
        or token[1:2] == word[0]
        or confusable(word[:2], token[:1])
        or confusable(word[:1], token[:2])
    )


def _cheap_short(found: _Found) -> bool:
    """Tell whether a one-word match of a short query is cheap enough: below 1, its first letter kept, no letter added."""
    return found.cost < 1 and all(
        (edit.position or edit.why == "look-alike letters") and (edit.kind != "extra letter" or edit.why == "doubled letter")
        for edit in found.edits
    )


def _sounds_kept(found: _Found | Alignment) -> bool:
    """Tell whether each full substitution of a hit (or of one word's alignment) keeps the letter's sound: the
    same phonetic letter class (c for k, o for a; not b for r)."""
    return all(_sounds_alike(e.query, e.key) for e in found.edits if e.kind == "substitution" and e.cost >= 1)


@functools.lru_cache(maxsize=1 << 12)
def _sounds_alike(a: str, b: str) -> bool:
    """Tell whether two letters have the same class in the phonetic key ("c" and "k", "а" and "о").

    >>> _sounds_alike("c", "k"), _sounds_alike("а", "о"), _sounds_alike("b", "r")
    (True, True, False)
    """
    return phonetic_key(a) == phonetic_key(b)


def _full_edits(found: _Found) -> int:
    """Count the edits of a hit that are not cheap."""
    return sum(edit.cost >= 1 for edit in found.edits)


def _spread(found: _Found) -> bool:
    """Tell whether a hit's edits lie apart from each other (slips), not side by side (another spelling of a sound)."""
    positions = [edit.position for edit in found.edits]
    return all(b - a >= EDIT_SPACING for a, b in zip(positions, positions[1:]))


def _refused_for_one_word(key: str, target_key: str, scheme: str) -> bool:
    """Tell whether a one-word query may not match a key fuzzily: a generated form that the query cuts short is
    another name (Primorsk is not Primorsky, Jarosław not Jaroslawl), and so is a written one cut short to a
    surname (Vasilyev is not Vasilyevo, Бородин not Бородино: towns named after a family); a declined form
    (Latvian Ostrova) is matched only as spelt ("Ostróda" is not Ostrov, "Salinas" not Lithuanian Stalinas)."""
    return (target_key.startswith(key) and not _written(scheme)) or _surname_for_a_place(key, target_key) or DECLINED in scheme


def _surname_for_a_place(key: str, target_key: str) -> bool:
    """Tell whether a one-word query is spelt as a Russian surname and a key is not: the key's place is named after
    the family, or only looks like the surname ("Vasilyev" is not Vasilyevo, "Бородин" not Бородино)."""
    return has_surname_ending(key, feminine=True) and not has_surname_ending(target_key, feminine=True)


def _surname_word(words: list[str]) -> int | None:
    """Return the position of the one word of a query that is no common Russian given name, patronymic or initial,
    if there is exactly one (see _given_names_but_one).

    >>> _surname_word(["valery", "volkov"]), _surname_word(["alesei", "kosgyin"]), _surname_word(["ivan", "ivanovich"])
    (1, None, None)
    """
    others = [i for i, word in enumerate(words) if not _given_like(word)]
    return others[0] if len(others) == 1 else None


def _given_like(word: str) -> bool:
    """Tell whether a query word is a common Russian given name (also with one last vowel of a case or feminine
    ending: Владислава, Ivana), a patronymic or an initial."""
    names = given_name_keys()
    return len(word) == 1 or word in names or (word[-1:] in _NAME_ENDINGS and word[:-1] in names) or is_patronymic(word)


def _given_names_but_one(words: list[str]) -> bool:
    """Tell whether all the words of a query but one are common Russian given names, patronymics or initials: the
    one word left, a surname, is then as often another surname as a slip of a person's with those names, so the
    guarded search takes one edit at most in it for a person, keeping its sounds ("Valery Volkov" is not Valery
    Falkov, "Sergei Pavlov" not Sergei Lavrov, "Dmitry Peskow" is Dmitry Peskov), or in a long surname two
    keyboard slips apart, or two edits where a patronymic backs it too (:meth:`Matcher._respelt`), and the
    second-chance search names no person unless the surname or the given name and patronymic are spelt as in
    the key (:func:`_backed`) ("Fokin Ivan" is not Ivan Rybkin, Estonian "Robkin"; "Исаев Иван"
    not Иван Силаев).

    >>> _given_names_but_one(["fokin", "ivan"]), _given_names_but_one(["a", "kosgyin"]), _given_names_but_one(["alesei", "kosgyin"])
    (True, True, False)
    """
    return sum(not _given_like(word) for word in words) <= 1


def _backed(words: list[str], surname: int, target_key: str) -> bool:
    """Tell whether a key backs a query whose words but one are given names (see _given_names_but_one) as a
    person's name: its surname (word `surname`) is spelt as in the key, or its given name and patronymic are
    ("Борис ячеславшвич Грызлов" is Boris Vyacheslavovich Gryzlov)."""
    target = target_key.split()
    return words[surname] in target or _named_in_full(words, surname, target)


def _named_in_full(words: list[str], surname: int, target: list[str]) -> bool:
    """Tell whether two of the query's words other than its surname (word `surname`), a given name and a
    patronymic, are words of a key as spelt: together they back a slip of the surname as a given name does not."""
    return sum(len(word) > 1 and word in target for i, word in enumerate(words) if i != surname) >= 2


def _surname_at_most_with_initials(scheme: str) -> bool:
    """Tell whether a key's scheme makes it a person's surname alone or with initials only (``ru:bgn+surname``,
    ``ru:bgn+initial``, ``native:ru+surname-initials``): an initial is shared by too many people to back a slip
    of the surname ("A. Markov" is not Andrei Karlov, "Белов А." not Alexander Beglov)."""
    return scheme.endswith(_SURNAME_SCHEMES)


@functools.lru_cache(maxsize=1 << 12)
def _reads_as_korean(key: str) -> bool:
    """Tell whether a one-word Latin key reads as romanised Korean syllables."""
    return key.isascii() and reads_as_korean(key)


def _near_a_name(key: str, names: tuple[str, ...]) -> bool:
    """Tell whether a key is at most PHONETIC_SHARE of its letters (1 at least) in edits from one of the names."""
    allowed = max(1, int(len(key) * PHONETIC_SHARE))
    return any(OSA.distance(key, fold(name), score_cutoff=allowed + 1) <= allowed for name in names)


def _alphabetic(key: str) -> bool:
    """Tell whether a key is in Latin or Cyrillic letters (not Hangul, not kana)."""
    return key.isascii() or all(char == " " or "а" <= char <= "я" or char == "ё" for char in key)


def _slip_of_korean(found: _Found, target_key: str) -> bool:
    """Tell whether a hit reads as a slip even where the query is Korean syllables: swapped letters only
    ("Seuol"), or one substitution of the last letter ("Busam", "Wonsam": m for n)."""
    edits = found.edits
    last = len(edits) == 1 and edits[0].kind == "substitution" and edits[0].position == len(target_key) - 1
    return last or all(edit.kind == "transposition" for edit in edits)


def _missing_inside(found: _Found, target_key: str) -> bool:
    """Tell whether a hit is one letter missing from a key, neither its first letter nor its last."""
    if len(found.edits) != 1:
        return False
    edit = found.edits[0]
    return edit.kind == "missing letter" and 0 < edit.position < len(target_key) - 1


def _written(scheme: str) -> bool:
    """Tell whether a key's scheme is a name written in the gazetteer (name, alias, native name), not a generated one."""
    return scheme in ("name", "alias") or (scheme.startswith("native:") and ">" not in scheme)


def near_keys_by_scan(matcher: Matcher, words: list[str], *, guarded: bool = False) -> list[int]:
    """Reference for Matcher._near_keys: every key of as many words, with a near token for every query word
    (`guarded`: one it starts alike, :func:`_starts_alike`) (slow)."""
    tokens, found = matcher.index.tokens, []
    near = [{t for t in tokens.near(word) if not guarded or _starts_alike(word, tokens.names[t])} for word in words]
    for key_id, key in enumerate(matcher.index.key_list):
        target = [tokens.ids[token] for token in key.split()]
        if words and len(target) == len(words) and all(any(t in near_word for t in target) for near_word in near):
            found.append(key_id)
    return found
