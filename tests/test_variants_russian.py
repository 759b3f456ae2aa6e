"""Russian variants: the convention tables, the engine, person and place keys, and what must NOT be produced."""

import re
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
from namenorm.variants.russian_names import given_name_spellings, has_surname_ending, is_patronymic, parse_name
from namenorm.variants.russian_rules import SCHEMES, spell, table, tables
from russian_samples import KAZAN, KHASAN, LAVROV, PSKOV, PUTIN, SHOIGU, TYUMEN, keys, person, place

DATA = Path(__file__).parents[1] / "src" / "namenorm" / "data"
ALPHABET = yaml.safe_load((DATA / "ru-letters.yaml").read_text(encoding="utf-8"))["alphabet"]


USHAKOV = person("yuri-ushakov", "Yuri Ushakov", "Юрий Викторович Ушаков")
YELTSIN = person("boris-yeltsin", "Boris Yeltsin", "Борис Николаевич Ельцин")
PESKOV = person("dmitry-peskov", "Dmitry Peskov", "Дмитрий Сергеевич Песков")
GORBACHEV = person("mikhail-gorbachev", "Mikhail Gorbachev", "Михаил Сергеевич Горбачёв")
KIM = person("kim-jong-un", "Kim Jong Un", "Ким Чен Ын", country="KP")
KHABAROVSK = place("khabarovsk", "Khabarovsk", "Хабаровск")


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


def test_patronymic_samples() -> None:
    data = yaml.safe_load((DATA / "ru-given-names.yaml").read_text(encoding="utf-8"))
    for word, expected in data["patronymic_samples"]:
        assert is_patronymic(word) is expected, word


def test_surname_samples() -> None:
    data = yaml.safe_load((DATA / "ru-given-names.yaml").read_text(encoding="utf-8"))
    for word, feminine, expected in data["surname_samples"]:
        assert has_surname_ending(word, feminine=feminine) is expected, word


def test_given_name_table_keeps_each_form_in_its_language() -> None:
    names = ("Александр", "Михаил", "Иосиф", "Пётр", "Лев", "Владимир")
    english = {s for name in names for s in given_name_spellings(name).get("en", ())}
    assert english.isdisjoint({"Joseph", "Leo", "Peter", "Michael", "Alexander Sergeyevich"})
    assert given_name_spellings("Иосиф")["pl"] == ("Józef",) and given_name_spellings("Лев")["fr"] == ("Léon",)
    assert "Włodzimierz" not in given_name_spellings("Владимир").get("de", ())
    assert {s for ss in given_name_spellings("Михаил").values() for s in ss}.isdisjoint({"Michael", "Michel", "Miguel"})


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


