"""Russian variants: the convention tables, the engine, person and place keys, and what must NOT be produced."""

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from namenorm import Normalizer
from namenorm.fold import fold
from namenorm.gazetteer import Entity
from namenorm.variants import Rank, generate
from namenorm.variants.russian import romanizations, variants
from namenorm.variants.russian_names import given_name_spellings, parse_name
from namenorm.variants.russian_rules import SCHEMES, spell, table, tables

DATA = Path(__file__).parents[1] / "src" / "namenorm" / "data"
ALPHABET = yaml.safe_load((DATA / "ru-letters.yaml").read_text(encoding="utf-8"))["alphabet"]


def person(entity_id: str, name: str, native: str, country: str = "RU") -> Entity:
    """A person with one Russian name."""
    return Entity(entity_id, "person", country, name, {"ru": (native,)})


def place(entity_id: str, name: str, native: str, country: str = "RU") -> Entity:
    """A place with one Russian name."""
    return Entity(entity_id, "place", country, name, {"ru": (native,)}, type="city")


def keys(entity: Entity) -> set[str]:
    """The folded keys of an entity."""
    return {v.key for v in generate(entity)}


PUTIN = person("vladimir-putin", "Vladimir Putin", "Владимир Владимирович Путин")
USHAKOV = person("yuri-ushakov", "Yuri Ushakov", "Юрий Викторович Ушаков")
YELTSIN = person("boris-yeltsin", "Boris Yeltsin", "Борис Николаевич Ельцин")
SHOIGU = person("sergei-shoigu", "Sergei Shoigu", "Сергей Кужугетович Шойгу")
LAVROV = person("sergey-lavrov", "Sergey Lavrov", "Сергей Викторович Лавров")
PESKOV = person("dmitry-peskov", "Dmitry Peskov", "Дмитрий Сергеевич Песков")
GORBACHEV = person("mikhail-gorbachev", "Mikhail Gorbachev", "Михаил Сергеевич Горбачёв")
KIM = person("kim-jong-un", "Kim Jong Un", "Ким Чен Ын", country="KP")
KHABAROVSK = place("khabarovsk", "Khabarovsk", "Хабаровск")
KHASAN = place("khasan", "Khasan", "Хасан")
KAZAN = place("kazan", "Kazan", "Казань")
TYUMEN = place("tyumen", "Tyumen", "Тюмень")
PSKOV = place("pskov", "Pskov", "Псков")


# --- the tables -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme", "text", "expected"),
    [(t.scheme, text, expected) for t in tables() for text, expected in t.samples],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_table_samples(scheme: str, text: str, expected: tuple[str, ...]) -> None:
    assert spell(scheme, text) == expected


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_table_names_its_source_and_spells_every_letter(scheme: str) -> None:
    t = table(scheme)
    assert t.source and t.language and len(t.samples) >= 5
    assert {rule.cyrillic for rules in t.rules.values() for rule in rules if len(rule.cyrillic) == 1} >= set(ALPHABET)
    header = (DATA / f"ru-{scheme.split(':')[1]}.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("# ") and len(header) > 20


def test_given_name_table_samples() -> None:
    data = yaml.safe_load((DATA / "ru-given-names.yaml").read_text(encoding="utf-8"))
    for name, spelling in data["samples"]:
        assert spelling in {s for spellings in given_name_spellings(name).values() for s in spellings}, name


def test_given_name_table_has_no_translations() -> None:
    names = ("Александр", "Михаил", "Иосиф", "Пётр")
    spellings = {s for name in names for ss in given_name_spellings(name).values() for s in ss}
    assert spellings.isdisjoint({"Alejandro", "Michael", "Joseph", "Peter", "Pierre", "Pedro", "Aleksander"})


@given(st.text(alphabet=ALPHABET + ALPHABET.upper() + " -", min_size=1, max_size=20))
def test_every_spelling_is_latin_and_keeps_word_breaks(text: str) -> None:
    for scheme in SCHEMES:
        for spelling in spell(scheme, text):
            assert not any("а" <= c.lower() <= "я" or c.lower() == "ё" for c in spelling), (scheme, text, spelling)
            assert spelling.count("-") == text.count("-") and spelling.count(" ") == text.count(" ")


def test_case_follows_the_input() -> None:
    assert spell("ru:de", "ЮРИЙ шойгу") == ("JURI schoigu",)


# --- romanizations ----------------------------------------------------------------------------------------


def test_romanizations_cover_every_convention_and_both_readings_of_yo() -> None:
    found = romanizations("Горбачёв")
    assert {scheme for _, scheme in found} <= set(SCHEMES)
    spellings = {s for s, _ in found}
    assert {"Gorbachev", "Gorbachyov", "Gorbatschow", "Gorbaczow", "Gorbatchev", "Gorbachov", "Gorbačëv"} <= spellings
    assert len(spellings) == len(found)  # distinct


def test_romanizations_keep_hyphens() -> None:
    assert ("Rimskiy-Korsakov", "ru:bgn") in romanizations("Римский-Корсаков")


# --- names ------------------------------------------------------------------------------------------------


def test_parse_name() -> None:
    assert parse_name("Сергей Викторович Лавров").surname == "Лавров"
    assert parse_name("Ксения Собчак").patronymic is None
    assert parse_name("Николай Андреевич Римский-Корсаков").surname == "Римский-Корсаков"
    assert parse_name("Ким Чен Ын") is None and parse_name("Путин") is None


# --- the examples ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entity", "queries"),
    [
        (PUTIN, ["Wladimir Putin", "Poutine", "Władimir Putin", "V. Putin", "Putin Vladimir", "Vladimir Poutine",
                 "В. Путин", "В. В. Путин", "Путин Владимир", "Путин Владимир Владимирович", "Владимир Путин"]),
        (USHAKOV, ["Juri Uschakow", "Iouri Ouchakov", "Yury Ushakov", "Yuri Ushakov", "Yuriy Ushakov",
                   "Iurii Ushakov", "Jurij Ušakov", "Jurij Uszakow", "Yu. Ushakov"]),
        (YELTSIN, ["Jelzin", "Eltsine", "Yeltsin", "Eltsin", "Boris Jelzin", "Boris Eltsine"]),
        (SHOIGU, ["Schoigu", "Choïgou", "Siergiej Szojgu", "Sergej Šojgu", "Sergei Shoigu", "Sergey Shoigu"]),
        (LAVROV, ["Sergueï Lavrov", "Sergei Lavrov", "Lavrov Sergei", "S. Lavrov", "Sergej Lawrow", "Serguéi Lavrov"]),
        (PESKOV, ["Dmitri Peskov", "Dmitry Peskov", "Dmitriy Peskov", "Dmitri Peskow", "Dmitrij Pieskow"]),
        (GORBACHEV, ["Mijaíl Gorbachov", "Gorbachev", "Gorbachyov", "Michail Gorbačëv", "Michail Gorbačov",
                     "Michaił Gorbaczow", "Mikhaïl Gorbatchev", "Michail Gorbatschow"]),
        (KHABAROVSK, ["Chabarowsk", "Khabarovsk", "Jabárovsk", "Habarovsk", "Chabarovsk"]),
        (KHASAN, ["Jasán", "Chassan", "Khassan"]),
    ],
    ids=lambda value: value.id if isinstance(value, Entity) else None,
)
def test_conventions_produce_the_known_spellings(entity: Entity, queries: list[str]) -> None:
    found = keys(entity)
    assert {fold(q) for q in queries} <= found, {fold(q) for q in queries} - found


