"""Korean names as Czech, Polish and Hungarian write them: the tables' samples, the guard and the names that stay apart."""

import pytest

from namenorm import Normalizer
from namenorm.fold import fold
from namenorm.gazetteer import Entity
from namenorm.variants import Rank, korean
from namenorm.variants.korean_spelling import (
    LANGUAGE_SCHEMES,
    SCHEMES,
    decompose,
    english_lookalike,
    given_spellings,
    is_distinct,
    load_table,
    romanized_syllables,
    spell,
    spell_name,
    spell_parts,
)

TABLES = {"ko:cs": "ko-cs.yaml", "ko:pl": "ko-pl.yaml", "ko:hu": "ko-hu.yaml"}


def person(hangul: str, country: str = "KP") -> Entity:
    """A Korean person with only a Hangul name."""
    return Entity("x", "person", country, hangul, {"ko": (hangul,)})


def keys(entity: Entity, rank: Rank | None = None) -> set[str]:
    """The Korean keys of an entity, optionally only those of one rank."""
    return {v.key for v in korean.variants(entity) if rank is None or v.rank == rank}


def samples(section: str) -> list[tuple[str, str, str]]:
    """(scheme, Hangul, expected) for one section of every language table."""
    return [(s, h, e) for s, f in TABLES.items() for h, e in load_table(f).get(section, [])]


# --- the tables ------------------------------------------------------------------------------------


def test_the_tables_are_the_language_schemes() -> None:
    assert set(TABLES) == set(LANGUAGE_SCHEMES)
    assert not set(LANGUAGE_SCHEMES) & set(SCHEMES)
    for scheme, name in TABLES.items():
        assert load_table(name)["scheme"] == scheme


@pytest.mark.parametrize("name", TABLES.values())
def test_each_table_names_its_source_and_has_six_real_world_pairs_of_each_kind(name: str) -> None:
    table = load_table(name)
    assert len(table["source"]) > 100
    assert len(table["samples"]) >= 6 and len(table["name_samples"]) >= 6
    assert table["english_guard"] is True


@pytest.mark.parametrize("name", TABLES.values())
def test_each_table_covers_every_letter(name: str) -> None:
    letters = {decompose(chr(c)) for c in range(0xAC00, 0xD7A4, 28)}
    table = load_table(name)
    assert {s.initial for s in letters} <= set(table["initials"])
    assert {s.medial for s in letters} <= set(table["medials"])
    assert set(table["finals"]) == set(load_table("ko-pronunciation.yaml")["neutral"].values()) | {"ㅇ"}


@pytest.mark.parametrize("scheme, hangul, expected", samples("samples"))
def test_place_samples(scheme: str, hangul: str, expected: str) -> None:
    assert spell(hangul, scheme) == expected


@pytest.mark.parametrize("scheme, hangul, expected", samples("name_samples"))
def test_name_samples_are_the_rule_and_a_key(scheme: str, hangul: str, expected: str) -> None:
    surname, given_name = korean.split_name(hangul)
    assert spell_name(surname, given_name, scheme) == expected
    assert fold(expected) in keys(person(hangul, "KP")) and fold(expected) in keys(person(hangul, "KR"))


@pytest.mark.parametrize("scheme, hangul, expected", samples("alternative_samples"))
def test_alternative_samples_are_keys_but_not_the_rule(scheme: str, hangul: str, expected: str) -> None:
    surname, given_name = korean.split_name(hangul)
    assert spell_name(surname, given_name, scheme) != expected
    assert fold(expected) in keys(person(hangul))


def test_czech_voices_later_given_syllables_only_as_an_alternative() -> None:
    assert given_spellings("김", "여정", "ko:cs") == [["Jo"], ["Čong", "Džong"]]
    assert given_spellings("김", "정은", "ko:cs") == [["Čong"], ["Un"]]  # the first syllable never


def test_polish_names_spell_j_as_dz_and_places_as_cz() -> None:
    assert spell("제주", "ko:pl") == "Czedżu"
    assert given_spellings("김", "정은", "ko:pl") == [["Dzong"], ["Un"]]


def test_hungarian_voices_after_the_family_name() -> None:
    assert given_spellings("김", "정은", "ko:hu")[0] == ["Dzsong"]  # after the voiced final of Kim
    assert given_spellings("박", "근혜", "ko:hu")[0] == ["Kun"]  # not after Pak


# --- the guard against English look-alikes ---------------------------------------------------------


def test_romanized_syllables_hold_the_english_spellings_and_none_of_the_language_letters() -> None:
    found = romanized_syllables()
    assert {"jong", "un", "il", "nam", "pyong", "yang", "gu", "jung", "ke", "song"} <= found
    assert not {"cong", "dzong", "dzsong", "pchjong", "pjong", "cchol", "szon"} & found


def test_is_distinct() -> None:
    assert is_distinct(["Kim", "Čong", "Un"])
    assert not is_distinct(["Kim", "Jong", "Il"])
    assert not english_lookalike(["Tegu"], "ko:rr")  # the romanisations themselves are never guarded
    assert english_lookalike(spell_parts("대구", "ko:cs"), "ko:cs")


