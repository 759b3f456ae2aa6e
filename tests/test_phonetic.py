"""Tests of the cross-script phonetic key."""

from importlib.resources import files

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from namenorm.variants.phonetic import hangul_sounds, kana_sounds, phonetic_key


def _table(name: str) -> dict:
    return yaml.safe_load(files("namenorm").joinpath(f"data/{name}").read_text(encoding="utf-8"))


RULES = _table("phonetic-rules.yaml")
HANGUL = _table("phonetic-hangul.yaml")
KANA = _table("phonetic-kana.yaml")


@pytest.mark.parametrize("group", RULES["samples"]["equal"], ids=lambda g: g[0])
def test_equal_samples(group: list[str]) -> None:
    keys = {name: phonetic_key(name) for name in group}
    assert len(set(keys.values())) == 1, keys


@pytest.mark.parametrize(("a", "b"), RULES["samples"]["different"])
def test_different_samples(a: str, b: str) -> None:
    assert phonetic_key(a) != phonetic_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kazan", "Khasan"),
        ("Tyumen", "Tumen"),
        ("Pskov", "Peskov"),
        ("Pyongyang", "Pyeongchang"),
        ("Kim Jong Un", "Kim Jong Il"),
        ("김정은", "김정일"),
        ("Хасан", "Казань"),
        ("Тюмень", "Туманная"),
        ("Omsk", "Tomsk"),
        ("Kursk", "Kirsk"),
    ],
)
def test_must_stay_different(a: str, b: str) -> None:
    assert phonetic_key(a) != phonetic_key(b)


@pytest.mark.parametrize(("hangul", "expected"), HANGUL["samples"])
def test_hangul_samples(hangul: str, expected: str) -> None:
    assert hangul_sounds(hangul) == expected


@pytest.mark.parametrize(("kana", "expected"), KANA["samples"])
def test_kana_samples(kana: str, expected: str) -> None:
    assert kana_sounds(kana) == expected


@pytest.mark.parametrize("entry", RULES["endings"], ids=lambda e: e["lang"])
def test_ending_samples(entry: dict) -> None:
    for word, stem in entry["samples"]:
        assert phonetic_key(word) == phonetic_key(stem), (word, stem)


def test_real_korean_vowel_is_kept() -> None:
    assert hangul_sounds("서울") == "soul"  # no ㅡ: nothing dropped
    assert hangul_sounds("금강") == "gumgang"  # ㅡ with a final consonant is a real vowel


def test_spacing_case_and_punctuation_do_not_matter() -> None:
    assert phonetic_key("Ulan-Ude") == phonetic_key("ulan ude") == phonetic_key("ULAN UDE") == phonetic_key("Улан-Удэ")
    assert phonetic_key("ウラン・ウデ") == phonetic_key("Ulan-Ude")


def test_key_alphabet() -> None:
    assert phonetic_key("Челябинск") == "CELAENSK"
    assert phonetic_key("") == ""
    assert phonetic_key("  - ") == ""


@given(st.text(max_size=40))
def test_never_crashes_and_is_a_plain_key(text: str) -> None:
    key = phonetic_key(text)
    assert isinstance(key, str)
    assert key == key.strip() and " " not in key
    assert all(c.isascii() and c.isupper() for c in key)


@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюя ", max_size=20))
def test_russian_and_its_upper_case_agree(text: str) -> None:
    assert phonetic_key(text) == phonetic_key(text.upper())
