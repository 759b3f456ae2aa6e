"""DPRK names as South Korean text writes them (initial-sound law), and place names with their units."""


from collections.abc import Callable

import pytest

from namenorm import Normalizer
from namenorm.fold import fold
from namenorm.gazetteer import Entity
from namenorm.variants import Rank, korean
from namenorm.variants.korean_initial_sound import south_korean, south_korean_name
from namenorm.variants.korean_spelling import is_hangul, load_table, unit_spellings


def keys(entity: Entity, rank: Rank | None = None) -> set[str]:
    """The Korean keys of an entity, optionally only those of one rank."""
    return {v.key for v in korean.variants(entity) if rank is None or v.rank == rank}


# --- the tables ------------------------------------------------------------------------------------


@pytest.mark.parametrize("dprk, rok", load_table("ko-initial-sound.yaml")["samples"])
def test_initial_sound_word_samples(dprk: str, rok: str) -> None:
    assert south_korean(dprk) == rok


@pytest.mark.parametrize("dprk, rok", load_table("ko-initial-sound.yaml")["name_samples"])
def test_initial_sound_name_samples(dprk: str, rok: str) -> None:
    assert "".join(south_korean_name(*korean.split_name(dprk))) == rok


def test_the_law_changes_only_the_start_of_each_word() -> None:
    assert south_korean("로동 로동") == "노동 노동"
    assert south_korean("한성렬") == "한성렬"  # 렬 after ㅇ stays
    assert south_korean_name("한", "성렬") == ("한", "성렬")
    assert south_korean("Ryongchon 룡천") == "Ryongchon 용천"


@pytest.mark.parametrize("hangul, scheme, expected", load_table("ko-units.yaml")["samples"])
def test_unit_samples(hangul: str, scheme: str, expected: str) -> None:
    assert expected in unit_spellings(hangul, scheme)


@pytest.mark.parametrize("hangul, expected", load_table("ko-units.yaml")["direction_samples"])
def test_direction_samples(hangul: str, expected: str) -> None:
    province = Entity("x", "place", "KP", "x", {"ko": (hangul,)}, type="province")
    assert fold(expected) in keys(province)


def test_units_need_a_stem_of_two_syllables() -> None:
    assert unit_spellings("안동", "ko:rr") == []  # Andong, not An-dong
    assert unit_spellings("독도", "ko:mr") == []
    assert unit_spellings("평양", "ko:rr") == []
    assert unit_spellings("동창리", "ko:kontsevich") == []


def test_a_province_half_without_province_is_a_partial_key() -> None:
    province = Entity("x", "place", "KP", "x", {"ko": ("평안북도",)}, type="province")
    assert "north phyongan" in keys(province, Rank.PARTIAL)
    assert "north phyongan province" in keys(province, Rank.GENERATED)
    assert not {"phyongan", "pyeongan", "pyongan"} & keys(province)  # the stem alone is both halves


# --- people and places ------------------------------------------------------------------------------


def test_dprk_people_get_the_south_korean_hangul() -> None:
    choe = Entity("choe-ryong-hae", "person", "KP", "Choe Ryong Hae", {"ko": ("최룡해",)})
    assert {"최용해", "최 용해", "최 룡해"} <= keys(choe, Rank.GENERATED)


def test_south_korean_people_keep_their_own_spelling() -> None:
    # 류현진 writes his family name 류 by choice; the law is not applied to ROK names
    ryu = Entity("ryu-hyun-jin", "person", "KR", "Ryu Hyun-jin", {"ko": ("류현진",)})
    assert "유현진" not in keys(ryu)
    ryugyong = Entity("x", "place", "KR", "x", {"ko": ("룡천",)})
    assert "용천" not in keys(ryugyong)


def test_the_south_korean_hangul_stays_within_the_budget() -> None:
    ri = Entity("ri-yong-ho", "person", "KP", "Ri Yong Ho", {"ko": ("리용호",)})
    assert "이용호" in keys(ri)
    assert korean.key_count(ri) <= korean.KEY_BUDGET


# --- end to end ------------------------------------------------------------------------------------

