"""The guarded fuzzy matcher: typos match, near misses and doubtful queries do not."""

import random
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from namenorm import Normalizer
from namenorm.gazetteer import Entity, Gazetteer
from namenorm.index import build_index
from namenorm.matcher import Matcher

FIXTURES = Path(__file__).parent / "fixtures"
PAIRS = yaml.safe_load((FIXTURES / "matcher-pairs.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def people() -> Normalizer:
    """A Normalizer over the matcher's gazetteer of people and places."""
    return Normalizer.from_paths(FIXTURES / "matcher.yaml", use_cache=False)


def matcher_of(*entities: Entity) -> Matcher:
    """Build a Matcher over a few ad-hoc entities."""
    return Matcher(build_index(Gazetteer(entities, (), "test")))


def person(entity_id: str, name: str, *, not_: tuple[str, ...] = ()) -> Entity:
    """Make a person entity with just a name."""
    return Entity(entity_id, "person", "RU", name, not_=not_)


def test_exact_key_scores_one_without_fuzzy_reason(people: Normalizer) -> None:
    match = people.match("vladimir  PUTIN")
    assert (match.id, match.score) == ("vladimir-putin", 1.0)
    assert match.reason.startswith("exact key 'vladimir putin'")


@pytest.mark.parametrize(("query", "expected"), PAIRS["typos"])
def test_typo_matches_its_entity(people: Normalizer, query: str, expected: str) -> None:
    match = people.match(query)
    assert match is not None and match.id == expected, query
    if match.score < 1.0:  # a variant generator may make some of these spellings exact keys
        assert match.score > 0.8 and "→" in match.reason and "key from " in match.reason


@pytest.mark.parametrize("query", PAIRS["near_misses"])
def test_near_miss_matches_nothing(people: Normalizer, query: str) -> None:
    assert people.match(query) is None, people.candidates(query)


@pytest.mark.parametrize("query", ["", "   ", "-", "Vladimir", "Kim", "Un", "Putin Putin", "Kim Jong Un Kim Jong Un Kim"])
def test_odd_queries_match_nothing(people: Normalizer, query: str) -> None:
    assert people.match(query) is None


def test_reason_names_key_scheme_and_edits(people: Normalizer) -> None:
    reason = people.match("Vkadimir Pitin").reason
    assert reason == "vkadimir pitin → vladimir putin: 2 substitutions (keyboard neighbours k→l, i→u); key from name"
    assert "transposition (st→ts)" in people.match("Boris Yelstin").reason
    assert "look-alike letters р→p" in people.match("Vladimir Рutin").reason
    assert "words reordered" in matcher_of(person("sorokin", "Ivan Sorokin")).match("Sorokin Ivan").reason


def test_budget_grows_with_word_length(people: Normalizer) -> None:
    assert people.match("Kim Jong Um") is None  # no edit in a 2-letter word
    assert people.match("Kim Jon Un").id == "kim-jong-un"  # one in a 4-letter word
    assert people.match("Kim Jo Un") is None  # but not two
    assert people.match("Vladimir Pitun") is None  # two in a 5-letter word is too many
    assert people.match("Vladimr Puttin").id == "vladimir-putin"
    assert people.match("Vladimr Pittin") is None  # three edits in a 13-letter name


def test_first_letter_and_short_words_are_guarded(people: Normalizer) -> None:
    assert people.match("Kim Yong Un") is None  # another first letter: another name
    assert people.match("Kim Jang Un") is None  # a full substitution in a 4-letter word
    assert people.match("Lvadimir Putin").id == "vladimir-putin"  # a swap at the start is a typo
    assert people.match("Seuol").id == "seoul" and people.match("Seuil") is None
    assert people.match("Ilsan") is None  # a short one-word query keeps its first letter


def test_scores_fall_with_each_edit(people: Normalizer) -> None:
    queries = ["Vladimir Putin", "Vladimir Рutin", "Vladimir Puttin", "Vkadimir Pitin", "Vkadimur Pitin"]
    scores = [people.match(query).score for query in queries]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == len(scores)
    assert scores[0] == 1.0 and all(0 < score < 1 for score in scores[1:])


def test_abstains_when_two_entities_are_as_near() -> None:
    matcher = matcher_of(person("sorokin", "Alexei Sorokin"), person("sorokim", "Alexei Sorokim"))
    assert matcher.match("Alexei Sorokij") is None  # j touches both n and m
    assert {m.id for m in matcher.candidates("Alexei Sorokij")} == {"sorokin", "sorokim"}
    assert matcher.match("Alexei Sorokinn").id == "sorokin"


def test_abstains_on_a_fuzzy_hit_of_an_ambiguous_key(mini: Normalizer) -> None:
    assert mini.match("Gwangjy") is None
    assert {m.id for m in mini.candidates("Gwangjy")} == {"gwangju", "gwangju-gyeonggi"}


def test_not_confusables_make_it_abstain() -> None:
    sorokina = person("sorokina", "Ivan Sorokina")
    plain = matcher_of(person("sorokin", "Ivan Sorokin"), sorokina)
    assert plain.match("Ivan Sorokinn").id == "sorokin"
    marked = matcher_of(person("sorokin", "Ivan Sorokin", not_=("sorokina",)), sorokina)
    assert marked.match("Ivan Sorokinn") is None
    assert marked.match("Ivan Sorokina").id == "sorokina"  # an exact key is still an exact key
    assert marked.match("Ivan Sorokn") is None


def test_not_confusable_far_from_the_query_does_not_block(people: Normalizer) -> None:
    assert people.entity("kim-jong-un").not_ == ("kim-jong-il",)
    assert people.match("Kin Jong Un").id == "kim-jong-un"
    assert people.match("Kim Jomg Il").id == "kim-jong-il"


def test_candidates_are_best_first_and_limited(people: Normalizer) -> None:
    matcher = matcher_of(*(person(f"p{i}", name) for i, name in enumerate(["Ivan Sorokin", "Ivan Sorokim", "Ivan Sorokina", "Ivan Sorokinov"])))
    found = matcher.candidates("Ivan Sorokij", limit=5)
    assert [m.id for m in found] == ["p0", "p1"]  # j touches n and m; Sorokina takes two edits (after "Ivan" alone), Sorokinov is over budget
    found = matcher.candidates("Ivan Sorokinn", limit=5)  # not Sorokina nor Sorokim: two edits after "Ivan" alone
    assert [m.id for m in found] == ["p0"]
    found = matcher.candidates("Ivam Sorokinn", limit=5)  # a slip in each word: the given name backs the surname no more
    assert [m.id for m in found] == ["p0", "p2", "p1"] and [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert [m.id for m in matcher.candidates("Ivan Sorokinn", limit=1)] == ["p0"]
    assert people.candidates("Nobody Atall") == []


names = st.sampled_from(["Vladimir Putin", "Kim Jong Un", "Pyongyang", "Dmitry Peskov", "Khasan", "Saint Petersburg"])


@st.composite
def mistyped(draw: st.DrawFn) -> str:
    """A loaded name with a few random letters changed, dropped, added or swapped."""
    text = list(draw(names))
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(text) - 1))
        action = draw(st.sampled_from(["sub", "del", "ins", "swap"]))
        letter = draw(st.sampled_from("abcdefghijklmnopqrstuvwxyzаеоп "))
        if action == "sub":
            text[i] = letter
        elif action == "del" and len(text) > 1:
            del text[i]
        elif action == "ins":
            text.insert(i, letter)
        elif i + 1 < len(text):
            text[i], text[i + 1] = text[i + 1], text[i]
    return "".join(text)


@settings(max_examples=300, deadline=None)
@given(mistyped())
def test_scores_are_in_range_and_match_agrees_with_candidates(people_query: str) -> None:
    normalizer = _PEOPLE
    found = normalizer.candidates(people_query, limit=10)
    assert all(0.0 < m.score <= 1.0 for m in found)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    match = normalizer.match(people_query)
    assert match is None or match == found[0]


_PEOPLE = Normalizer.from_paths(FIXTURES / "matcher.yaml", use_cache=False)


_NAMESAKES = matcher_of(*(person(f"p{i}", f"{given} {family}") for i, (given, family) in enumerate(
    (g, f) for g in ("vladimir", "vladimira", "dmitry", "ivan", "ivana") for f in ("petrov", "petrova", "ivanov", "putin", "pitin", "sidorov"))))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["vladimir", "vladimr", "dmitri", "ivan", "ivanv", "petrov", "zetrov", "putin", "pytin", "sidorova", "kim"]), max_size=3),
       st.sampled_from([0, 1, 32, 10_000]), st.sampled_from([0, 2, 10**9]), st.booleans(), st.booleans(), st.booleans())  # fmt: skip
