"""Korean variants: the rule tables' samples, the spellings people write, and the names that must stay apart."""

from pathlib import Path

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from namenorm import Normalizer
from namenorm.fold import fold
from namenorm.gazetteer import Entity
from namenorm.variants import Rank, generate, korean
from namenorm.variants.korean_spelling import (
    DATA_DIR,
    SCHEMES,
    Syllable,
    compose,
    decompose,
    given_spellings,
    load_table,
    pronounce,
    spell,
    spell_name,
    spellings,
)

SCHEME_FILES = {
    "ko:rr": "ko-rr.yaml",
    "ko:mr": "ko-mr.yaml",
    "ko:dprk": "ko-dprk.yaml",
    "ko:kontsevich": "ko-kontsevich.yaml",
}


def person(hangul: str, country: str = "KP", name: str = "", entity_id: str = "x") -> Entity:
    """A Korean person with only a Hangul name (and optionally a canonical one)."""
    return Entity(entity_id, "person", country, name or hangul, {"ko": (hangul,)})


def keys(entity: Entity, rank: Rank | None = None) -> set[str]:
    """The Korean keys of an entity, optionally only those of one rank."""
    return {v.key for v in korean.variants(entity) if rank is None or v.rank == rank}


# --- the rule tables -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("ko-*.yaml")), ids=lambda p: p.name)
def test_every_table_names_its_source_and_has_samples(path: Path) -> None:
    table = load_table(path.name)
    assert len(table["source"]) > 20
    assert table["samples"]


def test_every_table_value_is_text() -> None:
    # YAML 1.1 reads a bare No as False: the tables must quote such spellings
    for name in ("ko-surnames.yaml", "ko-given-syllables.yaml"):
        table = load_table(name)
        section = table.get("surnames") or table["syllables"]
        for value in section.values():
            for spelling in value if isinstance(value, list) else [s for v in value.values() for s in v]:
                assert isinstance(spelling, str), (name, spelling)
    assert all(isinstance(s, str) for s in load_table("ko-surnames.yaml")["not_alone"])


def test_tables_cover_every_letter() -> None:
    letters = {decompose(chr(c)) for c in range(0xAC00, 0xD7A4, 28)}
    for name in SCHEME_FILES.values():
        table = load_table(name)
        assert {s.initial for s in letters} <= set(table["initials"])
        assert {s.medial for s in letters} <= set(table["medials"])
        assert set(table["finals"]) == set(load_table("ko-pronunciation.yaml")["neutral"].values()) | {"ㅇ"}


@pytest.mark.parametrize("written, pronounced", load_table("ko-pronunciation.yaml")["samples"])
def test_pronunciation_samples(written: str, pronounced: str) -> None:
    assert pronounce(written) == pronounced


@pytest.mark.parametrize(
    "scheme, hangul, expected",
    [(s, h, e) for s, f in SCHEME_FILES.items() for h, e in load_table(f)["samples"]],
)
def test_word_samples(scheme: str, hangul: str, expected: str) -> None:
    assert spell(hangul, scheme) == expected


@pytest.mark.parametrize(
    "scheme, hangul, expected",
    [(s, h, e) for s, f in SCHEME_FILES.items() for h, e in load_table(f)["name_samples"]],
)
def test_name_samples(scheme: str, hangul: str, expected: str) -> None:
    surname, given_name = korean.split_name(hangul)
    assert spell_name(surname, given_name, scheme) == expected


@pytest.mark.parametrize("hangul, expected", load_table("ko-kontsevich.yaml")["established_samples"])
def test_kontsevich_established_forms_are_alternatives(hangul: str, expected: str) -> None:
    surname, given_name = korean.split_name(hangul)
    if len(hangul) == 2:  # a place
        assert expected in spellings(hangul, "ko:kontsevich")[1:]
    else:
        assert fold(expected) in keys(person(hangul))


@pytest.mark.parametrize("hangul, written", load_table("ko-given-syllables.yaml")["samples"])
def test_given_syllable_samples(hangul: str, written: str) -> None:
    assert fold(written) in keys(person(hangul, "KR"))


@pytest.mark.parametrize("hangul, surname, given_name", load_table("ko-surnames.yaml")["samples"])
def test_surname_samples(hangul: str, surname: str, given_name: str) -> None:
    assert korean.split_name(hangul) == (surname, given_name)


def test_a_space_in_the_hangul_splits_the_name() -> None:
    assert korean.split_name("김 정은") == ("김", "정은")
    assert korean.split_name("남 궁민") == ("남", "궁민")


def test_mr_folds_to_plain_letters() -> None:
    assert fold(spell_name("김", "정은", "ko:mr")) == "kim chong un"
    assert fold(spell("평양", "ko:mr")) == "pyongyang"
    assert fold(spell_name("박", "태성", "ko:mr")) == "pak tae song"  # the apostrophe of t' goes


