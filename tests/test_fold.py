"""Folding: the word-by-word fast path agrees with folding the whole text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from namenorm.fold import fold, fold_whole

# Letters of the word-by-word path, its edges (ASCII punctuation, Latin Extended-B, Hangul) and a few outside it.
_LETTERS = "aZ9 -.'’_ÀÿĳŉǄǅȳɏЁёйЙӿ김ㄱ̈¨ﬁ\u00a0\t"


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=_LETTERS, max_size=12))
def test_fold_word_by_word_agrees_with_the_whole_text(text: str) -> None:
    assert fold(text) == fold_whole(text)
