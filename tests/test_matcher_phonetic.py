"""The phonetic key as the matcher's last resort, other Cyrillic alphabets, and compare() of Kontsevich names."""

from pathlib import Path

import pytest
import yaml

from namenorm import Normalizer, compare
from namenorm.gazetteer import Entity, Gazetteer
from namenorm.index import build_index
from namenorm.matcher import PHONETIC_SCORE, Matcher
from namenorm.variants.phonetic import phonetic_key

LONG_TAIL = Path(__file__).parents[1] / "benchmarks" / "gold" / "long-tail.yaml"
ROWS = {(row["query"], row["id"]): row for row in yaml.safe_load(LONG_TAIL.read_text(encoding="utf-8"))["rows"]}
# Rows whose phonetic key is their entity's, from every script the key reads: Hangul and katakana
# loanwords, Belarusian and Ukrainian Cyrillic, a Kontsevich spelling.
PHONETIC_ROWS = [
    ("オムスク", "omsk"),
    ("ハバロフスク", "khabarovsk"),
    ("ウラジオストク", "vladivostok"),
    ("ヴォルゴグラード", "volgograd"),
    ("カリーニングラード", "kaliningrad"),
    ("プスコフ", "pskov"),
    ("ウラン・ウデ", "ulan-ude"),
    ("ウラジーミル・プーチン", "vladimir-putin"),
    ("セルゲイ・ラブロフ", "sergei-lavrov"),
    ("スモレンスク", "smolensk"),
    ("ビロビジャン", "birobidzhan"),
    ("マガダン", "magadan"),
    ("チタ", "chita"),
    ("クラスノダール", "krasnodar"),
    ("サラトフ", "saratov"),
]


def matcher_of(*entities: Entity) -> Matcher:
    """Build a Matcher over a few ad-hoc entities."""
    return Matcher(build_index(Gazetteer(entities, (), "test")))


@pytest.mark.parametrize(("query", "expected"), PHONETIC_ROWS)
def test_long_tail_spelling_matches_through_the_phonetic_key(bundled: Normalizer, query: str, expected: str) -> None:
    assert (query, expected) in ROWS
    match = bundled.match(query)
    assert match is not None and match.id == expected, bundled.candidates(query)
    assert match.score == PHONETIC_SCORE
    assert f"phonetic key {phonetic_key(query)} from '" in match.reason


def test_phonetic_scores_below_exact_and_reason_names_the_source() -> None:
    matcher = matcher_of(Entity("chelyabinsk", "place", "RU", "Chelyabinsk"))
    match = matcher.match("Tscheljabinsk")
    assert match is not None and match.score == PHONETIC_SCORE < matcher.match("Chelyabinsk").score
    assert match.reason == f"tscheljabinsk → phonetic key {phonetic_key('Chelyabinsk')} from 'Chelyabinsk'"


def test_a_key_owned_by_two_entities_never_matches(bundled: Normalizer) -> None:
    for a, b in (("lensk", "rybinsk"), ("kim-jong-il", "kim-yong-il")):
        key = phonetic_key(bundled.entity(a).name)
        assert key == phonetic_key(bundled.entity(b).name)
        assert {bundled.index.positions[a], bundled.index.positions[b]} <= set(bundled.index.phonetic[key])
    assert bundled.match("レンスク") is None  # Lensk in katakana: its key is Rybinsk's too
    assert {m.id for m in bundled.candidates("レンスク")} == {"lensk", "rybinsk"}


def test_near_key_with_another_first_letter_blocks_the_phonetic_key() -> None:
    matcher = matcher_of(Entity("kim-jong-il", "person", "KP", "Kim Jong Il"), Entity("kim-jong-nam", "person", "KP", "Kim Jong Nam"))
    assert phonetic_key("Kim Yong Il") == phonetic_key("Kim Jong Il")
    assert matcher.match("Kim Yong Il") is None and matcher.match("Kim Yong Nam") is None
    assert matcher.match("Kim Jong Il").id == "kim-jong-il"


def test_near_key_of_another_entity_blocks_the_phonetic_key() -> None:
    lone = matcher_of(Entity("chelyabinsk", "place", "RU", "Chelyabinsk"))
    crowded = matcher_of(Entity("chelyabinsk", "place", "RU", "Chelyabinsk"), Entity("other", "place", "RU", "Tscheljobinsc"))
    assert lone.match("Tscheljabinsk").id == "chelyabinsk"
    assert phonetic_key("Tscheljobinsc") != phonetic_key("Chelyabinsk")
    assert crowded.match("Tscheljabinsk") is None  # two edits from another entity: the edit model saw it and said no