@given(st.integers(0xAC00, 0xD7A3))
def test_compose_inverts_decompose(code: int) -> None:
    assert compose(decompose(chr(code))) == chr(code)


@given(st.text(st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=1, max_size=6))
def test_every_scheme_spells_every_syllable(hangul: str) -> None:
    for scheme in SCHEMES:
        spelled = spell(hangul, scheme)
        assert spelled and not any(0xAC00 <= ord(c) <= 0xD7A3 for c in spelled)
        assert fold(spelled)


def test_spell_passes_other_characters_through() -> None:
    assert spell("평양 (1)", "ko:rr") == "Pyeongyang (1)"
    assert spell("평안북도", "ko:rr") == "Pyeonganbukdo"


def test_unknown_scheme() -> None:
    with pytest.raises(ValueError, match="ko:xx"):
        spell("평양", "ko:xx")


def test_syllable_letters() -> None:
    assert decompose("닭") == Syllable("ㄷ", "ㅏ", "ㄺ")
    assert decompose("아") == Syllable("ㅇ", "ㅏ", "")


# --- romanizations() -------------------------------------------------------------------------------


def test_romanizations_of_a_place() -> None:
    pairs = korean.romanizations("평양")
    assert pairs[:4] == [
        ("Pyeongyang", "ko:rr"),
        ("P'yŏngyang", "ko:mr"),
        ("Phyŏngyang", "ko:dprk"),
        ("Пхёнъян", "ko:kontsevich"),
    ]
    assert ("Пхеньян", "ko:kontsevich+established") in pairs
    romanized = {fold(s) for s, scheme in pairs if scheme.split("+")[0] in SCHEMES}
    assert romanized == {"pyeongyang", "pyongyang", "phyongyang", "пхенъян", "пхеньян"}


def test_places_pyongyang_and_pyeongchang_stay_apart() -> None:
    pyongyang = Entity("pyongyang", "place", "KP", "Pyongyang", {"ko": ("평양",)})
    pyeongchang = Entity("pyeongchang", "place", "KR", "Pyeongchang", {"ko": ("평창",)})
    assert "pyongyang" in keys(pyongyang)
    assert "pyeongchang" in keys(pyeongchang)
    assert not keys(pyongyang) & keys(pyeongchang)


# --- persons ---------------------------------------------------------------------------------------


KIM_JONG_UN = person("김정은", name="Kim Jong Un")


@pytest.mark.parametrize(
    "written",
    [
        "Gim Jeong-eun",
        "Kim Chŏng-ŭn",
        "Kim Jong Un",
        "Kim Jong-un",
        "Kim Jong-Un",
        "Kim Jongun",
        "Jong Un Kim",
        "Jong-un Kim",
        "Kim Jung-eun",
        "Ким Чен Ын",
        "Ким Чжон Ын",
        "Чен Ын Ким",
        "김정은",
        "김 정은",
    ],
)
def test_spellings_of_kim_jong_un(written: str) -> None:
    assert fold(written) in {v.key for v in generate(KIM_JONG_UN)}


@pytest.mark.parametrize(
    "hangul, written",
    [
        ("리용호", "Ri Yong Ho"),
        ("최선희", "Choe Son Hui"),
        ("최선희", "Чвэ Сон Хи"),
        ("박태성", "Pak Thae Song"),
        ("박태성", "Пак Тхэ Сон"),
        ("조춘룡", "Jo Chun Ryong"),
        ("김여정", "Kim Yo Jong"),
        ("김여정", "Ким Ё Чжон"),
        ("리설주", "Ri Sol Ju"),
        ("리설주", "Ли Соль Чжу"),
        ("리용호", "Ли Ён Хо"),
        ("김일성", "Ким Ир Сен"),
        ("김정일", "Ким Чен Ир"),
        ("문재인", "Мун Чжэ Ин"),
        ("한복남", "Han Boknam"),
        ("한복남", "Han Bok-nam"),
    ],
)
def test_dprk_and_russian_forms(hangul: str, written: str) -> None:
    assert fold(written) in keys(person(hangul))


@pytest.mark.parametrize(
    "hangul, country, surnames",
    [
        ("이명박", "KR", ["Lee", "Yi", "Rhee", "Ri"]),
        ("리명수", "KP", ["Ri", "Lee", "Yi", "Rhee"]),
        ("박근혜", "KR", ["Park", "Pak", "Bak"]),
        ("최용해", "KP", ["Choi", "Choe"]),
        ("조용원", "KP", ["Jo", "Cho"]),
        ("정경택", "KP", ["Jung", "Chung", "Jeong", "Jong"]),
        ("문재인", "KR", ["Moon", "Mun"]),
    ],
)
def test_surname_spellings_make_full_names_and_partial_keys(hangul: str, country: str, surnames: list[str]) -> None:
    entity = person(hangul, country)
    surname, given_name = korean.split_name(hangul)
    rr_given = fold("".join(s[0] for s in given_spellings(surname, given_name, "ko:rr")))
    for spelling in surnames:
        assert fold(spelling) in keys(entity, Rank.PARTIAL)
        assert f"{fold(spelling)} {rr_given}" in keys(entity, Rank.GENERATED)


