"""The typo cost model and the token index: tables, alignment, and fast path against reference."""

import random
from importlib.resources import files

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein, OSA

from namenorm import edits, tokenindex, word_orders
from namenorm import text as text_scanner
from namenorm.edits import Alignment, Edit, align, align_reference, align_within, budget, confusable, deletes, describe, keyboard_neighbours
from namenorm.tokenindex import TokenIndex, near_by_scan


def table(name: str) -> dict:
    """Load a rule table of the package."""
    return yaml.safe_load(files("namenorm").joinpath("data", name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("a", "b", "expected"), table("keyboard.yaml")["samples"])
def test_keyboard_samples(a: str, b: str, expected: bool) -> None:
    assert keyboard_neighbours(a, b) is expected and keyboard_neighbours(b, a) is expected


@pytest.mark.parametrize(("a", "b", "expected"), table("confusables.yaml")["samples"])
def test_confusable_samples(a: str, b: str, expected: bool) -> None:
    assert confusable(a, b) is expected


@pytest.mark.parametrize(
    ("query", "key", "cost", "text"),
    [
        ("vkadimir", "vladimir", 0.5, "1 substitution (keyboard neighbours k→l)"),
        ("yelstin", "yeltsin", 0.5, "1 transposition (st→ts)"),
        ("puttin", "putin", 0.5, "1 extra letter (doubled letter t→∅)"),
        ("pyongyng", "pyongyang", 1.0, "1 missing letter (∅→a)"),
        ("vladirnir", "vladimir", 0.25, "1 substitution (look-alike letters rn→m)"),
        ("m" + "o" + "сква", "москва", 0.5, "2 substitutions (look-alike letters m→м, o→о)"),  # Latin m, o
        ("tyumen", "tumen", 0.5, "1 extra letter (keyboard neighbours y→∅)"),  # y touches t and u: a fat finger
        ("tymen", "tyumen", 1.0, "1 missing letter (∅→u)"),  # a dropped letter is a full edit
        ("glazoivf", "glazov", 1.0, "2 extra letters (keyboard neighbours i→∅, f→∅)"),
        ("kazan", "khasan", 1.5, "1 missing letter (∅→h), 1 substitution (keyboard neighbours z→s)"),
    ],
)
def test_alignment_costs_and_descriptions(query: str, key: str, cost: float, text: str) -> None:
    alignment = align(query, key)
    assert alignment.cost == cost and describe(alignment.edits) == text


def test_budget_by_length_and_script() -> None:
    assert [budget("x" * n) for n in range(1, 9)] == [0, 0, 1, 1, 1, 2, 2, 2]
    assert budget("путин") == 1 and budget("김정은") == 0 and budget("평양시내") == 0


words = st.text(alphabet="abkmnlrstuoiyзкп", min_size=0, max_size=9)


@settings(max_examples=300, deadline=None)
@given(words, words)
def test_alignment_is_symmetric_and_bounded_by_plain_edit_distance(a: str, b: str) -> None:
    cost = align(a, b).cost
    fat_fingers = any(keyboard_neighbours(x, y) for word in (a, b) for x, y in zip(word, word[1:]))
    assert cost == align(b, a).cost or fat_fingers  # an extra letter typed with its neighbour is cheap in the query only
    assert (cost == 0) == (a == b)
    assert cost <= OSA.distance(a, b) <= Levenshtein.distance(a, b)


def agree(a: str, b: str) -> None:
    """Check the fast alignment against the reference: never cheaper; the same without doubled letters or fat fingers."""
    fast, reference = align(a, b), align_reference(a, b)
    assert fast.cost >= reference.cost
    doubled = any(x == y for word in (a, b) for x, y in zip(word, word[1:]))
    if not doubled and not any(keyboard_neighbours(x, y) for x, y in zip(a, a[1:])):
        assert fast.cost == reference.cost
        if len(reference.edits) <= 2:  # far apart words may have as cheap a path with other edits
            assert [(e.kind, e.query, e.key) for e in fast.edits] == [(e.kind, e.query, e.key) for e in reference.edits]


@settings(max_examples=1000, deadline=None)
@given(words, words)
def test_fast_alignment_agrees_with_reference(a: str, b: str) -> None:
    agree(a, b)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="abmnr", min_size=2, max_size=6), st.text(alphabet="abmnr", max_size=4), st.text(alphabet="abmnr", max_size=4), st.integers(0, 4))
