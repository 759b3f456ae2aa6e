"""Long-tail Russian conventions (Dutch ... Esperanto): tables, case endings, bounded keys, what must NOT match."""

import itertools
import statistics
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from namenorm import Normalizer
from namenorm.gazetteer import Gazetteer, load_gazetteers
from namenorm.index import build_index
from namenorm.variants import Rank, generate
from namenorm.variants.russian import romanizations
from namenorm.variants.russian_rules import spell, table, tables
from russian_samples import KAZAN, KHASAN, LAVROV, PSKOV, PUTIN, SHOIGU, TYUMEN, person, place, ranks

ROOT = Path(__file__).parents[1]
DATA = ROOT / "src" / "namenorm" / "data"
ALPHABET = yaml.safe_load((DATA / "ru-letters.yaml").read_text(encoding="utf-8"))["alphabet"]
LONG_TAIL = ("ru:nl", "ru:sv", "ru:fi", "ru:et", "ru:lt", "ru:lv", "ru:hu", "ru:ro", "ru:tr", "ru:az", "ru:eo")
DECLINING = ("ru:lt", "ru:lv", "ru:eo")


def declined_words(scheme: str, text: str, kind: str) -> tuple[str, ...]:
    """Spell each word of a text declined where an ending applies, else bare (as person names are)."""
    words = [spell(scheme, word, kind) or spell(scheme, word) for word in text.split()]
    return tuple(" ".join(combination) for combination in itertools.product(*words))


ZAKHAROVA = person("maria-zakharova", "Maria Zakharova", "Мария Владимировна Захарова")
CHELYABINSK = place("chelyabinsk", "Chelyabinsk", "Челябинск")


# --- the tables -------------------------------------------------------------------------------------------


def test_the_long_tail_tables_are_loaded_and_ask_for_given_surname_only() -> None:
    schemes = [t.scheme for t in tables()]
    assert set(LONG_TAIL) <= set(schemes)
    assert all(table(scheme).person_forms == "given-surname" for scheme in LONG_TAIL)
    assert all(t.person_forms == "all" for t in tables() if t.scheme not in LONG_TAIL)


@pytest.mark.parametrize("scheme", LONG_TAIL)
def test_every_long_tail_table_has_real_world_samples(scheme: str) -> None:
    t = table(scheme)
    assert len(t.samples) + len(t.declined_samples) >= 6
    text = (DATA / f"ru-{scheme.split(':')[1]}.yaml").read_text(encoding="utf-8")
    assert "Source:" in text and "Hand-edited." in text