def test_dprk_people_get_dprk_forms_first_and_rok_people_rr() -> None:
    assert next(v for v in korean.variants(person("리용호", "KP")) if v.scheme.startswith("ko:")).key == "ri yong ho"
    assert korean.surname_spellings("리", "KP")[0] == "Ri"
    assert korean.surname_spellings("이", "KR")[0] == "Lee"
    first_rok = next(v for v in korean.variants(person("문재인", "KR")) if v.scheme.startswith("ko:"))
    assert first_rok.key == "mun jae in"


def test_canonical_name_gets_join_and_order_variants() -> None:
    moon = person("문재인", "KR", "Moon Jae-in")
    assert {"moon jae in", "moon jaein", "jae in moon", "jaein moon"} <= keys(moon)
    rhee = person("이승만", "KR", "Syngman Rhee")
    assert {"rhee syngman", "syngman rhee", "lee syngman"} <= keys(rhee)


def test_surname_alone_is_partial_and_the_given_name_alone_is_never_a_key() -> None:
    kim = keys(KIM_JONG_UN, Rank.PARTIAL)
    assert {"kim", "gim", "ким", "김"} == kim
    everything = keys(KIM_JONG_UN)
    assert not everything & {"jong un", "jongun", "jeong eun", "chong un", "чен ын", "정은", "un", "jong"}


def test_single_letters_and_english_words_are_never_a_surname_key_alone() -> None:
    assert "i" not in keys(person("이명박", "KR"))
    assert "no" not in keys(person("노무현", "KR"))
    assert "roh" in keys(person("노무현", "KR"), Rank.PARTIAL)


@pytest.mark.parametrize(
    "first, second", [("김정은", "김정일"), ("김정은", "김정남"), ("김정일", "김정남"), ("김일성", "김정일")]
)
def test_close_names_share_no_full_key(first: str, second: str) -> None:
    assert not keys(person(first), Rank.GENERATED) & keys(person(second), Rank.GENERATED)
    assert "kim jong il" not in keys(person("김정은"))


def test_two_syllable_surnames() -> None:
    namgung = keys(person("남궁민", "KR"))
    assert {"namgung min", "min namgung", "namkung min"} <= namgung
    assert "nam gungmin" not in namgung


def test_key_count_is_bounded_and_reported() -> None:
    ri_sol_ju = person("리설주")
    assert korean.key_count(ri_sol_ju) == len(keys(ri_sol_ju))
    assert 30 < korean.key_count(ri_sol_ju) <= korean.KEY_BUDGET
    for hangul in ("이병철", "리명수", "정은경", "황보경"):
        assert korean.key_count(person(hangul)) <= korean.KEY_BUDGET


# --- end to end ------------------------------------------------------------------------------------

GAZETTEER = """\
entities:
  - id: kim-jong-un
    kind: person
    country: KP
    name: Kim Jong Un
    native: {ko: 김정은, ru: Ким Чен Ын}
  - id: kim-jong-il
    kind: person
    country: KP
    name: Kim Jong Il
    native: {ko: 김정일}
  - id: kim-jong-nam
    kind: person
    country: KP
    name: Kim Jong Nam
    native: {ko: 김정남}
  - id: pyongyang
    kind: place
    country: KP
    name: Pyongyang
    native: {ko: 평양}
  - id: pyeongchang
    kind: place
    country: KR
    name: Pyeongchang
    native: {ko: 평창}
"""


@pytest.fixture(scope="module")
def normalizer(normalizer_of: Callable[[str], Normalizer]) -> Normalizer:
    return normalizer_of(GAZETTEER)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Kim Jong-un", "kim-jong-un"),
        ("Gim Jeong-eun", "kim-jong-un"),
        ("Ким Чен Ын", "kim-jong-un"),
        ("Kim Chŏng-ŭn", "kim-jong-un"),
        ("Jong-un Kim", "kim-jong-un"),
        ("Kim Jong Il", "kim-jong-il"),
        ("Kim Chŏng-il", "kim-jong-il"),
        ("Ким Чен Ир", "kim-jong-il"),
        ("Kim Jong-nam", "kim-jong-nam"),
        ("P'yŏngyang", "pyongyang"),
        ("Pyeongyang", "pyongyang"),
        ("Пхеньян", "pyongyang"),
        ("Pyeongchang", "pyeongchang"),
        ("P'yŏngch'ang", "pyeongchang"),
    ],
)
def test_end_to_end(normalizer: Normalizer, query: str, expected: str) -> None:
    match = normalizer.match(query)
    assert match is not None and match.id == expected


def test_only_the_shared_surname_collides(normalizer: Normalizer) -> None:
    index = normalizer.index
    assert {c.key for c in index.collisions} == {"kim", "gim", "ким", "김"}
