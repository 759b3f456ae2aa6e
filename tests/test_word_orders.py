"""The cheapest order of a key's words: the compiled path agrees with the Python reference, caches included."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from namenorm import Normalizer, word_orders
from namenorm.edits import Alignment, Edit, align
from namenorm.matcher import REORDER_COST, _word_alignment
from namenorm.word_orders import Cache, WordAlignment, cheapest_order_reference

compiled_order = word_orders._speedups.cheapest_order
VOCABULARY = ["kim", "kin", "jong", "jomg", "un", "um", "putin", "pitin", "vladimir", "vladimr"]


def both_orders(words: list[str], near: list[dict[int, int]], target: list[str], ids: dict[str, int], word_alignment: WordAlignment) -> tuple:
    """Return the compiled and the reference answers, each with the cache it filled (items in order)."""
    answers = []
    for order in (compiled_order, cheapest_order_reference):
        cache: Cache = {}
        answers.append((order(words, near, target, ids, cache, word_alignment, REORDER_COST), list(cache.items())))
    return answers[0], answers[1]


def sometimes_out(word: str, token: str) -> Alignment | None:
    """Align two words, but say None for a pair whose letters sum to an odd length (cells out of bounds)."""
    return None if (len(word) + len(token)) % 2 else align(word, token)


@settings(max_examples=500, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
    st.lists(st.sampled_from(VOCABULARY), min_size=n, max_size=n),
    st.lists(st.sampled_from(VOCABULARY), min_size=n, max_size=n),
    st.lists(st.sets(st.integers(0, len(VOCABULARY) - 1)), min_size=n, max_size=n))),
    st.sampled_from([align, sometimes_out, _word_alignment]))  # fmt: skip
def test_the_compiled_order_agrees_with_the_python_one(case: tuple, word_alignment: WordAlignment) -> None:
    words, target, near_sets = case
    ids = {token: token_id for token_id, token in enumerate(VOCABULARY)}
    near = [dict.fromkeys(tokens, 1) for tokens in near_sets]
    compiled, reference = both_orders(words, near, target, ids, word_alignment)
    assert compiled == reference


def test_ties_go_to_fewer_edits_then_to_the_lowest_shift() -> None:
    ids = {"ab": 0, "cd": 1}
    near = [{0: 0, 1: 0}, {0: 0, 1: 0}]
    half, quarter = Edit("substitution", "x", "y", 0.5, "", 0), Edit("substitution", "x", "y", 0.25, "", 0)
    cells = {("ab", "ab"): Alignment(0.5, (quarter, quarter)), ("cd", "cd"): Alignment(0.0, ()),
             ("ab", "cd"): Alignment(0.25, (quarter,)), ("cd", "ab"): Alignment(0.0, ())}  # fmt: skip
    for order in (compiled_order, cheapest_order_reference):
        # in order: 0.5 with 2 edits; rotated: 0.25 + REORDER_COST = 0.5 with 1 edit
        assert order(["ab", "cd"], near, ["ab", "cd"], ids, {}, lambda w, t: cells[w, t], REORDER_COST) == (0.5, (quarter,), 1)
        # equal cost and edits: the lowest shift
        assert order(["ab", "cd"], near, ["ab", "cd"], ids, {}, lambda w, t: Alignment(0.5, (half,)), REORDER_COST) == (1.0, (half, half), 0)


def test_a_word_meeting_no_key_word_stops_the_rows() -> None:
    ids = {token: token_id for token_id, token in enumerate(VOCABULARY)}
    near = [{ids["kim"]: 0}, {}, {ids["un"]: 0}]
    for order in (compiled_order, cheapest_order_reference):
        cache: Cache = {}
        assert order(["kim", "jong", "un"], near, ["kim", "jong", "un"], ids, cache, align, REORDER_COST) is None
        assert list(cache) == [(0, ids["kim"])]  # the third word was never aligned


def test_errors_are_raised_by_both_paths() -> None:
    ids = {"kim": 0, "un": 1}

    def fails(word: str, token: str) -> Alignment | None:
        raise ZeroDivisionError(word)

    for order in (compiled_order, cheapest_order_reference):
        with pytest.raises(ValueError):
            order(["kim"], [{0: 0}], ["kim", "un"], ids, {}, align, REORDER_COST)
        with pytest.raises(KeyError):
            order(["kim"], [{0: 0}], ["jong"], ids, {}, align, REORDER_COST)
        with pytest.raises(ZeroDivisionError):
            order(["kim"], [{0: 0}], ["kim"], ids, {}, fails, REORDER_COST)
    with pytest.raises(TypeError):
        compiled_order(["kim"], [{0: 0}], ["kim"], ids, {}, lambda w, t: 1.0, REORDER_COST)  # no Alignment
    with pytest.raises(TypeError):
        compiled_order(("kim",), [{0: 0}], ["kim"], ids, {}, align, REORDER_COST)


def test_the_compiled_order_agrees_on_the_bundled_index(bundled: Normalizer) -> None:
    matcher, rng = bundled.matcher, random.Random(7)
    queries = [key.split() for key in rng.sample([key for key in matcher.index.key_list if " " in key], 300)]
    for words in queries:  # a slip in one word, maybe the words rotated
        i = rng.randrange(len(words))
        cut = rng.randrange(len(words[i]))
        words[i] = words[i][:cut] + words[i][cut + 1 :]
        if rng.random() < 0.3:
            words.append(words.pop(0))
    for words in queries:
        near, key_ids = matcher._near_keys(words, guarded=True)
        for key_id in key_ids[:200]:
            target = matcher.index.key_list[key_id].split()
            compiled, reference = both_orders(words, near, target, matcher.index.tokens.ids, _word_alignment)
            assert compiled == reference, (words, target)
