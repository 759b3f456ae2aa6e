"""A one-word place named like a given name (the towns of Vladimir, Anna, Artyom) in running text: a person unless a
word before it says it is the place (namenorm.text, data/text-place-cues.yaml)."""

from pathlib import Path

import pytest
import yaml

from namenorm import Normalizer
from namenorm.text import Context, Scanner
from namenorm.text_tokens import place_cue

DATA = Path(__file__).parents[1] / "src" / "namenorm" / "data"


def linked(normalizer: Normalizer, text: str) -> list[tuple[str, str]]:
    """Return (surface, id) of every mention."""
    return [(m.text, m.id) for m in normalizer.find(text)]


def test_place_cue_samples() -> None:
    for before, ending, expected in yaml.safe_load((DATA / "text-place-cues.yaml").read_text())["samples"]:
        assert place_cue(before + "Anna", len(before), ending) is expected, before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vladimir said that Anna was in Moscow.", [("Moscow", "moscow")]),
        ("Владимир сказал, что Анна приехала.", []),
        ("Anna Netrebko sang.", [("Anna Netrebko", "anna-netrebko")]),
        ("Artyom said. Artyom Dzyuba scored.", []),  # no gazetteer person is an Artyom: the table says it is a name
        ("Ruslan said.", []),  # "Ruslan" is a key of Russia (a name of it in some languages)
        ("In Anna's view, Vladimir's plan works.", []),  # a possessive after "in" is a person's
        ("Он влюбился в Анну.", []),  # в + accusative: a person
        ("Vladimr said.", []),  # a typo'd given-name town needs the same cue
        ("Tsar Vladimir.", []),  # Vladimir the Great, not the city
        ("Vladimir Putin said", [("Vladimir Putin", "vladimir-putin")]),
        ("Anno 1812", []),  # a declined key of the town of Anna
    ],
)
def test_a_given_name_alone_is_no_town(bundled: Normalizer, text: str, expected: list[tuple[str, str]]) -> None:
    assert linked(bundled, text) == expected
    assert bundled.rewrite(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna Netrebko sang in Vladimir.", [("Anna Netrebko", "anna-netrebko"), ("Vladimir", "vladimir")]),
        ("In Anna, the town of Anna", [("Anna", "anna"), ("Anna", "anna")]),
        ("во Владимире, из Владимира, под Владимиром", [("Владимире", "vladimir"), ("Владимира", "vladimir"), ("Владимиром", "vladimir")]),
        ("Он поехал во Владимир, в Анну не поехал; город Владимир, г. Владимир",
         [("Владимир", "vladimir"), ("Владимир", "vladimir"), ("Владимир", "vladimir")]),  # в Анну: a person
        ("Vladimir Oblast", [("Vladimir Oblast", "vladimir-oblast")]),
        ("ve Vladimiru, in Artyom", [("Vladimiru", "vladimir"), ("Artyom", "artyom")]),
    ],
)
def test_a_place_cue_keeps_the_town(bundled: Normalizer, text: str, expected: list[tuple[str, str]]) -> None:
    assert linked(bundled, text) == expected


def test_a_typo_d_given_name_town_after_a_cue_is_the_town(bundled: Normalizer) -> None:
    assert [(m.text, m.id, m.replacement) for m in bundled.find("in Vladimr")] == [("Vladimr", "vladimir", "Vladimir")]


def test_the_fast_path_reads_the_words_before_as_the_reference_path(bundled: Normalizer) -> None:
    text = "Vladimir said. In Vladimir it rained; Vladimir left for Anna. Anna said: in Anna. Vladimir! во Владимире, Владимир"
    fast, reference = Scanner(bundled), Scanner(bundled, fast=False)
    for _ in range(2):  # the second scan replays the memos
        assert fast.scan(text, Context()) == reference.scan(text, Context())
    assert [m.text for m in fast.scan(text, Context())] == ["Vladimir", "Anna", "Владимире"]