def test_fast_alignment_agrees_on_long_common_ends(core: str, head: str, tail: str, cut: int) -> None:
    agree(head + core + tail, head + core[::-1] + tail)
    agree(head + core + tail, head + core[cut:] + tail)


def test_deletes_reach_the_requested_depth() -> None:
    assert deletes("abc", 1) == {"abc", "ab", "ac", "bc"}
    assert "a" in deletes("abc", 2) and "" not in deletes("abc", 2)


@settings(max_examples=200, deadline=None)
@given(st.lists(words, min_size=1, max_size=40), words)
def test_token_index_finds_what_a_full_scan_finds(vocabulary: list[str], query: str) -> None:
    tokens = [word for word in vocabulary if word]
    index = TokenIndex.build([(word,) for word in tokens])
    found = {index.name(token_id): edits for token_id, edits in index.near(query).items()}
    assert found == near_by_scan(query, set(tokens))


@settings(max_examples=200, deadline=None)
@given(st.lists(words, min_size=1, max_size=40), words)
def test_wide_token_search_finds_what_a_full_scan_finds(vocabulary: list[str], query: str) -> None:
    tokens = [word for word in vocabulary if word]
    index = TokenIndex.build([(word,) for word in tokens])
    found = {index.name(token_id): edits for token_id, edits in index.near(query, wide=True).items()}
    assert found == near_by_scan(query, set(tokens), wide=True)


def python_near(index: TokenIndex, query: str, wide: bool = False) -> dict[int, int]:
    """Return TokenIndex.near's answer computed in Python, as where the extension is not compiled."""
    compiled, tokenindex._speedups = tokenindex._speedups, None
    try:
        return index.near(query, wide=wide)
    finally:
        tokenindex._speedups = compiled


mixed = st.text(alphabet="abkst19зкп\u00e9\ud55c\U0001f600", max_size=8)  # typeable, and not (é, Hangul, beyond the BMP)


@settings(max_examples=300, deadline=None)
@given(st.lists(mixed, min_size=1, max_size=40), mixed, st.booleans())
def test_the_compiled_token_search_agrees_with_the_python_one(vocabulary: list[str], query: str, wide: bool) -> None:
    index = TokenIndex.build([(word,) for word in vocabulary])
    found = index.near(query, wide=wide)
    assert found == python_near(index, query, wide)
    assert {index.name(token_id): edits for token_id, edits in found.items()} == near_by_scan(query, set(vocabulary), wide=wide)


def slip(word: str, rng: random.Random) -> str:
    """Return a word with one or two random edits, made with letters of the word and digits."""
    letters = sorted(set(word)) + list("07")
    for _ in range(rng.choice((1, 1, 2))):
        i = rng.randrange(len(word) + 1)
        kind = rng.choice(("substitute", "insert", "delete", "swap"))
        if kind == "insert" or not word:
            word = word[:i] + rng.choice(letters) + word[i:]
        elif kind == "swap" and len(word) > 1:
            i = min(i, len(word) - 2)
            word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        else:
            i = min(i, len(word) - 1)
            word = word[:i] + ("" if kind == "delete" else rng.choice(letters)) + word[i + 1 :]
    return word


def script(word: str) -> str:
    """Tell a word's script, roughly: "ru", "ko" or "latin"."""
    if any("а" <= c <= "я" for c in word):
        return "ru"
    return "ko" if any("가" <= c <= "힣" for c in word) else "latin"


def test_the_compiled_token_search_agrees_with_the_python_one_on_the_bundled_index(bundled) -> None:
    index = bundled.index.tokens
    rng = random.Random(4)
    tokens = rng.sample(index.names, 3000)
    queries = [slip(token, rng) for token in tokens]  # some with digits, which no bundled token holds
    assert {script(token) for token in tokens} == {"ru", "ko", "latin"} and sum(any(c.isdigit() for c in q) for q in queries) > 100
    for query in queries:
        for wide in (False, True):
            assert index.near(query, wide=wide) == python_near(index, query, wide), (query, wide)
    for token in tokens[:15]:
        query = slip(token, rng)
        found = {index.name(token_id): edits for token_id, edits in index.near(query).items()}
        assert found == near_by_scan(query, index.names), query


