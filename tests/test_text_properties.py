"""Properties of find and rewrite that hold for any text (hypothesis)."""

import gc
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import namenorm.text as text_module
from namenorm import Normalizer, _speedups
from namenorm.text import Context, Mention, Scanner, _mask_chunks_reference, _runs_reference, _tuple_reference

TEXTS = Path(__file__).parent / "fixtures" / "texts"
WORDS = ["Vladimir", "Putin", "Putin's", "Kim", "Jong", "un", "Un", "Moskau", "VLADIVOSTOK", "Путина", "Ким", "Чен",
         "Ына", "김정은은", "평양에서", "Choe", "Son", "Hui", "Putinem", "Mr.", "President", "Soldatkin", "Pskov",
         "https://x.org/Putin", "Putin.txt", "docs/Putin.md", "Jong@mail.ru", "a", "the", "said", "-", ",", ".", "\n", "\r\n", " ", "  "]  # fmt: skip
news = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)
any_text = st.one_of(news, st.text(max_size=80), st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=5))).map("".join))


@pytest.fixture(scope="module")
def name_words(bundled: Normalizer) -> list[str]:
    """The words of the bundled gazetteers' names (Latin, Cyrillic, Hangul), to build texts from."""
    entities = bundled.index.entities
    names = [e.name for e in entities] + [n for e in entities for ns in e.native.values() for n in ns]
    return sorted({word for name in names for word in name.split()})


# Characters that sit inside or between names in real and broken text: apostrophes (a modifier letter
# among them), hyphens, combining marks, a zero-width space, line breaks, quotes, a ligature.
ODD = ["ʼ", "’", "'s", "'", "-", "‐", "\u0301", "\u0308", "\u200b", "\u00a0", "\r\n", "\n", ".", ",", "«", "»", "ﬁ", "Å", "I", "V."]


@pytest.fixture(scope="module")
def normalizer(mini_path: Path) -> Normalizer:
    """The mini gazetteer plus the text fixtures' entities."""
    return Normalizer.from_paths(mini_path, TEXTS / "extra.yaml", use_cache=False)


@settings(max_examples=150, deadline=None)
@given(text=any_text)
@example(text="Putin Putin Vladimir")  # a reordered name moved next to its surname changed at every rewrite
def test_rewrite_is_idempotent(normalizer: Normalizer, text: str) -> None:
    once = normalizer.rewrite(text).text
    assert normalizer.rewrite(once).text == once


@settings(max_examples=150, deadline=None)
@given(text=any_text)
def test_only_mention_spans_change(normalizer: Normalizer, text: str) -> None:
    rewrite = normalizer.rewrite(text)
    rebuilt, last = [], 0
    for mention in rewrite.mentions:
        assert last <= mention.start < mention.end
        rebuilt += [text[last : mention.start], mention.replacement]
        last = mention.end
    assert "".join(rebuilt) + text[last:] == rewrite.text


@settings(max_examples=150, deadline=None)
@given(text=any_text)
def test_offsets_slice_to_mention_text(normalizer: Normalizer, text: str) -> None:
    for mention in normalizer.find(text):
        assert text[mention.start : mention.end] == mention.text


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(any_text, min_size=1, max_size=3))
def test_memo_of_decisions_gives_what_the_reference_path_gives(normalizer: Normalizer, texts: list[str]) -> None:
    fast, reference = Scanner(normalizer), Scanner(normalizer, fast=False)
    for text in texts + texts:  # the second time round from the memo
        assert fast.scan(text, Context()) == reference.scan(text, Context())


@settings(max_examples=200, deadline=None)
@given(text=st.text())
@example(text="X-ʼ Å")  # a modifier letter apostrophe alone is a word that folds to nothing
@example(text="Vladimir ʼ Pitin")
def test_no_crash_on_any_unicode(normalizer: Normalizer, text: str) -> None:
    rewrite = normalizer.rewrite(text)
    assert isinstance(rewrite.text, str)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_bundled_names_mixed_with_odd_characters_rewrite_once_and_only_inside_mentions(
    bundled: Normalizer, name_words: list[str], data: st.DataObject
) -> None:
    normalizer, words = bundled, name_words
    piece = st.one_of(st.sampled_from(words), st.sampled_from(ODD), st.tuples(st.sampled_from(words), st.sampled_from(ODD)).map("".join))
    text = data.draw(st.lists(st.tuples(piece, st.sampled_from([" ", "", "-", ", ", ". ", "\n"])).map("".join), max_size=10).map("".join))
    once = normalizer.rewrite(text)
    assert normalizer.rewrite(once.text).text == once.text, (text, once.text)
    pieces, position = [], 0
    for mention in once.mentions:
        pieces += [text[position : mention.start], mention.replacement]
        position = mention.end
    assert "".join(pieces) + text[position:] == once.text


