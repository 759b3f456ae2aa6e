"""Properties of find and rewrite that hold for any text (hypothesis)."""

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from namenorm import Normalizer
from namenorm.text import Context, Scanner

TEXTS = Path(__file__).parent / "fixtures" / "texts"
WORDS = ["Vladimir", "Putin", "Putin's", "Kim", "Jong", "un", "Un", "Moskau", "VLADIVOSTOK", "Путина", "Ким", "Чен",
         "Ына", "김정은은", "평양에서", "Choe", "Son", "Hui", "Putinem", "Mr.", "President", "Soldatkin", "Pskov",
         "https://x.org/Putin", "Putin.txt", "docs/Putin.md", "Jong@mail.ru", "a", "the", "said", "-", ",", ".", "\n", "\r\n", " ", "  "]  # fmt: skip
news = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)
any_text = st.one_of(news, st.text(max_size=80), st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=5))).map("".join))


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