def test_near_keys_intersecting_postings_agree_with_the_scan(words: list[str], ratio: int, common: int, wide: bool, guarded: bool, compiled: bool) -> None:
    import namenorm.matcher as matcher_module
    from namenorm import tokenindex

    saved = matcher_module._SET_COST_RATIO, matcher_module.COMMON_POSTINGS, tokenindex._speedups
    matcher_module._SET_COST_RATIO, matcher_module.COMMON_POSTINGS = ratio, common  # every mix of set and key checks
    if not compiled:
        tokenindex._speedups = None  # the Python path (_keys_by_sets), as where the extension is not compiled
    kind = "guarded" if guarded else "near"
    try:
        for _ in range(2):  # a common word's keys are remembered the second time
            found = _NAMESAKES._find_near_keys(tuple(words), kind)[1]
            assert found == matcher_module.near_keys_by_scan(_NAMESAKES, words, guarded=guarded)
        assert _NAMESAKES._near_keys(words, wide=wide) == _NAMESAKES._find_near_keys(tuple(words), "wide" if wide else "near")  # remembered
        assert _NAMESAKES._near_keys(words, guarded=True) == _NAMESAKES._find_near_keys(tuple(words), "guarded")
    finally:
        matcher_module._SET_COST_RATIO, matcher_module.COMMON_POSTINGS, tokenindex._speedups = saved


def test_the_compiled_near_keys_agree_with_the_python_ones_on_the_bundled_index(bundled: Normalizer) -> None:
    matcher, rng = bundled.matcher, random.Random(5)
    long_keys = [key for key in matcher.index.key_list if key.count(" ") >= 3]  # in the postings of GROUPS words or more
    queries = [key.split() for key in rng.sample(matcher.index.key_list, 1200) + rng.sample(long_keys, 300)]
    for words in queries[::2]:  # a slip in one word; the others as spelt (given names: thousands of keys)
        i = rng.randrange(len(words))
        cut = rng.randrange(len(words[i]))
        words[i] = words[i][:cut] + words[i][cut + 1 :]
    for words in queries:
        for kind in ("near", "wide", "guarded"):
            near = [matcher._word_near(word, kind) for word in words]
            found = matcher.index.tokens.keys_with_all(near, len(words))
            assert found == (matcher._keys_by_sets(tuple(words), kind, near) if all(near) else []), (words, kind)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="abkrnmvwyаоеі01", max_size=12), st.text(alphabet="abkrnmvwyаоеі01", max_size=12))
def test_the_second_chance_rivals_are_aligned_in_full(word: str, token: str) -> None:
    from namenorm.edits import align
    from namenorm.matcher import _plain_alignment

    assert _plain_alignment(word, token) == align(word, token)
