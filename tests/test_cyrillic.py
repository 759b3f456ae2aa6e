"""Tests of the folding of other Cyrillic alphabets to Russian letters."""

from importlib.resources import files

import pytest
import yaml

from namenorm.variants.cyrillic import has_other_cyrillic, to_russian_letters

TABLE = yaml.safe_load(files("namenorm").joinpath("data/cyrillic-letters.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "expected", "lang"), TABLE["samples"])
def test_table_samples(text: str, expected: str, lang: str) -> None:
    assert to_russian_letters(text) == expected, lang


@pytest.mark.parametrize("text", ["Москва", "Иркутск", "Набережные Челны", "Ким Чен Ын", "Чеджу"])
def test_russian_text_is_only_lower_cased(text: str) -> None:
    assert to_russian_letters(text) == text.lower()
    assert not has_other_cyrillic(text)


def test_ukrainian_i_is_russian_y_only_in_ukrainian_text() -> None:
    assert to_russian_letters("Київ") == "кыйив"
    assert to_russian_letters("Иркутськ") == "иркутськ"  # no Ukrainian marker letter: и stays и


def test_belarusian_rules_do_not_touch_ukrainian_ts() -> None:
    assert to_russian_letters("Донецьк") == "донецьк"
    assert to_russian_letters("Цюмень") == "тюмень"


@pytest.mark.parametrize("text", ["Челябінськ", "Казањ", "Хабараўск", "Түбән Кама", "Ҡазан"])
def test_other_cyrillic_is_detected(text: str) -> None:
    assert has_other_cyrillic(text)
    assert not has_other_cyrillic(to_russian_letters(text))


def test_every_letter_maps_to_russian_letters() -> None:
    russian = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
    for letter, value in TABLE["letters"].items():
        assert set(value) <= russian, letter