@pytest.mark.parametrize(
    "hangul, lookalike, reads_as",
    [
        ("김영일", "Kim Jong-il", "김정일"),  # Czech
        ("김영일", "Kim Jong Il", "김정일"),  # Polish
        ("김영남", "Kim Jong Nam", "김정남"),  # Polish
        ("김영남", "Kim Jong-nam", "김정남"),  # Czech
        ("김영철", "Kim Jong Chol", "김정철"),  # never from the languages (ㅊ is čch, cz, csh there)
    ],
)
def test_a_form_that_reads_as_english_for_another_name_is_not_made(hangul: str, lookalike: str, reads_as: str) -> None:
    assert fold(lookalike) not in keys(person(hangul))
    assert fold(lookalike) in keys(person(reads_as))


def test_places_lose_only_the_lookalikes() -> None:
    schemes = {scheme for _, scheme in korean.romanizations("대구")}
    assert schemes == set(SCHEMES)  # Czech, Polish and Hungarian Tegu reads as English 테구
    assert ("Keszong", "ko:hu") in korean.romanizations("개성")
    assert ("Kesong", "ko:cs") not in korean.romanizations("개성")


# --- places through romanizations() ----------------------------------------------------------------


def test_romanizations_give_the_language_forms_after_the_romanisations() -> None:
    pairs = korean.romanizations("평양")
    assert pairs[-3:] == [("Pchjongjang", "ko:cs"), ("Pjongjang", "ko:pl"), ("Phjongjang", "ko:hu")]
    assert [scheme for _, scheme in pairs[:4]] == list(SCHEMES)


def test_pyongyang_and_pyeongchang_stay_apart_in_every_language() -> None:
    pyongyang = Entity("pyongyang", "place", "KP", "Pyongyang", {"ko": ("평양",)})
    pyeongchang = Entity("pyeongchang", "place", "KR", "Pyeongchang", {"ko": ("평창",)})
    assert {"pchjongjang", "pjongjang", "phjongjang"} <= keys(pyongyang)
    assert {"pchjongcchang", "pjongczang", "phjongcshang"} <= keys(pyeongchang)
    assert not keys(pyongyang) & keys(pyeongchang)


# --- persons ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hangul, written",
    [
        ("김정은", "Kim Čong-un"),
        ("김정은", "Kim Čongun"),
        ("김정은", "Kim Dzong Un"),
        ("김정은", "Kim Dzsongun"),
        ("김정은", "Kim Dzsong Un"),
        ("김정일", "Kim Čong-il"),
        ("김정일", "Kim Dzong Il"),
        ("김정일", "Kim Dzsongil"),
        ("김여정", "Kim Jo-čong"),
        ("김여정", "Kim Jo Dzong"),
        ("김여정", "Kim Jodzsong"),
        ("최선희", "Čchö Son-hui"),
        ("최선희", "Cshö Szonhi"),
        ("리설주", "Ri Sol Dzu"),
    ],
)
def test_language_forms_of_persons(hangul: str, written: str) -> None:
    assert fold(written) in keys(person(hangul), Rank.GENERATED)


@pytest.mark.parametrize("first, second", [("김정은", "김정일"), ("김정은", "김정남"), ("김정일", "김정남")])
def test_the_kims_stay_apart(first: str, second: str) -> None:
    assert not keys(person(first)) & keys(person(second)) - {"kim", "gim", "ким", "김"}


def test_language_forms_come_after_the_schemes_own_forms_and_before_the_mixes() -> None:
    schemes = [v.scheme.split("+")[0] for v in korean.variants(person("김정은"))]
    first_language = min(schemes.index(s) for s in LANGUAGE_SCHEMES)
    assert max(schemes.index(s) for s in SCHEMES) < first_language < schemes.index("ko:mixed")


def test_key_budget_holds() -> None:
    for hangul in ("이병철", "리명수", "정은경", "황보경", "선우용녀", "김대중"):
        assert korean.key_count(person(hangul)) <= korean.KEY_BUDGET


# --- end to end over the bundled gazetteers --------------------------------------------------------


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Kim Čong-un", "kim-jong-un"),
        ("Kim Dzong Un", "kim-jong-un"),
        ("Kim Dzsongun", "kim-jong-un"),
        ("Kim Dzsong Un", "kim-jong-un"),
        ("Kim Čong-il", "kim-jong-il"),
        ("Kim Dzong Il", "kim-jong-il"),
        ("Kim Dzsongil", "kim-jong-il"),
        ("Pchjongjang", "pyongyang"),
        ("Pjongjang", "pyongyang"),
        ("Phjongjang", "pyongyang"),
        ("Pchjongčchang", "pyeongchang"),
        ("Kim Jong Il", "kim-jong-il"),
    ],
)
def test_end_to_end(bundled: Normalizer, query: str, expected: str) -> None:
    match = bundled.match(query)
    assert match is not None and match.id == expected


@pytest.mark.parametrize("query, not_expected", [("Kim Čong-un", "kim-jong-il"), ("Kim Dzong Il", "kim-jong-un")])
def test_end_to_end_keeps_close_names_apart(bundled: Normalizer, query: str, not_expected: str) -> None:
    assert all(m.id != not_expected for m in bundled.candidates(query))