def test_surname_and_initials_are_partial_and_full_names_are_generated() -> None:
    ranks = {v.key: v.rank for v in generate(PUTIN)}
    assert ranks["poutine"] == ranks["путин"] == Rank.PARTIAL
    assert ranks["v putin"] == ranks["в путин"] == ranks["в в путин"] == Rank.PARTIAL  # namesakes share initials
    assert ranks["wladimir putin"] == ranks["путин владимир"] == Rank.GENERATED


def test_given_name_table_applies_to_the_canonical_surname() -> None:
    found = keys(person("alexei-navalny", "Alexei Navalny", "Алексей Анатольевич Навальный"))
    assert {"aleksey navalny", "alexey navalny", "navalny alexei", "a navalny", "alexej nawalny"} <= found


# --- what must not be produced ----------------------------------------------------------------------------


def test_no_given_name_alone() -> None:
    for v in generate(PUTIN):
        assert v.key not in {"vladimir", "wladimir", "władimir", "владимир", "vladimirovich"}, v


def test_near_miss_places_stay_apart() -> None:
    assert keys(KAZAN).isdisjoint({"khasan", "hasan", "jasan", "chasan", "xasan"})
    assert keys(KHASAN).isdisjoint({"kazan", "kasan"})
    assert "tumen" not in keys(TYUMEN)
    assert "peskov" not in keys(PSKOV) and "pskov" not in keys(PESKOV)


def test_korean_people_keep_only_cyrillic_name_orders() -> None:
    made = list(variants(KIM))
    assert [v.key for v in made] == ["чен ын ким"]
    assert "kim chen yn" not in keys(KIM)
    assert list(variants(place("pyongyang", "Pyongyang", "Пхеньян", country="KP"))) == []


# --- bounds -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "entity",
    [PUTIN, GORBACHEV, person("yevgeny-kaspersky", "Eugene Kaspersky", "Евгений Валентинович Касперский")],
    ids=lambda e: e.id,
)
def test_key_count_is_bounded(entity: Entity) -> None:
    assert 10 < len(keys(entity)) < 150


# --- end to end -------------------------------------------------------------------------------------------


def test_end_to_end(tmp_path: Path) -> None:
    gazetteer = tmp_path / "g.yaml"
    gazetteer.write_text(
        """entities:
  - {id: vladimir-putin, kind: person, country: RU, name: Vladimir Putin, native: {ru: Владимир Владимирович Путин}}
  - {id: sergey-lavrov, kind: person, country: RU, name: Sergey Lavrov, native: {ru: Сергей Викторович Лавров}}
  - {id: dmitry-peskov, kind: person, country: RU, name: Dmitry Peskov, native: {ru: Дмитрий Сергеевич Песков}}
  - {id: khasan, kind: place, country: RU, type: town, name: Khasan, native: {ru: Хасан}}
  - {id: kazan, kind: place, country: RU, type: city, name: Kazan, native: {ru: Казань}}
  - {id: pskov, kind: place, country: RU, type: city, name: Pskov, native: {ru: Псков}}
""",
        encoding="utf-8",
    )
    normalizer = Normalizer.from_paths(gazetteer, use_cache=False)
    for query, expected in [("Wladimir Putin", "vladimir-putin"), ("Sergueï Lavrov", "sergey-lavrov"),
                            ("Jasán", "khasan"), ("Kasan", "kazan"), ("Pieskow", "dmitry-peskov")]:  # fmt: skip
        match = normalizer.match(query)
        assert match is not None and match.id == expected, query
    for query in ("Vladimir Soldatkin", "Vladimir", "Khasan Kazan", "Peskov Pskov"):
        assert normalizer.match(query) is None, query
    assert normalizer.match("Pskov").id == "pskov" and normalizer.match("Peskov").id == "dmitry-peskov"