def test_short_keys_do_not_match() -> None:
    matcher = matcher_of(Entity("ob", "place", "RU", "Ob"), Entity("ufa", "place", "RU", "Ufa"))
    assert len(phonetic_key("Uffa")) < 4 and matcher.match("Oub") is None and matcher.match("ウファ") is None


@pytest.mark.parametrize(
    ("query", "wrong"),
    [("Kazan", "khasan"), ("カザン", "khasan"), ("ハサン", "kazan"), ("Tyumen", "tumen-river"), ("Pskov", "dmitry-peskov"),
     ("プスコフ", "dmitry-peskov"), ("ペスコフ", "pskov"), ("Pyeongchang", "pyongyang"), ("평창", "pyongyang"), ("Kim Yong Il", "kim-jong-il"),
     ("Lensk", "rybinsk"), ("Shchekino", "shebekino")],
)
def test_must_not_match_the_other_one(bundled: Normalizer, query: str, wrong: str) -> None:
    match = bundled.match(query)
    assert match is None or match.id != wrong


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Казањ", "kazan"), ("Челябінськ", "chelyabinsk"), ("Новосибірськ", "novosibirsk"), ("Хабараўск", "khabarovsk"), ("Сергій Лавров", "sergei-lavrov")],
)
def test_other_cyrillic_alphabets(bundled: Normalizer, query: str, expected: str) -> None:
    match = bundled.match(query)
    assert match is not None and match.id == expected, bundled.candidates(query)


def test_other_cyrillic_exact_key_says_how() -> None:
    matcher = matcher_of(Entity("kazan", "place", "RU", "Kazan", {"ru": ("Казань",)}))
    match = matcher.match("Казањ")
    assert match.score == 1.0 and match.reason.startswith("казањ in Russian letters: exact key 'казань'")
    assert matcher.match("Казан") is None or matcher.match("Казан").score < 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [("Ким Чен Ын", "Kim Jong Un"), ("Kim Jong Un", "Ким Чен Ын"), ("Ким Ир Сен", "Kim Il Sung"), ("Пак Кын Хе", "Park Geun-hye"),
     ("Ли Мён Бак", "Lee Myung-bak"), ("Ким Ё Чжон", "Kim Yo Jong")],
)
def test_compare_reads_kontsevich_as_korean(a: str, b: str) -> None:
    result = compare(a, b)
    assert result.same and result.score == 1.0, result


@pytest.mark.parametrize(("a", "b"), [("Ким Чен Ын", "Kim Jong Il"), ("Ким", "Kim Jong Il"), ("Ким Чен Ын", "Kim Jong Nam"), ("Kim Yong Un", "Kim Jong Un")])
def test_compare_kontsevich_keeps_the_token_rules(a: str, b: str) -> None:
    assert not compare(a, b).same


def test_compare_kontsevich_place() -> None:
    assert compare("Пхеньян", "Pyongyang", kind="place").same and not compare("Пхеньян", "Pyeongchang", kind="place").same


def test_a_latin_phonetic_hit_is_near_the_name_it_sounds_like(bundled: Normalizer) -> None:
    assert bundled.match("Bruce") is None  # its sound skeleton is that of "Uruthi", a name of Russia
    assert bundled.match("Seúl").id == "seoul"  # one letter from "Seoul"
    for city in ("Beverly", "Everett", "Harare", "Carlton", "Marco", "Kemer"):  # Belebey, Yelets, Kharabali, Kaltan, Marks, Kim Il
        assert bundled.match(city) is None, city
    assert bundled.match("Омськ").id == "omsk"  # Ukrainian: one letter from Омск
    for city in ("Вена", "Беверли", "Вухан"):  # Vienna, Beverly, Wuhan: Venäjä (Russia in Finnish), Belebey, 북한
        assert bundled.match(city) is None, city


@pytest.mark.parametrize(
    "query",
    ["Yei", "Salo", "Elst", "Gao", "Ostróda", "Voskresenka", "Arras", "Kure", "Baolong", "Schwerin", "Liberty", "Staszów", "Valjevo",
     "Guchang", "Tokyo", "Madison", "Union"],  # Korean syllables: Huchang, Dokdo, Majon, Unjon
)
def test_names_of_foreign_cities_match_nothing(bundled: Normalizer, query: str) -> None:
    assert bundled.match(query) is None  # GeoNames cities outside Russia and the Koreas


def test_short_and_declined_forms_still_match_as_spelt(bundled: Normalizer) -> None:
    assert bundled.match("Omsk").id == "omsk" and bundled.match("Irkutskas").id == "irkutsk"
    assert bundled.match("Pyongynag").id == "pyongyang" and bundled.match("Vladivostk").id == "vladivostok"