HISTORICAL = [
    ("joseph-stalin", "Joseph Stalin", "Иосиф Виссарионович Сталин",
     ["Josef Stalin", "Joseph Staline", "Józef Stalin", "Josif Vissarionovič Stalin", "Iósif Stalin"]),
    ("leo-tolstoy", "Leo Tolstoy", "Лев Николаевич Толстой", ["Léon Tolstoï", "León Tolstói", "Lew Tołstoj"]),
    ("vladimir-lenin", "Vladimir Lenin", "Владимир Ильич Ленин", ["Włodzimierz Lenin", "Vladimir Iljič Lenin"]),
    ("alexander-solzhenitsyn", "Alexander Solzhenitsyn", "Александр Исаевич Солженицын",
     ["Alexandre Soljenitsyne", "Alexandr Solženicyn", "Aleksandr Sołżenicyn"]),
    ("alexander-pushkin", "Alexander Pushkin", "Александр Сергеевич Пушкин",
     ["Aleksander Puszkin", "Alexandr Sergejevič Puškin", "Alexander Sergeyevich Pushkin"]),
    ("pyotr-tchaikovsky", "Pyotr Tchaikovsky", "Пётр Ильич Чайковский",
     ["Pyotr Ilyich Tchaikovsky", "Piotr Czajkowski", "Petr Iljič Čajkovskij"]),
    ("fyodor-dostoevsky", "Fyodor Dostoevsky", "Фёдор Михайлович Достоевский", ["Fiodor Dostojewski"]),
    ("anton-chekhov", "Anton Chekhov", "Антон Павлович Чехов", ["Antoni Czechow"]),
    ("nikita-khrushchev", "Nikita Khrushchev", "Никита Сергеевич Хрущёв", ["Nikita Jrushchov"]),
    ("maria-zakharova", "Maria Zakharova", "Мария Владимировна Захарова",
     ["María Zajárova", "Marija Zacharovová", "Maria Zacharowa"]),
    ("yulia-navalnaya", "Yulia Navalnaya", "Юлия Борисовна Навальная",
     ["Ioulia Navalnaïa", "Julija Navalná", "Julija Nawalna"]),
    ("anna-politkovskaya", "Anna Politkovskaya", "Анна Степановна Политковская",
     ["Anna Politkowska", "Anna Politkovská"]),
    ("elvira-nabiullina", "Elvira Nabiullina", "Эльвира Сахипзадовна Набиуллина", ["Elvira Nabiullinová"]),
    ("vladimir-zhirinovsky", "Vladimir Zhirinovsky", "Владимир Вольфович Жириновский",
     ["Władimir Żyrinowski", "Vladimir Žirinovskij"]),
    ("alexei-navalny", "Alexei Navalny", "Алексей Анатольевич Навальный", ["Aleksiej Nawalny", "Alexej Navalnyj"]),
    ("boris-nemtsov", "Boris Nemtsov", "Борис Ефимович Немцов", ["Borys Niemcow", "Boris Němcov"]),
]


@pytest.mark.parametrize(("id_", "name", "russian", "queries"), HISTORICAL, ids=[row[0] for row in HISTORICAL])
def test_each_language_writes_its_own_forms(id_: str, name: str, russian: str, queries: list[str]) -> None:
    found = keys(person(id_, name, russian))
    assert {fold(q) for q in queries} <= found, {fold(q) for q in queries} - found


def test_a_language_form_joins_only_its_own_language() -> None:
    found = keys(person("joseph-stalin", "Joseph Stalin", "Иосиф Виссарионович Сталин"))
    assert not {"jozef staline", "joseph stalin vissarionovich", "josef szalin", "josef stalinas"} & found
    assert not {"josef wissarionowitsch staline", "jozef vissarionovic stalin"} & found
    stalin = keys(person("joseph-stalin", "Joseph Stalin", "Иосиф Виссарионович Сталин"))
    assert "iosif vissarionovich stalin" in stalin and "joseph vissarionovich stalin" in stalin


def test_surname_forms_are_for_surnames_only() -> None:
    found = keys(person("dmitry-medvedev", "Dmitry Medvedev", "Дмитрий Анатольевич Медведев"))
    assert "dmitrij miedwiediew" in found and "dmitri miedwiediew" not in found  # Polish keeps -ij in given names
    assert not any(k.endswith("ova") and "medved" in k for k in found)  # -ová only for feminine -ова/-ина
    politkovskaya = keys(person("anna-politkovskaya", "Anna Politkovskaya", "Анна Степановна Политковская"))
    assert "anna politkovska" in politkovskaya and not any("annova" in k for k in politkovskaya)  # surnames only


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
    assert 10 < len(keys(entity)) < 170  # Евгений has seven English spellings


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