@pytest.mark.parametrize(
    ("scheme", "kind", "text", "expected"),
    [(t.scheme, kind, text, expected) for t in tables() for kind, text, expected in t.declined_samples],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_declined_samples(scheme: str, kind: str, text: str, expected: tuple[str, ...]) -> None:
    assert (declined_words(scheme, text, kind) if expected else spell(scheme, text, kind)) == expected


@pytest.mark.parametrize("scheme", DECLINING)
def test_only_the_declining_tables_have_endings(scheme: str) -> None:
    assert table(scheme).endings
    declining = [t.scheme for t in tables() if {"person", "place"} & set(t.endings)]
    assert declining == list(DECLINING)
    # Polish and Czech give only surnames and place adjectives their forms in the language (Nawalny, Navalná)
    assert {t.scheme: set(t.endings) for t in tables() if t.endings and t.scheme not in DECLINING} == {
        "ru:pl": {"surname", "adjective"}, "ru:cs": {"surname", "adjective"}
    }
    assert spell("ru:de", "Путин", "person") == () and spell("ru:hu", "Иркутск", "place") == ()


def test_an_ending_replaces_only_the_letters_it_names() -> None:
    # LV ль = ļ, but Гоголь's ь is replaced by the ending, so the л before it stays plain
    assert spell("ru:lv", "Гоголь") == ("Gogoļ",) and spell("ru:lv", "Гоголь", "person") == ("Gogolis",)
    # LT -ий = -ijus for a given name, -кий = -kis for a surname adjective
    assert spell("ru:lt", "Юрий", "person") == ("Jurijus",) and spell("ru:lt", "Троцкий", "person") == ("Trockis",)
    # a name in -а keeps its form: no declined spelling at all
    assert spell("ru:lt", "Захарова", "person") == () and spell("ru:eo", "Путин", "person") == ()
    # text without a Cyrillic word has no declined spelling
    assert spell("ru:lt", "-", "person") == ()


def test_hungarian_doubles_only_the_first_letter_of_a_digraph() -> None:
    assert spell("ru:hu", "Россия") == ("Rosszija",)
    assert spell("ru:hu", "Тюмень") == ("Tyumeny",) and spell("ru:hu", "Владимир") == ("Vlagyimir",)


@given(st.text(alphabet=ALPHABET + ALPHABET.upper(), min_size=1, max_size=12), st.sampled_from(["person", "place"]))
def test_declined_spellings_are_latin_single_words(word: str, kind: str) -> None:
    for scheme in DECLINING:
        for spelling in spell(scheme, word, kind):
            assert not any("а" <= c.lower() <= "я" or c.lower() == "ё" for c in spelling), (scheme, word, spelling)
            assert " " not in spelling and spelling not in spell(scheme, word)


# --- romanizations and variants ---------------------------------------------------------------------------


def test_romanizations_decline_one_word_places_only_when_asked() -> None:
    found = dict(romanizations("Челябинск", "place"))
    assert found["Čeliabinskas"] == "ru:lt+declined" and found["Čeļabinska"] == "ru:lv+declined"
    assert found["Ĉeljabinsko"] == "ru:eo+declined" and found["Cseljabinszk"] == "ru:hu"
    assert {"Tšeljabinsk", "Tjeljabinsk", "Tsjeljabinsk", "Çelyabinsk", "Celiabinsk"} <= set(found)
    assert not any(scheme.endswith("+declined") for _, scheme in romanizations("Челябинск"))
    assert not any(scheme.endswith("+declined") for _, scheme in romanizations("Набережные Челны", "place"))


def test_declined_place_names_are_partial_keys() -> None:
    found = ranks(CHELYABINSK)
    assert found["cseljabinszk"] == found["tseljabinsk"] == Rank.GENERATED
    assert found["celiabinskas"] == found["celabinska"] == found["celjabinsko"] == Rank.PARTIAL


def test_people_get_given_surname_bare_and_declined() -> None:
    found = ranks(PUTIN)
    for key in ("vladimiras putinas", "vladimirs putins", "vlagyimir putyin", "vladimir poetin", "vladimir putin"):
        assert found[key] <= Rank.GENERATED, key
    assert found["putinas"] == found["putins"] == found["putyin"] == found["poetin"] == Rank.PARTIAL
    lavrov = ranks(LAVROV)
    assert {"sergejus lavrovas", "sergejs lavrovs", "szergej lavrov", "serghei lavrov", "sergey lavrov"} <= set(lavrov)
    # a surname that takes no ending keeps its form next to a declined given name
    assert {"sergejus soigu", "sergejs soigu", "szergej sojgu"} <= set(ranks(SHOIGU))
    assert {"marija zacharova", "marija zaharova"} <= set(ranks(ZAKHAROVA))


def test_long_tail_conventions_make_no_other_orders_or_forms() -> None:
    suffixes = {v.scheme.partition("+")[2] for v in generate(PUTIN) if v.scheme.partition("+")[0] in LONG_TAIL}
    assert suffixes == {"", "surname", "declined", "declined+surname"}
    keys = {v.key for v in generate(PUTIN)}
    assert keys.isdisjoint({"putinas vladimiras", "v putinas", "vlagyimir vlagyimirovics putyin", "putyin vlagyimir"})


# --- what must not be produced ----------------------------------------------------------------------------


def test_near_miss_places_stay_apart() -> None:
    assert "tumen" not in ranks(TYUMEN)
    assert set(ranks(KAZAN)).isdisjoint({"khasan", "hasan", "haszan", "chasan", "xasan", "hassan"})
    assert set(ranks(KHASAN)).isdisjoint({"kazan", "kazany", "kazane", "kazana", "kazano"})
    assert not any("peskov" in key for key in ranks(PSKOV))


def test_no_given_name_alone() -> None:
    assert set(ranks(PUTIN)).isdisjoint({"vladimiras", "vladimirs", "vlagyimir", "vladimir"})


# --- the bundled gazetteers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Tšeljabinsk", "chelyabinsk"), ("Cseljabinszk", "chelyabinsk"), ("Čeliabinskas", "chelyabinsk"),
     ("Ĉeljabinsko", "chelyabinsk"), ("Tsjeljabinsk", "chelyabinsk"), ("Uszinszk", "usinsk"),
     ("Irkutskas", "irkutsk"), ("Irkutska", "irkutsk"), ("Kanskas", "kansk"), ("Saleĥardo", "salekhard"),
     ("Moskvo", "moscow"), ("Naberežnõje Tšelnõ", "naberezhnye-chelny"), ("Kazany", "kazan"),
     ("Vladimiras Putinas", "vladimir-putin"), ("Vladimirs Putins", "vladimir-putin"),
     ("Vlagyimir Putyin", "vladimir-putin"), ("Vladimir Poetin", "vladimir-putin"), ("Putinas", "vladimir-putin"),
     ("Mihhail Gorbatšov", "mikhail-gorbachev"), ("Nikita Hruštšov", "nikita-khrushchev"),
     ("Aleksejus Navalnas", "alexei-navalny"), ("Boriss Jeļcins", "boris-yeltsin"),
     ("Tumen", "tumen-river"), ("Hasan", "khasan"), ("Pushkino", "pushkino"), ("Sima", "zima")],
)  # fmt: skip
def test_bundled_matches(bundled: Normalizer, query: str, expected: str) -> None:
    match = bundled.match(query)
    assert match is not None and match.id == expected, (query, match)


def test_bundled_people_key_counts_stay_bounded() -> None:
    gazetteer = load_gazetteers([ROOT / "gazetteers" / "people-ru.yaml"])
    counts = [len(generate(e)) for e in gazetteer.entities]
    assert statistics.mean(counts) < 90 and max(counts) < 250


def test_declined_places_give_way_to_other_places_own_spellings() -> None:
    # Пушкин + Esperanto -o = Puŝkino, which is Пушкино's own spelling: Пушкино keeps the key
    pushkin, pushkino = place("pushkin", "Pushkin", "Пушкин"), place("pushkino", "Pushkino", "Пушкино")
    index = build_index(Gazetteer((pushkin, pushkino), (), "test"))
    assert [index.entities[p].id for p in index.lookup("puskino")] == ["pushkino"]
    assert [index.entities[p].id for p in index.lookup("puskinas")] == ["pushkin"]
    assert not index.collisions