GAZETTEER = """\
entities:
  - {id: ri-sol-ju, kind: person, country: KP, name: Ri Sol Ju, native: {ko: 리설주}}
  - {id: choe-ryong-hae, kind: person, country: KP, name: Choe Ryong Hae, native: {ko: 최룡해}}
  - {id: ri-yong-ho, kind: person, country: KP, name: Ri Yong Ho, native: {ko: 리용호}}
  - {id: ri-yong-ho-kpa, kind: person, country: KP, name: Ri Yong Ho, native: {ko: 리영호}, ambiguous: [Ri Yong Ho]}
  - {id: lee-seol, kind: person, country: KR, name: Lee Seol, native: {ko: 이설}}
  - {id: north-pyongan, kind: place, country: KP, name: North Pyongan Province, native: {ko: 평안북도}, type: province}
  - {id: south-pyongan, kind: place, country: KP, name: South Pyongan Province, native: {ko: 평안남도}, type: province}
  - {id: north-hamgyong, kind: place, country: KP, name: North Hamgyong Province, native: {ko: 함경북도}, type: province}
  - {id: south-hamgyong, kind: place, country: KP, name: South Hamgyong Province, native: {ko: 함경남도}, type: province}
  - id: sohae-satellite-launching-station
    kind: place
    country: KP
    name: Sohae Satellite Launching Station
    native: {ko: [서해위성발사장, 동창리]}
    type: cosmodrome
  - {id: yongbyon-county, kind: place, country: KP, name: Yongbyon County, native: {ko: 녕변군}, type: county}
  - {id: pyongyang, kind: place, country: KP, name: Pyongyang, native: {ko: 평양}}
  - {id: pyeongchang, kind: place, country: KR, name: Pyeongchang, native: {ko: 평창}}
"""


@pytest.fixture(scope="module")
def normalizer(normalizer_of: Callable[[str], Normalizer]) -> Normalizer:
    return normalizer_of(GAZETTEER)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("이설주", "ri-sol-ju"),
        ("리설주", "ri-sol-ju"),
        ("최용해", "choe-ryong-hae"),
        ("이용호", "ri-yong-ho"),
        ("North Phyongan Province", "north-pyongan"),
        ("South Phyongan Province", "south-pyongan"),
        ("Pyeonganbuk-do", "north-pyongan"),
        ("P'yŏngan-namdo", "south-pyongan"),
        ("Hamgyŏng-bukto", "north-hamgyong"),
        ("Hamgyong-pukto", "north-hamgyong"),
        ("Hamgyeongnam-do", "south-hamgyong"),
        ("South Hamgyong Province", "south-hamgyong"),
        ("Dongchang-ri", "sohae-satellite-launching-station"),
        ("Tongch'ang-ni", "sohae-satellite-launching-station"),
        ("영변군", "yongbyon-county"),
        ("Yeongbyeon-gun", "yongbyon-county"),
        ("Pyongyang", "pyongyang"),
        ("Pyeongchang", "pyeongchang"),
    ],
)
def test_end_to_end(normalizer: Normalizer, query: str, expected: str) -> None:
    match = normalizer.match(query)
    assert match is not None and match.id == expected


@pytest.mark.parametrize("query", ["이영호", "이 설", "이설", "Phyongan", "North Hamgyong Pyongan", "유현진"])
def test_must_not_match_another(normalizer: Normalizer, query: str) -> None:
    match = normalizer.match(query)
    assert match is None or match.id not in {"ri-sol-ju", "ri-yong-ho", "north-pyongan", "south-pyongan"}


def test_only_the_two_ri_yong_ho_share_full_keys_and_no_hangul_is_shared(normalizer: Normalizer) -> None:
    index = normalizer.index
    full = [c for c in index.collisions if c.rank != Rank.PARTIAL]
    assert {c.entity_ids for c in full} == {("ri-yong-ho", "ri-yong-ho-kpa")}  # Ri Yong Ho / Li Yong Ho: 리용호, 리영호
    assert not [c.key for c in full if any(is_hangul(char) for char in c.key)]