@settings(max_examples=100, deadline=None)
@given(st.lists(words, min_size=1, max_size=40), words, st.booleans())
def test_the_python_token_search_finds_what_a_full_scan_finds(vocabulary: list[str], query: str, wide: bool) -> None:
    tokens = [word for word in vocabulary if word]
    index = TokenIndex.build([(word,) for word in tokens])
    found = {index.name(token_id): edits for token_id, edits in python_near(index, query, wide).items()}
    assert found == near_by_scan(query, set(tokens), wide=wide)


def test_wide_token_search_keeps_to_the_key_words_budget() -> None:
    index = TokenIndex.build([("kang", "sok", "ju"), ("kim",)])
    assert {index.name(t) for t in index.near("so", wide=True)} == {"sok"} and index.near("so") == {}
    assert index.near("j", wide=True) == {}  # "ju" has 2 letters: no edit


def test_token_index_postings() -> None:
    index = TokenIndex.build([("kim", "jong", "un"), ("kim", "jong", "il"), ("kim",)])
    assert list(index.postings(index.ids["kim"])) == [0, 1, 2] and len(index.postings(index.ids["un"])) == 1
    assert {index.name(t) for t in index.near("jomg")} == {"jong"}


@settings(max_examples=2000, deadline=None)
@given(words, words, st.sampled_from([0.25, 0.5, 1.0, 1.5, 2.0, 3.0]))
def test_banded_alignment_within_a_limit_agrees_with_the_full_one(a: str, b: str, limit: float) -> None:
    full = align(a, b)
    assert align_within(a, b, limit) == (full if full.cost <= limit else None)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="abmnr", min_size=2, max_size=6), st.text(alphabet="abmnr", max_size=4), st.integers(0, 4), st.sampled_from([0.5, 1.0, 2.0]))
def test_banded_alignment_agrees_on_doubled_letters_and_look_alikes(core: str, head: str, cut: int, limit: float) -> None:
    for a, b in ((head + core, head + core[::-1]), (head + core, core[cut:] + head), ("rn" + core, "m" + core)):
        full = align(a, b)
        assert align_within(a, b, limit) == (full if full.cost <= limit else None)


def test_the_compiled_fast_paths_are_built() -> None:
    from namenorm import _speedups as compiled  # compiled at install (hatch_build.py): CI must not test only the Python fallback

    assert edits._speedups is compiled and tokenindex._speedups is compiled and text_scanner._speedups is compiled
    assert word_orders._speedups is compiled


def slower_within(a: str, b: str, limit: float) -> Alignment | None:
    """Return align_within's answer from its Python path (the one taken when the extension is not compiled)."""
    compiled, edits._speedups = edits._speedups, None
    try:
        return align_within.__wrapped__(a, b, limit)
    finally:
        edits._speedups = compiled


# Latin and Cyrillic letters with keyboard neighbours (k/l, j/u, к/у, в/а), look-alikes (a/а, o/о/0, i/l/1, с/c)
typed = "aceijklmnoprstuyzабвекорсуыч01"
limits = st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0])


def typo(word: str, rng: random.Random) -> str:
    """Return a word with one random edit, mostly a cheap one."""
    if not word:
        return rng.choice(typed)
    i = rng.randrange(len(word))
    kind = rng.randrange(6)
    if kind == 0:  # double or undouble a letter
        return word[: i + 1] + word[i:] if rng.random() < 0.5 or word[i : i + 2] != word[i] * 2 else word[:i] + word[i + 1 :]
    if kind == 1 and i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 2:  # a neighbour or look-alike, if there is one
        others = [c for c in typed if keyboard_neighbours(word[i], c) or confusable(word[i], c)] or list(typed)
        return word[:i] + rng.choice(others) + word[i + 1 :]
    if kind == 3:
        return word[:i] + word[i + 1 :]
    return word[:i] + rng.choice(typed) + word[i:]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=typed, max_size=12), st.integers(0, 4), st.randoms(use_true_random=False), limits)
def test_the_compiled_alignment_agrees_with_the_python_one(word: str, typos: int, rng: random.Random, limit: float) -> None:
    other = word
    for _ in range(typos):
        other = typo(other, rng)
    for a, b in ((word, other), (other, word)):
        assert align_within(a, b, limit) == slower_within(a, b, limit)


def test_the_compiled_alignment_agrees_on_many_random_pairs() -> None:
    rng = random.Random(4)
    for _ in range(20000):
        word = "".join(rng.choice(typed) for _ in range(rng.randint(0, 14)))
        other = word
        for _ in range(rng.randint(0, 5)):
            other = typo(other, rng)
        limit = rng.choice([0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0])
        assert align_within(word, other, limit) == slower_within(word, other, limit), (word, other, limit)


