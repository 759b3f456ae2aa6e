"""Pairwise comparison of two names without a gazetteer."""

import pytest

from namenorm import Comparison, compare


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Владимир Путин", "Vladimir Putin"),
        ("Vladimir Putin", "Владимир Путин"),
        ("Vkadimir Pitin", "Vladimir Putin"),
        ("Boris Yelstin", "Boris Yeltsin"),
        ("VLADIMIR  putin", "Vladimir Putin"),
        ("Pyongynag", "Pyongyang"),
    ],
)
def test_same_names(a: str, b: str) -> None:
    result = compare(a, b)
    assert isinstance(result, Comparison) and result.same and 0.85 <= result.score <= 1.0, result


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim Jong Un", "Kim Jong Il"),
        ("Kim Jong Un", "Kim Jong Nam"),
        ("Vladimir Putin", "Vladimir Potanin"),
        ("Kazan", "Khasan"),
        ("Tyumen", "Tumen"),
        ("Pskov", "Peskov"),
        ("Pyeongchang", "Pyongyang"),
        ("Казань", "Хасан"),
    ],
)
def test_different_names(a: str, b: str) -> None:
    result = compare(a, b, kind="place" if " " not in a else "person")
    assert not result.same and result.score < 0.5, result
    assert "≠" in result.reason


def test_scores_rank_the_pairs() -> None:
    exact, typo, other = compare("Vladimir Putin", "vladimir putin"), compare("Vkadimir Pitin", "Vladimir Putin"), compare("Kazan", "Khasan")
    assert exact.score == 1.0 > typo.score > 0.5 > other.score >= 0.0


def test_reason_says_which_keys_met() -> None:
    result = compare("Владимир Путин", "Vladimir Putin")
    assert "of Владимир Путин" in result.reason and "vladimir putin" in result.reason
    assert "keyboard neighbours" in compare("Vkadimir Pitin", "Vladimir Putin").reason


def test_empty_names_are_not_the_same() -> None:
    assert not compare("", "Putin").same and not compare("-", "").same