def test_end_to_end_language_forms_of_people_and_places(tmp_path: Path) -> None:
    gazetteer = tmp_path / "g.yaml"
    gazetteer.write_text(
        """entities:
  - {id: joseph-stalin, kind: person, country: RU, name: Joseph Stalin, native: {ru: Иосиф Виссарионович Сталин}}
  - {id: leo-tolstoy, kind: person, country: RU, name: Leo Tolstoy, native: {ru: Лев Николаевич Толстой}}
  - {id: maria-zakharova, kind: person, country: RU, name: Maria Zakharova, native: {ru: Мария Владимировна Захарова}}
  - {id: yulia-navalnaya, kind: person, country: RU, name: Yulia Navalnaya, native: {ru: Юлия Борисовна Навальная}}
  - {id: pyotr-tchaikovsky, kind: person, country: RU, name: Pyotr Tchaikovsky, native: {ru: Пётр Ильич Чайковский}}
  - {id: khabarovsk-krai, kind: place, country: RU, type: krai, name: Khabarovsk Krai, native: {ru: Хабаровский край}}
  - {id: primorsky-krai, kind: place, country: RU, type: krai, name: Primorsky Krai, native: {ru: Приморский край}}
  - {id: sakhalin-oblast, kind: place, country: RU, type: oblast, name: Sakhalin Oblast,
     native: {ru: Сахалинская область}}
  - {id: lake-khanka, kind: place, country: RU, type: lake, name: Lake Khanka, native: {ru: [Ханка, озеро Ханка]}}
  - {id: vostochny-cosmodrome, kind: place, country: RU, type: cosmodrome, name: Vostochny Cosmodrome,
     native: {ru: космодром Восточный}}
  - {id: tyumen, kind: place, country: RU, type: city, name: Tyumen, native: {ru: Тюмень}}
  - {id: kazan, kind: place, country: RU, type: city, name: Kazan, native: {ru: Казань}}
""",
        encoding="utf-8",
    )
    normalizer = Normalizer.from_paths(gazetteer, use_cache=False)
    expected = {
        "Josef Stalin": "joseph-stalin", "Joseph Staline": "joseph-stalin", "Józef Stalin": "joseph-stalin",
        "Josif Vissarionovič Stalin": "joseph-stalin", "Léon Tolstoï": "leo-tolstoy", "León Tolstói": "leo-tolstoy",
        "María Zajárova": "maria-zakharova", "Marija Zacharovová": "maria-zakharova",
        "Ioulia Navalnaïa": "yulia-navalnaya", "Julija Navalná": "yulia-navalnaya",
        "Pyotr Ilyich Tchaikovsky": "pyotr-tchaikovsky", "Piotr Czajkowski": "pyotr-tchaikovsky",
        "Kraj Chabarowski": "khabarovsk-krai", "Chabarovský kraj": "khabarovsk-krai",
        "Obwód sachaliński": "sakhalin-oblast", "Sachalinská oblast": "sakhalin-oblast",
        "Chankasee": "lake-khanka", "Cosmodrome Vostotchny": "vostochny-cosmodrome",
    }  # fmt: skip
    for query, id_ in expected.items():
        assert fold(query) in normalizer.index.keys, query
        match = normalizer.match(query)
        assert match is not None and match.id == id_, query
    index_keys = normalizer.index.keys
    assert {"primorsk", "tumen", "khasan", "hasan", "chabarowskij krai", "kraj primorskij"}.isdisjoint(index_keys)
    assert "wostocznyj" not in index_keys or normalizer.match("Wostocznyj").id == "vostochny-cosmodrome"


def test_a_regnal_number_is_not_a_surname() -> None:
    nicholas = Entity("nicholas-ii", "person", "RU", "Nicholas II", {"ru": ("Николай Александрович Романов",)}, ("Николай II",))
    found = keys(nicholas)
    assert "ii" not in found and "n ii" not in found and {"nicholas ii", "николай ii", "romanov"} <= found


def test_common_given_names_are_cyrillic_and_listed_once() -> None:
    data = yaml.safe_load((DATA / "ru-given-names.yaml").read_text(encoding="utf-8"))
    common = data["common"]
    assert len(set(common)) == len(common) and set(common).isdisjoint(data["given_names"])
    assert all(re.fullmatch("[А-ЯЁ][а-яё]+", name) for name in common)