# Two letters that look like one (rn/m, vv/w), the letters they are made of, doubled, and Cyrillic look-alikes (м/m, в/b, о/o, р/p)
look_alike_pieces = ["rn", "m", "vv", "w", "r", "n", "v", "rr", "nn", "mm", "ww", "rnrn", "м", "в", "b", "о", "o", "р", "p", "a", "e", "i"]
look_alike_words = st.lists(st.sampled_from(look_alike_pieces), max_size=7).map("".join)


def look_alike(word: str, rng: random.Random) -> str:
    """Return a word with one spelling written as its look-alike (rn for m, w for vv, Latin m for Cyrillic м...)."""
    swaps = [(a, b) for pair in ("rn m", "vv w", "m м", "b в", "o о", "p р", "rn rrn", "m mm") for a, b in (pair.split(), pair.split()[::-1])]
    found = [(i, a, b) for a, b in swaps for i in range(len(word)) if word.startswith(a, i)]
    if not found:
        return word + rng.choice(["rn", "m", "vv", "w"])
    i, a, b = rng.choice(found)
    return word[:i] + b + word[i + len(a) :]


def agrees_with_the_full_alignment(a: str, b: str, limit: float) -> None:
    """Check align_within, in C and in Python, against align (which aligns words with rn or vv whole, without a band)."""
    full = align(a, b)
    assert align_within(a, b, limit) == (full if full.cost <= limit else None) == slower_within(a, b, limit), (a, b, limit)


@settings(max_examples=3000, deadline=None)
@given(look_alike_words, look_alike_words, st.integers(0, 4), st.randoms(use_true_random=False), limits)
def test_the_compiled_alignment_agrees_on_two_letter_look_alikes(word: str, stranger: str, changes: int, rng: random.Random, limit: float) -> None:
    other = word
    for _ in range(changes):
        other = look_alike(other, rng) if rng.random() < 0.6 else typo(other, rng)
    for a, b in ((word, other), (other, word), (word, stranger)):
        agrees_with_the_full_alignment(a, b, limit)


def test_the_compiled_alignment_takes_two_letters_for_one() -> None:
    edits._fast_steps()  # configures the extension
    found = edits._speedups.align_band("vladirnir", "vladimir", 100)  # in C, whatever path align_within takes
    assert found == Alignment(0.25, (Edit("substitution", "rn", "m", 0.25, "look-alike letters", 5),))
    assert edits._speedups.align_band("chemov", "chernov", 25).edits[0][1:] == ("m", "rn", 0.25, "look-alike letters", 3)
    assert edits._speedups.align_band("vvest", "west", 25).edits[0][1:] == ("vv", "w", 0.25, "look-alike letters", 0)
    # rn for m moves off the diagonal at a look-alike's cost, cheaper than a doubled letter: a wider band
    for a, b, limit in (("rnrnrn", "mmm", 0.75), ("mmm", "rnrnrn", 0.75), ("vvvvvv", "www", 0.75), ("chernrnov", "chemmov", 0.5)):
        assert align_within(a, b, limit) == align(a, b) == slower_within(a, b, limit) and align(a, b).cost == limit, (a, b)
        assert align_within(a, b, limit - 0.25) is None


def test_the_compiled_alignment_agrees_on_the_bundled_tokens_with_rn_or_vv(bundled) -> None:
    tokens = [token for token in bundled.index.tokens.names if "rn" in token or "vv" in token]
    assert len(tokens) > 100 and any("vv" in token for token in tokens)
    rng = random.Random(7)
    for token in tokens:
        others = {look_alike(token, rng), typo(token, rng), typo(look_alike(token, rng), rng), look_alike(look_alike(token, rng), rng)}
        for other in others:
            for a, b in ((other, token), (token, other)):
                agrees_with_the_full_alignment(a, b, rng.choice([0.25, 0.5, 1.0, 1.5, 2.0]))


def test_the_compiled_alignment_reads_any_letters() -> None:
    long = "щ" * 70 + "ab" + "\U0001f600" * 3
    for a, b in ((long, long.replace("ab", "ba")), ("김정은", "김정운"), (long, "x")):
        assert align_within(a, b, 3.0) == slower_within(a, b, 3.0)
