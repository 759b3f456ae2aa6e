"""The initial-sound law (두음 법칙): DPRK Hangul as South Korean text writes it.

The ROK writes word-initial Sino-Korean syllables with ㄹ, or ㄴ before i/y,
with ㅇ or ㄴ (한글 맞춤법 제10-12항, table ``data/ko-initial-sound.yaml``);
the DPRK keeps them. Words change at their start, each word of a text:

>>> south_korean("녕변"), south_korean("로동신문"), south_korean("평양")
('영변', '노동신문', '평양')

In a personal name the family name and the given name each count as a word:

>>> south_korean_name("리", "설주"), south_korean_name("최", "룡해")
(('이', '설주'), ('최', '용해'))
"""

from __future__ import annotations

from dataclasses import replace

from .korean_spelling import compose, decompose, is_hangul, load_table

__all__ = ["south_korean", "south_korean_name"]


def _initial(syllable: str) -> str:
    """Return a word-initial syllable as the law writes it."""
    if not is_hangul(syllable):
        return syllable
    letters = decompose(syllable)
    for rule in load_table("ko-initial-sound.yaml")["rules"]:
        if letters.initial == rule["initial"] and letters.medial in rule["medials"]:
            return compose(replace(letters, initial=rule["becomes"]))
    return syllable


def _inside(word: str) -> str:
    """Apply the proviso of article 11 inside a word: 렬, 률 after a vowel or ㄴ are 열, 율."""
    table = load_table("ko-initial-sound.yaml")["inside"]
    out = word[:1]
    for before, syllable in zip(word, word[1:]):
        after = is_hangul(before) and decompose(before).final in table["after_finals"]
        out += table["syllables"].get(syllable, syllable) if after else syllable
    return out


def south_korean(text: str) -> str:
    """Return a Hangul text with the initial-sound law applied to each word."""
    return " ".join(_initial(word[:1]) + _inside(word)[1:] for word in text.split(" "))


def south_korean_name(surname: str, given: str) -> tuple[str, str]:
    """Return a family name and given name with the initial-sound law applied, each as a word."""
    return south_korean(surname), south_korean(given)