def test_every_word_of_a_bundled_name_alone_or_with_a_suffix_rewrites_once(bundled: Normalizer, name_words: list[str]) -> None:
    normalizer, words = bundled, name_words  # a sweep, not a sample: a single name ("Golodets", "Yamalo-Nenets") can go wrong
    unstable = []
    for word in words:
        for text in (word, f"{word}'s", f"{word}ʼ", f"{word}o"):
            once = normalizer.rewrite(text).text
            if normalizer.rewrite(once).text != once:
                unstable.append((text, once))
    assert not unstable


def test_every_canonical_name_of_the_bundled_gazetteers_is_left_as_it_is(bundled: Normalizer) -> None:
    # canonical text never changes: "North Ossetia–Alania" (an en dash) once became "North Ossetia–Alania–Alania"
    names = {name for e in bundled.index.entities for name in (e.name, *(names[0] for names in e.native.values()))}
    changed = [(name, bundled.rewrite(name).text) for name in sorted(names)]
    assert [(name, new) for name, new in changed if new != name] == []


# URL, e-mail and path triggers among the characters that end or start the stretches around them
MASK_PIECES = ["@", "/", "\\", ".", ".a", ".Z", "x", " ", "\n", "\t", "\r", "\x0b", "\u00a0", "\u2003", "\u3000", "https://",
               "www.x.ru", "a@b.cz", "ü", "Ж", "𝐀"]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(MASK_PIECES), max_size=40).map("".join), st.integers(min_value=0, max_value=600))
def test_the_compiled_mask_stretches_are_the_reference(text: str, back: int) -> None:
    assert _speedups.mask_chunks(text, back) == _mask_chunks_reference(text, back)



# What opens, joins and ends runs of capitalised words: capitals of several scripts (a title-case digraph, a capital
# that is no letter: Ⓐ), apostrophes after letters, separators of every kind, combining marks, digits and underscores
RUN_PIECES = ["A", "a", "Ж", "ж", "김", "ǅ", "Ⓐ", "Σ", "𝐀", "1", "_", "\u0301", "'", "’", "ʼ", "-", "‐", "‑", "–", "—", ".",
              " ", "  ", "\t", "\u00a0", "\n", "\r\n", "\r", ",", "Kim", "Jong-un", "O'Brien", "V. V."]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(RUN_PIECES), max_size=40).map("".join))
def test_the_compiled_runs_are_the_reference(text: str) -> None:
    assert list(_speedups.runs(text)) == list(_runs_reference(text))


def test_the_compiled_runs_open_at_the_same_characters_as_the_reference() -> None:
    # every character below U+3000 and the Hangul syllables' edges, alone, after a letter, after a letter and an
    # apostrophe, and as the second word of a run (the capital classes and word classes of the regex engine)
    chars = [chr(c) for c in (*range(0x3000), 0xAC00, 0xD7A3, 0xD7A4, 0x1D400, 0x10400)]
    for text in ("".join(chars), " ".join(chars), "".join(f"a'{c}x" for c in chars), "".join(f"A {c}x " for c in chars)):
        assert list(_speedups.runs(text)) == list(_runs_reference(text))


def test_the_compiled_runs_are_the_reference_on_the_gold_texts() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(Path(__file__).parents[1].glob("benchmarks/gold/texts/*.yaml"))]
    assert texts
    for text in texts:
        assert list(_speedups.runs(text)) == list(_runs_reference(text))


def test_the_compiled_mentions_are_the_reference_and_untracked_when_they_can_be_in_no_cycle() -> None:
    tail = ("Putin", "vladimir-putin", "Vladimir Putin", 1.0, "exact key", "Putin")
    made = _speedups.untracked_tuple(Mention, 3, 8, tail)
    assert made == _tuple_reference(Mention, 3, 8, tail) and type(made) is Mention and made.replacement == "Putin"
    assert not gc.is_tracked(made) and gc.is_tracked(_tuple_reference(Mention, 3, 8, tail))
    holding = _speedups.untracked_tuple(Mention, 3, 8, (*tail[:-1], ["a list"]))  # an item that could hold a cycle
    assert gc.is_tracked(holding) and holding[-1] == ["a list"]
    with pytest.raises(TypeError):
        _speedups.untracked_tuple(list, 3, 8, tail)


def test_find_gives_the_same_mentions_without_the_compiled_paths(bundled: Normalizer) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(Path(__file__).parents[1].glob("benchmarks/gold/texts/*.yaml"))]
    text = "\n\n".join(texts * 2)  # twice: the second time, runs are replayed from the scanner's memory
    compiled = bundled.find(text)
    saved, text_module._speedups = text_module._speedups, None  # as where the extension is not compiled
    try:
        fresh = Normalizer(bundled.index)
        assert fresh.find(text) == compiled and len(compiled) > 300
    finally:
        text_module._speedups = saved
